using System;
using System.Collections.Generic;
using MailDsl.Model;

namespace MailDsl.Rules.Values
{
    /// <summary>
    /// MAIL3002: a path that is not absolute. Daemons resolve a relative path against their own working
    /// directory (Postfix against its queue directory, nginx against its prefix), so the file is not found
    /// or, worse, another one is. Checks the certificate and key, raw settings that name files, and the
    /// <c>alias</c> and <c>root</c> directives of raw nginx locations.
    /// </summary>
    internal sealed class RelativePathRule : Rule
    {
        /// <summary>Dovecot settings whose value is <c>&lt;path</c>: the file's content is read in.</summary>
        private static readonly HashSet<string> DovecotIncludedFiles = new(StringComparer.Ordinal)
        {
            "ssl_cert", "ssl_key", "ssl_ca", "ssl_dh", "ssl_alt_cert", "ssl_alt_key", "ssl_client_cert", "ssl_client_key",
        };

        /// <inheritdoc/>
        public override RuleDescriptor Descriptor => RuleCatalog.RelativePath;

        /// <inheritdoc/>
        public override IEnumerable<Finding> Check(PlatformModel platform)
        {
            if (platform.Certificate is { } cert)
            {
                if (Relative("platform.certificate.file", "The certificate path", cert.CertificateFile, 0) is { } f1) yield return f1;
                if (Relative("platform.certificate.key", "The private key path", cert.KeyFile, 0) is { } f2) yield return f2;
            }
            if (platform.CertificateAuthority is { } ca && Relative("platform.ca", "The CA path", ca, 0) is { } f3) yield return f3;
            if (platform.Mailstore?.Storage is { } storage)
            {
                if (Relative("mailstore.storage.root", "The mail storage path", storage.Root, 0) is { } f4) yield return f4;
                if (storage.IndexPath is { } indexes && Relative("mailstore.storage.indexes", "The index path", indexes, 0) is { } f5) yield return f5;
            }
            foreach (var layer in PlatformLayers.Of(platform))
            {
                foreach (var (setting, n) in PlatformLayers.NumberedSettings(layer))
                {
                    if (PathIn(setting) is not { } offset) continue;
                    var label = $"The {PlatformLayers.DisplayName(layer)} {setting.Daemon} setting {setting.Key}";
                    if (Relative(PlatformLayers.SettingKey(layer, setting, n, "value"), label, setting.Value, offset) is { } f) yield return f;
                }
                if (layer is not WebmailLayer webmail) continue;
                for (var i = 0; i < webmail.ExtraLocations.Count; i++)
                {
                    var body = webmail.ExtraLocations[i]?.Body ?? EquatableArray<string>.Empty;
                    for (var j = 0; j < body.Count; j++)
                    {
                        if (NginxPathArgument(body[j]) is not { } start) continue;
                        var directive = body[j].TrimStart().StartsWith("alias", StringComparison.Ordinal) ? "alias" : "root";
                        if (Relative($"webmail.location.{i}.body.{j}", $"The nginx {directive} path", body[j], start) is { } f) yield return f;
                    }
                }
            }
        }

        /// <summary>Where in a raw setting's value its path starts, or null when the setting does not name a file.</summary>
        internal static int? PathIn(RawSetting setting)
        {
            var key = setting.Key ?? "";
            var value = setting.Value ?? "";
            var start = value.Length - value.TrimStart().Length;
            var rest = value.Substring(start);
            if (rest.Length == 0 || rest[0] == '$') return null; // empty, or a reference to another parameter
            if (setting.Daemon == Daemon.Postfix)
            {
                var namesFile = key.EndsWith("_file", StringComparison.Ordinal) || key.EndsWith("_CAfile", StringComparison.Ordinal)
                    || key.EndsWith("_CApath", StringComparison.Ordinal) || key.EndsWith("_directory", StringComparison.Ordinal);
                // "hash:/etc/postfix/x" and similar are lookup tables, not paths.
                return namesFile && rest.IndexOf(':') < 0 ? start : null;
            }
            if (setting.Daemon == Daemon.Dovecot)
            {
                if (DovecotIncludedFiles.Contains(key))
                    return rest[0] == '<' ? start + 1 : null;
                if (key.EndsWith("_file", StringComparison.Ordinal) || key.EndsWith("_dir", StringComparison.Ordinal) || key.EndsWith("_path", StringComparison.Ordinal))
                    return start;
            }
            return null;
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
