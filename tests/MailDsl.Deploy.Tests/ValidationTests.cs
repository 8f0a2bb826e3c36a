using MailDsl.Deploy.Tests.Support;
using MailDsl.Fleet;
using MailDsl.Install;
using MailDsl.Model;
using MailDsl.Render;
using MailDsl.TestPlatform;
using MailDsl.Topology;
using Xunit;

namespace MailDsl.Deploy.Tests;

/// <summary>
/// The command each daemon module gives for checking one new file on its own (Ansible's <c>validate:</c>, <c>%s</c>
/// standing for the file), run by the target's own tools in a sandbox of the target: it accepts every file emitted for
/// the target and refuses the same file with one broken line, in the daemon's own words. Files are taken as Ansible
/// copies them (<see cref="HostManifestRenderer.CopyOrder"/>): each checked, then put in place, so that a file another
/// one names is there when the other's check runs.
/// </summary>
public abstract class ValidationTests
{
    // A line each file's daemon refuses (or warns about, which the command makes a refusal), by file.
    private static readonly Dictionary<string, (string Line, string Said)> Breaks = new()
    {
        ["/etc/postfix/main.cf"] = ("this_is_not_a_parameter = 1\n", "unused parameter: this_is_not_a_parameter"),
        ["/etc/postfix/master.cf"] = ("2525 inet n - y - - smtpd -o this_is_not_a_parameter=1\n", "unused parameter: this_is_not_a_parameter"),
        ["/etc/dovecot/dovecot.conf"] = ("this_is_not_a_setting = 1\n", "this_is_not_a_setting"),
        ["/etc/nginx/conf.d/sogo.conf"] = ("this_is_not_a_directive on;\n", "unknown directive \"this_is_not_a_directive\""),
        ["/etc/sogo/sogo.conf"] = ("{ this is = not a property list;\n", "Parse failed"),
        ["/etc/ssl/maildsl/ffdhe2048.pem"] = ("-----BEGIN DH PARAMETERS-----\nbroken\n-----END DH PARAMETERS-----\n", ""),
    };

    [DeployFact]
    public void Each_files_own_check_accepts_it_and_refuses_it_broken()
    {
        var target = DeployFactDiscoverer.TargetOf(GetType());
        using var deployment = Deployment.Create();
        var ports = LoopbackPorts.PickFree();
        // One host per layer with the DH group file too (Mozilla 5.7's DHE suites): every file a host can get.
        var platform = DeployPlatforms.DescribeLayersWithDhe(target, ports).Build();
        var outDir = deployment.Emit(() => DeployPlatforms.DescribeLayersWithDhe(target, ports));
        var topology = PlatformTopology.Of(platform);
        using var host = InstalledHost.Prepare(deployment, "validate", target);
        var tried = new HashSet<string>();
        foreach (var plan in topology.Hosts)
            foreach (var file in HostManifestRenderer.CopyOrder(HostFiles.Of(topology, plan)))
            {
                var validate = file.Daemons.Select(m => m.Validation(topology.Target, plan, file.Artifact)).FirstOrDefault(v => v is not null);
                if (validate is null || !tried.Add(file.Path)) continue;
                Assert.DoesNotContain("%", validate.Replace("%s", "", StringComparison.Ordinal));
                var good = Path.Combine(deployment.Root, "good-" + tried.Count);
                var bad = Path.Combine(deployment.Root, "bad-" + tried.Count);
                File.Copy(Path.Combine(outDir, plan.Name, file.Path.TrimStart('/')), good);
                var (line, said) = Breaks[file.Path];
                File.WriteAllText(bad, file.Path.EndsWith(".pem", StringComparison.Ordinal) ? line : File.ReadAllText(good) + line);

                var accepted = host.Sandbox.Run(validate.Replace("%s", Command.ShellQuote(good), StringComparison.Ordinal));
                Assert.True(accepted.Succeeded, $"{file.Path} on {TargetSystems.DisplayName(target)}: {accepted}");
                var refused = host.Sandbox.Run(validate.Replace("%s", Command.ShellQuote(bad), StringComparison.Ordinal));
                Assert.False(refused.Succeeded, $"{file.Path} broken on {TargetSystems.DisplayName(target)}: {refused}");
                Assert.Contains(said, refused.Output);
                host.Sandbox.Must($"install -D -m 0644 {Command.ShellQuote(good)} {Command.ShellQuote(file.Path)}", "putting " + file.Path + " in place");
            }
        Assert.Equal(Breaks.Keys.Order(), tried.Order());
    }
}

/// <summary><see cref="ValidationTests"/> on Debian 12.</summary>
[OnTarget(Distro.Debian12)]
public sealed class ValidationTestsOnDebian12 : ValidationTests;

/// <summary><see cref="ValidationTests"/> on Debian 13.</summary>
[OnTarget(Distro.Debian13)]
public sealed class ValidationTestsOnDebian13 : ValidationTests;
