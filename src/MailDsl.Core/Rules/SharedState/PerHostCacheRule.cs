using System.Collections.Generic;
using MailDsl.Directories;
using MailDsl.Layers;
using MailDsl.Model;
using MailDsl.Rules.Values;

namespace MailDsl.Rules.SharedState
{
    /// <summary>
    /// MAIL5022: several webmail hosts, each with a cache of its own (<c>.Cache(SogoCache.PerHost)</c>, or a raw
    /// <c>SOGoMemcachedHost</c> on loopback). SOGo keeps failed-login counts (SOGoMaximumFailedLoginCount), ACLs, user defaults
    /// and SSO session data in memcached (SoObjects/SOGo/SOGoCache.m): split per host, a brute-force limit is multiplied by the
    /// number of hosts, and a change made through one host is not seen through another.
    /// </summary>
    internal sealed class PerHostCacheRule : PerWebmailHostStateRule
    {
        /// <inheritdoc/>
        public override RuleDescriptor Descriptor => RuleCatalog.PerHostCache;

        /// <inheritdoc/>
        protected override string Consequence(int hosts) => "SOGo keeps failed-login counts (SOGoMaximumFailedLoginCount), ACLs, user defaults and SSO "
            + "session data in memcached (SOGoCache.m), so each host counts and caches on its own: a password can be guessed "
            + $"{hosts} times as often as the limit says, and a change made through one host is stale on the others.";

        /// <inheritdoc/>
        protected override IEnumerable<(string Key, string What, string Fix)> TypedPerHost(WebmailLayer web)
        {
            if (web.Cache == SogoCache.PerHost)
                yield return (OriginKeys.Webmail.Cache, "each keeps SOGo's cache to itself (SogoCache.PerHost)",
                    "Remove .Cache(SogoCache.PerHost): MailDsl then makes one cache of every host's memcached, reachable only from the webmail hosts.");
        }

        /// <inheritdoc/>
        protected override string? RawHost(string key, string value)
        {
            if (key != "SOGoMemcachedHost") return null;
            var host = value.Split(',')[0].Split(':')[0];
            return value.StartsWith("/") || PlatformDirectory.IsLocal(host) ? host : null;
        }

        /// <inheritdoc/>
        protected override string RawWhat(string key, string value, string host) => $"SOGoMemcachedHost = {ValueSafety.Show(value)} names each host's own memcached";

        /// <inheritdoc/>
        protected override string RawFix => "Remove the raw SOGoMemcachedHost: MailDsl lists every webmail host's memcached, the same list on each host.";
    }
}
