using MailDsl;
using MailDsl.Model;

namespace Examples;

/// <summary>
/// The platform of the operator's guide (shared/reference), described well: one certificate on every host,
/// TLSRef 6.0's intermediate profile everywhere, STARTTLS on the MX, implicit TLS for IMAP and POP3, SOGo
/// behind nginx dialling the IMAP VIP over TLS. It compiles without a single MAIL diagnostic.
/// </summary>
[MailPlatform]
public static partial class CorporateCloud
{
    static Platform Describe() => Platform.Create("mycompany.dom")
        .Banner("MYCOMPANY Mail System")
        .Target(Distro.Rhel9)
        .Certificate("/etc/pki/CA/certs/allservers.crt", "/etc/pki/CA/private/allservers.key")
        .Tls(TlsProfile.Intermediate)
        .SmtpIn(s => s
            .Hosts("smtp-in-01.cloud0.mycompany.dom", "smtp-in-02.cloud0.mycompany.dom")
            .Vip("smtp-in.cloud0.mycompany.dom")
            .StartTls(TlsLevel.May)
            .PostfixSetting("smtpd_starttls_timeout", "300s"))
        .SmtpOut(s => s
            .Hosts("smtp-out-01.cloud0.mycompany.dom", "smtp-out-02.cloud0.mycompany.dom")
            .Vip("smtp-out.cloud0.mycompany.dom")
            .Submission(587)
            .Submissions(465))
        .Mailstore(m => m
            .Hosts("vm-172-16-10-142.cloud0.hc.mycompany.dom", "vm-172-16-10-143.cloud0.hc.mycompany.dom")
            .Vip("imap.cloud0.mycompany.dom")
            .Imaps(993)
            .Pop3s(995))
        .Webmail(w => w
            .Hosts("webmail-01.cloud0.mycompany.dom")
            .Vip("webmail.cloud0.mycompany.dom")
            .Sogo(port: 20000)
            .Https(443)
            .HttpRedirect(80)
            .Imap("imaps://imap.cloud0.mycompany.dom:993"));
}
