using System.Collections.Generic;
using MailDsl.Directories;
using MailDsl.Model;

namespace MailDsl.Rules.Directories
{
    /// <summary>One connection a daemon opens to the directory or a database, with the origin keys of what decides its TLS.</summary>
    /// <param name="What">How messages name it, e.g. <c>The directory server 'dc01.mycompany.dom'</c>.</param>
    /// <param name="Host">The host dialled.</param>
    /// <param name="Port">The port dialled.</param>
    /// <param name="Encrypted">Whether TLS protects it.</param>
    /// <param name="Verified">Whether the server's certificate is verified.</param>
    /// <param name="SecurityKey">The origin key of the TLS choice.</param>
    /// <param name="VerifyKey">The origin key of the verification choice.</param>
    /// <param name="IsLdap">A directory server (users' passwords cross it) rather than a database.</param>
    internal sealed record DirectoryConnection(string What, string Host, int Port, bool Encrypted, bool Verified, string SecurityKey, string VerifyKey, bool IsLdap)
    {
        /// <summary>Whether it stays on the dialling host, where TLS protects nothing.</summary>
        public bool IsLocal => PlatformDirectory.IsLocal(Host);
    }

    /// <summary>Every directory and database connection of a platform.</summary>
    internal static class DirectoryConnections
    {
        public static IEnumerable<DirectoryConnection> Of(PlatformModel platform)
        {
            if (platform.Directory?.Ldap is { } ldap)
            {
                for (var i = 0; i < ldap.Servers.Count; i++)
                {
                    var s = ldap.Servers[i];
                    if (s is null) continue;
                    var keys = OriginKeys.Directory.Ldap.Server(i);
                    yield return new DirectoryConnection($"The directory server '{s.Host}' (port {s.Port})", s.Host ?? "", s.Port,
                        s.Security != LdapSecurity.Plain, s.VerifyCertificate, keys.Security, keys.Verify, true);
                }
            }
            if (platform.Directory?.Sql?.Database is { } sql)
                yield return Database(sql, "The user directory's database", OriginKeys.Directory.Sql.Database);
            if (platform.Webmail?.Database is { } sogo)
                yield return Database(sogo, "SOGo's database", OriginKeys.Webmail.Database);
        }

        private static DirectoryConnection Database(DatabaseConnection db, string what, DatabaseKeys keys)
            => new($"{what} on '{db.Host}' (port {db.Port})", db.Host ?? "", db.Port,
                db.Tls != DatabaseTls.Disabled, db.Tls == DatabaseTls.VerifyFull, keys.Tls, keys.Tls, false);
    }
}
