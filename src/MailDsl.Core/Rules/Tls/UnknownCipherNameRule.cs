using System.Collections.Generic;
using System.Linq;
using MailDsl.Model;
using MailDsl.Tls.Catalog;

namespace MailDsl.Rules.Tls
{
    /// <summary>MAIL1003: a cipher string names something the target's OpenSSL does not know, so the token does nothing.</summary>
    internal sealed class UnknownCipherNameRule : Rule
    {
        /// <inheritdoc/>
        public override RuleDescriptor Descriptor => RuleCatalog.UnknownCipherName;

        /// <inheritdoc/>
        public override IEnumerable<Finding> Check(PlatformModel platform)
        {
            foreach (var site in TlsSites.CipherStrings(platform))
            {
                foreach (var token in site.Result.UnknownTokens)
                {
                    // OpenSSL stops reading a name at the first character outside [A-Za-z0-9.=-], so for
                    // TLS_AES_128_GCM_SHA256 it only looked up "TLS"; judge and name what was written.
                    var written = token.Text.TrimStart('!', '-', '+');
                    var name = written.IndexOf('_') >= 0 && written.IndexOf('+') < 0 ? written : token.UnknownName ?? token.Text;
                    var iana = site.Catalog.FindByIanaName(name);
                    var why = CipherCatalog.RetiredNames.TryGetValue(name, out var retired) ? $" ({retired})"
                        : site.Catalog.AllTls13Suites.Contains(name) || CipherCatalog.OpenSsl35.AllTls13Suites.Contains(name) ? " (a TLS 1.3 suite: cipher strings only govern TLS 1.2 and below; TLS 1.3 suites are set separately, e.g. Dovecot ssl_cipher_suites, nginx ssl_conf_command Ciphersuites)"
                        : iana is not null ? $" (the IANA name of OpenSSL's {iana.Name}; OpenSSL reads IANA names in cipher strings from 3.2 on)"
                        : "";
                    var closest = iana?.Name ?? (why.Length == 0 ? CipherMessages.ClosestName(name, site.Catalog) : null);
                    var instead = closest is not null ? $"Did you mean '{closest}'?" : "Remove it, or write a name from `openssl ciphers -v ALL:COMPLEMENTOFALL` or an alias such as HIGH, aNULL, kRSA.";
                    var (start, length) = site.SpanOf(token);
                    var finding = Report(site.OriginKey,
                        $"In {site.Label}, {site.OpenSsl} does not know '{name}'{why} and silently ignores '{token.Text}', so it selects and excludes nothing. {instead}",
                        start, length);
                    // The corrected string for a code fix: the misspelled name replaced by the suggestion, in place.
                    var at = start >= 0 ? site.Written.IndexOf(name, start, System.StringComparison.Ordinal) : -1;
                    if (closest is not null && at >= 0 && at + name.Length <= start + length)
                        finding = finding with { Properties = EquatableArray.Of(new FindingProperty(FixProperties.FixedValue, site.Written.Substring(0, at) + closest + site.Written.Substring(at + name.Length))) };
                    yield return finding;
                }
            }
        }
    }
}
