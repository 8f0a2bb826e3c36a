using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using MailDsl.Probing;

namespace MailDsl.Hosting
{
    /// <summary>
    /// Reads the HTTP/1.1 answer <c>probe</c> asked for with <c>Connection: close</c> (status line, headers, a body by
    /// length, to the end, or chunked, RFC 9112 7.1): the probe speaks HTTP on its own connection, dialled at the address
    /// <c>--resolve</c> pins, which .NET Standard's HttpClient cannot do.
    /// </summary>
    internal static class HttpParse
    {
        /// <summary>The answer in <paramref name="received"/> (everything read until the server closed, or a limit).</summary>
        /// <param name="request">The path and query asked for.</param>
        /// <param name="received">The bytes received.</param>
        /// <param name="bodyLimit">How much of the body is kept.</param>
        public static HttpAnswer Answer(string request, byte[] received, int bodyLimit)
        {
            var end = IndexOf(received, new byte[] { 13, 10, 13, 10 }, 0);
            if (end < 0)
                return new HttpAnswer(request, 0, null, null, "", received.Length == 0 ? "no HTTP answer: the server closed the connection" : "no HTTP answer: the headers never ended");
            var lines = Encoding.ASCII.GetString(received, 0, end).Split(new[] { "\r\n" }, StringSplitOptions.None);
            var status = lines[0].Split(' ');
            if (status.Length < 2 || !status[0].StartsWith("HTTP/", StringComparison.Ordinal) || !int.TryParse(status[1], NumberStyles.None, CultureInfo.InvariantCulture, out var code))
                return new HttpAnswer(request, 0, null, null, "", "no HTTP answer: '" + lines[0] + "'");
            var headers = lines.Skip(1).Select(l => l.Split(new[] { ':' }, 2)).Where(p => p.Length == 2)
                .Select(p => (Name: p[0].Trim(), Value: p[1].Trim())).ToList();
            string? Header(string name)
            {
                var values = headers.Where(h => string.Equals(h.Name, name, StringComparison.OrdinalIgnoreCase)).Select(h => h.Value).ToList();
                return values.Count == 0 ? null : string.Join(", ", values);
            }
            var start = end + 4;
            byte[] body;
            if (Header("Transfer-Encoding") is { } te && te.IndexOf("chunked", StringComparison.OrdinalIgnoreCase) >= 0) body = Dechunk(received, start);
            else
            {
                var length = received.Length - start;
                if (Header("Content-Length") is { } cl && int.TryParse(cl, NumberStyles.None, CultureInfo.InvariantCulture, out var declared)) length = Math.Min(length, declared);
                body = new byte[length];
                Array.Copy(received, start, body, 0, length);
            }
            var text = Encoding.UTF8.GetString(body, 0, Math.Min(body.Length, bodyLimit));
            return new HttpAnswer(request, code, Header("Location"), Header("Strict-Transport-Security"), text, null);
        }

        private static byte[] Dechunk(byte[] data, int i)
        {
            var body = new MemoryStream();
            while (i < data.Length)
            {
                var eol = IndexOf(data, new byte[] { 13, 10 }, i);
                if (eol < 0) break;
                var sizeText = Encoding.ASCII.GetString(data, i, eol - i).Split(';')[0].Trim();
                if (!int.TryParse(sizeText, NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var size) || size <= 0) break;
                i = eol + 2;
                var take = Math.Min(size, data.Length - i);
                body.Write(data, i, take);
                i += take + 2;
            }
            return body.ToArray();
        }

        private static int IndexOf(byte[] data, byte[] pattern, int from)
        {
            for (var i = from; i <= data.Length - pattern.Length; i++)
            {
                var k = 0;
                while (k < pattern.Length && data[i + k] == pattern[k]) k++;
                if (k == pattern.Length) return i;
            }
            return -1;
        }
    }
}
