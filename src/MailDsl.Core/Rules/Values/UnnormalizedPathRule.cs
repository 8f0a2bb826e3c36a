using System.Collections.Generic;
using MailDsl.Model;

namespace MailDsl.Rules.Values
{
    /// <summary>
    /// MAIL3004: an absolute path that is not in normal form: a '.' or '..' segment or an empty segment ('//') anywhere, or a
    /// trailing '/' on a path that names a file. <c>/etc/pki/tls/certs/../../../shadow</c> reads as a certificate path and is
    /// /etc/shadow; a path must say plainly what it names, because install.sh checks it and the daemons open it as root.
    /// Applies to every path <see cref="WrittenValues.Paths"/> lists (the list MAIL3002 reads too): certificate, key and CA,
    /// the mail storage root and index path, the files secrets are read from, and raw Postfix and Dovecot settings that name
    /// a file or directory. nginx alias and root paths are MAIL4004's.
    /// </summary>
    /// <remarks>
    /// A trailing '/' on a directory is accepted: it names the same directory. The Dovecot renderers trim it before they
    /// append a user's folder (<c>/var/vmail/</c> gives <c>home = /var/vmail/%{...}</c>, not <c>//</c>), and install.sh's
    /// <c>install -d</c>, <c>mountpoint -q</c> and <c>useradd -d</c> resolve <c>/var/vmail/</c> as <c>/var/vmail</c>; on
    /// Postfix's <c>mail_spool_directory</c> it even has a meaning (Maildir delivery), so refusing it would refuse a real
    /// setting. Dovecot's <c>_path</c> settings name a file for some (<c>log_path</c>) and a directory for others
    /// (<c>mail_index_path</c>), so they are held to the directory's form. A secret's file is checked as written and never
    /// opened: only install.sh reads it, on the host.
    /// </remarks>
    internal sealed class UnnormalizedPathRule : Rule
    {
        /// <inheritdoc/>
        public override RuleDescriptor Descriptor => RuleCatalog.UnnormalizedPath;

        /// <inheritdoc/>
        public override IEnumerable<Finding> Check(PlatformModel platform)
        {
            foreach (var path in WrittenValues.Paths(platform))
                if (Check(path) is { } f) yield return f;
        }

        private Finding? Check(WrittenPath written)
        {
            var value = written.Value;
            var start = written.Start;
            if (value is null || start >= value.Length || value[start] != '/') return null; // empty or relative: other rules
            // A value the grammar refuses (a space, a quote, a control character) is MAIL3001's.
            var end = start;
            while (end < value.Length && !char.IsWhiteSpace(value[end]) && value[end] != ';' && value[end] != '"' && value[end] != '\'') end++;
            var path = value.Substring(start, end - start);
            if (Problem(path, written.Role) is not { } problem) return null;
            var message = $"{written.Label} '{ValueSafety.Show(value)}' {problem.What}: {problem.Why} Write the path in normal form, e.g. {Normalized(path)}.";
            return Report(written.OriginKey, message, start + problem.Index, problem.Length);
        }

        private sealed record PathProblem(int Index, int Length, string What, string Why);

        private static PathProblem? Problem(string path, PathRole role)
        {
            var at = 1;
            while (at <= path.Length)
            {
                var slash = path.IndexOf('/', at);
                var end = slash < 0 ? path.Length : slash;
                var segment = path.Substring(at, end - at);
                if (segment == "..")
                    return new PathProblem(at, 2, "climbs up with a '..' segment", Climbs(role));
                if (segment == ".")
                    return new PathProblem(at, 1, "has a '.' segment", Hides(role));
                if (segment.Length == 0 && slash >= 0)
                    return new PathProblem(at - 1, 2, "has an empty segment ('//')", Hides(role));
                if (segment.Length == 0 && NamesFile(role))
                    return new PathProblem(path.Length - 1, 1, "ends in '/'", role == PathRole.SecretFile
                        ? "it names a directory, and install.sh reads the secret from a file."
                        : "it names a directory, not a file.");
                if (slash < 0) break;
                at = slash + 1;
            }
            return null;
        }

        private static bool NamesFile(PathRole role) => role is PathRole.File or PathRole.SecretFile;

        private static string Climbs(PathRole role) => role switch
        {
            PathRole.Directory => "the directory it leads to would be used, not the one it seems to name.",
            PathRole.FileOrDirectory => "Dovecot would open what it leads to, outside the directory it seems to name.",
            PathRole.SecretFile => "install.sh would read, as root, the file it leads to, outside the directory it seems to name.",
            _ => "the daemons and install.sh would open the file it leads to, outside the directory it seems to name.",
        };

        private static string Hides(PathRole role) => role == PathRole.Directory
            ? "it hides which directory it names, which has one plain name."
            : "it hides which directory the file is in.";

        private static string Normalized(string path)
        {
            var parts = new List<string>();
            foreach (var segment in path.Split('/'))
            {
                if (segment.Length == 0 || segment == ".") continue;
                if (segment == "..") { if (parts.Count > 0) parts.RemoveAt(parts.Count - 1); continue; }
                parts.Add(segment);
            }
            return "/" + string.Join("/", parts);
        }
    }
}
