using MailDsl.Model;
using MailDsl.Rules;
using Xunit;
using static MailDsl.Core.Tests.Rules.RuleTesting;

namespace MailDsl.Core.Tests.Rules;

public class DuplicateSettingTests
{
    [Fact]
    public void The_guides_doubled_tls_disable_workarounds_is_a_warning_at_the_second()
    {
        var model = Minimal().SmtpIn(s => s.Hosts("mx-01.example.org")
            .PostfixSetting("tls_disable_workarounds", "0xFFFFFFFF")
            .PostfixSetting("smtpd_starttls_timeout", "300s")
            .PostfixSetting("tls_disable_workarounds", "CVE-2010-4180")).Build();

        var f = Assert.Single(Findings(model, "MAIL4001"));
        Assert.Equal(Severity.Warning, f.Severity);
        Assert.Equal("smtpIn.setting.postfix.tls_disable_workarounds.1.key", f.OriginKey);
        Assert.Contains("'tls_disable_workarounds'", f.Message);
        Assert.Contains("0xFFFFFFFF", f.Message);
        Assert.Contains("CVE-2010-4180", f.Message);
    }

    [Fact]
    public void A_third_copy_is_reported_too_and_the_same_value_twice_is_called_redundant()
    {
        var model = Minimal().Mailstore(m => m.Hosts("store-01.example.org")
            .DovecotSetting("ssl_prefer_server_ciphers", "yes")
            .DovecotSetting("ssl_prefer_server_ciphers", "yes")
            .DovecotSetting("ssl_prefer_server_ciphers", "no")).Build();

        var findings = Findings(model, "MAIL4001");
        Assert.Equal(new[] { "mailstore.setting.dovecot.ssl_prefer_server_ciphers.1.key", "mailstore.setting.dovecot.ssl_prefer_server_ciphers.2.key" },
            findings.Select(f => f.OriginKey));
        Assert.Contains("same value", findings[0].Message);
    }

    [Fact]
    public void The_same_name_for_two_daemons_or_in_two_layers_is_not_a_duplicate()
    {
        var model = Minimal()
            .SmtpIn(s => s.Hosts("mx-01.example.org").PostfixSetting("smtpd_starttls_timeout", "300s"))
            .SmtpOut(s => s.Hosts("relay-01.example.org").PostfixSetting("smtpd_starttls_timeout", "300s"))
            .Mailstore(m => m.Hosts("store-01.example.org").PostfixSetting("ssl", "x").DovecotSetting("ssl", "required"))
            .Build();

        Assert.Empty(Findings(model, "MAIL4001"));
    }
}

public class NginxRegexWithoutTildeTests
{
    private const string GuideMatch = "^/SOGo/so/ControlPanel/Products/([^/]*)/Resources/(.*)$";

    [Fact]
    public void The_guides_caret_location_is_an_error_with_the_fixed_match()
    {
        var model = Minimal().Webmail(w => w.Hosts("web-01.example.org")
            .NginxLocation("/sogo-static/", "alias /usr/lib64/GNUstep/SOGo/WebServerResources/;")
            .NginxLocation(GuideMatch, "alias /usr/lib64/GNUstep/SOGo/$1.SOGo/Resources/$2;")).Build();

        var f = Assert.Single(Findings(model, "MAIL4002"));
        Assert.Equal(Severity.Error, f.Severity);
        Assert.Contains("MailDsl leaves it out of the site", f.Message);
        Assert.Equal("webmail.location.1.match", f.OriginKey);
        Assert.Contains(GuideMatch, f.Message);
        Assert.Contains("literal prefix", f.Message);
        Assert.Equal("~ " + GuideMatch, Property(f, FixProperties.FixedValue));
    }

    [Theory]
    [InlineData("^~ /SOGo")]
    [InlineData("^~/SOGo")]
    [InlineData("~ ^/SOGo")]
    [InlineData("~* ^/sogo")]
    [InlineData("~^/SOGo")]
    [InlineData("= /principals/")]
    [InlineData("/SOGo")]
    public void Locations_with_a_modifier_or_a_plain_prefix_are_fine(string match)
    {
        var model = Minimal().Webmail(w => w.Hosts("web-01.example.org").NginxLocation(match, "return 404;")).Build();

        Assert.Empty(Findings(model, "MAIL4002"));
    }
}

public class WeakenedTlsOptionTests
{
    [Theory]
    [InlineData("smtpd_tls_auth_only", "no", "before STARTTLS")]
    [InlineData("smtpd_tls_security_level", "none", "turns TLS off")]
    [InlineData("tls_ssl_options", "no_ticket, legacy_server_connect", "LEGACY_SERVER_CONNECT")]
    public void Weakening_postfix_settings_are_warnings_at_the_value(string key, string value, string named)
    {
        var model = Minimal().SmtpIn(s => s.Hosts("mx-01.example.org").PostfixSetting(key, value)).Build();

        var f = Assert.Single(Findings(model, "MAIL4003"));
        Assert.Equal(Severity.Warning, f.Severity);
        Assert.Equal($"smtpIn.setting.postfix.{key}.0.value", f.OriginKey);
        Assert.Contains(value, f.Message);
        Assert.Contains(named, f.Message);
    }

    [Theory]
    [InlineData("ssl", "yes", "required")]
    [InlineData("ssl", "no", "turns TLS off")]
    [InlineData("disable_plaintext_auth", "no", "plaintext passwords")]
    public void Weakening_dovecot_settings_are_warnings_at_the_value(string key, string value, string named)
    {
        var model = Minimal().Mailstore(m => m.Hosts("store-01.example.org").DovecotSetting(key, value)).Build();

        var f = Assert.Single(Findings(model, "MAIL4003"));
        Assert.Equal($"mailstore.setting.dovecot.{key}.0.value", f.OriginKey);
        Assert.Contains(named, f.Message);
    }

    [Fact]
    public void Client_cipher_preference_is_weak_only_when_the_list_has_weak_suites()
    {
        static PlatformModel With(Func<MailstoreBuilder, MailstoreBuilder> tls) => Minimal()
            .Mailstore(m => tls(m.Hosts("store-01.example.org")).DovecotSetting("ssl_prefer_server_ciphers", "no")).Build();

        Assert.Empty(Findings(With(m => m.Tls(TlsProfile.Intermediate)), "MAIL4003"));
        Assert.Empty(Findings(With(m => m.Tls(TlsProfile.Modern)), "MAIL4003"));
        Assert.Contains("old profile", Assert.Single(Findings(With(m => m.Tls(TlsProfile.Old)), "MAIL4003")).Message);
        Assert.Contains("custom string", Assert.Single(Findings(With(m => m.Ciphers("ALL:!LOW:!SSLv2:!SSLv3:!EXP:!aNULL")), "MAIL4003")).Message);
    }

    [Theory]
    [InlineData(Daemon.Postfix, "tls_disable_workarounds", "0xFFFFFFFF")]
    [InlineData(Daemon.Postfix, "tls_ssl_options", "no_ticket, no_compression")]
    [InlineData(Daemon.Postfix, "smtpd_tls_mandatory_protocols", "!SSLv2, !SSLv3")] // protocols are MAIL1010/MAIL1011's
    [InlineData(Daemon.Dovecot, "ssl_min_protocol", "TLSv1")]
    [InlineData(Daemon.Postfix, "smtpd_tls_ciphers", "export")] // cipher grades are MAIL1001/MAIL1002's
    [InlineData(Daemon.Postfix, "smtpd_tls_mandatory_ciphers", "high")]
    [InlineData(Daemon.Postfix, "smtpd_tls_auth_only", "yes")]
    [InlineData(Daemon.Dovecot, "ssl", "required")]
    public void Settings_that_keep_or_tighten_tls_are_fine(Daemon daemon, string key, string value)
    {
        var model = Minimal().Mailstore(m =>
        {
            m.Hosts("store-01.example.org");
            if (daemon == Daemon.Postfix) m.PostfixSetting(key, value); else m.DovecotSetting(key, value);
        }).Build();

        Assert.Empty(Findings(model, "MAIL4003"));
    }
}
