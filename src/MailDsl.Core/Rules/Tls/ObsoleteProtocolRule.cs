using System.Collections.Generic;
using MailDsl.Model;
using MailDsl.Tls;

namespace MailDsl.Rules.Tls
{
    /// <summary>MAIL1010: SSLv2 or SSLv3 enabled by a policy or a daemon setting.</summary>
    internal sealed class ObsoleteProtocolRule : Rule
    {
        /// <inheritdoc/>
        public override RuleDescriptor Descriptor => RuleCatalog.ObsoleteProtocol;

        /// <inheritdoc/>
        public override IEnumerable<Finding> Check(PlatformModel platform)
        {
            var openSsl = TlsSites.OpenSslName(platform);
            foreach (var site in TlsSites.Protocols(platform))
                if (site.Version is TlsVersion.Ssl2 or TlsVersion.Ssl3)
                    yield return Report(site.OriginKey,
                        $"{site.Label} enables {TlsProtocolNames.OpenSsl(site.Version)}, which is broken ({(site.Version == TlsVersion.Ssl2 ? "DROWN" : "POODLE")}) and gone from {openSsl}; {site.Fix}.",
                        site.SubStart, site.SubLength);
        }
    }
}
