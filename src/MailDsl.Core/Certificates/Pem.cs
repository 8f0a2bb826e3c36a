using System;
using System.Collections.Generic;

namespace MailDsl.Certificates
{
    /// <summary>The certificates of a PEM text (RFC 7468): what TLSA digests and <c>probe</c>'s CA file read.</summary>
    public static class Pem
    {
        private const string Begin = "-----BEGIN CERTIFICATE-----", End = "-----END CERTIFICATE-----";

        /// <summary>
        /// The DER of each <c>CERTIFICATE</c> block of <paramref name="pem"/>, in order (text outside the blocks is skipped);
        /// a block whose body is not base64 throws <see cref="FormatException"/>.
        /// </summary>
        public static IEnumerable<byte[]> Certificates(string pem)
        {
            for (var start = pem.IndexOf(Begin, StringComparison.Ordinal); start >= 0; start = pem.IndexOf(Begin, start, StringComparison.Ordinal))
            {
                var stop = pem.IndexOf(End, start, StringComparison.Ordinal);
                if (stop < 0) yield break;
                // Convert skips the line breaks and blanks between base64 characters.
                yield return Convert.FromBase64String(pem.Substring(start + Begin.Length, stop - start - Begin.Length));
                start = stop + End.Length;
            }
        }
    }
}
