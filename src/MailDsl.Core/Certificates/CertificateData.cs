using System;
using System.Collections.Generic;
using System.Linq;
using MailDsl.Install;
using MailDsl.Model;
using MailDsl.Text;
using MailDsl.Tls.Catalog;
using MailDsl.Topology;

namespace MailDsl.Certificates
{
    /// <summary>
    /// A host's certificates as the bash data <c>install-certificates.sh</c> reads (<c>cert_file</c>, <c>cert_names</c>, ...):
    /// written into install.sh, into the renewal hooks and into the script <c>check --certs</c> runs, from one place.
    /// </summary>
    public static class CertificateData
    {
        /// <summary>Writes the <c>cert_*</c> arrays and <c>ca_file</c> of <paramref name="host"/>.</summary>
        public static void Write(ConfigWriter w, PlatformTopology topology, HostPlan host)
        {
            var certificates = HostCertificates.On(topology.Platform, host);
            w.Line("# The certificates this host presents: each chain and key (and a second key type's), the names it must cover (one a");
            w.Line("# line), the daemons that present it, the key types the profile's TLS 1.2 suites can use, and what renews it.");
            w.Line("cert_file=(" + Words(certificates.Select(c => c.Paths.CertificateFile)) + ")");
            w.Line("cert_key=(" + Words(certificates.Select(c => c.Paths.KeyFile)) + ")");
            w.Line("cert_alt_file=(" + Words(certificates.Select(c => c.Paths.Alternative?.CertificateFile ?? "")) + ")");
            w.Line("cert_alt_key=(" + Words(certificates.Select(c => c.Paths.Alternative?.KeyFile ?? "")) + ")");
            w.Line("cert_names=(" + Words(certificates.Select(c => string.Join("\n", c.Names))) + ")");
            w.Line("cert_daemons=(" + Words(certificates.Select(c => string.Join(" ", c.Daemons.Select(d => d.ToString().ToLowerInvariant())))) + ")");
            w.Line("cert_key_types=(" + Words(certificates.Select(c => string.Join(" ", KeyTypes(topology, c)))) + ")");
            w.Line("cert_renewal=(" + Words(certificates.Select(c => c.Paths.Renewal is { } r ? ClientWord(r.Client) + " " + r.Name : "")) + ")");
            // The MX names whose TLSA records this host's keys must match (the Postfix of an MX host, when DANE is published).
            var dane = topology.Platform.Dns is { Tlsa: true } && host.Layer<SmtpInLayer>() is not null;
            w.Line("cert_tlsa=(" + Words(certificates.Select(c => dane && c.Daemons.Contains(Daemon.Postfix) ? string.Join("\n", Dns.MtaSts.MxNames(topology.Platform)) : "")) + ")");
            w.Line("tlsa_selector=" + (topology.Platform.Dns?.TlsaSelector == TlsaSelector.FullCertificate ? "0" : "1"));
            w.Line("# The CA the platform's own certificates are verified against (empty: each host's system trust store).");
            w.Line("ca_file=" + InstallScriptRenderer.ShellWord(topology.Platform.CertificateAuthority ?? ""));
        }

        /// <summary>The packages the host's certificates need: certbot where it renews one (acme.sh is not packaged by the distros).</summary>
        public static IEnumerable<string> Packages(PlatformModel platform, HostPlan host)
            => HostCertificates.On(platform, host).Any(c => c.Paths.Renewal?.Client == RenewalClient.Certbot) ? new[] { "certbot" } : Array.Empty<string>();

        /// <summary>How install-certificates.sh names a renewal client: <c>certbot</c> or <c>acme.sh</c>.</summary>
        public static string ClientWord(RenewalClient client) => client == RenewalClient.Certbot ? "certbot" : "acme.sh";

        /// <summary>
        /// The key types (<c>rsa</c>, <c>ec</c>) a certificate's key may have: those every layer presenting it authenticates
        /// with in its TLS 1.2 suites (a layer without TLS 1.2 takes either, TLS 1.3 signing with any key).
        /// </summary>
        public static IReadOnlyList<string> KeyTypes(PlatformTopology topology, HostCertificate certificate)
        {
            IEnumerable<string> allowed = new[] { "rsa", "ec" };
            foreach (var layer in certificate.Layers)
            {
                var tls = topology.TlsOf(layer);
                if (!tls.Protocols.Contains(TlsVersion.Tls12)) continue;
                var suites = tls.ReadCiphers();
                if (!suites.IsValid) continue;
                var auth = suites.Suites.Select(s => s.Suite.Authentication).Aggregate((Authentication)0, (a, b) => a | b);
                var types = new List<string>();
                if ((auth & Authentication.Rsa) != 0) types.Add("rsa");
                if ((auth & Authentication.Ecdsa) != 0) types.Add("ec");
                allowed = allowed.Intersect(types).ToList();
            }
            return allowed.ToList();
        }

        private static string Words(IEnumerable<string> values) => InstallScriptRenderer.Words(values);
    }
}

namespace MailDsl.Certificates
{
    /// <summary>
    /// The bash program <c>check --certs</c> runs for one host: the host's certificate data and install-certificates.sh, the
    /// same checks install.sh runs before anything changes, over the files under a root folder given as its first argument.
    /// </summary>
    public static class CertificateCheck
    {
        /// <summary>The program for <paramref name="host"/>: run it as <c>bash -c PROGRAM bash ROOT</c> (ROOT empty for /).</summary>
        public static string Program(PlatformTopology topology, HostPlan host)
        {
            var w = new ConfigWriter("  ");
            w.Line("set -uo pipefail");
            CertificateData.Write(w, topology, host);
            return w + InstallScriptEngine.Certificates + "\ncertificate_report \"${1:-}\"\n";
        }
    }
}
