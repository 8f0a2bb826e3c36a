using System.Collections.Generic;
using MailDsl.Layers;
using MailDsl.Model;
using MailDsl.Text;

namespace MailDsl.Rules.SharedState
{
    /// <summary>
    /// The shape of the rules about state SOGo keeps that must be one for every webmail host: with several hosts, the typed
    /// description keeping it per host, or a raw SOGo setting pointing each host at itself, is reported with what SOGo keeps
    /// there and what splitting it does. The rules differ only in what they name (<see cref="PerHostCacheRule"/>,
    /// <see cref="PerHostDatabaseRule"/>).
    /// </summary>
    internal abstract class PerWebmailHostStateRule : Rule
    {
        /// <summary>What SOGo keeps there and what goes wrong when each host has its own, for <paramref name="hosts"/> hosts.</summary>
        protected abstract string Consequence(int hosts);

        /// <summary>Where the typed description keeps the state per host: its origin key, what it says, and the fix.</summary>
        protected abstract IEnumerable<(string Key, string What, string Fix)> TypedPerHost(WebmailLayer web);

        /// <summary>The host a raw SOGo setting points at when it is this state's setting, or null.</summary>
        protected abstract string? RawHost(string key, string value);

        /// <summary>How the raw setting's description reads, e.g. "SOGoMemcachedHost = ... names each host's own memcached".</summary>
        protected abstract string RawWhat(string key, string value, string host);

        /// <summary>The fix for a raw setting.</summary>
        protected abstract string RawFix { get; }

        /// <inheritdoc/>
        public sealed override IEnumerable<Finding> Check(PlatformModel platform)
        {
            if (platform.Webmail is not { } web) yield break;
            var hosts = Topology.SharedState.HostsOf(web);
            if (hosts.Count < 2) yield break;
            // Built by interpolation, never string.Format: host names and values may hold braces (other rules refuse them).
            string Why(string what, string fix) => $"The webmail layer has {hosts.Count} hosts ({Listing.Abbreviate(hosts)}) and {what}: {Consequence(hosts.Count)} {fix}";
            foreach (var (key, what, fix) in TypedPerHost(web))
                yield return Report(key, Why(what, fix));
            foreach (var (setting, n) in PlatformLayers.NumberedSettings(web))
            {
                if (setting.Daemon != Daemon.Sogo) continue;
                var value = setting.Value?.Trim().Trim('"') ?? "";
                if (RawHost(setting.Key, value) is not { } host) continue;
                yield return Report(OriginKeys.Of(web).Setting(setting.Daemon, setting.Key, n).Value, Why(RawWhat(setting.Key, setting.Value ?? "", host), RawFix));
            }
        }
    }
}
