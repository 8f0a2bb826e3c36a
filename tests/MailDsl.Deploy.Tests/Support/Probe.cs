using System.Net.Sockets;
using System.Text;
using MailDsl.Model;
using MailDsl.TestPlatform.Tls;

namespace MailDsl.Deploy.Tests.Support;

/// <summary>What a client sees of the installed daemons, over loopback.</summary>
public static class Probe
{
    /// <summary>
    /// A TLS handshake with <c>openssl s_client</c> on <paramref name="endpoint"/> (after STARTTLS where it speaks it) that
    /// verifies the certificate presented against the test certificate and the host's name: the daemon answers over
    /// TLS with the platform's certificate.
    /// </summary>
    public static CommandResult Tls(TlsEndpoint endpoint, string certificate)
    {
        var args = new List<string>
        {
            "s_client", "-connect", "127.0.0.1:" + endpoint.Port, "-servername", endpoint.Host, "-brief",
            "-CAfile", certificate, "-verify_return_error", "-verify_hostname", endpoint.Host,
        };
        if (endpoint.OpenSslStartTls is { } starttls) args.AddRange(new[] { "-starttls", starttls });
        return Command.Run("openssl", args, timeout: TimeSpan.FromSeconds(30));
    }

    /// <summary>Whether <paramref name="result"/> is a completed handshake whose certificate verified.</summary>
    public static bool Verified(CommandResult result) => result.Succeeded && result.Output.Contains("Verification: OK", StringComparison.Ordinal);

    /// <summary>Every TLS endpoint of <paramref name="platform"/> served by <paramref name="host"/>.</summary>
    public static IReadOnlyList<TlsEndpoint> Endpoints(PlatformModel platform, string host)
        => TlsEndpoint.Of(platform).Where(e => e.Host == host).ToList();

    /// <summary>The SMTP greeting on 127.0.0.1:<paramref name="port"/>.</summary>
    public static string SmtpGreeting(int port)
    {
        using var client = new TcpClient();
        client.Connect("127.0.0.1", port);
        client.ReceiveTimeout = 10000;
        var stream = client.GetStream();
        var buffer = new byte[512];
        var read = stream.Read(buffer, 0, buffer.Length);
        return Encoding.ASCII.GetString(buffer, 0, read).TrimEnd();
    }

    /// <summary>
    /// The SMTP greeting on 127.0.0.1:<paramref name="port"/> once it contains <paramref name="expected"/>, or the last one
    /// seen after 15 s. <c>postfix reload</c> only signals the master, and smtpd processes started under the previous
    /// main.cf finish at their earliest convenience: a connection made the moment install.sh returns may still meet one.
    /// </summary>
    public static string SmtpGreetingAfterReload(int port, string expected)
    {
        for (var deadline = DateTime.UtcNow.AddSeconds(15); ; Thread.Sleep(200))
        {
            var greeting = SmtpGreeting(port);
            if (greeting.Contains(expected, StringComparison.Ordinal) || DateTime.UtcNow > deadline) return greeting;
        }
    }
}
