namespace MailDsl.Model
{
    /// <summary>
    /// The operating system every host runs: it decides the daemons' versions, packages, paths and service names
    /// (<see cref="Targets.TargetTable"/> lists each one's facts, and says which are seen and which reasoned).
    /// </summary>
    public enum Distro
    {
        /// <summary>RHEL 9 and its rebuilds (Rocky, Alma): dnf, OpenSSL 3.0 (3.2 from 9.5), Postfix 3.5, Dovecot 2.3, SOGo from Alinto's repository.</summary>
        Rhel9,
        /// <summary>Debian 12 (bookworm): apt, OpenSSL 3.0, Postfix 3.7, Dovecot 2.3, nginx 1.22, SOGo 5.8.</summary>
        Debian12,
        /// <summary>Debian 13 (trixie): apt, OpenSSL 3.5, Postfix 3.10, Dovecot 2.4, nginx 1.26, SOGo 5.12.</summary>
        Debian13,
        /// <summary>RHEL 10 and its rebuilds: dnf, OpenSSL 3.2 (3.5 from 10.1), Postfix 3.8, Dovecot 2.3, nginx 1.26, SOGo from Alinto's repository.</summary>
        Rhel10,
        /// <summary>Ubuntu 24.04 LTS (noble): apt, OpenSSL 3.0, Postfix 3.8, Dovecot 2.3, nginx 1.24, SOGo 5.10.</summary>
        Ubuntu2404,
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

    /// <summary>
    /// Which version of the server-side TLS guidelines a policy's profile comes from: TLSRef's (the continuation of
    /// Mozilla's) or Mozilla's own last one, for operators who pinned it.
    /// </summary>
    public enum TlsGuideline
    {
        /// <summary>TLSRef guideline 6.0 (https://data.tlsref.org/guidelines/6.0.json): modern and intermediate; the default.</summary>
        TlsRef60,
        /// <summary>Mozilla guideline 5.7: modern, intermediate (with DHE suites) and old.</summary>
        Mozilla57,
    }

    /// <summary>Which profile of the server-side TLS guidelines (TLSRef, formerly Mozilla) a policy follows.</summary>
    public enum TlsProfile
    {
        /// <summary>TLS 1.3 only.</summary>
        Modern,
        /// <summary>TLS 1.2 and 1.3 with forward-secret AEAD suites: the recommended default.</summary>
        Intermediate,
        /// <summary>Compatibility with very old clients; weak by design. Only in Mozilla's guideline 5.7 (TLSRef 6.0 dropped it).</summary>
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
        /// <summary>ManageSieve (RFC 5804, 4190 with STARTTLS): users upload their Sieve filters (SOGo's filters and vacation).</summary>
        ManageSieve,
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
        /// <summary>memcached, SOGo's cache beside it on every webmail host.</summary>
        Memcached,
        /// <summary>unbound, the DNSSEC-validating resolver on loopback of a relay that verifies destinations with DANE.</summary>
        Unbound,
        /// <summary>postfix-mta-sts-resolver (mta-sts-daemon), the MTA-STS policy source of a relay that verifies destinations with MTA-STS.</summary>
        MtaStsResolver,
        /// <summary>HAProxy on the emitted balancer hosts.</summary>
        Haproxy,
        /// <summary>keepalived (VRRP) on the emitted balancer hosts, holding the VIPs.</summary>
        Keepalived,
        /// <summary>The nftables rules that let only the balancers reach a backend's PROXY ports (a ruleset, loaded and removed as a service).</summary>
        Nftables,
    }

    /// <summary>Whether MailDsl emits the balancers or only describes what an existing LBaaS does.</summary>
    public enum BalancerKind
    {
        /// <summary>Balancer hosts MailDsl emits: HAProxy with keepalived holding the VIPs.</summary>
        Emitted,
        /// <summary>An LBaaS the operator already has; MailDsl configures the backends for it and says what it must be set to.</summary>
        Described,
    }

    /// <summary>What a described LBaaS does with a client's connection.</summary>
    public enum LbaasBehaviour
    {
        /// <summary>TCP pass-through: TLS end to end, but the backends see the LBaaS's address as the client's.</summary>
        PassThrough,
        /// <summary>TCP pass-through with the PROXY protocol v2: TLS end to end, the client's address passed on.</summary>
        PassThroughProxy,
        /// <summary>Terminates TLS and opens a new TLS connection to the backend, verified against the platform's CA.</summary>
        TerminateReencrypt,
        /// <summary>Terminates TLS and forwards the connection in clear text.</summary>
        TerminateClear,
    }

    /// <summary>How emitted balancers carry HTTPS to the webmail hosts.</summary>
    public enum HttpsBalancing
    {
        /// <summary>TCP pass-through with PROXY v2: nginx terminates the client's TLS.</summary>
        PassThrough,
        /// <summary>HAProxy terminates the client's TLS and re-encrypts to nginx, verifying it against the platform's CA.</summary>
        Terminate,
    }
}
