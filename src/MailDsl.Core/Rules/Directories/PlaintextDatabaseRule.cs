using System.Collections.Generic;
using System.Linq;
using MailDsl.Model;

namespace MailDsl.Rules.Directories
{
    /// <summary>
    /// MAIL5002: a database on another host dialled without TLS (<see cref="DatabaseTls.Disabled"/>): its password and every
    /// row (SOGo's sessions, a SQL directory's password hashes) cross the network in clear text. A database on the host itself
    /// (<c>localhost</c>, the series' MariaDB beside SOGo) stays silent.
    /// </summary>
    internal sealed class PlaintextDatabaseRule : Rule
    {
        /// <inheritdoc/>
        public override RuleDescriptor Descriptor => RuleCatalog.PlaintextDatabase;

        /// <inheritdoc/>
        public override IEnumerable<Finding> Check(PlatformModel platform)
        {
            foreach (var c in DirectoryConnections.Of(platform).Where(c => !c.IsLdap && !c.Encrypted && !c.IsLocal))
                yield return Report(c.SecurityKey,
                    $"{c.What} is dialled without TLS (DatabaseTls.Disabled): the database password, and every row read or written "
                    + "(sessions, profiles, users' password hashes), would cross the network in clear text. Write DatabaseTls.VerifyFull "
                    + "(the default: TLS, the server's certificate verified against the platform's CA and its name), or keep the "
                    + "database on the same host and dial localhost.");
        }
    }
}
