using System.Collections.Generic;
using System.Linq;
using MailDsl.Model;

namespace MailDsl.Rules
{
    /// <summary>Every rule, run in one pass. The analyzer and the runtime both call <see cref="Check"/>.</summary>
    public static class RuleSet
    {
        /// <summary>All rules, one per diagnostic: the cross-daemon ones, then each daemon module's own.</summary>
        public static IReadOnlyList<Rule> All { get; } = Tls.TlsRules.All.Concat(PlatformRules.All)
            .Concat(Daemons.DaemonModules.All.SelectMany(m => m.Rules)).ToList();

        /// <summary>
        /// Every finding for <paramref name="platform"/>, ordered by origin key then rule ID. MAIL4020 (a value MailDsl cannot
        /// check) is left out where another rule already judged the same argument: that finding says what to do.
        /// </summary>
        public static IReadOnlyList<Finding> Check(PlatformModel platform)
        {
            var findings = All.SelectMany(r => r.Check(platform)).ToList();
            var judged = new HashSet<string>(findings.Where(f => f.RuleId != RuleCatalog.UncheckedValue.Id).Select(f => f.OriginKey), System.StringComparer.Ordinal);
            return findings.Where(f => f.RuleId != RuleCatalog.UncheckedValue.Id || !judged.Contains(f.OriginKey))
                  .OrderBy(f => f.OriginKey, System.StringComparer.Ordinal)
                  .ThenBy(f => f.RuleId, System.StringComparer.Ordinal)
                  .ThenBy(f => f.SubStart)
                  .ToList();
        }
    }
}
