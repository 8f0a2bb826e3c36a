using System.Collections.Generic;
using MailDsl.Model;

namespace MailDsl.Layers
{
    /// <summary>
    /// The balancers in front of the layers' VIPs: hosts running HAProxy with keepalived holding the VIPs (emitted), or an
    /// LBaaS the operator already has (described: no hosts, only what the backends and the emitted README need to know).
    /// They front every other layer, so they are installed last: their health checks need the backends up.
    /// </summary>
    public sealed class BalancersDescriptor : LayerDescriptor<BalancerLayer>
    {
        internal BalancersDescriptor()
        {
        }

        /// <inheritdoc/>
        public override string Key => "balancers";

        /// <inheritdoc/>
        public override string DisplayName => "balancers";

        /// <inheritdoc/>
        public override string CommandLineName => "balancers";

        /// <inheritdoc/>
        public override string DslMethod => "Balancers";

        /// <inheritdoc/>
        public override IReadOnlyList<Daemon> Daemons { get; } = new[] { Daemon.Haproxy, Daemon.Keepalived };

        /// <summary>HAProxy's statistics and metrics port, bound on loopback unless the description names an internal address.</summary>
        /// <param name="layer">The layer, as described.</param>
        internal override IEnumerable<BoundPort> DaemonPorts(Layer layer)
        {
            var balancers = (BalancerLayer)layer;
            if (balancers.Kind == BalancerKind.Emitted)
                yield return new BoundPort("stats", balancers.StatsPort, LoopbackOnly: Topology.Addresses.IsLoopback(balancers.StatsAddress));
        }

        /// <inheritdoc/>
        public override IReadOnlyList<LayerDescriptor> RolloutAfter => new LayerDescriptor[]
        {
            LayerDescriptors.SmtpIn, LayerDescriptors.SmtpOut, LayerDescriptors.Mailstore, LayerDescriptors.Webmail,
        };

        /// <inheritdoc/>
        public override string RolloutTitle => "Balancers (HAProxy, keepalived holding the VIPs), in front of every other layer";

        /// <inheritdoc/>
        public override BalancerLayer? Get(PlatformModel platform) => platform.Balancers;

        /// <inheritdoc/>
        public override PlatformModel Set(PlatformModel platform, BalancerLayer? layer) => platform with { Balancers = layer };
    }
}
