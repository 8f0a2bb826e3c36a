using System.Collections.Generic;
using MailDsl.Model;
using MailDsl.Targets;
using MailDsl.Topology;

namespace MailDsl.Daemons.Memcached
{
    /// <summary>
    /// memcached beside sogod on every webmail host: SOGo keeps its caches and session data there
    /// (<c>SOGoMemcachedHost = 127.0.0.1</c>). The distros' own configuration listens on 127.0.0.1:11211 only, so MailDsl writes
    /// no file for it; it installs and starts it before SOGo. Debian's sogo package depends on it (seen); RHEL's unit has the
    /// same name (reasoned).
    /// </summary>
    public sealed class MemcachedModule : DaemonModule
    {
        /// <summary>The module.</summary>
        public static MemcachedModule Instance { get; } = new();

        private MemcachedModule() { }

        /// <inheritdoc/>
        public override Daemon Daemon => Daemon.Memcached;

        /// <inheritdoc/>
        public override string Name => "memcached";

        /// <inheritdoc/>
        public override bool RunsOn(HostPlan host) => host.Layer<WebmailLayer>() is not null;

        /// <inheritdoc/>
        public override IEnumerable<Artifact> Render(PlatformTopology topology, HostPlan host) => new Artifact[0];

        /// <inheritdoc/>
        public override IReadOnlyList<string> Packages(TargetFacts target, HostPlan host) => new[] { "memcached" };

        /// <inheritdoc/>
        public override ServiceControl Service(TargetFacts target) => target.Family == DistroFamily.Rhel
            ? new("memcached", "pgrep -x memcached", "runuser -u memcached -- /usr/bin/memcached -d -l 127.0.0.1 -p 11211", "true", "pkill -x memcached")
            : new("memcached", "pgrep -x memcached", "/etc/init.d/memcached start", "true", "/etc/init.d/memcached stop");

        /// <inheritdoc/>
        /// <remarks>The packages' own default (Debian's /etc/memcached.conf, RHEL's /etc/sysconfig/memcached): loopback, 11211.</remarks>
        public override IEnumerable<ServedPort> Ports(HostPlan host) => new[] { new ServedPort("cache", "127.0.0.1", 11211) };

        /// <inheritdoc/>
        /// <remarks>memcached has no configuration check; MailDsl writes none of its files.</remarks>
        public override IReadOnlyList<string> Checks(TargetFacts target, HostPlan host) => new string[0];
    }
}
