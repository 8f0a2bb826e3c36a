using System.Collections.Generic;
using System.Linq;
using MailDsl.Layers;
using MailDsl.Model;
using MailDsl.Tls;
using MailDsl.Tls.Catalog;

namespace MailDsl.Rules.Tls
{
    /// <summary>
    /// MAIL1008: a written group list leaves a protocol's key exchange with nothing to use: every TLS 1.2 suite the cipher
    /// string allows is ECDHE and no group in the list is an elliptic curve TLS 1.2 can use (ffdhe and ML-KEM groups serve
    /// TLS 1.3 only in OpenSSL), or TLS 1.3 is on and no group serves it.
    /// </summary>
    internal sealed class GroupsLeaveKeyExchangeRule : Rule
    {
        /// <inheritdoc/>
        public override RuleDescriptor Descriptor => RuleCatalog.GroupsLeaveKeyExchange;

        /// <inheritdoc/>
        public override IEnumerable<Finding> Check(PlatformModel platform)
        {
            var openSsl = TlsSites.OpenSslOf(platform);
            var catalog = GroupCatalog.For(openSsl);
            var name = TlsSites.OpenSslName(platform);
            var layers = PlatformLayers.Of(platform).ToList();
            var scopes = layers.Count > 0 ? layers.Select(l => (Layer?)l).ToList() : new List<Layer?> { null };
            var failures = new List<(string Origin, string Label, string Protocol, string Why, string Layer)>();
            foreach (var layer in scopes)
            {
                var tls = EffectiveTls.For(platform, layer);
                if (!tls.GroupsAreExplicit) continue; // the profile's list always holds X25519 and P-256
                var origin = layer?.Tls?.Groups is not null ? OriginKeys.Of(layer).Tls.Groups.Path : OriginKeys.Platform.Tls.Groups.Path;
                var label = layer?.Tls?.Groups is not null ? $"the {layer.Key} layer's groups" : "the platform's groups";
                var groups = tls.Groups.Select(g => GroupSites.Resolve(catalog, g ?? "")).Where(g => g is not null).Select(g => g!).ToList();
                var layerName = layer?.Key ?? "platform";

                if (tls.MinimumProtocol <= TlsVersion.Tls12 && !groups.Any(g => g.Tls12))
                {
                    var read = tls.ReadCiphers();
                    var ecdhe = read.Suites.Where(s => (s.Suite.KeyExchange & (KeyExchange.Ecdhe | KeyExchange.EcdhePsk)) != 0).ToList();
                    if (read.IsValid && ecdhe.Count == read.Suites.Count)
                        failures.Add((origin, label, "TLS 1.2",
                            $"every TLS 1.2 suite its cipher string allows on {name} is ECDHE ({ecdhe.Count}, e.g. {ecdhe[0].Suite.Name}), ECDHE needs an elliptic curve, "
                            + $"and {(groups.Count == 0 ? "the list names none" : "none of " + string.Join(", ", groups.Select(g => g.Name)) + " is one TLS 1.2 can use (ffdhe, ML-KEM and the hybrid groups serve TLS 1.3 only)")}",
                            layerName));
                }
                if (tls.Protocols.Contains(TlsVersion.Tls13) && !groups.Any(g => g.Tls13))
                    failures.Add((origin, label, "TLS 1.3",
                        $"TLS 1.3 always needs a group, and {(groups.Count == 0 ? "the list names none" : "none of " + string.Join(", ", groups.Select(g => g.Name)) + $" is usable in TLS 1.3 on {name}")}",
                        layerName));
            }
            foreach (var g in failures.GroupBy(f => (f.Origin, f.Protocol)))
            {
                var first = g.First();
                var where = string.Join(", ", g.Select(f => f.Layer).Distinct());
                yield return Report(first.Origin,
                    $"{char.ToUpperInvariant(first.Label[0]) + first.Label.Substring(1)} leave {first.Protocol} key exchange with nothing to use on {where}: {first.Why}. "
                    + $"Every {first.Protocol} client fails the handshake. Add X25519 and prime256v1, or leave groups to the profile.");
            }
        }
    }
}
