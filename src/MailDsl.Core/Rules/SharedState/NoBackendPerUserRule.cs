using System.Collections.Generic;
using MailDsl.Model;
using MailDsl.Text;
using MailDsl.Topology;

namespace MailDsl.Rules.SharedState
{
    /// <summary>
    /// MAIL5020: several mailstore hosts share the mail storage and every one of them opens any user's mailbox
    /// (<c>.Access(MailboxAccess.AnyHost)</c>). Dovecot's NFS guide (2.3 and 2.4): "Dovecot does not support accessing the
    /// same user simultaneously by different servers. That will result in more or less severe mailbox corruption. Note that
    /// this applies to all mailbox access, including mail delivery. Users must be assigned to specific backends".
    /// </summary>
    internal sealed class NoBackendPerUserRule : Rule
    {
        /// <inheritdoc/>
        public override RuleDescriptor Descriptor => RuleCatalog.NoBackendPerUser;

        /// <inheritdoc/>
        public override IEnumerable<Finding> Check(PlatformModel platform)
        {
            if (platform.Mailstore is not { Storage: { Kind: StorageKind.Nfs, Access: MailboxAccess.AnyHost } } store) yield break;
            var hosts = Topology.SharedState.HostsOf(store);
            if (hosts.Count < 2) yield break;
            yield return Report(OriginKeys.Mailstore.Storage.Access,
                $"The mailstore's {hosts.Count} hosts ({Listing.Abbreviate(hosts)}) share the mail storage and each opens any user's mailbox "
                + "(MailboxAccess.AnyHost): a user logged in through two hosts, or mail delivered through one while the user reads through "
                + "the other, has two hosts writing the same index and uidlist files. Dovecot's NFS guide: \"Dovecot does not support "
                + "accessing the same user simultaneously by different servers. That will result in more or less severe mailbox "
                + "corruption [...] including mail delivery.\" Remove .Access(MailboxAccess.AnyHost): MailDsl then gives every user one "
                + "backend and the other hosts proxy to it (docs/shared-state.md).");
        }
    }
}
