using System.Collections.Generic;
using MailDsl.Model;

namespace MailDsl.Rules.Values
{
    /// <summary>
    /// MAIL3004: an absolute path that is not in normal form: a '.' or '..' segment, an empty segment ('//') or a
    /// trailing '/'. <c>/etc/pki/tls/certs/../../../shadow</c> reads as a certificate path and is /etc/shadow; a path
    /// must say plainly which file it names, because install.sh checks it and the daemons open it as root. Applies to
    /// the certificate and key, and to raw settings that name a file (the ones <see cref="RelativePathRule"/> reads);
    /// nginx alias and root paths are MAIL4004's.
    /// </summary>
    internal sealed class UnnormalizedPathRule : Rule
    {
        /// <inheritdoc/>
        public override RuleDescriptor Descriptor => RuleCatalog.UnnormalizedPath;

        /// <inheritdoc/>
        public override IEnumerable<Finding> Check(PlatformModel platform)
        {
            if (platform.Certificate is { } cert)
            {
                if (Check("platform.certificate.file", "The certificate path", cert.CertificateFile, 0) is { } f1) yield return f1;
                if (Check("platform.certificate.key", "The private key path", cert.KeyFile, 0) is { } f2) yield return f2;
            }
            foreach (var layer in PlatformLayers.Of(platform))
                foreach (var (setting, n) in PlatformLayers.NumberedSettings(layer))
                    if (RelativePathRule.PathIn(setting) is { } offset
                        && Check(PlatformLayers.SettingKey(layer, setting, n, "value"), $"The {PlatformLayers.DisplayName(layer)} {setting.Daemon} setting {setting.Key}", setting.Value, offset) is { } f)
                        yield return f;
        }

        private Finding? Check(string originKey, string label, string? value, int start)
        {
            if (value is null || start >= value.Length || value[start] != '/') return null; // empty or relative: other rules
            // A value the grammar refuses (a space, a quote, a control character) is MAIL3001's.
            var end = start;
            while (end < value.Length && !char.IsWhiteSpace(value[end]) && value[end] != ';' && value[end] != '"' && value[end] != '\'') end++;
            var path = value.Substring(start, end - start);
            if (Problem(path) is not { } problem) return null;
            var message = $"{label} '{ValueSafety.Show(value)}' {problem.What}: {problem.Why} Write the path in normal form, e.g. {Normalized(path)}.";
            return Report(originKey, message, start + problem.Index, problem.Length);
        }

        private sealed record PathProblem(int Index, int Length, string What, string Why);

        private static PathProblem? Problem(string path)
        {
            var at = 1;
            while (at <= path.Length)
            {
                var slash = path.IndexOf('/', at);
                var end = slash < 0 ? path.Length : slash;
                var segment = path.Substring(at, end - at);
                if (segment == "..")
                    return new PathProblem(at, 2, "climbs up with a '..' segment", "the daemons and install.sh would open the file it leads to, outside the directory it seems to name.");
                if (segment == ".")
                    return new PathProblem(at, 1, "has a '.' segment", "it hides which directory the file is in.");
                if (segment.Length == 0)
                    return slash < 0
                        ? new PathProblem(path.Length - 1, 1, "ends in '/'", "it names a directory, not a file.")
                        : new PathProblem(at - 1, 2, "has an empty segment ('//')", "it hides which directory the file is in.");
                if (slash < 0) break;
                at = slash + 1;
            }
            return null;
        }

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
