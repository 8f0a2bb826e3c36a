using System;
using System.Collections.Generic;
using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using MailDsl.Daemons.Settings;

namespace MailDsl.Daemons.Nginx
{
    /// <summary>
    /// What nginx -t makes of one directive of a raw location for its arguments, from the target's nginx catalogue (read off
    /// nginx -t by scripts/catalogs/nginx_catalog.py): how many it takes, and whether each is any text, on or off, or one of
    /// nginx's numbers, sizes (k, m), offsets (k, m, g) or times; the directives most raw locations use with a grammar of
    /// their own (<c>return</c>, <c>expires</c>, <c>allow</c>, <c>deny</c>, <c>add_header</c>, <c>add_trailer</c>) are read here
    /// as nginx reads them, the other such directives are said to be unchecked. A <c>$variable</c> must be one nginx has.
    /// </summary>
    internal static class NginxDirectiveValues
    {
        /// <summary>A refusal or an unchecked value of one directive: why, and whether nginx refuses it.</summary>
        public sealed record Verdict(string Why, bool Refused);

        // Variables of nginx's core and the modules Debian builds in, each accepted by nginx -t of Debian 12 and 13
        // (FoundHolesTests holds them to both); families of their own by prefix; $1-$9 captures.
        internal static readonly HashSet<string> Variables = new(StringComparer.Ordinal)
        {
            "host", "request_uri", "uri", "document_uri", "args", "query_string", "is_args", "scheme", "https", "server_name", "server_port",
            "server_addr", "server_protocol", "remote_addr", "remote_port", "remote_user", "binary_remote_addr", "request_method", "request",
            "request_id", "request_time", "request_length", "request_filename", "request_body", "request_body_file", "document_root",
            "realpath_root", "content_type", "content_length", "status", "body_bytes_sent", "bytes_sent", "msec", "time_iso8601", "time_local",
            "hostname", "pid", "nginx_version", "connection", "connection_requests", "connection_time", "limit_rate", "proxy_add_x_forwarded_for",
            "proxy_host", "proxy_port", "upstream_addr", "upstream_status", "upstream_response_time", "ssl_protocol", "ssl_cipher",
            "ssl_server_name", "ssl_client_verify", "ssl_session_id", "realip_remote_addr", "gzip_ratio", "request_completion", "pipe",
            "date_local", "date_gmt", "uid_got", "uid_set", "secure_link", "fastcgi_script_name", "invalid_referer", "tcpinfo_rtt",
            "proxy_protocol_addr",
        };

        private static readonly string[] VariablePrefixes = { "arg_", "http_", "cookie_", "sent_http_", "upstream_http_", "upstream_cookie_", "sent_trailer_", "upstream_trailer_" };

        private static readonly Regex Variable = new(@"\$(\{)?([A-Za-z0-9_]+)(?(1)\})", RegexOptions.CultureInvariant);

        /// <summary>What nginx -t makes of <paramref name="words"/> (the directive's name and arguments), or null when it takes them.</summary>
        /// <param name="words">The directive as nginx tokenizes it.</param>
        /// <param name="arguments">The catalogue's third column for it: <c>COUNTS:KIND</c>.</param>
        /// <param name="captures">Names the location's regular expression captures (<c>(?&lt;name&gt;...)</c>), usable as variables.</param>
        public static Verdict? Check(IReadOnlyList<string> words, string arguments, ISet<string> captures)
        {
            var name = words[0];
            var count = words.Count - 1;
            var colon = arguments.IndexOf(':');
            var counts = colon < 0 ? arguments : arguments.Substring(0, colon);
            var kind = colon < 0 ? "checked" : arguments.Substring(colon + 1);
            if (!CountTaken(counts, count))
                return new Verdict($"'{name}' takes {Describe(counts)}, not {Plural(count)} (nginx -t: 'invalid number of arguments in \"{name}\" directive')", true);
            for (var i = 1; i < words.Count; i++)
                foreach (Match m in Variable.Matches(words[i]))
                {
                    var variable = m.Groups[2].Value;
                    if (KnownVariable(variable, captures)) continue;
                    return new Verdict($"'${variable}' is no variable nginx has (nginx -t: 'unknown \"{variable}\" variable'); write one of nginx's ($host, $request_uri, $arg_NAME, $http_NAME...) or a capture of the location", true);
                }
            switch (name)
            {
                case "return": return Return(words);
                case "expires": return Expires(words);
                case "allow":
                case "deny": return Access(words);
                case "add_header":
                case "add_trailer":
                    return count == 3 && words[3] != "always" ? new Verdict($"the third argument of '{name}' can only be 'always', not '{words[3]}' (nginx -t: 'invalid parameter')", true) : null;
            }
            switch (kind)
            {
                case "text":
                    return null;
                case "flag":
                    for (var i = 1; i < words.Count; i++)
                        if (!words[i].Equals("on", StringComparison.OrdinalIgnoreCase) && !words[i].Equals("off", StringComparison.OrdinalIgnoreCase))
                            return new Verdict($"'{name}' takes on or off, not '{words[i]}' (nginx -t: 'it must be \"on\" or \"off\"')", true);
                    return null;
                case "num":
                case "size":
                case "offset":
                case "sec":
                case "msec":
                    for (var i = 1; i < words.Count; i++)
                        if (!Typed(kind, words[i]))
                            return new Verdict($"'{name}' takes {KindText(kind)}, not '{words[i]}' (nginx -t: '\"{name}\" directive invalid value')", true);
                    return null;
                default:
                    return new Verdict($"'{name}' has a grammar of its own that MailDsl does not repeat, so it cannot tell whether nginx takes these arguments; nginx -t in install.sh will, before nginx is reloaded", false);
            }
        }

        private static bool KnownVariable(string variable, ISet<string> captures)
        {
            if (variable.Length == 1 && variable[0] >= '0' && variable[0] <= '9') return true;
            if (Variables.Contains(variable) || captures.Contains(variable)) return true;
            foreach (var prefix in VariablePrefixes)
                if (variable.StartsWith(prefix, StringComparison.Ordinal) && variable.Length > prefix.Length) return true;
            return false;
        }

        private static bool CountTaken(string counts, int count)
        {
            foreach (var part in counts.Split(','))
            {
                if (part.EndsWith("+", StringComparison.Ordinal))
                {
                    if (int.TryParse(part.TrimEnd('+'), NumberStyles.None, CultureInfo.InvariantCulture, out var low) && count >= low) return true;
                }
                else if (int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var exact) && exact == count) return true;
            }
            return false;
        }

        private static string Describe(string counts)
        {
            var parts = new List<string>();
            foreach (var part in counts.Split(','))
                parts.Add(part.EndsWith("+", StringComparison.Ordinal) ? part.TrimEnd('+') + " or more" : part);
            var text = parts.Count == 1 ? parts[0] : string.Join(", ", parts.GetRange(0, parts.Count - 1)) + " or " + parts[parts.Count - 1];
            return text + (text == "1" ? " argument" : " arguments");
        }

        private static string Plural(int n) => n == 1 ? "1" : n.ToString(CultureInfo.InvariantCulture);

        private static string KindText(string kind) => kind switch
        {
            "num" => "a whole number",
            "size" => "a size: a whole number, or with k or m (64k)",
            "offset" => "a size: a whole number, or with k, m or g (50m)",
            "sec" => "a time in seconds or longer: 30s, 5m, 1h, 1d (a number alone is seconds)",
            _ => "a time: 500ms, 30s, 5m, 1h (a number alone is milliseconds)",
        };

        private static bool Typed(string kind, string value)
        {
            switch (kind)
            {
                case "num":
                    return Digits(value);
                case "size":
                case "offset":
                    var last = value.Length > 0 ? char.ToLowerInvariant(value[value.Length - 1]) : '\0';
                    var units = kind == "size" ? "km" : "kmg";
                    return Digits(units.IndexOf(last) >= 0 ? value.Substring(0, value.Length - 1) : value);
                default:
                    return Time(value, seconds: kind == "sec");
            }
        }

        private static bool Digits(string value)
        {
            if (value.Length == 0 || value.Length > 18) return false;
            foreach (var c in value) if (c < '0' || c > '9') return false;
            return true;
        }

        // ngx_parse_time: numbers each followed by a unit, the units in decreasing order (y, M, w, d, h, m, s; ms only in
        // milliseconds, y and M only in seconds), the last number may go without one.
        private static bool Time(string value, bool seconds)
        {
            var order = seconds ? new[] { "y", "M", "w", "d", "h", "m", "s" } : new[] { "w", "d", "h", "m", "s", "ms" };
            var step = -1;
            var i = 0;
            var any = false;
            while (i < value.Length)
            {
                var start = i;
                while (i < value.Length && value[i] >= '0' && value[i] <= '9') i++;
                if (i == start) return false;
                any = true;
                if (i == value.Length) return true;
                var unit = value[i] == 'm' && i + 1 < value.Length && value[i + 1] == 's' ? "ms" : value[i].ToString();
                var at = Array.IndexOf(order, unit);
                if (at < 0 || at <= step) return false;
                step = at;
                i += unit.Length;
            }
            return any;
        }

        // return CODE [TEXT|URL] | return URL: a code from 0 to 999; one argument alone must be a code or start with
        // http://, https:// or $scheme.
        private static Verdict? Return(IReadOnlyList<string> words)
        {
            var first = words[1];
            if (Digits(first) && first.Length <= 3) return null;
            if (words.Count == 2 && (first.StartsWith("http://", StringComparison.Ordinal) || first.StartsWith("https://", StringComparison.Ordinal)
                || first.StartsWith("$scheme", StringComparison.Ordinal))) return null;
            return new Verdict($"'return' takes a status code from 0 to 999 (then a text or URL), or a URL that starts with http://, https:// or $scheme alone, not '{first}' (nginx -t: 'invalid return code')", true);
        }

        // expires [modified] TIME | epoch | max | off | @TIME: a time in seconds, possibly negative.
        private static Verdict? Expires(IReadOnlyList<string> words)
        {
            var value = words.Count == 3 ? words[2] : words[1];
            if (words.Count == 3 && words[1] != "modified")
                return new Verdict($"'expires' with two arguments takes 'modified' then a time, not '{words[1]}' (nginx -t: 'invalid value')", true);
            if (words.Count == 2 && value is "epoch" or "max" or "off") return null;
            if (words.Count == 2 && value.StartsWith("@", StringComparison.Ordinal) && Time(value.Substring(1), seconds: true)) return null;
            if (Time(value.StartsWith("-", StringComparison.Ordinal) ? value.Substring(1) : value, seconds: true)) return null;
            return new Verdict($"'expires' takes a time (1h, 30d, -1, @12h), epoch, max or off, not '{value}' (nginx -t: '\"expires\" directive invalid value')", true);
        }

        // allow|deny all | unix: | ADDRESS[/BITS]: the bits no more than the address has, and no address bits beyond them
        // (nginx -t warns 'low address bits of ... are meaningless').
        private static Verdict? Access(IReadOnlyList<string> words)
        {
            var value = words[1];
            if (value is "all" or "unix:") return null;
            var slash = value.IndexOf('/');
            var address = slash < 0 ? value : value.Substring(0, slash);
            var v4 = Regex.IsMatch(address, @"^(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])(\.(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])){3}$");
            var v6 = !v4 && address.Contains(":") && !address.Contains("%") && IPAddress.TryParse(address, out var parsed6) && parsed6.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6;
            if (!v4 && !v6) return new Verdict($"'{words[0]}' takes all, unix: or an IP address with an optional /bits, not '{value}' (nginx -t: 'invalid parameter')", true);
            if (slash < 0) return null;
            var bitsText = value.Substring(slash + 1);
            var max = v4 ? 32 : 128;
            if (!Digits(bitsText) || bitsText.Length > 3 || int.Parse(bitsText, CultureInfo.InvariantCulture) > max)
                return new Verdict($"'{value}' has no valid prefix length (0 to {max}) (nginx -t: 'invalid parameter')", true);
            var bits = int.Parse(bitsText, CultureInfo.InvariantCulture);
            var bytes = IPAddress.Parse(address).GetAddressBytes();
            for (var b = bits; b < bytes.Length * 8; b++)
                if ((bytes[b / 8] & (0x80 >> (b % 8))) != 0)
                    return new Verdict($"'{value}' sets address bits beyond its /{bits} (nginx -t warns 'low address bits of {value} are meaningless'); write the network's own address", true);
            return null;
        }
    }
}
