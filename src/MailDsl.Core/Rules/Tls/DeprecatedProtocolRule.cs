using System.Collections.Generic;
using MailDsl.Model;
using MailDsl.Tls;

namespace MailDsl.Rules.Tls
{
    /// <summary>MAIL1011: TLS 1.0 or 1.1 enabled by a policy or a daemon setting.</summary>
    internal sealed class DeprecatedProtocolRule : Rule
    {
        /// <inheritdoc/>
        public override RuleDescriptor Descriptor => RuleCatalog.DeprecatedProtocol;

        /// <inheritdoc/>
        public override IEnumerable<Finding> Check(PlatformModel platform)
        {
            var openSsl = TlsSites.OpenSslName(platform);
            foreach (var site in TlsSites.Protocols(platform))
                if (site.Version is TlsVersion.Tls10 or TlsVersion.Tls11)
                    yield return Report(site.OriginKey,
                        $"{site.Label} enables {TlsProtocolNames.OpenSsl(site.Version)}, deprecated by RFC 8996, outside every TLSRef 6.0 profile, and usable on {openSsl} only at security level 0 or with static RSA key exchange; {site.Fix}.",
                        site.SubStart, site.SubLength);
        }
    }
}
