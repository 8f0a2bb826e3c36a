using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using MailDsl.Model;

namespace MailDsl.Hosting
{
    /// <summary>What a ClientHello offers: one protocol version, the TLS 1.2-and-below suites and the groups, by their TLS code points.</summary>
    /// <param name="Version">The one version offered.</param>
    /// <param name="Suites">The suites offered (TLS 1.0 to 1.2; a TLS 1.3 hello offers TLS 1.3's own five).</param>
    /// <param name="Groups">The groups offered (supported_groups), in the client's order.</param>
    internal sealed record HelloOffer(TlsVersion Version, IReadOnlyList<int> Suites, IReadOnlyList<int> Groups);

    /// <summary>What the server's first flight said to a <see cref="HelloOffer"/>.</summary>
    /// <param name="Accepted">Whether it answered with a ServerHello (or a HelloRetryRequest) rather than an alert or silence.</param>
    /// <param name="Version">The version it chose.</param>
    /// <param name="Suite">The suite it chose (a TLS 1.3 suite after a TLS 1.3 hello).</param>
    /// <param name="Group">The group it chose: TLS 1.3's key_share (of the HelloRetryRequest), TLS 1.2's ECDHE ServerKeyExchange; null otherwise.</param>
    /// <param name="Refusal">How it refused (the alert, or the connection closed), or null when it accepted.</param>
    internal sealed record HelloAnswer(bool Accepted, TlsVersion? Version, int Suite, int? Group, string? Refusal);

    /// <summary>
    /// The questions <c>probe</c> asks a TLS server (does it take this version? which of these suites does it choose
    /// first? which of these groups?) asked with a ClientHello written here and answered by the server's first flight,
    /// read here: the server has chosen its version, suite and group when it sends its ServerHello (RFC 8446 4.1.3,
    /// RFC 5246 7.4.1.3), and refuses an offer it has nothing for with an alert. No key is exchanged and nothing is
    /// encrypted, so no TLS library is needed, and the client can offer any code point, unlike .NET's SslStream (no
    /// groups; suites only through OpenSSL on Linux) and unlike an <c>openssl</c> process per question (about 20 ms of
    /// CPU each, most of the old probe's cost). A TLS 1.3 hello carries an empty key_share, so a server that takes one
    /// of the offered groups answers with a HelloRetryRequest naming it. The full handshake (and the certificate) is
    /// left to SslStream, which on Linux is the system's OpenSSL, the daemons' own library.
    /// </summary>
    internal static class TlsHello
    {
        /// <summary>TLS 1.3's suites (RFC 8446 B.4): offered by every TLS 1.3 hello.</summary>
        private static readonly int[] Tls13Suites = { 0x1301, 0x1302, 0x1303, 0x1304, 0x1305 };

        /// <summary>Every signature scheme a server may sign with: ECDSA, RSA-PSS, EdDSA, PKCS#1, and SHA-1's for old versions.</summary>
        private static readonly int[] SignatureSchemes =
        {
            0x0403, 0x0503, 0x0603, 0x0807, 0x0808, 0x0804, 0x0805, 0x0806, 0x0809, 0x080a, 0x080b,
            0x0401, 0x0501, 0x0601, 0x0303, 0x0301, 0x0402, 0x0502, 0x0602, 0x0203, 0x0201, 0x0202,
        };

        /// <summary>SHA-256("HelloRetryRequest"): the random of a ServerHello that is a HelloRetryRequest (RFC 8446 4.1.3).</summary>
        private static readonly byte[] HelloRetryRandom =
        {
            0xCF, 0x21, 0xAD, 0x74, 0xE5, 0x9A, 0x61, 0x11, 0xBE, 0x1D, 0x8C, 0x02, 0x1E, 0x65, 0xB8, 0x91,
            0xC2, 0xA2, 0x11, 0x16, 0x7A, 0xBB, 0x8C, 0x5E, 0x07, 0x9E, 0x09, 0xE2, 0xC8, 0xA8, 0x33, 0x9C,
        };

        private static int Wire(TlsVersion version) => version switch
        {
            TlsVersion.Tls10 => 0x0301,
            TlsVersion.Tls11 => 0x0302,
            TlsVersion.Tls12 => 0x0303,
            TlsVersion.Tls13 => 0x0304,
            _ => 0x0300,
        };

        private static TlsVersion? FromWire(int wire) => wire switch
        {
            0x0301 => TlsVersion.Tls10,
            0x0302 => TlsVersion.Tls11,
            0x0303 => TlsVersion.Tls12,
            0x0304 => TlsVersion.Tls13,
            _ => null,
        };

        /// <summary>
        /// The ClientHello record for <paramref name="offer"/>. TLS 1.2 and older say their version in the hello itself and
        /// send no supported_versions (a server then takes that version or refuses); TLS 1.3 says it in supported_versions.
        /// </summary>
        /// <param name="offer">What to offer.</param>
        /// <param name="serverName">The name sent as SNI, or null (an address is never sent, RFC 6066 3).</param>
        public static byte[] ClientHello(HelloOffer offer, string? serverName)
        {
            var tls13 = offer.Version == TlsVersion.Tls13;
            var body = new List<byte>();
            U16(body, Math.Min(Wire(offer.Version), 0x0303));
            body.AddRange(Random(32));
            body.Add(32);
            body.AddRange(Random(32)); // a session id: TLS 1.3's middlebox compatibility mode, as OpenSSL's client sends
            var suites = (tls13 ? Tls13Suites : offer.Suites).Concat(new[] { 0x00FF }).ToList(); // + the renegotiation SCSV (RFC 5746)
            U16(body, suites.Count * 2);
            foreach (var s in suites) U16(body, s);
            body.Add(1);
            body.Add(0);

            var ext = new List<byte>();
            if (serverName is not null && !System.Net.IPAddress.TryParse(serverName, out _))
            {
                var name = Encoding.ASCII.GetBytes(serverName);
                Extension(ext, 0x0000, e => { U16(e, name.Length + 3); e.Add(0); U16(e, name.Length); e.AddRange(name); });
            }
            Extension(ext, 0x000a, e => { U16(e, offer.Groups.Count * 2); foreach (var g in offer.Groups) U16(e, g); });
            Extension(ext, 0x000b, e => { e.Add(1); e.Add(0); });
            Extension(ext, 0x000d, e => { U16(e, SignatureSchemes.Length * 2); foreach (var s in SignatureSchemes) U16(e, s); });
            Extension(ext, 0x0017, _ => { });
            if (tls13)
            {
                Extension(ext, 0x002b, e => { e.Add(2); U16(e, 0x0304); });
                Extension(ext, 0x002d, e => { e.Add(1); e.Add(1); });
                Extension(ext, 0x0033, e => U16(e, 0));
            }
            U16(body, ext.Count);
            body.AddRange(ext);

            var record = new List<byte> { 0x16, 0x03, 0x01 };
            U16(record, body.Count + 4);
            record.Add(1);
            record.Add((byte)(body.Count >> 16));
            U16(record, body.Count & 0xFFFF);
            record.AddRange(body);
            return record.ToArray();
        }

        /// <summary>
        /// Sends the hello for <paramref name="offer"/> on <paramref name="stream"/> (a fresh connection, after STARTTLS
        /// where the port has it) and reads the server's answer: its ServerHello, and for a TLS 1.2 ECDHE suite the group
        /// of its ServerKeyExchange when <paramref name="wantGroup"/>.
        /// </summary>
        public static async Task<HelloAnswer> AskAsync(Stream stream, HelloOffer offer, string? serverName, bool wantGroup, CancellationToken cancel)
        {
            var hello = ClientHello(offer, serverName);
            try
            {
                await stream.WriteAsync(hello, 0, hello.Length, cancel).ConfigureAwait(false);
                var handshake = new List<byte>();
                TlsVersion? version = null;
                var suite = 0;
                var parsed = 0;
                while (true)
                {
                    var header = await ReadExactly(stream, 5, cancel).ConfigureAwait(false);
                    if (header is null) return Refused(version is null ? "the server closed the connection" : "the server closed the connection after its hello");
                    var payload = await ReadExactly(stream, (header[3] << 8) | header[4], cancel).ConfigureAwait(false);
                    if (payload is null) return Refused("the server closed the connection");
                    if (header[0] == 0x15) return Refused(payload.Length >= 2 ? "alert " + AlertName(payload[1]) : "alert");
                    if (header[0] != 0x16) return version is null ? Refused("the server answered something that is not TLS") : new HelloAnswer(true, version, suite, null, null);
                    handshake.AddRange(payload);
                    // Whole handshake messages: type (1), length (3), body.
                    while (handshake.Count - parsed >= 4)
                    {
                        var type = handshake[parsed];
                        var length = (handshake[parsed + 1] << 16) | (handshake[parsed + 2] << 8) | handshake[parsed + 3];
                        if (handshake.Count - parsed - 4 < length) break;
                        var message = handshake.GetRange(parsed + 4, length).ToArray();
                        parsed += 4 + length;
                        if (type == 2)
                        {
                            var hello2 = ServerHello(message);
                            if (hello2 is null) return Refused("the server's hello did not parse");
                            (version, suite, var group, var retry) = hello2.Value;
                            if (version is null) return Refused("the server chose an unknown version");
                            // TLS 1.3: the choice of group is in the (retry) hello; TLS 1.2: in the key exchange, when asked for.
                            if (version == TlsVersion.Tls13 || retry || !wantGroup) return new HelloAnswer(true, version, suite, group, null);
                        }
                        else if (type == 12 && version is not null)
                            return new HelloAnswer(true, version, suite, message.Length >= 3 && message[0] == 3 ? (message[1] << 8) | message[2] : null, null);
                        else if (type == 14 && version is not null)
                            return new HelloAnswer(true, version, suite, null, null);
                    }
                    if (handshake.Count > 1 << 20) return version is null ? Refused("no hello in the server's first megabyte") : new HelloAnswer(true, version, suite, null, null);
                }
            }
            catch (IOException ex)
            {
                return Refused("the connection failed: " + ex.Message);
            }
        }

        private static HelloAnswer Refused(string why) => new(false, null, 0, null, why);

        /// <summary>A ServerHello's version, suite, key_share group and whether it is a HelloRetryRequest; null when it does not parse.</summary>
        private static (TlsVersion? Version, int Suite, int? Group, bool Retry)? ServerHello(byte[] m)
        {
            if (m.Length < 38) return null;
            var wire = (m[0] << 8) | m[1];
            var retry = true;
            for (var k = 0; k < 32; k++) retry &= m[2 + k] == HelloRetryRandom[k];
            var i = 34;
            i += 1 + m[i];
            if (i + 3 > m.Length) return null;
            var suite = (m[i] << 8) | m[i + 1];
            i += 3;
            int? group = null;
            if (i + 2 <= m.Length)
            {
                var end = Math.Min(m.Length, i + 2 + ((m[i] << 8) | m[i + 1]));
                i += 2;
                while (i + 4 <= end)
                {
                    var type = (m[i] << 8) | m[i + 1];
                    var len = (m[i + 2] << 8) | m[i + 3];
                    i += 4;
                    if (i + len > end) return null;
                    if (type == 0x002b && len >= 2) wire = (m[i] << 8) | m[i + 1];
                    if (type == 0x0033 && len >= 2) group = (m[i] << 8) | m[i + 1];
                    i += len;
                }
            }
            return (FromWire(wire), suite, group, retry);
        }

        private static string AlertName(byte code) => code switch
        {
            40 => "handshake_failure",
            47 => "illegal_parameter",
            50 => "decode_error",
            70 => "protocol_version",
            71 => "insufficient_security",
            80 => "internal_error",
            86 => "inappropriate_fallback",
            109 => "missing_extension",
            112 => "unrecognized_name",
            _ => code.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };

        private static async Task<byte[]?> ReadExactly(Stream stream, int count, CancellationToken cancel)
        {
            var buffer = new byte[count];
            var read = 0;
            while (read < count)
            {
                var n = await stream.ReadAsync(buffer, read, count - read, cancel).ConfigureAwait(false);
                if (n == 0) return null;
                read += n;
            }
            return buffer;
        }

        private static byte[] Random(int count)
        {
            var bytes = new byte[count];
            using (var rng = RandomNumberGenerator.Create()) rng.GetBytes(bytes);
            return bytes;
        }

        private static void U16(List<byte> b, int value)
        {
            b.Add((byte)(value >> 8));
            b.Add((byte)value);
        }

        private static void Extension(List<byte> b, int type, Action<List<byte>> write)
        {
            var data = new List<byte>();
            write(data);
            U16(b, type);
            U16(b, data.Count);
            b.AddRange(data);
        }
    }
}
