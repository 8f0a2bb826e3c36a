using MailDsl.Model;
using MailDsl.Tls;

namespace MailDsl.Render
{
    /// <summary>The TLS settings a layer's services are rendered with: the platform policy under the layer's overrides.</summary>
    public static class TlsFor
    {
        /// <summary>The effective TLS of <paramref name="layer"/> on <paramref name="platform"/>.</summary>
        /// <param name="platform">The platform.</param>
        /// <param name="layer">The layer.</param>
        public static EffectiveTls Layer(PlatformModel platform, Layer layer)
            => EffectiveTls.Resolve(platform.Tls.With(layer.Tls));

        /// <summary>OpenSSL's name of a protocol version as nginx, Dovecot and Postfix write it (<c>TLSv1.2</c>).</summary>
        /// <param name="version">The version.</param>
        public static string OpenSslName(TlsVersion version) => version switch
        {
            TlsVersion.Ssl2 => "SSLv2",
            TlsVersion.Ssl3 => "SSLv3",
            TlsVersion.Tls10 => "TLSv1",
            TlsVersion.Tls11 => "TLSv1.1",
            TlsVersion.Tls12 => "TLSv1.2",
            _ => "TLSv1.3",
        };
    }
}
