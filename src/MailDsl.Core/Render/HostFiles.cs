using System;
using System.Collections.Generic;
using System.Linq;
using MailDsl.Daemons;
using MailDsl.Model;
using MailDsl.Topology;

namespace MailDsl.Render
{
    /// <summary>One file a host receives and the daemons that read it (a DH group file may serve nginx and Dovecot).</summary>
    /// <param name="Artifact">The file.</param>
    /// <param name="Daemons">The modules whose daemons read it, in <see cref="DaemonModules.All"/>'s order: a change to it reloads them.</param>
    public sealed record HostFile(Artifact Artifact, IReadOnlyList<DaemonModule> Daemons)
    {
        /// <summary>Its absolute path on the host.</summary>
        public string Path => Artifact.Path;
    }

    /// <summary>Every daemon's files on a host, rendered once and shared by the host folder, install.sh and the Ansible manifest.</summary>
    public static class HostFiles
    {
        /// <summary>The files of every daemon on <paramref name="host"/>, ordered by path (ordinal); a file two daemons need, once.</summary>
        /// <param name="topology">The platform and its target.</param>
        /// <param name="host">The host.</param>
        public static IReadOnlyList<HostFile> Of(PlatformTopology topology, HostPlan host)
            => DaemonModules.On(host)
                .SelectMany(m => m.Render(topology, host).Select(a => (Module: m, Artifact: a)))
                .GroupBy(x => x.Artifact.Path, StringComparer.Ordinal)
                .Select(g => new HostFile(g.First().Artifact, g.Select(x => x.Module).Distinct().ToList()))
                // The renewal hooks: read by no daemon (certbot and acme.sh run them), so placing one reloads nothing.
                .Concat(Install.RenewHookRenderer.Render(topology, host).Select(a => new HostFile(a, Array.Empty<DaemonModule>())))
                .OrderBy(f => f.Path, StringComparer.Ordinal)
                .ToList();
    }
}
