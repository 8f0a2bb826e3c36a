using System.Diagnostics;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using MailDsl.Hosting;
using MailDsl.Model;
using MailDsl.Probing;

namespace MailDsl.Benchmarks;

/// <summary>
/// The `probe` mode of scripts/bench/probe.sh: the synthetic platform (<see cref="EmitFloor.Describe"/>, the same
/// description the generator and emit benchmarks use) at each size given, every endpoint <see cref="ProbePlan"/> lists
/// answered by a stand-in on loopback (each host and VIP its own 127.1.x.y address, the described ports): implicit TLS, or
/// the protocol's STARTTLS dialogue then TLS, offering exactly the endpoint's expected protocols and suites, with one
/// certificate for every name. Then the real `probe` verb (<see cref="PlatformHost.Run(string[], Func{Platform}, TextWriter?, TextWriter?)"/>)
/// runs against it once per size, and the wall time, the connections it made and the ratios between sizes are printed.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public static class ProbeBench
{
    public static int Run(string[] args)
    {
        if (Environment.UserName != "root")
        {
            Console.Error.WriteLine("probe bench: the stand-ins listen on the described ports (25, 443, 465, 587, 993, 995): run it as root.");
            return 2;
        }
        var sizes = args.Length > 0 ? args.Select(int.Parse).ToArray() : new[] { 10, 100 };
        var work = Directory.CreateTempSubdirectory("maildsl-probe-bench-");
        try
        {
            var rows = new List<(int Hosts, int Endpoints, double Seconds, double Cpu, int Connections, string Summary)>();
            foreach (var hosts in sizes) rows.Add(Measure(hosts, work.FullName));
            Console.WriteLine();
            Console.WriteLine($"probe, one run per size, stand-ins on loopback, {Environment.ProcessorCount} cores:");
            Console.WriteLine("hosts  endpoints  seconds  CPU s  connections  CPU ms/endpoint  summary");
            foreach (var r in rows)
                Console.WriteLine($"{r.Hosts,5}  {r.Endpoints,9}  {r.Seconds,7:0.0}  {r.Cpu,5:0.0}  {r.Connections,11}  {1000 * r.Cpu / r.Endpoints,15:0}  {r.Summary}");
            for (var i = 1; i < rows.Count; i++)
                Console.WriteLine($"{rows[i].Hosts} vs {rows[0].Hosts} hosts: {rows[i].Endpoints / (double)rows[0].Endpoints:0.0}x the endpoints took "
                    + $"{rows[i].Seconds / rows[0].Seconds:0.0}x the wall time and {rows[i].Cpu / rows[0].Cpu:0.0}x the CPU time");
            return 0;
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }

    // This process's CPU time and its waited-for children's (openssl processes, which the probe no longer starts), from /proc/self/stat, in seconds: the
    // cost on a machine shared with other work, where the wall time mostly measures the others.
    private static double CpuSeconds()
    {
        var fields = File.ReadAllText("/proc/self/stat").Split(')')[1].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        // After the command name: state is field 3, so utime, stime, cutime, cstime (14-17) are at 11-14 here.
        return fields.Skip(11).Take(4).Sum(f => double.Parse(f, System.Globalization.CultureInfo.InvariantCulture)) / 100.0;
    }

    private static (int, int, double, double, int, string) Measure(int hosts, string work)
    {
        var describe = () => EmitFloor.Describe(hosts, EmitFloor.Ciphers);
        var endpoints = ProbePlan.Of(describe().Build());
        var names = endpoints.Select(e => e.Host).Distinct(StringComparer.Ordinal).ToList();
        var address = names.Select((n, i) => (n, $"127.1.{i / 250}.{i % 250 + 1}")).ToDictionary(p => p.n, p => p.Item2, StringComparer.Ordinal);

        var dir = Path.Combine(work, hosts.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Directory.CreateDirectory(dir);
        var (certificateFile, certificate) = MakeCertificate(dir, names, address.Values);
        using var standIns = new StandIns(certificate);
        foreach (var e in endpoints) standIns.Start(IPAddress.Parse(address[e.Host]), e);

        var args = new List<string> { "probe", "--ca", certificateFile, "--timeout", "5" };
        foreach (var (name, ip) in address) args.AddRange(new[] { "--resolve", name + "=" + ip });
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var cpu = CpuSeconds();
        var clock = Stopwatch.StartNew();
        var exit = PlatformHost.Run(args.ToArray(), describe, stdout, stderr);
        var seconds = clock.Elapsed.TotalSeconds;
        cpu = CpuSeconds() - cpu;
        var lines = stdout.ToString().Split('\n');
        // Which checks differ, and how often: the stand-ins offer OpenSSL's default groups (SslStream cannot narrow them),
        // so "groups" differs on every TLS endpoint; anything else is a stand-in or a timeout worth a look.
        var differing = lines.Where(l => l.StartsWith("differs", StringComparison.Ordinal))
            .Select(l => l.Split("  ", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)[2])
            .GroupBy(c => c).OrderByDescending(g => g.Count()).Select(g => $"{g.Key} {g.Count()}");
        var summary = (lines.LastOrDefault(l => l.Contains("probed with", StringComparison.Ordinal))?.Trim() ?? $"exit {exit}: {stderr.ToString().Trim()}")
            + " (" + string.Join(", ", differing) + ")";
        if (Environment.GetEnvironmentVariable("PROBE_BENCH_TABLE") == "1") Console.WriteLine(stdout.ToString() + stderr);
        Console.WriteLine($"{hosts} hosts: {endpoints.Count} endpoints, {seconds:0.0} s, {cpu:0.0} CPU s, exit {exit}: {summary}");
        return (hosts, endpoints.Count, seconds, cpu, standIns.Connections, summary);
    }

    private static (string File, X509Certificate2 Certificate) MakeCertificate(string dir, IReadOnlyList<string> names, IEnumerable<string> addresses)
    {
        var crt = Path.Combine(dir, "standin.crt");
        var key = Path.Combine(dir, "standin.key");
        var san = string.Join(",", names.Select(n => "DNS:" + n).Concat(addresses.Select(a => "IP:" + a)));
        var openssl = Process.Start(new ProcessStartInfo("openssl")
        {
            ArgumentList = { "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key, "-out", crt, "-days", "365", "-subj", "/CN=" + names[0], "-addext", "subjectAltName=" + san },
            RedirectStandardError = true,
        })!;
        var error = openssl.StandardError.ReadToEnd();
        openssl.WaitForExit();
        if (openssl.ExitCode != 0) throw new InvalidOperationException("openssl req failed: " + error);
        using var pem = X509Certificate2.CreateFromPemFile(crt, key);
        // SslStream on Linux wants a key it can hand to OpenSSL: a PKCS#12 round trip gives one.
        return (crt, X509CertificateLoader.LoadPkcs12(pem.Export(X509ContentType.Pkcs12), null));
    }

    /// <summary>One listener per endpoint; each connection speaks the endpoint's STARTTLS dialogue, if any, then TLS.</summary>
    private sealed class StandIns(X509Certificate2 certificate) : IDisposable
    {
        private readonly List<TcpListener> _listeners = new();
        private readonly CancellationTokenSource _stop = new();
        private int _connections;

        public int Connections => _connections;

        public void Start(IPAddress address, ProbeEndpoint endpoint)
        {
            var listener = new TcpListener(address, endpoint.Port);
            listener.Server.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
            listener.Start(512);
            _listeners.Add(listener);
            var options = Options(endpoint);
            _ = Task.Run(async () =>
            {
                while (!_stop.IsCancellationRequested)
                {
                    TcpClient client;
                    try { client = await listener.AcceptTcpClientAsync(_stop.Token); }
                    catch (Exception) { return; }
                    Interlocked.Increment(ref _connections);
                    _ = Task.Run(() => Serve(client, endpoint, options));
                }
            });
        }

        // Exactly what the endpoint should offer: its protocols, and its TLS 1.2 suites (by their standard names) with TLS 1.3's.
        private SslServerAuthenticationOptions Options(ProbeEndpoint endpoint)
        {
            var protocols = SslProtocols.None;
            foreach (var v in endpoint.Protocols)
                protocols |= v switch { TlsVersion.Tls13 => SslProtocols.Tls13, TlsVersion.Tls12 => SslProtocols.Tls12, _ => SslProtocols.None };
            var suites = endpoint.Tls12Suites.Select(s => StandardName(s.Name)).OfType<TlsCipherSuite>()
                .Concat(new[] { TlsCipherSuite.TLS_AES_128_GCM_SHA256, TlsCipherSuite.TLS_AES_256_GCM_SHA384, TlsCipherSuite.TLS_CHACHA20_POLY1305_SHA256 });
            return new SslServerAuthenticationOptions
            {
                ServerCertificate = certificate,
                EnabledSslProtocols = protocols == SslProtocols.None ? SslProtocols.Tls12 | SslProtocols.Tls13 : protocols,
                CipherSuitesPolicy = new CipherSuitesPolicy(suites),
            };
        }

        private static readonly Lazy<Dictionary<string, string>> StandardNames = new(() =>
        {
            // OpenSSL's names to the standard (IANA) ones .NET's enum uses, as this machine's OpenSSL maps them.
            var p = Process.Start(new ProcessStartInfo("openssl", "ciphers -stdname ALL:@SECLEVEL=0") { RedirectStandardOutput = true })!;
            var map = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var line in p.StandardOutput.ReadToEnd().Split('\n'))
            {
                var parts = line.Split(" - ", 2, StringSplitOptions.TrimEntries);
                if (parts.Length == 2) map[parts[1].Split(' ')[0]] = parts[0];
            }
            p.WaitForExit();
            return map;
        });

        private static TlsCipherSuite? StandardName(string openSslName)
            => StandardNames.Value.TryGetValue(openSslName, out var standard) && Enum.TryParse<TlsCipherSuite>(standard, out var suite) ? suite : null;

        private static async Task Serve(TcpClient client, ProbeEndpoint endpoint, SslServerAuthenticationOptions options)
        {
            using (client)
            {
                try
                {
                    using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
                    var stream = client.GetStream();
                    if (!endpoint.UsesTls)
                    {
                        if (endpoint.Redirect is { } redirect)
                        {
                            // nginx's HTTP server: the same name and path, over HTTPS.
                            var (path, host) = await RequestHead(stream, timeout.Token);
                            await Answer(stream, $"{redirect.Status} Moved Permanently\r\nLocation: {redirect.Location(host.Split(':')[0], path)}", "", timeout.Token);
                        }
                        else await stream.ReadAtLeastAsync(new byte[1], 1, throwOnEndOfStream: false, timeout.Token);
                        return;
                    }
                    if (endpoint.StartTlsProtocol is { } protocol && !await StartTls(stream, protocol, timeout.Token)) return;
                    using var tls = new SslStream(stream);
                    await tls.AuthenticateAsServerAsync(options, timeout.Token);
                    if (endpoint.WebmailPage is { } page)
                    {
                        // nginx's HTTPS server in front of SOGo: the login page, with the HSTS header.
                        await RequestHead(tls, timeout.Token);
                        await Answer(tls, "200 OK" + (page.StrictTransportSecurity is { } hsts ? "\r\nStrict-Transport-Security: " + hsts : ""),
                            $"<html><head><title>SOGo</title></head><body {page.Marker}>stand-in</body></html>", timeout.Token);
                    }
                    else await tls.ReadAtLeastAsync(new byte[1], 1, throwOnEndOfStream: false, timeout.Token);
                }
                catch (Exception)
                {
                    // A probe that ends a handshake early, or one that fails as intended: nothing to serve.
                }
            }
        }

        // An HTTP request's path and Host header (the head only: a GET has no body).
        private static async Task<(string Path, string Host)> RequestHead(Stream stream, CancellationToken token)
        {
            var reader = new StreamReader(stream, Encoding.ASCII, false, 1, leaveOpen: true);
            var path = (await reader.ReadLineAsync(token))?.Split(' ') is { Length: >= 2 } request ? request[1] : "/";
            var host = "";
            while (await reader.ReadLineAsync(token) is { Length: > 0 } header)
                if (header.StartsWith("Host:", StringComparison.OrdinalIgnoreCase)) host = header.Substring(5).Trim();
            return (path, host);
        }

        private static async Task Answer(Stream stream, string statusAndHeaders, string body, CancellationToken token)
            => await stream.WriteAsync(Encoding.ASCII.GetBytes($"HTTP/1.1 {statusAndHeaders}\r\nContent-Length: {body.Length}\r\nConnection: close\r\n\r\n{body}"), token);

        // The server's side of the STARTTLS dialogue s_client and the probe's AUTH check speak; true once TLS is to start.
        private static async Task<bool> StartTls(NetworkStream stream, string protocol, CancellationToken token)
        {
            var reader = new StreamReader(stream, Encoding.ASCII, false, 1, leaveOpen: true);
            async Task Say(string text) => await stream.WriteAsync(Encoding.ASCII.GetBytes(text), token);
            await Say(protocol switch
            {
                "smtp" => "220 standin.invalid ESMTP\r\n",
                "imap" => "* OK [CAPABILITY IMAP4rev1 STARTTLS LOGINDISABLED] stand-in ready\r\n",
                "pop3" => "+OK stand-in ready\r\n",
                _ => "\"IMPLEMENTATION\" \"stand-in\"\r\n\"STARTTLS\"\r\nOK \"ready\"\r\n",
            });
            while (await reader.ReadLineAsync(token) is { } line)
            {
                var words = line.Split(' ');
                var verb = (protocol == "imap" && words.Length > 1 ? words[1] : words[0]).ToUpperInvariant();
                var tag = protocol == "imap" ? words[0] + " " : "";
                switch (protocol, verb)
                {
                    case ("smtp", "EHLO" or "HELO"): await Say("250-standin.invalid\r\n250-PIPELINING\r\n250 STARTTLS\r\n"); break;
                    case ("smtp", "STARTTLS"): await Say("220 2.0.0 Ready to start TLS\r\n"); return true;
                    case ("imap", "CAPABILITY"): await Say("* CAPABILITY IMAP4rev1 STARTTLS LOGINDISABLED\r\n" + tag + "OK done\r\n"); break;
                    case ("imap", "STARTTLS"): await Say(tag + "OK Begin TLS\r\n"); return true;
                    case ("pop3", "CAPA"): await Say("+OK\r\nSTLS\r\n.\r\n"); break;
                    case ("pop3", "STLS"): await Say("+OK Begin TLS\r\n"); return true;
                    case (_, "STARTTLS"): await Say("OK \"Begin TLS\"\r\n"); return true;
                    case (_, "QUIT" or "LOGOUT"): await Say(protocol == "imap" ? "* BYE\r\n" + tag + "OK\r\n" : protocol == "smtp" ? "221 bye\r\n" : "+OK bye\r\n"); return false;
                    default: await Say(protocol == "imap" ? tag + "BAD no\r\n" : protocol == "smtp" ? "502 5.5.2 no\r\n" : "-ERR no\r\n"); break;
                }
            }
            return false;
        }

        public void Dispose()
        {
            _stop.Cancel();
            foreach (var l in _listeners) l.Stop();
            certificate.Dispose();
        }
    }
}
