using System.Collections.Generic;
using System.Linq;
using MailDsl.Model;
using MailDsl.Tls;
using MailDsl.Tls.CipherString;

namespace MailDsl.Rules.Tls
{
    /// <summary>
    /// MAIL1012: a later token of a cipher string adds back broken suites an earlier <c>-</c> removed (<c>-aNULL:HIGH</c>):
    /// <c>-</c> removes only until a later token matches again, <c>!</c> removes for good.
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
                var selected = site.Result.Suites.ToDictionary(s => s.Suite.Id, s => s.AddedBy);
                var undone = site.Result.Removals
                    .Where(r => r.By.Action == CipherTokenAction.Delete && !r.By.FromDefault)
                    .Where(r => selected.TryGetValue(r.Suite.Id, out var added) && added.Start > r.By.Start && !added.FromDefault)
                    .Where(r => CipherClassifier.BrokenReasons(r.Suite).Count > 0)
                    .GroupBy(r => (Removed: r.By, Added: selected[r.Suite.Id]));
                foreach (var g in undone)
                {
                    var suites = g.Select(r => r.Suite).Distinct().ToList();
                    var reasons = string.Join(", ", suites.SelectMany(s => CipherClassifier.BrokenReasons(s)).Distinct());
                    var killed = "!" + g.Key.Removed.Text.Substring(1);
                    var (start, length) = site.SpanOf(g.Key.Added);
                    var finding = Report(site.OriginKey,
                        $"In {site.Label}, '{g.Key.Added.Text}' adds back {suites.Count} suite{(suites.Count == 1 ? "" : "s")} that '{g.Key.Removed.Text}' removed ({reasons}): "
                        + $"{CipherMessages.Abbreviate(suites.Select(s => s.Name).ToList())}. A '-' removes suites only until a later token matches them again. "
                        + $"Write '{killed}' instead of '{g.Key.Removed.Text}': OpenSSL never adds back what '!' removed.",
                        start, length);
                    var at = g.Key.Removed.Start;
                    if (at >= 0 && at < site.Written.Length && site.Written[at] == '-')
                        finding = finding with { Properties = EquatableArray.Of(new FindingProperty(FixProperties.FixedValue, site.Written.Substring(0, at) + "!" + site.Written.Substring(at + 1))) };
                    yield return finding;
                }
            }
        }
    }
}
