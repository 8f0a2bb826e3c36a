using System.Collections.Generic;
using System.Globalization;
using System.Text.RegularExpressions;
using MailDsl.Model;

namespace MailDsl.Secrets
{
    /// <summary>One secret of the platform: a stable id used in placeholders, where it comes from, and what it is for.</summary>
    /// <param name="Id">A short id, e.g. <c>ldap-bind</c>.</param>
    /// <param name="Source">Where install.sh reads it on the host.</param>
    /// <param name="Purpose">What it is, for install.sh's messages, e.g. <c>the directory's bind password</c>.</param>
    public sealed record PlatformSecret(string Id, SecretRef Source, string Purpose);

    /// <summary>A placeholder found in a rendered file: which secret, encoded how.</summary>
    /// <param name="SecretId">The secret's id.</param>
    /// <param name="Syntax">How it is encoded where it stands.</param>
    /// <param name="Text">The placeholder's exact text.</param>
    public sealed record SecretPlaceholder(string SecretId, SecretSyntax Syntax, string Text);

    /// <summary>
    /// The platform's secrets and the placeholders that stand for them in rendered files. Renderers write
    /// <see cref="Placeholder"/> where a secret belongs; install.sh finds each one and writes the secret there on the host,
    /// encoded for the syntax the placeholder names. A placeholder is letters, digits and <c>{}:-_</c>, which every syntax
    /// holds unchanged inside a quoted value, so the emitted files pass the daemons' checkers as they are.
    /// </summary>
    public static class PlatformSecrets
    {
        /// <summary>The directory's bind password (LDAP).</summary>
        public const string LdapBind = "ldap-bind";

        /// <summary>The SQL directory's database password.</summary>
        public const string SqlDirectory = "sql-directory";

        /// <summary>SOGo's database password.</summary>
        public const string SogoDatabase = "sogo-database";

        private static readonly Regex PlaceholderPattern = new(@"\{\{MAILDSL_SECRET:([a-z0-9-]+):([A-Za-z0-9]+)\}\}", RegexOptions.CultureInvariant);

        /// <summary>Every secret the platform describes, in a fixed order.</summary>
        public static IReadOnlyList<PlatformSecret> Of(PlatformModel platform)
        {
            var secrets = new List<PlatformSecret>();
            if (platform.Directory?.Ldap?.BindPassword is { } bind)
                secrets.Add(new PlatformSecret(LdapBind, bind, "the directory's bind password"));
            if (platform.Directory?.Sql?.Database.Password is { } sql)
                secrets.Add(new PlatformSecret(SqlDirectory, sql, "the user directory's database password"));
            if (platform.Webmail?.Database?.Password is { } sogo)
                secrets.Add(new PlatformSecret(SogoDatabase, sogo, "SOGo's database password"));
            return secrets;
        }

        /// <summary>The placeholder for secret <paramref name="id"/> written in <paramref name="syntax"/>.</summary>
        public static string Placeholder(string id, SecretSyntax syntax) => "{{MAILDSL_SECRET:" + id + ":" + syntax.ToString() + "}}";

        /// <summary>Every placeholder in <paramref name="text"/>, in order of appearance, each once.</summary>
        public static IReadOnlyList<SecretPlaceholder> In(string text)
        {
            var found = new List<SecretPlaceholder>();
            var seen = new HashSet<string>();
            foreach (Match m in PlaceholderPattern.Matches(text))
            {
                if (!seen.Add(m.Value)) continue;
                if (!System.Enum.TryParse<SecretSyntax>(m.Groups[2].Value, out var syntax)) continue;
                found.Add(new SecretPlaceholder(m.Groups[1].Value, syntax, m.Value));
            }
            return found;
        }

        /// <summary>The shell function that encodes a secret for <paramref name="syntax"/> (defined by install.sh).</summary>
        public static string EncoderFunction(SecretSyntax syntax) => "maildsl_encode_" + syntax.ToString().ToLower(CultureInfo.InvariantCulture);
    }
}
