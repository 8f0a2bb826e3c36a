namespace MailDsl.Model
{
    /// <summary>
    /// What the platform publishes in DNS about its mail TLS, written to <c>DIR/dns/&lt;domain&gt;.zone</c> for every mail
    /// domain: DANE TLSA records for its SMTP names (RFC 7672), an MTA-STS policy (RFC 8461), a TLS-RPT address
    /// (RFC 8460) and the CA allowed to issue its certificates (CAA, RFC 8659).
    /// </summary>
    public sealed record MailDns
    {
        /// <summary>Whether TLSA records are published for the MX names (and the relay's submission names): RFC 7672's DANE.</summary>
        public bool Tlsa { get; init; }

        /// <summary>
        /// What the TLSA records match (RFC 6698 section 2.1.2): the public key (selector 1, SPKI), which survives a renewal
        /// that keeps the key, or the whole certificate (selector 0), which every renewal changes.
        /// </summary>
        public TlsaSelector TlsaSelector { get; init; } = TlsaSelector.PublicKey;

        /// <summary>The MTA-STS policy, or null for none.</summary>
        public MtaStsPolicy? MtaSts { get; init; }

        /// <summary>Where TLS reports go (RFC 8460 <c>rua</c>: <c>mailto:</c> or <c>https:</c> URIs), or empty for none.</summary>
        public EquatableArray<string> TlsReports { get; init; } = EquatableArray<string>.Empty;

        /// <summary>The CA domains allowed to issue for the platform's names (CAA <c>issue</c>, e.g. <c>letsencrypt.org</c>), or empty for no CAA.</summary>
        public EquatableArray<string> CaaIssuers { get; init; } = EquatableArray<string>.Empty;
    }

    /// <summary>What a TLSA record matches (RFC 6698 section 2.1.2).</summary>
    public enum TlsaSelector
    {
        /// <summary>Selector 1: the SubjectPublicKeyInfo, <c>3 1 1</c> (RFC 7671 section 5.1 recommends it with usage 3).</summary>
        PublicKey,

        /// <summary>Selector 0: the whole certificate, <c>3 0 1</c>: a renewal changes it even when the key stays.</summary>
        FullCertificate,
    }

    /// <summary>The MTA-STS policy mode (RFC 8461 section 3.2).</summary>
    public enum MtaStsMode
    {
        /// <summary>Senders report failures (TLS-RPT) but deliver anyway.</summary>
        Testing,

        /// <summary>Senders refuse to deliver to an MX that fails validation.</summary>
        Enforce,

        /// <summary>The domain withdraws its policy.</summary>
        None,
    }

    /// <summary>An MTA-STS policy (RFC 8461 section 3.2): served as <c>https://mta-sts.&lt;domain&gt;/.well-known/mta-sts.txt</c>.</summary>
    /// <param name="Mode">The mode.</param>
    /// <param name="MaxAgeSeconds">How long senders cache the policy, 0 to 31557600 seconds (RFC 8461 section 3.2).</param>
    public sealed record MtaStsPolicy(MtaStsMode Mode, long MaxAgeSeconds)
    {
        /// <summary>The <c>mx</c> patterns (a name, or <c>*.</c> and a name); empty means the MX layer's names.</summary>
        public EquatableArray<string> MxPatterns { get; init; } = EquatableArray<string>.Empty;
    }
}
