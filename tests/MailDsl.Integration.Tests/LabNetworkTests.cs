using System.Net;
using System.Net.Sockets;
using MailDsl.Model;
using MailDsl.TestPlatform.Network;
using MailDsl.TestPlatform.Sandbox;
using Xunit;

namespace MailDsl.Integration.Tests;

/// <summary>
/// The lab network itself, proven apart from the product: hosts of both targets, each in a network namespace of its
/// own, reach each other and the test process by their own addresses and nothing else, a server sees its client's real
/// address, and disposing leaves no link, bridge or namespace behind. It is made only where no packet can leave the
/// machine.
/// </summary>
public sealed class LabNetworkTests
{
    [LabFact]
    public void Hosts_of_both_targets_reach_each_other_by_their_own_addresses_and_nothing_else()
    {
        var work = Directory.CreateTempSubdirectory("maildsl-lab-").FullName;
        string bridge;
        var namespaces = new List<string>();
        try
        {
            using (var lab = LabNetwork.Create())
            using (var a = SandboxHost.Start("a.lab", Path.Combine(work, "a"), Distro.Debian12, Array.Empty<string>(), lab))
            using (var b = SandboxHost.Start("b.lab", Path.Combine(work, "b"), Distro.Debian13, Array.Empty<string>(), lab))
            {
                bridge = lab.Bridge;
                namespaces.AddRange(new[] { a, b }.Select(h => new FileInfo($"/proc/{h.InitProcessId}/ns/net").LinkTarget!));
                Assert.Equal(2, namespaces.Distinct().Count());
                Assert.DoesNotContain(new FileInfo("/proc/self/ns/net").LinkTarget, namespaces);

                // Each host has loopback and its one address, and no route beyond the lab.
                foreach (var host in new[] { a, b })
                {
                    var addresses = host.Run("ip -4 -o addr show");
                    Assert.True(addresses.Succeeded, addresses.ToString());
                    Assert.Contains("inet 127.0.0.1/8", addresses.Output);
                    Assert.Contains($"inet {host.Address}/{LabNetwork.PrefixLength}", addresses.Output);
                    Assert.Equal(2, addresses.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
                    Assert.Null(LabNetwork.RouteOut(host.InitProcessId));
                }

                // a serves on its own address (Debian 12 has python3; trixie's minimal root has none); b, with trixie's
                // bash, and the test process connect to it, and a sees each client's own address.
                var listening = a.Run("nohup python3 -c " + Command.ShellQuote(Echo) + $" {a.Address} 7000 >/tmp/echo.log 2>&1 & "
                    + "for i in $(seq 50); do ss -Hltn 'sport = :7000' | grep -q 7000 && exit 0; sleep 0.1; done; exit 1");
                Assert.True(listening.Succeeded, listening + "\n" + a.Tail("/tmp/echo.log"));
                var fromB = b.Run($"exec 3<>/dev/tcp/{a.Address}/7000 && read -r line <&3 && echo \"$line\"");
                Assert.True(fromB.Succeeded, fromB + "\n" + a.Tail("/tmp/echo.log"));
                Assert.Equal($"you are {b.Address}", fromB.Output.Trim());

                using (var client = new TcpClient())
                {
                    client.Connect(a.Address!, 7000);
                    using var reader = new StreamReader(client.GetStream());
                    Assert.Equal($"you are {lab.Gateway}", reader.ReadLine());
                }

                // Nothing else answers: an address of the lab that no host has.
                var stray = b.Run($"timeout 3 bash -c 'exec 3<>/dev/tcp/{lab.Address(250)}/7000'");
                Assert.False(stray.Succeeded, stray.ToString());
            }

            // Disposed: the bridge, the links and the namespaces are gone.
            var links = Command.Run("ip", "-o", "link", "show");
            // Only this network's bridge: other tests' lab networks share the namespace and may be up meanwhile.
            Assert.DoesNotContain(bridge + ":", links.Output, StringComparison.Ordinal);
            var left = Directory.EnumerateDirectories("/proc").Select(d => Path.GetFileName(d))
                .Where(p => p.All(char.IsDigit))
                .Select(p => { try { return new FileInfo($"/proc/{p}/ns/net").LinkTarget; } catch (IOException) { return null; } })
                .Where(ns => ns is not null && namespaces.Contains(ns)).ToList();
            Assert.Empty(left);
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    [LabFact]
    public void A_namespace_with_a_route_out_is_refused()
    {
        // A namespace of the kernel's own with a default route, read as the lab reads its own.
        using var holder = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("unshare", "--net --fork --kill-child sleep 30")
        {
            UseShellExecute = false,
        })!;
        try
        {
            var deadline = DateTime.UtcNow.AddSeconds(10);
            int pid;
            while ((pid = Child(holder.Id)) == 0 && DateTime.UtcNow < deadline) Thread.Sleep(50);
            Assert.NotEqual(0, pid);
            Assert.Null(LabNetwork.RouteOut(pid));
            LabNetwork.InNamespace(pid, "link add out0 type veth peer name out1");
            LabNetwork.InNamespace(pid, "link set out1 up");
            LabNetwork.InNamespace(pid, "addr add 198.18.255.2/24 dev out0");
            LabNetwork.InNamespace(pid, "link set out0 up");
            LabNetwork.InNamespace(pid, "route add default via 198.18.255.1");
            var route = LabNetwork.RouteOut(pid);
            Assert.NotNull(route);
            Assert.Contains("out0", route);
        }
        finally
        {
            holder.Kill(entireProcessTree: true);
        }
    }

    private static int Child(int pid)
    {
        var children = File.ReadAllText($"/proc/{pid}/task/{pid}/children").Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return children.Length == 1 ? int.Parse(children[0], System.Globalization.CultureInfo.InvariantCulture) : 0;
    }

    // A one-line server: tells each client the address it came from, then closes.
    private const string Echo = """
        import socket, sys
        s = socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1); s.bind((sys.argv[1], int(sys.argv[2]))); s.listen()
        while True:
            c, peer = s.accept(); c.sendall(("you are %s\n" % peer[0]).encode()); c.close()
        """;
}

/// <summary>
/// A fact that needs a lab network: root, Debian 13's root, and a network namespace with no route out; skipped, with the
/// reason, where one is missing, unless MAILDSL_REQUIRE_DAEMONS=1 (CI, scripts/test.sh, which runs these tests under
/// <c>unshare --net</c>), where it runs and fails. Either way no lab network is made where a packet could leave the
/// machine: <see cref="LabNetwork.Create"/> refuses.
/// </summary>
public sealed class LabFactAttribute : FactAttribute
{
    /// <summary>Needs both targets' sandboxes and a lab network.</summary>
    public LabFactAttribute()
        => Skip = TargetSystems.SkipReason(new[] { Distro.Debian12, Distro.Debian13 }, new[] { "ip", "nsenter", "unshare" }, needsRoot: true)
            ?? (Environment.GetEnvironmentVariable("MAILDSL_REQUIRE_DAEMONS") == "1" ? null : LabNetwork.UnsafeReason());
}
