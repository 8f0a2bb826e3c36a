using System;
using System.Collections.Generic;
using System.Linq;
using MailDsl.Fleet;
using MailDsl.Install;
using MailDsl.Model;
using MailDsl.Topology;

namespace MailDsl.Render
{
    /// <summary>Turns a platform into every file every host needs, in a deterministic order.</summary>
    public static class PlatformRenderer
    {
        /// <summary>All artifacts, ordered by host then path (ordinal); fleet files have host "".</summary>
        /// <param name="platform">The platform; it should have passed the rules (renderers trust its values).</param>
        public static IReadOnlyList<Artifact> Render(PlatformModel platform) => Render(platform, null);

        /// <summary>
        /// All artifacts, the DNS records' TLSA values computed from the certificate files <paramref name="readFile"/> can
        /// read (by their paths on the hosts; null when not readable where emit runs): what <c>emit</c> writes.
        /// </summary>
        /// <param name="platform">The platform; it should have passed the rules.</param>
        /// <param name="readFile">Reads a file where emit runs, or null when it cannot.</param>
        public static IReadOnlyList<Artifact> Render(PlatformModel platform, Func<string, string?>? readFile)
            => Plan(platform, readFile).Select(f => f.Text is null ? f.Artifact : f.Artifact with { Content = f.Text() }).ToList();

        /// <summary>
        /// Which files <see cref="Render(PlatformModel)"/> writes, as (host, path), in its order, without writing the text of install.sh,
        /// the host manifests and the fleet files (most of rendering's cost): what the generator shows in the IDE on every
        /// build. The daemons' own files are rendered, since which files a daemon gets depends on its settings.
        /// </summary>
        /// <param name="platform">The platform; it should have passed the rules.</param>
        /// <param name="hosts">
        /// The hosts whose files to list (and the fleet files), or null for every host. The platform stays whole: which files
        /// a host gets can depend on its layer's other hosts (several mailstore hosts on shared storage get a per-user backend).
        /// </param>
        public static IReadOnlyList<(string Host, string Path)> Layout(PlatformModel platform, ICollection<string>? hosts = null)
            => Plan(platform, null, hosts).Select(f => (f.Artifact.Host, f.Artifact.Path)).ToList();

        /// <summary>A file of the plan: the artifact, and the text still to render, or null when the artifact holds it.</summary>
        private readonly struct LazyArtifact
        {
            public LazyArtifact(Artifact artifact, Func<string>? text)
            {
                Artifact = artifact;
                Text = text;
            }

            public Artifact Artifact { get; }

            public Func<string>? Text { get; }
        }

        // One list of the files for both Render and Layout, so what the IDE shows cannot drift from what emit writes.
        private static IEnumerable<LazyArtifact> Plan(PlatformModel platform, Func<string, string?>? readFile, ICollection<string>? only = null)
        {
            var topology = PlatformTopology.Of(platform);
            var planned = new List<LazyArtifact>();
            foreach (var host in topology.Hosts)
            {
                if (only is not null && !only.Contains(host.Name)) continue;
                var files = HostFiles.Of(topology, host);
                planned.AddRange(files.Select(f => new LazyArtifact(f.Artifact, null)));
                planned.Add(Later(host.Name, InstallScriptRenderer.ScriptPath, Artifact.ExecutableMode, () => InstallScriptRenderer.Render(topology, host, files)));
                planned.Add(Later(host.Name, HostManifestRenderer.ManifestPath, Artifact.ReadableMode, () => HostManifestRenderer.Render(topology, host, files)));
            }
            if (topology.Hosts.Count > 0)
            {
                planned.Add(Later("", FleetRenderer.InventoryPath, Artifact.ReadableMode, () => FleetRenderer.RenderInventory(platform)));
                planned.Add(Later("", FleetRenderer.PlaybookPath, Artifact.ReadableMode, () => FleetRenderer.RenderPlaybook(platform)));
                planned.Add(Later("", FleetRenderer.ReadmePath, Artifact.ReadableMode, () => FleetRenderer.RenderReadme(topology)));
                // What others must be told: the DNS records, one zone fragment per mail domain, when the description asks for them.
                if (platform.Dns is not null)
                {
                    var records = new Lazy<IReadOnlyList<Dns.DnsRecord>>(() => Dns.DnsRecords.Of(topology, readFile));
                    foreach (var domain in Certificates.HostCertificates.MailDomains(platform))
                        planned.Add(Later("", Dns.DnsRecords.PathOf(domain), Artifact.ReadableMode, () => Dns.DnsRecords.Fragment(platform, domain, records.Value)));
                }
                foreach (var (path, text) in AnsibleRoleRenderer.Render())
                    planned.Add(new LazyArtifact(new Artifact("", path, Artifact.ReadableMode, text), null));
            }
            return planned
                .OrderBy(f => f.Artifact.Host, StringComparer.Ordinal)
                .ThenBy(f => f.Artifact.Path, StringComparer.Ordinal);
        }

        private static LazyArtifact Later(string host, string path, int mode, Func<string> text) => new(new Artifact(host, path, mode, ""), text);
    }
}
