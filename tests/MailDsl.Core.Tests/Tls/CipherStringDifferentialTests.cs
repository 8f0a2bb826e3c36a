using MailDsl.Tls.CipherString;
using Xunit;

namespace MailDsl.Core.Tests.Tls
{
    /// <summary>
    /// The engine against the real <c>openssl ciphers</c> of Debian 12 (OpenSSL 3.0) and of the Debian 13 root (OpenSSL
    /// 3.5), each read with its own catalogue: same suites, same order, an error where OpenSSL errors.
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
        }

        [Fact]
        public void Corpus_has_at_least_300_distinct_strings()
            => Assert.True(CipherStringCorpus.Strings().Count() >= 300, $"only {CipherStringCorpus.Strings().Count()} strings");
    }
}
