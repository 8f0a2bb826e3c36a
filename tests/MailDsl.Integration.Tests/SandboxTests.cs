using System.Net;
using System.Net.Sockets;
using MailDsl.Model;
using MailDsl.Targets;
using MailDsl.TestPlatform.Sandbox;
using Xunit;

namespace MailDsl.Integration.Tests;

/// <summary>
/// The Debian 13 sandbox itself, proven apart from the product: it runs trixie's own tools and a daemon that answers
/// on loopback, and disposing it leaves nothing running and the cached root exactly as it was.
/// </summary>
public sealed class SandboxTests
{
    [Debian13Fact]
    public void A_debian13_host_runs_trixies_tools_and_nginx_then_leaves_nothing_behind()
    {
        var facts = TargetTable.Debian13;
        var root = TargetSystems.Debian13Root;
        var before = TargetSystems.Fingerprint(root);
        var work = Directory.CreateTempSubdirectory("maildsl-smoke-").FullName;
        try
        {
            // A folder of this machine, shared into the host at its own path: the nginx config and the page it serves.
            var site = Path.Combine(work, "site");
            Directory.CreateDirectory(site);
            // From the platforms' picker, so no platform starting beside this test is given the same port.
            var port = TestPlatform.LoopbackPorts.PickFree().Https;
            var page = "served by trixie's nginx from " + site;
            File.WriteAllText(Path.Combine(site, "index.html"), page);
            File.WriteAllText(Path.Combine(site, "nginx.conf"), $$"""
                pid /run/smoke-nginx.pid;
                error_log {{site}}/error.log;
                events { }
                http {
                    access_log off;
                    server { listen 127.0.0.1:{{port}}; root {{site}}; }
                }
                """);

            string mountNamespace;
            IReadOnlyList<int> daemons;
            using (var host = SandboxHost.Start("smoke", Path.Combine(work, "host"), Distro.Debian13, new[] { site }))
            {
                mountNamespace = host.MountNamespace;
                var tools = host.Run("openssl version; doveconf -d 2>/dev/null | head -n 3; postconf -d mail_version; nginx -v 2>&1; cat /etc/debian_version");
                Assert.True(tools.Succeeded, tools.ToString());
                // The release series tells the targets apart; another patch release of it (a Debian update) is still trixie's tool.
                Assert.Matches(TargetSystems.SeriesPattern("OpenSSL ", facts.OpenSsl) + " ", tools.Output);
                Assert.Matches(TargetSystems.SeriesPattern("# ", facts.Dovecot), tools.Output);
                Assert.Matches(TargetSystems.SeriesPattern("mail_version = ", facts.Postfix), tools.Output);
                Assert.Matches(TargetSystems.SeriesPattern("nginx/", facts.Nginx), tools.Output);
                Assert.StartsWith("13.", tools.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries)[^1], StringComparison.Ordinal);
                // This machine is Debian 12: its OpenSSL is another one, so the sandbox's tools are not the machine's.
                Assert.DoesNotMatch(TargetSystems.SeriesPattern("OpenSSL ", facts.OpenSsl), Command.Run("openssl", "version").Output);

                // Writes land in the host's own upper layer, never in the root.
                var written = host.Run("echo smoke > /etc/maildsl-smoke && useradd -M maildsl-smoke && id maildsl-smoke");
                Assert.True(written.Succeeded, written.ToString());
                Assert.True(File.Exists(Path.Combine(work, "host", "upper", "etc", "maildsl-smoke")), "the write is not in the host's upper layer");
                Assert.False(File.Exists(Path.Combine(root, "etc", "maildsl-smoke")), "the write reached the cached root");
                Assert.DoesNotContain("maildsl-smoke", File.ReadAllText(Path.Combine(root, "etc", "passwd")), StringComparison.Ordinal);

                var started = host.Run($"nginx -c {Command.ShellQuote(site + "/nginx.conf")}");
                Assert.True(started.Succeeded, started.ToString());
                using (var http = new HttpClient())
                {
                    using var response = http.GetAsync($"http://127.0.0.1:{port}/").GetAwaiter().GetResult();
                    Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                    Assert.Equal(page, response.Content.ReadAsStringAsync().GetAwaiter().GetResult());
                    Assert.Matches("^" + TargetSystems.SeriesPattern("nginx/", facts.Nginx) + "$", response.Headers.Server.ToString());
                }
                // nginx runs in the host's namespaces (its master and worker, and the namespace's holder, are there).
                var inside = host.Run("ps -eo comm=");
                Assert.Contains("nginx", inside.Output);
                daemons = host.Processes();
                Assert.True(daemons.Count >= 3, $"processes in the host's namespace: {string.Join(", ", daemons)}\n{inside}");
            }

            // Disposed: no process is left in the namespace, nothing answers on the port, the root is unchanged.
            // The kernel reuses a freed namespace's number for the next one (other tests make hosts meanwhile), so the
            // check is on the processes that were in it.
            Assert.Empty(SandboxHost.ProcessesIn(mountNamespace).Intersect(daemons));
            using (var probe = new TcpClient())
                Assert.Throws<SocketException>(() => probe.Connect(IPAddress.Loopback, port));
            Assert.Equal(before, TargetSystems.Fingerprint(root));
            Assert.False(Directory.Exists(Path.Combine(work, "host")), "the host's overlay layers were not deleted");
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    /// <summary>The fingerprint the test above compares sees a change of one byte in a file under etc/, at the same size and time.</summary>
    [Fact]
    public void The_root_fingerprint_sees_a_changed_byte_under_etc()
    {
        var root = Directory.CreateTempSubdirectory("maildsl-fingerprint-").FullName;
        try
        {
            var file = Path.Combine(root, "etc", "postfix", "main.cf");
            Directory.CreateDirectory(Path.GetDirectoryName(file)!);
            File.WriteAllText(file, "compatibility_level = 3.6\n");
            var time = File.GetLastWriteTimeUtc(file);
            var before = TargetSystems.Fingerprint(root);
            Assert.Equal(before, TargetSystems.Fingerprint(root));
            File.WriteAllText(file, "compatibility_level = 3.7\n");
            File.SetLastWriteTimeUtc(file, time);
            Assert.NotEqual(before, TargetSystems.Fingerprint(root));
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }
}

/// <summary>
/// A fact that needs a Debian 13 sandbox: skipped, with the reason, where the root or root here is missing, unless
/// MAILDSL_REQUIRE_DAEMONS=1 (CI, scripts/test.sh), where it runs and fails.
/// </summary>
public sealed class Debian13FactAttribute : FactAttribute
{
    /// <summary>Needs the Debian 13 root with its openssl, nginx, Dovecot and Postfix.</summary>
    public Debian13FactAttribute()
        => Skip = TargetSystems.SkipReason(Distro.Debian13, new[] { "openssl", "nginx", "doveconf", "postconf" }, needsRoot: true);
}
