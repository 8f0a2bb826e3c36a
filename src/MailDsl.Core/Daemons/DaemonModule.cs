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
    public sealed record ServiceControl(string Unit, string Running, string Start, string Reload, string Stop)
    {
        /// <summary>
        /// Whether the daemon can read a new configuration without a restart (<see cref="Reload"/> and systemd's
        /// <c>reload</c>); false when <see cref="Reload"/> restarts it (sogod has no reload).
        /// </summary>
        public bool Reloads { get; init; } = true;

        /// <summary>
        /// A shell command whose output, read before and after the new files are placed, differs when a reload is not
        /// enough and the daemon must be restarted (Postfix reads <c>inet_interfaces</c> only when it starts); null when a
        /// reload always suffices.
        /// </summary>
        public string? RestartWhen { get; init; }

        /// <summary>A log file the daemon writes its own errors to without systemd (shown when it fails), or null.</summary>
        public string? Log { get; init; }
    }

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

        /// <summary>
        /// Shell commands install.sh runs on every run, before any file is placed (e.g. making sure a user exists, or
        /// refusing to go on without a mount). Each must be idempotent; they are not undone on failure. A change that must
        /// be undone, or that calls for a reload, is a <see cref="Changes"/> entry instead.
        /// </summary>
        public virtual IReadOnlyList<string> Prepare(TargetFacts target, HostPlan host) => Array.Empty<string>();

        /// <summary>Changes to <paramref name="host"/> beside the daemon's files that it needs (made only while pending, undone on failure).</summary>
        public virtual IReadOnlyList<HostChange> Changes(TargetFacts target, HostPlan host) => Array.Empty<HostChange>();

        /// <summary>The ports the daemon answers on once it runs on <paramref name="host"/> (what install.sh and Ansible wait for).</summary>
        public virtual IEnumerable<ServedPort> Ports(HostPlan host) => Array.Empty<ServedPort>();

        /// <summary>
        /// A command that checks one new file of the daemon's on its own before it replaces the installed one, with
        /// <c>%s</c> standing for the new file's path (Ansible's <c>validate</c>); it fails on an error or a warning, with
        /// the daemon's own words. Run without a shell: a command that needs one runs <c>/bin/sh -c</c> itself. It holds
        /// no other <c>%</c>. Null when the daemon has no checker for that file.
        /// </summary>
        public virtual string? Validation(TargetFacts target, HostPlan host, Artifact file) => null;

        /// <summary>
        /// How the daemon takes a raw setting (<c>.PostfixSetting</c>, <c>.DovecotSetting</c>, <c>.SogoSetting</c>), for the
        /// daemons whose settings catalogues (<c>Catalog/</c> beside the module) check them; null for the others.
        /// </summary>
        public virtual Settings.RawSettingFacts? RawSettings => null;

        /// <summary>The daemon's own rules (cross-daemon rules live in <c>Rules/</c>).</summary>
        public virtual IReadOnlyList<Rule> Rules => Array.Empty<Rule>();

        /// <summary>
        /// Every raw value of <paramref name="platform"/> this daemon's own checker would refuse for what it is (a type, an
        /// argument count, a regular expression), or whose check MailDsl cannot repeat: what MAIL4019 and MAIL4020 report.
        /// </summary>
        public virtual IEnumerable<Settings.RawValueProblem> RawValueProblems(PlatformModel platform) => Array.Empty<Settings.RawValueProblem>();
    }
}
