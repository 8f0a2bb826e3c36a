using System;
using System.Collections.Generic;
using System.Linq;
using MailDsl.Model;
using MailDsl.Tls;
using MailDsl.Tls.Catalog;

namespace MailDsl.Rules.Tls
{
    /// <summary>
    /// MAIL1006: a group list names a group the target's OpenSSL refuses (or, on 3.0 and 3.2, names one group twice):
    /// OpenSSL then refuses the whole list and nginx or Dovecot does not start.
    /// </summary>
    internal sealed class UnknownGroupRule : Rule
    {
        /// <inheritdoc/>
        public override RuleDescriptor Descriptor => RuleCatalog.UnknownGroup;

        /// <inheritdoc/>
        public override IEnumerable<Finding> Check(PlatformModel platform)
        {
            var openSsl = TlsSites.OpenSslOf(platform);
            var catalog = GroupCatalog.For(openSsl);
            var name = TlsSites.OpenSslName(platform);
            var target = Targets.TargetTable.For(platform).DisplayName;
            foreach (var site in GroupSites.Lists(platform))
            {
                var seen = new Dictionary<int, string>();
                foreach (var entry in site.Entries)
                {
                    var group = GroupSites.Resolve(catalog, entry.Name);
                    if (group is null)
                    {
                        if (catalog.AcceptsOptionalPrefix && entry.Name.StartsWith("?", StringComparison.Ordinal) && entry.Name.Length > 1) continue;
                        yield return Report(entry.OriginKey, Unknown(entry.Name, site, name, target, catalog), entry.SubStart, entry.SubLength);
                        continue;
                    }
                    if (seen.TryGetValue(group.Id, out var first) && catalog.RejectsDuplicates)
                        yield return Report(entry.OriginKey,
                            $"In {site.Label}, '{entry.Name}' names {group.Name} again ('{first}' already did): {name} refuses a group list that names one group twice, so the daemon does not start. Remove '{entry.Name}'.",
                            entry.SubStart, entry.SubLength);
                    else if (!seen.ContainsKey(group.Id)) seen[group.Id] = entry.Name;
                }
            }
        }

        private static string Unknown(string written, GroupListSite site, string name, string target, GroupCatalog catalog)
        {
            var newer = GroupCatalog.All.Where(c => c.Version > catalog.Version).FirstOrDefault(c => c.Find(written) is not null);
            var caseOnly = catalog.Groups.SelectMany(g => g.AllNames).FirstOrDefault(n => string.Equals(n, written, StringComparison.OrdinalIgnoreCase));
            var why = written.Length == 0 ? "an empty name"
                : caseOnly is not null ? $"'{written}': {name} reads group names case-sensitively (did you mean '{caseOnly}'?)"
                : newer is not null ? $"'{written}', which arrived with {newer.Name}; {target} runs {name}"
                : $"'{written}', a group {name} does not know";
            var known = string.Join(", ", catalog.Filter(GuidelineProfiles.TlsRef60Intermediate.RecommendedGroups));
            return $"In {site.Label}, {why}: {name} refuses the whole list ({site.Joined}), so nginx or Dovecot fails to start. "
                + $"Write groups {name} knows, e.g. {known}, or leave groups to the profile, which MailDsl filters for {name}.";
        }
    }
}
