using System;
using System.Collections.Generic;
using System.Linq;
using MailDsl.Directories;
using MailDsl.Layers;
using MailDsl.Model;
using MailDsl.Topology;

namespace MailDsl.Certificates
{
    /// <summary>
    /// One certificate as a host uses it: its files, the daemons that present it (and so are reloaded when it is renewed),
    /// and every name a client or another layer reaches those daemons by, which it must cover.
    /// </summary>
    /// <param name="Paths">The certificate's files (with its alternative key type and renewal, if any).</param>
    /// <param name="Daemons">The daemons on the host that present it, in <see cref="Daemon"/> order.</param>
    /// <param name="Names">The names it must cover on this host: the host's, its layers' VIPs, the names other layers dial, mta-sts.&lt;domain&gt;.</param>
    /// <param name="Layers">The layers of the host whose services present it.</param>
    public sealed record HostCertificate(CertificatePaths Paths, IReadOnlyList<Daemon> Daemons, IReadOnlyList<string> Names, IReadOnlyList<Layer> Layers);

    /// <summary>
    /// Which certificate each daemon of a host presents, and what it must cover: shared by the renderers (which paths go in
    /// each daemon's files), install.sh and <c>check --certs</c> (what is checked), the renewal hooks (what is reloaded) and
    /// the DNS records (whose keys are published).
    /// </summary>
    public static class HostCertificates
    {
        /// <summary>The certificate <paramref name="layer"/>'s services present: its own, else the platform's.</summary>
        public static CertificatePaths? Of(PlatformModel platform, Layer layer) => layer.Certificate ?? platform.Certificate;

        /// <summary>
        /// The layer whose certificate <paramref name="daemon"/> presents on <paramref name="host"/>: nginx the webmail's,
        /// Dovecot the mailstore's (a relay's Dovecot serves only authentication, without TLS), Postfix the first of its
        /// layers (SMTP-in, SMTP-out, mailstore: one <c>smtpd_tls_*</c> for all of main.cf), HAProxy on a balancer host the
        /// webmail's where it terminates HTTPS for the webmail's VIP; null when the host does not run it (or presents none).
        /// </summary>
        public static Layer? LayerOf(HostPlan host, Daemon daemon) => daemon switch
        {
            Daemon.Nginx => host.Layer<WebmailLayer>(),
            Daemon.Haproxy => host.Layer<BalancerLayer>() is not null && host.Platform is { Balancers.Https: HttpsBalancing.Terminate, Webmail: { } webmail } ? webmail : null,
            Daemon.Dovecot => host.Layer<MailstoreLayer>(),
            Daemon.Postfix => host.Layers.FirstOrDefault(l => LayerDescriptors.Of(l).Daemons.Contains(Daemon.Postfix)),
            _ => null,
        };

        /// <summary>The certificate <paramref name="daemon"/> presents on <paramref name="host"/>, or null.</summary>
        public static CertificatePaths? For(PlatformModel platform, HostPlan host, Daemon daemon)
            => LayerOf(host, daemon) is { } layer ? Of(platform, layer) : null;

        /// <summary>Every certificate <paramref name="host"/> presents, each once, with its daemons and the names it must cover.</summary>
        public static IReadOnlyList<HostCertificate> On(PlatformModel platform, HostPlan host)
        {
            var daemons = new[] { Daemon.Postfix, Daemon.Dovecot, Daemon.Nginx, Daemon.Haproxy };
            var uses = daemons
                .Select(d => (Daemon: d, Layer: LayerOf(host, d)))
                .Where(x => x.Layer is not null && Of(platform, x.Layer) is not null)
                .Select(x => (x.Daemon, Layer: x.Layer!, Paths: Of(platform, x.Layer!)!))
                .ToList();
            // Postfix and Dovecot on a host of several layers serve every one of them, whichever layer's certificate they present.
            return uses.GroupBy(u => u.Paths)
                .Select(g =>
                {
                    var layers = g.SelectMany(u => ServedLayers(host, u.Daemon, u.Layer)).Distinct().ToList();
                    // HAProxy presents the webmail's certificate for its VIP only: no client dials a balancer host by its name.
                    var byHostName = g.Any(u => u.Daemon != Daemon.Haproxy);
                    return new HostCertificate(g.Key, g.Select(u => u.Daemon).ToList(), NamesOf(platform, host, layers, byHostName), layers);
                })
                .ToList();
        }

        /// <summary>Every certificate of the platform (the platform's and each layer's), each once, in the order described.</summary>
        public static IReadOnlyList<CertificatePaths> All(PlatformModel platform)
            => new[] { platform.Certificate }.Concat(Layers.PlatformLayers.Of(platform).Select(l => l.Certificate))
                .OfType<CertificatePaths>().Distinct().ToList();

        /// <summary>The name a mail domain's MTA-STS policy is served under (RFC 8461 section 3.3): <c>mta-sts.&lt;domain&gt;</c>.</summary>
        public static string MtaStsName(string domain) => "mta-sts." + domain;

        /// <summary>The platform's mail domains: the one it was created with, then the others.</summary>
        public static IReadOnlyList<string> MailDomains(PlatformModel platform)
            => new[] { platform.Domain }.Concat(platform.MailDomains).Where(d => !string.IsNullOrEmpty(d)).Distinct(StringComparer.OrdinalIgnoreCase).ToList();

        // The layers a daemon serves on a host: nginx the webmail; Postfix and Dovecot every non-webmail layer they run for.
        private static IEnumerable<Layer> ServedLayers(HostPlan host, Daemon daemon, Layer layer) => daemon switch
        {
            Daemon.Nginx or Daemon.Haproxy => new[] { layer },
            _ => host.Layers.Where(l => l is not WebmailLayer),
        };

        private static IReadOnlyList<string> NamesOf(PlatformModel platform, HostPlan host, IReadOnlyList<Layer> layers, bool byHostName)
        {
            var names = new List<string>();
            if (byHostName) names.Add(host.Name);
            names.AddRange(layers.Select(l => l.Vip).OfType<string>());
            // What other layers dial: SOGo's IMAP, SMTP and ManageSieve URLs, the MX's and relay's next hops.
            foreach (var hop in PlatformHops.Of(platform))
                if (layers.Any(l => l.Key == hop.To.Key) && !PlatformDirectory.IsLocal(hop.Dials) && !IsAddress(hop.Dials))
                    names.Add(hop.Dials);
            if (platform.Dns?.MtaSts is not null && layers.Any(l => l is WebmailLayer))
                names.AddRange(MailDomains(platform).Select(MtaStsName));
            return names.Where(n => !string.IsNullOrEmpty(n)).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        }

        private static bool IsAddress(string name) => System.Net.IPAddress.TryParse(name.Trim('[', ']'), out _);
    }
}
