using System.Collections.Generic;
using MailDsl.Model;
using MailDsl.Topology;

namespace MailDsl.Layers
{
    /// <summary>The mailstore: Dovecot serving IMAP, POP3 and ManageSieve, and Postfix delivering the platform's mail into it.</summary>
    public sealed class MailstoreDescriptor : LayerDescriptor<MailstoreLayer>
    {
        private static readonly LayerEntrance[] Served =
        {
            new(ServiceProtocol.Imap, HopEnd.Users, "IMAP", "users read mail"),
            new(ServiceProtocol.Pop3, HopEnd.Users, "POP3", "users read mail"),
        };

        internal MailstoreDescriptor()
        {
        }

        /// <inheritdoc/>
        public override string Key => "mailstore";

        /// <inheritdoc/>
        public override string DisplayName => "mailstore";

        /// <inheritdoc/>
        public override string CommandLineName => "mailstore";

        /// <inheritdoc/>
        public override string DslMethod => "Mailstore";

        /// <inheritdoc/>
        public override IReadOnlyList<Daemon> Daemons { get; } = new[] { Daemon.Postfix, Daemon.Dovecot };

        /// <inheritdoc/>
        public override IReadOnlyList<LayerEntrance> Entrances => Served;

        /// <inheritdoc/>
        public override string RolloutTitle => "Mailstore (Dovecot and final delivery), which the MX delivers to and SOGo reads";

        /// <inheritdoc/>
        public override MailstoreLayer? Get(PlatformModel platform) => platform.Mailstore;

        /// <inheritdoc/>
        public override PlatformModel Set(PlatformModel platform, MailstoreLayer? layer) => platform with { Mailstore = layer };
    }
}
