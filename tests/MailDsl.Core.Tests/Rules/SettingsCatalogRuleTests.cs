using MailDsl.Daemons.Settings;
using MailDsl.Model;
using MailDsl.Render;
using MailDsl.Rules;
using MailDsl.Targets;
using MailDsl.TestPlatform;
using Xunit;
using static MailDsl.Core.Tests.Rules.RuleTesting;

namespace MailDsl.Core.Tests.Rules;

/// <summary>
/// The settings catalogues (generated from the daemons, scripts/catalogs) and the rules that check every raw setting
/// against the target's catalogue: MAIL4010-MAIL4016. The catalogues themselves are held to the daemons by the Render
/// tests' CatalogReproducibilityTests, which regenerate them and find no difference.
/// </summary>
public class SettingsCatalogRuleTests
{
    private static Platform Store(Distro distro, params (string Key, string Value)[] settings)
        => Minimal().Target(distro).Mailstore(m =>
        {
            m.Hosts("store-01.example.org");
            foreach (var (k, v) in settings) m.DovecotSetting(k, v);
        });

    private static Platform Mx(Distro distro, params (string Key, string Value)[] settings)
        => Minimal().Target(distro).SmtpIn(s =>
        {
            s.Hosts("mx-01.example.org");
            foreach (var (k, v) in settings) s.PostfixSetting(k, v);
        });

    private static Platform Web(Distro distro, params (string Key, string Value)[] settings)
        => Minimal().Target(distro).Webmail(w =>
        {
            w.Hosts("web-01.example.org").Imap("imaps://imap.example.org:993").Smtp("smtp://smtp.example.org:587/?tls=YES");
            foreach (var (k, v) in settings) w.SogoSetting(k, v);
        });

    private static List<Finding> CatalogFindings(Platform platform)
        => AllFindings(platform.Build()).Where(f => f.RuleId is "MAIL4010" or "MAIL4011" or "MAIL4012" or "MAIL4013" or "MAIL4014" or "MAIL4015" or "MAIL4016").ToList();

    // ------------------------------------------------------------------ the loader

    [Theory]
    [InlineData(Daemon.Postfix, "3.7.11", "3.7.11", true)]
    [InlineData(Daemon.Postfix, "3.10.13", "3.10.13", true)]
    [InlineData(Daemon.Postfix, "3.5.9", "3.5.9", true)]     // RHEL 9, reasoned
    [InlineData(Daemon.Postfix, "3.8.6", "3.8.5", true)]     // Ubuntu 24.04: the 3.8 series' catalogue
    [InlineData(Daemon.Postfix, "3.9.2", "3.8.5", false)]    // newest series not newer than 3.9
    [InlineData(Daemon.Dovecot, "2.3.16", "2.3.19", true)]   // RHEL 9: same series
    [InlineData(Daemon.Dovecot, "2.4.0", "2.4.1", true)]
    [InlineData(Daemon.Nginx, "1.24.0", "1.22.1", false)]
    [InlineData(Daemon.Nginx, "1.20.1", "1.22.1", false)]    // older than every catalogue: the oldest of the major
    [InlineData(Daemon.Sogo, "5.8.0", "5.8.0", true)]
    [InlineData(Daemon.Sogo, "5.12.1", "5.12.1", true)]
    [InlineData(Daemon.Sogo, "5.10.0", "5.8.0", false)]      // Ubuntu 24.04
    public void A_version_gets_the_catalogue_of_the_newest_series_not_newer_than_it(Daemon daemon, string version, string expected, bool covers)
    {
        var asked = SoftwareVersion.TryParse(version)!.Value;
        var catalog = SettingsCatalog.For(daemon, asked);

        Assert.NotNull(catalog);
        Assert.Equal(expected, catalog!.Version.ToString());
        Assert.Equal(covers, catalog.Covers(asked));
    }

    [Fact]
    public void Every_target_has_a_catalogue_for_Postfix_Dovecot_and_nginx_and_the_seen_ones_say_so()
    {
        foreach (var target in TargetTable.All)
            foreach (var daemon in new[] { Daemon.Postfix, Daemon.Dovecot, Daemon.Nginx, Daemon.Sogo })
                Assert.NotNull(SettingsCatalog.For(target, daemon));
        Assert.Equal(Provenance.Seen, SettingsCatalog.For(TargetTable.Debian12, Daemon.Sogo)!.Provenance);
        Assert.Contains("sogo 5.12.1", SettingsCatalog.For(TargetTable.Debian13, Daemon.Sogo)!.Source);
        Assert.Equal(Provenance.Seen, SettingsCatalog.For(TargetTable.Debian13, Daemon.Dovecot)!.Provenance);
        Assert.Equal(Provenance.Reasoned, SettingsCatalog.For(TargetTable.Rhel9, Daemon.Postfix)!.Provenance);
        Assert.Contains("postfix 3.7.11", SettingsCatalog.For(TargetTable.Debian12, Daemon.Postfix)!.Source);
    }

    [Fact]
    public void A_catalogue_is_parsed_once_and_shared()
    {
        var a = SettingsCatalog.For(Daemon.Postfix, new SoftwareVersion(3, 7, 11))!;
        var b = SettingsCatalog.For(TargetTable.Debian12, Daemon.Postfix)!;

        Assert.Same(a, b);
        Assert.Same(a.KnownNames, b.KnownNames);
        Assert.True(a.KnownNames.Count > 800, $"{a.KnownNames.Count} names");
    }

    [Fact]
    public void Patterns_answer_for_per_service_parameters_and_renamed_prefixes()
    {
        var postfix = SettingsCatalog.For(Daemon.Postfix, new SoftwareVersion(3, 7, 11))!;
        var relay = postfix.Lookup("relay_destination_concurrency_limit");
        Assert.Equal(SettingStatus.Known, relay.Status);
        Assert.Equal("*_destination_concurrency_limit", relay.Pattern);

        var dovecot = SettingsCatalog.For(Daemon.Dovecot, new SoftwareVersion(2, 3, 19))!;
        var purge = dovecot.Lookup("mail_cache_compress_min_size");
        Assert.Equal(SettingStatus.Renamed, purge.Status);
        Assert.Equal("mail_cache_purge_min_size", purge.Replacement);
        Assert.Equal(SettingStatus.Unknown, dovecot.Lookup("mail_cache_purge").Status);
    }

    [Fact]
    public void Nginx_catalogues_record_where_a_directive_is_allowed()
    {
        var nginx = SettingsCatalog.For(Daemon.Nginx, new SoftwareVersion(1, 22, 1))!;

        Assert.Equal(NginxContexts.Location, nginx.ContextsOf("alias"));
        Assert.Equal(NginxContexts.Server, nginx.ContextsOf("listen"));
        Assert.Equal(NginxContexts.Http | NginxContexts.Server | NginxContexts.Location, nginx.ContextsOf("proxy_set_header"));
        Assert.Equal(NginxContexts.None, nginx.ContextsOf("http2"));    // nginx 1.25.1 added the directive
        Assert.NotEqual(NginxContexts.None, SettingsCatalog.For(Daemon.Nginx, new SoftwareVersion(1, 26, 3))!.ContextsOf("http2"));
    }

    // ------------------------------------------------------------------ MAIL4010: unknown to the version

    [Fact]
    public void Dovecot_config_version_on_Dovecot_2_3_is_an_error_that_names_the_version_that_has_it()
    {
        var f = Assert.Single(CatalogFindings(Store(Distro.Debian12, ("dovecot_config_version", "2.4.1"))));

        Assert.Equal("MAIL4010", f.RuleId);
        Assert.Equal(Severity.Error, f.Severity);
        Assert.Equal("mailstore.setting.dovecot.dovecot_config_version.0.key", f.OriginKey);
        Assert.Contains("unknown to Dovecot 2.3.19 on Debian 12", f.Message);
        Assert.Contains("doveconf refuses the file", f.Message);
        Assert.Contains("Dovecot 2.4.1 knows it", f.Message);
    }

    [Fact]
    public void Near_miss_dovecot_config_version_on_Dovecot_2_4_is_silent()
        => Assert.Empty(CatalogFindings(Store(Distro.Debian13, ("dovecot_config_version", "2.4.1"))));

    [Fact]
    public void Tls_ffdhe_auto_groups_is_unknown_to_Postfix_3_7_and_known_to_3_10()
    {
        var f = Assert.Single(CatalogFindings(Mx(Distro.Debian12, ("tls_ffdhe_auto_groups", "ffdhe2048"))));
        Assert.Equal("MAIL4010", f.RuleId);
        Assert.Equal("smtpIn.setting.postfix.tls_ffdhe_auto_groups.0.key", f.OriginKey);
        Assert.Contains("unknown to Postfix 3.7.11", f.Message);
        Assert.Contains("postconf warns 'unused parameter'", f.Message);
        Assert.Contains("Postfix 3.8.5 and 3.10.13 know it", f.Message);

        Assert.Empty(CatalogFindings(Mx(Distro.Debian13, ("tls_ffdhe_auto_groups", "ffdhe2048"))));
    }

    [Fact]
    public void A_misspelled_parameter_gets_the_nearest_name_and_a_fix()
    {
        var f = Assert.Single(CatalogFindings(Mx(Distro.Debian12, ("smtpd_tls_ciphres", "high"))));

        Assert.Equal("MAIL4010", f.RuleId);
        Assert.Contains("Did you mean 'smtpd_tls_ciphers'?", f.Message);
        Assert.Equal("smtpd_tls_ciphers", Property(f, FixProperties.FixedValue));
    }

    // ------------------------------------------------------------------ SOGo: sogod ignores what it does not read, silently

    [Theory]
    [InlineData(Distro.Debian12)]
    [InlineData(Distro.Debian13)]
    public void A_misspelled_sogo_setting_gets_the_nearest_name_and_a_fix(Distro distro)
    {
        var f = Assert.Single(CatalogFindings(Web(distro, ("SOGoMailDomian", "\"example.org\""))));

        Assert.Equal("MAIL4010", f.RuleId);
        Assert.Equal("webmail.setting.sogo.SOGoMailDomian.0.key", f.OriginKey);
        Assert.Contains("The webmail SOGo setting 'SOGoMailDomian' is unknown to SOGo " + (distro == Distro.Debian12 ? "5.8.0" : "5.12.1"), f.Message);
        Assert.Contains("sogod never reads it", f.Message);
        Assert.Contains("Did you mean 'SOGoMailDomain'?", f.Message);
        Assert.Equal("SOGoMailDomain", Property(f, FixProperties.FixedValue));
    }

    [Fact]
    public void Sogo_settings_the_target_reads_pass_on_both_targets_debug_switches_included()
    {
        foreach (var distro in new[] { Distro.Debian12, Distro.Debian13 })
            Assert.Empty(CatalogFindings(Web(distro, ("SOGoTimeZone", "\"Europe/Madrid\""), ("SOGoRefreshViewCheck", "every_5_minutes"),
                ("ImapDebugEnabled", "NO"), ("SOGoDebugRequests", "NO"), ("NGImap4ConnectionStringSeparator", "\"/\""), ("SxVMemLimit", "512"))));
    }

    [Fact]
    public void A_sogo_setting_the_upgrade_notes_replaced_is_gone_and_names_its_replacement()
    {
        var f = Assert.Single(CatalogFindings(Web(Distro.Debian13, ("SOGoMailMessageCheck", "every_minute"))));

        Assert.Equal("MAIL4010", f.RuleId);
        Assert.Contains("is gone in SOGo 5.12.1 on Debian 13 (SOGo Installation Guide, upgrading to 2.2.8: replaced with SOGoRefreshViewCheck)", f.Message);
        Assert.Contains("Write 'SOGoRefreshViewCheck' instead.", f.Message);
        Assert.Equal("SOGoRefreshViewCheck", Property(f, FixProperties.FixedValue));
    }

    [Fact]
    public void A_deprecated_sogo_setting_sogod_still_reads_is_a_warning()
    {
        var f = Assert.Single(CatalogFindings(Web(Distro.Debian12, ("SOGoForceIMAPLoginWithEmail", "YES"))));

        Assert.Equal("MAIL4012", f.RuleId);
        Assert.Contains("SOGoForceExternalLoginWithEmail", f.Message);
    }

    [Fact]
    public void A_sogo_setting_of_a_newer_sope_names_the_version_that_reads_it()
    {
        // SOPE's MySQL adaptor reads MySQL4SSLEnabled from 5.11 on: Debian 13's has it, Debian 12's 5.8 does not.
        var f = Assert.Single(CatalogFindings(Web(Distro.Debian12, ("MySQL4SSLEnabled", "YES"))));

        Assert.Equal("MAIL4010", f.RuleId);
        Assert.Contains("SOGo 5.12.1 knows it", f.Message);
        Assert.Contains(".WithSogo(\"5.12\")", f.Message);
        Assert.Empty(CatalogFindings(Web(Distro.Debian13, ("MySQL4SSLEnabled", "YES"))));
    }

    [Fact]
    public void A_Dovecot_2_4_name_on_2_3_points_back_to_the_2_3_name()
    {
        var f = Assert.Single(CatalogFindings(Store(Distro.Debian12, ("ssl_server_cert_file", "/etc/ssl/mail.crt"))));

        Assert.Equal("MAIL4010", f.RuleId);
        Assert.Contains("Dovecot 2.4.1's name for 'ssl_cert'", f.Message);
        Assert.Equal("ssl_cert", Property(f, FixProperties.FixedValue));
    }

    [Fact]
    public void Ssl_protocols_on_Dovecot_2_4_is_unknown_and_2_3s_verdict_gives_the_replacement()
    {
        var f = Assert.Single(CatalogFindings(Store(Distro.Debian13, ("ssl_protocols", "!SSLv3"))));

        Assert.Equal("MAIL4010", f.RuleId);
        Assert.Contains("Dovecot 2.3.19 lists it as obsolete", f.Message);
        Assert.Contains("Write 'ssl_min_protocol' instead", f.Message);
    }

    [Fact]
    public void A_string_list_written_as_a_setting_on_Dovecot_2_4_is_an_error()
    {
        var f = Assert.Single(CatalogFindings(Store(Distro.Debian13, ("import_environment", "TZ"))));

        Assert.Equal("MAIL4010", f.RuleId);
        Assert.Contains("not a 'name = value' setting", f.Message);
        Assert.Contains("string list", f.Message);
    }

    // ------------------------------------------------------------------ MAIL4012: deprecated, obsolete, ignored

    [Theory]
    [InlineData("ssl_dh_parameters_length", "2048", "is no longer needed")]
    [InlineData("ssl_protocols", "!SSLv3 !TLSv1", "Write 'ssl_min_protocol' instead")]
    public void Dovecot_2_3s_obsolete_settings_are_warnings(string key, string value, string expected)
    {
        var f = Assert.Single(CatalogFindings(Store(Distro.Debian12, (key, value))));

        Assert.Equal("MAIL4012", f.RuleId);
        Assert.Equal(Severity.Warning, f.Severity);
        Assert.Equal($"mailstore.setting.dovecot.{key}.0.key", f.OriginKey);
        Assert.Contains("obsolete in Dovecot 2.3.19", f.Message);
        Assert.Contains(expected, f.Message);
    }

    [Fact]
    public void Near_miss_ssl_min_protocol_on_Dovecot_2_3_is_silent()
        => Assert.Empty(CatalogFindings(Store(Distro.Debian12, ("ssl_min_protocol", "TLSv1.2"))));

    [Theory]
    [InlineData(Distro.Debian12, "smtpd_use_tls", "is deprecated in Postfix 3.7.11 on Debian 12 (postconf(5) 3.7.11: use smtpd_tls_security_level instead)")]
    [InlineData(Distro.Debian13, "smtpd_use_tls", "is deprecated in Postfix 3.10.13 on Debian 13 (postconf 3.10.13 warns: support will be removed")]
    [InlineData(Distro.Debian12, "smtpd_tls_eecdh_grade", "has no effect in Postfix 3.7.11")]
    [InlineData(Distro.Debian13, "smtpd_tls_eecdh_grade", "instead, do not specify (leave at default)")]
    [InlineData(Distro.Debian12, "smtpd_tls_dh512_param_file", "ignored as of Postfix 3.6")]
    [InlineData(Distro.Debian13, "smtpd_tls_dh512_param_file", "has no effect in Postfix 3.10.13")]
    public void Deprecated_and_ignored_Postfix_parameters_are_warnings(Distro distro, string key, string expected)
    {
        var f = Assert.Single(CatalogFindings(Mx(distro, (key, "x"))));

        Assert.Equal("MAIL4012", f.RuleId);
        Assert.Equal($"smtpIn.setting.postfix.{key}.0.key", f.OriginKey);
        Assert.Contains(expected, f.Message);
    }

    [Fact]
    public void Smtpd_use_tls_points_to_StartTls_which_writes_the_security_level()
    {
        var f = Assert.Single(CatalogFindings(Mx(Distro.Debian13, ("smtpd_use_tls", "yes"))));

        Assert.Contains(".StartTls(", f.Message);
    }

    [Fact]
    public void Near_miss_smtpd_tls_eecdh_grade_on_Postfix_3_5_still_works_and_is_silent()
        => Assert.Empty(CatalogFindings(Mx(Distro.Rhel9, ("smtpd_tls_eecdh_grade", "strong"), ("smtpd_tls_security_level", "may"))));

    // ------------------------------------------------------------------ MAIL4011 and MAIL4016: renamed

    [Fact]
    public void A_compatibility_name_Postfix_still_reads_is_a_warning_with_the_new_name()
    {
        var f = Assert.Single(CatalogFindings(Mx(Distro.Debian12, ("virtual_maps", "hash:/etc/postfix/virtual"))));

        Assert.Equal("MAIL4011", f.RuleId);
        Assert.Equal(Severity.Warning, f.Severity);
        Assert.Equal("virtual_alias_maps", Property(f, FixProperties.FixedValue));
        Assert.Empty(CatalogFindings(Mx(Distro.Debian12, ("virtual_alias_maps", "hash:/etc/postfix/virtual"))));
    }

    [Fact]
    public void Ssl_cert_on_Dovecot_2_4_is_renamed_to_ssl_server_cert_file_and_refused()
    {
        var f = Assert.Single(CatalogFindings(Store(Distro.Debian13, ("ssl_cert", "</etc/ssl/mail.crt"))));

        Assert.Equal("MAIL4016", f.RuleId);
        Assert.Equal(Severity.Error, f.Severity);
        Assert.Equal("mailstore.setting.dovecot.ssl_cert.0.key", f.OriginKey);
        Assert.Contains("renamed to 'ssl_server_cert_file'", f.Message);
        Assert.Contains("drop the '<'", f.Message);
        Assert.Equal("ssl_server_cert_file", Property(f, FixProperties.FixedValue));
    }

    [Fact]
    public void Near_misses_ssl_cert_on_2_3_and_ssl_server_cert_file_on_2_4_are_silent()
    {
        Assert.Empty(CatalogFindings(Store(Distro.Debian12, ("ssl_cert", "</etc/ssl/mail.crt"))));
        Assert.Empty(CatalogFindings(Store(Distro.Debian13, ("ssl_server_cert_file", "/etc/ssl/mail.crt"))));
    }

    [Fact]
    public void A_replaced_setting_gets_no_automatic_fix_because_its_values_differ()
    {
        var f = Assert.Single(CatalogFindings(Store(Distro.Debian13, ("disable_plaintext_auth", "yes"))));

        Assert.Equal("MAIL4016", f.RuleId);
        Assert.Contains("replaced by 'auth_allow_cleartext'", f.Message);
        Assert.Null(Property(f, FixProperties.FixedValue));
    }

    [Fact]
    public void A_platform_that_overrides_Dovecot_is_checked_against_the_version_it_runs()
    {
        var platform = Minimal().Target(Distro.Debian12, t => t.WithDovecot("2.4.1"))
            .Mailstore(m => m.Hosts("store-01.example.org").DovecotSetting("ssl_cert", "</etc/ssl/mail.crt"));

        var f = Assert.Single(CatalogFindings(platform));
        Assert.Equal("MAIL4016", f.RuleId);
        Assert.Contains("Dovecot 2.4.1 (this platform's version on Debian 12)", f.Message);
    }

    // ------------------------------------------------------------------ MAIL4013: no effect under may

    [Fact]
    public void Smtpd_tls_mandatory_ciphers_under_may_has_no_effect()
    {
        var platform = Minimal().Target(Distro.Debian12).SmtpIn(s => s.Hosts("mx-01.example.org").StartTls(TlsLevel.May)
            .PostfixSetting("smtpd_tls_mandatory_ciphers", "high"));

        var f = Assert.Single(CatalogFindings(platform));
        Assert.Equal("MAIL4013", f.RuleId);
        Assert.Equal("smtpIn.setting.postfix.smtpd_tls_mandatory_ciphers.0.key", f.OriginKey);
        Assert.Contains("runs at level may (StartTls(TlsLevel.May))", f.Message);
        Assert.Contains("Write 'smtpd_tls_ciphers'", f.Message);
    }

    [Fact]
    public void A_raw_security_level_of_may_counts_too()
    {
        var platform = Minimal().Target(Distro.Debian12).SmtpIn(s => s.Hosts("mx-01.example.org").StartTls(TlsLevel.Encrypt)
            .PostfixSetting("smtpd_tls_security_level", "may").PostfixSetting("smtpd_tls_mandatory_protocols", ">=TLSv1.2"));

        var f = Assert.Single(CatalogFindings(platform));
        Assert.Equal("MAIL4013", f.RuleId);
        Assert.Contains("a raw smtpd_tls_security_level", f.Message);
    }

    [Fact]
    public void Near_misses_mandatory_settings_under_encrypt_or_beside_submission_are_silent()
    {
        Assert.Empty(CatalogFindings(Minimal().Target(Distro.Debian12).SmtpIn(s => s.Hosts("mx-01.example.org").StartTls(TlsLevel.Encrypt)
            .PostfixSetting("smtpd_tls_mandatory_ciphers", "high"))));
        // The relay's submission services run smtpd_tls_security_level=encrypt (master.cf -o): the family applies there.
        Assert.Empty(CatalogFindings(Minimal().Target(Distro.Debian12).SmtpOut(s => s.Hosts("relay-01.example.org").Submission(587)
            .PostfixSetting("smtpd_tls_mandatory_ciphers", "high"))));
    }

    [Fact]
    public void The_client_side_family_follows_OutboundTls()
    {
        var f = Assert.Single(CatalogFindings(Minimal().Target(Distro.Debian12).SmtpOut(s => s.Hosts("relay-01.example.org").OutboundTls(TlsLevel.May)
            .PostfixSetting("smtp_tls_mandatory_ciphers", "high"))));
        Assert.Equal("MAIL4013", f.RuleId);
        Assert.Contains("SMTP client (smtp) runs at level may (OutboundTls(TlsLevel.May))", f.Message);

        Assert.Empty(CatalogFindings(Minimal().Target(Distro.Debian12).SmtpOut(s => s.Hosts("relay-01.example.org").OutboundTls(TlsLevel.Encrypt)
            .PostfixSetting("smtp_tls_mandatory_ciphers", "high"))));
    }

    // ------------------------------------------------------------------ MAIL4014 and MAIL4015: nginx location bodies

    private static Platform Web(Distro distro, params string[] body)
        => Minimal().Target(distro).Webmail(w => w.Hosts("web-01.example.org").NginxLocation("/SOGo.woa/WebServerResources/", body));

    [Fact]
    public void An_unknown_directive_in_a_location_is_an_error_at_the_directive()
    {
        var f = Assert.Single(CatalogFindings(Web(Distro.Debian12, "alias /usr/lib/GNUstep/SOGo/WebServerResources/;", "expiress max;")));

        Assert.Equal("MAIL4014", f.RuleId);
        Assert.Equal(Severity.Error, f.Severity);
        Assert.Equal("webmail.location.0.body.1", f.OriginKey);
        Assert.Equal((0, "expiress".Length), (f.SubStart, f.SubLength));
        Assert.Contains("unknown to nginx 1.22.1 on Debian 12", f.Message);
        Assert.Contains("Did you mean 'expires'?", f.Message);
    }

    [Fact]
    public void A_directive_of_a_newer_nginx_names_the_version_that_has_it()
    {
        var f = Assert.Single(CatalogFindings(Web(Distro.Debian12, "http2 on;")));

        Assert.Equal("MAIL4014", f.RuleId);
        Assert.Contains("nginx 1.26.3 knows it", f.Message);
        Assert.DoesNotContain(CatalogFindings(Web(Distro.Debian13, "http2 on;")), x => x.RuleId == "MAIL4014");
    }

    [Fact]
    public void A_server_directive_in_a_location_is_an_error_naming_where_it_belongs()
    {
        var f = Assert.Single(CatalogFindings(Web(Distro.Debian12, "expires max; listen 8443 ssl;")));

        Assert.Equal("MAIL4015", f.RuleId);
        Assert.Equal(("expires max; ".Length, "listen".Length), (f.SubStart, f.SubLength));
        Assert.Contains("only in server blocks", f.Message);
    }

    [Fact]
    public void Near_miss_the_guides_own_location_bodies_are_silent()
    {
        var platform = Minimal().Target(Distro.Debian12).Webmail(w => w.Hosts("web-01.example.org")
            .NginxLocation("~ ^/SOGo/so/ControlPanel/Products/([^/]*)/Resources/(.*)$", "alias /usr/lib/GNUstep/SOGo/$1.SOGo/Resources/$2;")
            .NginxLocation("/SOGo.woa/WebServerResources/", "alias /usr/lib/GNUstep/SOGo/WebServerResources/;", "expires max;",
                "if ($request_method = POST) { return 405; }", "add_header X-Frame-Options \"SAMEORIGIN; always\";  # comment; listen"));

        Assert.Empty(CatalogFindings(platform));
    }

    // ------------------------------------------------------------------ what the renderers write

    [Theory]
    [InlineData(Distro.Rhel9)]
    [InlineData(Distro.Debian12)]
    [InlineData(Distro.Debian13)]
    [InlineData(Distro.Rhel10)]
    [InlineData(Distro.Ubuntu2404)]
    public void Every_setting_the_renderers_write_is_known_to_the_targets_version(Distro distro)
    {
        var model = GuidePlatform.WithGuidesRawSettings().Target(distro).Build();
        var facts = TargetTable.For(model);
        var raw = PlatformLayersOf(model).SelectMany(l => l.RawSettings).Select(r => r.Key).ToHashSet();
        var unknown = new List<string>();
        var looked = new Dictionary<Daemon, int>();
        foreach (var artifact in PlatformRenderer.Render(model))
        {
            var (daemon, names) = artifact.Path switch
            {
                var p when p.EndsWith("/main.cf", StringComparison.Ordinal) => (Daemon.Postfix, TopLevelNames(artifact.Content)),
                var p when p.EndsWith("/master.cf", StringComparison.Ordinal) => (Daemon.Postfix, Overrides(artifact.Content)),
                var p when p.EndsWith("/dovecot.conf", StringComparison.Ordinal) => (Daemon.Dovecot, TopLevelNames(artifact.Content)),
                _ => (Daemon.Sogo, new List<string>()),
            };
            if (names.Count == 0) continue;
            var catalog = SettingsCatalog.For(facts, daemon)!;
            foreach (var name in names.Where(n => !raw.Contains(n)))
            {
                looked[daemon] = looked.GetValueOrDefault(daemon) + 1;
                if (catalog.Lookup(name).Status != SettingStatus.Known)
                    unknown.Add($"{artifact.Host}:{artifact.Path}: {name} is {catalog.Lookup(name).Status} in {catalog}");
            }
        }
        Assert.True(unknown.Count == 0, string.Join("\n", unknown));
        Assert.True(looked.GetValueOrDefault(Daemon.Postfix) > 50 && looked.GetValueOrDefault(Daemon.Dovecot) > 10, string.Join(", ", looked));
    }

    private static IEnumerable<Layer> PlatformLayersOf(PlatformModel model)
        => new Layer?[] { model.SmtpIn, model.SmtpOut, model.Mailstore, model.Webmail }.OfType<Layer>();

    // The 'name = value' lines outside any { } block.
    private static List<string> TopLevelNames(string text)
    {
        var names = new List<string>();
        var depth = 0;
        foreach (var line in text.Split('\n').Select(l => l.Trim()))
        {
            if (line.Length == 0 || line.StartsWith('#')) continue;
            if (depth == 0 && line.IndexOf('=') is > 0 and var eq && !line.EndsWith('{'))
                names.Add(line.Substring(0, eq).Trim());
            if (line.EndsWith('{')) depth++;
            if (line == "}") depth--;
        }
        return names;
    }

    // master.cf's per-service overrides: '-o name=value'.
    private static List<string> Overrides(string text)
        => text.Split('\n').Select(l => l.Trim()).Where(l => l.StartsWith("-o ", StringComparison.Ordinal))
            .Select(l => l.Substring(3).Split('=')[0].Trim()).ToList();

    // ------------------------------------------------------------------ raw values: MAIL4019 and MAIL4020

    [Theory]
    [InlineData(Distro.Debian12)]
    [InlineData(Distro.Debian13)]
    public void A_Postfix_value_postfix_check_refuses_for_its_kind_is_MAIL4019_at_the_value(Distro distro)
    {
        foreach (var (key, value, why) in new[]
        {
            ("backwards_bounce_logfile_compatibility", "offall|", "yes or no"),
            ("delay_logging_resolution_limit", "max\"-1", "whole number"),
            ("delay_logging_resolution_limit", "7", "6 or less"),
            ("hash_queue_depth", "0", "1 or more"),
            ("daemon_timeout", "10 s", "a time"),
            ("daemon_timeout", "35791394m", "a time"),
            ("sendmail_path", ";", "absolute path"),
            ("html_directory", "html", "no or an absolute path"),
        })
        {
            var f = Assert.Single(Findings(Mx(distro, (key, value)).Build(), "MAIL4019"));
            Assert.Equal($"smtpIn.setting.postfix.{key}.0.value", f.OriginKey);
            Assert.Contains(why, f.Message);
            Assert.Contains("postfix check", f.Message);
        }
        // What postfix check takes (strtol and conv_time read a sign, and ignore what follows a time's unit letter).
        foreach (var (key, value) in new[] { ("soft_bounce", "YES"), ("hash_queue_depth", "+5"), ("daemon_timeout", "10sfoo"), ("daemon_timeout", "2147483647"),
            ("message_size_limit", "2147483648"), ("sendmail_path", "/usr/sbin/sendmail"), ("html_directory", "no") })
            Assert.Empty(Findings(Mx(distro, (key, value)).Build(), "MAIL4019"));
    }

    [Theory]
    [InlineData(Distro.Debian12)]
    [InlineData(Distro.Debian13)]
    public void A_Postfix_value_postfix_check_checks_its_own_way_is_MAIL4020(Distro distro)
    {
        var f = Assert.Single(Findings(Mx(distro, ("syslog_facility", "local9")).Build(), "MAIL4020"));
        Assert.Equal("smtpIn.setting.postfix.syslog_facility.0.value", f.OriginKey);
        Assert.Contains("unrecognized value", f.Message);
        // inet_protocols is judged by MAIL4019's own check: no second word on it.
        Assert.Empty(Findings(Mx(distro, ("inet_protocols", "ipv4")).Build(), "MAIL4020"));
    }

    [Theory]
    [InlineData(Distro.Debian12)]
    [InlineData(Distro.Debian13)]
    public void Mail_nfs_index_is_unchecked_only_where_MailDsl_does_not_write_what_doveconf_requires(Distro distro)
    {
        // Local storage: nothing writes mmap_disable = yes, so doveconf's check is left to doveconf (MAIL4020).
        Assert.Single(Findings(Store(distro, ("mail_nfs_index", "yes")).Build(), "MAIL4020"));
        // The description writes it itself, or MailDsl does (NFS storage): doveconf's requirement holds.
        Assert.Empty(Findings(Store(distro, ("mail_nfs_index", "yes"), ("mmap_disable", "yes")).Build(), "MAIL4020"));
        Assert.Empty(Findings(Minimal().Target(distro).Mailstore(m => m.Hosts("store-01.example.org").Storage(s => s.Nfs("/srv/vmail"))
            .DovecotSetting("mail_nfs_index", "yes")).Build(), "MAIL4020"));
        // 'no' is not what the check is about.
        Assert.Empty(Findings(Store(distro, ("mail_nfs_index", "no")).Build(), "MAIL4020"));
    }

    // ------------------------------------------------------------------ the whole suite stays quiet on good descriptions

    [Theory]
    [InlineData(Distro.Rhel9)]
    [InlineData(Distro.Debian12)]
    [InlineData(Distro.Rhel10)]
    [InlineData(Distro.Ubuntu2404)]
    public void The_guide_platform_is_clean_on_every_target_with_Dovecot_2_3(Distro distro)
        => Assert.Empty(CatalogFindings(GuidePlatform.WithGuidesRawSettings().Target(distro)));

    [Fact]
    public void On_Debian_13_the_guides_Dovecot_2_3_setting_is_the_one_finding()
    {
        var f = Assert.Single(CatalogFindings(GuidePlatform.WithGuidesRawSettings().Target(Distro.Debian13)));

        Assert.Equal("MAIL4016", f.RuleId);
        Assert.Equal("mailstore.setting.dovecot.ssl_prefer_server_ciphers.0.key", f.OriginKey);
        Assert.Contains("replaced by 'ssl_server_prefer_ciphers'", f.Message);
    }
}
