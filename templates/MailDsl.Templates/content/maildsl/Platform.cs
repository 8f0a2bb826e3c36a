using MailDsl;
using MailDsl.Model;

/// <summary>
/// The mail platform of example.com. Every argument is checked while you type; `dotnet run -- check` checks it again,
/// `dotnet run -- emit --out out` writes each host's nginx, Dovecot, Postfix and SOGo files and an install script.
/// </summary>
[MailPlatform]
public static partial class ContosoMail
{
    static Platform Describe() => Platform.Create("example.com")
        .Banner("example.com Mail")
        .Target(Distro.Debian12)
        // Paths on the hosts; MailDsl never reads the key.
        .Certificate("/etc/ssl/certs/mail.example.com.pem", "/etc/ssl/private/mail.example.com.key")
        .Tls(TlsProfile.Intermediate)
        // The users, once for every layer: Active Directory over LDAPS, verified. The bind password stays on the hosts,
        // in a file install.sh reads there (one line, mode 0600).
        .Directory(d => d
            .Ldap(LdapSchema.ActiveDirectory)
            .Server("dc-01.example.com", LdapSecurity.Ldaps)
            .BaseDn("dc=example,dc=com")
            .BindAs("CN=mail-bind,CN=Users,dc=example,dc=com", Secret.File("/etc/maildsl/secrets/ldap-bind")))
        // Each host and VIP with its address on the internal network: what balancers dial and trust.
        .SmtpIn(s => s
            .Host("mx-01.example.com", "10.0.0.11")
            .Host("mx-02.example.com", "10.0.0.12")
            .Vip("mx.example.com", "10.0.0.100"))
        .SmtpOut(s => s
            .Host("relay-01.example.com", "10.0.0.21")
            .Vip("relay.example.com", "10.0.0.101")
            .Submission().Submissions())
        .Mailstore(m => m
            .Host("store-01.example.com", "10.0.0.31")
            .Vip("imap.example.com", "10.0.0.102")
            .Imaps().Pop3s())
        .Webmail(w => w
            .Host("webmail-01.example.com", "10.0.0.41")
            .Vip("webmail.example.com", "10.0.0.103")
            .Https().HttpRedirect()
            // SOGo keeps its users' profiles and sessions here.
            .Database(db => db
                .PostgreSql("db-01.example.com")
                .Name("sogo")
                .Login("sogo", Secret.File("/etc/maildsl/secrets/sogo-db"))))
#if (EmittedBalancers)
        // Two balancer hosts: HAProxy passes each VIP's ports through to the hosts with the PROXY protocol (they log and
        // judge the client's own address), keepalived holds each VIP on one of them and moves it when that one fails.
        .Balancers(b => b
            .Host("lb-01.example.com", "10.0.0.2")
            .Host("lb-02.example.com", "10.0.0.3"))
#endif
#if (LbaasBalancers)
        // The LBaaS you already have, passing TCP through with the PROXY protocol v2 from these addresses: the hosts trust
        // them alone. `dotnet run -- check` and the emitted README say what to set it to, VIP by VIP.
        .Balancers(b => b
            .Lbaas(LbaasBehaviour.PassThroughProxy)
            .From("10.0.0.0/29"))
#endif
        ;
}
