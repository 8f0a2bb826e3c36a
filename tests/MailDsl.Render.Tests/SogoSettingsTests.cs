using MailDsl.Model;
using MailDsl.Render.Tests.Support;
using MailDsl.TestPlatform;
using Xunit;

namespace MailDsl.Render.Tests;

/// <summary>
/// Why MAIL4010 checks SOGo's raw settings against a catalogue: sogod itself never says a word about a name it does not
/// read. The target's own sogod starts on a sogo.conf holding a misspelt name and one the upgrade notes replaced, serves,
/// and its log names neither.
/// </summary>
public sealed class SogoSettingsTests
{
    [ToolTheory("sogod", "unshare", "runuser")]
    [InlineData(Distro.Debian12)]
    [InlineData(Distro.Debian13)]
    public void Sogod_starts_and_says_nothing_of_a_setting_it_does_not_read(Distro distro)
    {
        var port = PortReservations.Take(1)[0];
        var hostDir = Directory.CreateTempSubdirectory("maildsl-sogod-probe-").FullName;
        try
        {
            Directory.CreateDirectory(Path.Combine(hostDir, "etc/sogo"));
            File.WriteAllText(Path.Combine(hostDir, "etc/sogo/sogo.conf"), $$"""
                {
                  WOPort = "127.0.0.1:{{port}}";
                  WOWorkersCount = 1;
                  SOGoPageTitle = "MailDsl probe";
                  SOGoMailDomian = "example.org";
                  SOGoMailMessageCheck = every_minute;
                }
                """);
            // Started as install.sh starts it on the target (SogoModule's own command), in a sandbox of the target's system:
            // private mount and PID namespaces, so whatever sogod writes and every process it forks go with the sandbox.
            using var sandbox = EtcSandbox.Open(distro, hostDir);
            var service = Daemons.Sogo.SogoModule.Instance.Service(Targets.TargetTable.Of(distro));
            var result = sandbox.Run(string.Join("\n",
                "log=" + service.Log,
                service.Start,
                "for _ in $(seq 1 150); do grep -q 'notified the watchdog that we are ready' $log 2>/dev/null && break; sleep 0.2; done",
                "cat $log"));

            Assert.Contains($"listening on 127.0.0.1:{port}", result.Output);
            Assert.Contains("notified the watchdog that we are ready", result.Output);
            Assert.DoesNotContain("SOGoMailDomian", result.Output);
            Assert.DoesNotContain("SOGoMailMessageCheck", result.Output);
            Assert.DoesNotMatch("(?i)unknown|unrecognized|warn", result.Output);
        }
        finally
        {
            Directory.Delete(hostDir, recursive: true);
        }
    }
}
