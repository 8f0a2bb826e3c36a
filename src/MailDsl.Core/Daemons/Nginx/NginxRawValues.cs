using System.Collections.Generic;
using MailDsl.Daemons.Settings;
using MailDsl.Model;
using MailDsl.Rules.Values;
using MailDsl.Targets;

namespace MailDsl.Daemons.Nginx
{
    /// <summary>
    /// What nginx -t would refuse in the description's raw locations for what a value is (MAIL4019), or cannot be judged here
    /// (MAIL4020): a location's regular expression pcre2_compile refuses (<see cref="PcreSyntax"/>).
    /// </summary>
    internal static class NginxRawValues
    {
        /// <summary>The problems of every raw location of <paramref name="platform"/>.</summary>
        public static IEnumerable<RawValueProblem> Of(PlatformModel platform)
        {
            if (platform.Webmail is not { } webmail) yield break;
            var facts = Topology.PlatformTopology.Of(platform).Target;
            var catalog = SettingsCatalog.For(Daemon.Nginx, facts.Nginx);
            for (var i = 0; i < webmail.ExtraLocations.Count; i++)
            {
                var location = webmail.ExtraLocations[i];
                if (location is null) continue;
                var read = NginxLocationMatch.Read(location.Match);
                if (catalog is not null)
                    foreach (var directive in Directives(location, i, read, catalog, facts.DisplayName))
                        yield return directive;
                if (read is not { IsRegex: true } match) continue;
                if (PcreSyntax.Check(match.Name) is not { } problem) continue;
                var at = location.Match.IndexOf(match.Name, System.StringComparison.Ordinal);
                var part = Slice(match.Name, problem.Start, problem.Length);
                var written = ValueSafety.Show(location.Match);
                var message = problem.Refused
                    ? $"The nginx location '{written}' has a regular expression nginx cannot compile: pcre2_compile() says '{problem.Message}' at '{ValueSafety.Show(part)}', "
                      + "so nginx -t refuses the site and nginx does not start. Correct the expression (a '\\' before a character with a meaning of its own, a '[' or '(' closed, "
                      + "a quantifier after something to repeat)."
                    : $"The nginx location '{written}' has a regular expression with {problem.Message}: MailDsl cannot tell whether the target's PCRE2 takes it; "
                      + "nginx -t in install.sh will, before nginx is reloaded. Write it without, if you can.";
                yield return new RawValueProblem(OriginKeys.Webmail.Location(i).Match, message, problem.Refused,
                    at >= 0 ? at + problem.Start : -1, at >= 0 ? problem.Length : 0);
            }
        }

        // Each directive of the body against the catalogue's arguments (NginxDirectiveValues).
        private static IEnumerable<RawValueProblem> Directives(NginxLocation location, int index, NginxLocationMatch? match, SettingsCatalog catalog, string target)
        {
            var captures = new HashSet<string>(System.StringComparer.Ordinal);
            if (match is { IsRegex: true })
                foreach (System.Text.RegularExpressions.Match m in System.Text.RegularExpressions.Regex.Matches(match.Name, @"\(\?P?<([A-Za-z_][A-Za-z0-9_]*)>"))
                    captures.Add(m.Groups[1].Value);
            var body = location.Body;
            for (var j = 0; j < body.Count; j++)
            {
                var line = body[j];
                if (line is null || NginxValueGrammar.Find(line, isDirective: true) is not null) continue;
                var words = NginxValueGrammar.Tokens(line.TrimEnd().TrimEnd(';'));
                if (words.Count == 0) continue;
                var info = catalog.Lookup(words[0]);
                if ((info.Contexts & NginxContexts.Location) == 0 || info.Values is not { } arguments) continue;
                if (NginxDirectiveValues.Check(words, arguments, captures) is not { } verdict) continue;
                var message = verdict.Refused
                    ? $"The nginx directive '{ValueSafety.Show(line)}' is refused by nginx {catalog.Version} on {target}: {verdict.Why}, so nginx -t refuses the site and nginx does not start."
                    : $"The nginx directive '{ValueSafety.Show(line)}': {verdict.Why}.";
                yield return new RawValueProblem(OriginKeys.Webmail.Location(index).Body[j], message, verdict.Refused);
            }
        }

        private static string Slice(string text, int start, int length)
            => start >= text.Length ? "(the end)" : text.Substring(start, System.Math.Min(length, text.Length - start));
    }
}
