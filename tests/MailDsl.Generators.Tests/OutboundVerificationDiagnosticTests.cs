using Xunit;

namespace MailDsl.Generators.Tests;

/// <summary>
/// MAIL6006-MAIL6010 and the port rules on the relay's verifiers: the relay's outbound verification (DANE, MTA-STS), by ID and
/// by the source text they point at, at compile time and run time; one mistake, one diagnostic.
/// </summary>
public sealed class OutboundVerificationDiagnosticTests
{
    private const string Relay = """.SmtpOut(s => s.Hosts("relay-01.example.org"){0})""";

    [Theory]
    [InlineData(".OutboundDane()")]
    [InlineData(".OutboundDane(\"::1\").OutboundMtaSts()")]
    [InlineData(".OutboundDane().PostfixSetting(\"smtp_tls_security_level\", \"dane-only\").PostfixSetting(\"smtp_host_lookup\", \"dns, native\")")]
    [InlineData(".OutboundTls(TlsLevel.May).OutboundDane()")]
    [InlineData(".OutboundTls(TlsLevel.Encrypt).OutboundMtaSts()")]
    [InlineData(".OutboundDane().OutboundMtaSts(65534)")]
    [InlineData(".OutboundMtaSts(65535)")]
    [InlineData(".OutboundMtaSts(1)")]
    public async Task Outbound_verification_described_soundly_has_no_diagnostics(string calls)
        => Assert.Empty(await Harness.AnalyzeAsync(Harness.Platform(Relay.Replace("{0}", calls))));

    [Theory]
    [InlineData(".OutboundDane(\"192.0.2.53\")", "MAIL6006", "\"192.0.2.53\"")]
    [InlineData(".OutboundDane(\"0.0.0.0\")", "MAIL6006", "\"0.0.0.0\"")]
    [InlineData(".PostfixSetting(\"smtp_tls_security_level\", \"dane\")", "MAIL6007", "\"dane\"")]
    [InlineData(".OutboundDane().PostfixSetting(\"smtp_dns_support_level\", \"enabled\")", "MAIL6008", "\"enabled\"")]
    [InlineData(".OutboundDane().PostfixSetting(\"smtp_tls_security_level\", \"encrypt\")", "MAIL6008", "\"encrypt\"")]
    [InlineData(".OutboundDane().PostfixSetting(\"smtp_host_lookup\", \"native\")", "MAIL6008", "\"native\"")]
    [InlineData(".OutboundTls(TlsLevel.Encrypt).OutboundDane()", "MAIL6010", "TlsLevel.Encrypt")]
    [InlineData(".OutboundDane().OutboundTls(level: TlsLevel.None)", "MAIL6010", "TlsLevel.None")]
    public async Task A_mistake_about_outbound_verification_is_reported_at_its_argument(string calls, string id, string at)
        => Assert.Equal(new[] { new Seen(id, at) }, await Harness.AnalyzeAsync(Harness.Platform(Relay.Replace("{0}", calls))));

    // One mistake, one diagnostic: MAIL3001 (the Postfix grammar refuses raw lookup tables) says what the retired MAIL6009 said.
    [Theory]
    [InlineData(".PostfixSetting(\"smtp_tls_policy_maps\", \"socketmap:inet:127.0.0.1:8461:postfix\")")]
    [InlineData(".OutboundMtaSts(8462).PostfixSetting(\"smtp_tls_policy_maps\", \"socketmap:inet:127.0.0.1:8461:postfix\")")]
    [InlineData(".OutboundMtaSts().PostfixSetting(\"smtp_tls_policy_maps\", \"socketmap:inet:127.0.0.1:8461:postfix\")")]
    public async Task A_raw_map_naming_the_MTA_STS_resolver_is_one_diagnostic_at_the_map(string calls)
    {
        var diagnostics = await Harness.DiagnosticsAsync(Harness.Compile(Harness.Platform(Relay.Replace("{0}", calls))));
        var d = Assert.Single(diagnostics);
        Assert.Equal("MAIL3001", d.Id);
        Assert.Equal("socketmap:inet:127.0.0.1:8461:postfix", d.Location.SourceTree!.GetText().ToString(d.Location.SourceSpan));
        Assert.Contains("postfix-mta-sts-resolver's socketmap", d.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Contains(".OutboundMtaSts()", d.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
    }

    // The MTA-STS resolver's port and the DANE-first lookup's (the one after it) go through the port rules, at OutboundMtaSts's argument.
    [Theory]
    [InlineData(".OutboundMtaSts(0)", "MAIL2003", "0", "port 0")]
    [InlineData(".OutboundMtaSts(70000)", "MAIL2003", "70000", "port 70000")]
    [InlineData(".OutboundDane().OutboundMtaSts(70000)", "MAIL2003", "70000", "port 70000")]
    [InlineData(".OutboundDane().OutboundMtaSts(65535)", "MAIL2003", "65535", "port 65536")]
    [InlineData(".OutboundMtaSts(25)", "MAIL2002", "25", "Port 25")]
    [InlineData(".Submission().OutboundMtaSts(587)", "MAIL2002", "587", "Port 587")]
    [InlineData(".Submissions().OutboundDane().OutboundMtaSts(464)", "MAIL2002", "464", "Port 465")]
    [InlineData(".OutboundDane().OutboundMtaSts(24)", "MAIL2002", "24", "Port 25")]
    [InlineData(".Submission(2525).Smtp(2526).OutboundDane().OutboundMtaSts(2525)", "MAIL2002", "2525", "Port 2525")]
    [InlineData(".OutboundDane().OutboundMtaSts(53)", "MAIL2002", "53", "Port 53")]
    [InlineData(".OutboundDane().OutboundMtaSts(resolverPort: 52)", "MAIL2002", "52", "Port 53")]
    public async Task A_verifier_port_out_of_range_or_taken_is_one_diagnostic_at_OutboundMtaSts_naming_the_port(string calls, string id, string at, string names)
    {
        var diagnostics = await Harness.DiagnosticsAsync(Harness.Compile(Harness.Platform(Relay.Replace("{0}", calls))));
        var d = Assert.Single(diagnostics);
        Assert.Equal(new Seen(id, at), new Seen(d.Id, d.Location.SourceTree!.GetText().ToString(d.Location.SourceSpan)));
        Assert.Contains(names, d.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task The_MTA_STS_port_taken_on_a_host_the_relay_shares_with_the_webmail_is_a_clash()
    {
        var diagnostics = await Harness.DiagnosticsAsync(Harness.Compile(Harness.Platform(
            """.SmtpOut(s => s.Hosts("relay-01.example.org").OutboundMtaSts(8443)).Webmail(w => w.Hosts("web-01.example.org", "relay-01.example.org").Https(8443))""")));
        var clash = Assert.Single(diagnostics, d => d.Id == "MAIL2002");
        Assert.Equal("8443", clash.Location.SourceTree!.GetText().ToString(clash.Location.SourceSpan));
        Assert.Contains("'relay-01.example.org'", clash.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Contains("MTA-STS resolver", clash.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task The_MTA_STS_resolver_named_on_the_MX_is_reported_there_once()
    {
        var seen = await Harness.AnalyzeAsync(Harness.Platform(
            """.SmtpIn(s => s.Hosts("mx-01.example.org").PostfixSetting("smtp_tls_policy_maps", "socketmap:inet:127.0.0.1:8461:postfix"))""" + Relay.Replace("{0}", ".OutboundMtaSts()")));
        Assert.Equal(new[] { new Seen("MAIL3001", "socketmap:inet:127.0.0.1:8461:postfix") }, seen);
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
        Assert.Contains(MailDsl.Rules.RuleSet.Check(Build(s => s.OutboundTls(Model.TlsLevel.Encrypt).OutboundDane())), f => f.RuleId == "MAIL6010" && f.OriginKey == Model.OriginKeys.SmtpOut.OutboundTls);
        Assert.Contains(MailDsl.Rules.RuleSet.Check(Build(s => s.OutboundDane().OutboundMtaSts(65535))), f => f.RuleId == "MAIL2003" && f.OriginKey == Model.OriginKeys.SmtpOut.OutboundMtaSts.Port);
        Assert.Contains(MailDsl.Rules.RuleSet.Check(Build(s => s.OutboundMtaSts(25))), f => f.RuleId == "MAIL2002" && f.OriginKey == Model.OriginKeys.SmtpOut.OutboundMtaSts.Port);
        Assert.DoesNotContain(MailDsl.Rules.RuleSet.Check(Build(s => s.OutboundDane().OutboundMtaSts())), f => f.RuleId.StartsWith("MAIL600", StringComparison.Ordinal));
    }
}
