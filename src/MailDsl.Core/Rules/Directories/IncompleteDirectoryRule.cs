using System.Collections.Generic;
using MailDsl.Model;

namespace MailDsl.Rules.Directories
{
    /// <summary>
    /// MAIL5012: a directory or database description missing what the daemons need to reach it: an LDAP directory without a
    /// server, a base DN or a bind account (Active Directory refuses anonymous searches, and SOGo and Postfix search before
    /// any user logs in); a database without a server name, a database name or a login.
    /// </summary>
    internal sealed class IncompleteDirectoryRule : Rule
    {
        /// <inheritdoc/>
        public override RuleDescriptor Descriptor => RuleCatalog.IncompleteDirectory;

        /// <inheritdoc/>
        public override IEnumerable<Finding> Check(PlatformModel platform)
        {
            if (platform.Directory?.Ldap is { } ldap)
            {
                if (ldap.Servers.Count == 0)
                    yield return Report(OriginKeys.Directory.Ldap, "The LDAP directory names no server: no daemon could reach it. Add .Server(\"dc01.example.com\", LdapSecurity.Ldaps).");
                if (string.IsNullOrWhiteSpace(ldap.BaseDn))
                    yield return Report(OriginKeys.Directory.Ldap, "The LDAP directory has no base DN: searches would start nowhere. Add .BaseDn(\"dc=example,dc=com\").");
                if (string.IsNullOrWhiteSpace(ldap.BindDn) || ldap.BindPassword is null)
                    yield return Report(OriginKeys.Directory.Ldap, "The LDAP directory has no bind account: Postfix and SOGo search it before any user logs in, and "
                        + "Active Directory refuses anonymous searches. Add .BindAs(\"cn=mailapps,ou=services,dc=example,dc=com\", Secret.File(\"/etc/maildsl/secrets/ldap-bind\")).");
            }
            foreach (var (db, key) in new[] { (platform.Directory?.Sql?.Database, OriginKeys.Directory.Sql.Database), (platform.Webmail?.Database, OriginKeys.Webmail.Database) })
            {
                if (db is null) continue;
                var missing = new List<string>();
                if (string.IsNullOrWhiteSpace(db.Name)) missing.Add(".Name(\"sogo\")");
                if (string.IsNullOrWhiteSpace(db.User) || db.Password is null) missing.Add(".Login(\"sogo\", Secret.File(\"/etc/maildsl/secrets/db\"))");
                if (missing.Count > 0)
                    yield return Report(key, "The database description lacks what a daemon needs to log in to it. Add " + string.Join(" and ", missing) + ".");
            }
        }
    }
}
