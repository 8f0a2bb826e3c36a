using System.Text.RegularExpressions;
using MailDsl.Deploy.Tests.Support;
using MailDsl.Model;
using MailDsl.Render;
using Xunit;

namespace MailDsl.Deploy.Tests;

/// <summary>
/// The emitted install.sh of a host serving every layer, run for real on a target's own system: the packages through
/// the real apt-get (offline: they are installed), the daemons through their own control (systemd is not PID 1 here),
/// nothing stood in for. Each test leaves the host as it found it.
/// </summary>
public abstract class AllInOneTests(AllInOneFixture fixture)
{
    private InstalledHost Host => fixture.Host;

    [DeployFact]
    public void Install_sh_installs_every_file_with_its_owner_and_mode_and_every_daemon_answers_over_TLS()
    {
        var first = fixture.FirstInstall;
        Assert.True(first.Succeeded, $"{first}\n{Host.Logs()}");
        // The real apt-get ran, offline, and installed nothing (the packages are there) nor upgraded anything.
        Assert.Matches(@"apt-get: \d+ upgraded, 0 newly installed", first.Output);
        Assert.DoesNotMatch(@"apt-get: [1-9]\d* upgraded", first.Output);
        // No systemd as PID 1: each daemon was started by its own control, and said so.
        Assert.False(Host.Sandbox.Run("[ -d /run/systemd/system ]").Succeeded, "the sandbox has systemd as PID 1");
        foreach (var daemon in new[] { "postfix", "dovecot", "sogo", "nginx" })
            Assert.Contains("started " + daemon + "\n", first.Output);

        // Every emitted file is on the host, byte for byte, with the owner, group and mode it was emitted with.
        foreach (var artifact in PlatformRenderer.Render(fixture.Model).Where(a => a.Host == DeployPlatforms.AllInOne && a.Path.StartsWith("/etc/", StringComparison.Ordinal)))
        {
            Assert.Equal(Sha256(Path.Combine(fixture.HostDir, artifact.Path.TrimStart('/'))), Host.Sha256(artifact.Path));
            Assert.Equal(Convert.ToString(artifact.Mode, 8) + " root:" + artifact.Group, Host.Stat(artifact.Path));
        }
        // Debian's default site, which answers "Welcome to nginx!" on port 80 of every address, is gone.
        Assert.Null(Host.Sha256("/etc/nginx/sites-enabled/default"));

        // Every daemon runs, and every TLS port presents the platform's certificate, verified for the host's name.
        Assert.Equal(new[] { "dovecot", "nginx", "postfix", "sogo" }, Host.DaemonPids().Keys.Order());
        var endpoints = Probe.Endpoints(fixture.Model, DeployPlatforms.AllInOne);
        Assert.Equal(9, endpoints.Count);
        foreach (var endpoint in endpoints)
        {
            var tls = Probe.Tls(endpoint, fixture.Deployment.CertificateFile);
            Assert.True(Probe.Verified(tls), $"{endpoint}: {tls}\n{Host.Logs()}");
        }
    }

    [DeployFact]
    public void A_second_run_reports_no_changes_and_restarts_nothing()
    {
        var pids = Host.DaemonPids();
        var backups = Host.Backups();
        Assert.Equal(4, pids.Count);

        var second = Host.MustInstall(fixture.HostDir);

        Assert.Contains("no changes", second.Output);
        Assert.DoesNotMatch("(reloaded|restarted|started) ", second.Output);
        Assert.Equal(pids, Host.DaemonPids());
        Assert.Equal(backups, Host.Backups());
    }

    [DeployFact]
    public void A_changed_description_is_shown_by_a_dry_run_then_reloads_only_the_daemons_whose_files_changed()
    {
        // The banner is in Postfix's main.cf (smtpd_banner) and SOGo's sogo.conf (SOGoPageTitle), and nowhere else.
        var changed = fixture.EmitVariant(() => DeployPlatforms.DescribeAllInOne(fixture.Target, fixture.Ports, "Changed banner"));
        var pids = Host.DaemonPids();
        var backups = Host.Backups();
        var mainCf = Host.Sha256("/etc/postfix/main.cf");

        var dry = Host.Install(changed, "--dry-run");
        Assert.True(dry.Succeeded, dry.ToString());
        Assert.Contains("would change /etc/postfix/main.cf", dry.Output);
        Assert.Contains("+smtpd_banner = $myhostname ESMTP Changed banner", dry.Output);
        Assert.Contains("-smtpd_banner = $myhostname ESMTP MailDsl deployment test", dry.Output);
        // sogo.conf is 0640: it may hold secrets, so its diff is not shown.
        Assert.Contains("would change /etc/sogo/sogo.conf", dry.Output);
        Assert.DoesNotContain("SOGoPageTitle", dry.Output);
        Assert.Contains("would reload postfix", dry.Output);
        Assert.Contains("would restart sogo (it has no reload)", dry.Output);
        Assert.Contains("the new files pass every daemon's check", dry.Output);
        // The dry run touched nothing.
        Assert.Equal(mainCf, Host.Sha256("/etc/postfix/main.cf"));
        Assert.Equal(pids, Host.DaemonPids());
        Assert.Equal(backups, Host.Backups());

        try
        {
            var run = Host.MustInstall(changed);
            Assert.Contains("change /etc/postfix/main.cf (read by postfix)", run.Output);
            Assert.Contains("reloaded postfix", run.Output);
            Assert.Contains("restarted sogo", run.Output);
            Assert.DoesNotMatch("(reloaded|restarted|started) (dovecot|nginx)", run.Output);
            var after = Host.DaemonPids();
            // Postfix reloaded (the same master), sogod restarted (a new one), Dovecot and nginx untouched.
            Assert.Equal(pids["postfix"], after["postfix"]);
            Assert.NotEqual(pids["sogo"], after["sogo"]);
            Assert.Equal(pids["dovecot"], after["dovecot"]);
            Assert.Equal(pids["nginx"], after["nginx"]);
            // The running Postfix serves the new main.cf.
            Assert.Contains("ESMTP Changed banner", Probe.SmtpGreetingAfterReload(fixture.Ports.MxSmtp, "ESMTP Changed banner"));
            Assert.Equal(backups.Count + 1, Host.Backups().Count);
        }
        finally
        {
            Host.MustInstall(fixture.HostDir);
        }
        Assert.Contains("ESMTP MailDsl deployment test", Probe.SmtpGreetingAfterReload(fixture.Ports.MxSmtp, "ESMTP MailDsl deployment test"));
    }

    [DeployFact]
    public void A_broken_file_is_put_back_and_the_daemons_keep_serving_their_previous_configuration()
    {
        // The changed description's files, with Dovecot's broken by the test: all three are placed (Postfix's and SOGo's
        // good), then Dovecot's own check refuses the result.
        var broken = fixture.EmitVariant(() => DeployPlatforms.DescribeAllInOne(fixture.Target, fixture.Ports, "Changed banner"));
        File.AppendAllText(Path.Combine(broken, "etc/dovecot/dovecot.conf"), "this_is_not_a_setting = 1\n");
        var pids = Host.DaemonPids();
        var files = new[] { "/etc/dovecot/dovecot.conf", "/etc/postfix/main.cf", "/etc/sogo/sogo.conf" }.ToDictionary(f => f, Host.Sha256);

        var run = Host.Install(broken);

        Assert.False(run.Succeeded, run.ToString());
        // Dovecot's own words, then the restore.
        Assert.Contains("Unknown setting: this_is_not_a_setting", run.Output);
        Assert.Contains("3 file(s) put back", run.Output);
        foreach (var (path, sha) in files) Assert.Equal(sha, Host.Sha256(path));
        // Nothing was reloaded: every daemon is the same process, and still answers with its previous configuration.
        Assert.Equal(pids, Host.DaemonPids());
        Assert.Contains("ESMTP MailDsl deployment test", Probe.SmtpGreeting(fixture.Ports.MxSmtp));
        var imaps = Probe.Endpoints(fixture.Model, DeployPlatforms.AllInOne).Single(e => e.Listener == "imaps");
        Assert.True(Probe.Verified(Probe.Tls(imaps, fixture.Deployment.CertificateFile)));
    }

    [DeployFact]
    public void A_restart_that_does_not_take_is_rolled_back_and_the_daemons_read_their_previous_files_again()
    {
        // sogod on port 1: plparse and nginx -t accept the files, but sogod, which runs as the sogo user, cannot bind a
        // privileged port. install.sh finds the port silent, puts the previous sogo.conf and nginx site back, restarts
        // sogod and reloads nginx again, and fails with sogod's own words.
        var privileged = fixture.EmitVariant(() => DeployPlatforms.DescribeAllInOne(fixture.Target, fixture.Ports with { Sogo = 1 }));
        var pids = Host.DaemonPids();
        var files = new[] { "/etc/nginx/conf.d/sogo.conf", "/etc/sogo/sogo.conf" }.ToDictionary(f => f, Host.Sha256);

        var run = Host.Sandbox.Run($"cd {Command.ShellQuote(privileged)} && MAILDSL_HEALTH_TIMEOUT=5 bash ./install.sh", TimeSpan.FromMinutes(3));

        Assert.False(run.Succeeded, run.ToString());
        Assert.True(run.Output.Contains("nothing answers on 127.0.0.1 port 1 (sogo sogo)", StringComparison.Ordinal), run.ToString());
        Assert.Contains("listening socket: attempt 1 failed", run.Output);
        Assert.Contains("2 file(s) put back", run.Output);
        Assert.Contains("sogo read its previous configuration again (restart)", run.Output);
        Assert.Contains("nginx read its previous configuration again (reload)", run.Output);
        foreach (var (path, sha) in files) Assert.Equal(sha, Host.Sha256(path));
        var after = Host.DaemonPids();
        Assert.Equal(pids["nginx"], after["nginx"]);
        Assert.Equal(pids["postfix"], after["postfix"]);
        Assert.Equal(pids["dovecot"], after["dovecot"]);
        // sogod runs again on its own port, behind nginx's HTTPS.
        Assert.True(after.ContainsKey("sogo"), Host.Logs());
        Assert.True(Host.Sandbox.Run($"timeout 30 bash -c 'until : >/dev/tcp/127.0.0.1/{fixture.Ports.Sogo}; do sleep 0.2; done'").Succeeded, Host.Logs());
        var https = Probe.Endpoints(fixture.Model, DeployPlatforms.AllInOne).Single(e => e.Listener == "https");
        var tls = Probe.Tls(https, fixture.Deployment.CertificateFile);
        Assert.True(Probe.Verified(tls), $"{tls}\n{Host.Logs()}");
    }

    [DeployFact]
    public void Backups_are_one_folder_per_run_and_only_the_newest_are_kept()
    {
        // A change to main.cf alone (how Postfix resolves names): each run replaces it and reloads Postfix only.
        var other = fixture.EmitVariant(() => DeployPlatforms.DescribeAllInOne(fixture.Target, fixture.Ports, hostLookup: "native, dns"));
        var q = Command.ShellQuote;
        var made = new List<string>();
        foreach (var dir in new[] { other, fixture.HostDir, other, fixture.HostDir })
        {
            var run = Host.Sandbox.Run($"cd {q(dir)} && MAILDSL_KEEP_BACKUPS=2 bash ./install.sh", TimeSpan.FromMinutes(3));
            Assert.True(run.Succeeded, $"{run}\n{Host.Logs()}");
            Assert.Contains("reloaded postfix", run.Output);
            made.Add(Regex.Match(run.Output, @"what was replaced is in /var/backups/maildsl/(\S+)").Groups[1].Value);
        }
        // Four runs, four folders of their own (named to the nanosecond, then made unique); the newest two are kept.
        Assert.Equal(4, made.Distinct().Count());
        Assert.Equal(made.TakeLast(2).Order(StringComparer.Ordinal), Host.Backups());
        // Each holds what its run replaced: the main.cf of the description before it.
        Assert.Contains("replaced /etc/postfix/main.cf", Host.Sandbox.Run($"cat /var/backups/maildsl/{q(made[^1])}/MANIFEST").Output);
        Assert.Contains("smtp_host_lookup = native, dns", Host.Sandbox.Run($"cat /var/backups/maildsl/{q(made[^1])}/etc/postfix/main.cf").Output);
    }

    [DeployFact]
    public void A_second_install_sh_at_the_same_time_is_refused()
    {
        // While one run holds the host's lock, another says so and changes nothing.
        var run = Host.Sandbox.Run($"flock /run/maildsl-install.lock bash -c {Command.ShellQuote($"cd {Command.ShellQuote(fixture.HostDir)} && bash ./install.sh")}", TimeSpan.FromMinutes(1));
        Assert.False(run.Succeeded, run.ToString());
        Assert.Contains("another install.sh is running on this host", run.Output);
    }

    private static string Sha256(string file) => Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(file))).ToLowerInvariant();
}

/// <summary><see cref="AllInOneTests"/> on Debian 12.</summary>
[OnTarget(Distro.Debian12)]
public sealed class AllInOneTestsOnDebian12(AllInOneOnDebian12 fixture) : AllInOneTests(fixture), IClassFixture<AllInOneOnDebian12>;

/// <summary><see cref="AllInOneTests"/> on Debian 13.</summary>
[OnTarget(Distro.Debian13)]
public sealed class AllInOneTestsOnDebian13(AllInOneOnDebian13 fixture) : AllInOneTests(fixture), IClassFixture<AllInOneOnDebian13>;
