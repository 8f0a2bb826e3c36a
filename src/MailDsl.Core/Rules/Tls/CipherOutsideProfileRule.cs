using System.Collections.Generic;
using System.Linq;
using MailDsl.Model;
using MailDsl.Tls;
using MailDsl.Text;

namespace MailDsl.Rules.Tls
{
    /// <summary>MAIL1002: a cipher string selects working suites the chosen guideline profile leaves out.</summary>
    internal sealed class CipherOutsideProfileRule : Rule
    {
        /// <inheritdoc/>
        public override RuleDescriptor Descriptor => RuleCatalog.CipherOutsideProfile;

        /// <inheritdoc/>
        public override IEnumerable<Finding> Check(PlatformModel platform)
        {
            foreach (var site in TlsSites.CipherStrings(platform))
                foreach (var (token, suites, start, length) in site.SuitesBy(CipherVerdict.OutsideProfile))
                    yield return Report(site.OriginKey,
                        $"In {site.Label}, '{token.Text}' enables {suites.Count} suite{(suites.Count == 1 ? "" : "s")} on {site.OpenSsl} outside the {site.Profile.Description} ({CipherMessages.ReasonCounts(suites)}): "
                        + Listing.Abbreviate(CipherMessages.Describe(suites))
                        + $". Append {CipherMessages.Exclusions(suites.Select(c => c.Suite))}, or use the profile's string: {Shorten(site.Profile.Ciphers)}.",
                        start, length);
        }

        private static string Shorten(string s) => s.Length == 0 ? "(TLS 1.3 only: no TLS 1.2 suites)" : s.Length <= 120 ? s : s.Substring(0, 117) + "...";
    }
}
