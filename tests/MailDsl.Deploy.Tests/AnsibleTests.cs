using System.Text.RegularExpressions;
using MailDsl.Deploy.Tests.Support;
using MailDsl.Model;
using MailDsl.TestPlatform;
using Xunit;

namespace MailDsl.Deploy.Tests;

/// <summary>
/// The emitted fleet files as Ansible's own tools see them: ansible-lint's production profile, and ansible-playbook
/// installing the all-in-one host with <c>-c local</c> inside a Debian 12 sandbox host (so the machine is untouched):
/// idempotent, and <c>--check --diff</c> showing a changed description's diff while changing nothing.
/// </summary>
public sealed partial class AnsibleTests
{
    [DeployFact("ansible-lint")]
    public void Ansible_lint_production_profile_passes_the_fleet_files_of_every_platform_shape()
    {
        using var deployment = Deployment.Create();
        var ports = LoopbackPorts.PickFree();
        foreach (var describe in new Func<Platform>[]
        {
            () => DeployPlatforms.DescribeAllInOne(Distro.Debian12, ports),
            () => DeployPlatforms.DescribeLayers(Distro.Debian13, ports),
            () => DeployPlatforms.DescribeLayers(Distro.Rhel9, ports),
            // Every layer's packages on one host, with the directory's and the database's: the longest lists.
            () => DeployPlatforms.DescribeAllInOneWithSecrets(Distro.Debian13, ports),
            // A relay verifying the Internet's servers: unbound's and mta-sts-daemon's files, checks and host changes.
            () => OutboundVerificationTests.Describe(Distro.Debian12),
        })
        {
            var outDir = deployment.Emit(describe);
            var files = new[] { "site.yml", "group_vars/all.yml", "roles/maildsl" }
                .Concat(Directory.GetDirectories(outDir).Where(d => File.Exists(Path.Combine(d, "maildsl.yml"))).Select(d => Path.GetRelativePath(outDir, d) + "/maildsl.yml"));
            var lint = Command.Run("bash", new[] { "-c", "cd \"$1\" && shift && ansible-lint --nocolor --profile production \"$@\"", "lint", outDir }.Concat(files).ToList(), timeout: TimeSpan.FromMinutes(3));
            Assert.True(lint.Succeeded && lint.Output.Contains("Passed with production profile", StringComparison.Ordinal), lint.ToString());
        }
    }

    /// <summary>
    /// The role installs a relay verifying with DANE and MTA-STS as install.sh does (OutboundVerificationTests): unbound with
    /// its root anchor, mta-sts-daemon, the DANE-first lookup, resolv.conf; a second run changes nothing. On its own lab host,
    /// so its loopback (unbound on 53, the policy ports) is its own.
    /// </summary>
    [DeployFact("ansible-playbook")]
    public void The_playbook_installs_a_relay_verifying_with_DANE_and_MTA_STS_then_changes_nothing()
    {
        if (MailDsl.TestPlatform.Network.LabNetwork.UnsafeReason() is { } unsafeReason) throw new InvalidOperationException(unsafeReason);
        const Distro target = Distro.Debian12;
        using var deployment = Deployment.Create();
        var outDir = deployment.Emit(() => OutboundVerificationTests.Describe(target));
        var relayName = OutboundVerificationTests.Relay;
        var cert = Path.Combine(deployment.Root, "relay.crt");
        var key = Path.Combine(deployment.Root, "relay.key");
        MailDsl.TestPlatform.Tls.TestCertificate.Make(cert, key, new[] { relayName }, Array.Empty<string>());
        using var lab = MailDsl.TestPlatform.Network.LabNetwork.Create();
        using var relay = SandboxHost.Start(relayName, Path.Combine(deployment.Root, "relay"), target, deployment.Shared, lab);
        var q = Command.ShellQuote;
        relay.Must(string.Join("\n", "set -e", $"install -D -m 0644 {q(cert)} {q(IntegrationPlatform.CertificatePath)}", $"install -D -m 0600 {q(key)} {q(IntegrationPlatform.KeyPath)}",
            $"echo '{relay.Address} {relayName}' >> /etc/hosts"), "preparing the relay");
        var home = Path.Combine(deployment.Root, "ansible-home");
        Directory.CreateDirectory(home);
        var env = $"HOME={q(home)} ANSIBLE_LOCAL_TEMP={q(home)}/local ANSIBLE_REMOTE_TEMP={q(home)}/remote ANSIBLE_NOCOLOR=1 ANSIBLE_PYTHON_INTERPRETER=/usr/bin/python3";
        CommandResult Playbook() => relay.Run($"cd {q(outDir)} && {env} ansible-playbook -i inventory.ini site.yml -c local", TimeSpan.FromMinutes(10));

        var first = Playbook();
        Assert.True(first.Succeeded && Recap(first).Failed == 0 && Recap(first).Changed > 0, $"{first}\n{relay.Tail(Install.InstallScriptRenderer.StartLog)}");
        Assert.True(relay.Run("pgrep -x unbound && pgrep -x mta-sts-daemon && test -s /var/lib/unbound/root.key").Succeeded, "unbound, its root anchor and mta-sts-daemon after the playbook");
        Assert.Equal("nameserver 127.0.0.1", relay.Run("grep ^nameserver /etc/resolv.conf").Output.Trim());
        Assert.Equal("tcp:127.0.0.1:8462, socketmap:inet:127.0.0.1:8461:postfix", relay.Run("postconf -h smtp_tls_policy_maps").Output.Trim());
        var second = Playbook();
        Assert.True(second.Succeeded, second.ToString());
        Assert.Equal(0, Recap(second).Changed);
    }

    [DeployFact("ansible-playbook")]
    public void The_playbook_installs_the_all_in_one_host_then_changes_nothing_and_check_diff_shows_a_change_without_making_it()
    {
        const Distro target = Distro.Debian12;
        var ports = LoopbackPorts.PickFree();
        var model = DeployPlatforms.DescribeAllInOne(target, ports).Build();
        using var deployment = Deployment.Create();
        var outDir = deployment.Emit(() => DeployPlatforms.DescribeAllInOne(target, ports));
        using var host = InstalledHost.Prepare(deployment, DeployPlatforms.AllInOne, target);
        var home = Path.Combine(deployment.Root, "ansible-home");
        Directory.CreateDirectory(home);
        // Ansible's own temporary files stay in the deployment folder; the host's are in its sandbox.
        var env = $"HOME={Command.ShellQuote(home)} ANSIBLE_LOCAL_TEMP={Command.ShellQuote(home)}/local ANSIBLE_REMOTE_TEMP={Command.ShellQuote(home)}/remote ANSIBLE_NOCOLOR=1 ANSIBLE_PYTHON_INTERPRETER=/usr/bin/python3";
        CommandResult Playbook(string dir, string args)
            => host.Sandbox.Run($"cd {Command.ShellQuote(dir)} && {env} ansible-playbook {args}", TimeSpan.FromMinutes(10));

        var first = Playbook(outDir, "-i inventory.ini site.yml -c local");
        var recap = Recap(first);
        Assert.True(first.Succeeded && recap.Failed == 0 && recap.Changed > 0, $"{first}\n{host.Logs()}");
        Assert.Equal(new[] { "dovecot", "nginx", "postfix", "sogo" }, host.DaemonPids().Keys.Order());
        foreach (var endpoint in Probe.Endpoints(model, DeployPlatforms.AllInOne))
            Assert.True(Probe.Verified(Probe.Tls(endpoint, deployment.CertificateFile)), endpoint.ToString());

        var pids = host.DaemonPids();
        var second = Playbook(outDir, "-i inventory.ini site.yml -c local");
        Assert.True(second.Succeeded, second.ToString());
        Assert.Equal(0, Recap(second).Changed);
        Assert.Equal(pids, host.DaemonPids());

        // The description changes; the new emit is checked and diffed against the host, through an inventory that names
        // the host otherwise (its folder found through maildsl_host), and nothing on the host changes.
        var changed = deployment.Emit(() => DeployPlatforms.DescribeAllInOne(target, ports, "Changed banner"));
        File.WriteAllText(Path.Combine(changed, "renamed.ini"), $"[mailstore]\nmail-01 ansible_connection=local maildsl_host={DeployPlatforms.AllInOne}\n");
        var mainCf = host.Sha256("/etc/postfix/main.cf");
        var check = Playbook(changed, "-i renamed.ini site.yml --check --diff");
        Assert.True(check.Succeeded && Recap(check).Failed == 0, check.ToString());
        Assert.Contains("--- before: /etc/postfix/main.cf", check.Output);
        Assert.Contains("+smtpd_banner = $myhostname ESMTP Changed banner", check.Output);
        Assert.Contains("-smtpd_banner = $myhostname ESMTP MailDsl deployment test", check.Output);
        // The daemons' checkers ran on the new files in check mode, and sogo.conf (0640, may hold secrets) is not diffed.
        Assert.Contains("Run each file's checker on its copy", check.Output);
        Assert.DoesNotContain("SOGoPageTitle", check.Output);
        Assert.Equal(mainCf, host.Sha256("/etc/postfix/main.cf"));
        Assert.Equal(pids, host.DaemonPids());
        Assert.Contains("ESMTP MailDsl deployment test", Probe.SmtpGreeting(ports.MxSmtp));

        // Dovecot's file broken among the changed ones: Postfix's copy goes first and replaces main.cf, then Dovecot's
        // checker refuses the new dovecot.conf (validate:), so main.cf goes back and no handler runs.
        File.AppendAllText(Path.Combine(changed, DeployPlatforms.AllInOne, "etc/dovecot/dovecot.conf"), "this_is_not_a_setting = 1\n");
        var dovecotConf = host.Sha256("/etc/dovecot/dovecot.conf");
        var broken = Playbook(changed, "-i renamed.ini site.yml");
        Assert.False(broken.Succeeded, broken.ToString());
        Assert.Contains("Unknown setting: this_is_not_a_setting", broken.Output);
        Assert.Contains("the previous files are back and", broken.Output);
        Assert.Equal(1, Recap(broken).Failed);
        Assert.Equal(mainCf, host.Sha256("/etc/postfix/main.cf"));
        Assert.Equal(dovecotConf, host.Sha256("/etc/dovecot/dovecot.conf"));
        Assert.Equal(pids, host.DaemonPids());
        Assert.Contains("ESMTP MailDsl deployment test", Probe.SmtpGreeting(ports.MxSmtp));
    }

    [DeployFact("ansible-playbook")]
    public void The_playbook_writes_the_secrets_on_the_host_never_shows_them_and_a_second_run_changes_nothing()
    {
        const Distro target = Distro.Debian12;
        const string bindSecret = "Ansible-Bind-Secret-7";
        const string databaseSecret = "Ansible-Database-Secret-9";
        var ports = LoopbackPorts.PickFree();
        using var deployment = Deployment.Create();
        var outDir = deployment.Emit(() => DeployPlatforms.DescribeAllInOneWithSecrets(target, ports));
        var hostDir = Path.Combine(outDir, DeployPlatforms.AllInOne);
        // The host's files that hold placeholders in place of the secrets (install.sh names them too, to fill them in).
        var withSecrets = Directory.EnumerateFiles(hostDir, "*", SearchOption.AllDirectories)
            .Select(f => "/" + Path.GetRelativePath(hostDir, f))
            .Where(f => f.StartsWith("/etc/", StringComparison.Ordinal))
            .Where(f => MailDsl.Secrets.PlatformSecrets.In(File.ReadAllText(hostDir + f)).Count > 0)
            .ToList();
        Assert.NotEmpty(withSecrets);
        using var host = InstalledHost.Prepare(deployment, DeployPlatforms.AllInOne, target);
        host.Sandbox.Must($"install -D -m 0600 /dev/stdin {DeployPlatforms.BindSecretPath} <<<{Command.ShellQuote(bindSecret)}", "the bind password on the host");
        var home = Path.Combine(deployment.Root, "ansible-home");
        Directory.CreateDirectory(home);
        var ansibleEnv = $"HOME={Command.ShellQuote(home)} ANSIBLE_LOCAL_TEMP={Command.ShellQuote(home)}/local ANSIBLE_REMOTE_TEMP={Command.ShellQuote(home)}/remote ANSIBLE_NOCOLOR=1 ANSIBLE_PYTHON_INTERPRETER=/usr/bin/python3";
        var env = ansibleEnv + $" {DeployPlatforms.DatabaseSecretVariable}={databaseSecret}";
        CommandResult Playbook(string args) => host.Sandbox.Run($"cd {Command.ShellQuote(outDir)} && {env} ansible-playbook {args}", TimeSpan.FromMinutes(10));

        // Most verbose: what Ansible runs and with which environment is shown, and still never a secret.
        var first = Playbook("-i inventory.ini site.yml -c local -vvv");
        Assert.True(first.Succeeded && Recap(first).Failed == 0, $"{first}\n{host.Logs()}");
        var installed = string.Join("\n", withSecrets.Select(f => host.Sandbox.Run($"cat {Command.ShellQuote(f)}").Output));
        // Every placeholder was written over, with both secrets, on the host; Ansible's output shows neither.
        Assert.Empty(MailDsl.Secrets.PlatformSecrets.In(installed));
        Assert.Contains(bindSecret, installed);
        Assert.Contains(databaseSecret, installed);
        Assert.DoesNotContain(bindSecret, first.Output);
        Assert.DoesNotContain(databaseSecret, first.Output);
        foreach (var f in withSecrets) Assert.Equal(0, Convert.ToInt32(host.Stat(f).Split(' ')[0], 8) & 4);
        // The staged copies are gone (the folder's name is Ansible's; other runs may use /tmp beside this one).
        var stageFolder = Regex.Match(first.Output, @"/tmp/maildsl-secrets-\w+").Value;
        Assert.NotEqual("", stageFolder);
        Assert.Equal("gone", host.Sandbox.Run($"test -e {stageFolder} || echo gone").Output.Trim());

        // The second run takes the database's password from Ansible Vault (maildsl_secrets in an encrypted group_vars file),
        // with nothing in the environment: the same secret, so nothing changes.
        var pids = host.DaemonPids();
        Directory.CreateDirectory(Path.Combine(outDir, "group_vars/all"));
        var vault = Path.Combine(outDir, "group_vars/all/vault.yml");
        var vaultPassword = Path.Combine(home, "vault-password");
        File.WriteAllText(vault, $"maildsl_secrets:\n  {DeployPlatforms.DatabaseSecretVariable}: \"{databaseSecret}\"\n");
        File.WriteAllText(vaultPassword, "Vault-Test-Pw-3\n");
        host.Sandbox.Must($"{ansibleEnv} ansible-vault encrypt --vault-password-file {Command.ShellQuote(vaultPassword)} {Command.ShellQuote(vault)}", "encrypting the vault file");
        Assert.DoesNotContain(databaseSecret, File.ReadAllText(vault));
        env = ansibleEnv;
        var second = Playbook($"-i inventory.ini site.yml -c local -v --vault-password-file {Command.ShellQuote(vaultPassword)}");
        Assert.True(second.Succeeded, $"{second}\n{host.Logs()}");
        Assert.Equal(0, Recap(second).Changed);
        Assert.DoesNotContain(databaseSecret, second.Output);
        Assert.Equal(pids, host.DaemonPids());
        File.Delete(vault);
        env = ansibleEnv + $" {DeployPlatforms.DatabaseSecretVariable}={databaseSecret}";

        // Without the bind password on the host, install.sh --stage says which file is missing and nothing changes.
        host.Sandbox.Must($"rm {DeployPlatforms.BindSecretPath}", "removing the bind password");
        var missing = Playbook("-i inventory.ini site.yml -c local -v");
        Assert.False(missing.Succeeded, missing.ToString());
        Assert.Contains($"is read from the file {DeployPlatforms.BindSecretPath}, which is missing on this host", missing.Output);
        var failedFolder = Regex.Match(missing.Output, @"/tmp/maildsl-secrets-\w+").Value;
        Assert.NotEqual("", failedFolder);
        Assert.Equal("gone", host.Sandbox.Run($"test -e {failedFolder} || echo gone").Output.Trim());
        Assert.Equal(pids, host.DaemonPids());
    }

    private static (int Changed, int Failed) Recap(CommandResult run)
    {
        var match = RecapLine().Match(run.Output);
        Assert.True(match.Success, "no PLAY RECAP line:\n" + run);
        return (int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture), int.Parse(match.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture));
    }

    [GeneratedRegex(@"changed=(\d+)\s+unreachable=\d+\s+failed=(\d+)")]
    private static partial Regex RecapLine();
}
