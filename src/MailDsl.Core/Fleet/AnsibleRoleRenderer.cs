using System.Collections.Generic;
using System.Linq;
using MailDsl.Text;

namespace MailDsl.Fleet
{
    /// <summary>
    /// The Ansible role <c>maildsl</c> and its <c>group_vars</c>, the same for every platform: static files of the
    /// repository (<c>Fleet/Ansible/</c>, at their paths in the output folder), embedded in the assembly and written as
    /// they are. The role installs one host from the folder MailDsl emitted for it (named by the inventory variable
    /// <c>maildsl_host</c>), reading the host's <c>maildsl.yml</c> (<see cref="HostManifestRenderer"/>): all that varies
    /// from host to host is there. One task file, included once for each of the host's daemons, copies that daemon's files
    /// with <c>validate:</c> (its own checker, on the new file), so only daemons whose files changed are reloaded; the
    /// daemons' own checks run on the installed files and a failure puts the previous files back. In check mode the same
    /// checkers run on a scratch copy of the new files, and <c>--diff</c> shows each file's diff.
    /// </summary>
    public static class AnsibleRoleRenderer
    {
        /// <summary>The role's folder under the output folder.</summary>
        public const string RoleRoot = "/roles/maildsl";

        /// <summary>The operator's variables for every host.</summary>
        public const string GroupVarsPath = "/group_vars/all.yml";

        /// <summary>The prefix of the files' names in the assembly (MailDsl.Core.csproj embeds <c>Fleet/Ansible/**</c> under it).</summary>
        public const string ResourcePrefix = "MailDsl.Fleet.Ansible/";

        /// <summary>Every file of the role, and group_vars/all.yml, as (path under the output folder, text), ordered by path.</summary>
        public static IReadOnlyList<(string Path, string Text)> Render() => Files.Value;

        // Read once per process (emit, and the generator on every build).
        private static readonly System.Lazy<IReadOnlyList<(string Path, string Text)>> Files = new(()
            => EmbeddedText.Names(ResourcePrefix)
                .Select(name => ("/" + name.Substring(ResourcePrefix.Length), EmbeddedText.Read(name)))
                .ToList());
    }
}
