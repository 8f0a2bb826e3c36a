using System.Collections.Generic;
using System.Linq;
using MailDsl.Model;
using MailDsl.Tls;
using MailDsl.Tls.CipherString;
using MailDsl.Text;

namespace MailDsl.Rules.Tls
{
    /// <summary>
    /// MAIL1012: a later token of a cipher string adds back broken suites an earlier <c>-</c> token excludes
    /// (<c>-aNULL:HIGH</c>): <c>-</c> removes only what is selected at that point, and a later token that matches the
    /// suites selects them again; <c>!</c> removes them for good.
    /// </summary>
    internal sealed class ExclusionUndoneRule : Rule
    {
        /// <inheritdoc/>
        public override RuleDescriptor Descriptor => RuleCatalog.ExclusionUndone;

        /// <inheritdoc/>
        public override IEnumerable<Finding> Check(PlatformModel platform)
        {
            foreach (var site in TlsSites.CipherStrings(platform))
            {
                // Only strings the user wrote: Postfix's own grade lists use aNULL:-aNULL on purpose.
                if (!site.SpansInWritten || !site.Result.IsValid) continue;
                foreach (var minus in site.Result.Tokens.Where(t => t.Action == CipherTokenAction.Delete && t.Kind == CipherTokenKind.Known && !t.FromDefault))
                {
                    // What the token names: the suites its name selects on its own (exact for aliases, suites and '+' combinations).
                    var named = new HashSet<int>(CipherStringEngine.Parse(minus.Text.Substring(1), site.Catalog).Suites.Select(s => s.Suite.Id));
                    var undone = site.Result.Suites
                        .Where(s => named.Contains(s.Suite.Id) && s.AddedBy.Start > minus.Start && !s.AddedBy.FromDefault)
                        .Where(s => CipherClassifier.BrokenReasons(s.Suite).Count > 0)
                        .GroupBy(s => s.AddedBy);
                    foreach (var g in undone)
                    {
                        var suites = g.Select(s => s.Suite).ToList();
                        var reasons = string.Join(", ", suites.SelectMany(CipherClassifier.BrokenReasons).Distinct());
                        var bang = "!" + minus.Text.Substring(1);
                        var (start, length) = site.SpanOf(g.Key);
                        var finding = Report(site.OriginKey,
                            $"In {site.Label}, '{g.Key.Text}' selects {suites.Count} suite{(suites.Count == 1 ? "" : "s")} that the earlier '{minus.Text}' was there to exclude ({reasons}): "
                            + $"{Listing.Abbreviate(suites.Select(s => s.Name).ToList())}. A '-' removes only what is selected at that point; any later token that matches the suites adds them back. "
                            + $"Write '{bang}' instead of '{minus.Text}': OpenSSL never adds back what '!' removed.",
                            start, length);
                        if (minus.Start >= 0 && minus.Start < site.Written.Length && site.Written[minus.Start] == '-')
                            finding = finding with { Properties = EquatableArray.Of(new FindingProperty(FixProperties.FixedValue, site.Written.Substring(0, minus.Start) + "!" + site.Written.Substring(minus.Start + 1))) };
                        yield return finding;
                    }
                }
            }
        }
    }
}
