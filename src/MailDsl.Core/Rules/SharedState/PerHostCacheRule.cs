using System.Collections.Generic;
using MailDsl.Directories;
using MailDsl.Layers;
using MailDsl.Model;
using MailDsl.Rules.Values;
using MailDsl.Text;

namespace MailDsl.Rules.SharedState
{
    /// <summary>
    /// MAIL5022: several webmail hosts, each with a cache of its own (<c>.Cache(SogoCache.PerHost)</c>, or a raw
    /// <c>SOGoMemcachedHost</c> on loopback). SOGo keeps failed-login counts (SOGoMaximumFailedLoginCount), ACLs, user defaults
    /// and SSO session data in memcached (SoObjects/SOGo/SOGoCache.m): split per host, a brute-force limit is multiplied by the
    /// number of hosts, and a change made through one host is not seen through another.
    /// </summary>
    internal sealed class PerHostCacheRule : Rule
    {
        /// <inheritdoc/>
        public override RuleDescriptor Descriptor => RuleCatalog.PerHostCache;

        /// <inheritdoc/>
        public override IEnumerable<Finding> Check(PlatformModel platform)
        {
            if (platform.Webmail is not { } web) yield break;
            var hosts = Topology.SharedState.HostsOf(web);
            if (hosts.Count < 2) yield break;
            // Built by interpolation, never string.Format: host names and values may hold braces (other rules refuse them).
            string Why(string what, string fix) => $"The webmail layer has {hosts.Count} hosts ({Listing.Abbreviate(hosts)}) and {what}: SOGo keeps failed-login counts "
                + "(SOGoMaximumFailedLoginCount), ACLs, user defaults and SSO session data in memcached (SOGoCache.m), so each host counts "
                + $"and caches on its own: a password can be guessed {hosts.Count} times as often as the limit says, and a change made through "
                + "one host is stale on the others. " + fix;
            if (web.Cache == SogoCache.PerHost)
                yield return Report(OriginKeys.Webmail.Cache, Why("each keeps SOGo's cache to itself (SogoCache.PerHost)",
                    "Remove .Cache(SogoCache.PerHost): MailDsl then makes one cache of every host's memcached, reachable only from the webmail hosts."));
            foreach (var (setting, n) in PlatformLayers.NumberedSettings(web))
            {
                if (setting.Daemon != Daemon.Sogo || setting.Key != "SOGoMemcachedHost") continue;
                var value = setting.Value?.Trim().Trim('"') ?? "";
                var host = value.Split(',')[0].Split(':')[0];
                if (!value.StartsWith("/") && !PlatformDirectory.IsLocal(host)) continue;
                yield return Report(OriginKeys.Of(web).Setting(setting.Daemon, setting.Key, n).Value, Why($"SOGoMemcachedHost = {ValueSafety.Show(setting.Value)} names each host's own memcached",
                    "Remove the raw SOGoMemcachedHost: MailDsl lists every webmail host's memcached, the same list on each host."));
            }
        }
    }
}
