using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.RegularExpressions;
using System.Threading;
using System.Threading.Tasks;
using MailDsl.Model;
using MailDsl.Probing;
using MailDsl.Tls.Catalog;

namespace MailDsl.Hosting
{
    /// <summary>How <c>probe</c> reaches endpoints: names pinned to addresses, the CA to verify against, timeouts.</summary>
    /// <param name="Resolve">Names dialled at a given address instead of the resolver's (<c>--resolve NAME=ADDRESS</c>).</param>
    /// <param name="CaFile">The CA certificates (PEM) chains are verified against, or null for the system's store.</param>
    /// <param name="Timeout">How long one connection or handshake may take.</param>
    internal sealed record ProbeSettings(IReadOnlyDictionary<string, string> Resolve, string? CaFile, TimeSpan Timeout);

    /// <summary>
    /// Probes an endpoint in-process. The questions (which versions, which TLS 1.2 suites in the server's order, which
    /// groups) are asked with bare ClientHellos and answered by the server's ServerHello (<see cref="TlsHello"/>): one
    /// round trip each, no key exchange, any code point offered. One full handshake per TLS endpoint, by .NET's
    /// <see cref="SslStream"/> (the system's OpenSSL on Linux, as the daemons link), proves a real client gets through,
    /// reads the certificate and, on the webmail, carries the HTTP request for SOGo's login page. The older way, an
    /// <c>openssl s_client</c> process per question (about 16 an endpoint, 20 ms of CPU each), cost 200 s for 100 hosts.
    /// </summary>
    internal sealed class EndpointProber
    {
        private static readonly TlsVersion[] Versions = { TlsVersion.Tls10, TlsVersion.Tls11, TlsVersion.Tls12, TlsVersion.Tls13 };

        /// <summary>Every TLS 1.2-and-below suite any OpenSSL MailDsl knows has, by code point: what a hello can offer.</summary>
        private static readonly IReadOnlyList<CipherSuite> AllSuites = CipherCatalog.All.SelectMany(c => c.Suites).GroupBy(s => s.Id).Select(g => g.First()).ToList();

        /// <summary>Every group any OpenSSL MailDsl knows has, by code point.</summary>
        private static readonly IReadOnlyList<KeyExchangeGroup> AllGroups = GroupCatalog.All.SelectMany(c => c.Groups).GroupBy(g => g.Id)
            .Select(g => g.First() with { Tls12 = g.Any(x => x.Tls12), Tls13 = g.Any(x => x.Tls13) }).ToList();

        private static readonly IReadOnlyList<int> Tls12Groups = AllGroups.Where(g => g.Tls12 && g.Kind == GroupKind.EllipticCurve).Select(g => g.Id).ToList();
        private static readonly IReadOnlyList<int> Tls13Groups = AllGroups.Where(g => g.Tls13).Select(g => g.Id).ToList();

        /// <summary>What a plain-HTTP port is asked for: a path on the webmail, so the redirect can be followed by eye.</summary>
        internal const string RedirectProbePath = "/SOGo/?maildsl-probe=redirect";

        private const int BodyLimit = 256 * 1024;

        private readonly ProbeSettings _settings;
        private readonly IReadOnlyList<X509Certificate2> _trusted;

        /// <summary>A prober for <paramref name="settings"/>; its CA file must hold PEM certificates.</summary>
        public EndpointProber(ProbeSettings settings)
        {
            _settings = settings;
            _trusted = settings.CaFile is null ? Array.Empty<X509Certificate2>()
                : Regex.Matches(File.ReadAllText(settings.CaFile), "-----BEGIN CERTIFICATE-----(.*?)-----END CERTIFICATE-----", RegexOptions.Singleline)
                    .Cast<Match>().Select(m => new X509Certificate2(Convert.FromBase64String(Regex.Replace(m.Groups[1].Value, @"\s", "")))).ToList();
        }

        /// <summary>How the table says the endpoints were probed.</summary>
        public static string Description => "TLS hellos and .NET SslStream";

        /// <summary>Everything the probe can learn at <paramref name="endpoint"/>, each step after the one it needs.</summary>
        public async Task<ProbeObservation> ObserveAsync(ProbeEndpoint endpoint)
        {
            var observation = new ProbeObservation(endpoint);
            var address = _settings.Resolve.TryGetValue(endpoint.Host, out var pinned) ? pinned : endpoint.Host;
            using var first = await Connection.OpenAsync(address, endpoint.Port, _settings.Timeout).ConfigureAwait(false);
            if (first.Failure is not null) return observation with { Unreachable = first.Failure };
            if (!endpoint.UsesTls)
            {
                if (endpoint.Redirect is null) return observation;
                return observation with { PlainHttp = await HttpAsync(first.Stream!, endpoint, RedirectProbePath, first.Cancel).ConfigureAwait(false) };
            }

            // The one full handshake: the certificate, and the webmail's page over it.
            var (tls, failure, certificate) = await HandshakeAsync(first, endpoint).ConfigureAwait(false);
            if (tls is null) return observation with { TlsFailure = failure };
            HttpAnswer? page = null;
            using (tls)
                if (endpoint.WebmailPage is { } expected) page = await HttpAsync(tls, endpoint, expected.Path, first.Cancel).ConfigureAwait(false);

            var protocols = new List<TlsVersion>();
            foreach (var version in Versions)
            {
                var answer = await AskAsync(endpoint, address, new HelloOffer(version, AllSuites.Select(s => s.Id).ToList(), version == TlsVersion.Tls13 ? Tls13Groups : Tls12Groups), false).ConfigureAwait(false);
                if (answer.Accepted && answer.Version == version) protocols.Add(version);
            }

            // The server's order: offered every suite not chosen yet (the expected ones first, in their order, so a server
            // that follows the client's order shows the same), a server with its own order picks its next one.
            var suites = new List<string>();
            if (protocols.Contains(TlsVersion.Tls12))
            {
                var catalog = CipherCatalog.For(endpoint.OpenSsl);
                var expected = endpoint.Tls12Suites.Select(s => catalog.FindSuite(s.Name)?.Id).Where(id => id is not null).Select(id => id!.Value).ToList();
                var offer = expected.Concat(AllSuites.Select(s => s.Id).Where(id => !expected.Contains(id))).ToList();
                for (var i = 0; i < 64 && offer.Count > 0; i++)
                {
                    var answer = await AskAsync(endpoint, address, new HelloOffer(TlsVersion.Tls12, offer, Tls12Groups), false).ConfigureAwait(false);
                    if (!answer.Accepted || answer.Version != TlsVersion.Tls12 || !offer.Remove(answer.Suite)) break;
                    suites.Add(SuiteName(answer.Suite, catalog));
                }
            }

            // The groups: offered every group not found yet, the server picks its next one, until it takes none; on the
            // newest protocol it speaks (on TLS 1.2 with ECDHE suites only, so a suite without a group cannot be chosen).
            var groups = new List<string>();
            var tls13 = protocols.Contains(TlsVersion.Tls13);
            if (tls13 || protocols.Contains(TlsVersion.Tls12))
            {
                var targetGroups = GroupCatalog.For(endpoint.OpenSsl);
                var ecdhe = AllSuites.Where(s => (s.KeyExchange & KeyExchange.Ecdhe) != 0).Select(s => s.Id).ToList();
                var offer = (tls13 ? Tls13Groups : Tls12Groups).ToList();
                for (var i = 0; i < 64 && offer.Count > 0; i++)
                {
                    var answer = await AskAsync(endpoint, address, new HelloOffer(tls13 ? TlsVersion.Tls13 : TlsVersion.Tls12, ecdhe, offer), true).ConfigureAwait(false);
                    if (!answer.Accepted || answer.Group is not { } picked || !offer.Remove(picked)) break;
                    groups.Add(targetGroups.Groups.FirstOrDefault(g => g.Id == picked)?.Name ?? AllGroups.FirstOrDefault(g => g.Id == picked)?.Name ?? "0x" + picked.ToString("x4", CultureInfo.InvariantCulture));
                }
            }

            return observation with
            {
                Protocols = protocols,
                Tls12Suites = suites,
                Groups = groups.Distinct().ToList(),
                Certificate = certificate,
                WebmailPage = page,
                AuthBeforeTls = endpoint.StartTlsProtocol is null ? null : await AuthBeforeTlsAsync(endpoint, address).ConfigureAwait(false),
            };
        }

        private static string SuiteName(int id, CipherCatalog target)
            => target.Suites.FirstOrDefault(s => s.Id == id)?.Name ?? AllSuites.FirstOrDefault(s => s.Id == id)?.Name ?? "0x" + id.ToString("X4", CultureInfo.InvariantCulture);

        /// <summary>One question on a connection of its own (after STARTTLS where the port has it).</summary>
        private async Task<HelloAnswer> AskAsync(ProbeEndpoint endpoint, string address, HelloOffer offer, bool wantGroup)
        {
            using var connection = await Connection.OpenAsync(address, endpoint.Port, _settings.Timeout).ConfigureAwait(false);
            if (connection.Failure is not null) return new HelloAnswer(false, null, 0, null, connection.Failure);
            if (endpoint.StartTlsProtocol is { } starttls && await StartTlsAsync(connection, starttls).ConfigureAwait(false) is { } refused)
                return new HelloAnswer(false, null, 0, null, refused);
            try
            {
                return await TlsHello.AskAsync(connection.Stream!, offer, endpoint.Host, wantGroup, connection.Cancel).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return new HelloAnswer(false, null, 0, null, "no answer in " + _settings.Timeout.TotalSeconds + " s");
            }
        }

        /// <summary>A TCP connection closed when disposed or when its time is up (which ends any read or write on it).</summary>
        private sealed class Connection : IDisposable
        {
            private readonly TcpClient? _client;
            private readonly CancellationTokenSource _timeout;
            private readonly CancellationTokenRegistration _close;

            private Connection(TcpClient? client, string? failure, CancellationTokenSource timeout)
            {
                _client = client;
                Failure = failure;
                _timeout = timeout;
                Stream = failure is null ? client?.GetStream() : null;
                if (client is not null) _close = timeout.Token.Register(client.Dispose);
            }

            public string? Failure { get; }
            public NetworkStream? Stream { get; }
            public CancellationToken Cancel => _timeout.Token;

            public static async Task<Connection> OpenAsync(string address, int port, TimeSpan timeout)
            {
                var cts = new CancellationTokenSource(timeout);
                var client = new TcpClient(IPAddress.TryParse(address, out var ip) ? ip.AddressFamily : AddressFamily.InterNetwork);
                try
                {
                    var connect = ip is not null ? client.ConnectAsync(ip, port) : client.ConnectAsync(address, port);
                    if (await Task.WhenAny(connect, Task.Delay(timeout)).ConfigureAwait(false) != connect)
                    {
                        client.Dispose();
                        _ = connect.ContinueWith(t => t.Exception, TaskScheduler.Default);
                        return new Connection(null, "no answer in " + timeout.TotalSeconds + " s", cts);
                    }
                    await connect.ConfigureAwait(false);
                    return new Connection(client, null, cts);
                }
                catch (SocketException ex)
                {
                    client.Dispose();
                    return new Connection(null, ex.SocketErrorCode switch
                    {
                        SocketError.ConnectionRefused => "connection refused",
                        SocketError.HostNotFound or SocketError.TryAgain or SocketError.NoData => "the resolver does not know the name (give --resolve NAME=ADDRESS)",
                        _ => ex.Message,
                    }, cts);
                }
            }

            public void Dispose()
            {
                _close.Dispose();
                _client?.Dispose();
                _timeout.Dispose();
            }
        }

        /// <summary>
        /// The full handshake by SslStream with the system's defaults (as a mail client or browser would connect), on
        /// <paramref name="connection"/> after STARTTLS where the port has it; the certificate it served, judged against
        /// the CA file.
        /// </summary>
        private async Task<(SslStream? Tls, string? Failure, ObservedCertificate? Certificate)> HandshakeAsync(Connection connection, ProbeEndpoint endpoint)
        {
            if (endpoint.StartTlsProtocol is { } starttls && await StartTlsAsync(connection, starttls).ConfigureAwait(false) is { } refused)
                return (null, refused, null);
            X509Certificate2? served = null;
            var intermediates = new List<X509Certificate2>();
            SslPolicyErrors policyErrors = SslPolicyErrors.None;
            string? systemChainError = null;
            var tls = new SslStream(connection.Stream!, false, (_, certificate, chain, errors) =>
            {
                if (certificate is not null) served = new X509Certificate2(certificate);
                if (chain is not null)
                {
                    foreach (var element in chain.ChainElements.Cast<X509ChainElement>().Skip(1)) intermediates.Add(new X509Certificate2(element.Certificate));
                    systemChainError = ChainError(chain.ChainStatus, ignoreUntrustedRoot: false);
                }
                policyErrors = errors;
                return true; // judged below and by the certificate checks, not by refusing the handshake
            });
            try
            {
                var task = tls.AuthenticateAsClientAsync(endpoint.Host, null, SslProtocols.None, false);
                if (await Task.WhenAny(task, Task.Delay(Timeout.Infinite, connection.Cancel)).ConfigureAwait(false) != task)
                {
                    _ = task.ContinueWith(t => t.Exception, TaskScheduler.Default);
                    tls.Dispose();
                    return (null, "handshake failed: no answer in " + _settings.Timeout.TotalSeconds + " s", null);
                }
                await task.ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is AuthenticationException or IOException or ObjectDisposedException or SocketException)
            {
                tls.Dispose();
                var messages = new List<string>();
                for (var e = (Exception?)ex; e is not null; e = e.InnerException) if (!messages.Contains(e.Message)) messages.Add(e.Message);
                return (null, "handshake failed: " + string.Join(": ", messages), null);
            }
            if (served is null) return (tls, null, null);
            var chainError = _trusted.Count == 0
                ? (policyErrors & SslPolicyErrors.RemoteCertificateChainErrors) != 0 ? systemChainError ?? "does not verify against the system's CAs" : null
                : VerifyAgainstCaFile(served, intermediates);
            return (tls, null, Certificate(served, chainError));
        }

        /// <summary>Why <paramref name="leaf"/> does not chain to a certificate of the CA file (with the intermediates the server sent), or null when it does.</summary>
        private string? VerifyAgainstCaFile(X509Certificate2 leaf, IReadOnlyList<X509Certificate2> intermediates)
        {
            using var chain = new X509Chain();
            chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
            chain.ChainPolicy.VerificationFlags = X509VerificationFlags.AllowUnknownCertificateAuthority;
            foreach (var c in _trusted.Concat(intermediates)) chain.ChainPolicy.ExtraStore.Add(c);
            chain.Build(leaf);
            var elements = chain.ChainElements.Cast<X509ChainElement>().Select(e => e.Certificate).ToList();
            var root = elements.Last();
            if (!_trusted.Any(t => t.RawData.SequenceEqual(root.RawData)))
                return "unable to get local issuer certificate (issued by " + elements.Last().Issuer + ", not by the trusted CA)";
            return ChainError(chain.ChainStatus, ignoreUntrustedRoot: true);
        }

        private static string? ChainError(X509ChainStatus[] status, bool ignoreUntrustedRoot)
        {
            var errors = status.Where(s => s.Status != X509ChainStatusFlags.NoError && !(ignoreUntrustedRoot && s.Status == X509ChainStatusFlags.UntrustedRoot))
                .Select(s => string.IsNullOrWhiteSpace(s.StatusInformation) ? s.Status.ToString() : s.StatusInformation.Trim()).Distinct().ToList();
            return errors.Count == 0 ? null : string.Join("; ", errors);
        }

        /// <summary>The application protocol's STARTTLS dialogue up to the point TLS starts; null when the server agreed, else what it said.</summary>
        private static async Task<string?> StartTlsAsync(Connection connection, string protocol)
        {
            var stream = connection.Stream!;
            var cancel = connection.Cancel;
            async Task Send(string line)
            {
                var bytes = Encoding.ASCII.GetBytes(line + "\r\n");
                await stream.WriteAsync(bytes, 0, bytes.Length, cancel).ConfigureAwait(false);
            }
            // Byte by byte: nothing after the server's last line may be read, it is the start of TLS.
            async Task<string?> Line()
            {
                var line = new StringBuilder();
                var one = new byte[1];
                while (await stream.ReadAsync(one, 0, 1, cancel).ConfigureAwait(false) == 1)
                {
                    if (one[0] == '\n') return line.ToString().TrimEnd('\r');
                    if (line.Length < 4096) line.Append((char)one[0]);
                }
                return null;
            }
            async Task<string?> Until(Func<string, bool> last)
            {
                while (await Line().ConfigureAwait(false) is { } line)
                    if (last(line)) return line;
                return null;
            }
            static bool SmtpLast(string l) => l.Length < 4 || l[3] != '-';
            try
            {
                string? reply;
                switch (protocol)
                {
                    case "smtp":
                        await Until(SmtpLast).ConfigureAwait(false);
                        await Send("EHLO probe.maildsl.invalid").ConfigureAwait(false);
                        await Until(SmtpLast).ConfigureAwait(false);
                        await Send("STARTTLS").ConfigureAwait(false);
                        reply = await Until(SmtpLast).ConfigureAwait(false);
                        return reply is not null && reply.StartsWith("220", StringComparison.Ordinal) ? null : "STARTTLS refused: " + (reply ?? "the server closed the connection");
                    case "imap":
                        await Line().ConfigureAwait(false);
                        await Send("a STARTTLS").ConfigureAwait(false);
                        reply = await Until(l => l.StartsWith("a ", StringComparison.Ordinal)).ConfigureAwait(false);
                        return reply is not null && reply.StartsWith("a OK", StringComparison.OrdinalIgnoreCase) ? null : "STARTTLS refused: " + (reply ?? "the server closed the connection");
                    case "pop3":
                        await Line().ConfigureAwait(false);
                        await Send("STLS").ConfigureAwait(false);
                        reply = await Line().ConfigureAwait(false);
                        return reply is not null && reply.StartsWith("+OK", StringComparison.Ordinal) ? null : "STLS refused: " + (reply ?? "the server closed the connection");
                    case "sieve":
                        await Until(l => l.StartsWith("OK", StringComparison.Ordinal)).ConfigureAwait(false);
                        await Send("STARTTLS").ConfigureAwait(false);
                        reply = await Until(l => !l.StartsWith("\"", StringComparison.Ordinal)).ConfigureAwait(false);
                        return reply is not null && reply.StartsWith("OK", StringComparison.OrdinalIgnoreCase) ? null : "STARTTLS refused: " + (reply ?? "the server closed the connection");
                    default:
                        return "no STARTTLS dialogue for " + protocol;
                }
            }
            catch (Exception ex) when (ex is IOException or SocketException or ObjectDisposedException or OperationCanceledException)
            {
                return "STARTTLS failed: " + (cancel.IsCancellationRequested ? "no answer in time" : ex.Message);
            }
        }

        /// <summary>
        /// One HTTP/1.1 GET of <paramref name="pathAndQuery"/> on <paramref name="stream"/> (plain, or the TLS session),
        /// naming the endpoint's host as a browser would; the answer's status, Location, HSTS and body.
        /// </summary>
        private static async Task<HttpAnswer> HttpAsync(Stream stream, ProbeEndpoint endpoint, string pathAndQuery, CancellationToken cancel)
        {
            var host = endpoint.Host.Contains(":") ? "[" + endpoint.Host + "]" : endpoint.Host;
            var defaultPort = endpoint.UsesTls ? 443 : 80;
            var request = "GET " + pathAndQuery + " HTTP/1.1\r\nHost: " + host + (endpoint.Port == defaultPort ? "" : ":" + endpoint.Port)
                + "\r\nUser-Agent: maildsl-probe\r\nAccept: text/html\r\nConnection: close\r\n\r\n";
            try
            {
                var bytes = Encoding.ASCII.GetBytes(request);
                await stream.WriteAsync(bytes, 0, bytes.Length, cancel).ConfigureAwait(false);
                var received = new MemoryStream();
                var buffer = new byte[16384];
                int n;
                while (received.Length < BodyLimit + 65536 && (n = await stream.ReadAsync(buffer, 0, buffer.Length, cancel).ConfigureAwait(false)) > 0)
                    received.Write(buffer, 0, n);
                return HttpParse.Answer(pathAndQuery, received.ToArray(), BodyLimit);
            }
            catch (Exception ex) when (ex is IOException or SocketException or ObjectDisposedException or OperationCanceledException)
            {
                return new HttpAnswer(pathAndQuery, 0, null, null, "", "no HTTP answer: " + (cancel.IsCancellationRequested ? "none in time" : ex.Message));
            }
        }

        private static ObservedCertificate Certificate(X509Certificate2 cert, string? chainError)
        {
            var names = SubjectAlternativeNames(cert);
            if (names.Count == 0) names.Add(cert.GetNameInfo(X509NameType.SimpleName, false));
            var keyType = cert.PublicKey.Oid.Value switch
            {
                "1.2.840.10045.2.1" => Authentication.Ecdsa,
                "1.2.840.10040.4.1" => Authentication.Dss,
                _ => Authentication.Rsa,
            };
            using var sha = SHA256.Create();
            var hash = BitConverter.ToString(sha.ComputeHash(cert.PublicKey.EncodedKeyValue.RawData)).Replace("-", "").Substring(0, 16).ToLowerInvariant();
            return new ObservedCertificate(cert.Subject, names, cert.NotAfter.ToUniversalTime(), keyType, "sha256:" + hash, chainError);
        }

        /// <summary>The DNS names and IP addresses of the subjectAltName extension (RFC 5280: GeneralNames, [2] and [7]).</summary>
        private static List<string> SubjectAlternativeNames(X509Certificate2 cert)
        {
            var names = new List<string>();
            var ext = cert.Extensions.Cast<X509Extension>().FirstOrDefault(x => x.Oid?.Value == "2.5.29.17");
            if (ext is null) return names;
            var d = ext.RawData;
            var i = 0;
            if (d.Length < 2 || d[i++] != 0x30) return names;
            var end = Length(d, ref i) + i;
            while (i < end && i < d.Length)
            {
                var tag = d[i++];
                var len = Length(d, ref i);
                if (tag == 0x82) names.Add(Encoding.ASCII.GetString(d, i, len));
                else if (tag == 0x87 && (len == 4 || len == 16)) names.Add(new IPAddress(d.Skip(i).Take(len).ToArray()).ToString());
                i += len;
            }
            return names;
        }

        private static int Length(byte[] d, ref int i)
        {
            int first = d[i++];
            if (first < 0x80) return first;
            var n = first & 0x7f;
            var len = 0;
            for (var k = 0; k < n; k++) len = (len << 8) | d[i++];
            return len;
        }

        /// <summary>What the cleartext greeting offers for logging in before STARTTLS: "" when nothing, null when it could not be read.</summary>
        private async Task<string?> AuthBeforeTlsAsync(ProbeEndpoint endpoint, string address)
        {
            try
            {
                using var client = new TcpClient(IPAddress.TryParse(address, out var ip) ? ip.AddressFamily : AddressFamily.InterNetwork);
                var connect = ip is not null ? client.ConnectAsync(ip, endpoint.Port) : client.ConnectAsync(address, endpoint.Port);
                if (await Task.WhenAny(connect, Task.Delay(_settings.Timeout)) != connect) return null;
                using var stream = client.GetStream();
                using var cts = new CancellationTokenSource(_settings.Timeout);
                var reader = new StreamReader(stream, Encoding.ASCII);
                var writer = new StreamWriter(stream, Encoding.ASCII) { NewLine = "\r\n", AutoFlush = true };
                async Task<List<string>> ReadUntil(Func<string, bool> last)
                {
                    var lines = new List<string>();
                    while (true)
                    {
                        var read = reader.ReadLineAsync();
                        if (await Task.WhenAny(read, Task.Delay(_settings.Timeout)) != read) return lines;
                        var line = await read;
                        if (line is null) return lines;
                        lines.Add(line);
                        if (last(line)) return lines;
                    }
                }
                switch (endpoint.StartTlsProtocol)
                {
                    case "smtp":
                        await ReadUntil(l => l.Length > 3 && l[3] == ' ');
                        await writer.WriteLineAsync("EHLO probe.maildsl.invalid");
                        var ehlo = await ReadUntil(l => l.Length > 3 && l[3] == ' ');
                        await writer.WriteLineAsync("QUIT");
                        return string.Join(" ", ehlo.Where(l => l.Length > 4 && l.Substring(4).StartsWith("AUTH", StringComparison.OrdinalIgnoreCase)));
                    case "imap":
                        await ReadUntil(_ => true);
                        await writer.WriteLineAsync("a CAPABILITY");
                        var caps = string.Join(" ", await ReadUntil(l => l.StartsWith("a ", StringComparison.Ordinal)));
                        await writer.WriteLineAsync("b LOGOUT");
                        var auth = Regex.Matches(caps, @"AUTH=\S+").Cast<Match>().Select(m => m.Value).ToList();
                        if (!caps.Contains("LOGINDISABLED")) auth.Insert(0, "LOGIN");
                        return string.Join(" ", auth);
                    case "pop3":
                        await ReadUntil(_ => true);
                        await writer.WriteLineAsync("CAPA");
                        var capa = await ReadUntil(l => l == ".");
                        await writer.WriteLineAsync("QUIT");
                        return string.Join(" ", capa.Where(l => l.StartsWith("USER", StringComparison.Ordinal) || l.StartsWith("SASL", StringComparison.Ordinal) && l.Trim().Length > 4));
                    case "sieve":
                        var greeting = await ReadUntil(l => l.StartsWith("OK", StringComparison.Ordinal));
                        await writer.WriteLineAsync("LOGOUT");
                        return string.Join(" ", greeting.Where(l => l.StartsWith("\"SASL\"", StringComparison.Ordinal) && !l.Contains("\"SASL\" \"\"")));
                    default:
                        return null;
                }
            }
            catch (Exception ex) when (ex is IOException or SocketException or ObjectDisposedException)
            {
                return null;
            }
        }
    }
}
