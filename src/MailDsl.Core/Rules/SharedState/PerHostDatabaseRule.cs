using System.Collections.Generic;
using MailDsl.Directories;
using MailDsl.Layers;
using MailDsl.Model;
using MailDsl.Rules.Values;

namespace MailDsl.Rules.SharedState
{
    /// <summary>
    /// MAIL5023: several webmail hosts, each with SOGo's database on itself (<c>localhost</c>, or a raw database URL to it).
    /// SOGo keeps sessions (OCSSessionsFolderURL), user profiles and preferences (SOGoProfileURL), folder metadata and alarms
    /// in that database: a database per host means a session started on one host is unknown to the next, and preferences
    /// differ by host.
    /// </summary>
    internal sealed class PerHostDatabaseRule : PerWebmailHostStateRule
    {
        private static readonly string[] DatabaseUrls = { "SOGoProfileURL", "OCSFolderInfoURL", "OCSSessionsFolderURL", "OCSEMailAlarmsFolderURL", "OCSAdminURL", "OCSCacheFolderURL", "OCSStoreURL", "OCSAclURL" };

        /// <inheritdoc/>
        public override RuleDescriptor Descriptor => RuleCatalog.PerHostDatabase;

        /// <inheritdoc/>
        protected override string Consequence(int hosts) => "SOGo keeps sessions (OCSSessionsFolderURL), profiles and preferences (SOGoProfileURL), folder "
            + "metadata and alarms there, so each host has its own: a user logged in through one host is logged out on the next request the VIP "
            + "sends elsewhere, and preferences differ by host.";

        /// <inheritdoc/>
        protected override IEnumerable<(string Key, string What, string Fix)> TypedPerHost(WebmailLayer web)
        {
            if (web.Database is { } db && PlatformDirectory.IsLocal(db.Host))
                yield return (OriginKeys.Webmail.Database.Host, $"SOGo's database on each host itself ('{ValueSafety.Show(db.Host)}')",
                    "Name one database server every webmail host dials, e.g. db.PostgreSql(\"db01.example.com\") with TLS verified.");
        }

        /// <inheritdoc/>
        protected override string? RawHost(string key, string value)
        {
            if (System.Array.IndexOf(DatabaseUrls, key) < 0) return null;
            var at = value.LastIndexOf('@');
            var rest = at >= 0 ? value.Substring(at + 1) : value.Contains("://") ? value.Substring(value.IndexOf("://", System.StringComparison.Ordinal) + 3) : "";
            var host = rest.Split('/')[0].Split(':')[0];
            return host.Length > 0 && PlatformDirectory.IsLocal(host) ? host : null;
        }

        /// <inheritdoc/>
        protected override string RawWhat(string key, string value, string host) => $"{key} on each host itself ('{ValueSafety.Show(host)}')";

        /// <inheritdoc/>
        protected override string RawFix => "Remove the raw URL and describe one database server every webmail host dials with .Database(db => db.PostgreSql(\"db01.example.com\")...).";
    }
}
