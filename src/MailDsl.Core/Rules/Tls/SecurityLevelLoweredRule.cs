using System;
using System.Collections.Generic;
using System.Linq;
using MailDsl.Model;
using MailDsl.Tls.CipherString;

namespace MailDsl.Rules.Tls
{
    /// <summary>
    /// MAIL1009: a cipher string's <c>@SECLEVEL=n</c> lowers OpenSSL's security level below the one the profile works at
    /// (2 for modern and intermediate), which lets in short keys, SHA-1 signatures, old protocols and worse.
    /// </summary>
    internal sealed class SecurityLevelLoweredRule : Rule
    {
        /// <inheritdoc/>
        public override RuleDescriptor Descriptor => RuleCatalog.SecurityLevelLowered;

        /// <inheritdoc/>
        public override IEnumerable<Finding> Check(PlatformModel platform)
        {
            foreach (var site in TlsSites.CipherStrings(platform))
            {
                // The last @SECLEVEL wins; an earlier one a later one overrides changes nothing.
                var last = site.Result.Tokens.LastOrDefault(t => t.Kind == CipherTokenKind.Command && t.Text.StartsWith("@SECLEVEL=", StringComparison.Ordinal));
                if (last is null || site.Result.SecurityLevel is not { } level || level >= site.Profile.SecurityLevel) continue;
                var (start, length) = site.SpanOf(last);
                yield return Report(site.OriginKey,
                    $"In {site.Label}, '{last.Text}' lowers {site.OpenSsl}'s security level from {site.Profile.SecurityLevel}, the level the {site.Profile.Description} works at "
                    + $"({Bits(site.Profile.SecurityLevel)}), to {level}: {Enables(level, site.Catalog.Version)}, for any client that asks. "
                    + $"Remove '{last.Text}' (level {site.Profile.SecurityLevel} is OpenSSL's default), and fix the peer that needed it instead.",
                    start, length);
            }
        }

        private static string Bits(int level) => level switch
        {
            0 => "no minimum",
            1 => "80-bit security: RSA and DH keys of 1024 bits and up",
            2 => "112-bit security: RSA and DH keys of 2048 bits and up, EC keys of 224 bits and up, no SHA-1 signatures",
            3 => "128-bit security: RSA and DH keys of 3072 bits and up, forward secrecy required",
            4 => "192-bit security",
            _ => "256-bit security",
        };

        /// <summary>What OpenSSL 3's level <paramref name="level"/> lets in that level 2 refuses (SSL_CTX_set_security_level(3); OpenSSL 3.0's NEWS).</summary>
        private static string Enables(int level, Targets.SoftwareVersion openSsl)
        {
            if (level >= 1)
                return "it accepts RSA and DH keys of 1024 to 2047 bits and EC keys of 160 to 223 bits, which level 2 refuses";
            return "it accepts keys and certificates of any size (512-bit RSA and DH included), SHA-1 and MD5 signatures on certificates and handshakes, "
                + "SSLv3, TLS 1.0 and 1.1 handshakes (OpenSSL 3 negotiates them only at level 0), anonymous and unencrypted suites wherever the cipher string selects them"
                + (openSsl.AtLeast(3, 2) ? ", and the CCM8 suites with their 64-bit tags (level 0 only since OpenSSL 3.2)" : "");
        }
    }
}
