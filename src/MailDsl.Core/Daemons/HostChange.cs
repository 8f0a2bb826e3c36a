using System.Collections.Generic;

namespace MailDsl.Daemons
{
    /// <summary>
    /// A change to the host, beside the emitted files, that a daemon needs (disabling a distro's default site, building
    /// a table). install.sh and the Ansible role make it only while <see cref="Pending"/> says it is still to be made, so
    /// a second run makes no change; they save <see cref="Paths"/> first and put them back if the install fails, and a
    /// change made counts as a change of the daemon's (it is reloaded).
    /// </summary>
    /// <param name="Description">What the change does, for the plan and the run's report, e.g. <c>disable Debian's default nginx site</c>.</param>
    /// <param name="Pending">A shell condition (bash) that succeeds while the change is still to be made.</param>
    /// <param name="Apply">The shell command (bash) that makes it.</param>
    /// <param name="Paths">Every path the command may create, change or remove (saved before, restored on failure).</param>
    public sealed record HostChange(string Description, string Pending, string Apply, IReadOnlyList<string> Paths);
}
