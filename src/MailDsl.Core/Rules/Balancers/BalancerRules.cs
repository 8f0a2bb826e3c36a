using System.Collections.Generic;
using System.Linq;
using MailDsl.Layers;
using MailDsl.Model;
using MailDsl.Rules.Values;
using MailDsl.Topology;

namespace MailDsl.Rules.Balancers
{
    /// <summary>The rules about balancers, VIPs and the PROXY protocol that concern more than one daemon (MAIL7001-MAIL7018 but the modules' own).</summary>
    internal static class BalancerRules
    {
        public static IReadOnlyList<Rule> All { get; } = new Rule[]
        {
            new BalancerForwardsClearTextRule(),
            new ProxyWithoutSenderRule(),
            new ProxyNotTrustedRule(),
            new TrustedNetworkTooWideRule(),
            new StartTlsTerminatedRule(),
            new VipWithoutBackendRule(),
            new LayerHostsDisagreeRule(),
            new BalancerAddressRule(),
            new ProxyPortOutOfRangeRule(),
            new BalancerValueOutOfRangeRule(),
            new BalancerHostServesLayerRule(),
            new NoBalancerHostRule(),
            new StatsOnClientAddressRule(),
            new StatsOnPublicAddressRule(),
        };

        /// <summary>The layer's raw settings of <paramref name="daemon"/> named <paramref name="key"/>, with their origin keys.</summary>
        public static IEnumerable<(RawSetting Setting, string Origin)> Settings(Layer layer, Daemon daemon, string key)
            => PlatformLayers.NumberedSettings(layer)
                .Where(s => s.Setting.Daemon == daemon && s.Setting.Key == key)
                .Select(s => (s.Setting, OriginKeys.Of(layer).Setting(s.Setting.Daemon, s.Setting.Key, s.Occurrence).Value));

        /// <summary>
        /// The networks a trusted-network setting's value names (space or comma separated), and the words that are none.
        /// <paramref name="postfix"/>: Postfix's form, where an IPv6 network is bracketed (<c>[2001:db8::]/64</c>, postconf(5) mynetworks).
        /// </summary>
        public static (List<(System.Net.IPAddress Address, int Prefix)> Networks, List<string> Other) Read(string? value, bool postfix = false)
        {
            var networks = new List<(System.Net.IPAddress, int)>();
            var other = new List<string>();
            foreach (var word in (value ?? "").Split(new[] { ' ', ',', '\t' }, System.StringSplitOptions.RemoveEmptyEntries))
            {
                var close = word.IndexOf(']');
                var unbracketed = postfix && word.StartsWith("[", System.StringComparison.Ordinal) && close > 0
                    ? word.Substring(1, close - 1) + word.Substring(close + 1)
                    : word;
                if (Topology.Networks.Parse(unbracketed) is { } n) networks.Add(n);
                else other.Add(word);
            }
            return (networks, other);
        }

        /// <summary>The balancers' addresses, parsed: each emitted host's, or the first address of each network a described LBaaS comes from.</summary>
        public static List<(System.Net.IPAddress Address, int Prefix)> Balancers(PlatformModel platform)
            => PlatformBalancing.Of(platform).Trusted.Select(Topology.Networks.Parse).Where(n => n is not null).Select(n => n!.Value).ToList();

        /// <summary>Whether <paramref name="network"/> lies inside one of <paramref name="trusted"/>.</summary>
        public static bool Inside((System.Net.IPAddress Address, int Prefix) network, IEnumerable<(System.Net.IPAddress Address, int Prefix)> trusted)
            => trusted.Any(t => t.Prefix <= network.Prefix && Topology.Networks.Contains(t, network.Address));

        public static string Name(Layer layer) => LayerDescriptors.Of(layer).DisplayName;

        public static string Show(string? value) => ValueSafety.Show(value);
    }

    /// <summary>MAIL7001: a described LBaaS that terminates TLS and forwards in clear text.</summary>
    internal sealed class BalancerForwardsClearTextRule : Rule
    {
        public override RuleDescriptor Descriptor => RuleCatalog.BalancerForwardsClearText;

        public override IEnumerable<Finding> Check(PlatformModel platform)
        {
            if (platform.Balancers is { Kind: BalancerKind.Described, Behaviour: LbaasBehaviour.TerminateClear })
                yield return Report(OriginKeys.Balancers.Behaviour,
                    "The LBaaS is described as terminating TLS and forwarding in clear text (LbaasBehaviour.TerminateClear): between it and the hosts every "
                    + "password and message would cross the network unencrypted, and Dovecot counts a connection whose PROXY header says the client used TLS as "
                    + "secured whatever the leg behind it (Dovecot's HAProxy page). Write LbaasBehaviour.PassThroughProxy (TLS end to end, the client's address "
                    + "passed on), or TerminateReencrypt if the LBaaS must see the traffic.");
        }
    }

    /// <summary>
    /// MAIL7002: a raw setting that makes a port wait for the PROXY header where nothing sends it: Postfix's
    /// smtpd_upstream_proxy_protocol or postscreen_upstream_proxy_protocol in main.cf (it then applies to every smtpd or
    /// postscreen of the host, direct ports included; MailDsl sets it with -o on the PROXY ports only), or Dovecot's
    /// haproxy_trusted_networks on a layer no PROXY balancer fronts.
    /// </summary>
    internal sealed class ProxyWithoutSenderRule : Rule
    {
        public override RuleDescriptor Descriptor => RuleCatalog.ProxyWithoutSender;

        public override IEnumerable<Finding> Check(PlatformModel platform)
        {
            var balancing = PlatformBalancing.Of(platform);
            foreach (var layer in PlatformLayers.Of(platform))
            {
                var proxied = balancing.ProxiesTo(layer);
                foreach (var key in new[] { "smtpd_upstream_proxy_protocol", "postscreen_upstream_proxy_protocol" })
                    foreach (var (setting, origin) in BalancerRules.Settings(layer, Daemon.Postfix, key))
                    {
                        if (string.IsNullOrWhiteSpace(setting.Value)) continue;
                        yield return Report(origin, proxied
                            ? $"The {BalancerRules.Name(layer)} Postfix setting '{key} = {BalancerRules.Show(setting.Value)}' goes into main.cf, so it applies to every "
                              + $"{(key.StartsWith("smtpd") ? "smtpd" : "postscreen")} of the host, also on the ports clients and other layers dial directly, where nobody sends a PROXY header: "
                              + "Postfix waits for one and hangs up on each of them (and an smtpd behind postscreen ignores it, with a warning). MailDsl already sets it, "
                              + "on the PROXY ports the balancers feed and only there; remove this setting."
                            : $"The {BalancerRules.Name(layer)} Postfix setting '{key} = {BalancerRules.Show(setting.Value)}' makes Postfix wait for a PROXY header on every "
                              + $"port of the host, but no balancer sends one to this layer ({Why(platform, layer)}): every client is hung up on after "
                              + $"{key.Replace("_protocol", "_timeout")}. Remove it; describe the balancers (.Balancers(...)) and MailDsl sets it where they send PROXY.");
                    }
                if (!proxied)
                    foreach (var (setting, origin) in BalancerRules.Settings(layer, Daemon.Dovecot, "haproxy_trusted_networks"))
                        if (!string.IsNullOrWhiteSpace(setting.Value))
                            yield return Report(origin,
                                $"The {BalancerRules.Name(layer)} Dovecot setting 'haproxy_trusted_networks = {BalancerRules.Show(setting.Value)}' trusts balancers to send "
                                + $"the PROXY header, but none sends it to this layer ({Why(platform, layer)}) and no listener here takes it. Remove it; describe the "
                                + "balancers (.Balancers(...)) and MailDsl writes it with their addresses.");
            }
        }

        private static string Why(PlatformModel platform, Layer layer)
            => platform.Balancers is null ? "the platform describes no balancers"
                : string.IsNullOrEmpty(layer.Vip) ? "the layer has no VIP"
                : "the LBaaS is described as passing TCP through without PROXY";
    }

    /// <summary>
    /// MAIL7003: the balancers send the PROXY header where the backend does not take it from them: a raw
    /// haproxy_trusted_networks that leaves out a balancer, or a described LBaaS that sends PROXY from no named network.
    /// </summary>
    internal sealed class ProxyNotTrustedRule : Rule
    {
        public override RuleDescriptor Descriptor => RuleCatalog.ProxyNotTrusted;

        public override IEnumerable<Finding> Check(PlatformModel platform)
        {
            var balancing = PlatformBalancing.Of(platform);
            // Nothing was written, so the finding sits on the .Balancers(...) call that leaves it out.
            if (platform.Balancers is { Kind: BalancerKind.Described, Behaviour: LbaasBehaviour.PassThroughProxy } lbaas && lbaas.Sources.Count == 0 && balancing.Fronted.Count > 0)
                yield return Report(OriginKeys.Balancers,
                    "The LBaaS sends the PROXY header (LbaasBehaviour.PassThroughProxy), but the description names no network it connects from: the hosts would "
                    + "trust no one with it and their firewalls let no one reach the PROXY ports. Name its addresses: .From(\"10.0.0.0/28\").");
            var balancers = BalancerRules.Balancers(platform);
            foreach (var layer in balancing.Fronted.Where(balancing.ProxiesTo))
                foreach (var (setting, origin) in BalancerRules.Settings(layer, Daemon.Dovecot, "haproxy_trusted_networks"))
                {
                    var (networks, _) = BalancerRules.Read(setting.Value);
                    var left = balancers.Where(b => !networks.Any(n => n.Prefix <= b.Prefix && Topology.Networks.Contains(n, b.Address))).ToList();
                    if (left.Count > 0)
                        yield return Report(origin,
                            $"The {BalancerRules.Name(layer)} Dovecot setting 'haproxy_trusted_networks = {BalancerRules.Show(setting.Value)}' leaves out the balancer"
                            + $"{(left.Count > 1 ? "s" : "")} {string.Join(", ", left.Select(l => l.Address))}, which send{(left.Count > 1 ? "" : "s")} the PROXY header: "
                            + "Dovecot aborts every connection it passes on. Remove the setting (MailDsl writes it with the balancers' addresses).");
                }
        }
    }

    /// <summary>
    /// MAIL7004: a trusted-network setting that covers more than it should: a balancer's address in Postfix's mynetworks or
    /// Dovecot's login_trusted_networks, or a haproxy_trusted_networks wider than the balancers.
    /// </summary>
    internal sealed class TrustedNetworkTooWideRule : Rule
    {
        public override RuleDescriptor Descriptor => RuleCatalog.TrustedNetworkTooWide;

        public override IEnumerable<Finding> Check(PlatformModel platform)
        {
            var balancers = BalancerRules.Balancers(platform);
            if (balancers.Count == 0) yield break;
            foreach (var layer in PlatformLayers.Of(platform))
            {
                foreach (var (daemon, key, why) in new[]
                {
                    (Daemon.Postfix, "mynetworks", "every client the balancer passes on would be a trusted relay client (permit_mynetworks): behind a balancer that sends no PROXY header that is the whole Internet, an open relay"),
                    (Daemon.Dovecot, "login_trusted_networks", "a client the balancer passes on could claim any address (IMAP ID, XCLIENT) and Dovecot counts its connection as secured unless ssl = required"),
                })
                    foreach (var (setting, origin) in BalancerRules.Settings(layer, daemon, key))
                    {
                        var (networks, _) = BalancerRules.Read(setting.Value, postfix: daemon == Daemon.Postfix);
                        var covered = balancers.Where(b => networks.Any(n => Topology.Networks.Contains(n, b.Address))).ToList();
                        if (covered.Count > 0)
                            yield return Report(origin,
                                $"The {BalancerRules.Name(layer)} {daemon} setting '{key} = {BalancerRules.Show(setting.Value)}' covers the balancer{(covered.Count > 1 ? "s" : "")} "
                                + $"{string.Join(", ", covered.Select(c => c.Address))}: {why}. Leave the balancers out of it.");
                    }
                // MailDsl writes mynetworks_style = host and no mynetworks; Postfix reads the style only while mynetworks is unset.
                if (!BalancerRules.Settings(layer, Daemon.Postfix, "mynetworks").Any())
                    foreach (var (setting, origin) in BalancerRules.Settings(layer, Daemon.Postfix, "mynetworks_style"))
                    {
                        var style = (setting.Value ?? "").Trim().ToLowerInvariant();
                        if (style is not ("subnet" or "class")) continue;
                        yield return Report(origin,
                            $"The {BalancerRules.Name(layer)} Postfix setting 'mynetworks_style = {BalancerRules.Show(setting.Value)}' puts every host of "
                            + (style == "subnet" ? "the subnets the host's own addresses are on" : "the whole class A/B/C networks of the host's own addresses")
                            + $" in mynetworks (postconf(5)), and the balancers ({string.Join(", ", balancers.Select(b => b.Address))}) sit on the network the hosts share: "
                            + "every client a balancer passes on without a PROXY header (its health checks, an LBaaS passing TCP through) would be a trusted relay client "
                            + "(permit_mynetworks), an open relay. Remove the setting: MailDsl writes mynetworks_style = host.");
                    }
                foreach (var (setting, origin) in BalancerRules.Settings(layer, Daemon.Dovecot, "haproxy_trusted_networks"))
                {
                    var (networks, _) = BalancerRules.Read(setting.Value);
                    var wide = networks.Where(n => !BalancerRules.Inside(n, balancers)).ToList();
                    if (wide.Count > 0)
                        yield return Report(origin,
                            $"The {BalancerRules.Name(layer)} Dovecot setting 'haproxy_trusted_networks = {BalancerRules.Show(setting.Value)}' trusts "
                            + $"{string.Join(", ", wide.Select(w => w.Address + "/" + w.Prefix))}, wider than the balancers ({string.Join(", ", balancers.Select(b => b.Address + (Topology.Networks.IsSingleAddress(b) ? "" : "/" + b.Prefix)))}): "
                            + "any host there may send a PROXY header and claim any client address (auth penalties, rate limits and logs would believe it). "
                            + "Remove the setting: MailDsl writes it with the balancers' addresses only.");
                }
            }
        }
    }

    /// <summary>MAIL7005: a described LBaaS that terminates TLS in front of a layer with a STARTTLS port.</summary>
    internal sealed class StartTlsTerminatedRule : Rule
    {
        public override RuleDescriptor Descriptor => RuleCatalog.StartTlsTerminated;

        public override IEnumerable<Finding> Check(PlatformModel platform)
        {
            if (platform.Balancers is not { Kind: BalancerKind.Described } lbaas
                || lbaas.Behaviour is not (LbaasBehaviour.TerminateReencrypt or LbaasBehaviour.TerminateClear)) yield break;
            var startTls = PlatformBalancing.Of(platform).Ports.Where(p => p.Listener.Security == ListenerSecurity.StartTls).ToList();
            if (startTls.Count == 0) yield break;
            yield return Report(OriginKeys.Balancers.Behaviour,
                $"The LBaaS is described as terminating TLS ({lbaas.Behaviour}), but it fronts ports where the client starts TLS inside the protocol with STARTTLS: "
                + string.Join(", ", startTls.Select(p => $"{BalancerRules.Name(p.Layer)} {p.Listener.Name} ({p.Listener.Port})"))
                + ". A balancer that terminates TLS does not speak SMTP, IMAP, POP3 or ManageSieve, so it cannot take part in STARTTLS and those clients get no TLS "
                + "(or no service). Describe it as LbaasBehaviour.PassThroughProxy: TLS stays end to end and the client's address is passed on.");
        }
    }

    /// <summary>MAIL7008: a layer with a VIP but no hosts, while balancers are described.</summary>
    internal sealed class VipWithoutBackendRule : Rule
    {
        public override RuleDescriptor Descriptor => RuleCatalog.VipWithoutBackend;

        public override IEnumerable<Finding> Check(PlatformModel platform)
        {
            if (platform.Balancers is null) yield break;
            foreach (var layer in PlatformLayers.Of(platform))
                if (layer is not BalancerLayer && !string.IsNullOrEmpty(layer.Vip) && layer.Hosts.Count == 0)
                    yield return Report(OriginKeys.Of(layer).Vip,
                        $"The {BalancerRules.Name(layer)} VIP '{BalancerRules.Show(layer.Vip)}' has no host behind it: the balancers would hold it and accept "
                        + $"connections with nowhere to send them. Add the layer's hosts (.Hosts(...)), or remove the VIP.");
        }
    }

    /// <summary>MAIL7009: a layer of several hosts bound to one address.</summary>
    internal sealed class LayerHostsDisagreeRule : Rule
    {
        public override RuleDescriptor Descriptor => RuleCatalog.LayerHostsDisagree;

        public override IEnumerable<Finding> Check(PlatformModel platform)
        {
            foreach (var layer in PlatformLayers.Of(platform))
            {
                var hosts = layer.Hosts.Where(h => !string.IsNullOrEmpty(h)).Distinct(System.StringComparer.OrdinalIgnoreCase).ToList();
                if (hosts.Count < 2 || Addresses.Parse(layer.ListenAddress?.Trim()) is not { } address) continue;
                if (System.Net.IPAddress.IsLoopback(address) || Addresses.IsUnspecified(address)) continue;
                yield return Report(OriginKeys.Of(layer).ListenAddress,
                    $"The {BalancerRules.Name(layer)} layer binds every daemon to {address}, but it has {hosts.Count} hosts and one address belongs to one of them: "
                    + "the others cannot bind their ports, their daemons fail to start, and the balancers send connections to hosts that do not listen. "
                    + "Remove .ListenOn(...) (each host binds its own addresses), or give each host its address with .Host(name, address).");
            }
        }
    }

    /// <summary>MAIL7011: a balancer, VIP or host address that is missing where it is needed, is not an address, or names no one host.</summary>
    internal sealed class BalancerAddressRule : Rule
    {
        public override RuleDescriptor Descriptor => RuleCatalog.BalancerAddress;

        public override IEnumerable<Finding> Check(PlatformModel platform)
        {
            var balancing = PlatformBalancing.Of(platform);
            foreach (var layer in PlatformLayers.Of(platform))
            {
                var host = -1;
                for (var i = 0; i < layer.HostAddresses.Count; i++)
                {
                    if (layer.HostAddresses[i] is not { } named) continue;
                    // The builders number an address as its host among all the layer's hosts (.Hosts and .Host alike).
                    host = NextHost(layer, named.Host, host);
                    var origin = host < 0 ? OriginKeys.Of(layer) : OriginKeys.Of(layer).HostAddresses[host];
                    if (Addresses.Parse(named.Address) is not { } address)
                        yield return Report(origin,
                            $"The {BalancerRules.Name(layer)} host '{BalancerRules.Show(named.Host)}' has the address '{BalancerRules.Show(named.Address)}', which is not one "
                            + "IPv4 or IPv6 address: the balancers could not dial it, nor the backends trust it. Write the host's address, e.g. 172.16.10.11.");
                    else if (NoOneHost(address) is { } what)
                        yield return Report(origin,
                            $"The {BalancerRules.Name(layer)} host '{BalancerRules.Show(named.Host)}' has the address '{BalancerRules.Show(named.Address)}', which is {what}: "
                            + "the balancers would dial no host there, and the firewalls and Dovecot would trust it as one. Write the host's own address, e.g. 172.16.10.11.");
                }
                var vip = Addresses.Parse(layer.VipAddress);
                if (layer.VipAddress is { } vipAddress && vip is null)
                    yield return Report(OriginKeys.Of(layer).VipAddress,
                        $"The {BalancerRules.Name(layer)} VIP address '{BalancerRules.Show(vipAddress)}' is not one IPv4 or IPv6 address: keepalived could not hold it "
                        + "nor HAProxy bind it. Write the VIP's address, e.g. 172.16.10.100.");
                else if (vip is not null && NoOneHost(vip) is { } what)
                    yield return Report(OriginKeys.Of(layer).VipAddress,
                        $"The {BalancerRules.Name(layer)} VIP address '{BalancerRules.Show(layer.VipAddress)}' is {what}, not one host's: HAProxy "
                        + "would bind it for every address of the balancer host (0.0.0.0, ::) or not at all (a group), and keepalived would move no address a "
                        + "client dials between the balancers. Write the VIP's address, e.g. 172.16.10.100.");
                else if (layer.VipAddress is null && balancing.Emitted && balancing.IsFronted(layer))
                    yield return Report(OriginKeys.Of(layer).Vip,
                        $"The {BalancerRules.Name(layer)} VIP '{BalancerRules.Show(layer.Vip)}' has no address, and the emitted balancers must hold it: keepalived adds "
                        + "the address to the balancer host that holds the VIP, and HAProxy listens on it. Write .Vip(name, address).");
            }
            if (platform.Balancers is { Kind: BalancerKind.Emitted } emitted)
                for (var i = 0; i < emitted.Hosts.Count; i++)
                    if (emitted.Hosts[i] is { } name && emitted.AddressOf(name) is null)
                        yield return Report(OriginKeys.Balancers.Hosts[i],
                            $"The balancer host '{BalancerRules.Show(name)}' has no address: keepalived's VRRP peers talk to it there, and the backends "
                            + "trust the PROXY header and open their PROXY ports to the balancers by address. Write .Host(name, address).");
            foreach (var finding in FamilyMismatches(platform, balancing)) yield return finding;
            // HAProxy binds the statistics listener there and keepalived's check script dials it.
            if (platform.Balancers is { Kind: BalancerKind.Emitted } withStats && Addresses.Parse(withStats.StatsAddress) is null)
                yield return Report(OriginKeys.Balancers.Stats.Address,
                    $"The balancers' statistics address '{BalancerRules.Show(withStats.StatsAddress)}' is not one IPv4 or IPv6 address: HAProxy could not bind it "
                    + "nor keepalived's check dial it. Write 127.0.0.1 (the default) or an address on the internal network.");
            if (platform.Balancers is { Kind: BalancerKind.Described } lbaas)
                for (var i = 0; i < lbaas.Sources.Count; i++)
                    if (Topology.Networks.Parse(lbaas.Sources[i]) is null || lbaas.Sources[i] != lbaas.Sources[i].Trim())
                        yield return Report(OriginKeys.Balancers.Sources[i],
                            $"'{BalancerRules.Show(lbaas.Sources[i])}' is not an address or a network (CIDR, e.g. 10.0.0.0/28): the hosts would trust and let in "
                            + "no LBaaS by it. Write the addresses the LBaaS connects to the hosts from.");
        }

        // keepalived speaks VRRP over one family per instance, the family of the balancer host's own address: it refuses a
        // unicast peer of the other ("VRRP instance[...] and unicast peer address[...] MUST be of the same family") and a VIP
        // of the other ("address family must match VRRP instance [...] - ignoring", then "No VIP specified"), and keepalived -t
        // fails. The first balancer host's address sets the family; every other address keepalived writes must share it.
        private IEnumerable<Finding> FamilyMismatches(PlatformModel platform, PlatformBalancing balancing)
        {
            if (platform.Balancers is not { Kind: BalancerKind.Emitted } emitted) yield break;
            string? first = null;
            System.Net.Sockets.AddressFamily family = default;
            for (var i = 0; i < emitted.Hosts.Count; i++)
            {
                // An address that is no one host's is reported as that, once.
                if (emitted.Hosts[i] is not { } name || Addresses.Parse(emitted.AddressOf(name)) is not { } address || NoOneHost(address) is not null) continue;
                if (first is null)
                {
                    (first, family) = (name, address.AddressFamily);
                    continue;
                }
                if (address.AddressFamily != family)
                    yield return Report(OriginKeys.Balancers.HostAddresses[i],
                        $"The balancer host '{BalancerRules.Show(name)}' has the {Family(address.AddressFamily)} address '{BalancerRules.Show(emitted.AddressOf(name))}', but "
                        + $"'{BalancerRules.Show(first)}' has an {Family(family)} one: keepalived's VRRP instances speak one family, and keepalived refuses a peer of the "
                        + "other (\"unicast peer address MUST be of the same family\"), so keepalived -t fails. Give every balancer host an address of one family, "
                        + "on the network the balancers share.");
            }
            if (first is null) yield break;
            foreach (var layer in balancing.Fronted)
                if (Addresses.Parse(layer.VipAddress) is { } vip && NoOneHost(vip) is null && vip.AddressFamily != family)
                    yield return Report(OriginKeys.Of(layer).VipAddress,
                        $"The {BalancerRules.Name(layer)} VIP address '{BalancerRules.Show(layer.VipAddress)}' is {Family(vip.AddressFamily)}, but the balancer hosts speak "
                        + $"VRRP over {Family(family)} ('{BalancerRules.Show(first)}' has {BalancerRules.Show(emitted.AddressOf(first))}): keepalived holds a VIP only "
                        + "in a VRRP instance of its own family (\"address family must match VRRP instance\"), so this VIP would be held by no one and keepalived -t "
                        + $"fails. Give the VIP an {Family(family)} address, or the balancer hosts addresses of the VIP's family.");
        }

        // What an address that parses is when it names no one host: 0.0.0.0 and :: are every address to bind() (HAProxy,
        // nginx) and to a trust list; a multicast or the broadcast address is a group, which TCP cannot dial (RFC 1122 4.2.3.10).
        private static string? NoOneHost(System.Net.IPAddress address)
        {
            if (Addresses.IsUnspecified(address)) return "every address (the unspecified address)";
            if (address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6)
                return address.IsIPv6Multicast ? "a multicast group (ff00::/8)" : null;
            var first = address.GetAddressBytes()[0];
            if (first >= 224 && first <= 239) return "a multicast group (224.0.0.0/4)";
            if (address.Equals(System.Net.IPAddress.Broadcast)) return "the broadcast address";
            return null;
        }

        private static string Family(System.Net.Sockets.AddressFamily family) => family == System.Net.Sockets.AddressFamily.InterNetworkV6 ? "IPv6" : "IPv4";

        // The index of the next host called name after index after, or -1.
        private static int NextHost(Layer layer, string? name, int after)
        {
            for (var j = after + 1; j < layer.Hosts.Count; j++)
                if (string.Equals(layer.Hosts[j], name, System.StringComparison.OrdinalIgnoreCase)) return j;
            return -1;
        }
    }

    /// <summary>MAIL7013: a listener behind a PROXY balancer whose PROXY port would be above 65535.</summary>
    internal sealed class ProxyPortOutOfRangeRule : Rule
    {
        public override RuleDescriptor Descriptor => RuleCatalog.ProxyPortOutOfRange;

        public override IEnumerable<Finding> Check(PlatformModel platform)
        {
            var balancing = PlatformBalancing.Of(platform);
            foreach (var layer in balancing.Fronted.Where(balancing.ProxiesTo))
                foreach (var port in balancing.PortsOf(layer).Where(p => p.BackendPort > 65535 && p.Listener.Port <= 65535))
                    yield return Report(OriginKeys.Of(layer).Listener(port.Listener.Name).Port,
                        $"The {BalancerRules.Name(layer)} listener '{port.Listener.Name}' is on port {port.Listener.Port}; the balancers feed each listener with the "
                        + $"PROXY protocol on its port plus {PlatformBalancing.ProxyPortOffset}, and {port.BackendPort} is no TCP port. Give it a port below "
                        + $"{65536 - PlatformBalancing.ProxyPortOffset}.");
        }
    }

    /// <summary>
    /// MAIL7014: a balancer value the daemons refuse at install or read as something else: an idle timeout below one
    /// minute (HAProxy writes <c>timeout client 0m</c>, which is no timeout at all, and refuses a negative one) or beyond
    /// HAProxy's largest timer (2147483647 ms, about 24.8 days: "timer overflow"), a VRRP virtual router id outside
    /// 1..255, or a first id so high that a VIP's id (first + its index) passes 255 (keepalived: "VRID not valid").
    /// </summary>
    internal sealed class BalancerValueOutOfRangeRule : Rule
    {
        /// <summary>HAProxy's largest timeout, in whole minutes: its timers hold 2^31 - 1 milliseconds.</summary>
        public const int MaxIdleTimeoutMinutes = int.MaxValue / 60000;

        /// <summary>The highest VRRP virtual router id (RFC 5798 5.2.3: 1-255).</summary>
        public const int MaxVirtualRouterId = 255;

        public override RuleDescriptor Descriptor => RuleCatalog.BalancerValueOutOfRange;

        public override IEnumerable<Finding> Check(PlatformModel platform)
        {
            if (platform.Balancers is not { } balancers) yield break;
            var minutes = balancers.IdleTimeoutMinutes;
            if (minutes < 1 || minutes > MaxIdleTimeoutMinutes)
                yield return Report(OriginKeys.Balancers.IdleTimeout,
                    $"The balancers' idle timeout is {minutes} minute{(minutes == 1 ? "" : "s")}: "
                    + (minutes < 1
                        ? "HAProxy reads 0 as no timeout at all (haproxy -c warns \"missing timeouts\": idle connections pile up) and refuses a negative one (\"unexpected character '-'\"). "
                        : $"HAProxy's timers hold at most 2147483647 ms ({MaxIdleTimeoutMinutes} minutes) and haproxy -c refuses more (\"timer overflow\"). ")
                    + "Write a number of minutes above 30 (IMAP IDLE), e.g. .IdleTimeout(31), the default.");
            if (balancers.Kind != BalancerKind.Emitted) yield break;
            var first = balancers.VirtualRouterId;
            var fronted = PlatformBalancing.Of(platform).Fronted;
            if (first < 1 || first > MaxVirtualRouterId)
                yield return Report(OriginKeys.Balancers.VirtualRouterId,
                    $"The first VRRP virtual router id is {first}, but keepalived takes 1 to {MaxVirtualRouterId} (\"VRID not valid\") and keepalived -t fails. "
                    + "Write an id in that range that no other VRRP router on the network uses (the default is 51).");
            else if (fronted.Count > 0 && first + fronted.Count - 1 > MaxVirtualRouterId)
                yield return Report(OriginKeys.Balancers.VirtualRouterId,
                    $"The first VRRP virtual router id is {first} and each of the {fronted.Count} VIPs takes the next "
                    + $"({string.Join(", ", fronted.Select((l, i) => BalancerRules.Name(l) + " " + (first + i)))}): keepalived takes ids up to {MaxVirtualRouterId} only "
                    + $"(\"VRID not valid\") and keepalived -t fails. Write a first id of at most {MaxVirtualRouterId - fronted.Count + 1}.");
        }
    }

    /// <summary>
    /// MAIL7015: an emitted balancer host that is also a host of another layer, whose daemon binds a port HAProxy binds
    /// on a VIP (nginx's *:443 beside HAProxy's VIP:443): with the wildcard bound first, the VIP's bind fails
    /// ("Address already in use"), and with the VIP bound first, the layer's daemon cannot start.
    /// </summary>
    internal sealed class BalancerHostServesLayerRule : Rule
    {
        public override RuleDescriptor Descriptor => RuleCatalog.BalancerHostServesLayer;

        public override IEnumerable<Finding> Check(PlatformModel platform)
        {
            if (platform.Balancers is not { Kind: BalancerKind.Emitted } balancers) yield break;
            var balancing = PlatformBalancing.Of(platform);
            var vips = balancing.Ports.Where(p => Addresses.Parse(p.Layer.VipAddress) is not null).ToList();
            for (var i = 0; i < balancers.Hosts.Count; i++)
            {
                if (balancers.Hosts[i] is not { Length: > 0 } name) continue;
                foreach (var layer in PlatformLayers.Of(platform).Where(l => !ReferenceEquals(l, balancers)
                    && l.Hosts.Any(h => string.Equals(h, name, System.StringComparison.OrdinalIgnoreCase))))
                {
                    var clashes = PlatformLayers.BoundPorts(platform, layer)
                        .Where(b => !b.LoopbackOnly)
                        .SelectMany(b => vips.Where(v => v.Listener.Port == b.Port && Binds(layer.ListenAddress, v.Layer.VipAddress)).Select(v => (Bound: b, Vip: v)))
                        .ToList();
                    if (clashes.Count == 0) continue;
                    yield return Report(OriginKeys.Balancers.Hosts[i],
                        $"The balancer host '{BalancerRules.Show(name)}' is also a {BalancerRules.Name(layer)} host, whose daemons bind "
                        + string.Join(", ", clashes.Select(c => $"port {c.Bound.Port} ('{c.Bound.Name}')").Distinct())
                        + $"{(string.IsNullOrEmpty(layer.ListenAddress) ? " on every address" : " on " + BalancerRules.Show(layer.ListenAddress))}, where HAProxy binds "
                        + string.Join(", ", clashes.Select(c => $"{BalancerRules.Name(c.Vip.Layer)}'s VIP {c.Vip.Layer.VipAddress}:{c.Vip.Listener.Port}").Distinct())
                        + ": whichever starts second fails (\"Address already in use\"). Run the balancers on hosts of their own.");
                }
            }
        }

        // Whether a layer's daemons, bound on listen (none or 0.0.0.0/:: is every address), take the VIP's address too.
        private static bool Binds(string? listen, string? vip)
            => Addresses.BindsEvery(listen) || Addresses.Parse(listen) is not { } l || l.Equals(Addresses.Parse(vip));
    }

    /// <summary>MAIL7016: emitted balancers with no host: nothing holds the VIPs (MAIL7010 warns about one).</summary>
    internal sealed class NoBalancerHostRule : Rule
    {
        public override RuleDescriptor Descriptor => RuleCatalog.NoBalancerHost;

        public override IEnumerable<Finding> Check(PlatformModel platform)
        {
            if (platform.Balancers is not { Kind: BalancerKind.Emitted } balancers || balancers.Hosts.Any(h => !string.IsNullOrEmpty(h))) yield break;
            var vips = PlatformBalancing.Of(platform).Fronted;
            yield return Report(OriginKeys.Balancers,
                "The emitted balancers have no host: nothing runs HAProxy or keepalived, so no VIP is held"
                + (vips.Count > 0 ? $" ({string.Join(", ", vips.Select(l => BalancerRules.Name(l) + " " + BalancerRules.Show(l.Vip)))}) and every client of it is refused" : "")
                + ". Describe two or more with .Host(name, address), or an LBaaS with .Lbaas(...).");
        }
    }

    /// <summary>
    /// The statistics address's kind: HAProxy's statistics page and /metrics ask for no password (MailDsl writes none), so
    /// the address must be one only the operators reach.
    /// </summary>
    internal static class StatsAddresses
    {
        /// <summary>The emitted balancers' statistics address, parsed, or null (MAIL7011 reports one that is no address).</summary>
        public static System.Net.IPAddress? Of(PlatformModel platform)
            => platform.Balancers is { Kind: BalancerKind.Emitted } b ? Addresses.Parse(b.StatsAddress) : null;

        /// <summary>The networks an operator's internal address lies in: loopback, RFC 1918, RFC 6598 (100.64/10), RFC 4193 (fc00::/7).</summary>
        private static readonly (System.Net.IPAddress, int)[] Internal =
        {
            (System.Net.IPAddress.Parse("127.0.0.0"), 8), (System.Net.IPAddress.Parse("10.0.0.0"), 8), (System.Net.IPAddress.Parse("172.16.0.0"), 12),
            (System.Net.IPAddress.Parse("192.168.0.0"), 16), (System.Net.IPAddress.Parse("100.64.0.0"), 10),
            (System.Net.IPAddress.IPv6Loopback, 128), (System.Net.IPAddress.Parse("fc00::"), 7),
        };

        /// <summary>The fronted layer whose VIP is <paramref name="address"/>, or null.</summary>
        public static Layer? VipAt(PlatformModel platform, System.Net.IPAddress address)
            => PlatformBalancing.Of(platform).Fronted.FirstOrDefault(l => address.Equals(Addresses.Parse(l.VipAddress)));

        /// <summary>Whether <paramref name="address"/> is loopback or in a private range.</summary>
        public static bool IsInternal(System.Net.IPAddress address)
            => Internal.Any(n => Topology.Networks.Contains(n, address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address));
    }

    /// <summary>MAIL7017: HAProxy's statistics page bound on every address (0.0.0.0, ::) or on a VIP, where clients reach it.</summary>
    internal sealed class StatsOnClientAddressRule : Rule
    {
        public override RuleDescriptor Descriptor => RuleCatalog.StatsOnClientAddress;

        public override IEnumerable<Finding> Check(PlatformModel platform)
        {
            if (StatsAddresses.Of(platform) is not { } address) yield break;
            var vip = StatsAddresses.VipAt(platform, address);
            if (!Addresses.IsUnspecified(address) && vip is null) yield break;
            yield return Report(OriginKeys.Balancers.Stats.Address,
                $"The balancers' statistics page and /metrics would listen on {BalancerRules.Show(platform.Balancers!.StatsAddress)}, "
                + (vip is null ? "every address of the balancer hosts, the VIPs included" : $"the {BalancerRules.Name(vip)} VIP")
                + ", and they ask for no password: every client of the VIPs could read the hosts, their state and the traffic. "
                + "Write 127.0.0.1 (the default) or the balancer host's address on the internal network.");
        }
    }

    /// <summary>MAIL7018: HAProxy's statistics page on an address outside loopback and the private ranges.</summary>
    internal sealed class StatsOnPublicAddressRule : Rule
    {
        public override RuleDescriptor Descriptor => RuleCatalog.StatsOnPublicAddress;

        public override IEnumerable<Finding> Check(PlatformModel platform)
        {
            if (StatsAddresses.Of(platform) is not { } address || Addresses.IsUnspecified(address) || StatsAddresses.IsInternal(address)
                || StatsAddresses.VipAt(platform, address) is not null) yield break;
            yield return Report(OriginKeys.Balancers.Stats.Address,
                $"The balancers' statistics page and /metrics would listen on {BalancerRules.Show(platform.Balancers!.StatsAddress)}, which is neither loopback nor in "
                + "a private range (10/8, 172.16/12, 192.168/16, 100.64/10, fc00::/7), and they ask for no password: if that address is reachable from outside, "
                + "anyone can read the hosts, their state and the traffic. Write 127.0.0.1 (the default) or an address on the internal network, or keep this one "
                + "behind a firewall and suppress this warning.");
        }
    }
}
