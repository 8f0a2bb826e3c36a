using System;
using System.Collections.Generic;
using System.Linq;
using MailDsl.Daemons.Nginx;
using MailDsl.Daemons.Postfix;
using MailDsl.Daemons.Sogo;
using MailDsl.Layers;
using MailDsl.Model;
using MailDsl.Targets;
using MailDsl.Tls;
using MailDsl.Tls.Catalog;
using MailDsl.Topology;

namespace MailDsl.Probing
{
    /// <summary>A TLS 1.2 suite a port must offer, with the certificate type it needs (a server offers only the suites its key can sign for).</summary>
    /// <param name="Name">OpenSSL's name, e.g. <c>ECDHE-RSA-AES128-GCM-SHA256</c>.</param>
    /// <param name="Authentication">The certificate type the suite authenticates with.</param>
    public sealed record ExpectedSuite(string Name, Authentication Authentication);

    /// <summary>What the webmail's plain-HTTP port must answer: a permanent redirect to the same name and path over HTTPS.</summary>
    /// <param name="Status">The status nginx is written to answer with (<see cref="NginxSiteRenderer.HttpRedirectStatus"/>); 308, the other permanent redirect, is taken too.</param>
    /// <param name="HttpsPort">The HTTPS port the redirect names (none in the URL when 443).</param>
    public sealed record ExpectedRedirect(int Status, int HttpsPort)
    {
        /// <summary>Whether <paramref name="status"/> is a permanent redirect this port may answer with.</summary>
        public bool Accepts(int status) => status == Status || status is 301 or 308;

        /// <summary>The URL a request for <paramref name="pathAndQuery"/> to <paramref name="host"/> must be sent to.</summary>
        public string Location(string host, string pathAndQuery) => "https://" + host + (HttpsPort == 443 ? "" : ":" + HttpsPort) + pathAndQuery;
    }

    /// <summary>What the webmail's HTTPS port must answer for SOGo's login page: the page itself, with the HSTS header nginx adds.</summary>
    /// <param name="Path">Where the login page is (<see cref="SogoModule.LoginPagePath"/>).</param>
    /// <param name="Marker">What marks SOGo's own page in the body (<see cref="SogoModule.LoginPageMarker"/>).</param>
    /// <param name="StrictTransportSecurity">The header's value (<see cref="NginxSiteRenderer.StrictTransportSecurity"/>), or null when it must be absent.</param>
    public sealed record ExpectedWebmailPage(string Path, string Marker, string? StrictTransportSecurity);

    /// <summary>
    /// One endpoint the description says exists (a host's port, or a VIP's), and what must be found there: read from the
    /// same topology, TLS engine and renderers that wrote the daemons' files, so what <c>probe</c> expects is what
    /// <c>emit</c> configured.
    /// </summary>
    /// <param name="Host">The name dialled: a host, or a VIP.</param>
    /// <param name="Layer">The layer's key (<see cref="LayerDescriptor.Key"/>).</param>
    /// <param name="Listener">The listener's name, e.g. <c>imaps</c>.</param>
    /// <param name="Protocol">What it speaks.</param>
    /// <param name="Port">The TCP port.</param>
    /// <param name="Security">Plain, STARTTLS or TLS from the first byte.</param>
    /// <param name="IsVip">Whether <paramref name="Host"/> is the layer's VIP.</param>
    public sealed record ProbeEndpoint(string Host, string Layer, string Listener, ServiceProtocol Protocol, int Port, ListenerSecurity Security, bool IsVip)
    {
        /// <summary>The protocol versions the daemon accepts, oldest first.</summary>
        public IReadOnlyList<TlsVersion> Protocols { get; init; } = Array.Empty<TlsVersion>();

        /// <summary>The TLS 1.2 suites a server negotiates of the cipher string, in the server's order (empty without TLS 1.2).</summary>
        public IReadOnlyList<ExpectedSuite> Tls12Suites { get; init; } = Array.Empty<ExpectedSuite>();

        /// <summary>The key-exchange groups the daemon accepts (the names of the target's OpenSSL catalogue).</summary>
        public IReadOnlyList<string> Groups { get; init; } = Array.Empty<string>();

        /// <summary>The OpenSSL of the target, whose group catalogue names <see cref="Groups"/>.</summary>
        public SoftwareVersion OpenSsl { get; init; } = TargetTable.Debian12.OpenSsl;

        /// <summary>The names the certificate served here must cover: the host's name and the VIPs of its layers.</summary>
        public IReadOnlyList<string> CertificateNames { get; init; } = Array.Empty<string>();

        /// <summary>The redirect a plain-HTTP webmail port must answer with, or null for every other port.</summary>
        public ExpectedRedirect? Redirect { get; init; }

        /// <summary>SOGo's login page and HSTS a webmail HTTPS port must answer with, or null for every other port.</summary>
        public ExpectedWebmailPage? WebmailPage { get; init; }

        /// <summary>Whether the cleartext greeting must offer no login before STARTTLS (Postfix <c>smtpd_tls_auth_only</c>, Dovecot <c>disable_plaintext_auth</c>).</summary>
        public bool RefusesAuthBeforeTls => Security == ListenerSecurity.StartTls;

        /// <summary>Whether the endpoint speaks TLS at all (from the first byte or after STARTTLS).</summary>
        public bool UsesTls => Security != ListenerSecurity.Plain;

        /// <summary>The application protocol whose STARTTLS dialogue comes before the handshake (as <c>openssl s_client -starttls</c> names it), or null for implicit TLS and plain ports.</summary>
        public string? StartTlsProtocol => Security != ListenerSecurity.StartTls ? null : Protocol switch
        {
            ServiceProtocol.Smtp or ServiceProtocol.Submission => "smtp",
            ServiceProtocol.Imap => "imap",
            ServiceProtocol.Pop3 => "pop3",
            ServiceProtocol.ManageSieve => "sieve",
            _ => null,
        };

        /// <summary>How the table names the endpoint: <c>host:port</c>.</summary>
        public string Where => Host + ":" + Port;
    }

    /// <summary>Every endpoint of a platform <c>probe</c> connects to, with what the description implies for each.</summary>
    public static class ProbePlan
    {
        /// <summary>How many days a served certificate must still be valid for; fewer is reported, as Mail-in-a-Box's status checks do.</summary>
        public const int MinimumDaysLeft = 14;

        /// <summary>
        /// The endpoints of <paramref name="platform"/>: every listener of every host (sogod's loopback port excepted: only
        /// nginx on the same host reaches it), then each VIP's, ordered by host and port. <paramref name="hosts"/> and
        /// <paramref name="layers"/> (command-line layer names) keep only those, when not empty.
        /// </summary>
        /// <param name="platform">The platform.</param>
        /// <param name="hosts">Hosts to keep, or empty for all.</param>
        /// <param name="layers">Layers to keep (their <see cref="LayerDescriptor.CommandLineName"/>), or empty for all.</param>
        public static IReadOnlyList<ProbeEndpoint> Of(PlatformModel platform, IReadOnlyCollection<string>? hosts = null, IReadOnlyCollection<string>? layers = null)
        {
            var topology = PlatformTopology.Of(platform);
            var endpoints = new List<ProbeEndpoint>();
            bool LayerWanted(Layer layer) => layers is null || layers.Count == 0 || layers.Contains(LayerDescriptors.Of(layer).CommandLineName);
            foreach (var host in topology.Hosts)
            {
                if (hosts is { Count: > 0 } && !hosts.Contains(host.Name)) continue;
                var names = new[] { host.Name }.Concat(host.Layers.Select(l => l.Vip).Where(v => !string.IsNullOrEmpty(v)).Select(v => v!)).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
                var ports = new HashSet<int>();
                foreach (var layer in host.Layers.Where(LayerWanted))
                    foreach (var listener in layer.Listeners)
                        if (listener.Protocol != ServiceProtocol.Sogo && ports.Add(listener.Port))
                            endpoints.Add(Endpoint(topology, host.Name, layer, TlsLayer(host, layer, listener), listener, false, names));
            }
            foreach (var layer in topology.Layers.Where(LayerWanted))
            {
                if (string.IsNullOrEmpty(layer.Vip) || hosts is { Count: > 0 } && !hosts.Contains(layer.Vip!)) continue;
                var first = topology.Hosts.FirstOrDefault(h => h.Layers.Contains(layer));
                var ports = new HashSet<int>();
                foreach (var listener in layer.Listeners)
                    if (listener.Protocol != ServiceProtocol.Sogo && ports.Add(listener.Port))
                        endpoints.Add(Endpoint(topology, layer.Vip!, layer, first is null ? layer : TlsLayer(first, layer, listener), listener, true, new[] { layer.Vip! }));
            }
            return endpoints.OrderBy(e => e.IsVip).ThenBy(e => e.Host, StringComparer.Ordinal).ThenBy(e => e.Port).ToList();
        }

        /// <summary>The layer whose TLS the daemon behind <paramref name="listener"/> serves: Postfix has one policy per host (<see cref="PostfixRenderer.TlsLayer"/>).</summary>
        private static Layer TlsLayer(HostPlan host, Layer layer, Listener listener)
            => listener.Protocol is ServiceProtocol.Smtp or ServiceProtocol.Submission && host.RunsPostfix ? PostfixRenderer.TlsLayer(host) : layer;

        private static ProbeEndpoint Endpoint(PlatformTopology topology, string host, Layer layer, Layer tlsLayer, Listener listener, bool vip, IReadOnlyList<string> names)
        {
            var endpoint = new ProbeEndpoint(host, layer.Key, listener.Name, listener.Protocol, listener.Port, listener.Security, vip);
            if (layer is WebmailLayer webmail)
            {
                // nginx's two servers (NginxSiteRenderer): HTTP only redirects to HTTPS, HTTPS proxies SOGo and adds HSTS.
                if (listener.Protocol == ServiceProtocol.Http && webmail.Listeners.FirstOrDefault(l => l.Protocol == ServiceProtocol.Https) is { } https)
                    endpoint = endpoint with { Redirect = new ExpectedRedirect(NginxSiteRenderer.HttpRedirectStatus, https.Port) };
                if (listener.Protocol == ServiceProtocol.Https)
                    endpoint = endpoint with { WebmailPage = new ExpectedWebmailPage(SogoModule.LoginPagePath, SogoModule.LoginPageMarker, NginxSiteRenderer.StrictTransportSecurity(webmail)) };
            }
            if (listener.Security == ListenerSecurity.Plain) return endpoint;
            var tls = topology.TlsOf(tlsLayer);
            var protocols = tls.Protocols.Where(p => p >= TlsVersion.Tls10).Distinct().OrderBy(p => p).ToList();
            var suites = new List<ExpectedSuite>();
            if (protocols.Contains(TlsVersion.Tls12) && tls.ReadCiphers() is { IsValid: true } read)
            {
                var negotiated = new HashSet<string>(read.SupportedListing()!, StringComparer.Ordinal);
                foreach (var s in read.Suites)
                    if (negotiated.Contains(s.Suite.Name) && s.Suite.MinProtocol <= CipherProtocol.Tls12) suites.Add(new ExpectedSuite(s.Suite.Name, s.Suite.Authentication));
            }
            var catalog = GroupCatalog.For(tls.OpenSsl);
            return endpoint with
            {
                Protocols = protocols,
                Tls12Suites = suites,
                Groups = tls.Groups.Select(g => catalog.Find(g)?.Name ?? g).Distinct(StringComparer.Ordinal).ToList(),
                OpenSsl = tls.OpenSsl,
                CertificateNames = names,
            };
        }
    }
}
