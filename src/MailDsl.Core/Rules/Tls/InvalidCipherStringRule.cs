using System.Collections.Generic;
using MailDsl.Model;

namespace MailDsl.Rules.Tls
{
    /// <summary>MAIL1004: OpenSSL refuses the cipher string (bad syntax, or it selects no TLS 1.2 suite).</summary>
    internal sealed class InvalidCipherStringRule : Rule
    {
        /// <inheritdoc/>
        public override RuleDescriptor Descriptor => RuleCatalog.InvalidCipherString;

        /// <inheritdoc/>
        public override IEnumerable<Finding> Check(PlatformModel platform)
        {
            foreach (var site in TlsSites.CipherStrings(platform))
            {
                if (site.Result.IsValid) continue;
                var start = site.SpansInWritten ? site.Result.ErrorStart : -1;
                var length = start >= 0 ? site.Result.ErrorLength : 0;
                yield return Report(site.OriginKey,
                    $"{site.OpenSsl} refuses {site.Label} \"{site.Effective}\": {site.Result.Error}. The daemon will fail to start or offer no TLS 1.2 suite; "
                    + $"write a string `openssl ciphers` accepts, e.g. the {site.Profile.ProfileName} profile's.",
                    start, length);
            }
        }
    }
}
