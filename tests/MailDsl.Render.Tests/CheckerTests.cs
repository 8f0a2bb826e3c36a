using MailDsl.Model;
using MailDsl.Render.Tests.Support;
using MailDsl.Targets;
using Xunit;

namespace MailDsl.Render.Tests;

/// <summary>
/// The checkers of each target (Debian 12 on this machine, Debian 13 in its root), run by <see cref="DaemonChecks.All(Distro, string, IEnumerable{string}?, TestCertificate?)"/>
/// in a sandbox of that target: they are the target's own tools, they refuse on a warning, and they judge every
/// emitted file of the test platforms.
/// </summary>
public sealed class CheckerTests
{
    public static TheoryData<Distro> Runnable => TargetData.Runnable();

    /// <summary>The sandbox runs the target's own tools: the versions its target table names, read off the tools themselves.</summary>
    [TargetTheory("openssl", "nginx", "doveconf", "postconf"), MemberData(nameof(Runnable))]
    public void The_sandbox_runs_the_targets_own_tools(Distro target)
    {
        var facts = TargetTable.Of(target);
        var dir = Directory.CreateTempSubdirectory("maildsl-tools-").FullName;
        try
        {
            Directory.CreateDirectory(Path.Combine(dir, "etc"));
            using var sandbox = EtcSandbox.Open(target, dir);
            var said = sandbox.Run("openssl version; nginx -v 2>&1; doveconf -d 2>/dev/null | head -n 1; postconf -d mail_version");
            Assert.True(said.Succeeded, said.ToString());
            // The release series (3.0 or 3.5, nginx 1.22 or 1.26...) tells the targets apart; a Debian update to another patch
            // release of the same series is still the target's tool.
            Assert.Matches(TargetSystems.SeriesPattern("OpenSSL ", facts.OpenSsl) + " ", said.Output);
            Assert.Matches(TargetSystems.SeriesPattern("nginx/", facts.Nginx), said.Output);
            Assert.Matches(TargetSystems.SeriesPattern("# ", facts.Dovecot), said.Output);
            Assert.Matches(TargetSystems.SeriesPattern("mail_version = ", facts.Postfix), said.Output);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    /// <summary>A setting a daemon warns about (but accepts) fails its checker, in the daemon's own words.</summary>
    [TargetTheory("postconf", "postfix", "doveconf", "nginx", "plparse", "script"), MemberData(nameof(Runnable))]
    public void A_warning_fails_the_checker_with_the_tools_own_words(Distro target)
    {
        var dir = Directory.CreateTempSubdirectory("maildsl-warn-").FullName;
        try
        {
            Write(dir, "etc/postfix/main.cf", "compatibility_level = 3.6\nmaildsl_no_such_parameter = 1\n");
            Write(dir, "etc/postfix/master.cf", "smtp inet n - y - - smtpd\n  -o maildsl_no_such_option=1\n");
            // Debian 12's Dovecot 2.3 only warns about an obsolete setting; 2.4 refuses an unknown one.
            Write(dir, "etc/dovecot/dovecot.conf", target == Distro.Debian12
                ? "ssl_dh_parameters_length = 2048\n"
                : "dovecot_config_version = 2.4.1\ndovecot_storage_version = 2.4.1\nssl_dh_parameters_length = 2048\n");
            Write(dir, "etc/nginx/conf.d/twice.conf",
                "server { listen 127.0.0.1:18080; server_name twice.test; }\nserver { listen 127.0.0.1:18080; server_name twice.test; }\n");
            // GNUstep parses a dictionary without its last semicolon, and logs that it is missing.
            Write(dir, "etc/sogo/sogo.conf", "{ SOGoTimeZone = \"UTC\" }\n");

            var results = DaemonChecks.All(target, dir).ToDictionary(r => r.Checker);

            Assert.Equal(new[] { "doveconf -n", "nginx -t", "plparse", "postconf -M", "postconf -n", "postfix check" }, results.Keys.Order(StringComparer.Ordinal));
            Assert.All(results.Values, r => Assert.False(r.Passed, r.ToString()));
            Assert.Contains("unused parameter: maildsl_no_such_parameter=1", results["postconf -n"].Failure);
            Assert.Contains("unused parameter: maildsl_no_such_option=1", results["postconf -M"].Failure);
            Assert.Contains("maildsl_no_such_parameter", results["postfix check"].Failure);
            Assert.Contains(target == Distro.Debian12 ? "Obsolete setting" : "ssl_dh_parameters_length", results["doveconf -n"].Failure);
            Assert.Contains("conflicting server name \"twice.test\" on 127.0.0.1:18080, ignored", results["nginx -t"].Failure);
            Assert.Contains("Missing semicolon in dictionary", results["plparse"].Failure);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    /// <summary>Every file of the guide's platform, emitted for each target, passes every checker of that target.</summary>
    [TargetTheory("openssl", "nginx", "doveconf", "postconf", "postfix", "plparse", "script"), MemberData(nameof(Runnable))]
    public void The_guides_platform_passes_every_checker_of_its_target(Distro target)
        => DaemonChecks.AssertEveryCheckerPasses(target, (c, k) => TestPlatforms.Guide(target, c, k));

    /// <summary>Every file of the all-in-one loopback platform, emitted for each target, passes every checker of that target.</summary>
    [TargetTheory("openssl", "nginx", "doveconf", "postconf", "postfix", "plparse", "script"), MemberData(nameof(Runnable))]
    public void The_all_in_one_platform_passes_every_checker_of_its_target(Distro target)
        => DaemonChecks.AssertEveryCheckerPasses(target, (c, k) => TestPlatforms.AllInOne(target, c, k));

    private static void Write(string dir, string path, string text)
    {
        var file = Path.Combine(dir, path);
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        File.WriteAllText(file, text);
    }
}
