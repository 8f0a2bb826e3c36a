using MailDsl.Tls.CipherString;
using Xunit;

namespace MailDsl.Core.Tests.Tls
{
    /// <summary>The engine against the local <c>openssl ciphers</c>: same suites, same order, error where it errors.</summary>
    public class CipherStringDifferentialTests
    {
        [OpenSslTheory]
        [MemberData(nameof(CipherStringCorpus.All), MemberType = typeof(CipherStringCorpus))]
        public void Engine_agrees_with_openssl_ciphers(string cipherString)
        {
            var (exit, stdout, stderr) = OpenSslCli.Ciphers(cipherString);
            var result = CipherStringEngine.Parse(cipherString);
            if (exit != 0)
            {
                Assert.False(result.IsValid,
                    $"openssl refuses '{cipherString}' ({stderr}) but the engine selects: {string.Join(":", result.OpenSslListing ?? new List<string>())}");
                Assert.False(string.IsNullOrEmpty(result.Error));
                return;
            }
            Assert.True(result.IsValid, $"openssl accepts '{cipherString}' but the engine says: {result.Error}");
            Assert.Equal(stdout, string.Join(":", result.OpenSslListing!));
        }

        [Fact]
        public void Corpus_has_at_least_300_distinct_strings()
            => Assert.True(CipherStringCorpus.All().Count() >= 300, $"only {CipherStringCorpus.All().Count()} strings");
    }
}
