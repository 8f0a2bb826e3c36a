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
            => EffectiveTls.For(platform, layer);
    }
}
