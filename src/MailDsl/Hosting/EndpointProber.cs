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
        /// <summary>Every TLS 1.2-and-below suite any OpenSSL MailDsl knows has, by code point: what a hello can offer.</summary>
        private static readonly IReadOnlyList<CipherSuite> AllSuites = CipherCatalog.All.SelectMany(c => c.Suites).GroupBy(s => s.Id).Select(g => g.First()).ToList();

        /// <summary>Every group any OpenSSL MailDsl knows has, by code point.</summary>
        private static readonly IReadOnlyList<KeyExchangeGroup> AllGroups = GroupCatalog.All.SelectMany(c => c.Groups).GroupBy(g => g.Id)
            .Select(g => g.First() with { Tls12 = g.Any(x => x.Tls12), Tls13 = g.Any(x => x.Tls13) }).ToList();

        private static readonly IReadOnlyList<int> AllSuiteIds = AllSuites.Select(s => s.Id).ToList();
        private static readonly IReadOnlyList<int> EcdheSuiteIds = AllSuites.Where(s => (s.KeyExchange & KeyExchange.Ecdhe) != 0).Select(s => s.Id).ToList();
        private static readonly IReadOnlyList<int> Tls12Groups = AllGroups.Where(g => g.Tls12 && g.Kind == GroupKind.EllipticCurve).Select(g => g.Id).ToList();
        private static readonly IReadOnlyList<int> Tls13Groups = AllGroups.Where(g => g.Tls13).Select(g => g.Id).ToList();

        /// <summary>What a plain-HTTP port is asked for: a path on the webmail, so the redirect can be followed by eye.</summary>
        internal const string RedirectProbePath = "/SOGo/?maildsl-probe=redirect";

        private const int BodyLimit = 256 * 1024;

        private readonly ProbeSettings _settings;
        private readonly IReadOnlyList<X509Certificate2> _trusted;

        /// <summary>A prober for <paramref name="settings"/>; its CA file must hold PEM certificates (else <see cref="FormatException"/>).</summary>
        public EndpointProber(ProbeSettings settings)
        {
            _settings = settings;
            _trusted = settings.CaFile is null ? Array.Empty<X509Certificate2>()
                : Certificates.Pem.Certificates(File.ReadAllText(settings.CaFile)).Select(der => new X509Certificate2(der)).ToList();
            // A file with no certificate would verify nothing and pass for the system's store.
            if (settings.CaFile is not null && _trusted.Count == 0) throw new FormatException("it holds no PEM certificate (-----BEGIN CERTIFICATE-----)");
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
            var (tls, failure, certificate, authBeforeTls) = await HandshakeAsync(first, endpoint).ConfigureAwait(false);
            if (tls is null) return observation with { TlsFailure = failure };
            HttpAnswer? page = null;
            using (tls)
                if (endpoint.WebmailPage is { } expected) page = await HttpAsync(tls, endpoint, expected.Path, first.Cancel).ConfigureAwait(false);

            var targetGroups = GroupCatalog.For(endpoint.OpenSsl);
            var protocols = new List<TlsVersion>();
            var groups = new List<int>();

            // The groups: every group not found yet offered, the server picks its next one, until it takes none; on TLS
            // 1.3 first, whose first answer also says whether the server speaks TLS 1.3 at all.
            async Task<List<int>> WalkGroupsAsync(TlsVersion version, IReadOnlyList<int> suites, IReadOnlyList<int> candidates)
            {
                var found = new List<int>();
                var offer = candidates.ToList();
                for (var i = 0; i < 64 && offer.Count > 0; i++)
                {
                    var answer = await AskAsync(endpoint, address, new HelloOffer(version, suites, offer), true).ConfigureAwait(false);
                    if (!answer.Accepted || answer.Version != version || answer.Group is not { } picked || !offer.Remove(picked)) break;
                    found.Add(picked);
                }
                return found;
            }
            var tls13Groups = await WalkGroupsAsync(TlsVersion.Tls13, Array.Empty<int>(), Tls13Groups).ConfigureAwait(false);
            if (tls13Groups.Count > 0)
            {
                protocols.Add(TlsVersion.Tls13);
                groups = tls13Groups;
            }

            // The server's order: offered every suite not chosen yet (the expected ones first, in their order, so a server
            // that follows the client's order shows the same), a server with its own order picks its next one. The first
            // answer also says whether the server speaks TLS 1.2.
            var suites = new List<string>();
            var catalog = CipherCatalog.For(endpoint.OpenSsl);
            var described = endpoint.Tls12Suites.Select(s => catalog.FindSuite(s.Name)?.Id).Where(id => id is not null).Select(id => id!.Value).ToList();
            var suiteOffer = described.Concat(AllSuiteIds.Where(id => !described.Contains(id))).ToList();
            for (var i = 0; i < 64 && suiteOffer.Count > 0; i++)
            {
                var answer = await AskAsync(endpoint, address, new HelloOffer(TlsVersion.Tls12, suiteOffer, Tls12Groups), false).ConfigureAwait(false);
                if (!answer.Accepted || answer.Version != TlsVersion.Tls12 || !suiteOffer.Remove(answer.Suite)) break;
                if (i == 0) protocols.Add(TlsVersion.Tls12);
                suites.Add(SuiteName(answer.Suite, catalog));
            }
            // Without TLS 1.3, the groups TLS 1.2's ECDHE suites take (offered alone, so a suite without a group cannot be chosen).
            if (tls13Groups.Count == 0 && protocols.Contains(TlsVersion.Tls12))
                groups = await WalkGroupsAsync(TlsVersion.Tls12, EcdheSuiteIds, Tls12Groups).ConfigureAwait(false);

            // TLS 1.1 and 1.0 in one hello (a server takes the newest it has up to 1.1); TLS 1.0 alone only when 1.1 was taken.
            var old = await AskAsync(endpoint, address, new HelloOffer(TlsVersion.Tls11, AllSuiteIds, Tls12Groups), false).ConfigureAwait(false);
            if (old.Accepted && old.Version is TlsVersion.Tls11 or TlsVersion.Tls10) protocols.Add(old.Version.Value);
            if (old.Accepted && old.Version == TlsVersion.Tls11
                && await AskAsync(endpoint, address, new HelloOffer(TlsVersion.Tls10, AllSuiteIds, Tls12Groups), false).ConfigureAwait(false) is { Accepted: true, Version: TlsVersion.Tls10 })
                protocols.Add(TlsVersion.Tls10);

            return observation with
            {
                Protocols = protocols.OrderBy(p => p).ToList(),
                Tls12Suites = suites,
                Groups = groups.Select(id => targetGroups.Groups.FirstOrDefault(g => g.Id == id)?.Name ?? AllGroups.FirstOrDefault(g => g.Id == id)?.Name ?? "0x" + id.ToString("x4", CultureInfo.InvariantCulture)).Distinct().ToList(),
                Certificate = certificate,
                WebmailPage = page,
                AuthBeforeTls = authBeforeTls,
            };
        }

        private static string SuiteName(int id, CipherCatalog target)
            => target.Suites.FirstOrDefault(s => s.Id == id)?.Name ?? AllSuites.FirstOrDefault(s => s.Id == id)?.Name ?? "0x" + id.ToString("X4", CultureInfo.InvariantCulture);

        /// <summary>One question on a connection of its own (after STARTTLS where the port has it).</summary>
        private async Task<HelloAnswer> AskAsync(ProbeEndpoint endpoint, string address, HelloOffer offer, bool wantGroup)
        {
            using var connection = await Connection.OpenAsync(address, endpoint.Port, _settings.Timeout).ConfigureAwait(false);
            if (connection.Failure is not null) return new HelloAnswer(false, null, 0, null, connection.Failure);
            if (endpoint.StartTlsProtocol is { } starttls && (await StartTlsAsync(connection, starttls, readAuth: false).ConfigureAwait(false)).Failure is { } refused)
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
        private async Task<(SslStream? Tls, string? Failure, ObservedCertificate? Certificate, string? AuthBeforeTls)> HandshakeAsync(Connection connection, ProbeEndpoint endpoint)
        {
            string? auth = null;
            if (endpoint.StartTlsProtocol is { } starttls)
            {
                var (refused, offered) = await StartTlsAsync(connection, starttls, readAuth: true).ConfigureAwait(false);
                if (refused is not null) return (null, refused, null, null);
                auth = offered;
            }
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
                    return (null, "handshake failed: no answer in " + _settings.Timeout.TotalSeconds + " s", null, null);
                }
                await task.ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is AuthenticationException or IOException or ObjectDisposedException or SocketException)
            {
                tls.Dispose();
                var messages = new List<string>();
                for (var e = (Exception?)ex; e is not null; e = e.InnerException) if (!messages.Contains(e.Message)) messages.Add(e.Message);
                return (null, "handshake failed: " + string.Join(": ", messages), null, null);
            }
            if (served is null) return (tls, null, null, auth);
            var chainError = _trusted.Count == 0
                ? (policyErrors & SslPolicyErrors.RemoteCertificateChainErrors) != 0 ? systemChainError ?? "does not verify against the system's CAs" : null
                : VerifyAgainstCaFile(served, intermediates);
            return (tls, null, Certificate(served, chainError), auth);
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

        /// <summary>
        /// The application protocol's STARTTLS dialogue up to the point TLS starts: null when the server agreed, else what
        /// it said; with <paramref name="readAuth"/>, what the cleartext capabilities offer for logging in before TLS
        /// (e.g. <c>250-AUTH PLAIN LOGIN</c>; empty when nothing, null when they could not be read).
        /// </summary>
        private static async Task<(string? Failure, string? Auth)> StartTlsAsync(Connection connection, string protocol, bool readAuth)
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
            // The lines up to and with the one <paramref name="last"/> accepts; null when the server closed before it.
            async Task<List<string>?> Until(Func<string, bool> last)
            {
                var lines = new List<string>();
                while (await Line().ConfigureAwait(false) is { } line)
                {
                    lines.Add(line);
                    if (last(line)) return lines;
                }
                return null;
            }
            static bool SmtpLast(string l) => l.Length < 4 || l[3] != '-';
            static (string?, string?) Agreed(List<string>? reply, string ok, string what, string? auth)
                => reply is { Count: > 0 } && reply[reply.Count - 1].StartsWith(ok, StringComparison.OrdinalIgnoreCase) ? (null, auth)
                    : (what + " refused: " + (reply is { Count: > 0 } ? reply[reply.Count - 1] : "the server closed the connection"), auth);
            try
            {
                string? auth = null;
                switch (protocol)
                {
                    case "smtp":
                        await Until(SmtpLast).ConfigureAwait(false);
                        await Send("EHLO probe.maildsl.invalid").ConfigureAwait(false);
                        var ehlo = await Until(SmtpLast).ConfigureAwait(false);
                        if (readAuth && ehlo is not null)
                            auth = string.Join(" ", ehlo.Where(l => l.Length > 4 && l.Substring(4).StartsWith("AUTH", StringComparison.OrdinalIgnoreCase)));
                        await Send("STARTTLS").ConfigureAwait(false);
                        return Agreed(await Until(SmtpLast).ConfigureAwait(false), "220", "STARTTLS", auth);
                    case "imap":
                        await Line().ConfigureAwait(false);
                        if (readAuth)
                        {
                            await Send("a CAPABILITY").ConfigureAwait(false);
                            if (await Until(l => l.StartsWith("a ", StringComparison.Ordinal)).ConfigureAwait(false) is { } caps)
                            {
                                var all = string.Join(" ", caps);
                                var offered = Regex.Matches(all, @"AUTH=\S+").Cast<Match>().Select(m => m.Value).ToList();
                                if (!all.Contains("LOGINDISABLED")) offered.Insert(0, "LOGIN");
                                auth = string.Join(" ", offered);
                            }
                        }
                        await Send("b STARTTLS").ConfigureAwait(false);
                        return Agreed(await Until(l => l.StartsWith("b ", StringComparison.Ordinal)).ConfigureAwait(false), "b OK", "STARTTLS", auth);
                    case "pop3":
                        await Line().ConfigureAwait(false);
                        if (readAuth)
                        {
                            await Send("CAPA").ConfigureAwait(false);
                            if (await Until(l => l == "." || l.StartsWith("-ERR", StringComparison.Ordinal)).ConfigureAwait(false) is { } capa)
                                auth = string.Join(" ", capa.Where(l => l.StartsWith("USER", StringComparison.Ordinal) || l.StartsWith("SASL", StringComparison.Ordinal) && l.Trim().Length > 4));
                        }
                        await Send("STLS").ConfigureAwait(false);
                        return Agreed(await Until(_ => true).ConfigureAwait(false), "+OK", "STLS", auth);
                    case "sieve":
                        var greeting = await Until(l => l.StartsWith("OK", StringComparison.Ordinal)).ConfigureAwait(false);
                        if (readAuth && greeting is not null)
                            auth = string.Join(" ", greeting.Where(l => l.StartsWith("\"SASL\"", StringComparison.Ordinal) && !l.Contains("\"SASL\" \"\"")));
                        await Send("STARTTLS").ConfigureAwait(false);
                        return Agreed(await Until(l => !l.StartsWith("\"", StringComparison.Ordinal)).ConfigureAwait(false), "OK", "STARTTLS", auth);
                    default:
                        return ("no STARTTLS dialogue for " + protocol, null);
                }
            }
            catch (Exception ex) when (ex is IOException or SocketException or ObjectDisposedException or OperationCanceledException)
            {
                return ("STARTTLS failed: " + (cancel.IsCancellationRequested ? "no answer in time" : ex.Message), null);
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
    }
}
