using MailDsl.Deploy.Tests.Support;
using MailDsl.Model;
using MailDsl.TestPlatform;
using Xunit;

namespace MailDsl.Deploy.Tests;

/// <summary>
/// One host per layer, each installed by its own emitted install.sh on a target's own system, in the order the
/// playbook uses (the mailstore first, then the MX, the relay, webmail): every daemon answers over TLS, and a second
/// run of every host changes nothing and restarts nothing.
/// </summary>
public abstract class LayerHostsTests
{
    [DeployFact]
    public void Each_layer_host_installs_for_real_answers_over_TLS_and_a_second_run_changes_nothing()
    {
        var target = DeployFactDiscoverer.TargetOf(GetType());
        var ports = LoopbackPorts.PickFree();
        var model = DeployPlatforms.DescribeLayers(target, ports).Build();
        using var deployment = Deployment.Create();
        var outDir = deployment.Emit(() => DeployPlatforms.DescribeLayers(target, ports));
        var hosts = new List<InstalledHost>();
        try
        {
            var expected = new (string Name, string[] Daemons)[]
            {
                (DeployPlatforms.Store, new[] { "postfix", "dovecot" }),
                (DeployPlatforms.Mx, new[] { "postfix" }),
                (DeployPlatforms.Relay, new[] { "postfix", "dovecot" }),
                (DeployPlatforms.Web, new[] { "sogo", "nginx" }),
            };
            foreach (var (name, daemons) in expected)
            {
                var host = InstalledHost.Prepare(deployment, name, target);
                hosts.Add(host);
                var first = host.MustInstall(Path.Combine(outDir, name));
                foreach (var daemon in daemons) Assert.Contains("started " + daemon + "\n", first.Output);
                Assert.Equal(daemons.Order(), host.DaemonPids().Keys.Order());
            }
            foreach (var host in hosts)
            {
                var endpoints = Probe.Endpoints(model, host.Name);
                Assert.NotEmpty(endpoints);
                foreach (var endpoint in endpoints)
                {
                    var tls = Probe.Tls(endpoint, deployment.CertificateFile);
                    Assert.True(Probe.Verified(tls), $"{endpoint}: {tls}\n{host.Logs()}");
                }
            }
            foreach (var host in hosts)
            {
                var pids = host.DaemonPids();
                var second = host.MustInstall(Path.Combine(outDir, host.Name));
                Assert.Contains("no changes", second.Output);
                Assert.Equal(pids, host.DaemonPids());
            }
        }
        finally
        {
            foreach (var host in hosts) host.Dispose();
        }
    }
}

/// <summary><see cref="LayerHostsTests"/> on Debian 12.</summary>
[OnTarget(Distro.Debian12)]
public sealed class LayerHostsTestsOnDebian12 : LayerHostsTests;

/// <summary><see cref="LayerHostsTests"/> on Debian 13.</summary>
[OnTarget(Distro.Debian13)]
public sealed class LayerHostsTestsOnDebian13 : LayerHostsTests;
