using System;
using System.Collections.Generic;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using MailDsl.Model;

namespace MailDsl.Dns
{
    /// <summary>
    /// The MTA-STS policy file (RFC 8461 section 3.2) a platform serves at <c>https://mta-sts.&lt;domain&gt;/.well-known/mta-sts.txt</c>,
    /// and the <c>_mta-sts</c> TXT record's id (section 3.1: 1 to 32 letters and digits), which changes whenever the policy does.
    /// </summary>
    public static class MtaSts
    {
        /// <summary>Where the policy is served (RFC 8461 section 3.3), under the policy host.</summary>
        public const string WellKnownPath = "/.well-known/mta-sts.txt";

        /// <summary>The largest max_age (RFC 8461 section 3.2: about a year).</summary>
        public const long MaxAgeLimit = 31557600;

        /// <summary>The MX names a platform's DNS names for its domains: the MX layer's VIP, else each of its hosts.</summary>
        public static IReadOnlyList<string> MxNames(PlatformModel platform)
        {
            var mx = platform.SmtpIn;
            if (mx is null) return Array.Empty<string>();
            return !string.IsNullOrEmpty(mx.Vip) ? new[] { mx.Vip! } : mx.Hosts.Where(h => !string.IsNullOrEmpty(h)).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        }

        /// <summary>The policy's mx patterns: as written, else the MX names.</summary>
        public static IReadOnlyList<string> Patterns(PlatformModel platform, MtaStsPolicy policy)
            => policy.MxPatterns.Count > 0 ? policy.MxPatterns.Where(p => p is not null).ToList() : MxNames(platform);

        /// <summary>Whether <paramref name="pattern"/> matches the MX <paramref name="name"/> (RFC 8461 section 4.1: '*.' covers one label).</summary>
        public static bool Covers(string pattern, string name)
        {
            pattern = pattern.TrimEnd('.');
            name = name.TrimEnd('.');
            if (pattern.StartsWith("*.", StringComparison.Ordinal))
            {
                var dot = name.IndexOf('.');
                return dot > 0 && string.Equals(name.Substring(dot + 1), pattern.Substring(2), StringComparison.OrdinalIgnoreCase);
            }
            return string.Equals(pattern, name, StringComparison.OrdinalIgnoreCase);
        }

        /// <summary>The policy file's text, LF line endings (section 3.2 allows LF or CRLF).</summary>
        public static string PolicyText(PlatformModel platform, MtaStsPolicy policy)
        {
            var text = new StringBuilder();
            text.Append("version: STSv1\n");
            text.Append("mode: ").Append(policy.Mode.ToString().ToLowerInvariant()).Append('\n');
            foreach (var pattern in Patterns(platform, policy)) text.Append("mx: ").Append(pattern).Append('\n');
            text.Append("max_age: ").Append(policy.MaxAgeSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture)).Append('\n');
            return text.ToString();
        }

        /// <summary>The policy's id: 20 hex digits of the policy text's SHA-256, so a changed policy has a new id.</summary>
        public static string Id(string policyText)
        {
            using var sha = SHA256.Create();
            var hash = sha.ComputeHash(Encoding.UTF8.GetBytes(policyText));
            return string.Concat(hash.Take(10).Select(b => b.ToString("x2", System.Globalization.CultureInfo.InvariantCulture)));
        }
    }
}
