using System.Collections.Generic;
using MailDsl.Model;
using MailDsl.Rules;
using MailDsl.Rules.Values;
using MailDsl.Targets;
using MailDsl.Daemons.Settings;
using MailDsl.Daemons.Settings.Rules;
using MailDsl.Topology;

namespace MailDsl.Daemons.Nginx
{
    /// <summary>One directive name at the top level of a raw nginx location body line, and where it sits in the line.</summary>
    internal sealed record LocationDirective(int Location, int Line, string Text, string Name, int Start, SettingsCatalog Catalog, SoftwareVersion Version, bool Overridden, string Target)
    {
        /// <summary>The target's nginx as messages say it: <c>nginx 1.22.1 on Debian 12</c>.</summary>
        public string VersionPhrase => CheckedSetting.Phrase(Catalog, Version, Overridden, Target);

        /// <summary>The origin key of the body line.</summary>
        public string Origin => OriginKeys.Webmail.Location(Location).Body[Line];

        /// <summary>Every directive of every raw location body, with the catalogue of the target's nginx.</summary>
        public static IEnumerable<LocationDirective> Of(PlatformModel platform)
        {
            if (platform.Webmail is not { } webmail) yield break;
            var facts = PlatformTopology.Of(platform).Target;
            if (SettingsCatalog.For(Daemon.Nginx, facts.Nginx) is not { } catalog) yield break;
            var overridden = facts.Nginx != TargetTable.Of(platform.Target).Nginx;
            for (var i = 0; i < webmail.ExtraLocations.Count; i++)
            {
                var body = webmail.ExtraLocations[i]?.Body ?? EquatableArray<string>.Empty;
                for (var j = 0; j < body.Count; j++)
                    foreach (var (name, start) in Names(body[j] ?? ""))
                        yield return new LocationDirective(i, j, body[j], name, start, catalog, facts.Nginx, overridden, facts.DisplayName);
            }
        }

        // The first word of each statement at brace depth 0 (inside an if { } block is another context), skipping
        // quoted text and comments.
        private static IEnumerable<(string Name, int Start)> Names(string text)
        {
            var depth = 0;
            var expectName = true;
            for (var i = 0; i < text.Length; i++)
            {
                var c = text[i];
                if (c == '#') yield break;
                if (c == '"' || c == '\'')
                {
                    var close = text.IndexOf(c, i + 1);
                    if (close < 0) yield break;
                    i = close;
                    expectName = false;
                    continue;
                }
                if (c == ';' || c == '{' || c == '}')
                {
                    depth += c == '{' ? 1 : c == '}' ? -1 : 0;
                    expectName = true;
                    continue;
                }
                if (char.IsWhiteSpace(c)) continue;
                if (!expectName) continue;
                var end = i;
                while (end < text.Length && !char.IsWhiteSpace(text[end]) && text[end] != ';' && text[end] != '{' && text[end] != '}') end++;
                if (depth == 0) yield return (text.Substring(i, end - i), i);
                expectName = false;
                i = end - 1;
            }
        }
    }

    /// <summary>
    /// MAIL4014: a directive in a raw nginx location body that the target's nginx does not have (a typo, or a module
    /// its build leaves out): <c>nginx -t</c> fails with "unknown directive" and nginx does not start.
    /// The nearest known directive is suggested.
    /// </summary>
    internal sealed class NginxUnknownDirectiveRule : Rule
    {
        /// <inheritdoc/>
        public override RuleDescriptor Descriptor => RuleCatalog.NginxUnknownDirective;

        /// <inheritdoc/>
        public override IEnumerable<Finding> Check(PlatformModel platform)
        {
            foreach (var d in LocationDirective.Of(platform))
            {
                if (d.Catalog.ContextsOf(d.Name) != NginxContexts.None) continue;
                var message = $"The nginx location directive '{ValueSafety.Show(d.Name)}' is unknown to {d.VersionPhrase}: "
                    + "nginx -t fails with 'unknown directive' and nginx does not start.";
                var elsewhere = CheckedSetting.KnownElsewhere(d.Catalog, d.Name);
                if (elsewhere.Count > 0)
                    message += $" {CheckedSetting.Versions(elsewhere)} know{(elsewhere.Count == 1 ? "s" : "")} it: remove it, or run that version.";
                else if (d.Catalog.Nearest(d.Name) is { } nearest)
                    message += $" Did you mean '{nearest}'?";
                else
                    message += " Write a directive from nginx's documentation for a location block.";
                yield return Report(d.Origin, message, d.Start, d.Name.Length);
            }
        }
    }

    /// <summary>
    /// MAIL4015: a directive nginx knows, in a raw location body, where nginx does not allow it (<c>listen</c>,
    /// <c>server_name</c>, <c>ssl_protocols</c>...): <c>nginx -t</c> fails with "directive is not allowed here".
    /// The message names the contexts the target's nginx allows it in.
    /// </summary>
    internal sealed class NginxDirectiveNotAllowedRule : Rule
    {
        /// <inheritdoc/>
        public override RuleDescriptor Descriptor => RuleCatalog.NginxDirectiveNotAllowed;

        /// <inheritdoc/>
        public override IEnumerable<Finding> Check(PlatformModel platform)
        {
            foreach (var d in LocationDirective.Of(platform))
            {
                var contexts = d.Catalog.ContextsOf(d.Name);
                if (contexts == NginxContexts.None || (contexts & NginxContexts.Location) != 0) continue;
                var where = new List<string>();
                if ((contexts & NginxContexts.Http) != 0) where.Add("http");
                if ((contexts & NginxContexts.Server) != 0) where.Add("server");
                var allowed = where.Count > 0 ? "only in " + string.Join(" and ", where) + " blocks" : "only outside http (main, events, upstream...)";
                var message = $"The nginx directive '{ValueSafety.Show(d.Name)}' is not allowed in a location: {d.VersionPhrase} takes it {allowed}, "
                    + "so nginx -t fails with 'directive is not allowed here' and nginx does not start. Remove it from the location"
                    + ((contexts & NginxContexts.Server) != 0 ? ": MailDsl writes the server block itself, from the layer's description (TLS, listeners, names)." : ".");
                yield return Report(d.Origin, message, d.Start, d.Name.Length);
            }
        }
    }
}
