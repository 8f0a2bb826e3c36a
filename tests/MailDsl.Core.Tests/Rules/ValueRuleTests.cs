using MailDsl.Model;
using MailDsl.Rules;
using Xunit;
using static MailDsl.Core.Tests.Rules.RuleTesting;

namespace MailDsl.Core.Tests.Rules;

public class UnsafeValueTests
{
    [Theory]
    [InlineData("mx-01.example.org;\nssl off", 17, "';'")]
    [InlineData("mx-01.example.org\nssl_ciphers NULL", 17, @"a line feed (\n)")]
    [InlineData("mx-01.example.org\r", 17, @"a carriage return (\r)")]
    [InlineData("mx-01\0.example.org", 5, @"a NUL character (\0)")]
    [InlineData("mx-01.example.org}", 17, "'}'")]
    [InlineData("mx-01#.example.org", 5, "'#'")]
    [InlineData("mx-01\".example.org", 5, "'\"'")]
    [InlineData("mx 01.example.org", 2, "a space")]
    public void A_host_name_the_files_cannot_hold_is_an_error_at_the_character(string host, int at, string what)
    {
        var model = Minimal().SmtpIn(s => s.Hosts("mx-00.example.org", host)).Build();

        var f = Assert.Single(Findings(model, "MAIL3001"));
        Assert.Equal(Severity.Error, f.Severity);
        Assert.Equal("smtpIn.hosts.1", f.OriginKey);
        Assert.Equal(at, f.SubStart);
        Assert.Equal(1, f.SubLength);
        Assert.Contains(what, f.Message);
        Assert.Contains("Nothing is emitted", f.Message);
        Assert.DoesNotContain("\n", f.Message);
        Assert.Empty(Findings(model, "MAIL3003")); // one mistake, one error
    }

    [Fact]
    public void A_quote_in_the_certificate_path_is_an_error_naming_the_path()
    {
        var model = Platform.Create("example.org").Certificate("/etc/pki/tls/certs/mail\".crt", "/etc/pki/tls/private/mail.key").Build();

        var f = Assert.Single(Findings(model, "MAIL3001"));
        Assert.Equal("platform.certificate.file", f.OriginKey);
        Assert.Contains("/etc/pki/tls/certs/mail\".crt", f.Message);
        Assert.Contains("quote", f.Message);
        Assert.Equal(23, f.SubStart);
    }

    [Theory]
    [InlineData("MYCOMPANY Mail System\nsmtpd_tls_auth_only = no", "platform.banner")]
    [InlineData("Price $5", "platform.banner")]
    public void A_banner_with_a_line_break_or_a_dollar_is_an_error(string banner, string key)
    {
        var model = Minimal().Banner(banner).Build();

        var f = Assert.Single(Findings(model, "MAIL3001"));
        Assert.Equal(key, f.OriginKey);
    }

    [Fact]
    public void A_semicolon_in_a_cipher_string_is_an_error_at_the_semicolon()
    {
        var model = Minimal().Mailstore(m => m.Hosts("store-01.example.org").Ciphers("HIGH:!aNULL;ssl_protocols SSLv3")).Build();

        var f = Assert.Single(Findings(model, "MAIL3001"));
        Assert.Equal("mailstore.tls.ciphers", f.OriginKey);
        Assert.Equal(11, f.SubStart);
    }

    [Theory]
    [InlineData("tls_disable_workarounds", "CVE-2010-4180\nsmtpd_tls_auth_only = no", "smtpIn.setting.postfix.tls_disable_workarounds.0.value")]
    [InlineData("smtpd_tls_ciphers high", "yes", "smtpIn.setting.postfix.smtpd_tls_ciphers high.0.key")]
    public void Raw_postfix_settings_must_stay_one_line_and_one_name(string key, string value, string origin)
    {
        var model = Minimal().SmtpIn(s => s.Hosts("mx-01.example.org").PostfixSetting(key, value)).Build();

        var f = Assert.Single(Findings(model, "MAIL3001"));
        Assert.Equal(origin, f.OriginKey);
    }

    [Fact]
    public void A_postfix_value_may_hold_hash_inside_a_word_commas_spaces_and_closed_groups()
    {
        var model = Minimal().SmtpIn(s => s.Hosts("mx-01.example.org")
            .PostfixSetting("smtpd_tls_mandatory_exclude_ciphers", "aNULL, MD5")
            .PostfixSetting("smtpd_banner", "Mail#1 {ESMTP service}, x{y}z")
            .PostfixSetting("smtpd_helo_restrictions", "permit_mynetworks, reject_invalid_helo_hostname")).Build();

        Assert.Empty(Findings(model, "MAIL3001"));
    }

    /// <summary>
    /// A word that starts with '#' is a comment to Postfix 3.9 and later (postconf 3.10 warns), and a '{' group must close
    /// and end its word (postconf warns "missing '}'", "syntax error after '}'"): Render.Tests' FoundHolesTests hold both to
    /// postconf of Debian 12 and 13.
    /// </summary>
    [Theory]
    [InlineData("reject_invalid_helo_hostname #1", 29)]
    [InlineData("#1", 0)]
    [InlineData("a,#b", 2)]
    [InlineData("a {b", 2)]
    [InlineData("{a}}", 3)]
    [InlineData("{a}x", 3)]
    public void A_postfix_value_may_not_hold_a_comment_word_or_an_open_group(string value, int at)
    {
        var model = Minimal().SmtpIn(s => s.Hosts("mx-01.example.org").PostfixSetting("smtpd_banner", value)).Build();
        var f = Assert.Single(Findings(model, "MAIL3001"));
        Assert.Equal(at, f.SubStart);
    }

    [Theory]
    [InlineData("$smtpd_tls_key_file", 0, 1)]
    [InlineData("Mail ${myhostname}", 5, 1)]
    [InlineData("x $(mydomain)", 2, 1)]
    public void A_postfix_value_may_not_expand_another_parameter(string value, int start, int length)
    {
        var model = Minimal().SmtpIn(s => s.Hosts("mx-01.example.org").PostfixSetting("smtpd_banner", value)).Build();

        var finding = Assert.Single(Findings(model, "MAIL3001"));
        Assert.Equal((start, length), (finding.SubStart, finding.SubLength));
        Assert.Contains("expands", finding.Message);
    }

    [Theory]
    [InlineData("permit_mynetworks, check_helo_access hash:/etc/postfix/helo", "hash:/etc/postfix/helo")]
    [InlineData("environ:HOME", "environ:HOME")]
    [InlineData("check_client_access unix:passwd.byname", "unix:passwd.byname")]
    [InlineData("proxy:texthash:/etc/shadow", "proxy:texthash:/etc/shadow")]
    public void A_postfix_value_may_not_name_a_lookup_table(string value, string table)
    {
        var model = Minimal().SmtpIn(s => s.Hosts("mx-01.example.org").PostfixSetting("smtpd_helo_restrictions", value)).Build();

        var finding = Assert.Single(Findings(model, "MAIL3001"));
        Assert.Equal((value.IndexOf(table, StringComparison.Ordinal), table.Length), (finding.SubStart, finding.SubLength));
    }

    [Theory]
    [InlineData("lmtp:unix:private/dovecot-lmtp")]
    [InlineData("static:OK")]
    [InlineData("relay:[mx.example.org]:25")]
    public void A_postfix_transport_or_static_value_is_not_a_lookup_table(string value)
    {
        var model = Minimal().SmtpIn(s => s.Hosts("mx-01.example.org").PostfixSetting("local_transport", value)).Build();

        Assert.Empty(Findings(model, "MAIL3001"));
    }

    [Fact]
    public void A_hash_in_a_dovecot_value_is_an_error_because_dovecot_drops_the_rest()
    {
        var model = Minimal().Mailstore(m => m.Hosts("store-01.example.org").DovecotSetting("login_greeting", "Mail #1")).Build();

        var f = Assert.Single(Findings(model, "MAIL3001"));
        Assert.Equal("mailstore.setting.dovecot.login_greeting.0.value", f.OriginKey);
        Assert.Contains("comment", f.Message);
        Assert.Equal(5, f.SubStart);
    }

    [Theory]
    [InlineData("~ ^/SOGo/so/(.*)$", null)]
    [InlineData("~ \"^/a{2}\"", null)]
    [InlineData("/a#b", null)]
    [InlineData("/SOGo { return 200; } location /x", 6)]
    [InlineData("/SOGo; deny all", 5)]
    [InlineData("#/SOGo", 0)]
    [InlineData("~ \"^/open", 2)]
    public void An_nginx_location_match_is_read_as_nginx_reads_it(string match, int? unsafeAt)
    {
        var model = Minimal().Webmail(w => w.Hosts("web-01.example.org").NginxLocation(match, "return 404;")).Build();

        var findings = Findings(model, "MAIL3001");
        if (unsafeAt is null)
        {
            Assert.Empty(findings);
            return;
        }
        var f = Assert.Single(findings);
        Assert.Equal("webmail.location.0.match", f.OriginKey);
        Assert.Equal(unsafeAt, f.SubStart);
    }

    [Theory]
    [InlineData("alias /usr/lib64/GNUstep/SOGo/WebServerResources/;", null, 0)]
    [InlineData("add_header Content-Security-Policy \"default-src 'self'; img-src *\";", null, 0)]
    [InlineData("proxy_pass http://127.0.0.1:20000", 33, 0)]
    [InlineData("proxy_pass http://127.0.0.1:20000; deny all;", 33, 1)]
    [InlineData("return 200 \"ok\";\n}", 15, 1)]
    public void An_nginx_directive_ends_in_one_semicolon_outside_quotes(string directive, int? unsafeAt, int length)
    {
        var model = Minimal().Webmail(w => w.Hosts("web-01.example.org").NginxLocation("/x", "allow all;", directive)).Build();

        var findings = Findings(model, "MAIL3001");
        if (unsafeAt is null)
        {
            Assert.Empty(findings);
            return;
        }
        var f = Assert.Single(findings);
        Assert.Equal("webmail.location.0.body.1", f.OriginKey);
        Assert.Equal(unsafeAt, f.SubStart);
        Assert.Equal(length, f.SubLength);
    }

    [Fact]
    public void A_listener_name_is_one_word()
    {
        var model = Minimal().Mailstore(m => m.Hosts("store-01.example.org")
            .Listener("imap internal", ServiceProtocol.Imap, 1143, ListenerSecurity.StartTls)).Build();

        var f = Assert.Single(Findings(model, "MAIL3001"));
        Assert.Equal("mailstore.listener.imap internal.name", f.OriginKey);
        Assert.Contains("a space", f.Message);
    }
}

public class RelativePathTests
{
    [Fact]
    public void A_relative_certificate_path_is_an_error_at_the_argument()
    {
        var model = Platform.Create("example.org").Certificate("certs/mail.crt", "/etc/pki/tls/private/mail.key").Build();

        var f = Assert.Single(Findings(model, "MAIL3002"));
        Assert.Equal(Severity.Error, f.Severity);
        Assert.Equal("platform.certificate.file", f.OriginKey);
        Assert.Contains("'certs/mail.crt'", f.Message);
        Assert.Contains("absolute", f.Message);
    }

    [Fact]
    public void A_relative_key_path_is_an_error_at_the_key()
    {
        var model = Platform.Create("example.org").Certificate("/etc/pki/tls/certs/mail.crt", "./mail.key").Build();

        var f = Assert.Single(Findings(model, "MAIL3002"));
        Assert.Equal("platform.certificate.key", f.OriginKey);
    }

    [Theory]
    [InlineData(Daemon.Postfix, "smtpd_tls_CAfile", "cacert.pem", 0)]
    [InlineData(Daemon.Postfix, "smtpd_tls_cert_file", "  cert.pem", 2)]
    [InlineData(Daemon.Dovecot, "ssl_ca", "<ca.pem", 1)]
    [InlineData(Daemon.Dovecot, "ssl_client_ca_dir", "certs", 0)]
    public void Raw_settings_that_name_files_need_absolute_paths(Daemon daemon, string key, string value, int at)
    {
        var model = Minimal().Mailstore(m =>
        {
            m.Hosts("store-01.example.org");
            if (daemon == Daemon.Postfix) m.PostfixSetting(key, value); else m.DovecotSetting(key, value);
        }).Build();

        var f = Assert.Single(Findings(model, "MAIL3002"));
        Assert.Equal($"mailstore.setting.{daemon.ToString().ToLowerInvariant()}.{key}.0.value", f.OriginKey);
        Assert.Equal(at, f.SubStart);
    }

    [Theory]
    [InlineData(Daemon.Postfix, "smtpd_tls_cert_file", "/etc/postfix/cert.pem")]
    [InlineData(Daemon.Postfix, "smtpd_tls_cert_file", "$config_directory/cert.pem")]
    [InlineData(Daemon.Postfix, "smtpd_starttls_timeout", "300s")]
    [InlineData(Daemon.Dovecot, "ssl_cert", "</etc/pki/dovecot/certs/dovecot.pem")]
    public void Absolute_paths_references_and_other_settings_are_fine(Daemon daemon, string key, string value)
    {
        var model = Minimal().Mailstore(m =>
        {
            m.Hosts("store-01.example.org");
            if (daemon == Daemon.Postfix) m.PostfixSetting(key, value); else m.DovecotSetting(key, value);
        }).Build();

        Assert.Empty(Findings(model, "MAIL3002"));
    }

    [Fact]
    public void A_relative_nginx_alias_is_an_error_at_the_path()
    {
        var model = Minimal().Webmail(w => w.Hosts("web-01.example.org")
            .NginxLocation("/SOGo/WebServerResources/", "alias GNUstep/SOGo/WebServerResources/;")).Build();

        var f = Assert.Single(Findings(model, "MAIL3002"));
        Assert.Equal("webmail.location.0.body.0", f.OriginKey);
        Assert.Equal(6, f.SubStart);
        Assert.Equal("GNUstep/SOGo/WebServerResources/".Length, f.SubLength);
    }
}

public class InvalidHostNameTests
{
    [Theory]
    [InlineData("smtp_in.example.org", "'_'")]
    [InlineData("-mx.example.org", "hyphen")]
    [InlineData("mx..example.org", "two dots")]
    [InlineData("mx.example.org.", "ends with a dot")]
    [InlineData("", "empty")]
    [InlineData("mx.example.123", "all digits")]
    [InlineData("mx.éxample.org", "'é'")]
    public void A_host_that_is_not_an_rfc_1123_name_is_an_error(string host, string why)
    {
        var model = Minimal().SmtpIn(s => s.Hosts(host)).Build();

        var f = Assert.Single(Findings(model, "MAIL3003"));
        Assert.Equal(Severity.Error, f.Severity);
        Assert.Equal("smtpIn.hosts.0", f.OriginKey);
        Assert.Contains($"'{host}'", f.Message);
        Assert.Contains(why, f.Message);
    }

    [Fact]
    public void A_label_longer_than_63_characters_is_an_error()
    {
        var label = new string('a', 64);
        var model = Minimal().SmtpIn(s => s.Hosts(label + ".example.org")).Build();

        Assert.Contains("64 characters", Assert.Single(Findings(model, "MAIL3003")).Message);
    }

    [Fact]
    public void The_domain_and_the_vip_are_host_names_too()
    {
        var model = Platform.Create("my company.dom").Certificate("/a.crt", "/a.key")
            .Mailstore(m => m.Hosts("store-01.example.org").Vip("imap_vip.example.org")).Build();

        Assert.Equal("mailstore.vip", Assert.Single(Findings(model, "MAIL3003")).OriginKey);
        Assert.Equal("platform.domain", Assert.Single(Findings(model, "MAIL3001")).OriginKey);
    }

    [Theory]
    [InlineData("localhost")]
    [InlineData("vm-172-16-10-142.cloud0.hc.mycompany.dom")]
    public void Single_labels_and_names_that_hold_an_address_are_valid_hosts(string host)
    {
        var model = Minimal().SmtpIn(s => s.Hosts(host).Vip(host)).Build();

        Assert.Empty(Findings(model, "MAIL3003"));
    }

    /// <summary>
    /// A VIP may be an address (other layers dial it), a layer's host may not: it is the host's Postfix myhostname, and every
    /// Postfix program stops on an address there ("fatal: parameter myhostname: bad parameter value", seen with postmap 3.7).
    /// </summary>
    [Theory]
    [InlineData("172.16.10.50")]
    [InlineData("2001:db8::25")]
    public void An_address_is_a_valid_vip_but_not_a_hosts_name(string address)
    {
        var model = Minimal().SmtpIn(s => s.Hosts("mx-01.example.org", address).Vip(address)).Build();

        Assert.Equal("smtpIn.hosts.1", Assert.Single(Findings(model, "MAIL3003")).OriginKey);
    }

    [Theory]
    [InlineData("imaps://IMAP_VIP_OR_FQDN:993", 12, 1)]
    [InlineData("imaps://imap..example.org:993", 13, 1)]
    public void The_host_of_the_imap_url_sogo_dials_must_be_a_host_name(string url, int start, int length)
    {
        var model = Minimal().Webmail(w => w.Hosts("web-01.example.org").Imap(url)).Build();

        var f = Assert.Single(Findings(model, "MAIL3003"));
        Assert.Equal("webmail.imapServer", f.OriginKey);
        Assert.Equal((start, length), (f.SubStart, f.SubLength));
        Assert.Contains(url, f.Message);
    }

    [Theory]
    [InlineData("imaps://imap.example.org:993")]
    [InlineData("imaps://[2001:db8::143]:993")]
    [InlineData("smtp://relay.example.org:587/?tls=YES")]
    public void Server_urls_with_real_hosts_are_fine(string url)
    {
        var model = Minimal().Webmail(w => w.Hosts("web-01.example.org").Imap(url).Smtp(url)).Build();

        Assert.Empty(Findings(model, "MAIL3003"));
    }

    [Fact]
    public void The_domain_cannot_be_an_address()
    {
        var model = Platform.Create("192.0.2.1").Build();

        Assert.Equal("platform.domain", Assert.Single(Findings(model, "MAIL3003")).OriginKey);
    }
}

public class SogoValueTests
{
    [Theory]
    [InlineData("YES", null)]
    [InlineData("\"imaps://imap.example.org:993\"", null)]
    [InlineData("(\"a\", \"b\")", null)]
    [InlineData("\"a;b\"", null)]
    [InlineData("YES; SOGoSuperUsernames = (root)", 3)]
    [InlineData("\"open", 0)]
    [InlineData("a // comment", 2)]
    public void A_raw_sogo_value_is_read_as_a_property_list(string value, int? unsafeAt)
    {
        // No DSL verb writes SOGo settings yet; the renderer writes the model's, so the rule checks them.
        var model = RuleTesting.Minimal().Webmail(w => w.Hosts("web-01.example.org")).Build();
        model = model with { Webmail = model.Webmail! with { RawSettings = EquatableArray.Of(new RawSetting(Daemon.Sogo, "SOGoX", value)) } };

        var findings = Findings(model, "MAIL3001");
        if (unsafeAt is null)
        {
            Assert.Empty(findings);
            return;
        }
        var f = Assert.Single(findings);
        Assert.Equal("webmail.setting.sogo.SOGoX.0.value", f.OriginKey);
        Assert.Equal(unsafeAt, f.SubStart);
    }
}
