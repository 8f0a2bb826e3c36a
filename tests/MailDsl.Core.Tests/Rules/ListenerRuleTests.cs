using MailDsl.Model;
using MailDsl.Rules;
using Xunit;
using static MailDsl.Core.Tests.Rules.RuleTesting;

namespace MailDsl.Core.Tests.Rules;

public class PlaintextAuthWithoutTlsTests
{
    [Fact]
    public void The_guides_imap_nopass_listener_on_144_is_an_error_at_its_auth_argument()
    {
        var model = Minimal().Mailstore(m => m.Hosts("store-01.example.org").Imaps()
            .Listener("imap-nopass", ServiceProtocol.Imap, 144, ListenerSecurity.Plain, allowPlaintextAuth: true)).Build();

        var f = Assert.Single(Findings(model, "MAIL2001"));
        Assert.Equal(Severity.Error, f.Severity);
        Assert.Equal("mailstore.listener.imap-nopass.auth", f.OriginKey);
        Assert.Contains("'imap-nopass'", f.Message);
        Assert.Contains("port 144", f.Message);
        Assert.Contains("allowPlaintextAuth: false", f.Message);
        Assert.Equal("allowPlaintextAuth", Property(f, FixProperties.ParameterName));
        Assert.Equal("false", Property(f, FixProperties.ParameterValue));
        Assert.Equal("ListenerSecurity.ImplicitTls", Property(f, FixProperties.SecurityValue));
    }

    [Theory]
    [InlineData(ListenerSecurity.Plain, false)]
    [InlineData(ListenerSecurity.StartTls, true)]
    [InlineData(ListenerSecurity.ImplicitTls, true)]
    public void Logins_without_plaintext_or_with_tls_are_fine(ListenerSecurity security, bool allowPlaintextAuth)
    {
        var model = Minimal().Mailstore(m => m.Hosts("store-01.example.org")
            .Listener("imap-extra", ServiceProtocol.Imap, 1143, security, allowPlaintextAuth)).Build();

        Assert.Empty(Findings(model, "MAIL2001"));
    }
}

public class InvalidPortTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(65536)]
    [InlineData(int.MaxValue)]
    public void A_port_outside_1_to_65535_is_an_error_at_the_port(int port)
    {
        var model = Minimal().Mailstore(m => m.Hosts("store-01.example.org").Imaps(port)).Build();

        var f = Assert.Single(Findings(model, "MAIL2003"));
        Assert.Equal(Severity.Error, f.Severity);
        Assert.Equal("mailstore.listener.imaps.port", f.OriginKey);
        Assert.Contains($"port {port}", f.Message);
        Assert.Contains("1 to 65535", f.Message);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(65535)]
    public void The_edges_of_the_range_are_ports(int port)
    {
        var model = Minimal().Webmail(w => w.Hosts("web-01.example.org").Sogo(port)).Build();

        Assert.Empty(Findings(model, "MAIL2003"));
    }
}

public class PortClashTests
{
    [Fact]
    public void Two_listeners_of_one_layer_on_one_port_clash_at_the_second()
    {
        var model = Minimal().Mailstore(m => m.Hosts("store-01.example.org").Imaps(993).Pop3s(993)).Build();

        var f = Assert.Single(Findings(model, "MAIL2002"));
        Assert.Equal(Severity.Error, f.Severity);
        Assert.Equal("mailstore.listener.pop3s.port", f.OriginKey);
        Assert.Contains("Port 993", f.Message);
        Assert.Contains("'imaps'", f.Message);
        Assert.Contains("'pop3s'", f.Message);
    }

    [Fact]
    public void Sogods_port_clashes_with_an_nginx_port()
    {
        var model = Minimal().Webmail(w => w.Hosts("web-01.example.org").Sogo(443)).Build();

        var f = Assert.Single(Findings(model, "MAIL2002"));
        Assert.Equal("webmail.listener.sogo.port", f.OriginKey);
        Assert.Contains("'https'", f.Message);
        Assert.Contains("'sogo'", f.Message);
    }

    [Fact]
    public void Memcacheds_port_clashes_with_sogods_and_a_port_of_its_own_is_fine()
    {
        var clash = Minimal().Webmail(w => w.Hosts("web-01.example.org").Sogo(20000).Memcached(20000)).Build();
        var own = Minimal().Webmail(w => w.Hosts("web-01.example.org").Sogo(20000).Memcached(21211)).Build();
        var outOfRange = Minimal().Webmail(w => w.Hosts("web-01.example.org").Memcached(0)).Build();

        var f = Assert.Single(Findings(clash, "MAIL2002"));
        Assert.Equal("webmail.listener.memcached.port", f.OriginKey);
        Assert.Contains("'sogo'", f.Message);
        Assert.Contains("'memcached'", f.Message);
        Assert.Empty(Findings(own, "MAIL2002"));
        Assert.Equal("webmail.listener.memcached.port", Assert.Single(Findings(outOfRange, "MAIL2003")).OriginKey);
    }

    [Fact]
    public void A_host_in_two_layers_clashes_on_the_port_both_use()
    {
        var model = Minimal()
            .SmtpIn(s => s.Hosts("mx-01.example.org"))
            .SmtpOut(s => s.Hosts("relay-01.example.org", "MX-01.example.org"))
            .Build();

        var f = Assert.Single(Findings(model, "MAIL2002"));
        Assert.Equal("smtpOut.listener.smtp.port", f.OriginKey);
        Assert.Contains("Port 25", f.Message);
        Assert.Contains("'MX-01.example.org'", f.Message);
        Assert.Contains("SMTP-in", f.Message);
        Assert.Contains("SMTP-out", f.Message);
    }

    [Fact]
    public void A_host_in_two_layers_is_fine_when_the_ports_differ_or_the_layers_bind_different_addresses()
    {
        var movedPort = Minimal()
            .SmtpIn(s => s.Hosts("mx-01.example.org"))
            .SmtpOut(s => s.Hosts("mx-01.example.org").Smtp(2525))
            .Build();
        var twoAddresses = Minimal()
            .SmtpIn(s => s.Hosts("mx-01.example.org").ListenOn("192.0.2.10"))
            .SmtpOut(s => s.Hosts("mx-01.example.org").ListenOn("192.0.2.11"))
            .Build();

        Assert.Empty(Findings(movedPort, "MAIL2002"));
        Assert.Empty(Findings(twoAddresses, "MAIL2002"));
    }

    [Fact]
    public void Sogod_binds_loopback_whatever_address_the_webmail_layer_binds()
    {
        var model = Minimal()
            .Mailstore(m => m.Hosts("box.example.org").ListenOn("127.0.0.1").Imaps(20000))
            .Webmail(w => w.Hosts("box.example.org").ListenOn("192.0.2.10").Sogo(20000))
            .Build();

        var f = Assert.Single(Findings(model, "MAIL2002"));
        Assert.Equal("webmail.listener.sogo.port", f.OriginKey);
        Assert.Contains("'box.example.org'", f.Message);
    }

    [Fact]
    public void Different_hosts_on_the_same_port_do_not_clash()
    {
        var model = Minimal()
            .SmtpIn(s => s.Hosts("mx-01.example.org"))
            .SmtpOut(s => s.Hosts("relay-01.example.org"))
            .Mailstore(m => m.Hosts("store-01.example.org"))
            .Build();

        Assert.Empty(Findings(model, "MAIL2002"));
    }
}

public class MissingCertificateTests
{
    [Fact]
    public void Tls_listeners_without_a_certificate_are_an_error_at_the_platform()
    {
        var model = Platform.Create("example.org").Mailstore(m => m.Hosts("store-01.example.org").Imaps()).Build();

        var f = Assert.Single(Findings(model, "MAIL1020"));
        Assert.Equal(Severity.Error, f.Severity);
        Assert.Equal("platform", f.OriginKey);
        Assert.Contains("'imaps' (993)", f.Message);
        Assert.Contains(".Certificate(", f.Message);
    }

    [Fact]
    public void An_empty_key_path_is_an_error_at_the_key_argument()
    {
        var model = Platform.Create("example.org").Certificate("/etc/pki/tls/certs/mail.crt", " ")
            .Mailstore(m => m.Hosts("store-01.example.org")).Build();

        var f = Assert.Single(Findings(model, "MAIL1020"));
        Assert.Equal("platform.certificate.key", f.OriginKey);
        Assert.Contains("private key path is empty", f.Message);
    }

    [Fact]
    public void A_platform_with_no_tls_listener_needs_no_certificate()
    {
        var model = Platform.Create("example.org").Build();

        Assert.Empty(Findings(model, "MAIL1020"));
    }
}
