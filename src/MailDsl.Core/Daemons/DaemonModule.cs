using System;
using System.Collections.Generic;
using MailDsl.Model;
using MailDsl.Rules;
using MailDsl.Targets;
using MailDsl.Topology;

namespace MailDsl.Daemons
{
    /// <summary>
    /// How a daemon is run on a target: its systemd unit, and the commands that start, reload and stop it where
    /// systemd is not PID 1 (containers, chroots, test sandboxes).
    /// </summary>
    /// <param name="Unit">The systemd unit the distro's package ships, e.g. <c>sogo</c> on Debian.</param>
    /// <param name="Running">Succeeds when the daemon runs (without systemd).</param>
    /// <param name="Start">Starts the daemon without systemd.</param>
    /// <param name="Reload">Makes the running daemon read its new configuration without systemd.</param>
    /// <param name="Stop">Stops the daemon without systemd.</param>
    public sealed record ServiceControl(string Unit, string Running, string Start, string Reload, string Stop);

    /// <summary>
    /// Everything MailDsl knows about one daemon, in one place: which hosts run it, the files it needs (rendered for
    /// the target's version of it), its packages, service unit and config check per target, the install steps it
    /// needs beside its files, and its own rules. Adding a daemon version touches its module and the target table.
    /// </summary>
    public abstract class DaemonModule
    {
        /// <summary>Which daemon.</summary>
        public abstract Daemon Daemon { get; }

        /// <summary>Its name as operators write it, e.g. <c>Dovecot</c>.</summary>
        public abstract string Name { get; }

        /// <summary>Whether <paramref name="host"/> runs this daemon.</summary>
        public abstract bool RunsOn(HostPlan host);

        /// <summary>The files the daemon needs on <paramref name="host"/>, for the topology's target.</summary>
        public abstract IEnumerable<Artifact> Render(PlatformTopology topology, HostPlan host);

        /// <summary>The packages that provide what <paramref name="host"/> needs of the daemon on <paramref name="target"/>.</summary>
        public abstract IReadOnlyList<string> Packages(TargetFacts target, HostPlan host);

        /// <summary>How the daemon is started and reloaded on <paramref name="target"/>.</summary>
        public abstract ServiceControl Service(TargetFacts target);

        /// <summary>
        /// Shell commands that check the daemon's configuration as installed and fail (non-zero) on an error or a
        /// warning, printing the daemon's own words.
        /// </summary>
        public abstract IReadOnlyList<string> Checks(TargetFacts target, HostPlan host);

        /// <summary>Shell commands install.sh runs after the files are in place and before the checks (e.g. building a table).</summary>
        public virtual IReadOnlyList<string> Prepare(TargetFacts target, HostPlan host) => Array.Empty<string>();

        /// <summary>The daemon's own rules (cross-daemon rules live in <c>Rules/</c>).</summary>
        public virtual IReadOnlyList<Rule> Rules => Array.Empty<Rule>();
    }
}
