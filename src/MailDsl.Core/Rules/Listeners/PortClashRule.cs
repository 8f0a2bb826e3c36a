using System;
using System.Collections.Generic;
using System.Linq;
using MailDsl.Layers;
using MailDsl.Model;
using MailDsl.Text;

namespace MailDsl.Rules.Listeners
{
    /// <summary>
    /// MAIL2002: two listeners on one port of one host. Within a layer every host runs every listener, so
    /// two listeners of one layer on one port always clash (sogod's, memcached's and nginx's ports included). A host
    /// named in two layers runs both layers' daemons, so their listeners clash too unless the layers bind
    /// different addresses. The finding points at the later listener's port; the ports of daemons beside the listeners
    /// (<see cref="LayerDescriptor.DaemonPorts"/>) come after them, so a clash with one points at the argument that set it.
    /// </summary>
    internal sealed class PortClashRule : Rule
    {
        /// <inheritdoc/>
        public override RuleDescriptor Descriptor => RuleCatalog.PortClash;

        private sealed record Bound(Layer Layer, BoundPort Listener);

        /// <inheritdoc/>
        public override IEnumerable<Finding> Check(PlatformModel platform)
        {
            var layers = PlatformLayers.Of(platform).ToList();
            var bound = layers
                .SelectMany(layer => PlatformLayers.BoundPorts(platform, layer).Where(l => InvalidPortRule.IsValid(l.Port)).Select(l => new Bound(layer, l)))
                .ToList();

            // Two ports from one argument (mta-sts-daemon's and the DANE-first lookup's next to it) clashing each: one mistake, one finding.
            var reported = new HashSet<string>(StringComparer.Ordinal);
            for (var b = 0; b < bound.Count; b++)
            {
                var later = bound[b];
                for (var a = 0; a < b; a++)
                {
                    var earlier = bound[a];
                    if (earlier.Listener.Port != later.Listener.Port) continue;
                    if (ReferenceEquals(earlier.Layer, later.Layer))
                    {
                        if (!reported.Add(later.Listener.KeyIn(later.Layer))) break;
                        yield return Report(later.Listener.KeyIn(later.Layer),
                            $"Port {later.Listener.Port} is used twice in the {LayerDescriptors.Of(later.Layer).DisplayName} layer: by {earlier.Listener.Described} "
                            + $"and by {later.Listener.Described}. Every host of the layer runs both, so the second cannot bind the port and its daemon "
                            + "fails to start. " + (later.Listener.Advice ?? $"Give '{later.Listener.Name}' a port of its own."));
                        break;
                    }
                    if (!SameAddress(earlier, later)) continue;
                    var shared = SharedHosts(earlier.Layer, later.Layer);
                    if (shared.Count == 0) continue;
                    if (!reported.Add(later.Listener.KeyIn(later.Layer))) break;
                    yield return Report(later.Listener.KeyIn(later.Layer),
                        $"Port {later.Listener.Port} is used twice on host{(shared.Count > 1 ? "s" : "")} {Listing.Abbreviate(shared.Select(h => "'" + h + "'").ToList())}, "
                        + $"which {(shared.Count > 1 ? "are" : "is")} in both the {LayerDescriptors.Of(earlier.Layer).DisplayName} and the {LayerDescriptors.Of(later.Layer).DisplayName} layer: "
                        + $"by {LayerDescriptors.Of(earlier.Layer).DisplayName} {earlier.Listener.Described} and by {LayerDescriptors.Of(later.Layer).DisplayName} {later.Listener.Described}. "
                        + "The second cannot bind the port and its daemon fails to start. " + (later.Listener.Advice ?? "Put the layers on different hosts or give one of the listeners another port."));
                    break;
                }
            }
        }

        /// <summary>
        /// Two listeners bind different addresses only when both bind one and they differ (none, 0.0.0.0 or :: means all
        /// addresses). Addresses are compared parsed, so ::1 and 0:0:0:0:0:0:0:1 are one.
        /// </summary>
        private static bool SameAddress(Bound a, Bound b)
        {
            var x = Address(a);
            var y = Address(b);
            if (x is null || y is null) return true;
            var px = Topology.Addresses.Parse(x);
            var py = Topology.Addresses.Parse(y);
            if (px is null || py is null) return string.Equals(x, y, StringComparison.OrdinalIgnoreCase);
            return Topology.Addresses.IsUnspecified(px) || Topology.Addresses.IsUnspecified(py) || px.Equals(py);
        }

        /// <summary>What a bound port binds: loopback (sogod, memcached), else the layer's address, or all (null).</summary>
        private static string? Address(Bound bound)
            => bound.Listener.LoopbackOnly ? "127.0.0.1" : bound.Layer.ListenAddress?.Trim();

        /// <summary>Hosts named in both layers; DNS names compare without regard to case.</summary>
        private static List<string> SharedHosts(Layer a, Layer b)
        {
            var inA = new HashSet<string>(a.Hosts.Where(h => h is not null).Select(Normalize), StringComparer.Ordinal);
            return b.Hosts.Where(h => h is not null && inA.Contains(Normalize(h))).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        }

        private static string Normalize(string host) => host.Trim().TrimEnd('.').ToLowerInvariant();
    }
}
