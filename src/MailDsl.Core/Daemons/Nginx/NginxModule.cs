using System.Collections.Generic;
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

        private static readonly Rule[] OwnRules = { new NginxRegexWithoutTildeRule(), new NginxLocationReachRule() };

        private NginxModule() { }

        /// <inheritdoc/>
        public override Daemon Daemon => Daemon.Nginx;

        /// <inheritdoc/>
        public override string Name => "nginx";

        /// <inheritdoc/>
        public override bool RunsOn(HostPlan host) => host.Layer<WebmailLayer>() is not null;

        /// <inheritdoc/>
        public override IEnumerable<Artifact> Render(PlatformTopology topology, HostPlan host)
        {
            var webmail = host.Layer<WebmailLayer>()!;
            yield return new Artifact(host.Name, NginxSiteRenderer.SitePath, Artifact.ReadableMode, NginxSiteRenderer.Render(topology, webmail, host.Name));
            // nginx has no built-in DH group: without the file it silently drops every DHE suite of the string.
            if (topology.NeedsDhParameters(webmail))
                yield return DhParameters.Artifact(host.Name);
        }

        /// <inheritdoc/>
        public override IReadOnlyList<string> Packages(TargetFacts target, HostPlan host) => new[] { "nginx" };

        /// <inheritdoc/>
        public override ServiceControl Service(TargetFacts target) => new("nginx", "pgrep -x nginx", "nginx", "nginx -s reload", "nginx -s quit");

        /// <inheritdoc/>
        /// <remarks><c>nginx -t</c> reads the whole configuration as the daemon will; <c>-q</c> leaves only warnings and errors.</remarks>
        public override IReadOnlyList<string> Checks(TargetFacts target, HostPlan host) => new[] { "nginx -t -q" };

        /// <inheritdoc/>
        /// <remarks>
        /// Debian enables a default site that answers "Welcome to nginx!" on port 80 of every address, with the nginx
        /// version in its Server header; the platform's site is the only one a webmail host serves.
        /// </remarks>
        public override IReadOnlyList<string> Prepare(TargetFacts target, HostPlan host)
            => target.Family == DistroFamily.Debian ? new[] { "rm -f /etc/nginx/sites-enabled/default" } : new string[0];

        /// <inheritdoc/>
        public override IReadOnlyList<Rule> Rules => OwnRules;
    }
}
