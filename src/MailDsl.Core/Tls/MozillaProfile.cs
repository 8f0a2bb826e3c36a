using MailDsl.Model;

namespace MailDsl.Tls
{
    /// <summary>
    /// One of Mozilla's server-side TLS profiles as data (https://wiki.mozilla.org/Security/Server_Side_TLS).
    /// </summary>
    /// <param name="Name">Which profile.</param>
    /// <param name="GuidelineVersion">The guideline version these values were taken from.</param>
    /// <param name="Protocols">Enabled protocol versions.</param>
    /// <param name="Ciphers">TLS 1.2-and-below suites, as an OpenSSL cipher string in preference order.</param>
    /// <param name="Tls13Ciphersuites">TLS 1.3 suites, as OpenSSL's -ciphersuites list.</param>
    /// <param name="Groups">Key-exchange groups in preference order.</param>
    /// <param name="DhParamBits">Minimum finite-field DH size (0 when DHE is not used).</param>
    /// <param name="HstsMaxAgeSeconds">Recommended Strict-Transport-Security max-age.</param>
    /// <param name="PreferServerCiphers">Whether the server's order wins.</param>
    public sealed record MozillaProfile(
        TlsProfile Name,
        string GuidelineVersion,
        EquatableArray<TlsVersion> Protocols,
        string Ciphers,
        string Tls13Ciphersuites,
        EquatableArray<string> Groups,
        int DhParamBits,
        int HstsMaxAgeSeconds,
        bool PreferServerCiphers);
}
