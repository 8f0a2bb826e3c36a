using System;
using System.Collections.Generic;
using System.Linq;
using MailDsl.Targets;

namespace MailDsl.Tls.Catalog
{
    /// <summary>
    /// The key-exchange groups one OpenSSL version accepts in a groups list (<c>SSL_CTX_set1_groups_list</c>: nginx
    /// <c>ssl_ecdh_curve</c>, Dovecot <c>ssl_curve_list</c>, Postfix <c>tls_eecdh_auto_curves</c>), and how it reads
    /// the list. 3.0 and 3.5 are generated from the real binaries by <c>scripts/gen-cipher-catalog.py</c>; 3.2 is reasoned.
    /// </summary>
    public sealed class GroupCatalog
    {
        private GroupCatalog(SoftwareVersion version, Provenance provenance, IReadOnlyList<KeyExchangeGroup> groups, bool ignoreCase, bool rejectsDuplicates, bool optionalPrefix)
        {
            Version = version; Provenance = provenance; Groups = groups; NamesIgnoreCase = ignoreCase; RejectsDuplicates = rejectsDuplicates;
            AcceptsOptionalPrefix = optionalPrefix;
            _byName = new Dictionary<string, KeyExchangeGroup>(ignoreCase ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal);
            foreach (var g in groups)
                foreach (var n in g.AllNames)
                    if (!_byName.ContainsKey(n)) _byName[n] = g;
        }

        /// <summary>OpenSSL 3.0, seen on Debian 12.</summary>
        public static GroupCatalog OpenSsl30 { get; } = new(OpenSsl30Data.Version, Provenance.Seen, OpenSsl30Data.Groups,
            OpenSsl30Data.GroupNamesIgnoreCase, OpenSsl30Data.RejectsDuplicateGroups, OpenSsl30Data.OptionalGroupPrefix);

        /// <summary>
        /// OpenSSL 3.2, reasoned: 3.0's groups plus the TLS 1.3 brainpool groups ("Added support for Brainpool curves in
        /// TLS-1.3", CHANGES.md, 3.1 to 3.2.0; their facts as seen on 3.5). ML-KEM and the hybrids arrived in 3.5, and so
        /// did case-insensitive names, tolerance of a group named twice, and the DEFAULT keyword (CHANGES.md, 3.4 to 3.5.0);
        /// the '?' prefix that makes an unknown name harmless came with 3.3 (CHANGES.md, 3.2 to 3.3.0).
        /// </summary>
        public static GroupCatalog OpenSsl32 { get; } = new(new SoftwareVersion(3, 2), Provenance.Reasoned,
            OpenSsl30Data.Groups.Concat(OpenSsl35Data.Groups.Where(g => g.Id is >= 31 and <= 33)).OrderBy(g => g.Id).ToArray(),
            ignoreCase: false, rejectsDuplicates: true, optionalPrefix: false);

        /// <summary>OpenSSL 3.5, seen in the Debian 13 root.</summary>
        public static GroupCatalog OpenSsl35 { get; } = new(OpenSsl35Data.Version, Provenance.Seen, OpenSsl35Data.Groups,
            OpenSsl35Data.GroupNamesIgnoreCase, OpenSsl35Data.RejectsDuplicateGroups, OpenSsl35Data.OptionalGroupPrefix);

        /// <summary>Every catalogue, oldest first.</summary>
        public static IReadOnlyList<GroupCatalog> All { get; } = new[] { OpenSsl30, OpenSsl32, OpenSsl35 };

        /// <summary>The catalogue for <paramref name="openSsl"/>: the newest known version not newer than it, else the oldest.</summary>
        public static GroupCatalog For(SoftwareVersion openSsl)
        {
            var chosen = All[0];
            foreach (var c in All)
                if (c.Version.Major < openSsl.Major || c.Version.Major == openSsl.Major && c.Version.Minor <= openSsl.Minor) chosen = c;
            return chosen;
        }

        private readonly Dictionary<string, KeyExchangeGroup> _byName;

        /// <summary>The version described.</summary>
        public SoftwareVersion Version { get; }

        /// <summary>How messages name it, e.g. <c>OpenSSL 3.5</c>.</summary>
        public string Name => "OpenSSL " + Version.MajorMinor;

        /// <summary>Seen on a binary or reasoned.</summary>
        public Provenance Provenance { get; }

        /// <summary>Every group it accepts, by code point.</summary>
        public IReadOnlyList<KeyExchangeGroup> Groups { get; }

        /// <summary>Whether group names are read case-insensitively (OpenSSL 3.5: <c>SECP256R1</c> works; 3.0 refuses it).</summary>
        public bool NamesIgnoreCase { get; }

        /// <summary>Whether a list naming one group twice (<c>x25519:X25519</c>) is refused, so the daemon fails to start (3.0, 3.2).</summary>
        public bool RejectsDuplicates { get; }

        /// <summary>Whether a <c>?</c> in front of a name makes OpenSSL skip it when unknown instead of refusing the list (3.3+; seen on 3.5).</summary>
        public bool AcceptsOptionalPrefix { get; }

        /// <summary>The group called <paramref name="name"/> (any accepted spelling), or null when this OpenSSL refuses the name.</summary>
        public KeyExchangeGroup? Find(string name) => _byName.TryGetValue(name ?? "", out var g) ? g : null;

        /// <summary>
        /// The names in <paramref name="wanted"/> this OpenSSL knows, in order, a group named twice kept once: what the
        /// profile's list becomes on a target (X25519MLKEM768 is dropped below 3.5).
        /// </summary>
        public IReadOnlyList<string> Filter(IEnumerable<string> wanted)
        {
            var kept = new List<string>();
            var ids = new HashSet<int>();
            foreach (var n in wanted)
                if (Find(n) is { } g && ids.Add(g.Id)) kept.Add(n);
            return kept;
        }

        /// <inheritdoc/>
        public override string ToString() => Name;
    }
}
