using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using MailDsl.Generators.Checking;
using MailDsl.Model;
using MailDsl.Render;
using MailDsl.Topology;

namespace MailDsl.Generators.Layout
{
    /// <summary>
    /// The render step, reduced to what the IDE shows: which files each host gets (<see cref="PlatformRenderer.Layout"/>). Hosts serving the same layers get
    /// the same paths, so one host of each group is rendered (with Core's renderers, on the whole platform, since a host's
    /// files can depend on how many hosts its layer has): a handful of hosts whatever the platform's size. The files' text
    /// is rendered at run time.
    /// </summary>
    internal static class LayoutPlanner
    {
        /// <summary>Lays out <paramref name="platform"/>. Never throws (except on cancellation).</summary>
        public static PlatformLayout Plan(CheckedPlatform platform, CancellationToken cancellation)
        {
            var empty = new PlatformLayout(platform.Declaration, platform.Fingerprint, false, EquatableArray<HostGroup>.Empty, EquatableArray<string>.Empty);
            if (!platform.Passed || platform.Model is not { } model) return empty;
            try
            {
                var groups = HostPlan.Of(model)
                    .GroupBy(h => string.Join(",", h.Layers.Select(l => l.Key)), StringComparer.Ordinal)
                    .Select(g => (Layers: g.First().Layers.Select(l => l.Key).ToEquatableArray(), Hosts: g.Select(h => h.Name).ToList()))
                    .ToList();
                var representatives = new HashSet<string>(groups.Select(g => g.Hosts[0]), StringComparer.Ordinal);
                cancellation.ThrowIfCancellationRequested();
                var byHost = PlatformRenderer.Layout(model, representatives).ToLookup(f => f.Host, f => f.Path, StringComparer.Ordinal);
                var result = groups
                    .Select(g => new HostGroup(g.Layers, g.Hosts.ToEquatableArray(), byHost[g.Hosts[0]].OrderBy(p => p, StringComparer.Ordinal).ToEquatableArray()))
                    .OrderBy(g => g.Hosts[0], StringComparer.Ordinal)
                    .ToEquatableArray();
                return new PlatformLayout(platform.Declaration, platform.Fingerprint, true, result, byHost[""].OrderBy(p => p, StringComparer.Ordinal).ToEquatableArray());
            }
            catch (OperationCanceledException)
            {
                throw;
            }
            catch (Exception)
            {
                // Rendering is run time's business; the generated code then shows no layout.
                return empty;
            }
        }
    }
}
