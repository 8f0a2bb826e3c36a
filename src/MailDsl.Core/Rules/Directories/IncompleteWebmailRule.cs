using System.Collections.Generic;
using MailDsl.Model;

namespace MailDsl.Rules.Directories
{
    /// <summary>
    /// MAIL5007: a webmail layer whose SOGo has no user source (the platform has no directory) or no database. sogod then
    /// serves a login page and logs no one in ("failed to acquire channel for URL: (null)").
    /// </summary>
    internal sealed class IncompleteWebmailRule : Rule
    {
        /// <inheritdoc/>
        public override RuleDescriptor Descriptor => RuleCatalog.IncompleteWebmail;

        /// <inheritdoc/>
        public override IEnumerable<Finding> Check(PlatformModel platform)
        {
            if (platform.Webmail is not { } webmail) yield break;
            var missing = new List<string>();
            if (platform.Directory is null) missing.Add("no user source (the platform describes no .Directory(...))");
            if (webmail.Database is null) missing.Add("no database (the webmail layer describes no .Database(...))");
            if (missing.Count == 0) yield break;
            yield return Report(webmail.Database is null ? OriginKeys.Webmail.Database.Path : OriginKeys.Directory.Path,
                "SOGo has " + string.Join(" and ", missing) + ": it serves its login page and logs no one in, since it authenticates users "
                + "against the user source and keeps their profiles and sessions in its database (sogod logs 'failed to acquire channel for "
                + "URL: (null)'). Describe the users once with .Directory(d => d.Ldap(...)) and SOGo's database with "
                + ".Webmail(w => w.Database(db => db.PostgreSql(\"db01.example.com\").Name(\"sogo\").Login(\"sogo\", Secret.File(\"/etc/maildsl/secrets/sogo-db\")))).");
        }
    }
}
