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
            {
                if (!site.Result.IsValid) continue;
                var outside = site.Result.Suites
                    .Select(s => (s.AddedBy, Class: CipherClassifier.Classify(s.Suite, site.Profile, site.Catalog)))
                    .Where(x => x.Class.Verdict == CipherVerdict.OutsideProfile);
                foreach (var group in outside.GroupBy(x => x.AddedBy))
                {
                    var suites = group.Select(x => x.Class).ToList();
                    var (start, length) = site.SpanOf(group.Key);
                    yield return Report(site.OriginKey,
                        $"In {site.Label}, '{group.Key.Text}' enables {suites.Count} suite{(suites.Count == 1 ? "" : "s")} on {site.OpenSsl} outside the {site.Profile.Description} ({CipherMessages.ReasonCounts(suites)}): "
                        + Listing.Abbreviate(CipherMessages.Describe(suites))
                        + $". Append {CipherMessages.Exclusions(suites.Select(c => c.Suite))}, or use the profile's string: {Shorten(site.Profile.Ciphers)}.",
                        start, length);
                }
            }
        }

        private static string Shorten(string s) => s.Length == 0 ? "(TLS 1.3 only: no TLS 1.2 suites)" : s.Length <= 120 ? s : s.Substring(0, 117) + "...";
    }
}
