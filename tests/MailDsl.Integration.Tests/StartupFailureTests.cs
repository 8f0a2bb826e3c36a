using MailDsl.Layers;
using MailDsl.TestPlatform;
using MailDsl.TestPlatform.Network;
using MailDsl.TestPlatform.Sandbox;
using Xunit;

namespace MailDsl.Integration.Tests;

/// <summary>When a daemon cannot start, the failure says so in the daemon's own words, and nothing is left running.</summary>
/// <remarks>
/// Run once per target, in that target's platform collection (its running platform is not started for it).
/// </remarks>
public abstract class StartupFailureTests(PlatformFixture fixture)
{
    [PlatformFact]
    public void A_daemon_that_cannot_bind_its_port_is_reported_with_its_own_log_lines()
    {
        var web = IntegrationPlatform.WebHosts[0];
        const int https = 443;
        LabPlatform? started = null;
        // Something else already holds the HTTPS port on the first webmail host: its nginx must refuse to start, and say why.
        // (perl is in both targets' base systems.)
        var squat = "nohup perl -MIO::Socket::INET -e '$s = IO::Socket::INET->new(LocalPort => " + https + ", Listen => 5, ReuseAddr => 1) or die $!; sleep 3600' >/dev/null 2>&1 &\n"
            + "for i in $(seq 50); do ss -Hltn 'sport = :" + https + "' | grep -q " + https + " && exit 0; sleep 0.1; done; exit 1";
        var options = IntegrationPlatform.Options with
        {
            BeforeInstall = plan => plan.Name == web ? squat : null,
            Observe = platform => started = platform,
        };

        var failure = Assert.Throws<InvalidOperationException>(() => IntegrationPlatform.Start(fixture.Target, options).Dispose());

        Assert.Contains("install.sh failed on " + web, failure.Message, StringComparison.Ordinal);
        Assert.Contains($"bind() to 0.0.0.0:{https} failed (98: Address already in use)", failure.Message, StringComparison.Ordinal);
        // Start cleaned up after itself: the hosts that did start (mailstores, relays, MXs) are gone with every process in
        // them, and so is the lab network.
        Assert.NotNull(started);
        var hosts = started!.Hosts.Concat(started.DirectoryServers is { } d ? new[] { d.Host } : Array.Empty<SandboxHost>()).ToList();
        Assert.Contains(hosts, h => h.Name == IntegrationPlatform.StoreHosts[0]);
        Assert.All(hosts, h => Assert.True(h.Processes().Count == 0,
            $"{h.Name} still runs: " + string.Join("; ", h.Processes().Select(p => p + " " + CommandLineOf(p)))));
        var bridge = Command.Run("ip", "link", "show", started.Network.Bridge);
        Assert.False(bridge.Succeeded, $"the lab's bridge {started.Network.Bridge} is still there:\n{bridge}");
    }

    // What a process runs, for the failure message (it may be gone by then).
    private static string CommandLineOf(int pid)
    {
        try { return File.ReadAllText($"/proc/{pid}/cmdline").Replace('\0', ' ').Trim(); }
        catch (IOException) { return "(gone)"; }
    }
}
