using System.Collections.Generic;
using MailDsl.Directories;
using MailDsl.Layers;
using MailDsl.Model;
using MailDsl.Rules.Values;
using MailDsl.Text;

namespace MailDsl.Rules.SharedState
{
    /// <summary>
    /// MAIL5023: several webmail hosts, each with SOGo's database on itself (<c>localhost</c>, or a raw database URL to it).
    /// SOGo keeps sessions (OCSSessionsFolderURL), user profiles and preferences (SOGoProfileURL), folder metadata and alarms
    /// in that database: a database per host means a session started on one host is unknown to the next, and preferences
    /// differ by host.
    /// </summary>
    internal sealed class PerHostDatabaseRule : Rule
    {
        private static readonly string[] DatabaseUrls = { "SOGoProfileURL", "OCSFolderInfoURL", "OCSSessionsFolderURL", "OCSEMailAlarmsFolderURL", "OCSAdminURL", "OCSCacheFolderURL", "OCSStoreURL", "OCSAclURL" };

        /// <inheritdoc/>
        public override RuleDescriptor Descriptor => RuleCatalog.PerHostDatabase;

        /// <inheritdoc/>
        public override IEnumerable<Finding> Check(PlatformModel platform)
        {
            if (platform.Webmail is not { } web) yield break;
            var hosts = Topology.SharedState.HostsOf(web);
            if (hosts.Count < 2) yield break;
            // Built by interpolation, never string.Format: host names and values may hold braces (other rules refuse them).
            string Why(string what, string fix) => $"The webmail layer has {hosts.Count} hosts ({Listing.Abbreviate(hosts)}) and {what}: SOGo keeps sessions "
                + "(OCSSessionsFolderURL), profiles and preferences (SOGoProfileURL), folder metadata and alarms there, so each host has its own: a "
                + "user logged in through one host is logged out on the next request the VIP sends elsewhere, and preferences differ by host. " + fix;
            if (web.Database is { } db && PlatformDirectory.IsLocal(db.Host))
                yield return Report(OriginKeys.Webmail.Database.Host, Why($"SOGo's database on each host itself ('{ValueSafety.Show(db.Host)}')",
                    "Name one database server every webmail host dials, e.g. db.PostgreSql(\"db01.example.com\") with TLS verified."));
            foreach (var (setting, n) in PlatformLayers.NumberedSettings(web))
            {
                if (setting.Daemon != Daemon.Sogo || System.Array.IndexOf(DatabaseUrls, setting.Key) < 0) continue;
                var value = setting.Value?.Trim().Trim('"') ?? "";
                var at = value.LastIndexOf('@');
                var rest = at >= 0 ? value.Substring(at + 1) : value.Contains("://") ? value.Substring(value.IndexOf("://", System.StringComparison.Ordinal) + 3) : "";
                var host = rest.Split('/')[0].Split(':')[0];
                if (host.Length == 0 || !PlatformDirectory.IsLocal(host)) continue;
                yield return Report(OriginKeys.Of(web).Setting(setting.Daemon, setting.Key, n).Value, Why($"{setting.Key} on each host itself ('{ValueSafety.Show(host)}')",
                    "Remove the raw URL and describe one database server every webmail host dials with .Database(db => db.PostgreSql(\"db01.example.com\")...)."));
            }
        }
    }
}
