using System.Collections.Generic;
using System.Globalization;
using MailDsl.Model;

namespace MailDsl.Rules.Values
{
    /// <summary>
    /// MAIL3003: the domain, a host, a VIP or the host of a server URL SOGo dials is not an RFC 1123 host name (labels of 1-63 letters, digits and
    /// hyphens, not starting or ending with a hyphen, 253 characters in all). Postfix's myhostname, nginx's
    /// server_name and the certificate's names all need one. VIPs and the servers other hosts dial (directory, databases) may also
    /// be IP addresses; the domain and the layers' hosts may not (Postfix's myhostname warns on one, postmap with it).
    /// Values with characters the files cannot hold are left to MAIL3001, so one mistake gives one error.
    /// </summary>
    internal sealed class InvalidHostNameRule : Rule
    {
        /// <inheritdoc/>
        public override RuleDescriptor Descriptor => RuleCatalog.InvalidHostName;

        /// <inheritdoc/>
        public override IEnumerable<Finding> Check(PlatformModel platform)
        {
            foreach (var value in WrittenValues.Of(platform))
            {
                if (ValueSafety.Find(value.Value, value.Kind) is not null) continue;
                if (value.Kind == ValueKind.Url)
                {
                    if (UrlHost(value.Value ?? "") is not { } host || Problem(host.Name, allowAddress: true) is not { } inUrl) continue;
                    var urlMessage = $"{value.Label} '{ValueSafety.Show(value.Value)}' names the host '{host.Name}', which is not a valid host name: {inUrl.Text}. "
                        + "SOGo would dial a name that cannot resolve (the guide's IMAP_VIP_OR_FQDN is a placeholder to replace). "
                        + "Write the VIP or host name, e.g. imaps://imap.example.com:993, or leave the URL out to dial the layer's VIP.";
                    yield return Report(value.OriginKey, urlMessage, inUrl.Start < 0 ? host.Start : host.Start + inUrl.Start, inUrl.Start < 0 ? host.Name.Length : inUrl.Length);
                    continue;
                }
                if (value.Kind == ValueKind.MtaStsMxPattern)
                {
                    var (name, start) = Dns.DnsValueGrammar.MxPatternName(value.Value ?? "");
                    if (Problem(name, allowAddress: false) is not { } inPattern) continue;
                    var patternMessage = $"{value.Label} '{ValueSafety.Show(value.Value)}' does not cover a valid host name: {inPattern.Text}. "
                        + "An MTA-STS mx pattern is an MX host's name, or '*.' and the name one label above it (RFC 8461 section 4.1); senders match it against the MX they look up. "
                        + "Write e.g. mx-01.example.com or *.example.com.";
                    yield return Report(value.OriginKey, patternMessage, inPattern.Start < 0 ? start : start + inPattern.Start, inPattern.Start < 0 ? name.Length : inPattern.Length);
                    continue;
                }
                if (value.Kind is not (ValueKind.HostName or ValueKind.DnsName)) continue;
                var allowAddress = value.Kind == ValueKind.HostName;
                if (Problem(value.Value ?? "", allowAddress) is not { } problem) continue;
                var message = $"{value.Label} '{ValueSafety.Show(value.Value)}' is not a valid host name: {problem.Text}. "
                    + "Postfix (myhostname), nginx (server_name), SOGo and the certificate's names need an RFC 1123 host name. "
                    + "Write labels of letters, digits and hyphens separated by dots, e.g. smtp-in-01.example.com.";
                yield return Report(value.OriginKey, message, problem.Start, problem.Length);
            }
        }

        /// <summary>The host of a <c>scheme://host[:port][/path]</c> URL and where it starts, or null when it has no such form.</summary>
        private static (string Name, int Start)? UrlHost(string url)
        {
            var scheme = url.IndexOf("://", System.StringComparison.Ordinal);
            if (scheme < 0) return null;
            var start = scheme + 3;
            if (start < url.Length && url[start] == '[')
            {
                var close = url.IndexOf(']', start);
                return close < 0 ? null : (url.Substring(start + 1, close - start - 1), start + 1);
            }
            var end = url.IndexOfAny(new[] { ':', '/', '?' }, start);
            if (end < 0) end = url.Length;
            return (url.Substring(start, end - start), start);
        }

        internal sealed record HostNameProblem(string Text, int Start, int Length);

        internal static HostNameProblem? Problem(string name, bool allowAddress)
        {
            if (name.Length == 0) return new HostNameProblem("it is empty", -1, 0);
            if (allowAddress && Topology.Addresses.IsAddress(name)) return null;
            if (name.Length > 253) return new HostNameProblem($"it is {name.Length} characters long, more than the 253 DNS allows", -1, 0);
            var start = 0;
            string? lastLabel = null;
            var lastStart = 0;
            while (start <= name.Length)
            {
                var dot = name.IndexOf('.', start);
                var end = dot < 0 ? name.Length : dot;
                var label = name.Substring(start, end - start);
                if (label.Length == 0)
                {
                    var where = start == 0 ? "it starts with a dot" : end == name.Length ? "it ends with a dot" : "it has two dots in a row";
                    return new HostNameProblem(where + " (an empty label)", end == name.Length ? name.Length - 1 : start, 1);
                }
                if (label.Length > 63)
                    return new HostNameProblem($"the label '{label}' is {label.Length} characters long, more than the 63 DNS allows", start, label.Length);
                for (var i = 0; i < label.Length; i++)
                {
                    var c = label[i];
                    var ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-';
                    if (!ok)
                        return new HostNameProblem($"the label '{label}' contains {ValueSafety.Describe(c)}, and a label holds only letters, digits and hyphens", start + i, 1);
                }
                if (label[0] == '-' || label[label.Length - 1] == '-')
                    return new HostNameProblem($"the label '{label}' starts or ends with a hyphen", start, label.Length);
                lastLabel = label;
                lastStart = start;
                if (dot < 0) break;
                start = dot + 1;
            }
            if (lastLabel is not null && IsAllDigits(lastLabel))
                return new HostNameProblem($"its last label '{lastLabel}' is all digits, so resolvers take it for an address", lastStart, lastLabel.Length);
            return null;
        }

        private static bool IsAllDigits(string text)
        {
            foreach (var c in text)
                if (c < '0' || c > '9') return false;
            return text.Length > 0;
        }
    }
}
