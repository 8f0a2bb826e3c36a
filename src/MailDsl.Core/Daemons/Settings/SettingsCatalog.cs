using System;
using System.Collections.Generic;
using System.IO;
using MailDsl.Model;
using MailDsl.Targets;

namespace MailDsl.Daemons.Settings
{
    /// <summary>
    /// The settings one daemon version knows, generated from the daemon itself (<c>postconf -d</c>, <c>doveconf -d</c>,
    /// <c>nginx -t</c> probes; scripts/catalogs says how) and embedded as <c>Daemons/&lt;Daemon&gt;/Catalog/&lt;daemon&gt;-&lt;version&gt;.txt</c>.
    /// <see cref="For(Daemon, SoftwareVersion)"/> picks the catalogue for a version; <see cref="Lookup"/> answers for a
    /// name. Each file is parsed once per process, on first use, and a lookup is a dictionary hit, so rules can ask on
    /// every keystroke. The same code runs in the runtime and inside the compiler (both embed the files under one name).
    /// </summary>
    public sealed class SettingsCatalog
    {
        /// <summary>The prefix of the catalogues' manifest resource names (<c>MailDsl.Catalog.postfix-3.7.11.txt</c>).</summary>
        public const string ResourcePrefix = "MailDsl.Catalog.";

        private static readonly Lazy<IReadOnlyDictionary<Daemon, IReadOnlyList<SettingsCatalog>>> Catalogs = new(Discover);

        private readonly string _resource;
        private readonly Lazy<Parsed> _parsed;

        private SettingsCatalog(Daemon daemon, SoftwareVersion version, string resource)
        {
            Daemon = daemon;
            Version = version;
            _resource = resource;
            _parsed = new Lazy<Parsed>(() => Parse(resource));
        }

        /// <summary>Whose settings these are.</summary>
        public Daemon Daemon { get; }

        /// <summary>The exact version the catalogue was generated from (or reasoned for).</summary>
        public SoftwareVersion Version { get; }

        /// <summary>Whether the catalogue was read off the daemon (<see cref="Provenance.Seen"/>) or reasoned from upstream sources.</summary>
        public Provenance Provenance => _parsed.Value.Provenance;

        /// <summary>Where it comes from, in a sentence (the package and the commands, or the upstream tag).</summary>
        public string Source => _parsed.Value.Source;

        /// <summary>How messages name it: <c>Postfix 3.7.11</c>.</summary>
        public string DisplayName => DaemonName(Daemon) + " " + Version;

        /// <summary>Every name the version knows as a setting (status <see cref="SettingStatus.Known"/>, patterns left out), in ordinal order.</summary>
        public IReadOnlyList<string> KnownNames => _parsed.Value.KnownNames;

        /// <summary>Every entry with another status (renamed, deprecated, removed...), in ordinal order.</summary>
        public IReadOnlyList<SettingInfo> Listed => _parsed.Value.Listed;

        /// <summary>Whether this catalogue is for <paramref name="version"/>'s release series (same major and minor).</summary>
        public bool Covers(SoftwareVersion version) => version.Major == Version.Major && version.Minor == Version.Minor;

        /// <summary>What the version makes of <paramref name="name"/>; <see cref="SettingStatus.Unknown"/> when the catalogue does not list it.</summary>
        public SettingInfo Lookup(string name)
        {
            var parsed = _parsed.Value;
            if (string.IsNullOrEmpty(name)) return new SettingInfo(name ?? "", SettingStatus.Unknown, null, null);
            if (parsed.Entries.TryGetValue(name, out var exact)) return exact;
            foreach (var (pattern, entry) in parsed.Patterns)
            {
                var prefix = pattern.EndsWith("*", StringComparison.Ordinal);
                var fixedPart = prefix ? pattern.Substring(0, pattern.Length - 1) : pattern.Substring(1);
                if (name.Length <= fixedPart.Length) continue;
                if (prefix ? !name.StartsWith(fixedPart, StringComparison.Ordinal) : !name.EndsWith(fixedPart, StringComparison.Ordinal)) continue;
                var replacement = entry.Replacement;
                if (prefix && replacement is not null && replacement.EndsWith("*", StringComparison.Ordinal))
                    replacement = replacement.Substring(0, replacement.Length - 1) + name.Substring(fixedPart.Length);
                return entry with { Name = name, Replacement = replacement, Pattern = pattern };
            }
            return new SettingInfo(name, SettingStatus.Unknown, null, null);
        }

        /// <summary>Whether the version knows <paramref name="name"/> as a setting of its own (not renamed, deprecated or removed).</summary>
        public bool IsKnown(string name) => Lookup(name).Status == SettingStatus.Known;

        /// <summary>
        /// The known name closest to <paramref name="name"/> (a different case, or a few letters off: at most a quarter
        /// of its length, and never fewer than 2), or null when none is that close.
        /// </summary>
        public string? Nearest(string name)
        {
            if (string.IsNullOrEmpty(name)) return null;
            var limit = Math.Max(2, name.Length / 4);
            string? best = null;
            var bestDistance = int.MaxValue;
            foreach (var candidate in KnownNames)
            {
                if (Math.Abs(candidate.Length - name.Length) > limit) continue;
                var d = string.Equals(candidate, name, StringComparison.OrdinalIgnoreCase) ? 0 : Distance(name, candidate, Math.Min(limit, bestDistance));
                if (d < bestDistance)
                {
                    bestDistance = d;
                    best = candidate;
                }
            }
            return bestDistance <= limit ? best : null;
        }

        /// <summary>Where nginx allows <paramref name="directive"/> (<see cref="NginxContexts.None"/>: not a directive of this build).</summary>
        public NginxContexts ContextsOf(string directive) => Lookup(directive).Contexts;

        /// <summary>Every catalogue of <paramref name="daemon"/>, oldest version first.</summary>
        public static IReadOnlyList<SettingsCatalog> All(Daemon daemon)
            => Catalogs.Value.TryGetValue(daemon, out var list) ? list : Array.Empty<SettingsCatalog>();

        /// <summary>
        /// The catalogue to check <paramref name="daemon"/> <paramref name="version"/> against: the newest one whose
        /// release series (major.minor) is not newer than it (Dovecot 2.3.21 -> 2.3.19's, Postfix 3.9 -> 3.8's), else the
        /// oldest of the same major version (nginx 1.20 -> 1.22's, check <see cref="Covers"/>), else null.
        /// </summary>
        public static SettingsCatalog? For(Daemon daemon, SoftwareVersion version)
        {
            SettingsCatalog? best = null;
            foreach (var catalog in All(daemon))
            {
                var series = new SoftwareVersion(catalog.Version.Major, catalog.Version.Minor);
                if (series <= version) best = catalog;
            }
            if (best is not null) return best;
            foreach (var catalog in All(daemon))
                if (catalog.Version.Major == version.Major) return catalog;
            return null;
        }

        /// <summary>The catalogue for <paramref name="daemon"/> as <paramref name="target"/> runs it (its version overrides applied).</summary>
        public static SettingsCatalog? For(TargetFacts target, Daemon daemon) => target.VersionOf(daemon) is { } version ? For(daemon, version) : null;

        /// <summary>How messages name a daemon.</summary>
        public static string DaemonName(Daemon daemon) => daemon switch
        {
            Daemon.Nginx => "nginx",
            Daemon.Sogo => "SOGo",
            _ => daemon.ToString(),
        };

        /// <inheritdoc/>
        public override string ToString() => DisplayName + " (" + Provenance.ToString().ToLowerInvariant() + ")";

        private static IReadOnlyDictionary<Daemon, IReadOnlyList<SettingsCatalog>> Discover()
        {
            var found = new Dictionary<Daemon, List<SettingsCatalog>>();
            foreach (var resource in typeof(SettingsCatalog).Assembly.GetManifestResourceNames())
            {
                if (!resource.StartsWith(ResourcePrefix, StringComparison.Ordinal) || !resource.EndsWith(".txt", StringComparison.Ordinal)) continue;
                var stem = resource.Substring(ResourcePrefix.Length, resource.Length - ResourcePrefix.Length - 4);
                var dash = stem.IndexOf('-');
                if (dash <= 0) continue;
                Daemon daemon;
                switch (stem.Substring(0, dash))
                {
                    case "postfix": daemon = Daemon.Postfix; break;
                    case "dovecot": daemon = Daemon.Dovecot; break;
                    case "nginx": daemon = Daemon.Nginx; break;
                    case "sogo": daemon = Daemon.Sogo; break;
                    default: continue;
                }
                if (SoftwareVersion.TryParse(stem.Substring(dash + 1)) is not { } version) continue;
                if (!found.TryGetValue(daemon, out var list)) found[daemon] = list = new List<SettingsCatalog>();
                list.Add(new SettingsCatalog(daemon, version, resource));
            }
            var result = new Dictionary<Daemon, IReadOnlyList<SettingsCatalog>>();
            foreach (var pair in found)
            {
                pair.Value.Sort((a, b) => a.Version.CompareTo(b.Version));
                result[pair.Key] = pair.Value;
            }
            return result;
        }

        private sealed class Parsed
        {
            public Dictionary<string, SettingInfo> Entries { get; } = new(StringComparer.Ordinal);
            public List<(string Pattern, SettingInfo Entry)> Patterns { get; } = new();
            public IReadOnlyList<string> KnownNames { get; set; } = Array.Empty<string>();
            public IReadOnlyList<SettingInfo> Listed { get; set; } = Array.Empty<SettingInfo>();
            public Provenance Provenance { get; set; } = Provenance.Seen;
            public string Source { get; set; } = "";
        }

        private static Parsed Parse(string resource)
        {
            var parsed = new Parsed();
            var known = new List<string>();
            var listed = new List<SettingInfo>();
            var contextsColumn = false;
            using var stream = typeof(SettingsCatalog).Assembly.GetManifestResourceStream(resource);
            if (stream is null) return parsed;
            using var reader = new StreamReader(stream);
            for (var line = reader.ReadLine(); line is not null; line = reader.ReadLine())
            {
                if (line.Length == 0) continue;
                if (line.StartsWith("#@ ", StringComparison.Ordinal))
                {
                    var colon = line.IndexOf(':');
                    if (colon < 0) continue;
                    var key = line.Substring(3, colon - 3).Trim();
                    var value = line.Substring(colon + 1).Trim();
                    if (key == "provenance") parsed.Provenance = value == "reasoned" ? Provenance.Reasoned : Provenance.Seen;
                    else if (key == "source") parsed.Source = value;
                    continue;
                }
                if (line[0] == '#')
                {
                    // The column header says whether the second column is a status or nginx's contexts.
                    if (line.StartsWith("# name\tcontexts", StringComparison.Ordinal)) contextsColumn = true;
                    continue;
                }
                var cells = line.Split('\t');
                var name = cells[0];
                SettingInfo entry;
                if (contextsColumn)
                    entry = new SettingInfo(name, SettingStatus.Known, null, null, Contexts(cells.Length > 1 ? cells[1] : ""),
                        Values: cells.Length > 2 && cells[2].Length > 0 ? cells[2] : null);
                else
                    entry = new SettingInfo(name, cells.Length > 1 ? Status(cells[1]) : SettingStatus.Known,
                        cells.Length > 2 && cells[2].Length > 0 ? cells[2] : null,
                        cells.Length > 3 && cells[3].Length > 0 ? cells[3] : null,
                        Values: cells.Length > 4 && cells[4].Length > 0 ? cells[4] : null);
                if (name.StartsWith("*", StringComparison.Ordinal) || name.EndsWith("*", StringComparison.Ordinal))
                {
                    parsed.Patterns.Add((name, entry));
                    continue;
                }
                parsed.Entries[name] = entry;
                if (entry.Status == SettingStatus.Known) known.Add(name);
                else listed.Add(entry);
            }
            known.Sort(StringComparer.Ordinal);
            parsed.KnownNames = known;
            parsed.Listed = listed;
            return parsed;
        }

        private static SettingStatus Status(string text) => text switch
        {
            "known" => SettingStatus.Known,
            "renamed" => SettingStatus.Renamed,
            "moved" => SettingStatus.Moved,
            "replaced" => SettingStatus.Replaced,
            "deprecated" => SettingStatus.Deprecated,
            "ignored" => SettingStatus.Ignored,
            "obsolete" => SettingStatus.Obsolete,
            "removed" => SettingStatus.Removed,
            "section" => SettingStatus.Section,
            _ => SettingStatus.Known,
        };

        private static NginxContexts Contexts(string text)
        {
            var contexts = NginxContexts.None;
            foreach (var part in text.Split(','))
            {
                switch (part.Trim())
                {
                    case "http": contexts |= NginxContexts.Http; break;
                    case "server": contexts |= NginxContexts.Server; break;
                    case "location": contexts |= NginxContexts.Location; break;
                    case "other": contexts |= NginxContexts.Other; break;
                }
            }
            return contexts;
        }

        // Levenshtein distance, giving up (returning limit + 1) once every path is over the limit.
        private static int Distance(string a, string b, int limit)
        {
            var previous = new int[b.Length + 1];
            var current = new int[b.Length + 1];
            for (var j = 0; j <= b.Length; j++) previous[j] = j;
            for (var i = 1; i <= a.Length; i++)
            {
                current[0] = i;
                var rowMin = current[0];
                for (var j = 1; j <= b.Length; j++)
                {
                    var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                    current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
                    if (current[j] < rowMin) rowMin = current[j];
                }
                if (rowMin > limit) return limit + 1;
                var swap = previous;
                previous = current;
                current = swap;
            }
            return previous[b.Length];
        }
    }
}
