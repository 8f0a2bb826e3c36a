using MailDsl.Fleet;
using MailDsl.Render.Tests.Install;
using MailDsl.Render.Tests.Support;
using Xunit;

namespace MailDsl.Render.Tests.Fleet;

/// <summary>
/// The Ansible role as the YAML files it is (src/MailDsl.Core/Fleet/Ansible: the role and group_vars/all.yml, at their
/// paths in the output folder): ansible-lint's production profile on the files of the repository, and emit writing
/// exactly those files. The emitted fleet files of every platform shape, with each host's maildsl.yml, are linted and run
/// by MailDsl.Deploy.Tests' AnsibleTests.
/// </summary>
public sealed class AnsibleRoleSourceTests
{
    private static string Sources => Path.Combine(InstallEngineTests.RepoRoot(), "src", "MailDsl.Core", "Fleet", "Ansible");

    [ToolFact("ansible-lint")]
    public void The_role_and_group_vars_in_the_repository_pass_ansible_lint_production_profile()
    {
        var lint = Command.Run("bash", new[] { "-c", "cd \"$1\" && ansible-lint --nocolor --profile production group_vars/all.yml roles/maildsl", "lint", Sources },
            timeout: TimeSpan.FromMinutes(3));

        Assert.True(lint.Succeeded && lint.Output.Contains("Passed with production profile", StringComparison.Ordinal), lint.ToString());
    }

    [Fact]
    public void Emit_writes_the_role_and_group_vars_as_the_repository_has_them()
    {
        var repository = Directory.EnumerateFiles(Sources, "*", SearchOption.AllDirectories)
            .Select(f => ("/" + Path.GetRelativePath(Sources, f).Replace('\\', '/'), File.ReadAllText(f).Replace("\r\n", "\n")))
            .OrderBy(f => f.Item1, StringComparer.Ordinal)
            .ToList();

        Assert.Equal(repository, AnsibleRoleRenderer.Render().Select(f => (f.Path, f.Text)).ToList());
        Assert.Contains(repository, f => f.Item1 == AnsibleRoleRenderer.GroupVarsPath);
        Assert.Contains(repository, f => f.Item1 == AnsibleRoleRenderer.RoleRoot + "/tasks/daemon.yml");
    }
}
