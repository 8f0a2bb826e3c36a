using MailDsl.TestPlatform;
using Xunit;
using Xunit.Abstractions;

namespace MailDsl.Integration.Tests;

/// <summary>
/// The <c>probe</c> verb against the shared integration platform as installed (every host's and every VIP's endpoint the
/// description implies, on that target's daemons): it finds no difference. What probe finds when a file is changed behind
/// MailDsl's back is <see cref="ProbeTests"/>' business, on a platform of its own, so this one is never broken.
/// </summary>
/// <remarks>Run once per target: <see cref="PlatformProbeTestsOnDebian12"/>, <see cref="PlatformProbeTestsOnDebian13"/>.</remarks>
public abstract class PlatformProbeTests(PlatformFixture fixture, ITestOutputHelper output)
{
    [PlatformFact]
    public void Probe_finds_no_difference_on_the_integration_platform_as_installed()
    {
        var lab = fixture.Platform;
        var args = new List<string> { "probe", "--ca", lab.CertificateFile, "--timeout", "10" };
        // Every host's and VIP's name at its lab address, as the hosts' own /etc/hosts say.
        foreach (var (name, address) in lab.Addresses.All) args.AddRange(new[] { "--resolve", name + "=" + address });
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var exit = Hosting.PlatformHost.Run(args.ToArray(), () => IntegrationPlatform.Describe(lab.Addresses, fixture.Target), stdout, stderr);
        output.WriteLine($"$ probe (exit {exit})\n{stdout}{stderr}");
        Assert.True(exit == 0, $"probe found differences on the integration platform as installed (exit {exit}):\n{stdout}{stderr}");
        Assert.Contains("no differences: ", stdout.ToString());
        // Every VIP's TLS port was among what it compared, not only the hosts'.
        foreach (var vip in lab.VipEndpoints)
            Assert.Contains($"{vip.Host}:{vip.Port}", stdout.ToString());
    }
}
