using System.Collections.Generic;
using MailDsl.Daemons.Sogo;
using MailDsl.Model;
using MailDsl.Rules;
using MailDsl.Rules.Values;
using MailDsl.Targets;

namespace MailDsl.Daemons.Nginx
{
    /// <summary>
    /// MAIL4002: a raw nginx location whose match starts with '^' but has no '~' (or '~*') modifier, like the
    /// guide's <c>location ^/SOGo/so/ControlPanel/...</c>. nginx takes it as a literal prefix; no request path
    /// starts with '^', so the block never matches, and MailDsl leaves it out of the site. ('^~' is nginx's own prefix
    /// modifier and is fine.) The fixed match is carried in <see cref="FixProperties.FixedValue"/>.
    /// </summary>
    internal sealed class NginxRegexWithoutTildeRule : Rule
    {
        /// <inheritdoc/>
        public override RuleDescriptor Descriptor => RuleCatalog.NginxRegexWithoutTilde;

        /// <summary>The match with the '~' it lacks (<c>~ ^/SOGo/...</c>), or null when it is not such a match.</summary>
        public static string? FixedMatch(string? match)
        {
            if (match is null) return null;
            var start = 0;
            while (start < match.Length && (match[start] == ' ' || match[start] == '\t')) start++;
            if (start >= match.Length || match[start] != '^') return null;
            if (start + 1 < match.Length && match[start + 1] == '~') return null;
            return match.Substring(0, start) + "~ " + match.Substring(start);
        }

        /// <inheritdoc/>
        public override IEnumerable<Finding> Check(PlatformModel platform)
        {
            if (platform.Webmail is not { } webmail) yield break;
            for (var i = 0; i < webmail.ExtraLocations.Count; i++)
            {
                var match = webmail.ExtraLocations[i]?.Match;
                if (FixedMatch(match) is not { } fixedMatch) continue;
                var message = $"The nginx location '{ValueSafety.Show(match!)}' starts with '^' but has no '~': nginx compares it as a literal prefix, "
                    + "and no request path starts with '^', so the block would never match and its requests would fall through to another location; "
                    + $"MailDsl leaves it out of the site. Write '{ValueSafety.Show(fixedMatch)}' for a regular expression ('~*' ignores case).";
                yield return Report(OriginKeys.Webmail.Location(i).Match, message) with
                {
                    Properties = EquatableArray.Of(new FindingProperty(FixProperties.FixedValue, fixedMatch)),
                };
            }
        }
    }

    /// <summary>
    /// MAIL4017: a raw nginx location that nginx refuses beside another, or never reaches after one, compared the way nginx
    /// compares locations (<see cref="NginxLocations.Judge"/>) with MailDsl's own and the earlier extra ones: two exact
    /// locations of one path, or two prefix locations of one path (plain and <c>^~</c> alike: <c>^~ /SOGo</c> repeats
    /// MailDsl's <c>/SOGo</c>), make <c>nginx -t</c> fail with "duplicate location"; a regex location after the same regex
    /// is never chosen (nginx takes the first regex that matches).
    /// </summary>
    internal sealed class NginxDuplicateLocationRule : Rule
    {
        /// <inheritdoc/>
        public override RuleDescriptor Descriptor => RuleCatalog.DuplicateNginxLocation;

        /// <inheritdoc/>
        public override IEnumerable<Finding> Check(PlatformModel platform)
        {
            if (platform.Webmail is not { } webmail) yield break;
            var own = NginxSiteRenderer.OwnLocations(webmail, SogoModule.Paths(TargetTable.For(platform)));
            foreach (var v in NginxLocations.Judge(webmail, own))
            {
                if (v.Fate != ExtraLocationFate.Duplicate || v.Match is not { } match) continue;
                var written = ValueSafety.Show(v.Location.Match);
                var other = v.OtherIsOwn
                    ? $"MailDsl's own 'location {v.Other}', which the site already has"
                    : $"the location '{ValueSafety.Show(v.Other!)}' written before it (.NginxLocation number {v.OtherIndex + 1})";
                string message;
                if (match.IsRegex)
                    message = $"The nginx location '{written}' is the same regular expression as {other}: nginx tries regular expressions in the order written "
                        + "and takes the first that matches, so this block would never run. Remove it, or put its directives in the earlier one"
                        + (v.OtherIsOwn ? " (MailDsl's block serves what the guide's did)." : ".");
                else
                {
                    var what = match.Kind == NginxLocationKind.Exact ? $"the exact path '{ValueSafety.Show(match.Name)}'" : $"the prefix '{ValueSafety.Show(match.Name)}'";
                    message = $"The nginx location '{written}' is {what}, as is {other}: nginx -t refuses the site with 'duplicate location \"{ValueSafety.Show(match.Name)}\"' "
                        + "and nginx does not start (a plain prefix and '^~' are the same prefix to nginx). Remove it, or give it another path: a longer prefix "
                        + "is chosen for the paths under it, and '= PATH' for one path.";
                }
                yield return Report(OriginKeys.Webmail.Location(v.Index).Match, message);
            }
        }
    }

    /// <summary>
    /// MAIL4018: a raw nginx location no request can reach, besides MAIL4002's '^' without '~': an exact or prefix location
    /// whose path does not start with '/' (nginx compares them with the request's normalized path, which always does), such
    /// as <c>^~/SOGo</c> (one word: the literal prefix '^~/SOGo') or <c>SOGo/x</c>. MailDsl leaves it out of the site.
    /// </summary>
    internal sealed class NginxLocationNeverMatchesRule : Rule
    {
        /// <inheritdoc/>
        public override RuleDescriptor Descriptor => RuleCatalog.NginxLocationNeverMatches;

        /// <inheritdoc/>
        public override IEnumerable<Finding> Check(PlatformModel platform)
        {
            if (platform.Webmail is not { } webmail) yield break;
            for (var i = 0; i < webmail.ExtraLocations.Count; i++)
            {
                var location = webmail.ExtraLocations[i];
                if (location is null || NginxRegexWithoutTildeRule.FixedMatch(location.Match) is not null) continue;
                if (NginxLocationMatch.Read(location.Match) is not { NeverMatches: { } why } match) continue;
                var hint = match.Name.StartsWith("^~", System.StringComparison.Ordinal) ? $"Write '^~ {ValueSafety.Show(match.Name.Substring(2))}' (with a space) for a prefix that stops the regular expressions, or"
                    : "Write";
                var message = $"The nginx location '{ValueSafety.Show(location.Match)}' never matches: {why}, and nginx compares it with the request's path, which always does, "
                    + $"so the block would never run; MailDsl leaves it out of the site. {hint} '/PATH' for a prefix, '= /PATH' for one path, or '~ REGEX' for a regular expression.";
                yield return Report(OriginKeys.Webmail.Location(i).Match, message);
            }
        }
    }
}
