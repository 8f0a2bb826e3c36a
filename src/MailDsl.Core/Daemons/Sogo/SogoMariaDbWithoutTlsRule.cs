using System.Collections.Generic;
using MailDsl.Directories;
using MailDsl.Model;
using MailDsl.Rules;
using MailDsl.Targets;

namespace MailDsl.Daemons.Sogo
{
    /// <summary>
    /// MAIL5008: SOGo's database on MariaDB on another host, on a target whose SOGo has no TLS to MariaDB. SOPE's MySQL
    /// adaptor gained TLS (MySQL4SSLEnabled, MySQL4SSLCaPath) in SOPE 5.11 (commit 45d409c, June 2024); Debian 12's SOGo
    /// 5.8 connects in clear text whatever the description says. A MariaDB on the webmail host itself (the series' setup,
    /// over its local socket), or PostgreSQL, stays silent.
    /// </summary>
    internal sealed class SogoMariaDbWithoutTlsRule : Rule
    {
        /// <summary>The first SOGo whose SOPE speaks TLS to MariaDB.</summary>
        public static readonly SoftwareVersion FirstWithTls = new(5, 11, 0);

        /// <inheritdoc/>
        public override RuleDescriptor Descriptor => RuleCatalog.SogoMariaDbWithoutTls;

        /// <inheritdoc/>
        public override IEnumerable<Finding> Check(PlatformModel platform)
        {
            if (platform.Webmail?.Database is not { Engine: SqlEngine.MariaDb } db || PlatformDirectory.IsLocal(db.Host)) yield break;
            if (db.Tls == DatabaseTls.Disabled) yield break; // MAIL5002 says it already
            var target = TargetTable.For(platform);
            if (target.Sogo.AtLeast(FirstWithTls.Major, FirstWithTls.Minor)) yield break;
            yield return Report(OriginKeys.Webmail.Database.Host,
                $"SOGo's database is MariaDB on '{db.Host}', but {target.DisplayName}'s SOGo {target.Sogo} cannot use TLS to MariaDB (SOPE's MySQL "
                + "adaptor gained it in 5.11), so the database password and every session would cross the network in clear text. Use "
                + "PostgreSQL (db.PostgreSql(...), verified TLS), keep MariaDB on the webmail host and dial localhost, or target a SOGo 5.11 "
                + "or newer (.Target(distro, t => t.WithSogo(\"5.12.1\")), or Distro.Debian13).");
        }
    }
}
