using System.Collections.Generic;
using System.Linq;
using System.Runtime.CompilerServices;
using MailDsl.Layers;
using MailDsl.Model;

namespace MailDsl.Topology
{
    /// <summary>One port a VIP serves, and where and how the balancers carry it to the layer's hosts.</summary>
    /// <param name="Layer">The layer behind the VIP.</param>
    /// <param name="Listener">The layer's listener: the VIP serves its port.</param>
    /// <param name="BackendPort">The port the balancers dial on each host: the listener's PROXY port, or the listener's own.</param>
    /// <param name="Proxy">Whether the balancers send the PROXY protocol (v2) there, so the host reads the client's address from it.</param>
    public sealed record BalancedPort(Layer Layer, Listener Listener, int BackendPort, bool Proxy);

    /// <summary>
    /// What the balancers do, worked out once per platform for the renderers and rules on both sides of them: which layers
    /// they front (every layer with a VIP and hosts), on which ports, whether the PROXY protocol carries the client's
    /// address, and whom the backends trust to send it.
    /// <para>
    /// A backend keeps its listeners as described, for whatever dials its hosts directly; the balancers send the VIP's
    /// traffic, with PROXY, to a port of its own beside each (<see cref="ProxyPortOffset"/> above it), which only the
    /// balancers may reach: Postfix has no list of trusted proxies (postconf(5): smtpd_upstream_proxy_protocol and
    /// postscreen_upstream_proxy_protocol believe whoever connects), so the PROXY ports listen on the host's address on the
    /// internal network and the host's firewall (<see cref="Daemons.Nftables.NftablesModule"/>) lets only the balancers in.
    /// </para>
    /// </summary>
    public sealed class PlatformBalancing
    {
        /// <summary>How far above a listener's port its PROXY port is (25 is fed on 10025, 993 on 10993, 443 on 10443).</summary>
        public const int ProxyPortOffset = 10000;

        private static readonly ConditionalWeakTable<PlatformModel, PlatformBalancing> Cache = new();

        private PlatformBalancing(PlatformModel platform)
        {
            Platform = platform;
            Balancers = platform.Balancers;
            Fronted = Balancers is null
                ? new List<Layer>()
                : PlatformLayers.Of(platform).Where(l => l is not BalancerLayer && !string.IsNullOrEmpty(l.Vip) && l.Hosts.Count > 0).ToList();
        }

        /// <summary>The platform.</summary>
        public PlatformModel Platform { get; }

        /// <summary>The balancers, if described.</summary>
        public BalancerLayer? Balancers { get; }

        /// <summary>Whether MailDsl emits the balancers (HAProxy and keepalived on their hosts).</summary>
        public bool Emitted => Balancers is { Kind: BalancerKind.Emitted };

        /// <summary>Whether the balancers send the PROXY protocol to the backends: emitted ones always, an LBaaS when described so.</summary>
        public bool SendsProxy => Balancers is { } b && (b.Kind == BalancerKind.Emitted || b.Behaviour == LbaasBehaviour.PassThroughProxy);

        /// <summary>The layers behind the balancers: every layer with a VIP and at least one host.</summary>
        public IReadOnlyList<Layer> Fronted { get; }

        /// <summary>The balancing of <paramref name="platform"/> (computed once per model instance).</summary>
        public static PlatformBalancing Of(PlatformModel platform) => Cache.GetValue(platform, p => new PlatformBalancing(p));

        /// <summary>Whether the balancers front <paramref name="layer"/>.</summary>
        public bool IsFronted(Layer layer) => Fronted.Contains(layer);

        /// <summary>Whether the balancers send PROXY to <paramref name="layer"/>'s hosts.</summary>
        public bool ProxiesTo(Layer layer) => SendsProxy && IsFronted(layer);

        /// <summary>
        /// The ports <paramref name="layer"/>'s VIP serves, each with where the balancers send it: every listener but sogod's
        /// own (on loopback behind nginx). Empty for a layer the balancers do not front.
        /// </summary>
        public IReadOnlyList<BalancedPort> PortsOf(Layer layer)
        {
            if (!IsFronted(layer)) return new List<BalancedPort>();
            var proxy = SendsProxy;
            return layer.Listeners.Where(l => l is not null && l.Protocol != ServiceProtocol.Sogo)
                .Select(l => new BalancedPort(layer, l, proxy ? ProxyPort(l) : l.Port, proxy)).ToList();
        }

        /// <summary>Every port every VIP serves, layer by layer in platform order.</summary>
        public IEnumerable<BalancedPort> Ports => Fronted.SelectMany(PortsOf);

        /// <summary>The PROXY ports <paramref name="host"/> serves for the balancers (none when they send no PROXY to its layers).</summary>
        public IEnumerable<BalancedPort> ProxyPortsOn(HostPlan host)
            => host.Layers.Where(ProxiesTo).SelectMany(PortsOf).Where(p => p.Proxy);

        /// <summary>
        /// The PROXY ports of <paramref name="protocols"/> on <paramref name="host"/>, as ports its daemon answers on
        /// (<see cref="Daemons.DaemonModule.Ports"/>): what install.sh and the Ansible role wait for after a reload.
        /// </summary>
        public static IEnumerable<Daemons.ServedPort> ServedProxyPorts(HostPlan host, params ServiceProtocol[] protocols)
        {
            if (host.Platform is not { } platform) yield break;
            var balancing = Of(platform);
            foreach (var layer in host.Layers.Where(balancing.ProxiesTo))
                foreach (var port in balancing.PortsOf(layer).Where(p => protocols.Contains(p.Listener.Protocol)))
                    yield return new Daemons.ServedPort(port.Listener.Name + "-proxy", Listed(Daemons.ServedPorts.Dial(ProxyListenAddress(layer, host.Name))), port.BackendPort, Proxy: true);
        }

        // An address as ss(8) lists a listener on it (inet_ntop's form: an IPv6 address compressed, in lower case), which is
        // how install.sh and the Ansible role find the PROXY ports' listeners.
        private static string Listed(string address) => Addresses.Parse(address)?.ToString() ?? address;

        /// <summary>The PROXY port of <paramref name="listener"/>.</summary>
        public static int ProxyPort(Listener listener) => listener.Port + ProxyPortOffset;

        /// <summary>
        /// Who the backends trust to send PROXY and let in on the PROXY ports: the emitted balancer hosts' addresses, or the
        /// networks a described LBaaS connects from. Empty while the description names none (a rule says so).
        /// </summary>
        public IReadOnlyList<string> Trusted
        {
            get
            {
                if (Balancers is not { } b) return new List<string>();
                return (b.Kind == BalancerKind.Emitted ? b.HostAddresses.Where(a => a is not null).Select(a => a.Address) : b.Sources.Where(s => s is not null))
                    .Distinct().ToList();
            }
        }

        /// <summary>
        /// The address a backend's PROXY ports listen on: the host's own on the internal network, as the description names it;
        /// else the layer's listen address; else null (every address, the firewall alone keeping others out).
        /// </summary>
        public static string? ProxyListenAddress(Layer layer, string host) => layer.AddressOf(host) ?? layer.ListenAddress;

        /// <summary>What the balancers dial for <paramref name="host"/> of <paramref name="layer"/>: its address if described, else its name.</summary>
        public static string BackendAddress(Layer layer, string host) => layer.AddressOf(host) ?? host;
    }
}
