using MailDsl.Fleet;
using System.Text.Json;
using MailDsl.Daemons;
using MailDsl.Deploy.Tests.Support;
using MailDsl.Install;
using MailDsl.Model;
using MailDsl.Render;
using MailDsl.TestPlatform;
using MailDsl.Topology;
using Xunit;

namespace MailDsl.Deploy.Tests;

/// <summary>
/// Each host's maildsl.yml, read by Ansible's own loader: every value the role uses comes back exactly as the
/// description and the daemon modules wrote it, awkward paths and long folded commands included, and none is templated.
/// </summary>
public sealed class ManifestTests
{
    [DeployFact("ansible-playbook")]
    public void Ansible_reads_every_value_of_the_manifest_back_unchanged()
    {
        // Paths of every character a path may hold (letters, digits and / . - _; docs/security.md refuses the rest), in the
        // shapes YAML reads as other types when bare: a number, a version, a boolean word, a date.
        const string certificate = "/etc/pki/tls/certs/1e3/2026-12-06/yes.crt";
        const string key = "/etc/pki/tls/private/0x10/1.0/no_.key";
        var ports = LoopbackPorts.PickFree();
        // Every layer on one host with the directory's and the database's packages: a package list too long for one line.
        Platform Describe() => DeployPlatforms.DescribeAllInOneWithSecrets(Distro.Debian12, ports).Certificate(certificate, key);
        using var deployment = Deployment.Create();
        var outDir = deployment.Emit(Describe);
        var manifest = Path.Combine(outDir, DeployPlatforms.AllInOne, "maildsl.yml");
        var read = Path.Combine(deployment.Root, "read.json");
        var playbook = Path.Combine(deployment.Root, "read.yml");
        File.WriteAllText(playbook, """
            - hosts: localhost
              gather_facts: false
              tasks:
                - ansible.builtin.copy:
                    dest: READ
                    content: "{{ {'certificate': maildsl_certificate, 'key': maildsl_key, 'packages': maildsl_packages, 'files': maildsl_files, 'checks': maildsl_checks, 'changes': maildsl_changes} | to_json }}"
                    mode: "0600"
            """.Replace("READ", read, StringComparison.Ordinal));
        var home = Path.Combine(deployment.Root, "ansible-home");
        var run = Command.Run("bash", new[] { "-c", "HOME=\"$1\" ANSIBLE_LOCAL_TEMP=\"$1/l\" ANSIBLE_NOCOLOR=1 ansible-playbook -c local -i localhost, -e \"@$2\" \"$3\"", "read", home, manifest, playbook },
            timeout: TimeSpan.FromMinutes(3));
        Assert.True(run.Succeeded, run.ToString());

        using var json = JsonDocument.Parse(File.ReadAllText(read));
        var root = json.RootElement;
        Assert.Equal(certificate, root.GetProperty("certificate").GetString());
        Assert.Equal(key, root.GetProperty("key").GetString());
        // Every file's checker command, as the module wrote it (long ones are folded in the file).
        var topology = PlatformTopology.Of(Describe().Build());
        var host = topology.Hosts.Single();
        // In the manifest's order: a file another names first (HostManifestRenderer.CopyOrder).
        var files = HostManifestRenderer.CopyOrder(HostFiles.Of(topology, host));
        var expected = files.Select(f => f.Daemons.Select(m => m.Validation(topology.Target, host, f.Artifact)).FirstOrDefault(v => v is not null)).ToList();
        var actual = root.GetProperty("files").EnumerateArray().Select(f => f.TryGetProperty("validate", out var v) ? v.GetString() : null).ToList();
        Assert.Equal(expected, actual);
        Assert.Contains(actual, v => v is { Length: > 120 });
        // The package list, written one item a line since it is long, reads back as the modules' packages.
        Assert.Contains("maildsl_packages:\n  - \"", File.ReadAllText(manifest));
        Assert.Equal(DaemonModules.On(host).SelectMany(m => m.Packages(topology.Target, host)).Distinct(),
            root.GetProperty("packages").EnumerateArray().Select(p => p.GetString()));
        Assert.Equal(DaemonModules.On(host).SelectMany(m => m.Checks(topology.Target, host)),
            root.GetProperty("checks").EnumerateArray().Select(c => c.GetProperty("command").GetString()));
        Assert.Equal(DaemonModules.On(host).SelectMany(m => m.Changes(topology.Target, host)).Select(c => c.Pending),
            root.GetProperty("changes").EnumerateArray().Select(c => c.GetProperty("pending").GetString()));
    }
}
