using System.Collections.Generic;
using System.Linq;
using MailDsl.Model;
using MailDsl.Targets;
using MailDsl.Topology;

namespace MailDsl.Daemons.Sogo
{
    /// <summary>Where a SOGo package puts what nginx serves directly.</summary>
    /// <param name="Bundles">The GNUstep bundle directory: <c>&lt;product&gt;.SOGo/Resources</c> for the product resources.</param>
    /// <param name="WebServerResources">The static web resources (JavaScript, CSS, images).</param>
    public sealed record SogoPaths(string Bundles, string WebServerResources);

    /// <summary>
    /// SOGo: sogod on loopback behind nginx on every webmail host. Debian ships it (unit <c>sogo</c>); on RHEL it comes
    /// from Alinto's repository (unit <c>sogod</c>, reasoned from Alinto's packages; RHEL cannot run here).
    /// </summary>
    public sealed class SogoModule : DaemonModule
    {
        /// <summary>The module.</summary>
        public static SogoModule Instance { get; } = new();

        private SogoModule() { }

        private static readonly Rules.Rule[] OwnRules =
        {
            new SogoUrlWithoutTlsRule(), new SogoTlsVerifyNoneRule(), new SogoAllowInsecureLocalhostRule(), new SogoMariaDbWithoutTlsRule(),
        };

        /// <inheritdoc/>
        public override Daemon Daemon => Daemon.Sogo;

        /// <inheritdoc/>
        public override IReadOnlyList<Rules.Rule> Rules => OwnRules;

        /// <inheritdoc/>
        /// <remarks>
        /// sogod asks its defaults for the names it knows and never looks at the others: nothing warns (plparse checks the
        /// syntax only). Its catalogues are read off its packages' files (scripts/catalogs/sogo_catalog.py).
        /// </remarks>
        public override Settings.RawSettingFacts RawSettings { get; } = new(
            "sogod never reads it, so it changes nothing, and nothing says so", "the SOGo Installation Guide", "sogod no longer reads it, so it changes nothing");

        /// <inheritdoc/>
        public override string Name => "SOGo";

        /// <inheritdoc/>
        public override bool RunsOn(HostPlan host) => host.LayersRun(Daemon.Sogo);

        /// <summary>Where nginx serves SOGo's login page (the application's root, proxied to sogod).</summary>
        public const string LoginPagePath = "/SOGo/";

        /// <summary>
        /// What marks SOGo's own login page: its body element starts the AngularJS application <c>SOGo.MainUI</c>
        /// (UIxPageFrame.wox's <c>var:ng-app="angularModule"</c>, which the root page sets), in sogo 5.8 (Debian 12) and
        /// 5.12 (Debian 13) alike. An nginx error page, or another application answering there, does not carry it.
        /// </summary>
        public const string LoginPageMarker = "ng-app=\"SOGo.MainUI\"";

        /// <summary>
        /// Where SOGo's bundles and web resources are on <paramref name="target"/>. Debian 13 moved GNUstep to the
        /// multiarch library directory and the web resources to /usr/share (seen in its sogo 5.12.1); Debian 12
        /// keeps both under /usr/lib/GNUstep/SOGo (seen); Ubuntu 24.04's sogo 5.10 predates Debian's move (reasoned);
        /// Alinto's RHEL packages install into lib64 (reasoned).
        /// </summary>
        public static SogoPaths Paths(TargetFacts target) => target.Distro switch
        {
            Distro.Debian13 => new("/usr/lib/x86_64-linux-gnu/GNUstep/SOGo", "/usr/share/GNUstep/SOGo/WebServerResources"),
            _ when target.Family == DistroFamily.Rhel => new("/usr/lib64/GNUstep/SOGo", "/usr/lib64/GNUstep/SOGo/WebServerResources"),
            _ => new("/usr/lib/GNUstep/SOGo", "/usr/lib/GNUstep/SOGo/WebServerResources"),
        };

        /// <inheritdoc/>
        public override IEnumerable<Artifact> Render(PlatformTopology topology, HostPlan host)
        {
            var webmail = host.Layer<WebmailLayer>()!;
            // It may hold database passwords: readable by sogod's group only, from the moment it is placed.
            yield return new Artifact(host.Name, SogoConfRenderer.ConfPath, Artifact.GroupReadableMode, SogoConfRenderer.Render(topology, webmail, host.Name))
            {
                Group = "sogo",
            };
            // libldap's and libpq's CA and verification: sogod reads them from its environment.
            if (SogoDirectory.Environment(topology, host.Name) is { } environment)
                yield return new Artifact(host.Name, SogoDirectory.EnvironmentPath(topology.Target), Artifact.ReadableMode, environment);
        }

        /// <inheritdoc/>
        public override IReadOnlyList<string> Packages(TargetFacts target, HostPlan host) => new[] { "sogo" };

        /// <inheritdoc/>
        /// <remarks>
        /// sogod has no reload: a new sogo.conf takes a restart. Without systemd it is run as Debian's sogo.service runs it
        /// (seen in Debian 12's and 13's unit): its environment file, its runtime directory, its ExecStart as the sogo
        /// user; and stopped as systemd stops the unit's control group, every sogod process at once (Debian's init script
        /// signals the master alone, kills it after 20 s, and races its own chown of the pid file sogod has not written yet).
        /// </remarks>
        public override ServiceControl Service(TargetFacts target) => target.Family == DistroFamily.Rhel
            ? new("sogod", "pgrep -u sogo -x sogod", RhelStart, "pkill -u sogo -x sogod; sleep 1; " + RhelStart, "pkill -u sogo -x sogod")
            {
                Reloads = false,
                Log = "/var/log/sogo/sogo.log",
            }
            : new("sogo", "pgrep -u sogo -x sogod", DebianStart, DebianStop + "; " + DebianStart, DebianStop)
            {
                Reloads = false,
                Log = "/var/log/sogo/sogo.log",
            };

        private const string DebianStart = "PREFORK=3; set -a; if [ -f /etc/default/sogo ]; then . /etc/default/sogo; fi; set +a;"
            + " install -d -o sogo -g sogo -m 0755 /run/sogo"
            + " && runuser -u sogo -- /usr/sbin/sogod -WOWorkersCount \"$PREFORK\" -WOPidFile /run/sogo/sogo.pid -WOLogFile /var/log/sogo/sogo.log";

        // Its workers finish within about 20 s of SIGTERM (seen on 5.8 and 5.12); one still there after 40 s is killed.
        private const string DebianStop = "pkill -u sogo -x sogod; timeout 40 sh -c 'while pgrep -u sogo -x sogod >/dev/null; do sleep 0.2; done'"
            + " || { pkill -KILL -u sogo -x sogod; sleep 1; }";

        // Without systemd, sogod gets the environment file's variables (the directory's and database's TLS) from the shell.
        private const string RhelStart = "set -a; if [ -f /etc/sysconfig/sogo ]; then . /etc/sysconfig/sogo; fi; set +a; runuser -u sogo -- /usr/sbin/sogod -WOPidFile /run/sogo/sogo.pid";

        /// <inheritdoc/>
        /// <remarks><c>plparse</c> (gnustep-base) reads sogo.conf as sogod's property-list parser does and exits 1 on an error.</remarks>
        public override IReadOnlyList<string> Checks(TargetFacts target, HostPlan host)
            => new[] { "plparse " + SogoConfRenderer.ConfPath + " >/dev/null" };

        /// <inheritdoc/>
        /// <remarks>
        /// Debian's unit (RuntimeDirectory) and init script make sogod's run and log directories themselves. Started without
        /// systemd on RHEL, sogod needs its pid directory (reasoned).
        /// </remarks>
        public override IReadOnlyList<string> Prepare(TargetFacts target, HostPlan host)
            => target.Family == DistroFamily.Rhel ? new[] { "[[ -d /run/sogo ]] || install -d -o sogo -g sogo -m 0755 /run/sogo" } : new string[0];

        /// <inheritdoc/>
        /// <remarks>sogod listens on loopback only, for nginx.</remarks>
        public override IEnumerable<ServedPort> Ports(HostPlan host)
            => host.Layers.SelectMany(l => l.Listeners.Where(x => x.Protocol == ServiceProtocol.Sogo).Select(x => new ServedPort(x.Name, "127.0.0.1", x.Port)));

        /// <inheritdoc/>
        /// <remarks><c>plparse</c> says "a dictionary" when it reads sogo.conf as the property list sogod expects.</remarks>
        public override string? Validation(TargetFacts target, HostPlan host, Artifact file) => file.Path == SogoConfRenderer.ConfPath
            ? "/bin/sh -c 'out=$(plparse \"$1\" 2>&1) && case $out in *\"a dictionary\"*) exit 0;; esac; echo \"$out\" >&2; exit 1' plparse %s"
            : null;
    }
}
