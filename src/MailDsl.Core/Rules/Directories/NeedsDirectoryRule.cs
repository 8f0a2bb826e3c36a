using System.Collections.Generic;
using System.Linq;
using MailDsl.Model;

namespace MailDsl.Rules.Directories
{
    /// <summary>
    /// MAIL5011: the description uses what only works through the user directory, on a platform without one. Mail storage
    /// owned by one virtual mail user, ManageSieve (whose scripts run at LMTP delivery) and extra mail domains (virtual
    /// mailboxes) are served through the directory's users; without it the mailstore delivers to local system users and
    /// nothing would use them.
    /// </summary>
    internal sealed class NeedsDirectoryRule : Rule
    {
        private const string Fix = "Describe the users with .Directory(d => d.Ldap(LdapSchema.ActiveDirectory).Server(...)...) or .Directory(d => d.Sql(...)), or remove it.";

        /// <inheritdoc/>
        public override RuleDescriptor Descriptor => RuleCatalog.NeedsDirectory;

        /// <inheritdoc/>
        public override IEnumerable<Finding> Check(PlatformModel platform)
        {
            if (platform.Directory is not null) yield break;
            if (platform.Mailstore?.Storage is not null)
                yield return Report(OriginKeys.Mailstore.Storage.Kind, "The mailstore's Storage(...) needs the platform's user directory: mailboxes owned by one virtual "
                    + "mail user are delivered and found through the directory's users, and without one the mailstore delivers to local system users' "
                    + "home directories instead. " + Fix);
            if (platform.Mailstore?.Listeners.FirstOrDefault(l => l?.Protocol == ServiceProtocol.ManageSieve) is { } sieve)
                yield return Report(OriginKeys.Mailstore.Listener(sieve.Name).Port, "ManageSieve needs the platform's user directory: the scripts users upload "
                    + "run when Dovecot delivers over LMTP to the directory's users, and without one Postfix delivers to local system users and never "
                    + "runs them. " + Fix);
            for (var i = 0; i < platform.MailDomains.Count; i++)
                yield return Report(OriginKeys.Platform.MailDomains[i], $"The mail domain '{platform.MailDomains[i]}' needs the platform's user directory: several "
                    + "domains are delivered to the directory's users (virtual mailboxes), and without one the mailstore knows only local system users "
                    + "of its own domain. " + Fix);
        }
    }
}
