using System.Collections.Generic;
using System.Linq;
using MailDsl.Model;
using MailDsl.Rules;

namespace MailDsl.Daemons.Keepalived
{
    /// <summary>MAIL7010: one emitted balancer host: keepalived has nowhere to move a VIP when it fails.</summary>
    internal sealed class SingleBalancerRule : Rule
    {
        public override RuleDescriptor Descriptor => RuleCatalog.SingleBalancer;

        public override IEnumerable<Finding> Check(PlatformModel platform)
        {
            if (platform.Balancers is not { Kind: BalancerKind.Emitted } balancers) yield break;
            var hosts = balancers.Hosts.Where(h => !string.IsNullOrEmpty(h)).Distinct(System.StringComparer.OrdinalIgnoreCase).Count();
            // No host at all is MAIL7016's error.
            if (hosts != 1) yield break;
            yield return Report(OriginKeys.Balancers.Hosts[0],
                "The emitted balancers have one host: keepalived moves a VIP to another balancer host when its holder fails, and with one "
                + "host its failure (or a reboot) takes every VIP down. Describe two or more with .Host(name, address).");
        }
    }
}
