using MailDsl.Model;

namespace MailDsl.Tls
{
    /// <summary>Mozilla's server-side TLS profiles, guideline 5.7, as data.</summary>
    public static class MozillaProfiles
    {
        private const string Tls13Suites = "TLS_AES_128_GCM_SHA256:TLS_AES_256_GCM_SHA384:TLS_CHACHA20_POLY1305_SHA256";

        /// <summary>Modern: TLS 1.3 only.</summary>
        public static readonly MozillaProfile Modern = new(
            TlsProfile.Modern, "5.7",
            EquatableArray.Of(TlsVersion.Tls13),
            "",
            Tls13Suites,
            EquatableArray.Of("X25519", "prime256v1", "secp384r1"),
            0, 63072000, false);

        /// <summary>Intermediate: TLS 1.2 and 1.3, forward-secret AEAD suites only.</summary>
        public static readonly MozillaProfile Intermediate = new(
            TlsProfile.Intermediate, "5.7",
            EquatableArray.Of(TlsVersion.Tls12, TlsVersion.Tls13),
            "ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-GCM-SHA256:ECDHE-ECDSA-AES256-GCM-SHA384:ECDHE-RSA-AES256-GCM-SHA384:ECDHE-ECDSA-CHACHA20-POLY1305:ECDHE-RSA-CHACHA20-POLY1305:DHE-RSA-AES128-GCM-SHA256:DHE-RSA-AES256-GCM-SHA384:DHE-RSA-CHACHA20-POLY1305",
            Tls13Suites,
            EquatableArray.Of("X25519", "prime256v1", "secp384r1"),
            2048, 63072000, false);

        /// <summary>Old: TLS 1.0 to 1.3 with CBC and static RSA, for ancient clients.</summary>
        public static readonly MozillaProfile Old = new(
            TlsProfile.Old, "5.7",
            EquatableArray.Of(TlsVersion.Tls10, TlsVersion.Tls11, TlsVersion.Tls12, TlsVersion.Tls13),
            "ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-GCM-SHA256:ECDHE-ECDSA-AES256-GCM-SHA384:ECDHE-RSA-AES256-GCM-SHA384:ECDHE-ECDSA-CHACHA20-POLY1305:ECDHE-RSA-CHACHA20-POLY1305:DHE-RSA-AES128-GCM-SHA256:DHE-RSA-AES256-GCM-SHA384:DHE-RSA-CHACHA20-POLY1305:ECDHE-ECDSA-AES128-SHA256:ECDHE-RSA-AES128-SHA256:ECDHE-ECDSA-AES128-SHA:ECDHE-RSA-AES128-SHA:ECDHE-ECDSA-AES256-SHA384:ECDHE-RSA-AES256-SHA384:ECDHE-ECDSA-AES256-SHA:ECDHE-RSA-AES256-SHA:DHE-RSA-AES128-SHA256:DHE-RSA-AES256-SHA256:AES128-GCM-SHA256:AES256-GCM-SHA384:AES128-SHA256:AES256-SHA256:AES128-SHA:AES256-SHA:DES-CBC3-SHA",
            Tls13Suites,
            EquatableArray.Of("X25519", "prime256v1", "secp384r1"),
            1024, 63072000, true);

        /// <summary>The profile called <paramref name="name"/>.</summary>
        public static MozillaProfile Get(TlsProfile name) => name switch
        {
            TlsProfile.Modern => Modern,
            TlsProfile.Old => Old,
            _ => Intermediate,
        };
    }

    /// <summary>A policy resolved against its profile: exactly what a renderer writes.</summary>
    /// <param name="Profile">The profile it started from.</param>
    /// <param name="Protocols">Enabled protocol versions, oldest first.</param>
    /// <param name="Ciphers">The OpenSSL cipher string for TLS 1.2 and below.</param>
    /// <param name="CiphersAreExplicit">Whether <paramref name="Ciphers"/> was written by the user (not the profile's).</param>
    public sealed record EffectiveTls(MozillaProfile Profile, EquatableArray<TlsVersion> Protocols, string Ciphers, bool CiphersAreExplicit)
    {
        /// <summary>Resolves <paramref name="policy"/> against its Mozilla profile.</summary>
        public static EffectiveTls Resolve(TlsPolicy policy)
        {
            var profile = MozillaProfiles.Get(policy.Profile);
            var protocols = policy.Protocols.Count > 0 ? policy.Protocols : profile.Protocols;
            return new EffectiveTls(profile, protocols, policy.Ciphers ?? profile.Ciphers, policy.Ciphers is not null);
        }

        /// <summary>
        /// Whether the server's cipher order wins: always. Mozilla's intermediate profile lets the client choose, as
        /// every suite in it is strong; but TLS scanners flag a server with no order of its own (testssl.sh: "Has
        /// server cipher order? no (NOT ok)"), and a clean scan is part of what MailDsl promises. The server picks
        /// from the same list in the profile's own order, so what it picks is still what Mozilla recommends.
        /// </summary>
        public bool ServerCipherOrder => true;

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
