using System.Collections.Generic;
using System.Linq;
using MailDsl.Layers;
using MailDsl.Model;
using MailDsl.Rules;
using MailDsl.Rules.Values;
using MailDsl.Topology;

namespace MailDsl.Daemons.Dovecot
{
    /// <summary>
    /// MAIL7012: a mailstore the balancers feed with the PROXY protocol, with a raw Dovecot <c>ssl</c> other than
    /// <c>required</c>. Dovecot (login-common/client-common.c, 2.3 and 2.4; the 2.4 SSL page's "Secured Connections") counts
    /// a connection from a trusted HAProxy as secured unless ssl = required, and a secured connection may log in with a
    /// password in clear text: on a STARTTLS port, before TLS, on the client's own leg of the connection.
    /// </summary>
    internal sealed class ProxiedSslNotRequiredRule : Rule
    {
        public override RuleDescriptor Descriptor => RuleCatalog.ProxiedSslNotRequired;

        public override IEnumerable<Finding> Check(PlatformModel platform)
        {
            var balancing = PlatformBalancing.Of(platform);
            if (platform.Mailstore is not { } store || !balancing.ProxiesTo(store)) yield break;
            foreach (var (setting, n) in PlatformLayers.NumberedSettings(store))
                if (setting.Daemon == Daemon.Dovecot && setting.Key == "ssl" && (setting.Value ?? "").Trim() != "required")
                    yield return Report(OriginKeys.Of(store).Setting(setting.Daemon, setting.Key, n).Value,
                        $"The mailstore Dovecot setting 'ssl = {ValueSafety.Show(setting.Value)}' behind balancers that send the PROXY header: Dovecot counts every "
                        + "connection from a trusted balancer as secured unless ssl = required, and a secured connection may log in with its password in clear text, "
                        + "so a client on a STARTTLS port could send it before TLS, across the network to the balancer. Remove the setting: MailDsl writes ssl = required.");
        }
    }
}
