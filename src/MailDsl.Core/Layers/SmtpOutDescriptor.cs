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

        /// <summary>
        /// The relay's verifiers, so the port rules (MAIL2002, MAIL2003) see them beside the listeners and report at the argument
        /// that set them: unbound on port 53 of the DANE resolver's address, mta-sts-daemon on 127.0.0.1 at
        /// <c>.OutboundMtaSts(resolverPort)</c>, and with both, the DANE-first lookup on the port after it
        /// (<see cref="Daemons.MtaSts.MtaStsResolverModule.DaneFirstPort"/>); that one only while the resolver's own port is
        /// valid, so a port out of range is one finding, not two.
        /// </summary>
        /// <param name="layer">The layer, as described.</param>
        internal override IEnumerable<BoundPort> DaemonPorts(Layer layer)
        {
            var relay = (SmtpOutLayer)layer;
            if (relay.DaneResolver is { } resolver)
                yield return new BoundPort("unbound", 53, LoopbackOnly: true)
                {
                    OriginKey = OriginKeys.SmtpOut.OutboundDane.Resolver,
                    Label = "unbound (the DANE resolver, on port 53 of " + resolver + ")",
                    Advice = "unbound must answer on port 53, where resolv.conf sends the host's DNS lookups: move what else binds port 53 on the relay's hosts to another port.",
                };
            if (relay.MtaStsResolverPort is not { } port) yield break;
            var advice = "Write another port in .OutboundMtaSts(resolverPort), one free on the relay's hosts"
                + (relay.DaneResolver is null ? "." : ", from 1 to " + (Rules.Listeners.InvalidPortRule.MaxPort - 1).ToString(System.Globalization.CultureInfo.InvariantCulture)
                    + ": with .OutboundDane() the DANE-first lookup listens on the port after it.");
            yield return new BoundPort("mta-sts-daemon", port, LoopbackOnly: true)
            {
                OriginKey = OriginKeys.SmtpOut.OutboundMtaSts.Port,
                Label = "MTA-STS resolver (mta-sts-daemon, on 127.0.0.1 at .OutboundMtaSts's port)",
                Advice = advice,
            };
            if (Rules.Listeners.InvalidPortRule.IsValid(port) && MailDsl.Daemons.MtaSts.MtaStsResolverModule.DaneFirstPort(relay) is { } first)
                yield return new BoundPort("dane-first", first, LoopbackOnly: true)
                {
                    OriginKey = OriginKeys.SmtpOut.OutboundMtaSts.Port,
                    Label = "DANE-first lookup (Postfix's spawn service on 127.0.0.1, at .OutboundMtaSts's port " + port.ToString(System.Globalization.CultureInfo.InvariantCulture) + " + 1)",
                    Advice = advice,
                };
        }

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
