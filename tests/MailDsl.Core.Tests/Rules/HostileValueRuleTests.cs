using MailDsl.Model;
using Xunit;
using static MailDsl.Core.Tests.Rules.RuleTesting;

namespace MailDsl.Core.Tests.Rules;

/// <summary>The hostile-value classes of the security review, each refused at the argument, with a near miss that passes.</summary>
public class HostileValueRuleTests
{
    [Theory]
    [InlineData("</etc/passwd", 0, "contents of that file")]
    [InlineData("  </etc/shadow", 2, "contents of that file")]
    [InlineData("$ssl_key", 0, "expands")]
    [InlineData("Hello $SET:ssl_server_key_file", 6, "expands")]
    [InlineData("x %{env:DOVECOT_PASSWORD}", 2, "environment")]
    [InlineData("\"quoted\"", 0, "quotes")]
    public void A_raw_dovecot_value_may_not_read_a_file_another_setting_or_the_environment(string value, int at, string why)
    {
        var model = Minimal().Mailstore(m => m.Hosts("store-01.example.org").DovecotSetting("login_greeting", value)).Build();

        var f = Assert.Single(Findings(model, "MAIL3001"));
        Assert.Equal("mailstore.setting.dovecot.login_greeting.0.value", f.OriginKey);
        Assert.Equal(at, f.SubStart);
        Assert.Contains(why, f.Message);
    }

    [Theory]
    [InlineData("Welcome to <our> mail")]
    [InlineData("100% uptime")]
    public void A_raw_dovecot_value_with_a_lone_angle_bracket_or_percent_passes(string value)
    {
        var model = Minimal().Mailstore(m => m.Hosts("store-01.example.org").DovecotSetting("login_greeting", value)).Build();

        Assert.Empty(Findings(model, "MAIL3001"));
    }

    [Theory]
    [InlineData("</etc/passwd")]
    [InlineData("maildir:$home/Maildir")]
    [InlineData("maildir:%{env:HOME}/Maildir")]
    public void A_mail_location_may_not_read_a_file_or_the_environment(string location)
    {
        var model = Minimal().Mailstore(m => m.Hosts("store-01.example.org").MailLocation(location)).Build();

        var f = Assert.Single(Findings(model, "MAIL3001"));
        Assert.Equal("mailstore.mailLocation", f.OriginKey);
    }

    [Fact]
    public void A_mail_location_with_user_variables_passes()
    {
        var model = Minimal().Mailstore(m => m.Hosts("store-01.example.org").MailLocation("maildir:/var/vmail/%d/%n/Maildir")).Build();

        Assert.Empty(Findings(model, "MAIL3001"));
    }

    [Theory]
    [InlineData("/etc/pki/tls/certs/../../../shadow", 19, 2)]
    [InlineData("/etc/pki/tls/./certs/mail.crt", 13, 1)]
    [InlineData("/etc/pki//tls/certs/mail.crt", 8, 2)]
    [InlineData("/etc/pki/tls/certs/", 18, 1)]
    public void A_certificate_path_out_of_normal_form_is_refused_at_the_segment(string path, int start, int length)
    {
        var model = Platform.Create("example.org").Certificate(path, "/etc/pki/tls/private/mail.key")
            .Mailstore(m => m.Hosts("store-01.example.org")).Build();

        var f = Assert.Single(Findings(model, "MAIL3004"));
        Assert.Equal("platform.certificate.file", f.OriginKey);
        Assert.Equal((start, length), (f.SubStart, f.SubLength));
    }

    [Fact]
    public void A_key_path_that_climbs_is_refused_and_the_message_names_where_it_leads()
    {
        var model = Platform.Create("example.org").Certificate("/etc/pki/tls/certs/mail.crt", "/etc/pki/tls/private/../../../passwd")
            .Mailstore(m => m.Hosts("store-01.example.org")).Build();

        var f = Assert.Single(Findings(model, "MAIL3004"));
        Assert.Equal("platform.certificate.key", f.OriginKey);
        Assert.Contains("/etc/passwd", f.Message);
    }

    [Theory]
    [InlineData("/etc/pki/tls/certs/mail..crt")]
    [InlineData("/etc/ssl/certs/.hidden/mail.crt")]
    public void A_certificate_path_with_dots_inside_names_passes(string path)
    {
        var model = Platform.Create("example.org").Certificate(path, "/etc/pki/tls/private/mail.key")
            .Mailstore(m => m.Hosts("store-01.example.org")).Build();

        Assert.Empty(Findings(model, "MAIL3004"));
    }

    [Fact]
    public void A_raw_dovecot_file_setting_out_of_normal_form_is_refused()
    {
        var model = Minimal().Mailstore(m => m.Hosts("store-01.example.org").DovecotSetting("ssl_client_ca_file", "/etc/ssl/certs/../private/mail.key")).Build();

        var f = Assert.Single(Findings(model, "MAIL3004"));
        Assert.Equal("mailstore.setting.dovecot.ssl_client_ca_file.0.value", f.OriginKey);
    }

    [Theory]
    [InlineData("127.0.0.1, 10.0.0.1", "list")]
    [InlineData("127.0.0.1 10.0.0.1", "list")]
    [InlineData("mail.example.org", "name")]
    [InlineData("127.0.0.1:25", "port")]
    [InlineData("[::1]", "brackets")]
    [InlineData("fe80::1%eth0", "zone")]
    [InlineData("10.0.0.0/8", "network")]
    [InlineData("010.0.0.1", "leading zero")]
    [InlineData("256.0.0.1", "more than 255")]
    [InlineData("127.1", "four numbers")]
    [InlineData("all", "name")]
    [InlineData("-o", "name")]
    [InlineData("</etc/hostname", "name")]
    [InlineData("2001:db8::10:25:x", "not an IPv6 address")]
    [InlineData("", "empty")]
    public void A_listen_address_must_be_one_ip_address(string address, string why)
    {
        var model = Minimal().Mailstore(m => m.Hosts("store-01.example.org").ListenOn(address)).Build();

        var f = Assert.Single(Findings(model, "MAIL3005"));
        Assert.Equal("mailstore.listenAddress", f.OriginKey);
        Assert.Contains(why, f.Message);
        Assert.Empty(Findings(model, "MAIL3001"));
    }

    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("0.0.0.0")]
    [InlineData("::1")]
    [InlineData("2001:db8::10")]
    [InlineData("::ffff:192.0.2.1")]
    public void One_ip_address_is_a_listen_address(string address)
    {
        var model = Minimal().Mailstore(m => m.Hosts("store-01.example.org").ListenOn(address)).Build();

        Assert.Empty(Findings(model, "MAIL3005"));
    }

    [Theory]
    [InlineData("fe80::1%eth0")]
    [InlineData("fe80::1%25eth0")]
    public void A_vip_that_is_a_link_local_address_with_a_zone_is_not_a_host_name(string vip)
    {
        var model = Minimal().Mailstore(m => m.Hosts("store-01.example.org").Vip(vip)).Build();

        Assert.Single(Findings(model, "MAIL3003"));
    }

    [Fact]
    public void A_vip_that_is_an_ipv6_address_passes()
    {
        var model = Minimal().Mailstore(m => m.Hosts("store-01.example.org").Vip("2001:db8::25")).Build();

        Assert.Empty(Findings(model, "MAIL3003"));
    }
}

/// <summary>MAIL4004 and the nginx grammar: what a raw location may not do, and near misses.</summary>
public class NginxLocationReachTests
{
    private static PlatformModel Location(string match, params string[] body)
        => Minimal().Target(Distro.Debian12).Webmail(w => w.Hosts("web-01.example.org").NginxLocation(match, body)).Build();

    [Fact]
    public void An_escaped_semicolon_is_not_the_end_of_a_directive()
    {
        var model = Location("/x/", "try_files $uri\\;", "deny all;");

        var f = Assert.Single(Findings(model, "MAIL3001"));
        Assert.Equal("webmail.location.0.body.0", f.OriginKey);
        Assert.Equal((14, 2), (f.SubStart, f.SubLength));
    }

    [Fact]
    public void A_quoted_semicolon_inside_a_directive_is_fine()
    {
        var model = Location("/x/", "add_header X-Note \"a;b\" always;", "deny all;");

        Assert.Empty(Findings(model, "MAIL3001"));
    }

    [Theory]
    [InlineData("include /etc/nginx/snippets/x.conf;", 0, 7)]
    [InlineData("auth_basic_user_file /etc/shadow;", 0, 20)]
    [InlineData("access_log /etc/cron.d/evil;", 0, 10)]
    [InlineData("ssl_certificate_key /etc/ssl/private/x.key;", 0, 19)]
    [InlineData("alias /etc/ssl/private/;", 6, 17)]
    [InlineData("root /;", 5, 1)]
    [InlineData("alias /usr/lib/GNUstep/SOGo/WebServerResources/../../../../etc/;", 6, 57)]
    [InlineData("alias \"/etc/ssl/private/\";", 7, 17)]
    public void A_raw_location_may_not_include_read_write_or_serve_files_outside_sogo(string directive, int start, int length)
    {
        var model = Location("/x/", directive);

        var f = Assert.Single(Findings(model, "MAIL4004"));
        Assert.Equal("webmail.location.0.body.0", f.OriginKey);
        Assert.Equal((start, length), (f.SubStart, f.SubLength));
    }

    [Fact]
    public void A_prefix_location_without_slash_and_an_alias_with_one_is_the_off_by_slash_traversal()
    {
        var model = Location("/res", "alias /usr/lib/GNUstep/SOGo/WebServerResources/;");

        var f = Assert.Single(Findings(model, "MAIL4004"));
        Assert.Contains("off-by-slash", f.Message);
    }

    [Theory]
    [InlineData("/res/", "alias /usr/lib/GNUstep/SOGo/WebServerResources/;")]
    [InlineData("/res", "alias /usr/lib/GNUstep/SOGo/WebServerResources;")]
    [InlineData("~ ^/SOGo/so/ControlPanel/Products/([^/]*)/Resources/(.*)$", "alias /usr/lib/GNUstep/SOGo/$1.SOGo/Resources/$2;")]
    [InlineData("/x/", "return 403;")]
    [InlineData("/x/", "add_header Cache-Control private;")]
    [InlineData("/x/", "proxy_pass http://127.0.0.1:20000;")]
    public void Serving_sogo_resources_or_plain_directives_passes(string match, string directive)
    {
        var model = Location(match, directive);

        Assert.Empty(Findings(model, "MAIL4004"));
        Assert.Empty(Findings(model, "MAIL3001"));
    }

    [Fact]
    public void On_debian_13_sogo_resources_are_where_its_package_puts_them()
    {
        var model = Minimal().Target(Distro.Debian13).Webmail(w => w.Hosts("web-01.example.org")
            .NginxLocation("/a/", "alias /usr/share/GNUstep/SOGo/WebServerResources/;")
            .NginxLocation("/b/", "alias /usr/lib/GNUstep/SOGo/WebServerResources/;")).Build();

        var f = Assert.Single(Findings(model, "MAIL4004"));
        Assert.Equal("webmail.location.1.body.0", f.OriginKey);
        Assert.Contains("Debian 13", f.Message);
    }
}

/// <summary>MAIL4005: version overrides are versions MailDsl renders for.</summary>
public class VersionOverrideTests
{
    [Theory]
    [InlineData("2.2.36", "renders for Dovecot 2.3 and 2.4")]
    [InlineData("2.5", "renders for Dovecot 2.3 and 2.4")]
    [InlineData("2.4.1; rm -rf /", "not a version")]
    [InlineData("latest", "not a version")]
    [InlineData("", "not a version")]
    public void A_dovecot_override_must_be_a_version_mailDsl_renders_for(string version, string why)
    {
        var model = Minimal().Target(Distro.Debian12, t => t.WithDovecot(version)).Mailstore(m => m.Hosts("store-01.example.org")).Build();

        var f = Assert.Single(Findings(model, "MAIL4005"));
        Assert.Equal("platform.target.version.dovecot", f.OriginKey);
        Assert.Contains(why, f.Message);
    }

    [Fact]
    public void Known_versions_pass_and_change_what_is_rendered()
    {
        var model = Minimal().Target(Distro.Debian12, t => t.WithDovecot("2.4.1").WithOpenSsl("3.5").WithPostfix("3.10.2"))
            .Mailstore(m => m.Hosts("store-01.example.org")).Build();

        Assert.Empty(Findings(model, "MAIL4005"));
        var dovecot = MailDsl.Render.PlatformRenderer.Render(model).Single(a => a.Path == "/etc/dovecot/dovecot.conf");
        Assert.StartsWith("dovecot_config_version = 2.4.1\n", dovecot.Content);
    }
}

/// <summary>The nginx location match is a modifier and one word, as nginx's parser takes it.</summary>
public class NginxLocationMatchTests
{
    [Theory]
    [InlineData("/pri vate/", 0, 4)]
    [InlineData("~ ^/a /b", 6, 2)]
    [InlineData("", 0, 0)]
    public void A_match_nginx_would_refuse_is_refused(string match, int start, int length)
    {
        var model = Minimal().Webmail(w => w.Hosts("web-01.example.org").NginxLocation(match, "return 403;")).Build();

        var f = Assert.Single(Findings(model, "MAIL3001"));
        Assert.Equal("webmail.location.0.match", f.OriginKey);
        Assert.Equal((start, length), (f.SubStart, f.SubLength));
    }

    [Theory]
    [InlineData("/private/")]
    [InlineData("= /exact")]
    [InlineData("=/exact")]
    [InlineData("~* \\.(png|css)$")]
    [InlineData("^~ /static/")]
    [InlineData("@fallback")]
    [InlineData("~ \"^/a b$\"")]
    public void A_match_nginx_takes_passes(string match)
    {
        var model = Minimal().Webmail(w => w.Hosts("web-01.example.org").NginxLocation(match, "return 403;")).Build();

        Assert.Empty(Findings(model, "MAIL3001"));
    }
}

/// <summary>MAIL1030: TLS on the public MX is opportunistic.</summary>
public class PublicMxTlsTests
{
    [Fact]
    public void Requiring_tls_on_the_mx_is_a_warning_at_the_level()
    {
        var model = Minimal().SmtpIn(s => s.Hosts("mx-01.example.org").StartTls(TlsLevel.Encrypt)).Build();

        var f = Assert.Single(Findings(model, "MAIL1030"));
        Assert.Equal("smtpIn.startTls", f.OriginKey);
        Assert.Equal(MailDsl.Rules.Severity.Warning, f.Severity);
    }

    [Fact]
    public void Requiring_tls_with_a_raw_setting_on_the_mx_is_a_warning_at_the_value()
    {
        var model = Minimal().SmtpIn(s => s.Hosts("mx-01.example.org").PostfixSetting("smtpd_tls_security_level", "encrypt")).Build();

        var f = Assert.Single(Findings(model, "MAIL1030"));
        Assert.Equal("smtpIn.setting.postfix.smtpd_tls_security_level.0.value", f.OriginKey);
    }

    [Fact]
    public void Opportunistic_tls_on_the_mx_and_required_tls_on_the_relay_pass()
    {
        var model = Minimal().SmtpIn(s => s.Hosts("mx-01.example.org").StartTls(TlsLevel.May))
            .SmtpOut(s => s.Hosts("relay-01.example.org").OutboundTls(TlsLevel.Encrypt).Submission()).Build();

        Assert.Empty(Findings(model, "MAIL1030"));
    }
}
