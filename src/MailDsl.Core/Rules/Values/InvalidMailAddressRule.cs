using System.Collections.Generic;
using System.Globalization;
using MailDsl.Model;

namespace MailDsl.Rules.Values
{
    /// <summary>
    /// MAIL3007: an alias or an alias target that is not one mail address <c>local@domain</c>: a local part of letters, digits
    /// and <c>. _ + -</c> (a dot-atom that starts with neither '.' nor '-', 64 characters at most) and a domain that is a host
    /// name. Postfix's alias table separates targets with ',' and whitespace, so a value holding more would add entries; a
    /// leading '-' reads as an option to the programs that deliver it. Characters the files cannot hold at all are MAIL3001's.
    /// </summary>
    internal sealed class InvalidMailAddressRule : Rule
    {
        /// <inheritdoc/>
        public override RuleDescriptor Descriptor => RuleCatalog.InvalidMailAddress;

        /// <inheritdoc/>
        public override IEnumerable<Finding> Check(PlatformModel platform)
        {
            foreach (var value in WrittenValues.Of(platform))
            {
                if (value.Kind != ValueKind.MailAddress || value.Value is null || ValueSafety.Find(value.Value, value.Kind) is not null) continue;
                if (Problem(value.Value) is not { } problem) continue;
                yield return Report(value.OriginKey,
                    $"{value.Label} '{ValueSafety.Show(value.Value)}' is not one mail address: {problem.Why}. Postfix's alias table would read it "
                    + "as something else (another target after ',', an option after '-'). Write one address local@domain, e.g. it-team@example.com, "
                    + "and give each further target as an argument of its own.",
                    problem.Start, problem.Length);
            }
        }

        /// <summary>Why <paramref name="address"/> is not one mail address, and where; null when it is one.</summary>
        internal static (string Why, int Start, int Length)? Problem(string address)
        {
            var at = address.LastIndexOf('@');
            if (at < 0) return ("it has no '@' and domain", 0, address.Length);
            var local = address.Substring(0, at);
            var domain = address.Substring(at + 1);
            if (local.Length == 0) return ("its local part (before '@') is empty", 0, 1);
            if (local.Length > 64) return ($"its local part is {local.Length.ToString(CultureInfo.InvariantCulture)} characters long, more than the 64 RFC 5321 allows", 0, local.Length);
            for (var i = 0; i < local.Length; i++)
            {
                var c = local[i];
                var ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c is '.' or '_' or '+' or '-';
                if (!ok) return ($"its local part holds {ValueSafety.Describe(c)}: a local part here is letters, digits and . _ + -", i, 1);
            }
            if (local[0] is '.' or '-') return ($"its local part starts with '{local[0]}'", 0, 1);
            if (local[local.Length - 1] == '.') return ("its local part ends with '.'", local.Length - 1, 1);
            var dots = local.IndexOf("..", System.StringComparison.Ordinal);
            if (dots >= 0) return ("its local part has two dots in a row", dots, 2);
            if (InvalidHostNameRule.Problem(domain, allowAddress: false) is { } bad)
                return ($"its domain '{domain}' is not a host name: {bad.Text}", at + 1 + (bad.Start < 0 ? 0 : bad.Start), bad.Start < 0 ? domain.Length : bad.Length);
            return null;
        }
    }
}
