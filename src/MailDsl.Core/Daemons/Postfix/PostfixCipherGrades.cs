using System;
using System.Collections.Generic;
using System.Text;

namespace MailDsl.Daemons.Postfix
{
    /// <summary>
    /// Postfix's cipher grades: a <c>*_tls_ciphers</c> / <c>*_tls_mandatory_ciphers</c> value names a grade whose
    /// OpenSSL string is <c>tls_&lt;grade&gt;_cipherlist</c>, and each <c>*_exclude_ciphers</c> item is appended as
    /// <c>:!item</c> (Postfix's <c>tls_set_ciphers</c>). Defaults are Postfix 3.7's (<c>postconf -d</c>).
    /// </summary>
    public static class PostfixCipherGrades
    {
        /// <summary>The grades and Postfix 3.7's default cipher list for each.</summary>
        public static IReadOnlyDictionary<string, string> DefaultCipherLists { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["high"] = "aNULL:-aNULL:HIGH:@STRENGTH",
            ["medium"] = "aNULL:-aNULL:HIGH:MEDIUM:+RC4:@STRENGTH",
            ["low"] = "aNULL:-aNULL:HIGH:MEDIUM:LOW:+RC4:@STRENGTH",
            ["export"] = "aNULL:-aNULL:HIGH:MEDIUM:LOW:EXPORT:+RC4:@STRENGTH",
            ["null"] = "eNULL:!aNULL",
        };

        /// <summary>The grade Postfix 3.7 uses when a <c>*_tls_ciphers</c> or <c>*_tls_mandatory_ciphers</c> setting is absent.</summary>
        public const string DefaultGrade = "medium";

        /// <summary>The Postfix parameter that holds <paramref name="grade"/>'s list, e.g. <c>tls_high_cipherlist</c>.</summary>
        public static string CipherListParameter(string grade) => "tls_" + grade + "_cipherlist";

        /// <summary>Whether <paramref name="key"/> is a grade setting (<c>smtpd_tls_ciphers</c>, <c>smtp_tls_mandatory_ciphers</c>, ...).</summary>
        public static bool IsGradeSetting(string key)
            => key is "smtpd_tls_ciphers" or "smtp_tls_ciphers" or "smtpd_tls_mandatory_ciphers" or "smtp_tls_mandatory_ciphers"
               or "lmtp_tls_ciphers" or "lmtp_tls_mandatory_ciphers";

        /// <summary>The exclusion settings that apply to grade setting <paramref name="key"/>: mandatory TLS also applies the general exclusions.</summary>
        public static IReadOnlyList<string> ExclusionSettings(string key)
        {
            var prefix = key.Substring(0, key.IndexOf("_tls_", StringComparison.Ordinal));
            return key.Contains("_mandatory_")
                ? new[] { prefix + "_tls_exclude_ciphers", prefix + "_tls_mandatory_exclude_ciphers" }
                : new[] { prefix + "_tls_exclude_ciphers" };
        }

        /// <summary>
        /// The OpenSSL string Postfix hands to OpenSSL for <paramref name="grade"/> with <paramref name="exclusions"/>
        /// (comma, space or colon separated). <paramref name="cipherListOverrides"/> are <c>tls_*_cipherlist</c> values
        /// written in the same configuration. Null when the grade is unknown to Postfix.
        /// </summary>
        public static string? Expand(string grade, IEnumerable<string> exclusions, IReadOnlyDictionary<string, string>? cipherListOverrides = null)
        {
            var g = (grade ?? "").Trim();
            if (!DefaultCipherLists.TryGetValue(g, out var list)) return null;
            if (cipherListOverrides is not null && cipherListOverrides.TryGetValue(CipherListParameter(g), out var over)) list = over;
            var sb = new StringBuilder(list);
            foreach (var exclusion in exclusions)
                foreach (var item in (exclusion ?? "").Split(new[] { ',', ' ', '\t', ':' }, StringSplitOptions.RemoveEmptyEntries))
                    sb.Append(":!").Append(item);
            return sb.ToString();
        }
    }
}
