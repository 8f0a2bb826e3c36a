namespace MailDsl.Model
{
    /// <summary>
    /// A whole mail platform: the one model that rules check and renderers turn into files.
    /// Built by the DSL (at compile time by the generator, at run time by the builder).
    /// </summary>
    public sealed record PlatformModel
    {
        /// <summary>The mail domain, e.g. <c>mycompany.dom</c>.</summary>
        public string Domain { get; init; } = "";

        /// <summary>Text shown in the SMTP greeting after the host name, e.g. <c>MYCOMPANY Mail System</c>.</summary>
        public string? Banner { get; init; }

        /// <summary>The distro every host runs.</summary>
        public Distro Target { get; init; } = Distro.Rhel9;

        /// <summary>Versions that differ from the target's own packages (e.g. Dovecot 2.4 from upstream on Debian 12).</summary>
        public VersionOverrides Versions { get; init; } = new();

        /// <summary>The certificate and key every service presents, as paths on the hosts.</summary>
        public CertificatePaths? Certificate { get; init; }

        /// <summary>The platform-wide TLS policy; layers and services may override parts of it.</summary>
        public TlsPolicy Tls { get; init; } = new();

        /// <summary>Mail domains the platform also serves besides <see cref="Domain"/>, in the order written.</summary>
        public EquatableArray<string> MailDomains { get; init; } = EquatableArray<string>.Empty;

        /// <summary>The user directory every layer reads, if described.</summary>
        public UserDirectory? Directory { get; init; }

        /// <summary>
        /// The CA file (PEM) every daemon verifies the platform's own servers against: directory and database servers, and
        /// the other layers. Null means each distro's system trust store.
        /// </summary>
        public string? CertificateAuthority { get; init; }

        /// <summary>The MX layer, if described.</summary>
        public SmtpInLayer? SmtpIn { get; init; }

        /// <summary>The outbound relay layer, if described.</summary>
        public SmtpOutLayer? SmtpOut { get; init; }

        /// <summary>The Dovecot + Postfix delivery layer, if described.</summary>
        public MailstoreLayer? Mailstore { get; init; }

        /// <summary>The SOGo + nginx layer, if described.</summary>
        public WebmailLayer? Webmail { get; init; }

        /// <summary>The balancers in front of the layers' VIPs, if described.</summary>
        public BalancerLayer? Balancers { get; init; }
        /// <summary>What the platform publishes in DNS about its mail TLS (DANE, MTA-STS, TLS-RPT, CAA), if described.</summary>
        public MailDns? Dns { get; init; }

        /// <summary>Where each value was written in the DSL source (empty when built at run time).</summary>
        public SourceMap Origins { get; init; } = SourceMap.Empty;
    }

    /// <summary>
    /// Versions a platform runs instead of its target's packages, as written (<c>2.4</c>, <c>2.4.1</c>); null keeps the
    /// target's. Rules refuse a version MailDsl has no knowledge of; renderers and rules use
    /// <see cref="Targets.TargetTable.For(PlatformModel)"/>, which applies them.
    /// </summary>
    public sealed record VersionOverrides
    {
        /// <summary>OpenSSL, e.g. <c>3.5</c> on RHEL 9.7.</summary>
        public string? OpenSsl { get; init; }

        /// <summary>nginx.</summary>
        public string? Nginx { get; init; }

        /// <summary>Dovecot, e.g. <c>2.4.1</c> from Dovecot's own packages.</summary>
        public string? Dovecot { get; init; }

        /// <summary>Postfix.</summary>
        public string? Postfix { get; init; }

        /// <summary>SOGo, e.g. a newer release from Alinto's repository.</summary>
        public string? Sogo { get; init; }
    }

    /// <summary>
    /// Paths, on the hosts that use it, of a certificate chain and its private key (the key is never read by MailDsl), with
    /// an optional second pair of another key type served beside it, and how the certificate is renewed.
    /// </summary>
    /// <param name="CertificateFile">The PEM chain: the server's certificate first, then each intermediate in order.</param>
    /// <param name="KeyFile">The PEM private key of <paramref name="CertificateFile"/>.</param>
    public sealed record CertificatePaths(string CertificateFile, string KeyFile)
    {
        /// <summary>
        /// A second chain of another key type (ECDSA beside RSA) served beside the first, or null: Postfix lists both in
        /// <c>smtpd_tls_chain_files</c>, Dovecot reads it as its alternative certificate, nginx as a second
        /// <c>ssl_certificate</c>; each client gets the one its signature algorithms accept.
        /// </summary>
        public CertificatePaths? Alternative { get; init; }

        /// <summary>How the certificate is renewed on the hosts, or null when the operator replaces it by hand.</summary>
        public CertificateRenewal? Renewal { get; init; }

        /// <summary>Every pair: this one, then <see cref="Alternative"/> if any.</summary>
        /// <returns>The pairs, each without its alternative and renewal.</returns>
        // A method, not a property: a property would hand serializers (and the model's JSON) an endless nesting of itself.
        public System.Collections.Generic.IEnumerable<CertificatePaths> Pairs()
        {
            yield return this with { Alternative = null, Renewal = null };
            if (Alternative is { } alternative) yield return alternative with { Alternative = null, Renewal = null };
        }
    }

    /// <summary>The ACME client that renews a certificate on the hosts.</summary>
    public enum RenewalClient
    {
        /// <summary>certbot: its deploy hooks (<c>/etc/letsencrypt/renewal-hooks/deploy/</c>) run with <c>RENEWED_LINEAGE</c> after each renewal.</summary>
        Certbot,

        /// <summary>acme.sh: <c>--install-cert</c> writes the renewed files where it is told and runs its <c>--reloadcmd</c>.</summary>
        AcmeSh,
    }

    /// <summary>How a certificate is renewed, so the hosts install each renewal with install.sh's care.</summary>
    /// <param name="Client">The ACME client.</param>
    /// <param name="Name">certbot's lineage (the folder name under <c>/etc/letsencrypt/live/</c>) or acme.sh's main domain.</param>
    /// <param name="ReuseKey">
    /// Whether renewals keep the private key (certbot <c>--reuse-key</c>; acme.sh keeps it unless told otherwise): a TLSA
    /// <c>3 1 1</c> record matches the key, so a renewal that changes it breaks DANE until DNS is updated.
    /// </param>
    public sealed record CertificateRenewal(RenewalClient Client, string Name, bool ReuseKey);

    /// <summary>
    /// A TLS policy: a guideline profile (TLSRef 6.0 unless pinned), optionally overridden by explicit protocols, an
    /// OpenSSL cipher string or key-exchange groups. Null members mean "as the profile (or the enclosing policy) says".
    /// </summary>
    public sealed record TlsPolicy
    {
        /// <summary>The profile the policy starts from.</summary>
        public TlsProfile Profile { get; init; } = TlsProfile.Intermediate;

        /// <summary>The guideline the profile is taken from, or null for the enclosing policy's (TLSRef 6.0 at the top).</summary>
        public TlsGuideline? Guideline { get; init; }

        /// <summary>Key-exchange groups in preference order, or null for the profile's (filtered by the target's OpenSSL).</summary>
        public EquatableArray<string>? Groups { get; init; }

        /// <summary>Explicitly enabled protocol versions, or empty for the profile's.</summary>
        public EquatableArray<TlsVersion> Protocols { get; init; } = EquatableArray<TlsVersion>.Empty;

        /// <summary>An OpenSSL cipher string for TLS 1.2 and below, or null for the profile's.</summary>
        public string? Ciphers { get; init; }

        /// <summary>Overlays <paramref name="over"/>'s explicit values onto this policy.</summary>
        public TlsPolicy With(TlsPolicy? over) => over is null ? this : this with
        {
            Profile = over.Profile,
            Protocols = over.Protocols.Count > 0 ? over.Protocols : Protocols,
            Ciphers = over.Ciphers ?? Ciphers,
            Guideline = over.Guideline ?? Guideline,
            Groups = over.Groups ?? Groups,
        };
    }

    /// <summary>One network listener of a service on every host of a layer.</summary>
    /// <param name="Name">A name unique in the layer, e.g. <c>imaps</c>; used in generated config and diagnostics.</param>
    /// <param name="Protocol">The application protocol spoken.</param>
    /// <param name="Port">The TCP port.</param>
    /// <param name="Security">How the connection is protected.</param>
    /// <param name="AllowPlaintextAuth">Whether clients may send a password on it (LOGIN, AUTH PLAIN).</param>
    public sealed record Listener(string Name, ServiceProtocol Protocol, int Port, ListenerSecurity Security, bool AllowPlaintextAuth);

    /// <summary>A raw daemon setting the typed DSL has no verb for; rules still read the ones they know.</summary>
    /// <param name="Daemon">Whose configuration it goes into.</param>
    /// <param name="Key">The setting's name, e.g. <c>tls_ssl_options</c>.</param>
    /// <param name="Value">Its value, written as the daemon's syntax expects.</param>
    public sealed record RawSetting(Daemon Daemon, string Key, string Value);
}
