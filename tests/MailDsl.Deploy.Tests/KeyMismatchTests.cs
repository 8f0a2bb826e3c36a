using MailDsl.Deploy.Tests.Support;
using MailDsl.Model;
using MailDsl.TestPlatform;
using Xunit;

namespace MailDsl.Deploy.Tests;

/// <summary>A key that does not belong to the certificate stops install.sh before anything on the host changes.</summary>
public abstract class KeyMismatchTests
{
    [DeployFact]
    public void A_key_that_does_not_match_the_certificate_stops_install_sh_before_anything_is_placed()
    {
        var target = DeployFactDiscoverer.TargetOf(GetType());
        using var deployment = Deployment.Create();
        var hostDir = Path.Combine(deployment.Emit(() => DeployPlatforms.DescribeAllInOne(target, LoopbackPorts.PickFree())), DeployPlatforms.AllInOne);
        using var host = InstalledHost.Prepare(deployment, DeployPlatforms.AllInOne, target, wrongKey: true);
        var paths = Directory.EnumerateFiles(Path.Combine(hostDir, "etc"), "*", SearchOption.AllDirectories)
            .Select(f => "/" + Path.GetRelativePath(hostDir, f)).Append("/etc/nginx/sites-enabled/default").ToList();
        var before = paths.ToDictionary(p => p, host.Sha256);

        var run = host.Install(hostDir);

        Assert.False(run.Succeeded, run.ToString());
        Assert.Contains("the key " + DeployPlatforms.KeyPath + " does not belong to the certificate " + DeployPlatforms.CertificatePath, run.Output);
        // The key's text is never printed.
        Assert.DoesNotContain("PRIVATE KEY", run.Output);
        foreach (var path in paths) Assert.Equal(before[path], host.Sha256(path));
        Assert.Empty(host.Backups());
        Assert.Empty(host.DaemonPids());
    }
}

/// <summary><see cref="KeyMismatchTests"/> on Debian 12.</summary>
[OnTarget(Distro.Debian12)]
public sealed class KeyMismatchTestsOnDebian12 : KeyMismatchTests;

/// <summary><see cref="KeyMismatchTests"/> on Debian 13.</summary>
[OnTarget(Distro.Debian13)]
public sealed class KeyMismatchTestsOnDebian13 : KeyMismatchTests;
