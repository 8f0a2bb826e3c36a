using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using MailDsl.Layers;
using MailDsl.Model;

namespace MailDsl.Topology
{
    /// <summary>
    /// What a described LBaaS must be set to, per VIP and port: its listeners (port, TCP or terminated TLS), backends
    /// (address and port, PROXY v2 on or off), health checks (what to send and expect, over TLS and after a PROXY header
    /// where the port needs them), timeouts, and the networks the hosts trust. Read from the same <see cref="BalancerPlan"/>
    /// emitted HAProxy is rendered from; the emitted README and <c>check</c> print it.
    /// </summary>
    public sealed class LbaasRequirements
    {
        private LbaasRequirements(BalancerLayer lbaas, BalancerPlan plan)
        {
            Lbaas = lbaas;
            Plan = plan;
        }

        /// <summary>The LBaaS as described.</summary>
        public BalancerLayer Lbaas { get; }

        /// <summary>Every port of every VIP it must serve.</summary>
        public BalancerPlan Plan { get; }

        /// <summary>The networks the hosts trust with the PROXY header and let reach their PROXY ports (empty without PROXY).</summary>
        public IReadOnlyList<string> Sources => Plan.Balancing.SendsProxy ? Plan.Balancing.Trusted : new List<string>();

        /// <summary>What the LBaaS must be set to, or null when the platform describes none (no balancers, or emitted ones).</summary>
        public static LbaasRequirements? Of(PlatformModel platform)
            => platform.Balancers is { Kind: BalancerKind.Described } lbaas ? new LbaasRequirements(lbaas, BalancerPlan.Of(platform, platform.Domain)) : null;

        /// <summary>The behaviour in words, e.g. <c>TCP pass-through with the PROXY protocol v2</c>.</summary>
        public string Behaviour => Lbaas.Behaviour switch
        {
            LbaasBehaviour.PassThrough => "TCP pass-through without PROXY",
            LbaasBehaviour.PassThroughProxy => "TCP pass-through with the PROXY protocol v2",
            LbaasBehaviour.TerminateReencrypt => "terminating TLS and re-encrypting to the hosts",
            _ => "terminating TLS and forwarding in clear text",
        };

        /// <summary>How the port's connections are spread: long mail sessions by load, HTTP(S) by the client's address.</summary>
        public static string Balance(BalancedListener listener)
            => listener.Listener.Protocol is ServiceProtocol.Https or ServiceProtocol.Http ? "by source address" : "least connections";

        /// <summary>The requirements as Markdown lines: the settings every listener shares, then one table per VIP.</summary>
        public IEnumerable<string> Markdown()
        {
            var idle = Plan.IdleTimeoutMinutes.ToString(CultureInfo.InvariantCulture);
            yield return "## What the LBaaS must be set to";
            yield return "";
            yield return "The balancers are an LBaaS described as " + Behaviour + " (`LbaasBehaviour." + Lbaas.Behaviour + "`); MailDsl configured the hosts for";
            yield return "exactly that. Set it so:";
            yield return "";
            if (Sources.Count > 0)
                yield return "- **Source networks**: it connects to the hosts, health checks included, from " + string.Join(", ", Sources.Select(s => "`" + s + "`"))
                    + " only: the hosts trust these, and nothing else, to send the PROXY header, and their firewalls let only these reach the PROXY ports.";
            else
                yield return "- **Source networks**: the hosts see the LBaaS's address as every client's (no PROXY header): postscreen, rate limits, login penalties and logs cannot tell clients apart.";
            yield return "- **Timeouts**: idle " + idle + " minutes on the client side and on the server side alike (IMAP IDLE keeps a connection silent for up to 29 minutes, RFC 2177;"
                + " Dovecot asks for more than 30); connect " + BalancerPlan.ConnectTimeoutSeconds.ToString(CultureInfo.InvariantCulture) + " s.";
            yield return "- **Health checks**: every " + BalancerPlan.CheckIntervalSeconds.ToString(CultureInfo.InvariantCulture) + " s, each within "
                + BalancerPlan.CheckTimeoutSeconds.ToString(CultureInfo.InvariantCulture) + " s; a host is out after " + BalancerPlan.Fall.ToString(CultureInfo.InvariantCulture)
                + " failures in a row and back after " + BalancerPlan.Rise.ToString(CultureInfo.InvariantCulture) + " successes.";
            if (Plan.Listeners.FirstOrDefault(l => l.Leg != BalancerLeg.PassThrough) is { } terminated)
                yield return "- **Certificates**: where it terminates TLS it presents a certificate for the VIP's name, and "
                    + (terminated.Leg == BalancerLeg.Reencrypted ? "verifies each host's against `" + terminated.Check.TlsCa + "`." : "sends clear text on (MAIL7001).");
            foreach (var vip in Plan.Listeners.GroupBy(l => l.Layer))
            {
                var layer = vip.Key;
                yield return "";
                yield return "### VIP " + layer.Vip + " (" + (string.IsNullOrEmpty(layer.VipAddress) ? "address not described" : layer.VipAddress) + "): "
                    + LayerDescriptors.Of(layer).DisplayName;
                yield return "";
                yield return "| port | listener | mode | balancing | backends | PROXY v2 | health check |";
                yield return "|---|---|---|---|---|---|---|";
                foreach (var l in vip)
                    yield return "| " + l.Listener.Port.ToString(CultureInfo.InvariantCulture) + " | " + Cell(l.Listener.Name) + " | " + l.Mode + " | " + Balance(l)
                        + " | " + string.Join(", ", l.Backends.Select(b => b.Address == b.Host ? b.Endpoint : b.Host + " " + b.Endpoint)) + " | " + (l.Port.Proxy ? (l.Check.Proxy ? "on, health check too" : "on, not on the health check") : "off")
                        + " | " + Cell(l.Check.Describe()) + " |";
            }
        }

        private static string Cell(string text) => text.Replace("|", "\\|");
    }
}
