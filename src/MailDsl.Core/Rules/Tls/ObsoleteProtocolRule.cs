using System.Collections.Generic;
using MailDsl.Model;

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
            foreach (var site in TlsSites.Protocols(platform))
                if (site.Version is TlsVersion.Ssl2 or TlsVersion.Ssl3)
                    yield return Report(site.OriginKey,
                        $"{site.Label} enables {ProtocolNames.Of(site.Version)}, which is broken ({(site.Version == TlsVersion.Ssl2 ? "DROWN" : "POODLE")}) and gone from OpenSSL 3.0; {site.Fix}.",
                        site.SubStart, site.SubLength);
        }
    }

    /// <summary>Protocol names as daemons write them.</summary>
    internal static class ProtocolNames
    {
        /// <summary>OpenSSL's name for <paramref name="v"/>.</summary>
        public static string Of(TlsVersion v) => v switch
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
