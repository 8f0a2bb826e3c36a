using System.Linq;
using MailDsl.Model;
using MailDsl.Targets;
using MailDsl.Tls.Catalog;
using MailDsl.Tls.CipherString;

namespace MailDsl.Tls
{
    /// <summary>
    /// A policy resolved against its guideline profile and the target's OpenSSL: exactly what a renderer writes.
    /// </summary>
    /// <param name="Profile">The guideline profile it started from.</param>
    /// <param name="Protocols">Enabled protocol versions, oldest first.</param>
    /// <param name="Ciphers">The OpenSSL cipher string for TLS 1.2 and below.</param>
    /// <param name="CiphersAreExplicit">Whether <paramref name="Ciphers"/> was written by the user (not the profile's).</param>
    public sealed record EffectiveTls(GuidelineProfile Profile, EquatableArray<TlsVersion> Protocols, string Ciphers, bool CiphersAreExplicit)
    {
        /// <summary>
        /// The key-exchange groups, in preference order, as the daemon's group setting takes them (joined with ':'):
        /// the ones written with <c>.Groups(...)</c>, or the profile's recommended list without the groups the target's
        /// OpenSSL does not know (X25519MLKEM768 below OpenSSL 3.5).
        /// </summary>
        public EquatableArray<string> Groups { get; init; } = EquatableArray<string>.Empty;

        /// <summary>Whether <see cref="Groups"/> was written by the user (not the profile's).</summary>
        public bool GroupsAreExplicit { get; init; }

        /// <summary>The OpenSSL the daemons link against on the target (<see cref="TargetTable.For"/>, overrides applied).</summary>
        public SoftwareVersion OpenSsl { get; init; } = TargetTable.Debian12.OpenSsl;

        /// <summary>The groups of the profile that the target's OpenSSL lacks, so <see cref="Groups"/> leaves them out (empty when explicit).</summary>
        public EquatableArray<string> GroupsLeftOut { get; init; } = EquatableArray<string>.Empty;

        /// <summary>Resolves <paramref name="policy"/> against its guideline profile for a target running OpenSSL <paramref name="openSsl"/>.</summary>
        /// <param name="policy">The platform's policy with the layer's overrides applied.</param>
        /// <param name="openSsl">The target's OpenSSL.</param>
        public static EffectiveTls Resolve(TlsPolicy policy, SoftwareVersion openSsl)
        {
            var profile = GuidelineProfiles.Get(policy.Guideline ?? GuidelineProfiles.DefaultGuideline, policy.Profile);
            var protocols = policy.Protocols.Count > 0 ? policy.Protocols : profile.Protocols;
            var known = GroupCatalog.For(openSsl);
            var groups = policy.Groups ?? known.Filter(profile.RecommendedGroups).ToEquatableArray();
            var leftOut = policy.Groups is null ? profile.RecommendedGroups.Where(g => !groups.Contains(g)).ToEquatableArray() : EquatableArray<string>.Empty;
            return new EffectiveTls(profile, protocols, policy.Ciphers ?? profile.Ciphers, policy.Ciphers is not null)
            {
                Groups = groups,
                GroupsAreExplicit = policy.Groups is not null,
                OpenSsl = openSsl,
                GroupsLeftOut = leftOut,
            };
        }

        /// <summary>The effective TLS of <paramref name="layer"/> (or of the platform as a whole when null) on its target.</summary>
        /// <param name="platform">The platform.</param>
        /// <param name="layer">The layer, or null for the platform's own policy.</param>
        public static EffectiveTls For(PlatformModel platform, Layer? layer)
            => Resolve(platform.Tls.With(layer?.Tls), TargetTable.For(platform).OpenSsl);

        /// <summary>The cipher string read as the target's OpenSSL reads it.</summary>
        public CipherStringResult ReadCiphers() => CipherStringEngine.Parse(Ciphers, OpenSsl);

        /// <summary>
        /// Whether the server's cipher order wins: always. The guidelines' intermediate profile lets the client choose, as
        /// every suite in it is strong; but TLS scanners flag a server with no order of its own (testssl.sh: "Has
        /// server cipher order? no (NOT ok)"), and a clean scan is part of what MailDsl promises. The server picks
        /// from the same list in the profile's own order, so what it picks is still what the guideline recommends.
        /// </summary>
        public bool ServerCipherOrder => true;

        /// <summary>
        /// One sentence a renderer can put in a comment above the server-order setting, saying where MailDsl departs
        /// from the profile and why.
        /// </summary>
        public string ServerCipherOrderNote => Profile.PreferServerCiphers
            ? $"Server cipher order on, as the {Profile.Description} recommends."
            : $"Server cipher order on, where the {Profile.Description} leaves the choice to the client: TLS scanners (testssl.sh) flag a server without an order of its own; the server still picks from the profile's suites in the profile's order.";

        /// <summary>
        /// How a rendered comment names the policy, e.g. <c>TLSRef guideline 6.0, intermediate profile, for OpenSSL 3.0
        /// (X25519MLKEM768 left out: OpenSSL 3.5+ only)</c>.
        /// </summary>
        public string ProfileDescription
        {
            get
            {
                var d = Profile.Description + ", for OpenSSL " + OpenSsl.MajorMinor;
                if (GroupsLeftOut.Count > 0) d += " (" + string.Join(", ", GroupsLeftOut) + " left out: this OpenSSL does not know " + (GroupsLeftOut.Count == 1 ? "it" : "them") + ")";
                return d;
            }
        }

        /// <summary>The oldest enabled version.</summary>
        public TlsVersion MinimumProtocol
        {
            get
            {
                var min = TlsVersion.Tls13;
                foreach (var p in Protocols)
                    if (p < min) min = p;
                return min;
            }
        }
    }
}
