using System;
using System.Collections.Generic;
using System.Linq;
using MailDsl.Model;
using MailDsl.Render.Dovecot;
using MailDsl.Render.Fleet;
using MailDsl.Render.Install;
using MailDsl.Render.Nginx;
using MailDsl.Render.Postfix;
using MailDsl.Render.Sogo;

namespace MailDsl.Render
{
    /// <summary>Turns a platform into every file every host needs, in a deterministic order.</summary>
    public static class PlatformRenderer
    {
        /// <summary>All artifacts, ordered by host then path (ordinal); fleet files have host "".</summary>
        /// <param name="platform">The platform; it should have passed the rules (renderers trust its values).</param>
        public static IReadOnlyList<Artifact> Render(PlatformModel platform)
        {
            var hosts = HostPlan.Of(platform);
            var artifacts = new List<Artifact>();
            foreach (var host in hosts)
            {
                var files = HostFiles(platform, host).OrderBy(a => a.Path, StringComparer.Ordinal).ToList();
                artifacts.AddRange(files);
                artifacts.Add(new Artifact(host.Name, InstallScriptRenderer.ScriptPath, Artifact.ExecutableMode,
                    InstallScriptRenderer.Render(platform, host, files)));
            }
            if (hosts.Count > 0)
            {
                artifacts.Add(new Artifact("", FleetRenderer.InventoryPath, Artifact.ReadableMode, FleetRenderer.RenderInventory(platform)));
                artifacts.Add(new Artifact("", FleetRenderer.PlaybookPath, Artifact.ReadableMode, FleetRenderer.RenderPlaybook(platform)));
                artifacts.Add(new Artifact("", FleetRenderer.ReadmePath, Artifact.ReadableMode, FleetRenderer.RenderReadme(platform, hosts)));
            }
            return artifacts
                .OrderBy(a => a.Host, StringComparer.Ordinal)
                .ThenBy(a => a.Path, StringComparer.Ordinal)
                .ToList();
        }

        private static IEnumerable<Artifact> HostFiles(PlatformModel platform, HostPlan host)
        {
            if (host.Layer<WebmailLayer>() is { } web)
            {
                yield return new Artifact(host.Name, NginxSiteRenderer.SitePath, Artifact.ReadableMode, NginxSiteRenderer.Render(platform, web, host.Name));
                yield return new Artifact(host.Name, SogoConfRenderer.ConfPath, Artifact.ReadableMode, SogoConfRenderer.Render(platform, web, host.Name));
            }
            if (Tls.DhParameters.NeededOn(platform, host))
                yield return new Artifact(host.Name, Tls.DhParameters.Path, Artifact.ReadableMode, Tls.DhParameters.Ffdhe2048Pem);
            if (host.RunsDovecot)
                yield return new Artifact(host.Name, DovecotConfRenderer.ConfPath, Artifact.ReadableMode, DovecotConfRenderer.Render(platform, host));
            if (host.RunsPostfix)
            {
                yield return new Artifact(host.Name, PostfixRenderer.MainCfPath, Artifact.ReadableMode, PostfixRenderer.RenderMainCf(platform, host));
                yield return new Artifact(host.Name, PostfixRenderer.MasterCfPath, Artifact.ReadableMode, PostfixRenderer.RenderMasterCf(host));
                if (PostfixRenderer.RenderTransport(platform, host) is { } transport)
                    yield return new Artifact(host.Name, PostfixRenderer.TransportPath, Artifact.ReadableMode, transport);
            }
        }
    }
}
