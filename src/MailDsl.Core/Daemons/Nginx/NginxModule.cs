using System.Collections.Generic;
using System.Linq;
using MailDsl.Model;
using MailDsl.Rules;
using MailDsl.Targets;
using MailDsl.Tls.Files;
using MailDsl.Topology;

namespace MailDsl.Daemons.Nginx
{
    /// <summary>
    /// nginx: terminates TLS in front of sogod on every webmail host, serves SOGo's static resources itself and
    /// redirects plain HTTP. One package and one unit, <c>nginx</c>, on every target.
    /// </summary>
    public sealed class NginxModule : DaemonModule
    {
        /// <summary>The module.</summary>
        public static NginxModule Instance { get; } = new();

        private static readonly Rule[] OwnRules =
        {
            new NginxRegexWithoutTildeRule(), new NginxLocationReachRule(), new NginxUnknownDirectiveRule(), new NginxDirectiveNotAllowedRule(),
            new NginxDuplicateLocationRule(), new NginxLocationNeverMatchesRule(),
        };

        private NginxModule() { }

        /// <inheritdoc/>
        public override Daemon Daemon => Daemon.Nginx;

        /// <inheritdoc/>
        public override string Name => "nginx";

        /// <inheritdoc/>
        public override bool RunsOn(HostPlan host) => host.LayersRun(Daemon.Nginx);

        /// <inheritdoc/>
        public override IEnumerable<Artifact> Render(PlatformTopology topology, HostPlan host)
        {
            var webmail = host.Layer<WebmailLayer>()!;
            yield return new Artifact(host.Name, NginxSiteRenderer.SitePath, Artifact.ReadableMode, NginxSiteRenderer.Render(topology, webmail, host.Name));
            if (topology.Platform.Dns?.MtaSts is { } policy && webmail.Listeners.Any(l => l.Protocol == ServiceProtocol.Https))
                yield return new Artifact(host.Name, NginxSiteRenderer.MtaStsPolicyPath, Artifact.ReadableMode, Dns.MtaSts.PolicyText(topology.Platform, policy));
            // nginx has no built-in DH group: without the file it silently drops every DHE suite of the string.
            if (topology.NeedsDhParameters(webmail))
                yield return DhParameters.Artifact(host.Name);
        }

        /// <inheritdoc/>
        public override IReadOnlyList<string> Packages(TargetFacts target, HostPlan host) => new[] { "nginx" };

        /// <inheritdoc/>
        public override ServiceControl Service(TargetFacts target) => new("nginx", "pgrep -x nginx", "nginx", "nginx -s reload", "nginx -s quit")
        {
            Log = "/var/log/nginx/error.log",
        };

        /// <inheritdoc/>
        /// <remarks><c>nginx -t</c> reads the whole configuration as the daemon will; <c>-q</c> leaves only warnings and errors.</remarks>
        public override IReadOnlyList<string> Checks(TargetFacts target, HostPlan host) => new[] { "nginx -t -q" };

        /// <inheritdoc/>
        /// <remarks>
        /// Debian enables a default site that answers "Welcome to nginx!" on port 80 of every address, with the nginx
        /// version in its Server header; the platform's site is the only one a webmail host serves. (RHEL's nginx.conf
        /// holds its default server itself; reasoned, not changed here.)
        /// </remarks>
        public override IReadOnlyList<HostChange> Changes(TargetFacts target, HostPlan host)
            => target.Family == DistroFamily.Debian
                ? new[]
                {
                    new HostChange("disable Debian's default nginx site (\"Welcome to nginx!\" on port 80, with nginx's version)",
                        "[[ -e " + DefaultSite + " || -L " + DefaultSite + " ]]", "rm -f " + DefaultSite, new[] { DefaultSite }),
                }
                : new HostChange[0];

        /// <summary>Where Debian enables its default site.</summary>
        public const string DefaultSite = "/etc/nginx/sites-enabled/default";

        /// <inheritdoc/>
        public override IEnumerable<ServedPort> Ports(HostPlan host)
            => host.Layers.SelectMany(l => l.Listeners
                .Where(x => x.Protocol is ServiceProtocol.Https or ServiceProtocol.Http)
                .Select(x => new ServedPort(x.Name, ServedPorts.Dial(l.ListenAddress), x.Port)))
                .Concat(PlatformBalancing.ServedProxyPorts(host, ServiceProtocol.Https, ServiceProtocol.Http));

        /// <inheritdoc/>
        /// <remarks>
        /// nginx checks a whole configuration, not a file: the new site is included from a scratch nginx.conf whose
        /// http block is what the distros' nginx.conf gives a site (<c>mime.types</c>); <c>-q</c> leaves only warnings and errors.
        /// </remarks>
        public override string? Validation(TargetFacts target, HostPlan host, Artifact file) => file.Path switch
        {
            NginxSiteRenderer.SitePath => "/bin/sh -c 'd=$(mktemp -d) || exit 1; { echo \"pid $d/nginx.pid;\"; echo \"error_log stderr;\"; echo \"events { }\";"
                + " echo \"http { include /etc/nginx/mime.types; include $1; }\"; } >\"$d/nginx.conf\"; out=$(nginx -t -q -p \"$d\" -c \"$d/nginx.conf\" 2>&1); rc=$?; rm -rf \"$d\";"
                + " [ \"$rc\" -eq 0 ] && [ -z \"$out\" ] && exit 0; echo \"$out\" >&2; exit 1' nginx %s",
            DhParameters.Path => DhParameters.Validation,
            _ => null,
        };

        /// <inheritdoc/>
        public override IReadOnlyList<Rule> Rules => OwnRules;

        /// <inheritdoc/>
        public override IEnumerable<Settings.RawValueProblem> RawValueProblems(PlatformModel platform) => NginxRawValues.Of(platform);
    }
}
