using System.Collections.Generic;
using MailDsl.Model;
using MailDsl.Rules;
using MailDsl.Targets;
using MailDsl.Topology;

namespace MailDsl.Daemons.Keepalived
{
    /// <summary>
    /// keepalived on the emitted balancer hosts (<see cref="KeepalivedConfigRenderer"/>), after HAProxy: its package, its
    /// HAProxy check script, its check (<c>keepalived -t</c>, which exits non-zero naming the line it refuses) and its control
    /// without systemd (the package's init script on Debian 12 and 13, seen; RHEL's unit's command line, reasoned).
    /// </summary>
    public sealed class KeepalivedModule : DaemonModule
    {
        /// <summary>The module.</summary>
        public static KeepalivedModule Instance { get; } = new();

        private static readonly Rule[] OwnRules = { new SingleBalancerRule() };

        private KeepalivedModule() { }

        /// <inheritdoc/>
        public override Daemon Daemon => Daemon.Keepalived;

        /// <inheritdoc/>
        public override string Name => "keepalived";

        /// <inheritdoc/>
        public override bool RunsOn(HostPlan host) => host.LayersRun(Daemon.Keepalived) && host.Layer<BalancerLayer>() is { Kind: BalancerKind.Emitted };

        /// <inheritdoc/>
        public override IEnumerable<Artifact> Render(PlatformTopology topology, HostPlan host)
        {
            yield return new Artifact(host.Name, KeepalivedConfigRenderer.ConfigPath, Artifact.ReadableMode, KeepalivedConfigRenderer.Render(topology, host));
            yield return new Artifact(host.Name, KeepalivedConfigRenderer.CheckScriptPath, Artifact.ExecutableMode, KeepalivedConfigRenderer.CheckScript(host.Layer<BalancerLayer>()!));
        }

        /// <inheritdoc/>
        public override IReadOnlyList<string> Packages(TargetFacts target, HostPlan host) => new[] { "keepalived" };

        /// <inheritdoc/>
        public override ServiceControl Service(TargetFacts target) => target.Family == DistroFamily.Rhel
            ? new("keepalived", "pgrep -x keepalived", "keepalived -D", "kill -HUP \"$(cat /run/keepalived.pid)\"", "kill \"$(cat /run/keepalived.pid)\"")
            : new("keepalived", "pgrep -x keepalived", "/etc/init.d/keepalived start", "/etc/init.d/keepalived reload", "/etc/init.d/keepalived stop");

        /// <inheritdoc/>
        /// <remarks><c>keepalived -t</c> reads the file as the daemon will and exits non-zero on an unknown keyword, a bad value or a missing script.</remarks>
        public override IReadOnlyList<string> Checks(TargetFacts target, HostPlan host) => new[] { "keepalived -t -f " + KeepalivedConfigRenderer.ConfigPath };

        // No Validation of keepalived.conf on its own: keepalived -t refuses a file whose check script is not in place yet
        // ("Disabling track script ... since not found", exit 5), and the script is a file of the same change. The check
        // above runs once every file is placed.
    
        /// <inheritdoc/>
        public override IReadOnlyList<Rule> Rules => OwnRules;
    }
}
