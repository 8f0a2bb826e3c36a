using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace MailDsl.Render.Tests.Support;

/// <summary>What a PostgreSQL client sent first on one connection.</summary>
/// <param name="AskedTls">It sent SSLRequest (libpq does unless sslmode is disable).</param>
/// <param name="Parameters">The StartupMessage's parameters (user, database, ...) when it started without TLS; empty otherwise.</param>
/// <param name="Remote">Which loopback address it came in on.</param>
public sealed record PostgresHello(bool AskedTls, IReadOnlyDictionary<string, string> Parameters, IPAddress Remote);

/// <summary>
/// A listener on 127.0.0.1 and ::1 that speaks the first message of PostgreSQL's protocol, so a real client (libpq inside
/// Postfix, psql) shows how it read its connection URI: whether it asks for TLS first (SSLRequest), and, without TLS, the
/// user and database of its StartupMessage. To SSLRequest it answers 'S', so libpq goes on to set TLS up and says which root
/// certificate file it looks for (it never gets further: nothing here speaks TLS). Nothing leaves loopback.
/// </summary>
public sealed class PostgresWire : IDisposable
{
    private readonly List<TcpListener> _listeners = new();
    private readonly CancellationTokenSource _stop = new();

    /// <summary>Listens on <paramref name="port"/> of both loopback addresses.</summary>
    public PostgresWire(int port)
    {
        Port = port;
        foreach (var address in new[] { IPAddress.Loopback, IPAddress.IPv6Loopback })
        {
            var listener = new TcpListener(address, port);
            if (address.AddressFamily == AddressFamily.InterNetworkV6) listener.Server.DualMode = false;
            listener.Start();
            _listeners.Add(listener);
            _ = Task.Run(() => Accept(listener));
        }
    }

    /// <summary>The port.</summary>
    public int Port { get; }

    /// <summary>Every connection's first message, in arrival order.</summary>
    public ConcurrentQueue<PostgresHello> Seen { get; } = new();

    private async Task Accept(TcpListener listener)
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try { client = await listener.AcceptTcpClientAsync(_stop.Token); }
            catch (Exception) { return; }
            _ = Task.Run(() => Serve(client));
        }
    }

    private async Task Serve(TcpClient client)
    {
        using (client)
        {
            try
            {
                var stream = client.GetStream();
                var remote = ((IPEndPoint)client.Client.RemoteEndPoint!).Address;
                var head = await Read(stream, 8);
                var length = BinaryPrimitives.ReadInt32BigEndian(head);
                var code = BinaryPrimitives.ReadInt32BigEndian(head.AsSpan(4));
                if (length == 8 && code == 80877103)
                {
                    Seen.Enqueue(new PostgresHello(true, new Dictionary<string, string>(), remote));
                    await stream.WriteAsync(new[] { (byte)'S' });
                    await stream.FlushAsync();
                    await Task.Delay(500);
                    return;
                }
                var body = await Read(stream, length - 8);
                var parts = Encoding.UTF8.GetString(body).Split('\0');
                var parameters = new Dictionary<string, string>(StringComparer.Ordinal);
                for (var i = 0; i + 1 < parts.Length && parts[i].Length > 0; i += 2) parameters[parts[i]] = parts[i + 1];
                Seen.Enqueue(new PostgresHello(false, parameters, remote));
            }
            catch (Exception) { }
        }
    }

    private static async Task<byte[]> Read(NetworkStream stream, int count)
    {
        var buffer = new byte[count];
        var read = 0;
        while (read < count)
        {
            var n = await stream.ReadAsync(buffer.AsMemory(read));
            if (n == 0) throw new EndOfStreamException();
            read += n;
        }
        return buffer;
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        _stop.Cancel();
        foreach (var listener in _listeners) listener.Stop();
    }
}
