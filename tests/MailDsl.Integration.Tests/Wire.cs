using System.Net.Sockets;
using System.Text;

namespace MailDsl.Integration.Tests;

/// <summary>
/// A plain-text conversation with a server, line by line, to see exactly what it answers before TLS (MailKit would
/// refuse some of these commands itself, without asking the server). It connects from the test process's own address on
/// the lab (its gateway), never the server's: Dovecot treats a client whose address is the server's own as secure and
/// would allow plaintext logins.
/// </summary>
public sealed class Wire : IDisposable
{
    private readonly TcpClient _tcp;
    private readonly StreamReader _reader;
    private readonly Stream _stream;
    private readonly StringBuilder _transcript = new();

    /// <summary>Connects to <paramref name="address"/>:<paramref name="port"/> and reads the greeting.</summary>
    public Wire(System.Net.IPAddress address, int port)
    {
        _tcp = new TcpClient();
        _tcp.Connect(address, port);
        _tcp.ReceiveTimeout = 15000;
        _stream = _tcp.GetStream();
        _reader = new StreamReader(_stream, Encoding.ASCII);
        Greeting = ReadReply();
    }

    /// <summary>The server's greeting (all lines of a multi-line SMTP reply).</summary>
    public string Greeting { get; }

    /// <summary>The port this end of the connection has: what a server (or a PROXY header) names with the client's address.</summary>
    public int LocalPort => ((System.Net.IPEndPoint)_tcp.Client.LocalEndPoint!).Port;

    /// <summary>Everything sent (C:) and received (S:) so far, for assertion messages.</summary>
    public string Transcript => _transcript.ToString();

    /// <summary>Sends one line and returns the reply: every line of a multi-line SMTP reply, or up to the tagged IMAP one.</summary>
    public string Send(string line, string? imapTag = null)
    {
        _transcript.Append("C: ").AppendLine(line);
        var bytes = Encoding.ASCII.GetBytes(line + "\r\n");
        _stream.Write(bytes);
        return ReadReply(imapTag);
    }

    private string ReadReply(string? imapTag = null)
    {
        var reply = new StringBuilder();
        while (true)
        {
            var line = _reader.ReadLine() ?? throw new IOException("the server closed the connection:\n" + Transcript + reply);
            _transcript.Append("S: ").AppendLine(line);
            reply.AppendLine(line);
            var smtpContinues = line.Length > 3 && line[3] == '-' && char.IsDigit(line[0]);
            var imapContinues = imapTag is not null && !line.StartsWith(imapTag + " ", StringComparison.Ordinal);
            if (!smtpContinues && !imapContinues) return reply.ToString();
        }
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        _reader.Dispose();
        _tcp.Dispose();
    }
}
