using MailDsl.Layers;

namespace MailDsl.Model
{
    /// <summary>What every layer has: its hosts, the VIP other layers dial, and TLS overrides.</summary>
    public abstract record Layer
    {
        /// <summary>The fully qualified names of the layer's hosts, in the order written.</summary>
        public EquatableArray<string> Hosts { get; init; } = EquatableArray<string>.Empty;

        /// <summary>The load-balancer VIP name in front of the layer; what other layers dial.</summary>
        public string? Vip { get; init; }

        /// <summary>The address daemons bind to; null means all addresses.</summary>
        public string? ListenAddress { get; init; }

        /// <summary>TLS overrides for this layer's services, over the platform policy.</summary>
        public TlsPolicy? Tls { get; init; }

        /// <summary>The certificate this layer's services present instead of the platform's, or null for the platform's.</summary>
        public CertificatePaths? Certificate { get; init; }

        /// <summary>The layer's listeners.</summary>
        public EquatableArray<Listener> Listeners { get; init; } = EquatableArray<Listener>.Empty;

        /// <summary>Raw settings, in the order written.</summary>
        public EquatableArray<RawSetting> RawSettings { get; init; } = EquatableArray<RawSetting>.Empty;

        /// <summary>
        /// The key of this layer in <see cref="SourceMap"/> (e.g. <c>mailstore</c>): its descriptor's
        /// (<see cref="LayerDescriptors.Of(Layer)"/> says the rest: names, daemons, what it serves).
        /// </summary>
        public abstract string Key { get; }

        /// <summary>The name every other layer dials: the VIP, else the first host.</summary>
        public string? DialName => Vip ?? (Hosts.Count > 0 ? Hosts[0] : null);
    }

    /// <summary>The MX layer: Postfix receiving mail from the Internet on port 25.</summary>
    public sealed record SmtpInLayer : Layer
    {
        /// <summary>STARTTLS level offered to senders (smtpd_tls_security_level).</summary>
        public TlsLevel StartTls { get; init; } = TlsLevel.May;

        /// <inheritdoc/>
        public override string Key => LayerDescriptors.SmtpIn.Key;
    }

    /// <summary>The outbound relay: Postfix sending to the Internet, and submission for users.</summary>
    public sealed record SmtpOutLayer : Layer
    {
        /// <summary>TLS level towards remote servers (smtp_tls_security_level).</summary>
        public TlsLevel OutboundTls { get; init; } = TlsLevel.May;

        /// <summary>
        /// Where the DNSSEC-validating resolver Postfix asks listens (unbound, emitted on the relay), when the relay verifies
        /// destinations with DANE (RFC 7672: <c>smtp_tls_security_level = dane</c>, <c>smtp_dns_support_level = dnssec</c>); null
        /// without DANE. Postfix trusts its resolver's AD bit, so this is a loopback address (MAIL6006).
        /// </summary>
        public string? DaneResolver { get; init; }

        /// <summary>
        /// The loopback port of postfix-mta-sts-resolver (<c>mta-sts-daemon</c>), which Postfix asks for each destination's
        /// MTA-STS policy (RFC 8461) through <c>smtp_tls_policy_maps</c>; null without MTA-STS.
        /// </summary>
        public int? MtaStsResolverPort { get; init; }

        /// <inheritdoc/>
        public override string Key => LayerDescriptors.SmtpOut.Key;
    }

    /// <summary>The mailstore: Dovecot IMAP/POP3 and Postfix delivering into it.</summary>
    public sealed record MailstoreLayer : Layer
    {
        /// <summary>Where mailboxes live, in Dovecot's mail_location syntax.</summary>
        public string MailLocation { get; init; } = "maildir:~/Maildir";

        /// <summary>Where mailboxes live and who owns them, when the platform has a directory; null means local disk, <c>vmail</c> 5000:5000.</summary>
        public MailStorage? Storage { get; init; }

        /// <inheritdoc/>
        public override string Key => LayerDescriptors.Mailstore.Key;
    }

    /// <summary>The webmail layer: SOGo behind nginx.</summary>
    public sealed record WebmailLayer : Layer
    {
        /// <summary>The loopback port sogod listens on; only nginx reaches it.</summary>
        public int SogoPort { get; init; } = 20000;

        /// <summary>
        /// The port memcached listens on for SOGo: on loopback with one webmail host; on each host's own address with several,
        /// where every sogod uses all of them as one cache and only the webmail hosts may connect.
        /// </summary>
        public int MemcachedPort { get; init; } = 11211;

        /// <summary>Whether every webmail host uses one cache (the default) or each its own.</summary>
        public SogoCache Cache { get; init; } = SogoCache.Shared;

        /// <summary>The IMAP server SOGo dials, e.g. <c>imaps://imap.example.com:993</c>; null means the mailstore VIP on its implicit-TLS IMAP port.</summary>
        public string? ImapServer { get; init; }

        /// <summary>The SMTP server SOGo sends through, e.g. <c>smtp://smtp-out.example.com:587/?tls=YES</c>; null means the SMTP-out VIP on submission.</summary>
        public string? SmtpServer { get; init; }

        /// <summary>HSTS max-age in seconds; 0 disables the header.</summary>
        public int HstsMaxAgeSeconds { get; init; } = 63072000;

        /// <summary>Whether nginx proxies Microsoft-Server-ActiveSync.</summary>
        public bool ActiveSync { get; init; } = true;

        /// <summary>Extra nginx locations written as raw text (the guide's own), checked by rules.</summary>
        public EquatableArray<NginxLocation> ExtraLocations { get; init; } = EquatableArray<NginxLocation>.Empty;

        /// <summary>SOGo's database (profiles, folders, sessions), if described.</summary>
        public DatabaseConnection? Database { get; init; }

        /// <inheritdoc/>
        public override string Key => LayerDescriptors.Webmail.Key;
    }

    /// <summary>How SOGo's cache (memcached: failed-login counts, ACLs, user defaults, SSO data) is spread over the webmail hosts.</summary>
    public enum SogoCache
    {
        /// <summary>
        /// One cache for the layer: memcached on every webmail host, and every sogod lists all of them in the same order
        /// (SOGoMemcachedHost), so libmemcached keeps each key on one server every host asks.
        /// </summary>
        Shared,

        /// <summary>Each host its own memcached on loopback: with several hosts, counts and caches split per host (MAIL5022).</summary>
        PerHost,
    }

    /// <summary>A raw nginx location block: its match (e.g. <c>~ ^/SOGo/so/(.*)$</c>) and its body directives.</summary>
    /// <param name="Match">Everything between <c>location</c> and <c>{</c>.</param>
    /// <param name="Body">The directives inside, one per line, each ending in <c>;</c>.</param>
    public sealed record NginxLocation(string Match, EquatableArray<string> Body);
}
