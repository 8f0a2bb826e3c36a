using MailDsl.Model;

namespace MailDsl
{
    /// <summary>What the platform publishes in DNS about its mail TLS; <c>emit</c> writes it to <c>DIR/dns/&lt;domain&gt;.zone</c>.</summary>
    public sealed class DnsBuilder
    {
        private readonly OriginRecorder _origins;

        internal DnsBuilder(OriginRecorder origins, MailDns dns)
        {
            _origins = origins;
            Dns = dns;
        }

        internal MailDns Dns { get; private set; }

        /// <summary>
        /// Publishes DANE TLSA records (RFC 7672) for the MX names, computed from the keys actually deployed: usage 3
        /// (DANE-EE), matching type 1 (SHA-256), and by default selector 1, the public key (RFC 7671 section 5.1), which a
        /// renewal that keeps the key leaves valid.
        /// </summary>
        /// <param name="selector">What the record matches; <see cref="TlsaSelector.FullCertificate"/> breaks at every renewal.</param>
        public DnsBuilder Tlsa(TlsaSelector selector = TlsaSelector.PublicKey)
        {
            _origins.Argument(OriginKeys.Dns.Tlsa, 0);
            Dns = Dns with { Tlsa = true, TlsaSelector = selector };
            return this;
        }

        /// <summary>
        /// Publishes an MTA-STS policy (RFC 8461): the <c>_mta-sts</c> TXT record with an id that changes with the policy, and
        /// the policy file, served by the webmail's nginx at <c>https://mta-sts.&lt;domain&gt;/.well-known/mta-sts.txt</c>.
        /// </summary>
        /// <param name="mode">testing (report, deliver anyway), enforce (refuse an MX that fails validation) or none.</param>
        /// <param name="maxAgeSeconds">How long senders cache it: 0 to 31557600 (RFC 8461 section 3.2); a week or more is usual.</param>
        /// <param name="mxPatterns">Grammar: each a DNS name or <c>*.</c> followed by one (RFC 8461 section 4.1), nothing else (it is one line of the policy file); none means the MX layer's names.</param>
        public DnsBuilder MtaSts(MtaStsMode mode, int maxAgeSeconds = 604800, [ValueGrammar(ValueKind.MtaStsMxPattern)] params string[] mxPatterns)
        {
            mxPatterns ??= new string[0];
            _origins.Call(OriginKeys.Dns.MtaSts);
            _origins.Argument(OriginKeys.Dns.MtaSts.Mode, 0);
            _origins.Argument(OriginKeys.Dns.MtaSts.MaxAge, 1);
            for (var i = 0; i < mxPatterns.Length; i++) _origins.Argument(OriginKeys.Dns.MtaSts.Mx[i], 2 + i);
            Dns = Dns with { MtaSts = new MtaStsPolicy(mode, maxAgeSeconds) { MxPatterns = mxPatterns.ToEquatableArray() } };
            return this;
        }

        /// <summary>Publishes where TLS reports go (RFC 8460 <c>_smtp._tls</c> TXT record).</summary>
        /// <param name="uris">Grammar: each a <c>mailto:</c> and one mail address, or <c>https://</c>, a DNS name, an optional port and a path; ',' and ';' percent-encoded, no quote, backslash, whitespace or non-ASCII character (it is written inside the quoted TXT record).</param>
        public DnsBuilder TlsReports([ValueGrammar(ValueKind.TlsRptUri)] params string[] uris)
        {
            uris ??= new string[0];
            _origins.Call(OriginKeys.Dns.TlsReports);
            for (var i = 0; i < uris.Length; i++) _origins.Argument(OriginKeys.Dns.TlsReports[i], i);
            Dns = Dns with { TlsReports = uris.ToEquatableArray() };
            return this;
        }

        /// <summary>Publishes CAA records (RFC 8659): only these CAs may issue certificates for the platform's names.</summary>
        /// <param name="issuers">Grammar: each a CA's issuer domain name, e.g. <c>letsencrypt.org</c>.</param>
        public DnsBuilder Caa([ValueGrammar(ValueKind.DnsName)] params string[] issuers)
        {
            issuers ??= new string[0];
            _origins.Call(OriginKeys.Dns.Caa);
            for (var i = 0; i < issuers.Length; i++) _origins.Argument(OriginKeys.Dns.Caa[i], i);
            Dns = Dns with { CaaIssuers = issuers.ToEquatableArray() };
            return this;
        }
    }
}
