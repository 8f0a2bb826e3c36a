using MailDsl.Tls.CipherString;
using Xunit;

namespace MailDsl.Core.Tests.Tls
{
    /// <summary>
    /// The engine against the real <c>openssl ciphers</c> of Debian 12 (OpenSSL 3.0) and of the Debian 13 root (OpenSSL
    /// 3.5), each read with its own catalogue: same suites, same order, an error where OpenSSL errors; and what a server
    /// offers of them at the string's security level, against <c>openssl ciphers -s</c> (and <c>-s -psk -srp</c>).
    /// </summary>
    public class CipherStringDifferentialTests
    {
        [OpenSslTheory(OpenSslTarget.Debian12)]
        [MemberData(nameof(CipherStringCorpus.All), MemberType = typeof(CipherStringCorpus))]
        public void Engine_agrees_with_Debian_12s_openssl_ciphers(string cipherString) => Agrees(OpenSslCli.Debian12, cipherString);

        [OpenSslTheory(OpenSslTarget.Debian13)]
        [MemberData(nameof(CipherStringCorpus.All), MemberType = typeof(CipherStringCorpus))]
        public void Engine_agrees_with_Debian_13s_openssl_ciphers(string cipherString) => Agrees(OpenSslCli.Debian13, cipherString);

        private static void Agrees(OpenSslCli openssl, string cipherString)
        {
            var (exit, stdout, stderr) = openssl.Ciphers(cipherString);
            var result = CipherStringEngine.Parse(cipherString, openssl.Catalog);
            if (exit != 0)
            {
                Assert.False(result.IsValid,
                    $"{openssl.Target}'s openssl refuses '{cipherString}' ({stderr}) but the engine selects: {string.Join(":", result.OpenSslListing ?? new List<string>())}");
                Assert.False(string.IsNullOrEmpty(result.Error));
                return;
            }
            Assert.True(result.IsValid, $"{openssl.Target}'s openssl accepts '{cipherString}' but the engine says: {result.Error}");
            Assert.Equal(stdout, string.Join(":", result.OpenSslListing!));
            // What the string's security level lets a server negotiate: below the level, anonymous, MD5, SHA-1 from level
            // 4, no forward secrecy from 3; without a PSK or SRP callback (as every daemon here), no PSK or SRP suite either.
            foreach (var (flags, listing) in new[] { (new[] { "-s" }, result.SupportedListing()), (new[] { "-s", "-psk", "-srp" }, result.SupportedListing(withPskAndSrp: true)) })
            {
                var supported = openssl.Ciphers(cipherString, flags);
                Assert.True(supported.ExitCode == 0, $"{openssl.Target}'s openssl ciphers {string.Join(" ", flags)} '{cipherString}': {supported.Stderr}");
                Assert.True(supported.Stdout == string.Join(":", listing!),
                    $"openssl ciphers {string.Join(" ", flags)} '{cipherString}' (security level {result.EffectiveSecurityLevel}) on {openssl.Target}:\n"
                    + $"openssl: {supported.Stdout}\nengine:  {string.Join(":", listing!)}");
            }
        }

        [Fact]
        public void Corpus_reads_at_every_security_level_and_leads_with_seclevel_and_strength_as_users_type_them()
        {
            var strings = CipherStringCorpus.Strings().ToList();
            for (var level = 0; level <= 5; level++)
                Assert.Contains($"@SECLEVEL={level}:HIGH", strings);
            Assert.Contains("@SECLEVEL=3:HIGH", strings);
            Assert.Contains(strings, s => s.StartsWith("@STRENGTH", StringComparison.Ordinal));
        }

        [Fact]
        public void Corpus_has_at_least_300_distinct_strings()
            => Assert.True(CipherStringCorpus.Strings().Count() >= 300, $"only {CipherStringCorpus.Strings().Count()} strings");
    }
}
