using System.Text.RegularExpressions;
using MailDsl.Tls;
using MailDsl.Tls.Catalog;
using MailDsl.Tls.CipherString;
using Xunit;

namespace MailDsl.Core.Tests.Tls
{
    /// <summary>The catalogue against <c>openssl ciphers -V -stdname</c>, and the engine's robustness.</summary>
    public class CipherCatalogTests
    {
        [OpenSslFact]
        public void Catalogue_holds_exactly_the_suites_openssl_lists_with_their_ids_names_and_algorithms()
        {
            var (exit, _, stderr) = OpenSslCli.Ciphers("ALL:COMPLEMENTOFALL");
            Assert.True(exit == 0, stderr);
            var psi = new System.Diagnostics.ProcessStartInfo("openssl", "ciphers -stdname -V ALL:COMPLEMENTOFALL") { RedirectStandardOutput = true };
            using var p = System.Diagnostics.Process.Start(psi)!;
            var lines = p.StandardOutput.ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries);
            p.WaitForExit();
            var seen = new List<string>();
            foreach (var line in lines)
            {
                var m = Regex.Match(line, @"^\s*0x(..),0x(..) - (\S+)\s+- (\S+)\s+(\S+)\s+Kx=(\S+)\s+Au=(\S+)\s+Enc=(\S+)\s+Mac=(\S+)");
                Assert.True(m.Success, line);
                if (m.Groups[5].Value == "TLSv1.3")
                {
                    Assert.Contains(m.Groups[4].Value, CipherCatalog.AllTls13Suites);
                    continue;
                }
                var suite = CipherCatalog.FindSuite(m.Groups[4].Value);
                Assert.True(suite is not null, "missing from the catalogue: " + line);
                Assert.Equal(Convert.ToInt32(m.Groups[1].Value + m.Groups[2].Value, 16), suite!.Id);
                Assert.Equal(m.Groups[3].Value, suite.IanaName);
                Assert.Equal(m.Groups[5].Value, suite.MinProtocol switch { CipherProtocol.Ssl3 => "SSLv3", CipherProtocol.Tls1 => "TLSv1", _ => "TLSv1.2" });
                Assert.Equal(m.Groups[9].Value == "AEAD", suite.IsAead);
                Assert.Equal(m.Groups[7].Value == "None", suite.Authentication == Authentication.Null);
                Assert.Equal(m.Groups[8].Value == "None", suite.Encryption == Encryption.Null);
                Assert.Equal(m.Groups[6].Value == "RSA", suite.KeyExchange == KeyExchange.Rsa);
                var bits = Regex.Match(m.Groups[8].Value, @"\((\d+)\)");
                Assert.Equal(bits.Success ? int.Parse(bits.Groups[1].Value) : 0, suite.KeyBits);
                seen.Add(suite.Name);
            }
            Assert.Equal(CipherCatalog.Suites.Select(s => s.Name).OrderBy(n => n, StringComparer.Ordinal), seen.OrderBy(n => n, StringComparer.Ordinal));
        }

        [Fact]
        public void Alias_groups_agree_with_the_engine_reading_each_alias_alone()
        {
            foreach (var alias in CipherCatalog.Aliases.Where(CipherCatalog.IsAvailable))
            {
                var r = CipherStringEngine.Parse(alias.Name);
                var expected = CipherCatalog.Suites.Where(s => CipherCatalog.AliasGroupsOf(s).Contains(alias.Name)).Select(s => s.Name).OrderBy(n => n, StringComparer.Ordinal);
                Assert.Equal(expected, r.Suites.Select(s => s.Suite.Name).OrderBy(n => n, StringComparer.Ordinal));
            }
            Assert.Contains("HIGH", CipherCatalog.AliasGroupsOf(CipherCatalog.FindSuite("AES128-SHA")!));
            Assert.Contains("kRSA", CipherCatalog.AliasGroupsOf(CipherCatalog.FindSuite("AES128-SHA")!));
            Assert.Contains("SSLv3", CipherCatalog.AliasGroupsOf(CipherCatalog.FindSuite("AES128-SHA")!));
        }

        [Fact]
        public void Engine_never_throws_and_always_explains_a_refusal()
        {
            var rnd = new Random(4242);
            const string alphabet = "ALHIGHMEDkRSAaNULeNUL+-!@:;, =.$()\"'\\\u00e9\u0000\t\n0123456789SECLEVEL=STRENGTHDEFAULTSUITEB128";
            for (var i = 0; i < 5000; i++)
            {
                var chars = new char[rnd.Next(0, 40)];
                for (var j = 0; j < chars.Length; j++) chars[j] = alphabet[rnd.Next(alphabet.Length)];
                var s = new string(chars);
                var r = CipherStringEngine.Parse(s);
                if (r.IsValid)
                {
                    Assert.NotEmpty(r.Suites);
                    Assert.All(r.Tokens, t => Assert.InRange(t.Start + t.Length, 0, s.Length));
                }
                else
                {
                    Assert.False(string.IsNullOrEmpty(r.Error), s);
                    Assert.InRange(r.ErrorStart + r.ErrorLength, -1, s.Length);
                }
            }
            Assert.False(CipherStringEngine.Parse(null).IsValid);
        }

        [Fact]
        public void Every_selected_suite_remembers_the_token_that_added_it()
        {
            const string s = "kRSA+AESGCM:ECDHE+CHACHA20:DEFAULT";
            var r = CipherStringEngine.Parse(s);
            Assert.True(r.IsValid);
            Assert.Equal("kRSA+AESGCM", r.Suites.First(x => x.Suite.Name == "AES128-GCM-SHA256").AddedBy.Text);
            Assert.Equal("ECDHE+CHACHA20", r.Suites.First(x => x.Suite.Name == "ECDHE-RSA-CHACHA20-POLY1305").AddedBy.Text);
            // DEFAULT is only special at the start; elsewhere it is an unknown name.
            var unknown = Assert.Single(r.UnknownTokens);
            Assert.Equal((27, 7), (unknown.Start, unknown.Length));
            var d = CipherStringEngine.Parse("DEFAULT:!kRSA");
            Assert.All(d.Suites, x => Assert.Equal((0, 7), (x.AddedBy.Start, x.AddedBy.Length)));
        }

        [Fact]
        public void Classification_gives_reasons()
        {
            var adh = CipherCatalog.FindSuite("ADH-AES128-SHA")!;
            var c = CipherClassifier.Classify(adh, MozillaProfiles.Intermediate);
            Assert.Equal(CipherVerdict.Broken, c.Verdict);
            Assert.Contains(c.Reasons, r => r.Contains("aNULL"));
            var rsa = CipherClassifier.Classify(CipherCatalog.FindSuite("AES128-SHA")!, MozillaProfiles.Intermediate);
            Assert.Equal(CipherVerdict.OutsideProfile, rsa.Verdict);
            Assert.Equal(new[] { "static RSA key exchange: no forward secrecy", "CBC mode (Lucky13-style padding oracles)", "SHA-1 MAC" }, rsa.Reasons);
            Assert.Equal(CipherVerdict.InProfile, CipherClassifier.Classify(CipherCatalog.FindSuite("AES128-SHA")!, MozillaProfiles.Old).Verdict);
            Assert.Equal(CipherVerdict.InProfile, CipherClassifier.Classify(CipherCatalog.FindSuite("ECDHE-RSA-AES128-GCM-SHA256")!, MozillaProfiles.Intermediate).Verdict);
        }
    }
}
