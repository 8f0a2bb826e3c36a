using System.Text.RegularExpressions;
using MailDsl.Install;
using MailDsl.Model;
using MailDsl.Render.Tests.Support;
using MailDsl.Secrets;
using MailDsl.TestPlatform;
using MailDsl.Topology;
using Xunit;

namespace MailDsl.Render.Tests.Install;

/// <summary>
/// install.sh's engine as the bash program it is (src/MailDsl.Core/Install/install-engine.sh and install-secrets.sh):
/// shellcheck on the files of the repository, their functions tested one by one by bash (install-engine-tests.sh beside
/// this file: restore, prune_backups, the secrets filled in or refused, the run lock, the wait for the ports), and every host's install.sh holding
/// those files as they are, after the host's data the files read.
/// </summary>
public sealed partial class InstallEngineTests
{
    /// <summary>The repository's root (the folder of MailDsl.sln).</summary>
    public static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "MailDsl.sln"))) return dir.FullName;
        throw new InvalidOperationException("MailDsl.sln not found above " + AppContext.BaseDirectory);
    }

    private static string EngineDir => Path.Combine(RepoRoot(), "src", "MailDsl.Core", "Install");

    private static string TestScript => Path.Combine(RepoRoot(), "tests", "MailDsl.Render.Tests", "Install", "install-engine-tests.sh");

    /// <summary>The test functions of install-engine-tests.sh, one test case each.</summary>
    public static TheoryData<string> BashTests()
    {
        var data = new TheoryData<string>();
        foreach (Match m in TestFunction().Matches(File.ReadAllText(TestScript))) data.Add(m.Groups[1].Value);
        return data;
    }

    [ToolTheory("bash", "flock", "python3", "ss", NeedsRoot = true)]
    [MemberData(nameof(BashTests))]
    public void The_engines_functions_pass_their_bash_test(string test)
    {
        var result = Command.Run("bash", new[] { TestScript, test }, timeout: TimeSpan.FromMinutes(2));

        Assert.True(result.Succeeded, result.ToString());
        Assert.Contains("ok " + test + "\n", result.Output, StringComparison.Ordinal);
        Assert.Contains("1 passed, 0 failed", result.Output, StringComparison.Ordinal);
    }

    [ToolFact("shellcheck")]
    public void The_engines_files_and_their_tests_pass_shellcheck_with_every_finding_shown()
    {
        // Every severity (style and info included); -x follows the test script's sources to the engine's files.
        var result = Command.Run("bash", new[] { "-c", "cd \"$1\" && shellcheck -x -S style \"${@:2}\"", "shellcheck", RepoRoot(),
            "src/MailDsl.Core/Install/" + InstallScriptEngine.EngineFile, "src/MailDsl.Core/Install/" + InstallScriptEngine.SecretsFile,
            "src/MailDsl.Core/Install/" + InstallScriptEngine.CertificatesFile,
            "tests/MailDsl.Render.Tests/Install/install-engine-tests.sh" });

        Assert.True(result.Succeeded, result.ToString());
    }

    [Fact]
    public void Every_secret_syntax_has_its_encoder_in_install_secrets_sh()
    {
        var encoders = Enum.GetValues<SecretSyntax>().Select(PlatformSecrets.EncoderFunction).ToList();
        var result = Command.Run("bash", new[] { "-c", "set -euo pipefail\n" + SecretSteps.Functions + "\ndeclare -F \"$@\"", "bash" }.Concat(encoders).ToList());

        Assert.True(result.Succeeded, result.ToString());
        Assert.Equal(encoders, result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    /// <summary>A host with secrets (the example's directory, on each target) and one without.</summary>
    public static TheoryData<string, Distro> Hosts() => new()
    {
        { "smtp-out-01.cloud0.mycompany.dom", Distro.Debian12 },
        { "webmail-01.cloud0.mycompany.dom", Distro.Debian13 },
        { "webmail-01.cloud0.mycompany.dom", Distro.Rhel9 },
        { "mx.test.maildsl.internal", Distro.Debian12 },
    };

    [Theory]
    [MemberData(nameof(Hosts))]
    public void Install_sh_is_the_hosts_data_then_the_engines_files_as_they_are_in_the_repository(string hostName, Distro target)
    {
        var platform = hostName.EndsWith(".mycompany.dom", StringComparison.Ordinal)
            ? GuidePlatform.Describe().Target(target)
            : TestPlatforms.AllInOne(target, "/etc/ssl/maildsl/test.crt", "/etc/ssl/maildsl/test.key");
        var topology = PlatformTopology.Of(platform.Build());
        var host = topology.Hosts.Single(h => h.Name == hostName);
        var script = InstallScriptRenderer.Render(topology, host, HostFiles.Of(topology, host));

        var certificates = Emitted(InstallScriptEngine.CertificatesFile);
        var secrets = Emitted(InstallScriptEngine.SecretsFile);
        var engine = Emitted(InstallScriptEngine.EngineFile);
        Assert.EndsWith("\n" + certificates + "\n" + secrets + "\n" + engine, script, StringComparison.Ordinal);
        Assert.DoesNotContain(InstallScriptEngine.Mark, script, StringComparison.Ordinal);
        // The data above them assigns exactly the variables the files give empty values above their mark (bash says which).
        var data = script[..^(certificates.Length + 1 + secrets.Length + 1 + engine.Length)];
        Assert.Equal(Assigned(Preamble(InstallScriptEngine.EngineFile) + Preamble(InstallScriptEngine.SecretsFile) + Preamble(InstallScriptEngine.CertificatesFile)).Order(), Assigned(data).Order());
    }

    // The file as it is in the repository, from the line after its mark: what install.sh holds.
    private static string Emitted(string file)
    {
        var text = File.ReadAllText(Path.Combine(EngineDir, file)).Replace("\r\n", "\n");
        var mark = text.IndexOf(InstallScriptEngine.Mark, StringComparison.Ordinal);
        Assert.True(mark >= 0, file + " has no line " + InstallScriptEngine.Mark);
        return text[(mark + InstallScriptEngine.Mark.Length)..];
    }

    private static string Preamble(string file)
    {
        var text = File.ReadAllText(Path.Combine(EngineDir, file)).Replace("\r\n", "\n");
        return text[..text.IndexOf(InstallScriptEngine.Mark, StringComparison.Ordinal)];
    }

    // The variables bash has after running a text of assignments, beyond its own; `stage` is the engine's own state.
    private static IReadOnlyList<string> Assigned(string assignments)
    {
        var result = Command.Run("bash", "-c", "before=$(compgen -v); eval \"$1\"; comm -13 <(sort <<<\"$before\") <(compgen -v | sort)", "bash", assignments);
        Assert.True(result.Succeeded, result.ToString());
        return result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(v => v is not ("before" or "PIPESTATUS" or "stage")).ToList();
    }

    [GeneratedRegex(@"^(test_\w+)\(\) \{", RegexOptions.Multiline)]
    private static partial Regex TestFunction();
}
