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
        public static IReadOnlyList<Artifact> Render(PlatformModel platform)
        {
            var topology = PlatformTopology.Of(platform);
            var artifacts = new List<Artifact>();
            foreach (var host in topology.Hosts)
            {
                var files = HostFiles.Of(topology, host);
                artifacts.AddRange(files.Select(f => f.Artifact));
                artifacts.Add(new Artifact(host.Name, InstallScriptRenderer.ScriptPath, Artifact.ExecutableMode,
                    InstallScriptRenderer.Render(topology, host, files)));
                artifacts.Add(new Artifact(host.Name, HostManifestRenderer.ManifestPath, Artifact.ReadableMode,
                    HostManifestRenderer.Render(topology, host, files)));
            }
            if (topology.Hosts.Count > 0)
            {
                artifacts.Add(new Artifact("", FleetRenderer.InventoryPath, Artifact.ReadableMode, FleetRenderer.RenderInventory(platform)));
                artifacts.Add(new Artifact("", FleetRenderer.PlaybookPath, Artifact.ReadableMode, FleetRenderer.RenderPlaybook(platform)));
                artifacts.Add(new Artifact("", FleetRenderer.ReadmePath, Artifact.ReadableMode, FleetRenderer.RenderReadme(topology)));
                foreach (var (path, text) in AnsibleRoleRenderer.Render())
                    artifacts.Add(new Artifact("", path, Artifact.ReadableMode, text));
            }
            return artifacts
                .OrderBy(a => a.Host, StringComparer.Ordinal)
                .ThenBy(a => a.Path, StringComparer.Ordinal)
                .ToList();
        }
    }
}
