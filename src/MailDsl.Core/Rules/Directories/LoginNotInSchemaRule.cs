using System.Collections.Generic;
using MailDsl.Directories;
using MailDsl.Model;

namespace MailDsl.Rules.Directories
{
    /// <summary>
    /// MAIL5010: users log in with a name the directory does not have: <see cref="LoginName.PrincipalName"/>
    /// (<c>userPrincipalName</c>) outside Active Directory. Username and Address exist in every directory.
    /// </summary>
    internal sealed class LoginNotInSchemaRule : Rule
    {
        /// <inheritdoc/>
        public override RuleDescriptor Descriptor => RuleCatalog.LoginNotInSchema;

        /// <inheritdoc/>
        public override IEnumerable<Finding> Check(PlatformModel platform)
        {
            if (platform.Directory is not { Login: LoginName.PrincipalName } directory) yield break;
            if (directory.Ldap is { } ldap && LdapAttributes.Supports(ldap.Schema, directory.Login)) yield break;
            var where = directory.Ldap is not null ? "an inetOrgPerson directory (OpenLDAP)" : "a SQL directory";
            yield return Report(OriginKeys.Directory.Login,
                $"Users would log in with their userPrincipalName, which only Active Directory has; {where} has no such attribute, so no login "
                + "would ever match. Write LoginName.Username (uid, or the c_uid column) or LoginName.Address (mail).");
        }
    }
}
