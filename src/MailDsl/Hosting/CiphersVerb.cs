using System.IO;
using MailDsl.Tls.Catalog;
using MailDsl.Tls.CipherString;

namespace MailDsl.Hosting
{
    /// <summary>
    /// The <c>ciphers STRING</c> verb: the suites a cipher string selects, one OpenSSL name a line, exactly
    /// as <c>openssl ciphers -- STRING</c> lists them on OpenSSL 3.0: its default TLS 1.3 suites first
    /// (the string does not govern them), then the TLS 1.2-and-below suites in OpenSSL's order.
    /// </summary>
    internal static class CiphersVerb
    {
        /// <summary>Prints the suites; exit 0, or 1 with OpenSSL's reason where OpenSSL refuses the string.</summary>
        public static int Run(string cipherString, TextWriter stdout, TextWriter stderr)
        {
            var result = CipherStringEngine.Parse(cipherString);
            foreach (var token in result.UnknownTokens)
            {
                var why = token.UnknownName is { } n && CipherCatalog.RetiredNames.TryGetValue(n, out var r) ? $" ({r})" : "";
                stderr.WriteLine($"ciphers: warning: OpenSSL does not know '{token.UnknownName}'{why} and silently ignores '{token.Text}' (column {token.Start + 1}).");
            }
            if (!result.IsValid)
            {
                var where = result.ErrorStart >= 0 ? $" at column {result.ErrorStart + 1} ('{Slice(cipherString, result.ErrorStart, result.ErrorLength)}')" : "";
                stderr.WriteLine($"ciphers: OpenSSL 3.0 refuses \"{cipherString}\"{where}: {result.Error}");
                return 1;
            }
            foreach (var name in result.OpenSslListing!)
                stdout.WriteLine(name);
            return 0;
        }

        private static string Slice(string s, int start, int length)
            => start >= s.Length ? "" : s.Substring(start, System.Math.Min(length, s.Length - start));
    }
}
