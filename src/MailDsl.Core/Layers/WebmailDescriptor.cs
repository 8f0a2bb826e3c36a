using System.Collections.Generic;
using MailDsl.Model;
using MailDsl.Topology;

namespace MailDsl.Layers
{
    /// <summary>Webmail: SOGo on loopback behind nginx, which terminates TLS and redirects plain HTTP; memcached beside SOGo for its cache.</summary>
    public sealed class WebmailDescriptor : LayerDescriptor<WebmailLayer>
    {
        private static readonly LayerEntrance[] Served =
        {
            new(ServiceProtocol.Https, HopEnd.Users, "HTTPS", "webmail"),
            new(ServiceProtocol.Http, HopEnd.Users, "HTTP", "redirect to HTTPS only"),
        };

        internal WebmailDescriptor()
        {
        }

        /// <inheritdoc/>
        public override string Key => "webmail";

        /// <inheritdoc/>
        public override string DisplayName => "webmail";

        /// <inheritdoc/>
        public override string CommandLineName => "webmail";

        /// <inheritdoc/>
        public override string DslMethod => "Webmail";

        /// <inheritdoc/>
        public override IReadOnlyList<Daemon> Daemons { get; } = new[] { Daemon.Nginx, Daemon.Sogo, Daemon.Memcached };

        /// <inheritdoc/>
        public override IReadOnlyList<LayerEntrance> Entrances => Served;

        /// <summary>
        /// memcached, SOGo's cache, under the listener name the DSL records its port with: loopback only, unless several hosts
        /// share it (then on each host's own address).
        /// </summary>
        /// <param name="layer">The layer, as described.</param>
        internal override IEnumerable<BoundPort> DaemonPorts(Layer layer)
        {
            var webmail = (WebmailLayer)layer;
            yield return new BoundPort("memcached", webmail.MemcachedPort, LoopbackOnly: !SharedState.SharedCache(webmail));
        }

        /// <inheritdoc/>
        public override IReadOnlyList<LayerDescriptor> RolloutAfter => new LayerDescriptor[] { LayerDescriptors.Mailstore, LayerDescriptors.SmtpOut };

        /// <inheritdoc/>
        public override string RolloutTitle => "Webmail (SOGo behind nginx), which reads the mailstore and sends through the relay";

        /// <inheritdoc/>
        public override WebmailLayer? Get(PlatformModel platform) => platform.Webmail;

        /// <inheritdoc/>
        public override PlatformModel Set(PlatformModel platform, WebmailLayer? layer) => platform with { Webmail = layer };
    }
}
