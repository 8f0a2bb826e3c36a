using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using MailDsl.Daemons.Haproxy;
using MailDsl.Layers;
using MailDsl.Model;

namespace MailDsl.Topology
{
    /// <summary>What a balancer does with the TLS of one VIP port on its way to the hosts.</summary>
    public enum BalancerLeg
    {
        /// <summary>TCP passed through untouched: TLS (or STARTTLS) is between the client and the host.</summary>
        PassThrough,
        /// <summary>TLS terminated at the balancer and opened again to the host, verified against the platform's CA.</summary>
        Reencrypted,
        /// <summary>TLS terminated at the balancer and forwarded in clear text (MAIL7001 refuses it).</summary>
        Clear,
    }

    /// <summary>What a health check does, step by step.</summary>
    public enum HealthCheckAction
    {
        /// <summary>Wait for the backend's answer to start with the text.</summary>
        ExpectStart,
        /// <summary>Wait for the backend's answer to hold the text.</summary>
        ExpectContains,
        /// <summary>Send the text (CR LF included where the protocol ends a line).</summary>
        Send,
    }

    /// <summary>One step of a health check's exchange; <paramref name="Text"/> is the bytes as sent or expected (a real CR LF).</summary>
    /// <param name="Action">Send or expect.</param>
    /// <param name="Text">The text.</param>
    public sealed record HealthCheckStep(HealthCheckAction Action, string Text)
    {
        /// <summary>The step in words, control characters shown as <c>\r\n</c>: <c>expect "* OK"</c>, <c>send "a LOGOUT\r\n"</c>.</summary>
        public string Describe()
        {
            var shown = "\"" + Text.Replace("\r", "\\r").Replace("\n", "\\n") + "\"";
            return Action switch
            {
                HealthCheckAction.ExpectStart => "expect a reply starting " + shown,
                HealthCheckAction.ExpectContains => "expect " + shown,
                _ => "send " + shown,
            };
        }
    }

    /// <summary>
    /// The health check of one VIP port on each backend: a TCP exchange (<see cref="Steps"/>, none meaning a bare connect) or
    /// an HTTP request (<see cref="HttpPath"/> not null), inside TLS where the backend port is TLS (verified against
    /// <see cref="TlsCa"/>, asking for <see cref="Sni"/>), after a PROXY v2 header where the port expects one.
    /// </summary>
    /// <param name="Steps">The TCP exchange, in order.</param>
    /// <param name="HttpPath">The path of an HTTP check's GET, or null for a TCP check.</param>
    /// <param name="HttpHost">The Host header of an HTTP check.</param>
    /// <param name="HttpStatus">The status an HTTP check expects.</param>
    /// <param name="OverTls">Whether the check opens TLS first.</param>
    /// <param name="Sni">The name asked for in TLS (the VIP's).</param>
    /// <param name="TlsCa">The CA the backend's certificate is verified against (<c>@system-ca</c>: the system's).</param>
    /// <param name="Proxy">Whether the check sends a PROXY v2 header first.</param>
    public sealed record HealthCheckPlan(IReadOnlyList<HealthCheckStep> Steps, string? HttpPath, string HttpHost, int HttpStatus, bool OverTls, string Sni, string TlsCa, bool Proxy)
    {
        /// <summary>The host's port the check dials instead of the traffic's (without PROXY), or null for the same port.</summary>
        public int? Port { get; init; }

        /// <summary>The check in words: how it connects, then what it sends and expects.</summary>
        public string Describe()
        {
            var how = new List<string>();
            if (Port is { } port) how.Add("port " + port.ToString(CultureInfo.InvariantCulture) + " (the listener without PROXY)");
            if (Proxy) how.Add("a PROXY v2 header first");
            if (OverTls) how.Add("TLS (SNI " + Sni + ", certificate verified against " + TlsCa + ")");
            var opening = how.Count == 0 ? "" : "over " + string.Join(", then ", how) + ": ";
            if (HttpPath is not null)
                return opening + "GET " + HttpPath + " HTTP/1.1 with Host: " + HttpHost + ", expect status " + HttpStatus.ToString(CultureInfo.InvariantCulture);
            return opening + (Steps.Count == 0 ? "the connection opens" : string.Join(", then ", Steps.Select(s => s.Describe())));
        }
    }

    /// <summary>A backend of a VIP port: the host, what the balancer dials, and the port.</summary>
    /// <param name="Host">The host's name.</param>
    /// <param name="Address">Its address as described, else its name.</param>
    /// <param name="Port">The port the balancer dials (the PROXY port where PROXY is sent).</param>
    public sealed record BalancerBackend(string Host, string Address, int Port)
    {
        /// <summary><c>address:port</c>, an IPv6 address in brackets.</summary>
        public string Endpoint => (Address.Contains(":") ? "[" + Address + "]" : Address) + ":" + Port.ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>One port of one VIP as the balancers must serve it: how the TLS is carried, whether PROXY v2 is sent, the backends and their check.</summary>
    /// <param name="Port">The VIP's port and the layer behind it.</param>
    /// <param name="Leg">What happens to the client's TLS.</param>
    /// <param name="Backends">Every host of the layer.</param>
    /// <param name="Check">The health check of each backend.</param>
    public sealed record BalancedListener(BalancedPort Port, BalancerLeg Leg, IReadOnlyList<BalancerBackend> Backends, HealthCheckPlan Check)
    {
        /// <summary>The layer behind the VIP.</summary>
        public Layer Layer => Port.Layer;

        /// <summary>The layer's listener the VIP port serves.</summary>
        public Listener Listener => Port.Listener;

        /// <summary>Whether the balancer speaks HTTP on the port (it terminates HTTPS there); else it relays TCP.</summary>
        public bool Http => Leg != BalancerLeg.PassThrough && Listener.Protocol == ServiceProtocol.Https;

        /// <summary>The listener's mode in words: <c>TCP</c>, or <c>HTTPS</c>/<c>TLS</c> terminated and how it goes on.</summary>
        public string Mode => Leg switch
        {
            BalancerLeg.PassThrough => "TCP",
            _ => (Listener.Protocol == ServiceProtocol.Https ? "HTTPS" : "TLS") + " terminated with the platform's certificate, "
                + (Leg == BalancerLeg.Reencrypted ? "re-encrypted to the host" : "clear text to the host"),
        };

        /// <summary>What the leg from the balancer to the host carries, in words (the README's hop table and picture).</summary>
        public string Carries
        {
            get
            {
                var tls = Leg switch
                {
                    BalancerLeg.Reencrypted => "TLS terminated, re-encrypted (verified against " + Check.TlsCa + ")",
                    BalancerLeg.Clear => "TLS terminated, clear text",
                    _ => Listener.Security switch
                    {
                        ListenerSecurity.ImplicitTls => "TCP pass-through (TLS end to end)",
                        ListenerSecurity.StartTls => "TCP pass-through (STARTTLS end to end)",
                        _ => "TCP pass-through",
                    },
                };
                return Port.Proxy ? tls + " + PROXY v2" : tls;
            }
        }

        /// <summary>Where the client's address survives: in the PROXY header, or lost at the balancer.</summary>
        public string ClientAddress => Port.Proxy ? "kept: PROXY v2, read by the host" : "lost: the host sees the balancer's address";
    }

    /// <summary>
    /// What the balancers must do, port by port of every VIP, computed once from the description: emitted balancers render
    /// it into haproxy.cfg (<see cref="HaproxyConfigRenderer"/>), and for a described LBaaS the emitted README and
    /// <c>check</c> print it (<see cref="LbaasRequirements"/>), so what the LBaaS is told is what MailDsl's own HAProxy does.
    /// </summary>
    public sealed class BalancerPlan
    {
        /// <summary>How long a balancer waits for a backend's TCP connection, seconds.</summary>
        public const int ConnectTimeoutSeconds = 5;

        /// <summary>How long a health check may take, seconds.</summary>
        public const int CheckTimeoutSeconds = 5;

        /// <summary>Seconds between two health checks of a backend.</summary>
        public const int CheckIntervalSeconds = 3;

        /// <summary>Failed checks in a row that take a backend out.</summary>
        public const int Fall = 2;

        /// <summary>Good checks in a row that bring it back.</summary>
        public const int Rise = 2;

        private BalancerPlan(PlatformBalancing balancing, IReadOnlyList<BalancedListener> listeners)
        {
            Balancing = balancing;
            Listeners = listeners;
        }

        /// <summary>The balancing this plan carries out.</summary>
        public PlatformBalancing Balancing { get; }

        /// <summary>Every port of every VIP, layer by layer in platform order.</summary>
        public IReadOnlyList<BalancedListener> Listeners { get; }

        /// <summary>How long a connection may be idle on either leg, minutes (client and server side alike).</summary>
        public int IdleTimeoutMinutes => Balancing.Balancers?.IdleTimeoutMinutes ?? 31;

        // Whether the balancers reach a layer's plain listeners at the address they dial for its hosts: the listeners bind
        // every address, or the one the balancers dial.
        private static bool PlainReachable(Layer layer)
            => Addresses.BindsEvery(layer.ListenAddress)
                || layer.Hosts.All(h => PlatformBalancing.BackendAddress(layer, h) == layer.ListenAddress);

        /// <summary>
        /// The plan of <paramref name="platform"/>'s balancers; <paramref name="helo"/> is the name a check's EHLO gives (an
        /// emitted balancer host's own). Empty without balancers.
        /// </summary>
        public static BalancerPlan Of(PlatformModel platform, string helo)
        {
            var balancing = PlatformBalancing.Of(platform);
            var balancers = balancing.Balancers;
            var listeners = new List<BalancedListener>();
            if (balancers is not null)
                foreach (var layer in balancing.Fronted)
                    foreach (var port in balancing.PortsOf(layer))
                    {
                        var listener = port.Listener;
                        var leg = Leg(balancers, listener);
                        var tls = listener.Security == ListenerSecurity.ImplicitTls && leg != BalancerLeg.Clear;
                        var expect = balancers.Checks.LastOrDefault(c => c is not null && c.Layer == layer.Key && c.Listener == listener.Name)?.Expect;
                        var postscreen = layer is SmtpInLayer && listener.Protocol == ServiceProtocol.Smtp;
                        var check = HealthChecks.Plan(listener, expect, postscreen, helo, layer.Vip!)
                            with { OverTls = tls, Sni = layer.Vip!, TlsCa = platform.CertificateAuthority ?? "@system-ca", Proxy = port.Proxy };
                        // Postfix's smtpd behind a PROXY port dies (fatal in smtpd_peer_hostaddr_to_sockaddr) on a connection whose
                        // client left before it was accepted, and master then throttles the service for a minute: a check that
                        // gives up on a slow start leaves such connections queued every few seconds, so the service never comes
                        // back (seen in FailoverTests). Its checks go to the plain listener beside it, the same smtpd without PROXY.
                        if (port.Proxy && !postscreen && listener.Protocol is ServiceProtocol.Smtp or ServiceProtocol.Submission && PlainReachable(layer))
                            check = check with { Proxy = false, Port = listener.Port };
                        var backends = layer.Hosts.Where(h => !string.IsNullOrEmpty(h)).Distinct()
                            .Select(h => new BalancerBackend(h, PlatformBalancing.BackendAddress(layer, h), port.BackendPort)).ToList();
                        listeners.Add(new BalancedListener(port, leg, backends, check));
                    }
            return new BalancerPlan(balancing, listeners);
        }

        // Emitted balancers terminate HTTPS only when told to; an LBaaS terminates what it is described as terminating, on
        // the ports that are TLS from the first byte (a STARTTLS port cannot be terminated: MAIL7005).
        private static BalancerLeg Leg(BalancerLayer balancers, Listener listener)
        {
            if (balancers.Kind == BalancerKind.Emitted)
                return listener.Protocol == ServiceProtocol.Https && balancers.Https == HttpsBalancing.Terminate ? BalancerLeg.Reencrypted : BalancerLeg.PassThrough;
            if (listener.Security != ListenerSecurity.ImplicitTls) return BalancerLeg.PassThrough;
            return balancers.Behaviour switch
            {
                LbaasBehaviour.TerminateReencrypt => BalancerLeg.Reencrypted,
                LbaasBehaviour.TerminateClear => BalancerLeg.Clear,
                _ => BalancerLeg.PassThrough,
            };
        }
    }
}
