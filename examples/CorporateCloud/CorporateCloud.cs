using MailDsl;
using MailDsl.Model;

namespace Examples;

/// <summary>
/// The platform of the operator's series (shared/reference is its TLS chapter), described well. Two mail domains; users
/// in Active Directory, read over LDAPS by every layer with a read-only bind account whose password stays on the hosts;
/// recipients checked at RCPT on the MX and the relay; mailboxes on NFS, shared by every mailstore host and owned by
/// vmail 5000:5000; Sieve filters uploaded over ManageSieve and run at delivery; SOGo logging users in from the same
/// directory, its database in MariaDB beside it as in the series. Every layer behind its VIP, held by keepalived on two
/// balancer hosts running HAProxy (as the guide's LBaaS would sit), which pass TLS through and tell each host the client's
/// address with the PROXY protocol. One certificate on every host, TLSRef 6.0's intermediate profile everywhere. It
/// compiles without a single MAIL diagnostic.
/// </summary>
[MailPlatform]
public static partial class CorporateCloud
{
    static Platform Describe() => Platform.Create("domain01.dom")
        .AddMailDomain("domain02.dom")
        .Banner("MYCOMPANY Mail System")
        .Target(Distro.Rhel9)
        .Certificate("/etc/pki/CA/certs/allservers.crt", "/etc/pki/CA/private/allservers.key")
        .CertificateAuthority("/etc/pki/CA/certs/mycompany-ca.crt")
        .Tls(TlsProfile.Intermediate)
        .Directory(d => d.Ldap(LdapSchema.ActiveDirectory)
            .Server("dc01.domain01.dom", LdapSecurity.Ldaps)
            .Server("dc02.domain01.dom", LdapSecurity.Ldaps)
            .BaseDn("dc=domain01,dc=dom")
            .BindAs("cn=correoapp,ou=mailapps,dc=domain01,dc=dom", Secret.File("/etc/maildsl/secrets/ldap-bind"))
            .LoginWith(LoginName.Username)
            .Quota("info")
            .AddAlias("postmaster@domain01.dom", "it-team@domain01.dom")
            .AddAlias("postmaster@domain02.dom", "it-team@domain01.dom"))
        .SmtpIn(s => s
            .Host("smtp-in-01.cloud0.mycompany.dom", "172.16.10.11")
            .Host("smtp-in-02.cloud0.mycompany.dom", "172.16.10.12")
            .Vip("smtp-in.cloud0.mycompany.dom", "172.16.10.100")
            .StartTls(TlsLevel.May)
            .PostfixSetting("smtpd_starttls_timeout", "300s"))
        .SmtpOut(s => s
            .Host("smtp-out-01.cloud0.mycompany.dom", "172.16.10.21")
            .Host("smtp-out-02.cloud0.mycompany.dom", "172.16.10.22")
            .Vip("smtp-out.cloud0.mycompany.dom", "172.16.10.101")
            .Submission(587)
            .Submissions(465))
        .Mailstore(m => m
            .Host("vm-172-16-10-142.cloud0.hc.mycompany.dom", "172.16.10.142")
            .Host("vm-172-16-10-143.cloud0.hc.mycompany.dom", "172.16.10.143")
            .Vip("imap.cloud0.mycompany.dom", "172.16.10.102")
            .Imaps(993)
            .Pop3s(995)
            .ManageSieve(4190)
            .Storage(s => s.Nfs("/MAILBOXES/C7/vmail").Owner("vmail", 5000, 5000)))
        .Webmail(w => w
            .Host("webmail-01.cloud0.mycompany.dom", "172.16.10.41")
            .Vip("webmail.cloud0.mycompany.dom", "172.16.10.103")
            .Sogo(port: 20000)
            .Https(443)
            .HttpRedirect(80)
            .Imap("imaps://imap.cloud0.mycompany.dom:993")
            .Database(db => db.MariaDb("localhost").Name("sogo").Login("sogo", Secret.File("/etc/maildsl/secrets/sogo-db"))))
        .Balancers(b => b                                   // HAProxy on both, keepalived holding each VIP on one of them
            .Host("lb-01.cloud0.mycompany.dom", "172.16.10.2")
            .Host("lb-02.cloud0.mycompany.dom", "172.16.10.3"));
}
