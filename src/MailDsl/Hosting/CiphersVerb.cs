using System.IO;
using MailDsl.Targets;
using MailDsl.Tls.Catalog;
using MailDsl.Tls.CipherString;

namespace MailDsl.Hosting
{
    /// <summary>
    /// The <c>ciphers [--openssl VERSION] STRING</c> verb: the suites a cipher string selects on one OpenSSL version, one
    /// OpenSSL name a line on stdout, exactly as that version's <c>openssl ciphers -- STRING</c> lists them: its default
    /// TLS 1.3 suites first (the string does not govern them), then the TLS 1.2-and-below suites in OpenSSL's order.
    /// The version read with goes to stderr, as a first line starting with <c>#</c>, so stdout stays one suite a line.
    /// </summary>
    internal static class CiphersVerb
    {
        /// <summary>Prints the suites; exit 0, or 1 with OpenSSL's reason where OpenSSL refuses the string.</summary>
        /// <param name="cipherString">The cipher string.</param>
        /// <param name="openSsl">The OpenSSL version to read it as (the catalogue of the newest known version not newer).</param>
        /// <param name="whose">Why this version, for the header line, e.g. <c>the target's (Debian 13)</c>; null when asked for with --openssl.</param>
        /// <param name="stdout">Where the suites go.</param>
        /// <param name="stderr">Where the version line, warnings and errors go.</param>
        public static int Run(string cipherString, SoftwareVersion openSsl, string? whose, TextWriter stdout, TextWriter stderr)
        {
            var catalog = CipherCatalog.For(openSsl);
            var provenance = catalog.Provenance == Provenance.Seen ? "seen: " + catalog.Source : "reasoned, not seen: " + catalog.Source;
            var asked = openSsl.MajorMinor == catalog.Version.MajorMinor ? "" : $" (read with MailDsl's {catalog.Name} tables, the newest not newer than {openSsl.MajorMinor})";
            stderr.WriteLine($"# {catalog.Name}{(whose is null ? "" : ", " + whose)}{asked}; {provenance}");
            var result = CipherStringEngine.Parse(cipherString, catalog);
            foreach (var token in result.UnknownTokens)
            {
                var why = token.UnknownName is { } n && CipherCatalog.RetiredNames.TryGetValue(n, out var r) ? $" ({r})" : "";
                stderr.WriteLine($"ciphers: warning: {catalog.Name} does not know '{token.UnknownName}'{why} and silently ignores '{token.Text}' (column {token.Start + 1}).");
            }
            if (!result.IsValid)
            {
                var where = result.ErrorStart >= 0 ? $" at column {result.ErrorStart + 1} ('{Slice(cipherString, result.ErrorStart, result.ErrorLength)}')" : "";
                stderr.WriteLine($"ciphers: {catalog.Name} refuses \"{cipherString}\"{where}: {result.Error}");
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
