using System.Collections.Generic;
using System.Linq;
using MailDsl.Model;
using MailDsl.Targets;
using MailDsl.Tls.Files;
using MailDsl.Topology;

namespace MailDsl.Daemons.Dovecot
{
    /// <summary>
    /// Dovecot: IMAP and POP3 on mailstore hosts, and the SASL server behind Postfix submission wherever submission
    /// is offered. Debian splits it into dovecot-core and one package per protocol; RHEL ships one package.
    /// </summary>
    public sealed class DovecotModule : DaemonModule
    {
        /// <summary>The module.</summary>
        public static DovecotModule Instance { get; } = new();

        private DovecotModule() { }

        /// <inheritdoc/>
        public override Daemon Daemon => Daemon.Dovecot;

        /// <inheritdoc/>
        public override string Name => "Dovecot";

        /// <inheritdoc/>
        public override bool RunsOn(HostPlan host) => host.RunsDovecot;

        /// <inheritdoc/>
        public override IEnumerable<Artifact> Render(PlatformTopology topology, HostPlan host)
        {
            yield return new Artifact(host.Name, DovecotConfRenderer.ConfPath, Artifact.ReadableMode, DovecotConfRenderer.Render(topology, host));
            // Dovecot has no built-in DH group: without the file it silently drops every DHE suite of the string.
            if (host.Layer<MailstoreLayer>() is { } store && topology.NeedsDhParameters(store))
                yield return DhParameters.Artifact(host.Name);
        }

        /// <inheritdoc/>
        public override IReadOnlyList<string> Packages(TargetFacts target, HostPlan host)
        {
            // RHEL's one dovecot package has every protocol (reasoned from RHEL's package lists).
            if (target.Family == DistroFamily.Rhel) return new[] { "dovecot" };
            // A mailstore serves IMAP/POP3; elsewhere Dovecot is only the SASL server behind submission.
            return host.Layer<MailstoreLayer>() is null
                ? new[] { "dovecot-core" }
                : new[] { "dovecot-core", "dovecot-imapd", "dovecot-pop3d" };
        }

        /// <inheritdoc/>
        public override ServiceControl Service(TargetFacts target)
            => new("dovecot", "pgrep -x dovecot", "dovecot", "doveadm reload", "doveadm stop");

        /// <inheritdoc/>
        /// <remarks><c>doveconf -n</c> parses the whole configuration as the daemon will; warnings go to standard error.</remarks>
        public override IReadOnlyList<string> Checks(TargetFacts target, HostPlan host) => new[] { "doveconf -n >/dev/null" };

        /// <inheritdoc/>
        public override IEnumerable<ServedPort> Ports(HostPlan host)
            => host.Layers.SelectMany(l => l.Listeners
                .Where(x => x.Protocol is ServiceProtocol.Imap or ServiceProtocol.Pop3)
                .Select(x => new ServedPort(x.Name, ServedPorts.Dial(l.ListenAddress), x.Port)));

        /// <inheritdoc/>
        /// <remarks>The emitted dovecot.conf is self-contained: <c>doveconf -n -c</c> reads the new file as the daemon will.</remarks>
        public override string? Validation(TargetFacts target, HostPlan host, Artifact file) => file.Path switch
        {
            DovecotConfRenderer.ConfPath => "/bin/sh -c 'out=$(doveconf -n -c \"$1\" 2>&1 >/dev/null) && [ -z \"$out\" ] && exit 0; echo \"$out\" >&2; exit 1' doveconf %s",
            DhParameters.Path => DhParameters.Validation,
            _ => null,
        };
    }
}
