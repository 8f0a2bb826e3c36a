using System;
using System.Collections.Generic;
using MailDsl.Model;

namespace MailDsl.Rules.Values
{
    /// <summary>
    /// MAIL3002: a path that is not absolute. Daemons resolve a relative path against their own working
    /// directory (Postfix against its queue directory, nginx against its prefix), so the file is not found
    /// or, worse, another one is. Checks every path <see cref="WrittenValues.Paths"/> lists (certificate, key, CA, mail
    /// storage, raw settings that name files), as MAIL3004 does, and the <c>alias</c> and <c>root</c> directives of raw
    /// nginx locations. A secret's relative file is MAIL5005's, which says where install.sh would look for it.
    /// </summary>
    internal sealed class RelativePathRule : Rule
    {
        /// <inheritdoc/>
        public override RuleDescriptor Descriptor => RuleCatalog.RelativePath;

        /// <inheritdoc/>
        public override IEnumerable<Finding> Check(PlatformModel platform)
        {
            foreach (var path in WrittenValues.Paths(platform))
                if (path.Role != PathRole.SecretFile && Relative(path.OriginKey, path.Label, path.Value, path.Start) is { } f) yield return f;
            if (platform.Webmail is not { } webmail) yield break;
            for (var i = 0; i < webmail.ExtraLocations.Count; i++)
            {
                var body = webmail.ExtraLocations[i]?.Body ?? EquatableArray<string>.Empty;
                for (var j = 0; j < body.Count; j++)
                {
                    if (NginxPathArgument(body[j]) is not { } start) continue;
                    var directive = body[j].TrimStart().StartsWith("alias", StringComparison.Ordinal) ? "alias" : "root";
                    if (Relative(OriginKeys.Webmail.Location(i).Body[j], $"The nginx {directive} path", body[j], start) is { } f) yield return f;
                }
            }
        }

        /// <summary>Where the path argument of an nginx <c>alias</c> or <c>root</c> directive starts, or null.</summary>
        private static int? NginxPathArgument(string? directive)
        {
            if (directive is null) return null;
            var trimmed = directive.TrimStart();
            var lead = directive.Length - trimmed.Length;
            foreach (var name in new[] { "alias", "root" })
            {
                if (!trimmed.StartsWith(name, StringComparison.Ordinal) || trimmed.Length == name.Length || !char.IsWhiteSpace(trimmed[name.Length])) continue;
                var at = lead + name.Length;
                while (at < directive.Length && char.IsWhiteSpace(directive[at])) at++;
                if (at >= directive.Length || directive[at] == '$' || directive[at] == ';') return null;
                if (directive[at] == '"' || directive[at] == '\'') at++;
                return at;
            }
            return null;
        }

        private Finding? Relative(string originKey, string label, string? value, int pathStart)
        {
            // An empty certificate or key is MAIL1020's to report.
            if (string.IsNullOrWhiteSpace(value) || pathStart >= value!.Length || value[pathStart] == '/') return null;
            var path = value.Substring(pathStart);
            var end = path.IndexOfAny(new[] { ' ', '\t', ';', '"', '\'' });
            if (end >= 0) path = path.Substring(0, end);
            var message = $"{label} '{ValueSafety.Show(value)}' names the relative path '{ValueSafety.Show(path)}': the daemon resolves it against "
                + "its own working directory, so it would read another file or none. Write the absolute path, starting with '/' and "
                + "the directory the file really is in.";
            return Report(originKey, message, pathStart, path.Length);
        }
    }
}
