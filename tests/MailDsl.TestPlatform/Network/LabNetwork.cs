using System.Globalization;
using System.Net;
using MailDsl.TestPlatform.Sandbox;

namespace MailDsl.TestPlatform.Network;

/// <summary>
/// A private network for test hosts: a Linux bridge in the test process's own network namespace, one /24 of RFC 2544's
/// benchmarking range (198.18.0.0/15, never routed on the Internet) on it, the test process's own address first, and a
/// veth pair into each host's network namespace. Test hosts reach each other and the test process over it, each with an
/// address of its own, as servers on a real network do; the test process is their only client.
/// <para>
/// Safety first: the network is made only in a network namespace with no route out (no default route, IPv4 or IPv6),
/// such as the one <c>unshare --net</c> gives the test run (scripts/test.sh runs the test projects that need it so). There,
/// a packet for an address that is not a test host's has nowhere to go, before, during and after the tests: nothing a
/// test does can reach another machine. Everything made goes with that namespace, and disposing removes it sooner.
/// </para>
/// </summary>
public sealed class LabNetwork : IDisposable
{
    /// <summary>The folder of the lock files that keep two networks in one namespace on different subnets.</summary>
    public const string LockFolder = "/tmp/maildsl-test-labs";

    private readonly FileStream _lock;
    private readonly object _gate = new();
    private readonly List<string> _links = new();
    private int _nextHost = 10;
    private int _nextLink;
    private bool _disposed;

    private LabNetwork(int index, FileStream held)
    {
        Index = index;
        _lock = held;
        Bridge = "mdsl-br" + index.ToString(CultureInfo.InvariantCulture);
        Gateway = Address(1);
    }

    /// <summary>Which /24 of 198.18.0.0/15 the network has (0-511).</summary>
    public int Index { get; }

    /// <summary>The bridge's name in the test process's namespace.</summary>
    public string Bridge { get; }

    /// <summary>The test process's own address on the network (.1): where test hosts see their clients come from.</summary>
    public IPAddress Gateway { get; }

    /// <summary>The subnet's prefix length.</summary>
    public const int PrefixLength = 24;

    /// <summary>The network in CIDR notation, e.g. <c>198.18.3.0/24</c>.</summary>
    public string Cidr => Address(0) + "/" + PrefixLength.ToString(CultureInfo.InvariantCulture);

    /// <summary>
    /// Why this process cannot make a lab network here; null when it can: the namespace has no route out, and
    /// <c>ip</c> is installed and usable (root). Not relaxed by MAILDSL_REQUIRE_DAEMONS: a test that would reach beyond
    /// the machine must not run at all.
    /// </summary>
    public static string? UnsafeReason()
    {
        if (!OperatingSystem.IsLinux()) return "a lab network needs Linux network namespaces";
        if (Environment.UserName != "root") return "a lab network needs root (a bridge and veth pairs in network namespaces)";
        if (!Command.Exists("ip")) return "a lab network needs ip (Debian package iproute2)";
        var route = RouteOut(Environment.ProcessId);
        return route is null ? null
            : $"this network namespace has a route out ({route}): test hosts get addresses of their own only in a namespace with none, so that no packet can leave the machine. Run the tests under `unshare --net` with loopback up, as scripts/test.sh does: unshare --net bash -c 'ip link set lo up && dotnet test ...'";
    }

    /// <summary>Makes a new network: a bridge on a subnet no other lab network in this namespace uses. Throws where <see cref="UnsafeReason"/> says why not.</summary>
    public static LabNetwork Create()
    {
        if (UnsafeReason() is { } why) throw new InvalidOperationException(why);
        Directory.CreateDirectory(LockFolder);
        // One lock file per subnet, per network namespace: another namespace's lab is a world apart and may reuse it.
        var ns = new FileInfo("/proc/self/ns/net").LinkTarget ?? "net";
        var tag = new string(ns.Where(char.IsDigit).ToArray());
        for (var index = 0; index < 512; index++)
        {
            var path = Path.Combine(LockFolder, $"{tag}-{index}");
            FileStream held;
            try
            {
                held = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException)
            {
                continue; // another network of this namespace has it
            }
            var network = new LabNetwork(index, held);
            try
            {
                network.Ip($"link add {network.Bridge} type bridge");
                network.Ip($"addr add {network.Gateway}/{PrefixLength} dev {network.Bridge}");
                network.Ip($"link set {network.Bridge} up");
                return network;
            }
            catch
            {
                network.Dispose();
                throw;
            }
        }
        throw new InvalidOperationException($"all 512 lab subnets of 198.18.0.0/15 are in use in this network namespace (see {LockFolder})");
    }

    /// <summary>The address with host part <paramref name="host"/> (0-255) on this network.</summary>
    public IPAddress Address(int host)
    {
        if (host is < 0 or > 255) throw new ArgumentOutOfRangeException(nameof(host), host, "a host part is 0-255 on a /24");
        return new IPAddress(new byte[] { 198, (byte)(18 + Index / 256), (byte)(Index % 256), (byte)host });
    }

    /// <summary>A new address on the network no host or VIP was given yet (from .10 up).</summary>
    public IPAddress Allocate()
    {
        lock (_gate)
        {
            if (_nextHost > 254) throw new InvalidOperationException($"no address left on {Cidr}");
            return Address(_nextHost++);
        }
    }

    /// <summary>
    /// Connects the network namespace of process <paramref name="pid"/> (a sandbox host's first process) to the network
    /// as <c>eth0</c> with <paramref name="address"/>, and brings its loopback up. The host gets no default route: it
    /// reaches the network and nothing else.
    /// </summary>
    public void Attach(int pid, IPAddress address)
    {
        string outside;
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            outside = $"mdsl{Index}v{_nextLink++}";
            _links.Add(outside);
        }
        var inside = outside + "p";
        var p = pid.ToString(CultureInfo.InvariantCulture);
        Ip($"link add {outside} type veth peer name {inside}");
        Ip($"link set {outside} master {Bridge} up");
        Ip($"link set {inside} netns {p}");
        InNamespace(pid, $"link set {inside} name eth0");
        InNamespace(pid, $"addr add {address}/{PrefixLength} dev eth0");
        InNamespace(pid, "link set eth0 up");
        InNamespace(pid, "link set lo up");
    }

    /// <summary>Runs <c>ip</c> with <paramref name="arguments"/> in the network namespace of <paramref name="pid"/>; throws with what it said on failure.</summary>
    public static void InNamespace(int pid, string arguments)
    {
        var args = new List<string> { "-t", pid.ToString(CultureInfo.InvariantCulture), "--net", "--", "ip" };
        args.AddRange(arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries));
        var result = Command.Run("nsenter", args);
        if (!result.Succeeded) throw new InvalidOperationException($"ip {arguments} in the network namespace of {pid} failed:\n{result}");
    }

    /// <summary>Removes the bridge and the host links still there (a host's namespace takes its end with it), and frees the subnet.</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed) return;
            _disposed = true;
        }
        foreach (var link in _links) Command.Run("ip", "link", "del", link); // gone already when its host ended
        Command.Run("ip", "link", "del", Bridge);
        _lock.Dispose();
    }

    private void Ip(string arguments)
    {
        var result = Command.Run("ip", arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries));
        if (!result.Succeeded) throw new InvalidOperationException($"ip {arguments} failed:\n{result}");
    }

    /// <summary>
    /// The first route out of the network namespace of process <paramref name="pid"/>, as the kernel lists it (a default
    /// route, IPv4 or IPv6), or null when it has none.
    /// </summary>
    public static string? RouteOut(int pid)
    {
        var proc = "/proc/" + pid.ToString(CultureInfo.InvariantCulture) + "/net/";
        foreach (var line in File.ReadLines(proc + "route").Skip(1))
        {
            var fields = line.Split('\t', StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length > 7 && fields[1] == "00000000" && fields[7] == "00000000") return "IPv4 default route via " + fields[0];
        }
        if (File.Exists(proc + "ipv6_route"))
        {
            foreach (var line in File.ReadLines(proc + "ipv6_route"))
            {
                var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                // destination ::/0, not the kernel's unreachable placeholder on lo
                if (fields.Length > 9 && fields[0] == new string('0', 32) && fields[1] == "00" && fields[9] != "lo") return "IPv6 default route via " + fields[9];
            }
        }
        return null;
    }
}
