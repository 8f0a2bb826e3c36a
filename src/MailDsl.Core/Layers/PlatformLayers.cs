using System.Collections.Generic;
using MailDsl.Model;

namespace MailDsl.Layers
{
    /// <summary>Walks a platform's described layers in platform order (<see cref="LayerDescriptors.All"/>).</summary>
    internal static class PlatformLayers
    {
        /// <summary>Every layer the platform describes, skipping those it leaves out.</summary>
        public static IEnumerable<Layer> Of(PlatformModel platform)
        {
            foreach (var descriptor in LayerDescriptors.All)
                if (descriptor.Of(platform) is { } layer) yield return layer;
        }

        /// <summary>
        /// Every port a layer's hosts bind: its listeners, and those of the daemons its descriptor runs beside them
        /// (<see cref="LayerDescriptor.DaemonPorts"/>: memcached, SOGo's cache, on the webmail layer), so the port rules see
        /// them too.
        /// </summary>
        public static IEnumerable<BoundPort> BoundPorts(Layer layer)
        {
            foreach (var listener in layer.Listeners)
            {
                if (listener is null) continue;
                // sogod serves nginx alone, so MailDsl binds it to loopback whatever the layer's address.
                yield return new BoundPort(listener.Name, listener.Port, listener.Protocol == ServiceProtocol.Sogo);
            }
            foreach (var port in LayerDescriptors.Of(layer).DaemonPorts(layer))
                yield return port;
        }

        /// <summary>
        /// Every port a layer's hosts bind on <paramref name="platform"/>: <see cref="BoundPorts(Layer)"/>, and the PROXY port
        /// beside each listener the balancers feed with the PROXY protocol (reported at that listener's port).
        /// </summary>
        public static IEnumerable<BoundPort> BoundPorts(PlatformModel platform, Layer layer)
        {
            foreach (var port in BoundPorts(layer)) yield return port;
            var balancing = Topology.PlatformBalancing.Of(platform);
            if (!balancing.ProxiesTo(layer)) yield break;
            foreach (var proxied in balancing.PortsOf(layer))
                yield return new BoundPort(proxied.Listener.Name + " (its PROXY port)", proxied.BackendPort, LoopbackOnly: false) { OriginName = proxied.Listener.Name };
        }

        /// <summary>
        /// Each raw setting of <paramref name="layer"/> with its occurrence number among settings of the same
        /// daemon and key, as the builders number them in origin keys (<see cref="LayerKeys.Setting"/>).
        /// </summary>
        public static IEnumerable<(RawSetting Setting, int Occurrence)> NumberedSettings(Layer layer)
        {
            var seen = new Dictionary<(Daemon, string), int>();
            foreach (var setting in layer.RawSettings)
            {
                if (setting is null) continue;
                var id = (setting.Daemon, setting.Key ?? "");
                seen.TryGetValue(id, out var n);
                seen[id] = n + 1;
                yield return (setting, n);
            }
        }
    }

    /// <summary>
    /// A port a layer's hosts bind: a listener's, or a daemon's the layer runs beside them (memcached; on the relay unbound,
    /// mta-sts-daemon and the DANE-first lookup).
    /// </summary>
    /// <param name="Name">The listener's name (<c>memcached</c> for memcached: the DSL records its port under it), as origin keys and messages name it.</param>
    /// <param name="Port">The port.</param>
    /// <param name="LoopbackOnly">Whether the daemon binds 127.0.0.1 whatever the layer's listen address.</param>
    internal sealed record BoundPort(string Name, int Port, bool LoopbackOnly)
    {
        /// <summary>The listener whose origin keys a finding about this port points at: its own name, unless it is another listener's PROXY twin.</summary>
        public string OriginName { get => _origin ?? Name; init => _origin = value; }

        private readonly string? _origin;

        /// <summary>The key of the argument the port comes from, where it is not the listener's port (<see cref="LayerKeys.Listener"/>).</summary>
        public string? OriginKey { get; init; }

        /// <summary>How messages name what binds the port; a listener by its name.</summary>
        public string? Label { get; init; }

        /// <summary>What to do about a clash where the port is not a listener's to move (it comes from another argument), or null.</summary>
        public string? Advice { get; init; }

        /// <summary>What binds the port, for messages: the label, else <c>listener 'name'</c>.</summary>
        public string Described => Label ?? "listener '" + Name + "'";

        /// <summary>The key the port rules report at: <see cref="OriginKey"/>, else the listener's port in <paramref name="layer"/>.</summary>
        public string KeyIn(Layer layer) => OriginKey ?? OriginKeys.Of(layer).Listener(OriginName).Port;
    }
}
