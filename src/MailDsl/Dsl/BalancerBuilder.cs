using System.Collections.Generic;
using MailDsl.Model;

namespace MailDsl
{
    /// <summary>
    /// Describes the balancers in front of the layers' VIPs: balancer hosts MailDsl emits (HAProxy, with keepalived holding
    /// the VIPs: <c>b =&gt; b.Host("lb-01...", "172.16.10.2").Host("lb-02...", "172.16.10.3")</c>), or an LBaaS you already
    /// have, by what it does (<c>b =&gt; b.Lbaas(LbaasBehaviour.PassThroughProxy).From("10.0.0.0/24")</c>). Every layer with a
    /// VIP is behind them; give each VIP its address with <c>.Vip(name, address)</c>.
    /// </summary>
    public sealed class BalancerBuilder
    {
        private static BalancerKeys Keys => OriginKeys.Balancers;
        private readonly OriginRecorder _origins;
        private readonly List<string> _hosts = new();
        private readonly List<HostAddress> _addresses = new();
        private readonly List<string> _sources = new();
        private readonly List<HealthCheck> _checks = new();
        private BalancerLayer _layer = new();

        internal BalancerBuilder(OriginRecorder origins) => _origins = origins;

        /// <summary>
        /// Adds an emitted balancer host (HAProxy and keepalived) with its address on the network the platform's hosts share:
        /// the backends trust that address, and only it, to send the PROXY protocol. Describe two or more, so a VIP survives the
        /// loss of one.
        /// </summary>
        /// <param name="name">The host's name, e.g. <c>lb-01.cloud0.mycompany.dom</c>.</param>
        /// <param name="address">Its IPv4 or IPv6 address, e.g. <c>172.16.10.2</c>.</param>
        public BalancerBuilder Host([ValueGrammar(ValueKind.DnsName)] string name, [ValueGrammar(ValueKind.IpAddress)] string address)
        {
            var n = _hosts.Count;
            _origins.Call(Keys.Host(n));
            _origins.Argument(Keys.Hosts[n], 0);
            _origins.Argument(Keys.HostAddresses[n], 1);
            _hosts.Add(name);
            _addresses.Add(new HostAddress(name, address));
            return this;
        }

        /// <summary>
        /// Describes an LBaaS you already have instead of emitted balancers, by what it does with a connection. MailDsl
        /// configures the backends for it and writes, in the emitted README and in <c>check</c>, what it must be set to.
        /// </summary>
        /// <param name="behaviour">What it does: <see cref="LbaasBehaviour.PassThroughProxy"/> keeps TLS end to end and passes the client's address on.</param>
        public BalancerBuilder Lbaas(LbaasBehaviour behaviour)
        {
            _origins.Argument(Keys.Behaviour, 0);
            _layer = _layer with { Kind = BalancerKind.Described, Behaviour = behaviour };
            return this;
        }

        /// <summary>
        /// Names the addresses or networks (CIDR) a described LBaaS connects to the backends from: the backends trust them,
        /// and only them, with the PROXY protocol and let only them reach the PROXY ports.
        /// </summary>
        /// <param name="networks">Addresses or networks, e.g. <c>10.0.0.0/28</c>.</param>
        public BalancerBuilder From([ValueGrammar(ValueKind.Network)] params string[] networks)
        {
            networks ??= System.Array.Empty<string>();
            _origins.Call(Keys.Sources);
            for (var i = 0; i < networks.Length; i++) _origins.Argument(Keys.Sources[_sources.Count + i], i);
            _sources.AddRange(networks);
            return this;
        }

        /// <summary>
        /// How emitted balancers carry HTTPS to the webmail hosts: passed through (nginx terminates the client's TLS, the
        /// default), or terminated by HAProxy and re-encrypted to nginx, verified against the platform's CA.
        /// </summary>
        /// <param name="mode">The mode.</param>
        public BalancerBuilder Https(HttpsBalancing mode)
        {
            _origins.Argument(Keys.Https, 0);
            _layer = _layer with { Https = mode };
            return this;
        }

        /// <summary>Sets the network interface keepalived runs VRRP on and adds the VIPs to on every balancer host (default <c>eth0</c>).</summary>
        /// <param name="name">The interface's name, e.g. <c>ens192</c>.</param>
        public BalancerBuilder Interface([ValueGrammar(ValueKind.InterfaceName)] string name)
        {
            _origins.Argument(Keys.Interface, 0);
            _layer = _layer with { Interface = name };
            return this;
        }

        /// <summary>Sets the first VRRP virtual router id (default 51); each VIP takes the next, so keep the range free on the network.</summary>
        /// <param name="id">1 to 255, leaving room for every VIP's id below 256 (MAIL7014).</param>
        public BalancerBuilder VirtualRouterId(int id)
        {
            _origins.Argument(Keys.VirtualRouterId, 0);
            _layer = _layer with { VirtualRouterId = id };
            return this;
        }

        /// <summary>
        /// Sets how long a connection may be idle on either leg before the balancers close it (default 31 minutes): IMAP
        /// clients in IDLE stay silent for up to 29 minutes (RFC 2177).
        /// </summary>
        /// <param name="minutes">Minutes, above 30 (MAIL7007) and at most 35791, HAProxy's largest timer (MAIL7014).</param>
        public BalancerBuilder IdleTimeout(int minutes)
        {
            _origins.Argument(Keys.IdleTimeout, 0);
            _layer = _layer with { IdleTimeoutMinutes = minutes };
            return this;
        }

        /// <summary>
        /// Sets where HAProxy's statistics page (<c>/stats</c>) and Prometheus metrics (<c>/metrics</c>) listen, without a
        /// password: loopback by default, or an address on the internal network; never every address or a VIP (MAIL7017),
        /// and an address outside the private ranges is warned about (MAIL7018).
        /// </summary>
        /// <param name="port">The TCP port (default 8404).</param>
        /// <param name="address">The address (default <c>127.0.0.1</c>).</param>
        public BalancerBuilder Stats(int port = 8404, [ValueGrammar(ValueKind.IpAddress)] string address = "127.0.0.1")
        {
            _origins.Call(Keys.Stats);
            _origins.Argument(Keys.Listener("stats").Port, 0);
            _origins.Argument(Keys.Stats.Address, 1);
            _layer = _layer with { StatsPort = port, StatsAddress = address };
            return this;
        }

        /// <summary>
        /// Sets the greeting the balancers' health check expects from one listener of a layer, instead of its protocol's own
        /// (SMTP <c>220</c>, IMAP <c>* OK</c>, POP3 <c>+OK</c>, ManageSieve's capabilities, HTTP <c>200</c>).
        /// </summary>
        /// <param name="layer">The layer's key, e.g. <c>mailstore</c>.</param>
        /// <param name="listener">The listener's name, e.g. <c>imaps</c>.</param>
        /// <param name="expect">What the backend's first answer must start with (matched at its start); HTTP listeners are checked with a request instead and take none (MAIL7006).</param>
        public BalancerBuilder HealthCheck([ValueGrammar(ValueKind.LayerKey)] string layer, [ValueGrammar(ValueKind.ListenerName)] string listener, [ValueGrammar(ValueKind.Greeting)] string expect)
        {
            var n = _checks.Count;
            var keys = Keys.Check(n);
            _origins.Call(keys);
            _origins.Argument(keys.Layer, 0);
            _origins.Argument(keys.Listener, 1);
            _origins.Argument(keys.Expect, 2);
            _checks.Add(new HealthCheck(layer, listener, expect));
            return this;
        }

        internal BalancerLayer Build() => _layer with
        {
            Hosts = _hosts.ToEquatableArray(),
            HostAddresses = _addresses.ToEquatableArray(),
            Sources = _sources.ToEquatableArray(),
            Checks = _checks.ToEquatableArray(),
        };
    }
}
