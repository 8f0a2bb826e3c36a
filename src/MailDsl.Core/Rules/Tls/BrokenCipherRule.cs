using System.Collections.Generic;
using System.Linq;
using MailDsl.Model;
using MailDsl.Tls;
using MailDsl.Text;

namespace MailDsl.Rules.Tls
{
    /// <summary>MAIL1001: a cipher string selects broken suites; reported at the token that brought them in.</summary>
    internal sealed class BrokenCipherRule : Rule
    {
        /// <inheritdoc/>
        public override RuleDescriptor Descriptor => RuleCatalog.BrokenCipher;

        /// <inheritdoc/>
        public override IEnumerable<Finding> Check(PlatformModel platform)
        {
            foreach (var site in TlsSites.CipherStrings(platform))
                foreach (var (token, suites, start, length) in site.SuitesBy(CipherVerdict.Broken))
                {
                    var exclusions = CipherMessages.Exclusions(suites.Select(c => c.Suite), brokenOnly: true);
                    var finding = Report(site.OriginKey,
                        $"In {site.Label}, '{token.Text}' enables {suites.Count} broken suite{(suites.Count == 1 ? "" : "s")} on {site.OpenSsl} ({CipherMessages.ReasonCounts(suites)}): "
                        + Listing.Abbreviate(CipherMessages.Describe(suites))
                        + $". Append {exclusions} to the string, or drop it and use the {site.Profile.ProfileName} profile's suites.",
                        start, length);
                    // The corrected string for a code fix, where the written value is the cipher string itself.
                    if (site.SpansInWritten)
                        finding = finding with { Properties = EquatableArray.Of(new FindingProperty(FixProperties.FixedValue, site.Written.TrimEnd(':', ' ') + ":" + exclusions)) };
                    yield return finding;
                }
        }
    }
}
