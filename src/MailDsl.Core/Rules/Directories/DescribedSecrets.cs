using System.Collections.Generic;
using MailDsl.Model;

namespace MailDsl.Rules.Directories
{
    /// <summary>One secret reference of the description, with its origin key and how messages name it.</summary>
    /// <param name="Reference">The reference as written.</param>
    /// <param name="Key">The origin keys of the argument (<see cref="SecretKeys.Value"/> is the path or name inside <c>Secret.File(...)</c>).</param>
    /// <param name="What">How messages name the secret, e.g. <c>The directory's bind password</c>.</param>
    /// <param name="Example">The file a fix would name, e.g. <c>/etc/maildsl/secrets/ldap-bind</c>.</param>
    /// <param name="Variable">The variable a fix would name, e.g. <c>LDAP_BIND_PASSWORD</c>.</param>
    internal sealed record DescribedSecret(SecretRef Reference, SecretKeys Key, string What, string Example, string Variable);

    /// <summary>Every secret reference of a platform.</summary>
    internal static class DescribedSecrets
    {
        public static IEnumerable<DescribedSecret> Of(PlatformModel platform)
        {
            if (platform.Directory?.Ldap?.BindPassword is { } bind)
                yield return new DescribedSecret(bind, OriginKeys.Directory.Ldap.BindPassword, "The directory's bind password", "/etc/maildsl/secrets/ldap-bind", "LDAP_BIND_PASSWORD");
            if (platform.Directory?.Sql?.Database?.Password is { } sql)
                yield return new DescribedSecret(sql, OriginKeys.Directory.Sql.Database.Password, "The user directory's database password", "/etc/maildsl/secrets/directory-db", "DIRECTORY_DB_PASSWORD");
            if (platform.Webmail?.Database?.Password is { } sogo)
                yield return new DescribedSecret(sogo, OriginKeys.Webmail.Database.Password, "SOGo's database password", "/etc/maildsl/secrets/sogo-db", "SOGO_DB_PASSWORD");
        }

        /// <summary>Whether <paramref name="name"/> is a POSIX environment variable name.</summary>
        public static bool IsVariableName(string? name)
        {
            if (string.IsNullOrEmpty(name) || char.IsDigit(name![0])) return false;
            foreach (var c in name)
                if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')) return false;
            return true;
        }

        /// <summary>Whether <paramref name="name"/> holds only what a variable name may (it may still start with a digit).</summary>
        public static bool HasOnlyNameCharacters(string? name)
        {
            foreach (var c in name ?? "")
                if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')) return false;
            return true;
        }
    }
}
