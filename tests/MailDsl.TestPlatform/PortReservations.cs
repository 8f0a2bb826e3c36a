using System.Net;
using System.Net.Sockets;

namespace MailDsl.TestPlatform;

/// <summary>
/// Hands out loopback ports that no other test process holds. The test projects run side by side, each starting its
/// own daemons, and Postfix listens with SO_REUSEPORT: two Postfix instances given one port both bind it, and the kernel
/// splits the connections between them, so a test reaches the other project's daemon now and then (a certificate from
/// another CA, another banner). Asking the kernel for a free port does not prevent that: a port is free until a daemon
/// binds it, seconds later. So each port handed out is held by an exclusive lock on a file named after it, in a folder
/// every test process shares; the lock goes with the process that holds it, so a crashed run leaves nothing held.
/// </summary>
/// <remarks>
/// Ports come from below the kernel's ephemeral range, where no outgoing connection takes one between the pick and
/// the daemon's bind.
/// </remarks>
public static class PortReservations
{
    /// <summary>The folder of the lock files; fixed, so that every test process, whatever its TMPDIR, sees the same.</summary>
    public const string Folder = "/tmp/maildsl-test-ports";

    private const int Lowest = 20000;

    private static readonly Dictionary<int, FileStream> Held = new();
    private static readonly (int Lowest, int End) Span = Range();
    private static int? next;

    /// <summary>
    /// Takes <paramref name="count"/> ports on 127.0.0.1 that nothing listens on and no other test process holds; they
    /// stay held until this process exits.
    /// </summary>
    public static int[] Take(int count)
    {
        lock (Held)
        {
            var (lowest, end) = Span;
            if (next is null)
            {
                ShareFolder();
                next = Random.Shared.Next(lowest, end);
            }
            var taken = new List<int>(count);
            for (var tried = 0; taken.Count < count; tried++)
            {
                if (tried == end - lowest)
                    throw new InvalidOperationException($"no free loopback port left in {lowest}-{end - 1}: {Held.Count} held by this process, the rest held or bound elsewhere (see {Folder})");
                var port = next.Value;
                next = port + 1 == end ? lowest : port + 1;
                if (!Held.ContainsKey(port) && TryHold(port) is { } lockFile)
                {
                    if (Binds(port))
                    {
                        Held.Add(port, lockFile);
                        taken.Add(port);
                    }
                    else lockFile.Dispose();
                }
            }
            return taken.ToArray();
        }
    }

    // From 20000 to the start of the ephemeral range (32768 unless the machine says otherwise).
    private static (int Lowest, int End) Range()
    {
        var end = 32768;
        try
        {
            var first = File.ReadAllText("/proc/sys/net/ipv4/ip_local_port_range").Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)[0];
            if (int.TryParse(first, out var ephemeral) && ephemeral > Lowest + 1000) end = ephemeral;
        }
        catch (IOException)
        {
        }
        return (Lowest, end);
    }

    // Made by the first test process that needs it, sticky and writable by all as /tmp is: runs as different users share it.
    private static void ShareFolder()
    {
        if (Directory.Exists(Folder)) return;
        Directory.CreateDirectory(Folder);
        if (!OperatingSystem.IsWindows())
        {
            try { File.SetUnixFileMode(Folder, (UnixFileMode)Convert.ToInt32("1777", 8)); }
            catch (UnauthorizedAccessException) { }
        }
    }

    private static FileStream? TryHold(int port)
    {
        try
        {
            // On Linux, FileShare.None is an exclusive flock: refused while another process holds it, dropped when it exits.
            return new FileStream(Path.Combine(Folder, port.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static bool Binds(int port)
    {
        try
        {
            using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            socket.Bind(new IPEndPoint(IPAddress.Loopback, port));
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
