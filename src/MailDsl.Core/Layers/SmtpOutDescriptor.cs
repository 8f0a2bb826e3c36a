using System.Collections.Generic;
using MailDsl.Model;
using MailDsl.Topology;

namespace MailDsl.Layers
{
    /// <summary>SMTP-out, the relay: Postfix sending the platform's mail to the Internet, and submission where users send theirs.</summary>
    public sealed class SmtpOutDescriptor : LayerDescriptor<SmtpOutLayer>
    {
        private static readonly LayerEntrance[] Served =
        {
            new(ServiceProtocol.Submission, HopEnd.Users, "submission", "users send mail"),
        };

        internal SmtpOutDescriptor()
        {
        }

        /// <inheritdoc/>
        public override string Key => "smtpOut";

        /// <inheritdoc/>
        public override string DisplayName => "SMTP-out";

        /// <inheritdoc/>
        public override string CommandLineName => "smtp-out";

        /// <inheritdoc/>
        public override string DslMethod => "SmtpOut";

        /// <summary>Postfix; Dovecot too where Postfix offers submission, as the SASL server behind it (<see cref="HostPlan.RunsDovecot"/>).</summary>
        public override IReadOnlyList<Daemon> Daemons { get; } = new[] { Daemon.Postfix };

        /// <inheritdoc/>
        public override IReadOnlyList<LayerEntrance> Entrances => Served;

        /// <inheritdoc/>
        public override IReadOnlyList<LayerDescriptor> RolloutAfter => new[] { LayerDescriptors.SmtpIn };

        /// <inheritdoc/>
        public override string RolloutTitle => "SMTP-out (relay and submission), which hands the platform's own mail to the MX";

        /// <inheritdoc/>
        public override SmtpOutLayer? Get(PlatformModel platform) => platform.SmtpOut;

        /// <inheritdoc/>
        public override PlatformModel Set(PlatformModel platform, SmtpOutLayer? layer) => platform with { SmtpOut = layer };
    }
}
