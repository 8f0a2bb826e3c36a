using MailDsl.Model;

namespace MailDsl.Tls
{
    /// <summary>
    /// One profile (modern, intermediate, old) of one version of the server-side TLS guidelines, as data: Mozilla's
    /// guidelines up to 5.7, continued as TLSRef (6.0 today). <see cref="GuidelineProfiles"/> lists them.
    /// </summary>
    /// <param name="Guideline">Which guideline version the values were taken from.</param>
    /// <param name="Name">Which profile.</param>
    /// <param name="GuidelineVersion">The guideline's version number as published, e.g. <c>6.0</c>.</param>
    /// <param name="Protocols">Enabled protocol versions.</param>
    /// <param name="Ciphers">TLS 1.2-and-below suites, as an OpenSSL cipher string in preference order (empty for TLS 1.3 only).</param>
    /// <param name="Tls13Ciphersuites">TLS 1.3 suites, as OpenSSL's -ciphersuites list.</param>
    /// <param name="RecommendedGroups">Key-exchange groups in preference order, as published (<see cref="EffectiveTls.Groups"/> is this list filtered by the target's OpenSSL).</param>
    /// <param name="DhParamBits">Minimum finite-field DH size (0 when the profile has none).</param>
    /// <param name="HstsMaxAgeSeconds">Recommended Strict-Transport-Security max-age.</param>
    /// <param name="PreferServerCiphers">Whether the guideline lets the server's order win (MailDsl always does: <see cref="EffectiveTls.ServerCipherOrder"/>).</param>
    /// <param name="SecurityLevel">The OpenSSL security level (<c>@SECLEVEL</c>) the profile works at: 2 (OpenSSL 3's default) for modern and intermediate, 0 for 5.7's old, which needs TLS 1.0 and SHA-1.</param>
    /// <param name="Source">Where the values were read, for comments and docs.</param>
    public sealed record GuidelineProfile(
        TlsGuideline Guideline,
        TlsProfile Name,
        string GuidelineVersion,
        EquatableArray<TlsVersion> Protocols,
        string Ciphers,
        string Tls13Ciphersuites,
        EquatableArray<string> RecommendedGroups,
        int DhParamBits,
        int HstsMaxAgeSeconds,
        bool PreferServerCiphers,
        int SecurityLevel,
        string Source)
    {
        /// <summary>Who publishes the guideline: <c>TLSRef</c> (6.0 on) or <c>Mozilla</c> (up to 5.7).</summary>
        public string Publisher => Guideline == TlsGuideline.Mozilla57 ? "Mozilla" : "TLSRef";

        /// <summary>The profile's name as the guideline writes it, e.g. <c>intermediate</c>.</summary>
        public string ProfileName => Name.ToString().ToLowerInvariant();

        /// <summary>How messages and rendered comments name it, e.g. <c>TLSRef guideline 6.0, intermediate profile</c>.</summary>
        public string Description => $"{Publisher} guideline {GuidelineVersion}, {ProfileName} profile";
    }
}
