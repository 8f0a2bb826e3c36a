using System;
using System.Collections.Generic;
using System.Linq;
using MailDsl.Model;
using MailDsl.Text;

namespace MailDsl.Rules.Directories
{
    /// <summary>
    /// MAIL5006: a mailstore layer of several hosts whose mail, or whose Dovecot index files, live on each host's own disk. A
    /// VIP sends each connection and each delivery to any host, so one user's mail ends up split between hosts (or each host
    /// keeps its own, diverging index of it) unless something in front always sends a user to the same host. Shared storage
    /// (NFS) with indexes beside the mail, or a single host, stays silent.
    /// </summary>
    internal sealed class MailboxOnOneHostRule : Rule
    {
        /// <inheritdoc/>
        public override RuleDescriptor Descriptor => RuleCatalog.MailboxOnOneHost;

        /// <inheritdoc/>
        public override IEnumerable<Finding> Check(PlatformModel platform)
        {
            if (platform.Mailstore is not { } store) yield break;
            var hosts = store.Hosts.Where(h => !string.IsNullOrEmpty(h)).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
            if (hosts.Count < 2) yield break;
            var front = store.Vip is null ? "the mailstore's hosts" : $"the VIP {store.Vip}";
            var storage = store.Storage;
            if (platform.Directory is null || storage is null || storage.Kind == StorageKind.Local)
            {
                var where = platform.Directory is null
                    ? "each host keeps mail in its own system users' home directories"
                    : $"each host keeps mail on its own disk ({(storage ?? new MailStorage()).Root})";
                yield return Report(storage is null ? OriginKeys.Mailstore.Hosts[1] : OriginKeys.Mailstore.Storage.Kind,
                    $"The mailstore has {hosts.Count} hosts ({Listing.Abbreviate(hosts)}) and {where}: {front} sends each login and each delivery "
                    + "to any of them, so a user's mail is split between hosts and each sees only part of it. Share the mailboxes: "
                    + ".Storage(s => s.Nfs(\"/srv/vmail\")) with the export mounted there on every host (and a .Directory(...) for the users); or keep "
                    + "one host; or make sure every connection and delivery for a user always reaches the same host (e.g. a Dovecot proxy in front).");
            }
            else if (storage.IndexPath is { } indexes)
            {
                yield return Report(OriginKeys.Mailstore.Storage.Indexes,
                    $"The mailstore has {hosts.Count} hosts sharing mail on NFS, but keeps Dovecot's index files on each host's own disk ({indexes}): "
                    + $"{front} sends a user to any host, so each host keeps its own index of the same mailbox and they diverge (flags, "
                    + "UIDs, cached data rebuilt again and again; and whenever a user's backend changes, the next host finds a stale index of its own). "
                    + "Remove LocalIndexes(...) to keep indexes beside the mail on NFS, where each user's one backend keeps them.");
            }
        }
    }
}
