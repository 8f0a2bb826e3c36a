namespace MailDsl.Model
{
    /// <summary>The operating-system family a host runs; it decides packages, paths and service names.</summary>
    public enum Distro
    {
        /// <summary>RHEL 9 and its rebuilds (Rocky, Alma): dnf, /usr/lib64/GNUstep, /etc/pki.</summary>
        Rhel9,
        /// <summary>Debian 12: apt, /usr/lib/GNUstep, /etc/ssl.</summary>
        Debian12,
    }

    /// <summary>A TLS (or SSL) protocol version, oldest first.</summary>
    public enum TlsVersion
    {
        /// <summary>SSL 2.0: broken, removed from OpenSSL.</summary>
        Ssl2,
        /// <summary>SSL 3.0: broken (POODLE).</summary>
        Ssl3,
        /// <summary>TLS 1.0: deprecated by RFC 8996.</summary>
        Tls10,
        /// <summary>TLS 1.1: deprecated by RFC 8996.</summary>
        Tls11,
        /// <summary>TLS 1.2.</summary>
        Tls12,
        /// <summary>TLS 1.3.</summary>
        Tls13,
    }

    /// <summary>Which of Mozilla's server-side TLS profiles a policy follows.</summary>
    public enum TlsProfile
    {
        /// <summary>TLS 1.3 only.</summary>
        Modern,
        /// <summary>TLS 1.2 and 1.3 with forward-secret AEAD suites: the recommended default.</summary>
        Intermediate,
        /// <summary>Compatibility with very old clients; weak by design.</summary>
        Old,
    }

    /// <summary>Postfix's TLS security level (smtpd_tls_security_level / smtp_tls_security_level).</summary>
    public enum TlsLevel
    {
        /// <summary>No TLS.</summary>
        None,
        /// <summary>Opportunistic: STARTTLS offered (server) or used when offered (client).</summary>
        May,
        /// <summary>Mandatory TLS: no mail moves without it.</summary>
        Encrypt,
    }

    /// <summary>The application protocol a listener speaks.</summary>
    public enum ServiceProtocol
    {
        /// <summary>IMAP (143 with STARTTLS, 993 implicit TLS).</summary>
        Imap,
        /// <summary>POP3 (110 with STARTTLS, 995 implicit TLS).</summary>
        Pop3,
        /// <summary>SMTP between servers (25).</summary>
        Smtp,
        /// <summary>Mail submission by users (587 STARTTLS, 465 implicit TLS).</summary>
        Submission,
        /// <summary>HTTPS (nginx in front of SOGo).</summary>
        Https,
        /// <summary>Plain HTTP, used only to redirect to HTTPS.</summary>
        Http,
        /// <summary>sogod's own HTTP port, reached only by nginx on loopback.</summary>
        Sogo,
    }

    /// <summary>How a listener protects its connection.</summary>
    public enum ListenerSecurity
    {
        /// <summary>No TLS at all.</summary>
        Plain,
        /// <summary>Cleartext greeting, TLS after STARTTLS.</summary>
        StartTls,
        /// <summary>TLS from the first byte (imaps, pop3s, submissions, https).</summary>
        ImplicitTls,
    }

    /// <summary>The daemons MailDsl configures.</summary>
    public enum Daemon
    {
        /// <summary>nginx.</summary>
        Nginx,
        /// <summary>Dovecot 2.3.</summary>
        Dovecot,
        /// <summary>Postfix.</summary>
        Postfix,
        /// <summary>SOGo.</summary>
        Sogo,
    }
}
