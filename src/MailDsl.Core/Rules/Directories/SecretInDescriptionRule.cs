using System;
using System.Collections.Generic;
using MailDsl.Layers;
using MailDsl.Model;

namespace MailDsl.Rules.Directories
{
    /// <summary>
    /// MAIL5004: a secret written into the description itself, which would be compiled into the generated code and kept in
    /// every copy of the source. It finds: a password given as a string where a <c>Secret</c> belongs (<c>BindAs(dn,
    /// "Pass2016Mail")</c>, the series' bind password); <c>Secret.File(...)</c> holding no path at all, or
    /// <c>Secret.Environment(...)</c> holding what no variable name can (the password put where its place should be);
    /// a raw Dovecot setting that holds a password (<c>dnpass</c>, <c>ldap_auth_dn_password</c>, a connect string's
    /// <c>password=</c>); a server URL with a password in it. Messages never repeat the value.
    /// </summary>
    internal sealed class SecretInDescriptionRule : Rule
    {
        /// <summary>Raw Dovecot settings whose value is a password.</summary>
        private static readonly HashSet<string> DovecotPasswordKeys = new(StringComparer.Ordinal)
        {
            "dnpass", "ldap_auth_dn_password", "passdb_static_password", "ssl_key_password", "ssl_server_key_password", "ssl_client_key_password",
        };

        /// <inheritdoc/>
        public override RuleDescriptor Descriptor => RuleCatalog.SecretInDescription;

        /// <inheritdoc/>
        public override IEnumerable<Finding> Check(PlatformModel platform)
        {
            foreach (var s in DescribedSecrets.Of(platform))
            {
                var where = $"Keep it in a file on the hosts (one line, mode 0600) and write Secret.File(\"{s.Example}\"), or have install.sh read it "
                    + $"from its environment with Secret.Environment(\"{s.Variable}\").";
                var name = s.Reference.Name ?? "";
                switch (s.Reference.Source)
                {
                    case SecretSource.Literal:
                        yield return Report(s.Key, $"{s.What} is written in the description as a string. It would be compiled into the generated code and "
                            + "kept in every copy of the source and of the build; MailDsl never keeps it. " + where);
                        break;
                    case SecretSource.File when name.Length > 0 && name.IndexOf('/') < 0:
                        yield return Report(s.Key.Value, $"{s.What} names no file: Secret.File's argument holds no '/', so it looks like the password "
                            + "itself, which must not be in the description. " + where);
                        break;
                    case SecretSource.Environment when name.Length > 0 && !DescribedSecrets.HasOnlyNameCharacters(name):
                        yield return Report(s.Key.Value, $"{s.What} names no environment variable: Secret.Environment's argument holds characters "
                            + "no variable name can, so it looks like the password itself, which must not be in the description. " + where);
                        break;
                }
            }
            foreach (var layer in PlatformLayers.Of(platform))
            {
                foreach (var (setting, n) in PlatformLayers.NumberedSettings(layer))
                {
                    if (setting.Daemon != Daemon.Dovecot) continue;
                    var value = (setting.Value ?? "").Trim();
                    var isPassword = DovecotPasswordKeys.Contains(setting.Key ?? "") && value.Length > 0 && !value.StartsWith("<", StringComparison.Ordinal);
                    var inConnect = value.IndexOf("password=", StringComparison.OrdinalIgnoreCase) >= 0;
                    if (!isPassword && !inConnect) continue;
                    yield return Report(OriginKeys.Of(layer).Setting(setting.Daemon, setting.Key, n).Value,
                        $"The {LayerDescriptors.Of(layer).DisplayName} Dovecot setting '{setting.Key}' holds a password written in the description, so it would be "
                        + "compiled into the generated code and installed in a world-readable dovecot.conf. Describe the directory with "
                        + ".Directory(d => ...) and its password with Secret.File(...) or Secret.Environment(...): install.sh writes it where "
                        + "Dovecot reads it, readable by root only.");
                }
            }
            if (platform.Webmail is { } webmail)
            {
                foreach (var (url, key) in new[] { (webmail.ImapServer, OriginKeys.Webmail.ImapServer), (webmail.SmtpServer, OriginKeys.Webmail.SmtpServer) })
                {
                    if (url is null || !HasPassword(url)) continue;
                    yield return Report(key, "The server URL SOGo dials holds a password (user:password@): it would be compiled into the generated code and "
                        + "installed in sogo.conf. SOGo logs in to IMAP and SMTP as each user with the user's own password: leave user and password out, "
                        + "e.g. imaps://imap.example.com:993.");
                }
            }
        }

        // scheme://user:password@host...
        private static bool HasPassword(string url)
        {
            var scheme = url.IndexOf("://", StringComparison.Ordinal);
            if (scheme < 0) return false;
            var rest = url.Substring(scheme + 3);
            var end = rest.IndexOfAny(new[] { '/', '?' });
            var authority = end < 0 ? rest : rest.Substring(0, end);
            var at = authority.LastIndexOf('@');
            return at > 0 && authority.Substring(0, at).IndexOf(':') >= 0;
        }
    }
}
