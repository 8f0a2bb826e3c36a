using System.Diagnostics;
using MailDsl.TestPlatform.Sandbox;

namespace MailDsl.TestPlatform.Tls;

/// <summary>
/// Let's Encrypt's ACME test server (Debian's pebble) on loopback, so that the real certbot issues and renews certificates
/// as it does against Let's Encrypt. Validation is switched off (<c>PEBBLE_VA_ALWAYS_VALID</c>, pebble's README): nothing
/// is dialled back, so no name needs to resolve. Its own TLS certificate is made here; certbot trusts it through
/// <c>REQUESTS_CA_BUNDLE</c>. Stopped (by its process id) on dispose.
/// </summary>
public sealed class Pebble : IDisposable
{
    private readonly Process _process;

    private Pebble(Process process, string folder, int port)
    {
        _process = process;
        Folder = folder;
        Port = port;
    }

    /// <summary>The folder of its files (shared into the sandboxes that run certbot).</summary>
    public string Folder { get; }

    /// <summary>The ACME port on 127.0.0.1.</summary>
    public int Port { get; }

    /// <summary>The ACME directory URL certbot is given as <c>--server</c>.</summary>
    public string Directory => "https://127.0.0.1:" + Port + "/dir";

    /// <summary>The certificate of pebble's own HTTPS listener, for <c>REQUESTS_CA_BUNDLE</c>.</summary>
    public string TlsCertificate => Path.Combine(Folder, "pebble-tls.crt");

    /// <summary>Why pebble cannot run here, or null.</summary>
    public static string? SkipReason() => File.Exists("/usr/bin/pebble") ? null : "pebble is not installed (apt-get install pebble)";

    /// <summary>Starts pebble with its files in <paramref name="folder"/>, on free loopback ports.</summary>
    public static Pebble Start(string folder)
    {
        System.IO.Directory.CreateDirectory(folder);
        var key = Path.Combine(folder, "pebble-tls.key");
        var certificate = Path.Combine(folder, "pebble-tls.crt");
        var made = Command.Run("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key, "-out", certificate, "-days", "30",
            "-subj", "/CN=pebble", "-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost");
        if (!made.Succeeded) throw new InvalidOperationException("openssl could not make pebble's certificate:\n" + made);
        var ports = PortReservations.Take(4);
        var config = Path.Combine(folder, "pebble.json");
        File.WriteAllText(config, "{\"pebble\":{\"listenAddress\":\"127.0.0.1:" + ports[0] + "\",\"managementListenAddress\":\"127.0.0.1:" + ports[1]
            + "\",\"certificate\":\"" + certificate + "\",\"privateKey\":\"" + key + "\",\"httpPort\":" + ports[2] + ",\"tlsPort\":" + ports[3]
            + ",\"ocspResponderURL\":\"\",\"externalAccountBindingRequired\":false}}");
        var start = new ProcessStartInfo("/usr/bin/pebble") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add("-config");
        start.ArgumentList.Add(config);
        start.Environment["PEBBLE_VA_ALWAYS_VALID"] = "1";
        start.Environment["PEBBLE_VA_NOSLEEP"] = "1";
        // Pebble rejects 5% of valid nonces by default to exercise clients' retries; certbot gives up on one (badNonce), and a
        // renewal test must not fail by lot.
        start.Environment["PEBBLE_WFE_NONCEREJECT"] = "0";
        var process = Process.Start(start) ?? throw new InvalidOperationException("pebble did not start");
        var pebble = new Pebble(process, folder, ports[0]);
        var log = new System.Text.StringBuilder();
        process.OutputDataReceived += (_, e) => { lock (log) log.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { lock (log) log.AppendLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (DateTime.UtcNow < deadline)
        {
            if (process.HasExited) break;
            try
            {
                using var client = new System.Net.Sockets.TcpClient();
                client.Connect("127.0.0.1", ports[0]);
                return pebble;
            }
            catch (System.Net.Sockets.SocketException)
            {
                Thread.Sleep(100);
            }
        }
        pebble.Dispose();
        lock (log) throw new InvalidOperationException("pebble did not answer on 127.0.0.1:" + ports[0] + ":\n" + log);
    }

    /// <summary>
    /// The certbot command (run as root inside a host) that issues the lineage <paramref name="lineage"/> for
    /// <paramref name="names"/> from this pebble, an RSA key, standalone on a free port (pebble validates nothing).
    /// </summary>
    public string Issue(string lineage, IEnumerable<string> names)
        => Certbot("certonly --cert-name " + Command.ShellQuote(lineage) + " " + string.Join(" ", names.Select(n => "-d " + Command.ShellQuote(n))) + " --key-type rsa");

    /// <summary>
    /// The certbot command that renews <paramref name="lineage"/> now, as its timer does when the certificate is due (a new
    /// key unless <paramref name="reuseKey"/>), running the deploy hooks; the random sleep of unattended renewals off.
    /// </summary>
    public string Renew(string lineage, bool reuseKey = false)
        => Certbot("renew --cert-name " + Command.ShellQuote(lineage) + " --force-renewal --no-random-sleep-on-renew" + (reuseKey ? " --reuse-key" : ""));

    private string Certbot(string arguments)
        => "REQUESTS_CA_BUNDLE=" + Command.ShellQuote(TlsCertificate) + " certbot " + arguments
            + " --non-interactive --agree-tos --register-unsafely-without-email --server " + Command.ShellQuote(Directory)
            + " --standalone --http-01-port " + PortReservations.Take(1)[0];

    /// <inheritdoc/>
    public void Dispose()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill();
                _process.WaitForExit(5000);
            }
        }
        catch (InvalidOperationException) { }
        _process.Dispose();
    }
}
