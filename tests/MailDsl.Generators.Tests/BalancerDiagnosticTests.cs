using Xunit;

namespace MailDsl.Generators.Tests;

/// <summary>MAIL7014-MAIL7018 and the widened MAIL7004/MAIL7006: balancer values, by ID and by the source text they point at, at compile time and run time.</summary>
public sealed class BalancerDiagnosticTests
{
    private const string Layers = """
        .SmtpIn(s => s.Host("mx1.example.org", "10.0.0.11").Host("mx2.example.org", "10.0.0.12").Vip("mx.example.org", "10.0.0.100"){1})
        .Mailstore(m => m.Host("store1.example.org", "10.0.0.21").Host("store2.example.org", "10.0.0.22").Vip("imap.example.org", "10.0.0.101").Imaps())
        .Balancers(b => b.Host("lb1.example.org", "10.0.0.2").Host("lb2.example.org", "10.0.0.3"){0})
        """;

    private static string Chain(string balancers, string mx = "") => Layers.Replace("{0}", balancers).Replace("{1}", mx);

    [Fact]
    public async Task Balancers_described_soundly_have_no_balancing_diagnostics()
        => Assert.DoesNotContain(await Harness.AnalyzeAsync(Harness.Platform(Chain(".IdleTimeout(31).VirtualRouterId(200).Stats(8404, \"10.0.0.2\")"))),
            s => s.Id.StartsWith("MAIL70", StringComparison.Ordinal));

    [Theory]
    [InlineData(".IdleTimeout(0)", "MAIL7014", "0")]
    [InlineData(".VirtualRouterId(255)", "MAIL7014", "255")]
    [InlineData(".Host(\"store1.example.org\", \"10.0.0.21\")", "MAIL7015", "\"store1.example.org\"")]
    [InlineData(".Stats(8404, \"0.0.0.0\")", "MAIL7017", "\"0.0.0.0\"")]
    [InlineData(".Stats(8404, \"10.0.0.100\")", "MAIL7017", "\"10.0.0.100\"")]
    [InlineData(".Stats(8404, \"192.0.2.10\")", "MAIL7018", "\"192.0.2.10\"")]
    [InlineData(".HealthCheck(\"mailstore\", \"imaps\", \"220\")", "MAIL7006", "\"220\"")]
    public async Task A_balancer_value_out_of_range_is_reported_at_its_argument(string calls, string id, string at)
    {
        var seen = await Harness.AnalyzeAsync(Harness.Platform(Chain(calls)));
        Assert.Contains(new Seen(id, at), seen);
        // IdleTimeout(0) also breaks IMAP IDLE (MAIL7007, a warning at the same argument); nothing else of the area speaks.
        Assert.All(seen.Where(s => s.Id.StartsWith("MAIL70", StringComparison.Ordinal) && s.Id != "MAIL7007"), s => Assert.Equal(new Seen(id, at), s));
    }

    [Fact]
    public async Task Mynetworks_style_subnet_behind_balancers_is_reported_at_its_value()
        => Assert.Contains(new Seen("MAIL7004", "\"subnet\""),
            await Harness.AnalyzeAsync(Harness.Platform(Chain("", mx: ".PostfixSetting(\"mynetworks_style\", \"subnet\")"))));

    [Fact]
    public async Task Emitted_balancers_with_no_host_are_reported_at_the_call()
    {
        var seen = await Harness.AnalyzeAsync(Harness.Platform(
            """.Mailstore(m => m.Host("store1.example.org", "10.0.0.21").Vip("imap.example.org", "10.0.0.101").Imaps()).Balancers(b => b.Stats(8404))"""));
        // Nothing was written, so it sits on the .Balancers(...) call's name, as MAIL7003 does for an LBaaS without .From(...).
        Assert.Contains(new Seen("MAIL7016", "Balancers"), seen);
        Assert.DoesNotContain(seen, s => s.Id == "MAIL7010");
    }

    [Fact]
    public void The_run_time_rules_say_the_same()
    {
        Model.PlatformModel Build(System.Func<BalancerBuilder, BalancerBuilder> balancers)
            => Platform.Create("example.org").Target(Model.Distro.Debian12).Certificate("/etc/ssl/all.crt", "/etc/ssl/all.key")
                .Mailstore(m => m.Host("store1.example.org", "10.0.0.21").Host("store2.example.org", "10.0.0.22").Vip("imap.example.org", "10.0.0.101").Imaps())
                .Balancers(b => balancers(b.Host("lb1.example.org", "10.0.0.2").Host("lb2.example.org", "10.0.0.3"))).Build();
        Assert.Contains(MailDsl.Rules.RuleSet.Check(Build(b => b.IdleTimeout(0))), f => f.RuleId == "MAIL7014" && f.OriginKey == Model.OriginKeys.Balancers.IdleTimeout);
        Assert.Contains(MailDsl.Rules.RuleSet.Check(Build(b => b.VirtualRouterId(256))), f => f.RuleId == "MAIL7014" && f.OriginKey == Model.OriginKeys.Balancers.VirtualRouterId);
        Assert.Contains(MailDsl.Rules.RuleSet.Check(Build(b => b.Stats(8404, "::"))), f => f.RuleId == "MAIL7017" && f.OriginKey == Model.OriginKeys.Balancers.Stats.Address);
        Assert.Contains(MailDsl.Rules.RuleSet.Check(Build(b => b.Stats(8404, "198.51.100.7"))), f => f.RuleId == "MAIL7018");
        Assert.DoesNotContain(MailDsl.Rules.RuleSet.Check(Build(b => b)), f => f.RuleId.StartsWith("MAIL70", StringComparison.Ordinal));
    }
}
