using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.RegularExpressions;
using System.Threading;
using System.Threading.Tasks;
using MailDsl.Model;
using MailDsl.Probing;
using MailDsl.Targets;
using MailDsl.Tls.Catalog;

namespace MailDsl.Hosting
{
    /// <summary>How <c>probe</c> reaches endpoints: names pinned to addresses, the CA to verify against, timeouts.</summary>
    /// <param name="Resolve">Names dialled at a given address instead of the resolver's (<c>--resolve NAME=ADDRESS</c>).</param>
    /// <param name="CaFile">The CA certificates chains are verified against, or null for OpenSSL's default store.</param>
    /// <param name="Timeout">How long one connection or handshake may take.</param>
    internal sealed record ProbeSettings(IReadOnlyDictionary<string, string> Resolve, string? CaFile, TimeSpan Timeout);

    /// <summary>
    /// Probes an endpoint with <c>openssl s_client</c>, one handshake per question: the daemons link OpenSSL, and only
    /// OpenSSL's own client can offer exactly one protocol version, one suite list or one group (and speak STARTTLS for
    /// SMTP, IMAP, POP3 and ManageSieve) on every OS .NET runs on; .NET's SslStream cannot choose groups, nor suites
    /// outside Linux, nor speak STARTTLS. The certificate is read by .NET from the PEM s_client prints.
    /// </summary>
    internal sealed class OpenSslProber
    {
        private static readonly TlsVersion[] Versions = { TlsVersion.Tls10, TlsVersion.Tls11, TlsVersion.Tls12, TlsVersion.Tls13 };
        private readonly ProbeSettings _settings;
        private readonly GroupCatalog _clientGroups;

        private OpenSslProber(ProbeSettings settings, SoftwareVersion clientOpenSsl)
        {
            _settings = settings;
            ClientOpenSsl = clientOpenSsl;
            _clientGroups = GroupCatalog.For(clientOpenSsl);
        }

        /// <summary>The version of the <c>openssl</c> on PATH that probes.</summary>
        public SoftwareVersion ClientOpenSsl { get; }

        /// <summary>A prober using the <c>openssl</c> on PATH, or null after saying on <paramref name="error"/> why there is none.</summary>
        public static OpenSslProber? Create(ProbeSettings settings, TextWriter error)
        {
            var run = Run(new[] { "version" }, TimeSpan.FromSeconds(10)).GetAwaiter().GetResult();
            var match = Regex.Match(run.Output, @"OpenSSL (\d+\.\d+\.\d+)");
            if (!run.Ok || !match.Success || SoftwareVersion.TryParse(match.Groups[1].Value) is not { } version)
            {
                error.WriteLine("probe: no usable openssl on PATH (`openssl version` said: " + run.Output.Trim() + "); install OpenSSL 3.");
                return null;
            }
            return new OpenSslProber(settings, version);
        }

        /// <summary>Everything the probe can learn at <paramref name="endpoint"/>, each step after the one it needs.</summary>
        public async Task<ProbeObservation> ObserveAsync(ProbeEndpoint endpoint)
        {
            var observation = new ProbeObservation(endpoint);
            var address = _settings.Resolve.TryGetValue(endpoint.Host, out var pinned) ? pinned : endpoint.Host;
            if (await ConnectAsync(address, endpoint.Port) is { } unreachable) return observation with { Unreachable = unreachable };
            if (!endpoint.UsesTls) return observation;

            // Without -brief: only the full output carries the certificates.
            var first = await HandshakeAsync(endpoint, address, "-showcerts");
            if (!first.Established) return observation with { TlsFailure = first.Failure };
            var certificate = Certificate(first);

            var protocols = new List<TlsVersion>();
            foreach (var version in Versions)
                if ((await HandshakeAsync(endpoint, address, Flag(version), "-cipher", "ALL:@SECLEVEL=0")).Established) protocols.Add(version);

            // The server's order: offered every suite not chosen yet, a server with its own order picks its next one.
            var suites = new List<string>();
            if (protocols.Contains(TlsVersion.Tls12))
            {
                for (var i = 0; i < 64; i++)
                {
                    var offered = "ALL:COMPLEMENTOFALL" + string.Concat(suites.Select(s => ":!" + s)) + ":@SECLEVEL=0";
                    var h = await HandshakeAsync(endpoint, address, "-tls1_2", "-cipher", offered);
                    if (!h.Established || h.Cipher is null || suites.Contains(h.Cipher)) break;
                    suites.Add(h.Cipher);
                }
            }

            // The groups: offered every group the client knows but those found, the server picks its next one, until it
            // takes none; on the newest protocol it speaks (on TLS 1.2 with ECDHE suites only, so a suite without a group
            // cannot make the handshake succeed).
            var notKnown = endpoint.Groups.Where(g => _clientGroups.Find(g) is null).ToList();
            var groups = new List<string>();
            var tls13 = protocols.Contains(TlsVersion.Tls13);
            var candidates = _clientGroups.Groups.Where(g => tls13 ? g.Tls13 : g.Tls12 && g.Kind != GroupKind.FiniteField).Select(g => g.Name).ToList();
            for (var i = 0; i < candidates.Count; i++)
            {
                var offered = candidates.Where(c => !groups.Contains(c)).ToList();
                if (offered.Count == 0) break;
                var h = await HandshakeAsync(endpoint, address, tls13 ? "-tls1_3" : "-tls1_2", "-groups", string.Join(":", offered), "-cipher", "ECDHE:@SECLEVEL=0");
                if (!h.Established || h.Group is not { } picked || _clientGroups.Find(picked)?.Name is not { } name || groups.Contains(name)) break;
                groups.Add(name);
            }

            return observation with
            {
                Protocols = protocols,
                Tls12Suites = suites,
                Groups = groups.Select(g => Canonical(g, endpoint.OpenSsl)).Distinct().ToList(),
                GroupsNotChecked = notKnown,
                Certificate = certificate,
                AuthBeforeTls = endpoint.StartTlsProtocol is null ? null : await AuthBeforeTlsAsync(endpoint, address),
            };
        }

        /// <summary>A group's name in the target's catalogue, so the client's and the target's names compare.</summary>
        private static string Canonical(string name, SoftwareVersion target) => GroupCatalog.For(target).Find(name)?.Name ?? name;

        private static string Flag(TlsVersion version) => version switch
        {
            TlsVersion.Tls10 => "-tls1",
            TlsVersion.Tls11 => "-tls1_1",
            TlsVersion.Tls12 => "-tls1_2",
            _ => "-tls1_3",
        };

        private async Task<string?> ConnectAsync(string address, int port)
        {
            using var client = new TcpClient(IPAddress.TryParse(address, out var ip) ? ip.AddressFamily : AddressFamily.InterNetwork);
            try
            {
                var connect = ip is not null ? client.ConnectAsync(ip, port) : client.ConnectAsync(address, port);
                if (await Task.WhenAny(connect, Task.Delay(_settings.Timeout)) != connect) return "no answer in " + _settings.Timeout.TotalSeconds + " s";
                await connect;
                return null;
            }
            catch (SocketException ex)
            {
                return ex.SocketErrorCode switch
                {
                    SocketError.ConnectionRefused => "connection refused",
                    SocketError.HostNotFound or SocketError.TryAgain or SocketError.NoData => "the resolver does not know the name (give --resolve NAME=ADDRESS)",
                    _ => ex.Message,
                };
            }
        }

        private sealed record Handshake(bool Established, string? Cipher, string? Group, string? Failure, string Output);

        private async Task<Handshake> HandshakeAsync(ProbeEndpoint endpoint, string address, params string[] options)
        {
            var args = new List<string> { "s_client", "-connect", (address.Contains(":") ? "[" + address + "]" : address) + ":" + endpoint.Port };
            if (!IPAddress.TryParse(endpoint.Host, out _)) args.AddRange(new[] { "-servername", endpoint.Host });
            if (endpoint.StartTlsProtocol is { } starttls) args.AddRange(new[] { "-starttls", starttls });
            if (_settings.CaFile is not null) args.AddRange(new[] { "-CAfile", _settings.CaFile });
            if (!options.Contains("-showcerts")) args.Add("-brief");
            args.AddRange(options);
            var run = await Run(args, _settings.Timeout);
            var cipher = Regex.Match(run.Output, @"^(?:Ciphersuite: |New, \S+, Cipher is )(\S+)", RegexOptions.Multiline);
            var established = run.Ok && cipher.Success && cipher.Groups[1].Value != "(NONE)";
            // "Server Temp Key: X25519, 253 bits", "ECDH, secp384r1, 384 bits", "DH, 2048 bits" (an FFDHE group).
            var temp = Regex.Match(run.Output, @"^Server Temp Key: (?:ECDH, )?([^,\s]+), (\d+) bits", RegexOptions.Multiline);
            var group = !temp.Success ? null : temp.Groups[1].Value == "DH" ? "ffdhe" + temp.Groups[2].Value : temp.Groups[1].Value;
            string? failure = null;
            if (!established)
            {
                var reason = run.Output.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.Contains(":error:") || l.StartsWith("Didn't", StringComparison.Ordinal) || l.Contains("timed out"));
                failure = "handshake failed" + (reason is null ? "" : ": " + Regex.Replace(reason, @"^[0-9A-F]+:error:", ""));
            }
            return new Handshake(established, established ? cipher.Groups[1].Value : null, group, failure, run.Output);
        }

        private static ObservedCertificate? Certificate(Handshake handshake)
        {
            var pem = Regex.Match(handshake.Output, "-----BEGIN CERTIFICATE-----(.*?)-----END CERTIFICATE-----", RegexOptions.Singleline);
            if (!pem.Success) return null;
            var cert = new X509Certificate2(Convert.FromBase64String(Regex.Replace(pem.Groups[1].Value, @"\s", "")));
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
            var verify = Regex.Match(handshake.Output, @"Verify return code: (\d+) \((.*)\)");
            return new ObservedCertificate(cert.Subject, names, cert.NotAfter.ToUniversalTime(), keyType, "sha256:" + hash,
                !verify.Success ? "not verified" : verify.Groups[1].Value == "0" ? null : verify.Groups[2].Value.Trim());
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

        private sealed record ProcessRun(bool Ok, string Output);

        /// <summary>Runs openssl with stdin closed (s_client then ends after the handshake), killed after <paramref name="timeout"/>.</summary>
        private static async Task<ProcessRun> Run(IReadOnlyList<string> args, TimeSpan timeout)
        {
            var info = new ProcessStartInfo("openssl", string.Join(" ", args.Select(Quote)))
            {
                RedirectStandardInput = true,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            using var process = new Process { StartInfo = info, EnableRaisingEvents = true };
            var exited = new TaskCompletionSource<bool>();
            process.Exited += (_, _) => exited.TrySetResult(true);
            try
            {
                process.Start();
            }
            catch (System.ComponentModel.Win32Exception ex)
            {
                return new ProcessRun(false, "openssl could not be started: " + ex.Message);
            }
            process.StandardInput.Close();
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            if (await Task.WhenAny(exited.Task, Task.Delay(timeout)) != exited.Task)
            {
                try { process.Kill(); } catch (InvalidOperationException) { }
                return new ProcessRun(false, "timed out after " + timeout.TotalSeconds + " s");
            }
            var output = await stdout + "\n" + await stderr;
            process.WaitForExit();
            return new ProcessRun(process.ExitCode == 0, output);
        }

        private static string Quote(string arg) => arg.Length > 0 && arg.All(c => char.IsLetterOrDigit(c) || "-_.:/@=!+[]".IndexOf(c) >= 0) ? arg : "\"" + arg.Replace("\\", "\\\\").Replace("\"", "\\\"") + "\"";
    }
}
