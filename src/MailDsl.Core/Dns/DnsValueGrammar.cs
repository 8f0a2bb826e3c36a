using System.Globalization;
using MailDsl.Rules.Values;

namespace MailDsl.Dns
{
    /// <summary>
    /// What an MTA-STS mx pattern and a TLS-RPT URI may hold, given where they are written: the pattern as one
    /// <c>mx: PATTERN</c> line of the policy file senders read line by line as <c>key: value</c> (RFC 8461 section 3.2), the URI
    /// inside the quoted <c>_smtp._tls</c> TXT record of the zone fragment (RFC 8460 section 3), where ',' separates URIs, ';'
    /// ends the field, and a quote, a backslash or a line break ends or escapes the zone file's string.
    /// </summary>
    internal static class DnsValueGrammar
    {
        /// <summary>
        /// The first character of an mx pattern outside a DNS name's letters, digits, hyphens and dots, with <c>*.</c> only at
        /// its start (RFC 8461 section 4.1), or null. The labels themselves are MAIL3003's (<see cref="MxPatternName"/>).
        /// </summary>
        public static UnsafeSpot? FindInMxPattern(string value)
        {
            if (value.Length == 0) return new UnsafeSpot(0, 0, "is empty", "an mx pattern is a DNS name, or '*.' and a DNS name (RFC 8461 section 3.2)");
            for (var i = 0; i < value.Length; i++)
            {
                var c = value[i];
                if (char.IsControl(c)) return ValueSafety.Control(value, i);
                if (IsNameCharacter(c)) continue;
                if (c == '*' && i == 0 && value.Length > 1 && value[1] == '.') continue;
                return ValueSafety.Spot(i, c, c == '*'
                    ? "a '*' in an mx pattern stands for one whole label and only at its start, as in '*.example.com' (RFC 8461 section 4.1)"
                    : "an mx pattern is written as one 'mx:' line of the MTA-STS policy file, which senders read line by line as 'key: value' (RFC 8461 section 3.2): it holds a DNS name's letters, digits, hyphens and dots, and a leading '*.', only");
            }
            return null;
        }

        /// <summary>The DNS name an mx pattern covers names under, and where it starts in the pattern (after a leading <c>*.</c>).</summary>
        public static (string Name, int Start) MxPatternName(string pattern)
            => pattern.StartsWith("*.", System.StringComparison.Ordinal) ? (pattern.Substring(2), 2) : (pattern, 0);

        /// <summary>
        /// The first place a TLS-RPT report URI cannot be written, or null: <c>mailto:</c> and one mail address, or
        /// <c>https://</c>, a DNS name, an optional port and a path or query of URI characters that are not syntax in the record.
        /// </summary>
        public static UnsafeSpot? FindInTlsRptUri(string value)
        {
            const string Schemes = "a TLS-RPT rua URI is 'mailto:' and a mail address or 'https://' and a host (RFC 8460 section 3)";
            for (var i = 0; i < value.Length; i++)
            {
                var c = value[i];
                if (char.IsControl(c)) return ValueSafety.Control(value, i);
                if (IsNameCharacter(c) || c is '_' or '~' or '/' or '=' or '&' or '?' or '+' or '@' or ':') continue;
                if (c == '%')
                {
                    if (i + 2 < value.Length && IsHex(value[i + 1]) && IsHex(value[i + 2])) { i += 2; continue; }
                    return ValueSafety.Spot(i, c, "'%' starts a percent-escape of two hex digits in a URI (RFC 3986 section 2.1)");
                }
                return ValueSafety.Spot(i, c, c switch
                {
                    ',' => "',' separates the report URIs of the rua field (RFC 8460 section 3), so the rest would be another URI: write it as %2C",
                    ';' => "';' ends the rua field of the _smtp._tls record (RFC 8460 section 3), so the rest would be a field of its own: write it as %3B",
                    '"' or '\\' => "the URI is written inside the quoted TXT string of the zone fragment, where a quote ends the string and a backslash escapes the next character",
                    _ when char.IsWhiteSpace(c) => "whitespace ends a URI, and the rest would be read as other text of the TXT record",
                    _ when c > '~' => "URIs and DNS TXT records here are ASCII: percent-encode the character's UTF-8 bytes",
                    _ => "the URI is written into the TXT record of the zone fragment, and RFC 3986 wants this character percent-encoded",
                });
            }
            if (value.StartsWith("mailto:", System.StringComparison.Ordinal))
            {
                var address = value.Substring("mailto:".Length);
                if (InvalidMailAddressRule.Problem(address) is { } bad)
                    return new UnsafeSpot(7 + bad.Start, bad.Length, "is not 'mailto:' and one mail address", bad.Why);
                return null;
            }
            if (!value.StartsWith("https://", System.StringComparison.Ordinal))
                return new UnsafeSpot(0, value.Length, "does not start with 'mailto:' or 'https://'", Schemes + "; senders ignore other schemes");
            var start = "https://".Length;
            var end = value.IndexOfAny(new[] { ':', '/', '?' }, start);
            if (end < 0) end = value.Length;
            var host = value.Substring(start, end - start);
            if (InvalidHostNameRule.Problem(host, allowAddress: false) is { } problem)
                return new UnsafeSpot(start + (problem.Start < 0 ? 0 : problem.Start), problem.Start < 0 ? host.Length : problem.Length,
                    "names the host '" + host + "'", "which is not a DNS name: " + problem.Text);
            var rest = end;
            if (rest < value.Length && value[rest] == ':')
            {
                var portEnd = value.IndexOfAny(new[] { '/', '?' }, rest + 1);
                if (portEnd < 0) portEnd = value.Length;
                var port = value.Substring(rest + 1, portEnd - rest - 1);
                if (!int.TryParse(port, NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n < 1 || n > 65535 || port.Length > 5)
                    return new UnsafeSpot(rest, portEnd - rest, "has the port '" + port + "'", "a port is a number from 1 to 65535");
                rest = portEnd;
            }
            if (value.IndexOf('@', rest) >= 0 || value.IndexOf("//", rest, System.StringComparison.Ordinal) >= 0)
                return new UnsafeSpot(rest, value.Length - rest, "has '@' or '//' after its host", Schemes + ": a path or query here names no other host or user");
            return null;
        }

        private static bool IsNameCharacter(char c) => (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c is '-' or '.';

        private static bool IsHex(char c) => (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }
}
