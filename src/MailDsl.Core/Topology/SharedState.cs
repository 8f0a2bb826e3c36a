using System;
using System.Collections.Generic;
using System.Linq;
using MailDsl.Model;

namespace MailDsl.Topology
{
    /// <summary>
    /// What the hosts of one layer share, decided once for the renderers and rules (docs/shared-state.md): on the mailstore,
    /// whether every user has one backend at a time (several hosts on shared storage, users from the directory); on the
    /// webmail layer, whether one cache serves every host.
    /// </summary>
    public static class SharedState
    {
        /// <summary>The distinct host names of <paramref name="layer"/>, in the order written.</summary>
        public static IReadOnlyList<string> HostsOf(Layer? layer)
            => layer is null ? Array.Empty<string>() : layer.Hosts.Where(h => !string.IsNullOrEmpty(h)).Distinct(StringComparer.OrdinalIgnoreCase).ToList();

        /// <summary>
        /// Whether the mailstore's hosts share one storage (NFS, users from the directory) and give each user one backend at a
        /// time: then every host proxies logins and deliveries for users whose backend is another host (Dovecot's NFS guide:
        /// "Users must be assigned to specific backends").
        /// </summary>
        public static bool OneBackendPerUser(PlatformModel platform)
            => platform.Directory is not null && platform.Mailstore is { Storage: { Kind: StorageKind.Nfs, Access: MailboxAccess.OneBackendPerUser } } store
               && HostsOf(store).Count > 1;

        /// <summary>Whether several webmail hosts share one SOGo cache: memcached on each host's own address, every sogod listing all of them.</summary>
        public static bool SharedCache(WebmailLayer? webmail)
            => webmail is { Cache: SogoCache.Shared } && HostsOf(webmail).Count > 1;
    }
}
