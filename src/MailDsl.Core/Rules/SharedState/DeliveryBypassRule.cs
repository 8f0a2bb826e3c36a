using System.Collections.Generic;
using MailDsl.Layers;
using MailDsl.Model;
using MailDsl.Rules.Values;

namespace MailDsl.Rules.SharedState
{
    /// <summary>
    /// MAIL5024: on mailstore hosts that give every user one backend, a raw setting that delivers mail without asking whose it
    /// is: Dovecot's <c>lmtp_proxy = no</c>, or Postfix's delivery transport taken off Dovecot's LMTP (<c>virtual_transport</c>,
    /// <c>mailbox_transport</c>, <c>mailbox_command</c>, <c>local_transport</c>, <c>fallback_transport</c>). Dovecot's NFS
    /// guide: the one-host-per-user rule "applies to all mailbox access, including mail delivery".
    /// </summary>
    internal sealed class DeliveryBypassRule : Rule
    {
        private static readonly string[] PostfixDelivery = { "virtual_transport", "mailbox_transport", "mailbox_command", "local_transport", "fallback_transport", "mailbox_transport_maps" };

        /// <inheritdoc/>
        public override RuleDescriptor Descriptor => RuleCatalog.DeliveryBypass;

        /// <inheritdoc/>
        public override IEnumerable<Finding> Check(PlatformModel platform)
        {
            if (!Topology.SharedState.OneBackendPerUser(platform) || platform.Mailstore is not { } store) yield break;
            foreach (var (setting, n) in PlatformLayers.NumberedSettings(store))
            {
                var value = setting.Value?.Trim() ?? "";
                string? what = null;
                if (setting.Daemon == Daemon.Dovecot && setting.Key == "lmtp_proxy" && !value.Trim('"').Equals("yes", System.StringComparison.OrdinalIgnoreCase))
                    what = $"Dovecot's 'lmtp_proxy = {ValueSafety.Show(value)}' makes LMTP deliver every recipient on the host Postfix handed it to";
                else if (setting.Daemon == Daemon.Postfix && System.Array.IndexOf(PostfixDelivery, setting.Key) >= 0
                         && value != Daemons.Postfix.PostfixDirectory.LmtpTransport)
                    what = $"Postfix's '{setting.Key} = {ValueSafety.Show(value)}' delivers without Dovecot's LMTP, which is what asks whose each recipient is";
                if (what is null) continue;
                yield return Report(OriginKeys.Of(store).Setting(setting.Daemon, setting.Key, n).Value,
                    what + ": mail for a user whose backend is another mailstore host is written into the mailbox by this host while the "
                    + "backend serves the user, the concurrent access Dovecot's NFS guide says corrupts mailboxes (\"this applies to all "
                    + "mailbox access, including mail delivery\"). Remove the setting: MailDsl delivers through LMTP with lmtp_proxy = yes, "
                    + "which hands each recipient to the user's backend.");
            }
        }
    }
}
