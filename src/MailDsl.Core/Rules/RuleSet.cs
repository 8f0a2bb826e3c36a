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

        /// <summary>Every finding for <paramref name="platform"/>, ordered by origin key then rule ID.</summary>
        public static IReadOnlyList<Finding> Check(PlatformModel platform)
            => All.SelectMany(r => r.Check(platform))
                  .OrderBy(f => f.OriginKey, System.StringComparer.Ordinal)
                  .ThenBy(f => f.RuleId, System.StringComparer.Ordinal)
                  .ThenBy(f => f.SubStart)
                  .ToList();
    }
}
