using System;
using System.Collections.Generic;
using System.Linq;
using MailDsl.Daemons.Postfix;
using MailDsl.Layers;
using MailDsl.Model;
using MailDsl.Targets;
using MailDsl.Tls;
using MailDsl.Tls.Catalog;
using MailDsl.Tls.CipherString;

namespace MailDsl.Rules.Tls
{
    /// <summary>A place in the model that holds a cipher string, read once by every cipher rule.</summary>
    /// <param name="OriginKey">Its <see cref="SourceMap"/> key.</param>
    /// <param name="Written">The value as written.</param>
    /// <param name="Effective">What OpenSSL actually receives (a Postfix grade expands to its list).</param>
    /// <param name="SpansInWritten">Whether token offsets of <paramref name="Effective"/> are offsets in <paramref name="Written"/>.</param>
    /// <param name="Profile">The guideline profile the place is held to.</param>
    /// <param name="Label">How messages name the place, e.g. <c>Dovecot ssl_cipher_list</c>.</param>
    /// <param name="Result">The engine's reading of <paramref name="Effective"/>, on the target's OpenSSL.</param>
    /// <param name="OpenSsl">How messages name the target's OpenSSL, e.g. <c>OpenSSL 3.5</c>.</param>
    internal sealed record CipherStringSite(string OriginKey, string Written, string Effective, bool SpansInWritten, GuidelineProfile Profile, string Label, CipherStringResult Result, string OpenSsl)
    {
        /// <summary>The catalogue the string was read with.</summary>
        public CipherCatalog Catalog => Result.Catalog;

        /// <summary>The span of <paramref name="token"/> in the written value, or (-1, 0) for the whole value.</summary>
        public (int Start, int Length) SpanOf(CipherToken token)
            => SpansInWritten ? (token.Start, token.Length) : (-1, 0);

        /// <summary>
        /// The suites of a valid string that the profile gives <paramref name="verdict"/>, grouped by the token that brought
        /// each in, with that token's span (<see cref="SpanOf"/>): a cipher rule reports one finding per token.
        /// </summary>
        public IEnumerable<(CipherToken Token, IReadOnlyList<CipherClassification> Suites, int Start, int Length)> SuitesBy(CipherVerdict verdict)
        {
            if (!Result.IsValid) yield break;
            var matching = Result.Suites
                .Select(s => (s.AddedBy, Class: CipherClassifier.Classify(s.Suite, Profile, Catalog)))
                .Where(x => x.Class.Verdict == verdict);
            foreach (var group in matching.GroupBy(x => x.AddedBy))
            {
                var (start, length) = SpanOf(group.Key);
                yield return (group.Key, group.Select(x => x.Class).ToList(), start, length);
            }
        }
    }

    /// <summary>A protocol version a place in the model enables.</summary>
    /// <param name="OriginKey">Its <see cref="SourceMap"/> key.</param>
    /// <param name="Version">The version enabled.</param>
    /// <param name="SubStart">Offset of the responsible token in the written value, or -1.</param>
    /// <param name="SubLength">Its length.</param>
    /// <param name="Label">How messages name the place.</param>
    /// <param name="Fix">What to write instead.</param>
    internal sealed record ProtocolSite(string OriginKey, TlsVersion Version, int SubStart, int SubLength, string Label, string Fix);

    /// <summary>Finds every cipher string and protocol choice in a platform: policies and raw daemon settings.</summary>
    internal static class TlsSites
    {
        private static IEnumerable<Layer> Layers(PlatformModel p) => PlatformLayers.Of(p);

        /// <summary>Each raw setting with its origin key (<c>&lt;layer&gt;.setting.&lt;daemon&gt;.&lt;key&gt;.&lt;n&gt;.value</c>); null keys and values read as empty.</summary>
        private static IEnumerable<(Layer Layer, RawSetting Setting, string Origin)> Settings(PlatformModel p)
        {
            foreach (var layer in Layers(p))
                foreach (var (setting, n) in PlatformLayers.NumberedSettings(layer))
                {
                    var safe = setting with { Key = setting.Key ?? "", Value = setting.Value ?? "" };
                    yield return (layer, safe, OriginKeys.Of(layer).Setting(setting.Daemon, setting.Key, n).Value);
                }
        }

        private static GuidelineProfile ProfileOf(PlatformModel p, Layer? layer)
        {
            var policy = p.Tls.With(layer?.Tls);
            return GuidelineProfiles.Get(policy.Guideline ?? GuidelineProfiles.DefaultGuideline, policy.Profile);
        }

        /// <summary>The OpenSSL every daemon of <paramref name="p"/> links against (its target's, with an override applied).</summary>
        public static SoftwareVersion OpenSslOf(PlatformModel p) => TargetTable.For(p).OpenSsl;

        /// <summary>How messages name <paramref name="p"/>'s OpenSSL, e.g. <c>OpenSSL 3.5</c>.</summary>
        public static string OpenSslName(PlatformModel p) => "OpenSSL " + OpenSslOf(p).MajorMinor;

        /// <summary>Every cipher string in <paramref name="p"/>, each read as the target's OpenSSL reads it.</summary>
        public static IEnumerable<CipherStringSite> CipherStrings(PlatformModel p)
        {
            var catalog = CipherCatalog.For(OpenSslOf(p));
            var openSsl = OpenSslName(p);
            CipherStringSite Direct(string origin, string value, GuidelineProfile profile, string label)
                => new(origin, value, value, true, profile, label, CipherStringEngine.Parse(value, catalog), openSsl);

            if (p.Tls.Ciphers is { } platformCiphers)
                yield return Direct(OriginKeys.Platform.Tls.Ciphers, platformCiphers, ProfileOf(p, null), "the platform's cipher string");
            foreach (var layer in Layers(p))
                if (layer.Tls?.Ciphers is { } layerCiphers)
                    yield return Direct(OriginKeys.Of(layer).Tls.Ciphers, layerCiphers, ProfileOf(p, layer), $"the {layer.Key} layer's cipher string");

            foreach (var (layer, s, origin) in Settings(p))
            {
                var profile = ProfileOf(p, layer);
                if (s.Daemon == Daemon.Dovecot && s.Key == "ssl_cipher_list" || s.Daemon == Daemon.Nginx && s.Key == "ssl_ciphers"
                    || s.Daemon == Daemon.Postfix && s.Key.StartsWith("tls_", StringComparison.Ordinal) && s.Key.EndsWith("_cipherlist", StringComparison.Ordinal))
                {
                    yield return Direct(origin, s.Value, profile, $"{s.Daemon} {s.Key}");
                }
                else if (s.Daemon == Daemon.Postfix && PostfixCipherGrades.IsGradeSetting(s.Key))
                {
                    var exclusionKeys = PostfixCipherGrades.ExclusionSettings(s.Key);
                    var postfix = layer.RawSettings.Where(r => r is not null && r.Daemon == Daemon.Postfix && r.Key is not null).ToList();
                    var exclusions = postfix.Where(r => exclusionKeys.Contains(r.Key)).GroupBy(r => r.Key).Select(g => g.Last().Value);
                    var overrides = new Dictionary<string, string>(StringComparer.Ordinal);
                    foreach (var r in postfix.Where(r => r.Key.EndsWith("_cipherlist", StringComparison.Ordinal))) overrides[r.Key] = r.Value;
                    var effective = PostfixCipherGrades.Expand(s.Value, exclusions, overrides);
                    if (effective is null) continue; // an unknown grade is Postfix's own error, reported by the Postfix rules
                    yield return new CipherStringSite(origin, s.Value, effective, false, profile,
                        $"Postfix {s.Key} = {s.Value.Trim()} (OpenSSL string \"{effective}\")", CipherStringEngine.Parse(effective, catalog), openSsl);
                }
            }
        }

        private static readonly (string Name, TlsVersion Version)[] ProtocolNames =
        {
            ("SSLv2", TlsVersion.Ssl2), ("SSLv3", TlsVersion.Ssl3), ("TLSv1", TlsVersion.Tls10), ("TLSv1.0", TlsVersion.Tls10),
            ("TLSv1.1", TlsVersion.Tls11), ("TLSv1.2", TlsVersion.Tls12), ("TLSv1.3", TlsVersion.Tls13),
        };

        private static TlsVersion? Version(string name)
        {
            foreach (var (n, v) in ProtocolNames) if (string.Equals(n, name, StringComparison.OrdinalIgnoreCase)) return v;
            return null;
        }

        /// <summary>Every protocol version enabled by a policy or a raw setting in <paramref name="p"/>.</summary>
        public static IEnumerable<ProtocolSite> Protocols(PlatformModel p)
        {
            const string dslFix = "enable only TLS 1.2 and 1.3: .Protocols(TlsVersion.Tls12, TlsVersion.Tls13), or leave protocols to the profile";
            for (var i = 0; i < p.Tls.Protocols.Count; i++)
                yield return new ProtocolSite(OriginKeys.Platform.Tls.Protocols[i], p.Tls.Protocols[i], -1, 0, "the platform's protocols", dslFix);
            foreach (var layer in Layers(p))
                if (layer.Tls is { } t)
                    for (var i = 0; i < t.Protocols.Count; i++)
                        yield return new ProtocolSite(OriginKeys.Of(layer).Tls.Protocols[i], t.Protocols[i], -1, 0, $"the {layer.Key} layer's protocols", dslFix);

            foreach (var (_, s, origin) in Settings(p))
            {
                var label = $"{s.Daemon} {s.Key} = {s.Value}";
                if (s.Daemon == Daemon.Dovecot && s.Key == "ssl_min_protocol")
                {
                    var min = s.Value.Trim();
                    var lowest = min.Equals("ANY", StringComparison.OrdinalIgnoreCase) ? TlsVersion.Ssl3 : Version(min);
                    if (lowest is null) continue;
                    var start = s.Value.IndexOf(min, StringComparison.Ordinal);
                    for (var v = lowest.Value; v < TlsVersion.Tls12; v++)
                        yield return new ProtocolSite(origin, v, start, min.Length, label, "write ssl_min_protocol = TLSv1.2");
                }
                else if (s.Daemon == Daemon.Nginx && s.Key == "ssl_protocols")
                {
                    foreach (var (start, len, word) in Words(s.Value))
                        if (Version(word) is { } v && v < TlsVersion.Tls12)
                            yield return new ProtocolSite(origin, v, start, len, label, "write ssl_protocols TLSv1.2 TLSv1.3");
                }
                else if (s.Daemon == Daemon.Postfix && (s.Key.EndsWith("_tls_protocols", StringComparison.Ordinal) || s.Key.EndsWith("_tls_mandatory_protocols", StringComparison.Ordinal))
                         || s.Daemon == Daemon.Dovecot && s.Key == "ssl_protocols")
                {
                    var fix = s.Daemon == Daemon.Postfix ? $"write {s.Key} = >=TLSv1.2" : "write ssl_min_protocol = TLSv1.2 (Dovecot 2.3)";
                    foreach (var site in ExclusionStyle(origin, s.Value, label, fix)) yield return site;
                }
            }
        }

        /// <summary>
        /// Postfix's protocol syntax (also Dovecot 2.2's <c>ssl_protocols</c>): <c>&gt;=V</c> / <c>&lt;=V</c> bounds,
        /// <c>!V</c> exclusions, or plain inclusions. Versions enabled only because nothing excluded them point at the whole value.
        /// </summary>
        private static IEnumerable<ProtocolSite> ExclusionStyle(string origin, string value, string label, string fix)
        {
            var words = Words(value).ToList();
            var min = TlsVersion.Ssl2; var max = TlsVersion.Tls13;
            int minStart = -1, minLen = 0;
            var included = new List<(TlsVersion V, int Start, int Len)>();
            var excluded = new HashSet<TlsVersion>();
            foreach (var (start, len, word) in words)
            {
                if (word.StartsWith(">=", StringComparison.Ordinal) && Version(word.Substring(2)) is { } lo) { min = lo; minStart = start; minLen = len; }
                else if (word.StartsWith("<=", StringComparison.Ordinal) && Version(word.Substring(2)) is { } hi) max = hi;
                else if (word.StartsWith("!", StringComparison.Ordinal) && Version(word.Substring(1)) is { } ex) excluded.Add(ex);
                else if (Version(word) is { } inc) included.Add((inc, start, len));
            }
            if (included.Count > 0)
            {
                foreach (var (v, start, len) in included)
                    if (v < TlsVersion.Tls12 && !excluded.Contains(v) && v >= min && v <= max)
                        yield return new ProtocolSite(origin, v, start, len, label, fix);
                yield break;
            }
            // OpenSSL 3.0 no longer implements SSLv2 at all: only report it when asked for explicitly.
            for (var v = (TlsVersion)Math.Max((int)min, (int)TlsVersion.Ssl3); v < TlsVersion.Tls12 && v <= max; v++)
                if (!excluded.Contains(v))
                    yield return new ProtocolSite(origin, v, minStart, minLen, label, fix);
        }

        private static IEnumerable<(int Start, int Length, string Word)> Words(string value)
        {
            var i = 0;
            while (i < value.Length)
            {
                while (i < value.Length && (value[i] == ' ' || value[i] == ',' || value[i] == ':' || value[i] == '\t')) i++;
                var start = i;
                while (i < value.Length && !(value[i] == ' ' || value[i] == ',' || value[i] == ':' || value[i] == '\t')) i++;
                if (i > start) yield return (start, i - start, value.Substring(start, i - start));
            }
        }
    }
}
