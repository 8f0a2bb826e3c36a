using MailDsl.Model;

namespace MailDsl
{
    /// <summary>
    /// Describes where the mailstore keeps mailboxes: a local disk on each host, or an NFS export every mailstore host
    /// mounts at the same path. One virtual mail user, with the same uid and gid on every host, owns them all.
    /// </summary>
    /// <example>
    /// <code>
    /// m => m.Storage(s => s.Nfs("/MAILBOXES/vmail").Owner("vmail", 5000, 5000))
    /// </code>
    /// </example>
    public sealed class StorageBuilder
    {
        private readonly OriginRecorder _origins;

        internal StorageBuilder(OriginRecorder origins, MailStorage start)
        {
            _origins = origins;
            Storage = start;
        }

        internal MailStorage Storage { get; private set; }

        /// <summary>
        /// Mailboxes on each host's own disk. Each user's mail then lives on one host only, so a layer of several hosts needs
        /// every user always sent to the same one (MAIL5006 says so).
        /// </summary>
        /// <param name="root">Where the mailboxes live, e.g. <c>/var/vmail</c>.</param>
        public StorageBuilder Local([ValueGrammar(ValueKind.Path)] string root = "/var/vmail") => Kind(StorageKind.Local, root);

        /// <summary>
        /// Mailboxes on an NFS export mounted at <paramref name="root"/> on every mailstore host: Dovecot gets the NFS guide's
        /// settings (<c>mmap_disable</c>, <c>mail_fsync = always</c>, <c>mail_nfs_storage</c> and <c>mail_nfs_index</c> left at
        /// no), every user gets one backend at a time (the other hosts proxy logins and deliveries to it; see
        /// <see cref="Access"/>), and install.sh refuses to run where the export is not mounted.
        /// </summary>
        /// <param name="root">The mount point, e.g. <c>/MAILBOXES/vmail</c>.</param>
        public StorageBuilder Nfs([ValueGrammar(ValueKind.Path)] string root) => Kind(StorageKind.Nfs, root);

        /// <summary>The virtual mail user that owns every mailbox (default <c>vmail</c>, 5000:5000).</summary>
        /// <param name="user">Its name.</param>
        /// <param name="uid">Its uid, the same on every host.</param>
        /// <param name="gid">Its gid, the same on every host.</param>
        public StorageBuilder Owner([ValueGrammar(ValueKind.SystemUser)] string user, int uid, int gid)
        {
            _origins.Argument(OriginKeys.Mailstore.Storage.User, 0);
            _origins.Argument(OriginKeys.Mailstore.Storage.Uid, 1);
            _origins.Argument(OriginKeys.Mailstore.Storage.Gid, 2);
            Storage = Storage with { User = user, Uid = uid, Gid = gid };
            return this;
        }

        /// <summary>
        /// Keeps Dovecot's index files under <paramref name="path"/> on each host's local disk instead of beside the mail.
        /// Faster on NFS, but each host then has its own index of a user's mail: every user must always reach the same host.
        /// </summary>
        /// <param name="path">A local directory, e.g. <c>/var/lib/dovecot/index</c>.</param>
        public StorageBuilder LocalIndexes([ValueGrammar(ValueKind.Path)] string path)
        {
            _origins.Argument(OriginKeys.Mailstore.Storage.Indexes, 0);
            Storage = Storage with { IndexPath = path };
            return this;
        }

        /// <summary>
        /// Which host opens a user's mailbox when several share the storage: <see cref="MailboxAccess.OneBackendPerUser"/> (the
        /// default: the others proxy to it) or <see cref="MailboxAccess.AnyHost"/>, which Dovecot's NFS guide says corrupts
        /// mailboxes (MAIL5020).
        /// </summary>
        /// <param name="access">One backend per user, or any host.</param>
        public StorageBuilder Access(MailboxAccess access)
        {
            _origins.Argument(OriginKeys.Mailstore.Storage.Access, 0);
            Storage = Storage with { Access = access };
            return this;
        }

        private StorageBuilder Kind(StorageKind kind, string root)
        {
            _origins.Call(OriginKeys.Mailstore.Storage.Kind);
            _origins.Argument(OriginKeys.Mailstore.Storage.Root, 0);
            Storage = Storage with { Kind = kind, Root = root };
            return this;
        }
    }
}
