using System.Collections.Generic;
using MailDsl.Directories;
using MailDsl.Model;

namespace MailDsl.Rules.Values
{
    /// <summary>
    /// MAIL3006: a base or bind DN that RFC 4514 does not read as a distinguished name (a part without '=', an empty part, an
    /// unescaped '"', ';', '&lt;' or '&gt;', a broken escape). MailDsl writes every DN re-escaped by RFC 4514
    /// (<see cref="DistinguishedNames.Escape"/>), so that no daemon expands or splits it; that needs a DN to start from. An
    /// empty base DN is MAIL5012's, a control character MAIL3001's.
    /// </summary>
    internal sealed class InvalidDistinguishedNameRule : Rule
    {
        /// <inheritdoc/>
        public override RuleDescriptor Descriptor => RuleCatalog.InvalidDistinguishedName;

        /// <inheritdoc/>
        public override IEnumerable<Finding> Check(PlatformModel platform)
        {
            foreach (var value in WrittenValues.Of(platform))
            {
                if (value.Kind != ValueKind.DistinguishedName || string.IsNullOrEmpty(value.Value) || ValueSafety.Find(value.Value, value.Kind) is not null) continue;
                if (DistinguishedNames.Problem(value.Value) is not { } problem) continue;
                yield return Report(value.OriginKey,
                    $"{value.Label} '{ValueSafety.Show(value.Value)}' is not a distinguished name: {problem.Why}. MailDsl writes the DN re-escaped by "
                    + "RFC 4514 into Postfix's, Dovecot's and SOGo's files, so it must read as one DN first. Write comma-separated type=value "
                    + "pairs, a special character inside a value escaped with '\\', e.g. ou=Sales\\, Europe,dc=example,dc=com.",
                    problem.Start, problem.Length);
            }
        }
    }
}
