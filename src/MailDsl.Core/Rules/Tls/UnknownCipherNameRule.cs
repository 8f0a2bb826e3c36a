using System.Collections.Generic;
using MailDsl.Model;
using MailDsl.Tls.Catalog;

namespace MailDsl.Rules.Tls
{
    /// <summary>MAIL1003: a cipher string names something OpenSSL 3.0 does not know, so the token does nothing.</summary>
    internal sealed class UnknownCipherNameRule : Rule
    {
        /// <inheritdoc/>
        public override RuleDescriptor Descriptor => RuleCatalog.UnknownCipherName;

        /// <inheritdoc/>
        public override IEnumerable<Finding> Check(PlatformModel platform)
        {
            foreach (var site in TlsSites.CipherStrings(platform))
            {
                foreach (var token in site.Result.UnknownTokens)
                {
                    var name = token.UnknownName ?? token.Text;
                    var why = CipherCatalog.RetiredNames.TryGetValue(name, out var retired) ? $" ({retired})" : "";
                    var closest = why.Length == 0 ? CipherMessages.ClosestName(name) : null;
                    var instead = closest is not null ? $"Did you mean '{closest}'?" : "Remove it, or write a name from `openssl ciphers -v ALL:COMPLEMENTOFALL` or an alias such as HIGH, aNULL, kRSA.";
                    var (start, length) = site.SpanOf(token);
                    var finding = Report(site.OriginKey,
                        $"In {site.Label}, OpenSSL 3.0 does not know '{name}'{why} and silently ignores '{token.Text}', so it selects and excludes nothing. {instead}",
                        start, length);
                    // The corrected string for a code fix: the misspelled name replaced by the suggestion, in place.
                    var at = start >= 0 ? site.Written.IndexOf(name, start, System.StringComparison.Ordinal) : -1;
                    if (closest is not null && at >= 0 && at + name.Length <= start + length)
                        finding = finding with { Properties = EquatableArray.Of(new FindingProperty(FixProperties.FixedValue, site.Written.Substring(0, at) + closest + site.Written.Substring(at + name.Length))) };
                    yield return finding;
                }
            }
        }
    }
}
