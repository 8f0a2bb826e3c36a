using System.Collections.Generic;
using System.Linq;
using MailDsl.Model;
using MailDsl.Rules;
using MailDsl.Targets;
using MailDsl.Topology;

namespace MailDsl.Daemons.Postfix
{
    /// <summary>
    /// Postfix: every host but a pure webmail host runs it (the MX, the relay with submission, the mailstore's final
    /// delivery). One package on every target; the same <c>postfix</c> unit on Debian and RHEL.
    /// </summary>
    public sealed class PostfixModule : DaemonModule
    {
        /// <summary>The module.</summary>
        public static PostfixModule Instance { get; } = new();

        private static readonly Rule[] OwnRules = { new RequiredTlsOnPublicMxRule(), new IneffectiveSettingRule() };

        private PostfixModule() { }

        /// <inheritdoc/>
        public override Daemon Daemon => Daemon.Postfix;

        /// <inheritdoc/>
        public override string Name => "Postfix";

        /// <inheritdoc/>
        public override bool RunsOn(HostPlan host) => host.RunsPostfix;

        /// <inheritdoc/>
        public override IEnumerable<Artifact> Render(PlatformTopology topology, HostPlan host)
        {
            yield return new Artifact(host.Name, PostfixRenderer.MainCfPath, Artifact.ReadableMode, PostfixRenderer.RenderMainCf(topology, host));
            yield return new Artifact(host.Name, PostfixRenderer.MasterCfPath, Artifact.ReadableMode, PostfixRenderer.RenderMasterCf(topology, host));
            if (PostfixRenderer.RenderTransport(topology.Platform, host) is { } transport)
                yield return new Artifact(host.Name, PostfixRenderer.TransportPath, Artifact.ReadableMode, transport);
            if (topology.Platform.Directory is not null)
                foreach (var file in PostfixDirectory.Files(topology.Platform, Directories.PlatformDirectory.CaFile(topology.Platform, topology.Target), host))
                    yield return file;
        }

        /// <inheritdoc/>
        public override IReadOnlyList<Rule> Rules => OwnRules;

        /// <inheritdoc/>
        public override IEnumerable<Settings.RawValueProblem> RawValueProblems(PlatformModel platform) => PostfixRawValues.Of(platform);

        /// <inheritdoc/>
        public override Settings.RawSettingFacts RawSettings { get; } = new(
            "postconf warns 'unused parameter' and Postfix ignores it", "postconf -d", "the daemon refuses it");

        /// <inheritdoc/>
        /// <remarks>Debian (seen) and RHEL (reasoned from its package lists) ship the lookup tables apart: postfix-ldap, -pgsql, -mysql.</remarks>
        public override IReadOnlyList<string> Packages(TargetFacts target, HostPlan host)
            => host.Directory is { } directory ? new[] { "postfix", PostfixDirectory.TablePackage(directory) } : new[] { "postfix" };

        /// <inheritdoc/>
        public override ServiceControl Service(TargetFacts target)
            => new("postfix", "postfix status", "postfix start", "postfix reload", "postfix stop")
            {
                // postfix reload re-reads main.cf and master.cf, but the addresses it listens on only when it starts.
                RestartWhen = "postconf -h inet_interfaces inet_protocols",
            };

        /// <inheritdoc/>
        /// <remarks>
        /// <c>postfix check</c> checks files and permissions; it prints its warnings only to a terminal, hence script(1).
        /// <c>postconf -n</c> and <c>postconf -M</c> read main.cf and master.cf as the daemons will and warn, on standard
        /// error, about what they would ignore ("unused parameter").
        /// </remarks>
        public override IReadOnlyList<string> Checks(TargetFacts target, HostPlan host)
            => new[] { "script -qec 'postfix check' /dev/null", "postconf -n >/dev/null", "postconf -M >/dev/null" };

        /// <inheritdoc/>
        /// <remarks>Local delivery looks recipients up in the alias table main.cf names (<c>hash:/etc/aliases</c>): build it when it is missing or older than its source.</remarks>
        public override IReadOnlyList<HostChange> Changes(TargetFacts target, HostPlan host)
            => host.Layer<MailstoreLayer>() is null
                ? new HostChange[0]
                : new[]
                {
                    new HostChange("create an empty /etc/aliases for the alias table", "[[ ! -e /etc/aliases ]]", "install -m 0644 /dev/null /etc/aliases", new[] { "/etc/aliases" }),
                    new HostChange("build the alias table /etc/aliases.db (newaliases)", "[[ ! -e /etc/aliases.db || /etc/aliases -nt /etc/aliases.db ]]", "newaliases", new[] { "/etc/aliases.db" }),
                };

        /// <inheritdoc/>
        public override IEnumerable<ServedPort> Ports(HostPlan host)
            => host.Layers.SelectMany(l => l.Listeners
                .Where(x => x.Protocol is ServiceProtocol.Smtp or ServiceProtocol.Submission)
                .Select(x => new ServedPort(x.Name, ServedPorts.Dial(l.ListenAddress), x.Port)))
                .Concat(PlatformBalancing.ServedProxyPorts(host, ServiceProtocol.Smtp, ServiceProtocol.Submission));

        /// <inheritdoc/>
        /// <remarks>
        /// postconf reads a configuration directory, not a file: the new main.cf (or master.cf) is checked in a scratch
        /// directory beside the other file as installed, so <c>postconf -n</c> (<c>-M</c>) warns as it would after the copy.
        /// </remarks>
        public override string? Validation(TargetFacts target, HostPlan host, Artifact file)
        {
            var (name, other, flag) = file.Path switch
            {
                PostfixRenderer.MainCfPath => ("main.cf", "master.cf", "-n"),
                PostfixRenderer.MasterCfPath => ("master.cf", "main.cf", "-M"),
                _ => (null, null, null),
            };
            if (name is null) return null;
            return "/bin/sh -c 'd=$(mktemp -d) || exit 1; cp \"$1\" \"$d/" + name + "\" && { cp /etc/postfix/" + other + " \"$d/" + other + "\" 2>/dev/null || : >\"$d/" + other + "\"; }"
                + " && out=$(postconf -c \"$d\" " + flag + " 2>&1 >/dev/null); rc=$?; rm -rf \"$d\"; [ \"$rc\" -eq 0 ] && [ -z \"$out\" ] && exit 0; echo \"$out\" >&2; exit 1' postconf %s";
        }
    }
}
