using System.Collections.Generic;
using MailDsl.Model;
using MailDsl.Rules;
using MailDsl.Rules.Values;

namespace MailDsl.Daemons.Nginx
{
    /// <summary>
    /// MAIL4002: a raw nginx location whose match starts with '^' but has no '~' (or '~*') modifier, like the
    /// guide's <c>location ^/SOGo/so/ControlPanel/...</c>. nginx takes it as a literal prefix; no request path
    /// starts with '^', so the block never matches. ('^~' is nginx's own prefix modifier and is fine.)
    /// The fixed match is carried in <see cref="FixProperties.FixedValue"/>.
    /// </summary>
    internal sealed class NginxRegexWithoutTildeRule : Rule
    {
        /// <inheritdoc/>
        public override RuleDescriptor Descriptor => RuleCatalog.NginxRegexWithoutTilde;

        /// <inheritdoc/>
        public override IEnumerable<Finding> Check(PlatformModel platform)
        {
            if (platform.Webmail is not { } webmail) yield break;
            for (var i = 0; i < webmail.ExtraLocations.Count; i++)
            {
                var match = webmail.ExtraLocations[i]?.Match;
                if (match is null) continue;
                var start = 0;
                while (start < match.Length && (match[start] == ' ' || match[start] == '\t')) start++;
                if (start >= match.Length || match[start] != '^') continue;
                if (start + 1 < match.Length && match[start + 1] == '~') continue;
                var fixedMatch = match.Substring(0, start) + "~ " + match.Substring(start);
                var message = $"The nginx location '{ValueSafety.Show(match)}' starts with '^' but has no '~': nginx compares it as a literal prefix, "
                    + "and no request path starts with '^', so the block never matches and its requests fall through to another location. "
                    + $"Write '{ValueSafety.Show(fixedMatch)}' for a regular expression ('~*' ignores case).";
                yield return Report(OriginKeys.Webmail.Location(i).Match, message) with
                {
                    Properties = EquatableArray.Of(new FindingProperty(FixProperties.FixedValue, fixedMatch)),
                };
            }
        }
    }
}
