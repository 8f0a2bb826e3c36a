using MailDsl.Model;
using MailDsl.TestPlatform;

namespace MailDsl.Render.Tests;

/// <summary>The platforms whose emitted files the authorities check.</summary>
public static class TestPlatforms
{
    /// <summary>The guide's platform described well (examples/CorporateCloud's description), on <paramref name="distro"/>, with the given certificate paths.</summary>
    /// <remarks>
    /// The test certificate is self-signed, so it is the CA too: the example names its CA's path on the operator's hosts, which
    /// the sandbox does not have, and HAProxy's check opens the CA it verifies the backends with.
    /// </remarks>
    public static Platform Guide(Distro distro, string certificate, string key) => GuidePlatform.Describe()
        .Target(distro)
        .Certificate(certificate, key)
        .CertificateAuthority(certificate);

    /// <summary>Everything on one loopback host with non-standard ports and STARTTLS ports too, as tests run it.</summary>
    public static Platform AllInOne(Distro distro, string certificate, string key) => Platform.Create("test.maildsl.internal")
        .Target(distro)
        .Certificate(certificate, key)
        .SmtpIn(s => s.Hosts("mx.test.maildsl.internal").ListenOn("127.0.0.1").Smtp(2525))
        .SmtpOut(s => s.Hosts("relay.test.maildsl.internal").ListenOn("127.0.0.1").Smtp(2526).Submission(2587).Submissions(2465))
        .Mailstore(m => m.Hosts("store.test.maildsl.internal").ListenOn("127.0.0.1").Smtp(2527).Imap(2143).Imaps(2993).Pop3s(2995))
        .Webmail(w => w.Hosts("web.test.maildsl.internal").ListenOn("127.0.0.1").Sogo(20000).Https(8443).HttpRedirect(8080).Hsts(31536000));

    /// <summary>
    /// Only an SMTP-out relay with submission: no mailstore, so its Dovecot is the auth-only SASL server behind
    /// Postfix, with a raw Dovecot setting of the layer that must land in that file.
    /// </summary>
    public static Platform RelayOnly(Distro distro, string certificate, string key) => Platform.Create("test.maildsl.internal")
        .Target(distro)
        .Certificate(certificate, key)
        .SmtpOut(s => s.Hosts("relay.test.maildsl.internal").ListenOn("127.0.0.1").Smtp(2526).Submission(2587).Submissions(2465)
            .DovecotSetting("auth_verbose", "yes"));

    /// <summary>
    /// Two hosts per layer, each with its address, every layer behind a VIP with its address, and two emitted balancer hosts
    /// (HAProxy, keepalived) in front: every backend gets its PROXY ports and their firewall; HTTPS passed through or
    /// terminated on the balancers as <paramref name="https"/> says.
    /// </summary>
    /// <param name="balancers">Instead of the two emitted balancer hosts: other balancers, e.g. a described LBaaS.</param>
    /// <param name="ipv6">Whether the hosts and VIPs have IPv6 addresses (fd00:172:16:10::N) instead of IPv4 ones (172.16.10.N).</param>
    /// <param name="store">More of the mailstore layer, e.g. its own TLS profile.</param>
    public static Platform Balanced(Distro distro, string certificate, string key, HttpsBalancing https = HttpsBalancing.PassThrough, Action<BalancerBuilder>? balancers = null,
        bool ipv6 = false, Action<MailstoreBuilder>? store = null)
    {
        string A(int n) => (ipv6 ? "fd00:172:16:10::" : "172.16.10.") + n;
        return Platform.Create("mycompany.dom")
            .Target(distro)
            .Certificate(certificate, key)
            .CertificateAuthority(certificate)
            .SmtpIn(s => s.Host("mx-01.mycompany.dom", A(11)).Host("mx-02.mycompany.dom", A(12)).Vip("mx.mycompany.dom", A(100)))
            .SmtpOut(s => s.Host("relay-01.mycompany.dom", A(21)).Host("relay-02.mycompany.dom", A(22)).Vip("relay.mycompany.dom", A(101))
                .Submission(587).Submissions(465))
            .Mailstore(m => { m.Host("store-01.mycompany.dom", A(31)).Host("store-02.mycompany.dom", A(32)).Vip("imap.mycompany.dom", A(102))
                .Imap(143).Imaps(993).Pop3s(995); store?.Invoke(m); })
            .Webmail(w => w.Host("web-01.mycompany.dom", A(41)).Host("web-02.mycompany.dom", A(42)).Vip("webmail.mycompany.dom", A(103))
                .Sogo(20000).Https(443).HttpRedirect(80))
            .Balancers(balancers ?? (b => b.Host("lb-01.mycompany.dom", A(2)).Host("lb-02.mycompany.dom", A(3)).Https(https)));
    }
}
