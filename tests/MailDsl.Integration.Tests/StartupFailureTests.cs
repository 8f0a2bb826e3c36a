using System.Net;
using System.Net.Sockets;
using MailDsl.TestPlatform;
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
        var ports = LoopbackPorts.PickFree();
        // Something else already holds the HTTPS port on 127.0.0.1: nginx must refuse to start, and say why.
        using var squatter = new TcpListener(IPAddress.Loopback, ports.Https);
        squatter.Start();

        var failure = Assert.Throws<InvalidOperationException>(() => RunningPlatform.Start(fixture.Target, ports).Dispose());

        Assert.Contains("install.sh failed on " + LoopbackPlatform.Web, failure.Message, StringComparison.Ordinal);
        Assert.Contains($"bind() to 127.0.0.1:{ports.Https} failed (98: Address already in use)", failure.Message, StringComparison.Ordinal);
        // Start cleaned up after itself: the hosts that did start (mailstore, relay, MX) are stopped again.
        foreach (var port in new[] { ports.Imaps, ports.Submission, ports.MxSmtp })
        {
            using var probe = new TcpClient();
            Assert.Throws<SocketException>(() => probe.Connect(IPAddress.Loopback, port));
        }
    }
}
