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

        /// <summary>
        /// The VIP's address (IPv4 or IPv6), when the description says it: what emitted balancers hold with keepalived and
        /// bind with HAProxy, and what a described LBaaS listens on. Null when only the name is known.
        /// </summary>
        public string? VipAddress { get; init; }

        /// <summary>
        /// The addresses of the layer's hosts the description names (<c>.Host(name, address)</c>), in the order written: where a
        /// host binds the ports a balancer feeds, and what the balancers dial and trust. A host without one is left out.
        /// </summary>
        public EquatableArray<HostAddress> HostAddresses { get; init; } = EquatableArray<HostAddress>.Empty;

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

        /// <summary>The address the description gives host <paramref name="host"/>, or null.</summary>
        /// <param name="host">A host of the layer.</param>
        public string? AddressOf(string host)
        {
            foreach (var named in HostAddresses)
                if (named is not null && string.Equals(named.Host, host, System.StringComparison.OrdinalIgnoreCase)) return named.Address;
            return null;
        }
    }

    /// <summary>A host's address, as the description names it.</summary>
    /// <param name="Host">The host's fully qualified name.</param>
    /// <param name="Address">Its address on the network the platform's hosts share (IPv4 or IPv6).</param>
    public sealed record HostAddress(string Host, string Address);

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

    /// <summary>
    /// The balancers in front of the layers' VIPs: either <see cref="BalancerKind.Emitted"/> hosts running HAProxy (TCP
    /// pass-through with PROXY v2 to the backends' own PROXY ports, HTTPS passed through or terminated and re-encrypted)
    /// and keepalived (VRRP) holding the VIPs, or a <see cref="BalancerKind.Described"/> LBaaS the operator already has,
    /// by what it does. Every layer with a VIP is behind them.
    /// </summary>
    public sealed record BalancerLayer : Layer
    {
        /// <summary>Whether MailDsl emits the balancers (HAProxy and keepalived on <see cref="Layer.Hosts"/>) or only describes an LBaaS.</summary>
        public BalancerKind Kind { get; init; } = BalancerKind.Emitted;

        /// <summary>What a described LBaaS does with a connection (emitted balancers pass TCP through with PROXY v2).</summary>
        public LbaasBehaviour Behaviour { get; init; } = LbaasBehaviour.PassThroughProxy;

        /// <summary>The addresses or networks (CIDR) a described LBaaS connects to the backends from: what the backends trust and let in.</summary>
        public EquatableArray<string> Sources { get; init; } = EquatableArray<string>.Empty;

        /// <summary>How emitted balancers carry HTTPS to the webmail hosts.</summary>
        public HttpsBalancing Https { get; init; } = HttpsBalancing.PassThrough;

        /// <summary>The network interface keepalived runs VRRP on and adds the VIPs to, on every balancer host.</summary>
        public string Interface { get; init; } = "eth0";

        /// <summary>The first VRRP virtual router id; each VIP takes the next one (1-255 on the network segment).</summary>
        public int VirtualRouterId { get; init; } = 51;

        /// <summary>
        /// How long a connection may be idle, in minutes, on both of its legs (HAProxy's <c>timeout client</c> and
        /// <c>timeout server</c>): beyond IMAP IDLE's 29 minutes (RFC 2177) and the 30-minute autologout RFC 9051 sets.
        /// </summary>
        public int IdleTimeoutMinutes { get; init; } = 31;

        /// <summary>HAProxy's statistics and Prometheus metrics port.</summary>
        public int StatsPort { get; init; } = 8404;

        /// <summary>Where the statistics port listens: loopback (the default) or an address on the internal network.</summary>
        public string StatsAddress { get; init; } = "127.0.0.1";

        /// <summary>Health checks the description sets instead of the protocol's own, in the order written.</summary>
        public EquatableArray<HealthCheck> Checks { get; init; } = EquatableArray<HealthCheck>.Empty;

        /// <inheritdoc/>
        public override string Key => LayerDescriptors.Balancers.Key;
    }

    /// <summary>A health check the description sets for one listener of one layer: what the backend must answer first.</summary>
    /// <param name="Layer">The layer's key, e.g. <c>mailstore</c>.</param>
    /// <param name="Listener">The listener's name, e.g. <c>imaps</c>.</param>
    /// <param name="Expect">The text the backend's first answer must start with (its greeting), e.g. <c>* OK</c>.</param>
    public sealed record HealthCheck(string Layer, string Listener, string Expect);

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
