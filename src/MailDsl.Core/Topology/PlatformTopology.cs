using System.Collections.Generic;
using System.Linq;
using System.Runtime.CompilerServices;
using MailDsl.Layers;
using MailDsl.Model;
using MailDsl.Targets;
using MailDsl.Tls;

namespace MailDsl.Topology
{
    /// <summary>
    /// The facts every daemon module and rule shares, computed once per platform: the target with its version
    /// overrides, which host runs which layers, and each layer's effective TLS. Renderers and rules read these
    /// instead of working them out again per host.
    /// </summary>
    public sealed class PlatformTopology
    {
        private static readonly ConditionalWeakTable<PlatformModel, PlatformTopology> Cache = new();
        private readonly Dictionary<string, EffectiveTls> _tls = new();
        private readonly Dictionary<string, bool> _dh = new();

        private PlatformTopology(PlatformModel platform)
        {
            Platform = platform;
            Target = TargetTable.For(platform);
            Layers = PlatformLayers.Of(platform).ToList();
            Hosts = HostPlan.Of(platform);
        }

        /// <summary>The platform described.</summary>
        public PlatformModel Platform { get; }

        /// <summary>The target's facts with the platform's version overrides applied.</summary>
        public TargetFacts Target { get; }

        /// <summary>Every described layer, in platform order (SMTP-in, SMTP-out, mailstore, webmail).</summary>
        public IReadOnlyList<Layer> Layers { get; }

        /// <summary>Every host with its layers, ordered by name.</summary>
        public IReadOnlyList<HostPlan> Hosts { get; }

        /// <summary>The topology of <paramref name="platform"/> (computed once per model instance).</summary>
        public static PlatformTopology Of(PlatformModel platform) => Cache.GetValue(platform, p => new PlatformTopology(p));

        /// <summary>The effective TLS of <paramref name="layer"/>: the platform policy under the layer's overrides.</summary>
        public EffectiveTls TlsOf(Layer layer)
        {
            lock (_tls)
            {
                if (!_tls.TryGetValue(layer.Key, out var tls))
                    _tls[layer.Key] = tls = EffectiveTls.Resolve(Platform.Tls.With(layer.Tls), Target.OpenSsl);
                return tls;
            }
        }

        /// <summary>
        /// Whether <paramref name="layer"/>'s cipher string selects a DHE suite on the target's OpenSSL, so nginx and Dovecot
        /// there need the DH group file. Decided once per layer: it parses the cipher string.
        /// </summary>
        public bool NeedsDhParameters(Layer layer)
        {
            var tls = TlsOf(layer);
            lock (_dh)
            {
                if (!_dh.TryGetValue(layer.Key, out var needed))
                    _dh[layer.Key] = needed = Tls.Files.DhParameters.NeededBy(tls, Target.OpenSsl);
                return needed;
            }
        }
    }
}
