using System.Text.RegularExpressions;
using MailDsl.TestPlatform.Sandbox;

namespace MailDsl.TestPlatform.Tls;

/// <summary>
/// What happened on the wire when <c>openssl s_client -msg</c> tried one handshake: whether it sent its ClientHello,
/// whether the server answered with a ServerHello, and what was agreed. The transcript is OpenSSL's own.
/// </summary>
/// <param name="ClientHelloSent">The client got as far as sending its hello (so a refusal is the server's).</param>
/// <param name="ServerHelloReceived">The server answered with a ServerHello.</param>
/// <param name="Protocol">The agreed protocol (TLSv1.2, TLSv1.3), or null when no handshake completed.</param>
/// <param name="Cipher">The agreed suite's OpenSSL name, or null when no handshake completed.</param>
/// <param name="Transcript">What s_client printed.</param>
public sealed record Handshake(bool ClientHelloSent, bool ServerHelloReceived, string? Protocol, string? Cipher, string Transcript)
{
    /// <summary>Whether a handshake completed.</summary>
    public bool Completed => Cipher is not null;

    /// <summary>A one-line account for assertion messages, with the transcript's message lines.</summary>
    public override string ToString() => (Completed ? $"completed: {Protocol} {Cipher}" : "no handshake")
        + "\n" + string.Join("\n", Transcript.Split('\n').Where(l => l.StartsWith(">>>", StringComparison.Ordinal) || l.StartsWith("<<<", StringComparison.Ordinal) || l.Contains("error", StringComparison.Ordinal)));
}

/// <summary>Tries handshakes against a running endpoint with <c>openssl s_client</c>, the authority on what a client gets.</summary>
public static partial class OpenSslProbe
{
    /// <summary>
    /// One handshake offering only <paramref name="version"/> (an s_client flag such as <c>-tls1_1</c>, or null for
    /// the client's defaults) and, if given, only <paramref name="cipher"/> (TLS 1.2 and below). The client's own
    /// security level is lowered to 0, so that whatever is refused is refused by the server.
    /// </summary>
    public static Handshake Try(TlsEndpoint endpoint, string? version = null, string? cipher = null)
    {
        var args = new List<string> { "s_client", "-connect", endpoint.Target, "-servername", endpoint.Host, "-msg" };
        if (endpoint.OpenSslStartTls is { } starttls) args.AddRange(new[] { "-starttls", starttls });
        if (version is not null) args.Add(version);
        args.AddRange(new[] { "-cipher", (cipher ?? "DEFAULT") + ":@SECLEVEL=0" });
        var run = Command.Run("openssl", args, timeout: TimeSpan.FromSeconds(30));
        var output = run.Output;
        var agreed = Agreed().Match(output);
        var completed = agreed.Success && agreed.Groups[1].Value != "(NONE)";
        return new Handshake(
            output.Contains(", ClientHello", StringComparison.Ordinal),
            Regex.IsMatch(output, @"^<<< .*ServerHello", RegexOptions.Multiline),
            completed ? agreed.Groups[1].Value : null,
            completed ? agreed.Groups[2].Value : null,
            run.ToString());
    }

    [GeneratedRegex(@"^New, (\S+), Cipher is (\S+)", RegexOptions.Multiline)]
    private static partial Regex Agreed();
}
