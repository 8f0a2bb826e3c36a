using System.Collections.Generic;
using MailDsl.Model;
using MailDsl.Topology;

namespace MailDsl.Layers
{
    /// <summary>SMTP-in, the MX: Postfix receiving the platform's mail from the Internet on port 25 and relaying it to the mailstore.</summary>
    public sealed class SmtpInDescriptor : LayerDescriptor<SmtpInLayer>
    {
        private static readonly LayerEntrance[] Served =
        {
            new(ServiceProtocol.Smtp, HopEnd.Internet, "SMTP", "mail from the Internet"),
        };

        internal SmtpInDescriptor()
        {
        }

        /// <inheritdoc/>
        public override string Key => "smtpIn";

        /// <inheritdoc/>
        public override string DisplayName => "SMTP-in";

        /// <inheritdoc/>
        public override string CommandLineName => "smtp-in";

        /// <inheritdoc/>
        public override string DslMethod => "SmtpIn";

        /// <inheritdoc/>
        public override IReadOnlyList<Daemon> Daemons { get; } = new[] { Daemon.Postfix };

        /// <inheritdoc/>
        public override IReadOnlyList<LayerEntrance> Entrances => Served;

        /// <summary>The MX offers STARTTLS at the layer's own level (<see cref="SmtpInLayer.StartTls"/>): <c>may</c> on a public MX.</summary>
        /// <param name="layer">The layer, as described.</param>
        public override TlsLevel EntranceStartTls(Layer layer) => ((SmtpInLayer)layer).StartTls;

        /// <inheritdoc/>
        public override IReadOnlyList<LayerDescriptor> RolloutAfter => new[] { LayerDescriptors.Mailstore };

        /// <inheritdoc/>
        public override string RolloutTitle => "SMTP-in (MX), which relays to the mailstore";

        /// <inheritdoc/>
        public override SmtpInLayer? Get(PlatformModel platform) => platform.SmtpIn;

        /// <inheritdoc/>
        public override PlatformModel Set(PlatformModel platform, SmtpInLayer? layer) => platform with { SmtpIn = layer };
    }
}
