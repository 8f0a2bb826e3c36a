using MailDsl.Daemons.Haproxy;
using MailDsl.Model;
using MailDsl.Render.Tests.Support;
using MailDsl.Topology;
using Xunit;

namespace MailDsl.Render.Tests;

/// <summary>
/// What the emitted files of a balanced platform ask of the hosts' kernels and install.sh: the balancer hosts' sysctl file
/// sets net.ipv6.ip_nonlocal_bind only where a VIP is IPv6 (a host booted with ipv6.disable=1 has no such key, and
/// <c>sysctl -w</c> of it fails the install), applied by the kernel's own <c>sysctl</c> in a network namespace of the test's;
/// and a backend's install.sh waits for exactly the ports its firewall keeps for the balancers by their listeners.
/// </summary>
public sealed class BalancedHostTests
{
    private const string Balancer = "lb-01.mycompany.dom";
    private const string Backend = "mx-01.mycompany.dom";

    public static TheoryData<bool> Families => new() { false, true };

    [ToolTheory("openssl", "unshare", "sysctl", NeedsRoot = true)]
    [MemberData(nameof(Families))]
    public void The_nonlocal_bind_file_sets_the_ipv6_key_only_where_a_vip_is_ipv6_and_the_kernel_takes_it(bool ipv6)
    {
        using var emitted = EmittedPlatform.Emit((c, k) => TestPlatforms.Balanced(Distro.Debian12, c, k, ipv6: ipv6));
        var file = Path.Combine(emitted.HostDir(Balancer), HaproxyModule.SysctlPath.TrimStart('/'));
        var settings = File.ReadAllLines(file).Where(l => l.Length > 0 && !l.StartsWith('#'))
            .Select(l => l.Split('=', 2, StringSplitOptions.TrimEntries)).ToDictionary(p => p[0], p => p[1]);
        var expected = ipv6 ? new[] { "net.ipv4.ip_nonlocal_bind", "net.ipv6.ip_nonlocal_bind" } : new[] { "net.ipv4.ip_nonlocal_bind" };
        Assert.Equal(expected, settings.Keys.Order(StringComparer.Ordinal));
        Assert.All(settings.Values, v => Assert.Equal("1", v));

        // install.sh's host change, against this kernel in a network namespace of its own (both keys are per namespace):
        // pending while any key it sets is 0, applied by sysctl, done after; the file loads with sysctl -p.
        var model = TestPlatforms.Balanced(Distro.Debian12, emitted.CertificateFile, emitted.KeyFile, ipv6: ipv6).Build();
        var topology = PlatformTopology.Of(model);
        var change = Assert.Single(HaproxyModule.Instance.Changes(topology.Target, topology.Hosts.Single(h => h.Name == Balancer)),
            c => c.Apply.StartsWith("sysctl ", StringComparison.Ordinal));
        var zero = "sysctl -q -w net.ipv4.ip_nonlocal_bind=0 net.ipv6.ip_nonlocal_bind=0";
        var script = string.Join("\n",
            "set -u",
            zero,
            $"if ! {change.Pending}; then echo 'not pending with both keys at 0'; exit 1; fi",
            change.Apply,
            $"if {change.Pending}; then echo 'still pending once applied'; exit 1; fi",
            "sysctl -q -w net.ipv6.ip_nonlocal_bind=0",
            $"if {change.Pending}; then echo 'pending with the IPv6 key at 0'; else echo 'done with the IPv6 key at 0'; fi",
            zero,
            $"sysctl -p {Command.ShellQuote(file)} || exit 1",
            $"if {change.Pending}; then echo 'pending after sysctl -p of the file'; exit 1; fi",
            "sysctl -n net.ipv6.ip_nonlocal_bind");
        var result = Command.Run("unshare", new[] { "--net", "bash", "-c", script });

        Assert.True(result.Succeeded, result.ToString());
        var lines = result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        // With an IPv6 VIP the IPv6 key is set and tested; without, it is left alone (0 after sysctl -p).
        Assert.Contains(ipv6 ? "pending with the IPv6 key at 0" : "done with the IPv6 key at 0", lines);
        Assert.Equal(ipv6 ? "1" : "0", lines[^1]);
    }

    [ToolTheory("openssl", "bash")]
    [MemberData(nameof(Families))]
    public void A_backends_install_sh_waits_by_listener_for_exactly_the_ports_its_firewall_keeps_for_the_balancers(bool ipv6)
    {
        using var emitted = EmittedPlatform.Emit((c, k) => TestPlatforms.Balanced(Distro.Debian12, c, k, ipv6: ipv6));
        var model = TestPlatforms.Balanced(Distro.Debian12, emitted.CertificateFile, emitted.KeyFile, ipv6: ipv6).Build();
        var plan = PlatformTopology.Of(model).Hosts.Single(h => h.Name == Backend);
        var firewalled = PlatformBalancing.Of(model).ProxyPortsOn(plan).Select(p => p.BackendPort).Distinct().Order().ToList();
        Assert.NotEmpty(firewalled);

        // The host's data as bash reads it: install.sh's port_ lines, evaluated.
        var data = File.ReadAllLines(Path.Combine(emitted.HostDir(Backend), "install.sh")).Where(l => l.StartsWith("port_", StringComparison.Ordinal));
        var result = Command.Run("bash", new[] { "-c", string.Join("\n", data) + "\nfor i in \"${!port_number[@]}\"; do echo \"${port_proxy[$i]} ${port_address[$i]} ${port_number[$i]}\"; done" });
        Assert.True(result.Succeeded, result.ToString());
        var ports = result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split(' ')).ToList();

        Assert.Equal(firewalled, ports.Where(p => p[0] == "1").Select(p => int.Parse(p[2])).Order());
        // Where ss lists the listener: the host's own address, an IPv6 one in inet_ntop's form.
        Assert.All(ports.Where(p => p[0] == "1"), p => Assert.Equal(ipv6 ? "fd00:172:16:10::11" : "172.16.10.11", p[1]));
        // Its other ports are dialed as before.
        Assert.Contains(ports, p => p[0] == "0" && p[2] == "25");
        Assert.All(ports, p => Assert.Contains(p[0], new[] { "0", "1" }));
    }
}
