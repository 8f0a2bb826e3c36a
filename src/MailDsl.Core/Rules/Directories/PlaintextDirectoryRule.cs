using System.Collections.Generic;
using System.Linq;
using MailDsl.Model;

namespace MailDsl.Rules.Directories
{
    /// <summary>
    /// MAIL5001: a directory server dialled without TLS (<see cref="LdapSecurity.Plain"/>) from the hosts. Passwords always
    /// cross it: Dovecot verifies each login by binding as the user (auth_bind, so the LDAP server checks the password), SOGo
    /// does the same for webmail, and every daemon binds with the bind account. This is the series' Dovecot, reading Active
    /// Directory on port 389 with <c>tls = no</c> and <c>auth_bind = yes</c>. A server on the host itself stays silent.
    /// </summary>
    internal sealed class PlaintextDirectoryRule : Rule
    {
        /// <inheritdoc/>
        public override RuleDescriptor Descriptor => RuleCatalog.PlaintextDirectory;

        /// <inheritdoc/>
        public override IEnumerable<Finding> Check(PlatformModel platform)
        {
            foreach (var c in DirectoryConnections.Of(platform).Where(c => c.IsLdap && !c.Encrypted && !c.IsLocal))
                yield return Report(c.SecurityKey,
                    $"{c.What} is dialled without TLS (LdapSecurity.Plain). Dovecot checks every IMAP, POP3 and submission login by binding to it "
                    + "as the user (auth_bind), SOGo does the same for webmail logins, and Postfix, Dovecot and SOGo bind with the bind account: "
                    + "every one of those passwords would cross the network in clear text. Write LdapSecurity.Ldaps (port 636) or "
                    + "LdapSecurity.StartTls (port 389, TLS before any bind).");
        }
    }
}
