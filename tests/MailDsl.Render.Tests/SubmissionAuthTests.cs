using System.Text.RegularExpressions;
using MailDsl.Model;
using MailDsl.Render.Tests.Support;
using Xunit;

namespace MailDsl.Render.Tests;

/// <summary>
/// An SMTP-out host with submission and no mailstore: Postfix asks Dovecot's auth socket (smtpd_sasl_type = dovecot),
/// so the host gets an auth-only Dovecot, installed and checked like a mailstore's, that serves no network port.
/// </summary>
public sealed class SubmissionAuthTests
{
    private const string Host = "relay.test.maildsl.internal";

    [ToolFact("doveconf", "openssl")]
    public void A_relay_with_submission_gets_an_auth_only_dovecot_conf_that_doveconf_accepts()
    {
        using var e = EmittedPlatform.Emit((c, k) => TestPlatforms.RelayOnly(Distro.Debian12, c, k));
        var conf = Path.Combine(e.HostDir(Host), "etc/dovecot/dovecot.conf");
        Assert.True(File.Exists(conf), "no dovecot.conf on " + Host);

        var result = DaemonChecks.Dovecot(e.HostDir(Host));
        Assert.True(result.ExitCode == 0 && !result.Output.Contains("doveconf:"), result.ToString());
        var settings = result.Output;
        Assert.Contains("protocols = none", settings);
        Assert.DoesNotContain("inet_listener", settings);
        Assert.Contains("auth_mechanisms = plain login", settings);
        Assert.Contains("auth_verbose = yes", settings); // the smtpOut layer's raw Dovecot setting
        Assert.Matches(@"passdb \{\s*driver = pam\s*\}", settings);
        Assert.Matches(@"userdb \{\s*driver = passwd\s*\}", settings);
        Assert.Matches(@"service auth \{\s*unix_listener /var/spool/postfix/private/auth \{\s*group = postfix\s*mode = 0660\s*user = postfix\s*\}", settings);

        // Settings at their default are not in doveconf -n; ask doveconf for them by name.
        var named = Command.Run("doveconf", "-c", conf, "disable_plaintext_auth", "ssl");
        Assert.True(named.ExitCode == 0, named.ToString());
        Assert.Contains("disable_plaintext_auth = yes", named.Output);
        Assert.Contains("ssl = no", named.Output);
    }

    [Theory]
    [InlineData(Distro.Rhel9, "packages=('postfix' 'dovecot' 'policycoreutils-python-utils')\n", "[dovecot]='dovecot'")]
    [InlineData(Distro.Debian12, "packages=('postfix' 'dovecot-core')\n", "[dovecot]='dovecot'")]
    public void The_relay_install_script_installs_checks_and_reloads_dovecot(Distro distro, string packages, string unit)
    {
        var artifacts = PlatformRenderer.Render(TestPlatforms.RelayOnly(distro, "/etc/ssl/test.crt", "/etc/ssl/test.key").Build());
        var script = artifacts.Single(a => a.Host == Host && a.Path == "/install.sh").Content;
        // The relay's Dovecot is a daemon of the host like Postfix: its package, file, check, unit and reload are there.
        Assert.Contains(packages, script);
        Assert.Contains("daemons=('postfix' 'dovecot')\n", script);
        Assert.Contains("declare -A unit=([postfix]='postfix' " + unit + ")\n", script);
        Assert.Contains("[dovecot]='doveadm reload'", script);
        Assert.Contains("['/etc/dovecot/dovecot.conf']='dovecot'", script);
        Assert.Contains("check_daemon=('postfix' 'postfix' 'postfix' 'dovecot')\n", script);
        Assert.Contains("'doveconf -n >/dev/null')\n", script);
    }

    // The emitted file, unchanged, run by the real Dovecot as root in private mount and network namespaces: /run,
    // /var/lib/dovecot and /var/spool are throw-away, /etc is an overlay holding one test user. Nothing outside the
    // namespaces changes, and the namespace's own network is the only one Dovecot could bind.
    [ToolFact("dovecot", "doveadm", "doveconf", "unshare", "ss", "useradd", "chpasswd", "openssl")]
    public void The_auth_only_dovecot_binds_no_tcp_port_and_logs_users_in_through_the_socket()
    {
        using var e = EmittedPlatform.Emit((c, k) => TestPlatforms.RelayOnly(Distro.Debian12, c, k));
        var conf = Path.Combine(e.HostDir(Host), "etc/dovecot/dovecot.conf");
        var scratch = Path.Combine(e.Root, "dovecot-run");
        Directory.CreateDirectory(Path.Combine(scratch, "upper"));
        Directory.CreateDirectory(Path.Combine(scratch, "work"));
        const string socket = "/var/spool/postfix/private/auth";
        var script = string.Join("\n", new[]
        {
            "set -e",
            $"mount -t overlay overlay -o lowerdir=/etc,upperdir={scratch}/upper,workdir={scratch}/work /etc",
            "useradd -M -s /usr/sbin/nologin maildsl-sasl",
            "echo 'maildsl-sasl:Sasl-Test-Pw1' | chpasswd",
            "mount -t tmpfs tmpfs /run",
            "[[ -d /var/lib/dovecot ]] && mount -t tmpfs tmpfs /var/lib/dovecot",
            "mount -t tmpfs tmpfs /var/spool",
            "install -d -o postfix -g root -m 0700 /var/spool/postfix/private",
            "set +e",
            $"dovecot -F -c '{conf}' &",
            "pid=$!",
            "trap 'kill $pid 2>/dev/null; wait $pid 2>/dev/null' EXIT",
            $"for _ in $(seq 100); do [[ -S {socket} ]] && break; sleep 0.1; done",
            "echo '== listening'; ss -ltnH; ss -lunH",
            $"echo '== socket'; stat -c '%A %U %G' {socket}",
            $"echo '== right password'; doveadm -c '{conf}' auth test -a {socket} maildsl-sasl Sasl-Test-Pw1; echo \"exit $?\"",
            $"echo '== wrong password'; doveadm -c '{conf}' auth test -a {socket} maildsl-sasl wrong; echo \"exit $?\"",
            "echo '== end'",
        });
        var result = Command.Run("unshare", "-m", "-n", "--propagation", "private", "bash", "-c", script);
        var output = result.Output;
        Assert.True(output.Contains("== end"), result.ToString());

        Assert.Equal("", Section(output, "listening"));
        Assert.Equal("srw-rw---- postfix postfix", Section(output, "socket"));
        Assert.Matches(@"passdb: maildsl-sasl auth succeeded[\s\S]*exit 0$", Section(output, "right password"));
        Assert.Matches(@"passdb: maildsl-sasl auth failed[\s\S]*exit 77$", Section(output, "wrong password"));
    }

    // What the script printed between "== name" and the next "== " line, trimmed.
    private static string Section(string output, string name)
    {
        var match = Regex.Match(output, "^== " + Regex.Escape(name) + "\n(.*?)^== ", RegexOptions.Multiline | RegexOptions.Singleline);
        Assert.True(match.Success, $"no section '{name}' in:\n{output}");
        return match.Groups[1].Value.Trim();
    }
}
