using System.Net;
using System.Net.Sockets;
using MailDsl.TestPlatform;
using MailDsl.TestPlatform.Sandbox;
using Xunit;

namespace MailDsl.Integration.Tests;

/// <summary>
/// The ports the platforms get are held against the other test processes (flock(1) is the other process here) and are
/// free to bind, below the kernel's ephemeral range.
/// </summary>
public sealed class PortReservationTests
{
    [Fact]
    public void A_taken_port_is_locked_against_other_processes_free_to_bind_and_never_handed_out_twice()
    {
        var first = PortReservations.Take(20);
        var second = PortReservations.Take(20);
        var all = first.Concat(second).ToList();

        Assert.Equal(all.Count, all.Distinct().Count());
        var ephemeral = int.Parse(File.ReadAllText("/proc/sys/net/ipv4/ip_local_port_range").Split('\t', ' ')[0]);
        Assert.All(all, port => Assert.InRange(port, 1024, ephemeral - 1));
        foreach (var port in all)
        {
            // Another process cannot take the lock while this one holds it.
            var other = Command.Run("flock", new[] { "--nonblock", "--conflict-exit-code", "75", Path.Combine(PortReservations.Folder, port.ToString()), "true" });
            Assert.True(other.ExitCode == 75, $"flock on port {port}'s file: {other}");
            using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            socket.Bind(new IPEndPoint(IPAddress.Loopback, port));
        }
    }

    [Fact]
    public void A_port_the_other_process_released_by_exiting_is_free_to_lock_again()
    {
        // flock(1) holds a file of the folder's kind only while it runs; when it has exited, the lock is gone with it.
        var file = Path.Combine(PortReservations.Folder, "not-a-port-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(PortReservations.Folder);
        try
        {
            var held = Command.Run("flock", new[] { "--nonblock", file, "true" });
            Assert.True(held.Succeeded, held.ToString());
            using var again = new FileStream(file, FileMode.Open, FileAccess.ReadWrite, FileShare.None);
            var refused = Command.Run("flock", new[] { "--nonblock", "--conflict-exit-code", "75", file, "true" });
            Assert.True(refused.ExitCode == 75, $"flock while this process holds {file}: {refused}");
        }
        finally
        {
            File.Delete(file);
        }
    }
}
