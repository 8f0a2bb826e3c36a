using System.Collections.Generic;
using System.Linq;
using MailDsl.Dns;
using MailDsl.Model;

namespace MailDsl.Rules.Certificates
{
    /// <summary>
    /// MAIL6001: TLSA records over the whole certificate (<c>3 0 1</c>) for a certificate an ACME client renews: every
    /// renewal issues a new certificate, so the published record stops matching it at once (RFC 7671 section 5.1 recommends
    /// <c>3 1 1</c>, which a renewal keeping the key leaves valid).
    /// </summary>
    internal sealed class PinnedRenewingCertificateRule : Rule
    {
        /// <inheritdoc/>
        public override RuleDescriptor Descriptor => RuleCatalog.PinnedRenewingCertificate;

        /// <inheritdoc/>
        public override IEnumerable<Finding> Check(PlatformModel platform)
        {
            if (platform.Dns is not { Tlsa: true, TlsaSelector: TlsaSelector.FullCertificate }) yield break;
            var renewed = MxCertificates(platform).Where(c => c.Renewal is not null).ToList();
            if (renewed.Count == 0) yield break;
            yield return Report(OriginKeys.Dns.Tlsa, "The TLSA records pin the whole MX certificate (3 0 1, TlsaSelector.FullCertificate), but "
                + string.Join(", ", renewed.Select(c => c.Renewal!.Client + " renews " + c.Renewal.Name).Distinct())
                + ": every renewal issues a new certificate, so the record stops matching the moment it is installed, and DANE senders (RFC 7672) defer all mail to the MX. "
                + "Publish 3 1 1 (.Tlsa(), the public key, RFC 7671 section 5.1) and renew keeping the key (certbot --reuse-key).");
        }

        internal static IEnumerable<CertificatePaths> MxCertificates(PlatformModel platform)
            => platform.SmtpIn is { } mx && (mx.Certificate ?? platform.Certificate) is { } cert ? new[] { cert } : Enumerable.Empty<CertificatePaths>();
    }

    /// <summary>
    /// MAIL6002 (testing) and MAIL6004 (enforce): an MTA-STS policy whose mx patterns do not cover an MX the platform
    /// publishes (RFC 8461 section 4.1): senders following the policy refuse that MX (enforce) or report it (testing).
    /// </summary>
    internal sealed class MtaStsUncoveredMxRule : Rule
    {
        private readonly bool _enforce;

        public MtaStsUncoveredMxRule(bool enforce) => _enforce = enforce;

        /// <inheritdoc/>
        public override RuleDescriptor Descriptor => _enforce ? RuleCatalog.MtaStsEnforceUncoveredMx : RuleCatalog.MtaStsUncoveredMx;

        /// <inheritdoc/>
        public override IEnumerable<Finding> Check(PlatformModel platform)
        {
            if (platform.Dns?.MtaSts is not { } policy || policy.MxPatterns.Count == 0) yield break;
            if ((policy.Mode == MtaStsMode.Enforce) != _enforce || policy.Mode == MtaStsMode.None) yield break;
            // A pattern that is no pattern at all is MAIL3001's or MAIL3003's: one mistake, one error.
            if (policy.MxPatterns.Any(p => p is not null && (Values.ValueSafety.Find(p, ValueKind.MtaStsMxPattern) is not null
                    || Values.InvalidHostNameRule.Problem(DnsValueGrammar.MxPatternName(p).Name, allowAddress: false) is not null))) yield break;
            var uncovered = MtaSts.MxNames(platform).Where(mx => !policy.MxPatterns.Any(p => p is not null && MtaSts.Covers(p, mx))).ToList();
            if (uncovered.Count == 0) yield break;
            var patterns = string.Join(", ", policy.MxPatterns.Select(p => "'" + p + "'"));
            yield return Report(OriginKeys.Dns.MtaSts.Mx[0], "The MTA-STS policy's mx patterns (" + patterns + ") do not cover the MX " + string.Join(", ", uncovered)
                + " the platform publishes (RFC 8461 section 4.1: a pattern is a name, or '*.' covering one label): "
                + (_enforce ? "in enforce mode, senders that apply MTA-STS refuse to deliver to it, and mail to the domain defers."
                            : "in testing mode, senders report every delivery to it as a failure (TLS-RPT).")
                + " Add a pattern for it, or leave the patterns out to publish the MX names.");
        }
    }

    /// <summary>MAIL6003: an MTA-STS max_age outside 0 to 31557600 seconds (RFC 8461 section 3.2).</summary>
    internal sealed class MtaStsMaxAgeRule : Rule
    {
        /// <inheritdoc/>
        public override RuleDescriptor Descriptor => RuleCatalog.MtaStsMaxAge;

        /// <inheritdoc/>
        public override IEnumerable<Finding> Check(PlatformModel platform)
        {
            if (platform.Dns?.MtaSts is not { } policy) yield break;
            if (policy.MaxAgeSeconds >= 0 && policy.MaxAgeSeconds <= MtaSts.MaxAgeLimit) yield break;
            yield return Report(OriginKeys.Dns.MtaSts.MaxAge, "The MTA-STS max_age " + policy.MaxAgeSeconds + " is outside what RFC 8461 (section 3.2) allows, 0 to "
                + MtaSts.MaxAgeLimit + " seconds: senders discard the policy as invalid (postfix-mta-sts-resolver answers FETCH_ERROR), as if the domain had none. "
                + "Write a value in range; a week (604800) or more is usual once the policy is in enforce mode.");
        }
    }

    /// <summary>
    /// MAIL6005: TLSA records for an MX certificate that certbot renews without <c>--reuse-key</c>: each renewal makes a new
    /// key (certbot's default), so the <c>3 1 1</c> record stops matching until DNS is updated (RFC 7671 section 8.1: publish
    /// the next key's record beside the current one first).
    /// </summary>
    internal sealed class TlsaKeyChangesOnRenewalRule : Rule
    {
        /// <inheritdoc/>
        public override RuleDescriptor Descriptor => RuleCatalog.TlsaKeyChangesOnRenewal;

        /// <inheritdoc/>
        public override IEnumerable<Finding> Check(PlatformModel platform)
        {
            if (platform.Dns is not { Tlsa: true, TlsaSelector: TlsaSelector.PublicKey }) yield break;
            foreach (var cert in PinnedRenewingCertificateRule.MxCertificates(platform))
            {
                if (cert.Renewal is not { Client: RenewalClient.Certbot, ReuseKey: false } renewal) continue;
                var key = platform.SmtpIn?.Certificate is not null ? OriginKeys.SmtpIn.Certificate.Renewal.ReuseKey : OriginKeys.Platform.Certificate.Renewal.ReuseKey;
                yield return Report(key, "certbot renews '" + renewal.Name + "' without --reuse-key, and the platform publishes TLSA 3 1 1 records for the MX: "
                    + "each renewal makes a new key, the records stop matching it and DANE senders (RFC 7672) defer mail until DNS is updated. "
                    + "Write RenewedByCertbot(\"" + renewal.Name + "\", reuseKey: true) and run certbot with --reuse-key; to change the key, publish the next key's TLSA record beside the current one first (RFC 7671 section 8.1).");
            }
        }
    }
}
