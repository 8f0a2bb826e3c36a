using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Net.Sockets;
using MailDsl.Model;
using MailDsl.Targets;
using MailDsl.Text;
using MailDsl.Topology;

namespace MailDsl.Daemons.Nftables
{
    /// <summary>
    /// The firewall of a host the balancers feed with the PROXY protocol: an nftables table of its own
    /// (<c>inet maildsl_proxy</c>) that lets the balancers, and only them, reach the host's PROXY ports, and resets every
    /// other connection to them, so nobody else can claim a client address. Postfix has no list of trusted proxies
    /// (postconf(5): smtpd_upstream_proxy_protocol and postscreen_upstream_proxy_protocol take the header from whoever
    /// connects), and Dovecot's haproxy_trusted_networks and nginx's set_real_ip_from only decide whose header to believe.
    /// <para>
    /// Loopback is not let in: a connection from the host to its own address arrives on <c>lo</c> too, so that any local
    /// process could claim any client address. A balancer host that is also a backend still reaches its own PROXY ports:
    /// HAProxy sets no <c>source</c>, so it dials the host's address from the source the kernel's local route names, the
    /// address dialed itself (or, for a secondary address, its interface's primary one: seen with <c>ip route get</c>),
    /// which is a balancer's address when the description gives the host that one address in both layers (a backend host
    /// without an address is dialed by name, which must then resolve to it, not to Debian's 127.0.1.1).
    /// install.sh and the Ansible role wait for the PROXY ports by their listeners (<c>ss</c>), never dialing them.
    /// </para>
    /// <para>
    /// It is run as a service so that install.sh and the Ansible role place and remove it as they do the daemons: the
    /// ruleset file is checked (<c>nft -c -f</c>), loaded when it changes (the file replaces the whole table in one
    /// transaction), loaded again from the previous file if the install fails, and removed (<c>nft delete table</c>) if it
    /// was not there before. Under systemd, a oneshot unit of its own loads it at boot after nftables.service (whose
    /// ruleset starts with <c>flush ruleset</c>; <c>PartOf</c> restarts it with nftables, and <c>ReloadPropagatedFrom</c> loads it again when nftables is reloaded: systemd.unit(5) limits PartOf to stop and restart). Seen on Debian
    /// 12 (nft 1.0.6) and 13 (1.1.3), in each host's own network namespace; on RHEL the same table sits beside firewalld's,
    /// which must also let the PROXY ports in (reasoned: firewalld's nftables backend keeps to its own table).
    /// </para>
    /// </summary>
    public sealed class NftablesModule : DaemonModule
    {
        /// <summary>The module.</summary>
        public static NftablesModule Instance { get; } = new();

        private NftablesModule() { }

        /// <summary>The ruleset file.</summary>
        public const string RulesetPath = "/etc/maildsl/proxy-firewall.nft";

        /// <summary>The oneshot unit that loads it under systemd.</summary>
        public const string UnitPath = "/etc/systemd/system/maildsl-proxy-firewall.service";

        /// <summary>The nftables table MailDsl owns on the host.</summary>
        public const string Table = "inet maildsl_proxy";

        /// <inheritdoc/>
        public override Daemon Daemon => Daemon.Nftables;

        /// <inheritdoc/>
        public override string Name => "nftables";

        /// <inheritdoc/>
        public override bool RunsOn(HostPlan host) => host.Platform is { } platform && PlatformBalancing.Of(platform).ProxyPortsOn(host).Any();

        /// <inheritdoc/>
        public override IEnumerable<Artifact> Render(PlatformTopology topology, HostPlan host)
        {
            var balancing = PlatformBalancing.Of(topology.Platform);
            yield return new Artifact(host.Name, RulesetPath, Artifact.ReadableMode, Ruleset(host, balancing));
            yield return new Artifact(host.Name, UnitPath, Artifact.ReadableMode, Unit);
        }

        /// <summary>The ruleset: the table replaced whole, the PROXY ports open to the balancers, reset for everyone else (the host itself included).</summary>
        public static string Ruleset(HostPlan host, PlatformBalancing balancing)
        {
            var ports = balancing.ProxyPortsOn(host).Select(p => p.BackendPort).Distinct().OrderBy(p => p).ToList();
            var networks = balancing.Trusted.Select(Networks.Parse).Where(n => n is not null).Select(n => n!.Value).ToList();
            var v4 = networks.Where(n => n.Address.AddressFamily == AddressFamily.InterNetwork).Select(Text).ToList();
            var v6 = networks.Where(n => n.Address.AddressFamily == AddressFamily.InterNetworkV6).Select(Text).ToList();
            var list = "{ " + string.Join(", ", ports.Select(p => p.ToString(CultureInfo.InvariantCulture))) + " }";
            var w = new ConfigWriter("\t");
            w.Line("#!/usr/sbin/nft -f");
            w.Line("# Generated by MailDsl for " + host.Name + ": only the balancers reach the PROXY ports. Do not edit; change the platform and emit again.");
            w.Line("# The table is replaced whole, in one transaction: created if missing, deleted, written again.");
            w.Line("table " + Table);
            w.Line("delete table " + Table);
            w.Open("table " + Table + " {");
            if (v4.Count > 0) Set(w, "balancers_v4", "ipv4_addr", v4);
            if (v6.Count > 0) Set(w, "balancers_v6", "ipv6_addr", v6);
            w.Open("chain input {");
            w.Line("type filter hook input priority filter; policy accept;");
            if (v4.Count > 0) w.Line("tcp dport " + list + " ip saddr @balancers_v4 accept");
            if (v6.Count > 0) w.Line("tcp dport " + list + " ip6 saddr @balancers_v6 accept");
            w.Line("tcp dport " + list + " counter reject with tcp reset");
            w.Close();
            w.Close();
            return w.ToString();
        }

        private static void Set(ConfigWriter w, string name, string type, IReadOnlyList<string> elements)
        {
            w.Open("set " + name + " {");
            w.Line("type " + type);
            w.Line("flags interval");
            w.Line("elements = { " + string.Join(", ", elements) + " }");
            w.Close();
        }

        private static string Text((System.Net.IPAddress Address, int Prefix) network)
            => Networks.IsSingleAddress(network) ? network.Address.ToString() : network.Address + "/" + network.Prefix.ToString(CultureInfo.InvariantCulture);

        /// <summary>The oneshot unit: loads the table at boot after nftables.service, reloads it with it, removes it when stopped.</summary>
        public const string Unit = "# Generated by MailDsl: only the balancers reach this host's PROXY ports (nftables table " + Table + ").\n"
            + "[Unit]\n"
            + "Description=MailDsl: only the balancers reach the PROXY ports\n"
            + "After=nftables.service\n"
            + "PartOf=nftables.service\n"
            + "ReloadPropagatedFrom=nftables.service\n"
            + "Before=postfix.service dovecot.service nginx.service\n"
            + "\n[Service]\n"
            + "Type=oneshot\n"
            + "RemainAfterExit=yes\n"
            + "ExecStart=/usr/sbin/nft -f " + RulesetPath + "\n"
            + "ExecReload=/usr/sbin/nft -f " + RulesetPath + "\n"
            + "ExecStop=/usr/sbin/nft delete table " + Table + "\n"
            + "\n[Install]\n"
            + "WantedBy=multi-user.target\n";

        /// <inheritdoc/>
        /// <remarks>And ss (iproute2; RHEL's iproute), with which install.sh waits for the PROXY ports' listeners.</remarks>
        public override IReadOnlyList<string> Packages(TargetFacts target, HostPlan host)
            => new[] { "nftables", target.Family == DistroFamily.Rhel ? "iproute" : "iproute2" };

        /// <inheritdoc/>
        public override ServiceControl Service(TargetFacts target)
            => new("maildsl-proxy-firewall", "nft list table " + Table + " >/dev/null 2>&1", "nft -f " + RulesetPath, "nft -f " + RulesetPath, "nft delete table " + Table);

        /// <inheritdoc/>
        /// <remarks><c>nft -c</c> checks the ruleset against the kernel without loading it.</remarks>
        public override IReadOnlyList<string> Checks(TargetFacts target, HostPlan host) => new[] { "nft -c -f " + RulesetPath };

        /// <inheritdoc/>
        public override string? Validation(TargetFacts target, HostPlan host, Artifact file)
            => file.Path == RulesetPath ? "nft -c -f %s" : null;
    }
}
