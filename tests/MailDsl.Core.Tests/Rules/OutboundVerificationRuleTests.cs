using MailDsl.Model;
using MailDsl.Rules;
using Xunit;
using static MailDsl.Core.Tests.Rules.RuleTesting;

namespace MailDsl.Core.Tests.Rules;

/// <summary>
/// The relay's outbound verification as the shared rules see it: MAIL6010 (a TLS level DANE replaces), the verifiers' ports
/// through the port rules (MAIL2002, MAIL2003), and postfix-mta-sts-resolver's socketmap in a raw setting as one MAIL3001
/// (MAIL6009 retired). One mistake, one finding, at the argument that holds it.
/// </summary>
public class OutboundVerificationRuleTests
{
    private static PlatformModel Relay(Func<SmtpOutBuilder, SmtpOutBuilder> relay, Func<Platform, Platform>? more = null)
        => (more ?? (p => p))(Minimal().Target(Distro.Debian12).SmtpOut(s => relay(s.Hosts("relay-01.example.org")))).Build();

    [Fact]
    public void Encrypt_beside_DANE_is_an_error_at_OutboundTls_quoting_postconf_on_the_dane_level()
    {
        var f = Assert.Single(AllFindings(Relay(s => s.OutboundTls(TlsLevel.Encrypt).OutboundDane())));
        Assert.Equal("MAIL6010", f.RuleId);
        Assert.Equal(Severity.Error, f.Severity);
        Assert.Equal(OriginKeys.SmtpOut.OutboundTls, f.OriginKey);
        Assert.Contains("OutboundTls(TlsLevel.Encrypt)", f.Message);
        Assert.Contains("the effective tls security level is may", f.Message);
        Assert.Contains("plaintext", f.Message);
    }

    [Fact]
    public void None_beside_DANE_is_an_error_at_OutboundTls_saying_TLS_stays_on()
    {
        var f = Assert.Single(AllFindings(Relay(s => s.OutboundDane("::1").OutboundTls(TlsLevel.None))));
        Assert.Equal("MAIL6010", f.RuleId);
        Assert.Equal(OriginKeys.SmtpOut.OutboundTls, f.OriginKey);
        Assert.Contains("OutboundTls(TlsLevel.None)", f.Message);
        Assert.Contains("not turned off", f.Message);
    }

    [Theory]
    [InlineData(TlsLevel.May, true)]
    [InlineData(TlsLevel.Encrypt, false)]
    [InlineData(TlsLevel.None, false)]
    public void A_level_DANE_does_not_replace_is_not_reported(TlsLevel level, bool dane)
        => Assert.Empty(Findings(Relay(s => dane ? s.OutboundTls(level).OutboundDane() : s.OutboundTls(level).OutboundMtaSts()), "MAIL6010"));

    [Fact]
    public void Mandatory_client_ciphers_count_under_DANE_which_postconf_treats_as_mandatory_for_cipher_selection()
    {
        var raw = Relay(s => s.OutboundDane().PostfixSetting("smtp_tls_mandatory_ciphers", "high"));
        Assert.Empty(Findings(raw, "MAIL4013"));
        Assert.Single(Findings(Relay(s => s.PostfixSetting("smtp_tls_mandatory_ciphers", "high")), "MAIL4013"));
    }

    [Theory]
    [InlineData(0, false, 0)]
    [InlineData(-1, true, -1)]
    [InlineData(65536, true, 65536)]
    [InlineData(65535, true, 65536)]
    public void A_verifier_port_outside_1_to_65535_is_one_error_at_OutboundMtaSts_naming_the_port(int port, bool dane, int named)
    {
        var findings = AllFindings(Relay(s => dane ? s.OutboundDane().OutboundMtaSts(port) : s.OutboundMtaSts(port)));
        var f = Assert.Single(findings);
        Assert.Equal("MAIL2003", f.RuleId);
        Assert.Equal(OriginKeys.SmtpOut.OutboundMtaSts.Port, f.OriginKey);
        Assert.Contains($"has port {named},", f.Message);
        Assert.Contains(".OutboundMtaSts(resolverPort)", f.Message);
    }

    [Theory]
    [InlineData(65535, false)]
    [InlineData(65534, true)]
    [InlineData(1, true)]
    public void A_verifier_port_in_range_is_fine(int port, bool dane)
        => Assert.Empty(AllFindings(Relay(s => dane ? s.OutboundDane().OutboundMtaSts(port) : s.OutboundMtaSts(port))));

    [Theory]
    [InlineData(25, false, "Port 25", "listener 'smtp'")]
    [InlineData(587, false, "Port 587", "listener 'submission'")]
    [InlineData(465, false, "Port 465", "listener 'submissions'")]
    [InlineData(464, true, "Port 465", "DANE-first lookup")]
    [InlineData(24, true, "Port 25", "DANE-first lookup")]
    [InlineData(53, true, "Port 53", "unbound")]
    [InlineData(52, true, "Port 53", "unbound")]
    public void A_verifier_port_a_relay_listener_or_unbound_takes_is_one_clash_at_OutboundMtaSts(int port, bool dane, string names, string with)
    {
        var model = Relay(s => (dane ? s.OutboundDane() : s).Submission().Submissions().OutboundMtaSts(port));
        var f = Assert.Single(AllFindings(model));
        Assert.Equal("MAIL2002", f.RuleId);
        Assert.Equal(OriginKeys.SmtpOut.OutboundMtaSts.Port, f.OriginKey);
        Assert.Contains(names, f.Message);
        Assert.Contains(with, f.Message);
    }

    [Fact]
    public void Both_verifier_ports_taken_is_still_one_clash()
    {
        var model = Relay(s => s.Smtp(2526).Submission(2525).OutboundDane().OutboundMtaSts(2525));
        var f = Assert.Single(AllFindings(model));
        Assert.Equal("MAIL2002", f.RuleId);
        Assert.Contains("Port 2525", f.Message);
    }

    [Fact]
    public void A_verifier_port_clashes_with_another_layer_on_a_shared_host_only()
    {
        Platform Webmail(Platform p, params string[] hosts) => p.Webmail(w => w.Hosts(hosts).Https(8443));
        var shared = Relay(s => s.OutboundMtaSts(8443), p => Webmail(p, "web-01.example.org", "relay-01.example.org"));
        var f = Assert.Single(Findings(shared, "MAIL2002"));
        Assert.Contains("'relay-01.example.org'", f.Message);
        Assert.Contains("MTA-STS resolver", f.Message);

        Assert.Empty(Findings(Relay(s => s.OutboundMtaSts(8443), p => Webmail(p, "web-01.example.org")), "MAIL2002"));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void The_MTA_STS_resolvers_socketmap_in_a_raw_setting_is_one_MAIL3001_at_the_map_with_what_MAIL6009_said(bool mtaSts)
    {
        const string Map = "socketmap:inet:127.0.0.1:8461:postfix";
        var value = "tcp:127.0.0.1:8462, " + Map;
        var model = Relay(s => (mtaSts ? s.OutboundMtaSts() : s).PostfixSetting("smtp_tls_policy_maps", value));
        var f = Assert.Single(AllFindings(model));
        Assert.Equal("MAIL3001", f.RuleId);
        Assert.Equal(OriginKeys.SmtpOut.Setting(Daemon.Postfix, "smtp_tls_policy_maps", 0).Value, f.OriginKey);
        // The first lookup table is the spot: the DANE-first lookup's tcp table, reported as any other table.
        Assert.Equal(value.IndexOf("tcp:", StringComparison.Ordinal), f.SubStart);

        var alone = Assert.Single(AllFindings(Relay(s => (mtaSts ? s.OutboundMtaSts() : s).PostfixSetting("smtp_tls_policy_maps", Map))));
        Assert.Equal("MAIL3001", alone.RuleId);
        Assert.Equal((0, Map.Length), (alone.SubStart, alone.SubLength));
        Assert.Contains("postfix-mta-sts-resolver's socketmap '" + Map + "'", alone.Message);
        Assert.Contains("TLS policy lookup error", alone.Message);
        Assert.Contains(".OutboundMtaSts()", alone.Message);
    }
}
