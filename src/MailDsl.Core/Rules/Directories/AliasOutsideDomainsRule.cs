using System;
using System.Collections.Generic;
using System.Linq;
using MailDsl.Directories;
using MailDsl.Model;

namespace MailDsl.Rules.Directories
{
    /// <summary>
    /// MAIL5009: an alias whose address is not in one of the platform's mail domains. The MX accepts mail only for those
    /// domains, so the alias never receives anything. An alias in any of the domains (the platform's own or one added with
    /// <c>AddMailDomain</c>) stays silent.
    /// </summary>
    internal sealed class AliasOutsideDomainsRule : Rule
    {
        /// <inheritdoc/>
        public override RuleDescriptor Descriptor => RuleCatalog.AliasOutsideDomains;

        /// <inheritdoc/>
        public override IEnumerable<Finding> Check(PlatformModel platform)
        {
            if (platform.Directory is not { } directory) yield break;
            var domains = PlatformDirectory.MailDomains(platform);
            for (var i = 0; i < directory.Aliases.Count; i++)
            {
                var address = directory.Aliases[i]?.Address ?? "";
                var at = address.LastIndexOf('@');
                var domain = at < 0 ? "" : address.Substring(at + 1);
                if (domains.Any(d => string.Equals(d, domain, StringComparison.OrdinalIgnoreCase))) continue;
                var message = at < 0
                    ? $"The alias '{address}' has no domain: Postfix would qualify it with its own domain and the MX would never see it. Write the full address, e.g. postmaster@{domains.FirstOrDefault() ?? "example.com"}."
                    : $"The alias '{address}' is in '{domain}', which is not one of the platform's mail domains ({string.Join(", ", domains)}): the MX "
                        + $"refuses mail for it, so the alias never receives anything. Write it in one of them, or add the domain with .AddMailDomain(\"{domain}\").";
                yield return Report(OriginKeys.Directory.Alias(i).Address, message, at < 0 ? -1 : at + 1, at < 0 ? 0 : domain.Length);
            }
        }
    }
}
