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

        private static readonly Rule[] OwnRules = { new RequiredTlsOnPublicMxRule() };

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
            yield return new Artifact(host.Name, PostfixRenderer.MasterCfPath, Artifact.ReadableMode, PostfixRenderer.RenderMasterCf(host));
            if (PostfixRenderer.RenderTransport(topology.Platform, host) is { } transport)
                yield return new Artifact(host.Name, PostfixRenderer.TransportPath, Artifact.ReadableMode, transport);
            if (topology.Platform.Directory is not null)
                foreach (var file in PostfixDirectory.Files(topology.Platform, Directories.PlatformDirectory.CaFile(topology.Platform, topology.Target), host))
                    yield return file;
        }

        /// <inheritdoc/>
        public override IReadOnlyList<Rule> Rules => OwnRules;

        /// <inheritdoc/>
        /// <remarks>Debian (seen) and RHEL (reasoned from its package lists) ship the lookup tables apart: postfix-ldap, -pgsql, -mysql.</remarks>
        public override IReadOnlyList<string> Packages(TargetFacts target, HostPlan host)
            => host.Directory is { } directory ? new[] { "postfix", PostfixDirectory.TablePackage(directory) } : new[] { "postfix" };

        /// <inheritdoc/>
        public override ServiceControl Service(TargetFacts target)
            => new("postfix", "postfix status", "postfix start", "postfix reload", "postfix stop");

        /// <inheritdoc/>
        /// <remarks>
        /// <c>postfix check</c> checks files and permissions; <c>postconf -n</c> and <c>postconf -M</c> read main.cf and
        /// master.cf as the daemons will and warn about what they would ignore ("unused parameter").
        /// </remarks>
        public override IReadOnlyList<string> Checks(TargetFacts target, HostPlan host)
            => new[] { "postfix check", "postconf -n", "postconf -M" };

        /// <inheritdoc/>
        public override IReadOnlyList<string> Prepare(TargetFacts target, HostPlan host)
            => host.Layer<MailstoreLayer>() is null
                ? new string[0]
                // Local delivery looks recipients up in the alias table that main.cf names: build it.
                : new[] { "touch /etc/aliases", "newaliases" };
    }
}
