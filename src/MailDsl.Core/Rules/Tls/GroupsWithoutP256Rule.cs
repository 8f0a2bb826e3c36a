using System.Collections.Generic;
using System.Linq;
using MailDsl.Model;
using MailDsl.Tls.Catalog;

namespace MailDsl.Rules.Tls
{
    /// <summary>MAIL1007: a group list leaves out P-256 (secp256r1, prime256v1), the one group every TLS client offers.</summary>
    internal sealed class GroupsWithoutP256Rule : Rule
    {
        /// <inheritdoc/>
        public override RuleDescriptor Descriptor => RuleCatalog.GroupsWithoutP256;

        /// <inheritdoc/>
        public override IEnumerable<Finding> Check(PlatformModel platform)
        {
            var catalog = GroupCatalog.For(TlsSites.OpenSslOf(platform));
            foreach (var site in GroupSites.Lists(platform))
            {
                if (site.Entries.Count == 0) continue; // an empty list is MAIL1008's: it leaves out everything
                if (site.Entries.Any(e => GroupSites.Resolve(catalog, e.Name)?.IsP256 == true)) continue;
                var raw = site.Entries[0].SubStart >= 0;
                yield return Report(site.OriginKey,
                    $"{Capital(site.Label)} ({site.Joined}) leave out P-256 (secp256r1, also called prime256v1): the one group every TLS client implements, and for many "
                    + "(older Java, Windows, Android and embedded mail clients, other MTAs) the only one they share with a server that has no X25519. Those clients fail the handshake. "
                    + (raw ? "Add prime256v1 to the list." : "Add \"prime256v1\", e.g. .Groups(\"X25519\", \"prime256v1\", \"secp384r1\"), or leave groups to the profile."),
                    raw ? 0 : -1, raw ? (site.Entries.Last().SubStart + site.Entries.Last().SubLength) : 0);
            }
        }

        private static string Capital(string s) => s.Length == 0 ? s : char.ToUpperInvariant(s[0]) + s.Substring(1);
    }
}
