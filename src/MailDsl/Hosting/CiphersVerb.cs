using System.Collections.Generic;
using System.IO;
using System.Linq;
using MailDsl.Targets;
using MailDsl.Tls;
using MailDsl.Tls.Catalog;
using MailDsl.Tls.CipherString;

namespace MailDsl.Hosting
{
    /// <summary>
    /// The <c>ciphers [--openssl VERSION] [-s] [-v] STRING</c> verb: the suites a cipher string selects, one OpenSSL name a
    /// line on stdout, exactly as <c>openssl ciphers -- STRING</c> lists them: the default TLS 1.3 suites first (the string
    /// does not govern them), then the TLS 1.2-and-below suites in OpenSSL's order. With <c>-s</c>, only those a server can
    /// negotiate, as <c>openssl ciphers -s</c> lists them: the security level (<c>@SECLEVEL=n</c>, else 2) drops weaker
    /// suites from every handshake, and no daemon here has a PSK or SRP key. The version read with goes to stderr, as a
    /// first line starting with <c>#</c>, so stdout stays one suite a line; without <c>-s</c>, a last stderr line counts the
    /// suites listed that are never negotiated. With <c>-v</c>, each line also says the suite's protocol, key exchange,
    /// authentication, cipher and MAC, and why it is in or out of the profile.
    /// </summary>
    internal static class CiphersVerb
    {
        /// <summary>Prints the suites; exit 0, or 1 with OpenSSL's reason where OpenSSL refuses the string.</summary>
        /// <param name="cipherString">The cipher string.</param>
        /// <param name="openSsl">The OpenSSL version to read it as (the tables of the newest known version not newer).</param>
        /// <param name="whose">Why this version, for the header line, e.g. <c>the target's (Debian 12)</c>; null when asked for with --openssl.</param>
        /// <param name="supported">Whether to list only what a server can negotiate (<c>-s</c>).</param>
        /// <param name="verbose">Whether to explain each suite (<c>-v</c>).</param>
        /// <param name="profile">The profile each suite is judged against with <paramref name="verbose"/>.</param>
        /// <param name="stdout">Where the suites go.</param>
        /// <param name="stderr">Where the version line, warnings and errors go.</param>
        public static int Run(string cipherString, SoftwareVersion openSsl, string? whose, bool supported, bool verbose, GuidelineProfile profile, TextWriter stdout, TextWriter stderr)
        {
            var catalog = CipherCatalog.For(openSsl);
            var name = catalog.Name;
            var provenance = catalog.Provenance == Provenance.Seen ? "seen: " + catalog.Source : "reasoned, not seen: " + catalog.Source;
            var asked = openSsl.MajorMinor == catalog.Version.MajorMinor ? "" : $" (read with MailDsl's {catalog.Name} tables, the newest not newer than {openSsl.MajorMinor})";
            stderr.WriteLine($"# {catalog.Name}{(whose is null ? "" : ", " + whose)}{asked}; {provenance}");
            var result = CipherStringEngine.Parse(cipherString, catalog);
            foreach (var token in result.UnknownTokens)
            {
                var why = token.UnknownName is { } n && CipherCatalog.RetiredNames.TryGetValue(n, out var r) ? $" ({r})" : "";
                stderr.WriteLine($"ciphers: warning: {name} does not know '{token.UnknownName}'{why} and silently ignores '{token.Text}' (column {token.Start + 1}).");
            }
            if (!result.IsValid)
            {
                var where = result.ErrorStart >= 0 ? $" at column {result.ErrorStart + 1} ('{Slice(cipherString, result.ErrorStart, result.ErrorLength)}')" : "";
                stderr.WriteLine($"ciphers: {name} refuses \"{cipherString}\"{where}: {result.Error}");
                return 1;
            }
            var level = result.EffectiveSecurityLevel;
            var offered = new HashSet<string>(result.SupportedListing()!, System.StringComparer.Ordinal);
            var listing = supported ? result.SupportedListing()! : result.OpenSslListing!;
            var never = listing.Count(n => !offered.Contains(n));
            if (!verbose)
            {
                foreach (var suite in listing)
                    stdout.WriteLine(suite);
            }
            else
            {
                var rows = new List<string[]>();
                foreach (var tls13 in catalog.DefaultTls13Suites.Where(listing.Contains))
                    rows.Add(new[] { tls13, "TLSv1.3", "any (ECDHE/DHE)", "any (certificate)", Tls13Cipher(tls13), "AEAD",
                        offered.Contains(tls13) ? "in: a TLS 1.3 suite, in every profile; OpenSSL enables it whatever the string says"
                            : $"never negotiated: {SecurityLevels.Tls13StrengthBits(tls13)} bits of strength, below the {SecurityLevels.MinimumBits(level)} of security level {level}" });
                foreach (var selected in result.Suites.Where(s => listing.Contains(s.Suite.Name)))
                {
                    var suite = selected.Suite;
                    var verdict = CipherClassifier.Classify(suite, profile, catalog);
                    var why = verdict.Verdict switch
                    {
                        CipherVerdict.InProfile => $"in: listed by {profile.Publisher} {profile.GuidelineVersion}'s {Profile(profile)} profile",
                        CipherVerdict.Broken => "out, broken: " + string.Join("; ", verdict.Reasons),
                        _ => $"out of the {Profile(profile)} profile: " + string.Join("; ", verdict.Reasons),
                    };
                    if (!offered.Contains(suite.Name))
                        why = "never negotiated: " + (SecurityLevels.Refuses(suite, level) ?? "needs a pre-shared key or SRP verifier no daemon here has") + "; " + why;
                    rows.Add(new[] { suite.Name, Protocol(suite.MinProtocol), KeyExchangeText(suite.KeyExchange), AuthenticationText(suite.Authentication),
                        EncryptionText(suite), MacText(suite.Mac), why + $" (added by '{selected.AddedBy.Text}')" });
                }
                var widths = Enumerable.Range(0, 6).Select(i => rows.Select(r => r[i].Length).DefaultIfEmpty(0).Max() + 2).ToArray();
                stdout.WriteLine(Row(new[] { "SUITE", "PROTOCOL", "KEY EXCHANGE", "AUTHENTICATION", "CIPHER", "MAC", "WHY" }, widths));
                foreach (var row in rows) stdout.WriteLine(Row(row, widths));
            }
            if (never > 0)
                stderr.WriteLine($"# {never} of these {listing.Count} suites are never negotiated at security level {level}{(result.SecurityLevel is null ? " (the default)" : "")}: "
                    + "below the level, or needing a pre-shared key or SRP verifier; ciphers -s lists only those a server offers.");
            return 0;
        }

        private static string Row(string[] cells, int[] widths)
            => string.Concat(cells.Take(6).Select((c, i) => c.PadRight(widths[i]))) + cells[6];

        private static string Profile(GuidelineProfile profile) => profile.ProfileName;

        private static string Protocol(CipherProtocol protocol) => protocol switch
        {
            CipherProtocol.Tls12 => "TLSv1.2",
            CipherProtocol.Tls1 => "TLSv1.0+",
            _ => "SSLv3+",
        };

        private static string Tls13Cipher(string name) => name switch
        {
            "TLS_AES_256_GCM_SHA384" => "AES-256-GCM",
            "TLS_AES_128_GCM_SHA256" => "AES-128-GCM",
            "TLS_CHACHA20_POLY1305_SHA256" => "ChaCha20-Poly1305",
            _ => name,
        };

        /// <summary>The key exchange in words: what it is and whether recorded sessions stay secret if the key leaks.</summary>
        private static string KeyExchangeText(KeyExchange kx) => kx switch
        {
            KeyExchange.Ecdhe => "ECDHE (forward secret)",
            KeyExchange.Dhe => "DHE (forward secret)",
            KeyExchange.Rsa => "RSA (no forward secrecy)",
            KeyExchange.Psk => "PSK (no forward secrecy)",
            KeyExchange.RsaPsk => "RSA-PSK (no forward secrecy)",
            KeyExchange.EcdhePsk => "ECDHE-PSK",
            KeyExchange.DhePsk => "DHE-PSK",
            KeyExchange.Srp => "SRP",
            _ => kx.ToString(),
        };

        private static string AuthenticationText(Authentication au) => au switch
        {
            Authentication.Rsa => "RSA certificate",
            Authentication.Ecdsa => "ECDSA certificate",
            Authentication.Dss => "DSA certificate",
            Authentication.Null => "none (anonymous)",
            Authentication.Psk => "pre-shared key",
            Authentication.Srp => "SRP password",
            _ => au.ToString(),
        };

        private static string EncryptionText(CipherSuite suite)
        {
            var e = suite.Encryption;
            var mode = suite.IsAead ? "" : suite.IsCbc ? "-CBC" : "";
            var name = e switch
            {
                Encryption.Aes128Gcm => "AES-128-GCM",
                Encryption.Aes256Gcm => "AES-256-GCM",
                Encryption.Aes128Ccm => "AES-128-CCM",
                Encryption.Aes256Ccm => "AES-256-CCM",
                Encryption.Aes128Ccm8 => "AES-128-CCM8",
                Encryption.Aes256Ccm8 => "AES-256-CCM8",
                Encryption.ChaCha20Poly1305 => "ChaCha20-Poly1305",
                Encryption.Aria128Gcm => "ARIA-128-GCM",
                Encryption.Aria256Gcm => "ARIA-256-GCM",
                Encryption.Aes128 => "AES-128" + mode,
                Encryption.Aes256 => "AES-256" + mode,
                Encryption.Camellia128 => "Camellia-128" + mode,
                Encryption.Camellia256 => "Camellia-256" + mode,
                Encryption.TripleDes => "3DES" + mode,
                Encryption.Des => "DES" + mode,
                Encryption.Seed => "SEED" + mode,
                Encryption.Idea => "IDEA" + mode,
                Encryption.Rc2 => "RC2" + mode,
                Encryption.Rc4 => "RC4",
                Encryption.Null => "none",
                _ => e.ToString(),
            };
            return name;
        }

        private static string MacText(MacAlgorithm mac) => mac switch
        {
            MacAlgorithm.Aead => "AEAD",
            MacAlgorithm.Sha1 => "HMAC-SHA1",
            MacAlgorithm.Sha256 => "HMAC-SHA256",
            MacAlgorithm.Sha384 => "HMAC-SHA384",
            MacAlgorithm.Md5 => "HMAC-MD5",
            _ => mac.ToString(),
        };

        private static string Slice(string s, int start, int length)
            => start >= s.Length ? "" : s.Substring(start, System.Math.Min(length, s.Length - start));
    }
}
