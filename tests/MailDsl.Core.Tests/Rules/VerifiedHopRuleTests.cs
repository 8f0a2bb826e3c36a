using MailDsl.Model;
using MailDsl.Topology;
using Xunit;
using static MailDsl.Core.Tests.Rules.RuleTesting;

namespace MailDsl.Core.Tests.Rules;

/// <summary>MAIL1031-MAIL1034 and the hops they read: every hop between layers verifies, and each way of undoing that is reported at its value.</summary>
public class VerifiedHopRuleTests
{
    private static Platform Layers(Action<WebmailBuilder>? web = null, Action<SmtpInBuilder>? mx = null, Action<SmtpOutBuilder>? relay = null)
        => Minimal()
            .SmtpIn(s => { s.Hosts("mx.example.org"); mx?.Invoke(s); })
            .SmtpOut(s => { s.Hosts("relay.example.org").Submission(); relay?.Invoke(s); })
            .Mailstore(m => m.Hosts("store.example.org").Imaps(993).ManageSieve())
            .Webmail(w => { w.Hosts("web.example.org"); web?.Invoke(w); });

    [Fact]
    public void Every_hop_between_layers_is_verified_as_emitted()
    {
        var hops = PlatformHops.Of(Layers().Build()).Where(h => h.BetweenLayers).ToList();

        Assert.Equal(new[] { "smtpIn>mailstore", "smtpOut>smtpIn", "webmail>mailstore", "webmail>smtpOut", "webmail>mailstore" },
            hops.Select(h => h.From.Key + ">" + h.To.Key));
        Assert.All(hops, h => Assert.Equal(HopVerification.Verified, h.Verification));
        Assert.All(hops, h => Assert.NotEqual(HopTls.None, h.Tls));
        Assert.Contains(hops, h => h.Protocol == "ManageSieve" && h.Dials == "store.example.org");
        Assert.DoesNotContain(AllFindings(Layers().Build()), f => f.RuleId is "MAIL1031" or "MAIL1032" or "MAIL1033" or "MAIL1034");
    }

    [Theory]
    [InlineData("imap://store.example.org:143")]
    [InlineData("store.example.org:143")]
    public void An_imap_url_without_tls_is_an_error_at_the_url(string url)
    {
        var f = Assert.Single(Findings(Layers(w => w.Imap(url)).Build(), "MAIL1031"));
        Assert.Equal("webmail.imapServer", f.OriginKey);
        Assert.Contains("imaps://store.example.org:993", f.Message);
    }

    [Fact]
    public void A_raw_smtp_url_without_tls_is_an_error_at_the_value_and_the_hop_shows_it()
    {
        var model = Layers(w => w.SogoSetting("SOGoSMTPServer", "\"smtp://relay.example.org:587\"")).Build();

        var f = Assert.Single(Findings(model, "MAIL1031"));
        Assert.Equal("webmail.setting.sogo.SOGoSMTPServer.0.value", f.OriginKey);
        var hop = PlatformHops.Of(model).Single(h => h.Purpose == "SOGo sends mail");
        Assert.Equal((HopTls.None, HopVerification.NoTls), (hop.Tls, hop.Verification));
    }

    [Theory]
    [InlineData("imaps://store.example.org:993")]
    [InlineData("imap://store.example.org:143/?tls=YES")]
    [InlineData("imap://localhost:143")]
    [InlineData("imap://127.0.0.1:143")]
    public void Tls_or_the_host_itself_stays_silent(string url)
        => Assert.Empty(Findings(Layers(w => w.Imap(url)).Build(), "MAIL1031"));

    [Fact]
    public void Verification_off_is_an_error_at_the_url_and_the_hop_is_not_verified()
    {
        var model = Layers(w => w.Imap("imaps://store.example.org:993/?tlsVerifyMode=none")).Build();

        var f = Assert.Single(Findings(model, "MAIL1032"));
        Assert.Equal("webmail.imapServer", f.OriginKey);
        Assert.Equal(HopVerification.NotVerified, PlatformHops.Of(model).Single(h => h.Purpose == "SOGo reads mail").Verification);
    }

    [Theory]
    [InlineData("imaps://store.example.org:993/?tlsVerifyMode=default")]
    [InlineData("imaps://localhost:993/?tlsVerifyMode=none")]
    public void The_default_verify_mode_or_the_host_itself_stays_silent(string url)
        => Assert.Empty(Findings(Layers(w => w.Imap(url)).Build(), "MAIL1032"));

    [Fact]
    public void Allow_insecure_localhost_on_a_remote_name_is_a_warning_at_the_value()
    {
        var model = Layers(w => w.SogoSetting("SOGoSieveServer", "\"sieve://store.example.org:4190/?tls=YES&tlsVerifyMode=allowInsecureLocalhost\"")).Build();

        var f = Assert.Single(Findings(model, "MAIL1033"));
        Assert.Equal("webmail.setting.sogo.SOGoSieveServer.0.value", f.OriginKey);
        Assert.Equal(MailDsl.Rules.Severity.Warning, f.Severity);
    }

    [Fact]
    public void Allow_insecure_localhost_on_localhost_stays_silent()
        => Assert.Empty(Findings(Layers(w => w.SogoSetting("SOGoSieveServer", "\"sieve://localhost:4190/?tls=YES&tlsVerifyMode=allowInsecureLocalhost\"")).Build(), "MAIL1033"));

    [Fact]
    public void A_raw_url_replaces_the_generated_one_in_place_in_sogo_conf()
    {
        var model = Layers(w => w.SogoSetting("SOGoIMAPServer", "\"imap://store.example.org:143/?tls=YES\"")).Build();
        var conf = MailDsl.Render.PlatformRenderer.Render(model).Single(a => a.Path == "/etc/sogo/sogo.conf").Content;

        Assert.Single(conf.Split('\n'), l => l.TrimStart().StartsWith("SOGoIMAPServer", StringComparison.Ordinal));
        Assert.Contains("SOGoIMAPServer = \"imap://store.example.org:143/?tls=YES\";", conf);
    }

    [Fact]
    public void An_mx_relay_transport_off_the_internal_transport_is_an_error_at_the_value()
    {
        var model = Layers(mx: s => s.PostfixSetting("relay_transport", "relay:[store.example.org]:25")).Build();

        var f = Assert.Single(Findings(model, "MAIL1034"));
        Assert.Equal("smtpIn.setting.postfix.relay_transport.0.value", f.OriginKey);
        Assert.Contains("maildsl-internal:[store.example.org]:25", f.Message);
        Assert.Equal(HopVerification.NotVerified, PlatformHops.Of(model).Single(h => h.Purpose == "delivery to the mailstore").Verification);
    }

    [Fact]
    public void A_relay_transport_table_of_its_own_is_an_error_at_the_value()
    {
        var model = Layers(relay: s => s.PostfixSetting("transport_maps", "hash:/etc/postfix/mytransport")).Build();

        var f = Assert.Single(Findings(model, "MAIL1034"));
        Assert.Equal("smtpOut.setting.postfix.transport_maps.0.value", f.OriginKey);
    }

    [Theory]
    [InlineData("smtp_tls_security_level", "may")]
    [InlineData("smtp_tls_security_level", "none")]
    public void A_lower_internet_level_on_the_relay_does_not_reach_the_internal_hops(string key, string value)
    {
        var model = Layers(relay: s => s.PostfixSetting(key, value)).Build();

        Assert.Empty(Findings(model, "MAIL1034"));
        Assert.Equal(HopVerification.Verified, PlatformHops.Of(model).Single(h => h.Purpose == "the platform's own domain stays inside").Verification);
    }

    [Fact]
    public void An_mx_relay_transport_kept_on_the_internal_transport_stays_silent()
        => Assert.Empty(Findings(Layers(mx: s => s.PostfixSetting("relay_transport", "maildsl-internal:[store-vip.example.org]:25")).Build(), "MAIL1034"));
}
