using MailDsl;
using MailDsl.Model;

namespace Examples;

/// <summary>
/// The operator's guide (shared/reference) as literally written: its nginx cipher string and the Dovecot one that
/// means something else on the target's OpenSSL (3.2 on RHEL 9), Dovecot's `ssl = yes` with an imap-nopass listener on 144 that takes
/// passwords in the clear, Postfix's mandatory protocols that still allow TLS 1.0 and the doubled
/// tls_disable_workarounds, and the nginx location `^/SOGo/so/...` that was meant as a regex.
/// `dotnet build` refuses it with MAIL diagnostics at each of those arguments.
/// </summary>
[MailPlatform]
public static partial class SeedAsWritten
{
    static Platform Describe() => Platform.Create("mycompany.dom")
        .Banner("MYCOMPANY Mail System")
        .Target(Distro.Rhel9)
        .Certificate("/etc/pki/CA/certs/allservers.crt", "/etc/pki/CA/private/allservers.key")
        .SmtpIn(s => s
            .Hosts("smtp-in-01.cloud0.mycompany.dom")
            .StartTls(TlsLevel.May)
            .Protocols(TlsVersion.Tls10, TlsVersion.Tls11, TlsVersion.Tls12)
            .PostfixSetting("smtpd_tls_mandatory_ciphers", "high")
            .PostfixSetting("smtpd_tls_mandatory_exclude_ciphers", "aNULL, MD5")
            .PostfixSetting("smtpd_starttls_timeout", "300s")
            .PostfixSetting("tls_disable_workarounds", "0xFFFFFFFF")
            .PostfixSetting("tls_disable_workarounds", "CVE-2010-4180")
            .PostfixSetting("tls_ssl_options", "no_ticket, no_compression"))
        .SmtpOut(s => s.Hosts("smtp-out-01.cloud0.mycompany.dom"))
        .Mailstore(m => m
            .Hosts("vm-172-16-10-142.cloud0.hc.mycompany.dom")
            .Ciphers("ALL:!LOW:!SSLv2:!SSLv3:!EXP:!aNULL")
            .Imap(143)
            .Imaps(993)
            .Listener("imap-nopass", ServiceProtocol.Imap, 144, ListenerSecurity.Plain, allowPlaintextAuth: true)
            .Pop3(110)
            .Pop3s(995)
            .DovecotSetting("ssl", "yes"))
        .Webmail(w => w
            .Hosts("webmail-01.cloud0.mycompany.dom")
            .Sogo(port: 20000)
            .Https(443)
            .Ciphers("HIGH:!aNULL:!MD5")
            .Imap("imaps://IMAP_VIP_OR_FQDN:993")
            .NginxLocation("^/SOGo/so/ControlPanel/Products/([^/]*)/Resources/(.*)$",
                "alias /usr/lib64/GNUstep/SOGo/$1.SOGo/Resources/$2;"));
}
