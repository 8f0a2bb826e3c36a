using System.Net.Security;
using System.Net.Sockets;
using System.Text;

namespace MailDsl.Integration.Tests.Clients;

/// <summary>
/// A ManageSieve client (RFC 5804) speaking exactly what a test needs: the greeting, STARTTLS (trusting only the
/// platform's certificate), AUTHENTICATE PLAIN, PUTSCRIPT with a non-synchronizing literal, SETACTIVE. Each call returns the
/// server's whole answer up to its OK, NO or BYE line.
/// </summary>
public sealed class ManageSieveClient : IDisposable
{
    private readonly TcpClient _tcp;
    private Stream _stream;
    private StreamReader _reader;
    private readonly StringBuilder _transcript = new();

    /// <summary>
    /// Connects to <paramref name="address"/>:<paramref name="port"/> and reads the capability greeting. (The test process's
    /// address is never the server's: Dovecot treats a client on its own address as secure and would take logins before TLS.)
    /// </summary>
    public ManageSieveClient(System.Net.IPAddress address, int port)
    {
        _tcp = new TcpClient();
        _tcp.Connect(address, port);
        _tcp.ReceiveTimeout = 15000;
        _stream = _tcp.GetStream();
        _reader = new StreamReader(_stream, Encoding.UTF8);
        Greeting = ReadResponse();
    }

    /// <summary>The greeting (capabilities, then OK).</summary>
    public string Greeting { get; }

    /// <summary>Everything sent (C:) and received (S:) so far; the password line is masked.</summary>
    public string Transcript => _transcript.ToString();

    /// <summary>Starts TLS, checking the server with <paramref name="trust"/>; returns the capabilities sent after it.</summary>
    public string StartTls(Func<System.Security.Cryptography.X509Certificates.X509Certificate?, bool> trust)
    {
        var answer = Command("STARTTLS");
        if (!answer.TrimEnd().Split('\n').Last().StartsWith("OK", StringComparison.Ordinal)) return answer;
        var tls = new SslStream(_stream, false, (_, certificate, _, _) => trust(certificate));
        tls.AuthenticateAsClient("store");
        _stream = tls;
        _reader = new StreamReader(_stream, Encoding.UTF8);
        return ReadResponse();
    }

    /// <summary>AUTHENTICATE "PLAIN" with an initial response.</summary>
    public string Authenticate(string user, string password)
    {
        var plain = Convert.ToBase64String(Encoding.UTF8.GetBytes("\0" + user + "\0" + password));
        return Command("AUTHENTICATE \"PLAIN\" \"" + plain + "\"", "AUTHENTICATE \"PLAIN\" (credentials)");
    }

    /// <summary>Uploads <paramref name="script"/> as <paramref name="name"/>.</summary>
    public string PutScript(string name, string script)
    {
        var bytes = Encoding.UTF8.GetByteCount(script);
        return Command($"PUTSCRIPT \"{name}\" {{{bytes}+}}\r\n{script}");
    }

    /// <summary>Makes <paramref name="name"/> the active script.</summary>
    public string SetActive(string name) => Command($"SETACTIVE \"{name}\"");

    private string Command(string line, string? shown = null)
    {
        _transcript.Append("C: ").AppendLine(shown ?? line);
        var bytes = Encoding.UTF8.GetBytes(line + "\r\n");
        _stream.Write(bytes);
        _stream.Flush();
        return ReadResponse();
    }

    private string ReadResponse()
    {
        var response = new StringBuilder();
        while (true)
        {
            var line = _reader.ReadLine() ?? throw new IOException("the server closed the connection:\n" + Transcript + response);
            _transcript.Append("S: ").AppendLine(line);
            response.AppendLine(line);
            if (line.StartsWith("OK", StringComparison.Ordinal) || line.StartsWith("NO", StringComparison.Ordinal) || line.StartsWith("BYE", StringComparison.Ordinal))
                return response.ToString();
        }
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        _reader.Dispose();
        _tcp.Dispose();
    }
}
