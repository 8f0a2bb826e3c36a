using System;
using MailDsl.Model;

namespace MailDsl
{
    /// <summary>
    /// The description of a whole mail platform: start with <see cref="Create"/>, chain settings, and
    /// describe each layer in a lambda. Every value is checked by MailDsl's rules, at compile time in
    /// the IDE and again at run time before anything is written.
    /// </summary>
    /// <example>
    /// <code>
    /// Platform.Create("mycompany.dom")
    ///     .Certificate("/etc/pki/CA/certs/allservers.crt", "/etc/pki/CA/private/allservers.key")
    ///     .Mailstore(m => m.Hosts("store-01.mycompany.dom").Imaps().Pop3s());
    /// </code>
    /// </example>
    public sealed class Platform
    {
        private readonly OriginRecorder _origins = new();
        private PlatformModel _model;
        private SmtpInBuilder? _smtpIn;
        private SmtpOutBuilder? _smtpOut;
        private MailstoreBuilder? _mailstore;
        private WebmailBuilder? _webmail;
        private BalancerBuilder? _balancers;
        private DirectoryBuilder? _directory;

        private Platform(string domain)
        {
            _model = new PlatformModel { Domain = domain };
            _origins.Call(OriginKeys.Platform);
            _origins.Argument(OriginKeys.Platform.Domain, 0);
        }

        /// <summary>Starts a platform for the mail domain <paramref name="domain"/> (e.g. <c>mycompany.dom</c>).</summary>
        /// <param name="domain">The mail domain: a DNS name.</param>
        public static Platform Create([ValueGrammar(ValueKind.DnsName)] string domain) => new(domain);

        /// <summary>Sets the text in the SMTP greeting after the host name (e.g. <c>MYCOMPANY Mail System</c>).</summary>
        /// <param name="text">One line of text; no newlines.</param>
        public Platform Banner([ValueGrammar(ValueKind.Text)] string text)
        {
            _origins.Argument(OriginKeys.Platform.Banner, 0);
            _model = _model with { Banner = text };
            return this;
        }

        /// <summary>
        /// Sets the distro every host runs: it decides the daemons' versions, packages, paths and service names.
        /// </summary>
        /// <param name="distro">The distro.</param>
        /// <param name="versions">Versions that differ from the distro's packages, e.g. <c>t =&gt; t.WithDovecot("2.4.1")</c>.</param>
        public Platform Target(Distro distro, Action<TargetBuilder>? versions = null)
        {
            _origins.Argument(OriginKeys.Platform.Target, 0);
            var overrides = new VersionOverrides();
            if (versions is not null)
            {
                var builder = new TargetBuilder(_origins);
                versions(builder);
                overrides = builder.Versions;
            }
            _model = _model with { Target = distro, Versions = overrides };
            return this;
        }

        /// <summary>
        /// Sets the certificate chain and private key every TLS service presents, as paths on the hosts.
        /// The key is never read: install scripts only set its owner and mode (0600).
        /// </summary>
        /// <param name="certificateFile">Absolute path of the PEM certificate chain.</param>
        /// <param name="keyFile">Absolute path of the PEM private key.</param>
        public Platform Certificate([ValueGrammar(ValueKind.Path)] string certificateFile, [ValueGrammar(ValueKind.Path)] string keyFile)
        {
            _origins.Call(OriginKeys.Platform.Certificate);
            _origins.Argument(OriginKeys.Platform.Certificate.File, 0);
            _origins.Argument(OriginKeys.Platform.Certificate.Key, 1);
            _model = _model with { Certificate = new CertificatePaths(certificateFile, keyFile) };
            return this;
        }

        /// <summary>
        /// Sets the certificate chain and private key every TLS service presents (a layer may present its own), with what
        /// else it has: a second chain of another key type, and the ACME client that renews it.
        /// </summary>
        /// <param name="certificateFile">Grammar: an absolute path on the hosts of a PEM chain (server certificate, then intermediates).</param>
        /// <param name="keyFile">Grammar: an absolute path on the hosts of its PEM private key.</param>
        /// <param name="configure">E.g. <c>c =&gt; c.Alternative("/etc/ssl/mail-ecdsa.crt", "/etc/ssl/mail-ecdsa.key").RenewedByCertbot("mail")</c>.</param>
        public Platform Certificate([ValueGrammar(ValueKind.Path)] string certificateFile, [ValueGrammar(ValueKind.Path)] string keyFile, Action<CertificateBuilder> configure)
        {
            Certificate(certificateFile, keyFile);
            var builder = new CertificateBuilder(_origins, OriginKeys.Platform.Certificate, _model.Certificate!);
            configure(builder);
            _model = _model with { Certificate = builder.Paths };
            return this;
        }

        /// <summary>
        /// Describes what the platform publishes in DNS about its mail TLS: TLSA records (DANE), an MTA-STS policy, where TLS
        /// reports go, the CA allowed to issue. <c>emit</c> writes them to <c>DIR/dns/&lt;domain&gt;.zone</c>.
        /// </summary>
        /// <param name="configure">E.g. <c>d =&gt; d.Tlsa().MtaSts(MtaStsMode.Enforce).TlsReports("mailto:tlsrpt@example.com")</c>.</param>
        public Platform Dns(Action<DnsBuilder> configure)
        {
            _origins.Call(OriginKeys.Dns);
            var builder = new DnsBuilder(_origins, _model.Dns ?? new MailDns());
            configure(builder);
            _model = _model with { Dns = builder.Dns };
            return this;
        }

        /// <summary>
        /// Names the CA (a PEM file on every host) that issued the platform's own servers' certificates: the directory's,
        /// the databases', and the layers'. Every daemon verifies those servers against it. Without it, each distro's
        /// system trust store is used.
        /// </summary>
        /// <param name="caFile">Absolute path of the PEM CA certificate (or bundle), e.g. <c>/etc/pki/CA/certs/mycompany-ca.crt</c>.</param>
        public Platform CertificateAuthority([ValueGrammar(ValueKind.Path)] string caFile)
        {
            _origins.Argument(OriginKeys.Platform.Ca, 0);
            _model = _model with { CertificateAuthority = caFile };
            return this;
        }

        /// <summary>
        /// Adds a mail domain the platform serves besides the one it was created with (call again for more): the MX accepts
        /// it, the relay keeps it inside, the mailstore delivers it.
        /// </summary>
        /// <param name="domain">The domain, e.g. <c>domain02.dom</c>.</param>
        public Platform AddMailDomain([ValueGrammar(ValueKind.DnsName)] string domain)
        {
            _origins.Argument(OriginKeys.Platform.MailDomains[_model.MailDomains.Count], 0);
            _model = _model with { MailDomains = System.Linq.Enumerable.Append(_model.MailDomains, domain).ToEquatableArray() };
            return this;
        }

        /// <summary>
        /// Describes the user directory every layer reads, once for the whole platform: LDAP (Active Directory, OpenLDAP) or
        /// SQL. Recipients are checked against it at RCPT time, Dovecot and SOGo log users in with it.
        /// </summary>
        /// <param name="configure">The directory: <c>d =&gt; d.Ldap(...)</c> or <c>d =&gt; d.Sql(...)</c>.</param>
        public Platform Directory(Action<DirectoryBuilder> configure)
        {
            _origins.Call(OriginKeys.Directory);
            configure(_directory ??= new DirectoryBuilder(_origins));
            return this;
        }

        /// <summary>
        /// Follows a profile of the server-side TLS guidelines on every service (default: TLSRef 6.0 intermediate). TLSRef
        /// 6.0 has modern and intermediate; for 5.7's old, pin the guideline: <c>.Tls(TlsProfile.Old, TlsGuideline.Mozilla57)</c>.
        /// </summary>
        /// <param name="profile">The profile.</param>
        public Platform Tls(TlsProfile profile)
        {
            _origins.Argument(OriginKeys.Platform.Tls.Profile, 0);
            _model = _model with { Tls = _model.Tls with { Profile = profile } };
            return this;
        }

        /// <summary>
        /// Follows <paramref name="profile"/> as a given guideline version publishes it, e.g. Mozilla's 5.7 for an operator
        /// who pinned it: <c>.Tls(TlsProfile.Intermediate, TlsGuideline.Mozilla57)</c>.
        /// </summary>
        /// <param name="profile">The profile.</param>
        /// <param name="guideline">The guideline version it is taken from.</param>
        public Platform Tls(TlsProfile profile, TlsGuideline guideline)
        {
            _origins.Call(OriginKeys.Platform.Tls);
            _origins.Argument(OriginKeys.Platform.Tls.Profile, 0);
            _origins.Argument(OriginKeys.Platform.Tls.Guideline, 1);
            _model = _model with { Tls = _model.Tls with { Profile = profile, Guideline = guideline } };
            return this;
        }

        /// <summary>
        /// Offers exactly these key-exchange groups, in preference order, on every service, instead of the profile's
        /// (which MailDsl filters by what the target's OpenSSL knows). Names as OpenSSL takes them: <c>X25519MLKEM768</c>
        /// (OpenSSL 3.5+), <c>X25519</c>, <c>prime256v1</c>, <c>secp384r1</c>, <c>ffdhe2048</c>...
        /// </summary>
        /// <param name="names">The groups, most preferred first.</param>
        public Platform Groups([ValueGrammar(ValueKind.TlsGroup)] params string[] names)
        {
            names ??= System.Array.Empty<string>();
            _origins.Call(OriginKeys.Platform.Tls.Groups);
            for (var i = 0; i < names.Length; i++) _origins.Argument(OriginKeys.Platform.Tls.Groups[i], i);
            _model = _model with { Tls = _model.Tls with { Groups = names.ToEquatableArray() } };
            return this;
        }

        /// <summary>Enables exactly these protocol versions on every service, instead of the profile's.</summary>
        /// <param name="versions">The versions to enable.</param>
        public Platform Protocols(params TlsVersion[] versions)
        {
            _origins.Call(OriginKeys.Platform.Tls.Protocols);
            for (var i = 0; i < versions.Length; i++) _origins.Argument(OriginKeys.Platform.Tls.Protocols[i], i);
            _model = _model with { Tls = _model.Tls with { Protocols = versions.ToEquatableArray() } };
            return this;
        }

        /// <summary>Uses this OpenSSL cipher string (TLS 1.2 and below) on every service, instead of the profile's.</summary>
        /// <param name="openSslCipherString">A cipher string as <c>openssl ciphers</c> reads it.</param>
        public Platform Ciphers([ValueGrammar(ValueKind.CipherString)] string openSslCipherString)
        {
            _origins.Argument(OriginKeys.Platform.Tls.Ciphers, 0);
            _model = _model with { Tls = _model.Tls with { Ciphers = openSslCipherString } };
            return this;
        }

        /// <summary>Describes the MX layer: Postfix receiving mail from the Internet.</summary>
        /// <param name="configure">Sets the layer's hosts and options.</param>
        public Platform SmtpIn(Action<SmtpInBuilder> configure)
        {
            _origins.Call(OriginKeys.SmtpIn);
            configure(_smtpIn ??= new SmtpInBuilder(_origins));
            return this;
        }

        /// <summary>Describes the outbound relay layer: Postfix sending to the Internet and accepting submission.</summary>
        /// <param name="configure">Sets the layer's hosts and options.</param>
        public Platform SmtpOut(Action<SmtpOutBuilder> configure)
        {
            _origins.Call(OriginKeys.SmtpOut);
            configure(_smtpOut ??= new SmtpOutBuilder(_origins));
            return this;
        }

        /// <summary>Describes the mailstore: Dovecot IMAP/POP3 and Postfix delivering into it.</summary>
        /// <param name="configure">Sets the layer's hosts, listeners and options.</param>
        public Platform Mailstore(Action<MailstoreBuilder> configure)
        {
            _origins.Call(OriginKeys.Mailstore);
            configure(_mailstore ??= new MailstoreBuilder(_origins));
            return this;
        }

        /// <summary>Describes the webmail layer: SOGo behind nginx.</summary>
        /// <param name="configure">Sets the layer's hosts, ports and options.</param>
        public Platform Webmail(Action<WebmailBuilder> configure)
        {
            _origins.Call(OriginKeys.Webmail);
            configure(_webmail ??= new WebmailBuilder(_origins));
            return this;
        }

        /// <summary>
        /// Describes the balancers in front of every layer's VIP: two or more emitted balancer hosts (HAProxy with keepalived
        /// holding the VIPs), or an LBaaS you already have. The backends get the client's real address from them (PROXY
        /// protocol, from the balancers only).
        /// </summary>
        /// <param name="configure">The balancers: <c>b =&gt; b.Host("lb-01...", "172.16.10.2").Host("lb-02...", "172.16.10.3")</c>.</param>
        public Platform Balancers(Action<BalancerBuilder> configure)
        {
            _origins.Call(OriginKeys.Balancers);
            configure(_balancers ??= new BalancerBuilder(_origins));
            return this;
        }

        /// <summary>The immutable model of everything described so far.</summary>
        public PlatformModel Build() => _model with
        {
            SmtpIn = _smtpIn?.Build(),
            SmtpOut = _smtpOut?.Build(),
            Mailstore = _mailstore?.Build(),
            Webmail = _webmail?.Build(),
            Balancers = _balancers?.Build(),
            Directory = _directory?.Build(),
            Origins = _origins.ToSourceMap(),
        };
    }
}
