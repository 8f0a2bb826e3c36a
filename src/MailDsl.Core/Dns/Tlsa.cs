using System;
using System.Linq;
using System.Security.Cryptography;
using System.Text;

namespace MailDsl.Dns
{
    /// <summary>
    /// TLSA association data (RFC 6698 section 2.1): the SHA-256 (matching type 1) of a certificate's SubjectPublicKeyInfo
    /// (selector 1) or of the whole certificate (selector 0), read from the first certificate of a PEM chain. The same value
    /// as <c>openssl x509 -pubkey | openssl pkey -pubin -outform DER | openssl dgst -sha256</c> for selector 1.
    /// </summary>
    public static class Tlsa
    {
        /// <summary>The hex SHA-256 of the first certificate's SPKI (selector 1) or DER (selector 0) in <paramref name="pem"/>, or null when it holds none.</summary>
        public static string? Sha256(string pem, Model.TlsaSelector selector)
        {
            var der = FirstCertificate(pem);
            if (der is null) return null;
            var data = selector == Model.TlsaSelector.FullCertificate ? der : SubjectPublicKeyInfo(der);
            if (data is null) return null;
            using var sha = SHA256.Create();
            var hash = sha.ComputeHash(data);
            var hex = new StringBuilder(hash.Length * 2);
            foreach (var b in hash) hex.Append(b.ToString("x2", System.Globalization.CultureInfo.InvariantCulture));
            return hex.ToString();
        }

        private static byte[]? FirstCertificate(string pem)
        {
            try
            {
                return Certificates.Pem.Certificates(pem).FirstOrDefault();
            }
            catch (FormatException)
            {
                return null;
            }
        }

        // Certificate ::= SEQUENCE { tbsCertificate SEQUENCE { [0] version OPTIONAL, serialNumber, signature, issuer,
        // validity, subject, subjectPublicKeyInfo, ... }, ... } (RFC 5280 section 4.1): the seventh element of
        // tbsCertificate, or the sixth without the explicit version, taken whole (tag and length included).
        private static byte[]? SubjectPublicKeyInfo(byte[] der)
        {
            if (!Element(der, 0, out var certStart, out _, out _)) return null;
            if (!Element(der, certStart, out var tbsStart, out var tbsEnd, out _)) return null;
            var at = tbsStart;
            if (at < tbsEnd && der[at] == 0xA0)
            {
                if (!Element(der, at, out _, out var versionEnd, out _)) return null;
                at = versionEnd;
            }
            for (var i = 0; i < 5; i++)
            {
                if (!Element(der, at, out _, out var next, out _)) return null;
                at = next;
            }
            if (!Element(der, at, out _, out var spkiEnd, out _)) return null;
            var spki = new byte[spkiEnd - at];
            Array.Copy(der, at, spki, 0, spki.Length);
            return spki;
        }

        // The DER element at `at`: where its content starts and where the element ends.
        private static bool Element(byte[] der, int at, out int contentStart, out int end, out byte tag)
        {
            contentStart = end = 0;
            tag = 0;
            if (at + 2 > der.Length) return false;
            tag = der[at];
            int length = der[at + 1], pos = at + 2;
            if (length >= 0x80)
            {
                var bytes = length & 0x7F;
                if (bytes == 0 || bytes > 4 || pos + bytes > der.Length) return false;
                length = 0;
                for (var i = 0; i < bytes; i++) length = (length << 8) | der[pos + i];
                pos += bytes;
            }
            if (length < 0 || pos + length > der.Length) return false;
            contentStart = pos;
            end = pos + length;
            return true;
        }
    }
}
