using Xunit;

namespace MailDsl.Generators.Tests;

/// <summary>MAIL6006-MAIL6009: the relay's outbound verification (DANE, MTA-STS), by ID and by the source text they point at, at compile time and run time.</summary>
public sealed class OutboundVerificationDiagnosticTests
{
    private const string Relay = """.SmtpOut(s => s.Hosts("relay-01.example.org"){0})""";

    [Theory]
    [InlineData(".OutboundDane()")]
    [InlineData(".OutboundDane(\"::1\").OutboundMtaSts()")]
    [InlineData(".OutboundDane().PostfixSetting(\"smtp_tls_security_level\", \"dane-only\").PostfixSetting(\"smtp_host_lookup\", \"dns, native\")")]
    public async Task Outbound_verification_described_soundly_has_no_diagnostics(string calls)
        => Assert.Empty(await Harness.AnalyzeAsync(Harness.Platform(Relay.Replace("{0}", calls))));

    [Theory]
    [InlineData(".OutboundDane(\"192.0.2.53\")", "MAIL6006", "\"192.0.2.53\"")]
    [InlineData(".OutboundDane(\"0.0.0.0\")", "MAIL6006", "\"0.0.0.0\"")]
    [InlineData(".PostfixSetting(\"smtp_tls_security_level\", \"dane\")", "MAIL6007", "\"dane\"")]
    [InlineData(".OutboundDane().PostfixSetting(\"smtp_dns_support_level\", \"enabled\")", "MAIL6008", "\"enabled\"")]
    [InlineData(".OutboundDane().PostfixSetting(\"smtp_tls_security_level\", \"encrypt\")", "MAIL6008", "\"encrypt\"")]
    [InlineData(".OutboundDane().PostfixSetting(\"smtp_host_lookup\", \"native\")", "MAIL6008", "\"native\"")]
    [InlineData(".PostfixSetting(\"smtp_tls_policy_maps\", \"socketmap:inet:127.0.0.1:8461:postfix\")", "MAIL6009", "\"socketmap:inet:127.0.0.1:8461:postfix\"")]
    [InlineData(".OutboundMtaSts(8462).PostfixSetting(\"smtp_tls_policy_maps\", \"socketmap:inet:127.0.0.1:8461:postfix\")", "MAIL6009", "\"socketmap:inet:127.0.0.1:8461:postfix\"")]
    public async Task A_mistake_about_outbound_verification_is_reported_at_its_argument(string calls, string id, string at)
    {
        var seen = await Harness.AnalyzeAsync(Harness.Platform(Relay.Replace("{0}", calls)));
        Assert.Contains(new Seen(id, at), seen);
        Assert.All(seen.Where(s => s.Id.StartsWith("MAIL60", StringComparison.Ordinal)), s => Assert.Equal(new Seen(id, at), s));
    }

    [Fact]
    public async Task The_MTA_STS_resolver_named_on_the_MX_is_reported_there()
    {
        var seen = await Harness.AnalyzeAsync(Harness.Platform(
            """.SmtpIn(s => s.Hosts("mx-01.example.org").PostfixSetting("smtp_tls_policy_maps", "socketmap:inet:127.0.0.1:8461:postfix"))""" + Relay.Replace("{0}", ".OutboundMtaSts()")));
        Assert.Contains(new Seen("MAIL6009", "\"socketmap:inet:127.0.0.1:8461:postfix\""), seen);
    }

    [Fact]
    public void The_run_time_rules_say_the_same()
    {
        Model.PlatformModel Build(System.Func<SmtpOutBuilder, SmtpOutBuilder> relay)
            => Platform.Create("example.org").Target(Model.Distro.Debian12).Certificate("/etc/ssl/all.crt", "/etc/ssl/all.key")
                .SmtpOut(s => relay(s.Hosts("relay-01.example.org"))).Build();
        Assert.Contains(MailDsl.Rules.RuleSet.Check(Build(s => s.OutboundDane("10.0.0.53"))), f => f.RuleId == "MAIL6006" && f.OriginKey == Model.OriginKeys.SmtpOut.OutboundDane.Resolver);
        Assert.Contains(MailDsl.Rules.RuleSet.Check(Build(s => s.PostfixSetting("smtp_tls_security_level", "dane"))), f => f.RuleId == "MAIL6007");
        Assert.Contains(MailDsl.Rules.RuleSet.Check(Build(s => s.OutboundDane().PostfixSetting("smtp_dns_support_level", "disabled"))), f => f.RuleId == "MAIL6008");
        Assert.DoesNotContain(MailDsl.Rules.RuleSet.Check(Build(s => s.OutboundDane().OutboundMtaSts())), f => f.RuleId.StartsWith("MAIL600", StringComparison.Ordinal));
    }
}
