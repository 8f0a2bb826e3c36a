using System.Text.RegularExpressions;
using MailDsl.Targets;
using MailDsl.Tls;
using MailDsl.Tls.Catalog;
using MailDsl.Tls.CipherString;
using Xunit;

namespace MailDsl.Core.Tests.Tls
{
    /// <summary>Each seen catalogue against its binary's <c>openssl ciphers -V -stdname</c>, the reasoned one against its reasons, and the engine's robustness.</summary>
    public class CipherCatalogTests
    {
        [OpenSslFact(OpenSslTarget.Debian12)]
        public void Debian_12_catalogue_holds_exactly_the_suites_its_openssl_lists() => HoldsExactly(OpenSslCli.Debian12);

        [OpenSslFact(OpenSslTarget.Debian13)]
        public void Debian_13_catalogue_holds_exactly_the_suites_its_openssl_lists() => HoldsExactly(OpenSslCli.Debian13);

        private static void HoldsExactly(OpenSslCli openssl)
        {
            var catalog = openssl.Catalog;
            // The release series the catalogue serves: a Debian update to another 3.0.x or 3.5.x must still list exactly these suites (below).
            Assert.Equal(openssl.Version.MajorMinor, catalog.Version.MajorMinor);
            Assert.Equal(Provenance.Seen, catalog.Provenance);
            var (exit, stdout, stderr) = openssl.Run("ciphers", "-stdname", "-V", "ALL:COMPLEMENTOFALL");
            Assert.True(exit == 0, stderr);
            var seen = new List<string>();
            foreach (var line in stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries))
            {
                var m = Regex.Match(line, @"^\s*0x(..),0x(..) - (\S+)\s+- (\S+)\s+(\S+)\s+Kx=(\S+)\s+Au=(\S+)\s+Enc=(\S+)\s+Mac=(\S+)");
                Assert.True(m.Success, line);
                if (m.Groups[5].Value == "TLSv1.3")
                {
                    Assert.Contains(m.Groups[4].Value, catalog.AllTls13Suites);
                    continue;
                }
                var suite = catalog.FindSuite(m.Groups[4].Value);
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
            Assert.Equal(catalog.Suites.Select(s => s.Name).OrderBy(n => n, StringComparer.Ordinal), seen.OrderBy(n => n, StringComparer.Ordinal));
            // Whether the binary's cipher strings take IANA names, asked of the binary itself.
            Assert.Equal(openssl.Ciphers("TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256").ExitCode == 0, catalog.AcceptsIanaNames);
        }

        [Fact]
        public void The_reasoned_32_catalogue_is_35s_suite_table_with_30s_tls13_suites()
        {
            var c = CipherCatalog.OpenSsl32;
            Assert.Equal(Provenance.Reasoned, c.Provenance);
            Assert.Same(CipherCatalog.OpenSsl35.Suites, c.Suites);
            Assert.Equal(CipherCatalog.OpenSsl30.AllTls13Suites, c.AllTls13Suites);
            Assert.True(c.AcceptsIanaNames);
            // The CCM8 suites: HIGH on 3.0, MEDIUM with 64 strength bits from 3.2 (seen on 3.5).
            Assert.True((CipherCatalog.OpenSsl30.FindSuite("AES128-CCM8")!.Strength & CipherStrength.High) != 0);
            Assert.Equal((CipherStrength.Medium, 64), (c.FindSuite("AES128-CCM8")!.Strength & CipherStrength.Medium, c.FindSuite("AES128-CCM8")!.StrengthBits));
        }

        [Theory]
        [InlineData("3.0", "3.0")]
        [InlineData("3.0.19", "3.0")]
        [InlineData("3.1", "3.0")]
        [InlineData("3.2.2", "3.2")]
        [InlineData("3.4", "3.2")]
        [InlineData("3.5.9", "3.5")]
        [InlineData("3.6", "3.5")]
        [InlineData("4.0", "3.5")]
        [InlineData("1.1.1", "3.0")]
        public void For_picks_the_newest_known_version_not_newer(string asked, string chosen)
        {
            Assert.Equal(chosen, CipherCatalog.For(SoftwareVersion.TryParse(asked)!.Value).Version.MajorMinor);
            Assert.Equal(chosen, GroupCatalog.For(SoftwareVersion.TryParse(asked)!.Value).Version.MajorMinor);
        }

        public static TheoryData<string> Catalogues() => new(CipherCatalog.All.Select(c => c.Version.MajorMinor));

        private static CipherCatalog Named(string v) => CipherCatalog.All.Single(c => c.Version.MajorMinor == v);

        [Theory]
        [MemberData(nameof(Catalogues))]
        public void Alias_groups_agree_with_the_engine_reading_each_alias_alone(string version)
        {
            var catalog = Named(version);
            foreach (var alias in CipherCatalog.Aliases.Where(CipherCatalog.IsAvailable))
            {
                var r = CipherStringEngine.Parse(alias.Name, catalog);
                var expected = catalog.Suites.Where(s => CipherCatalog.AliasGroupsOf(s).Contains(alias.Name)).Select(s => s.Name).OrderBy(n => n, StringComparer.Ordinal);
                Assert.Equal(expected, r.Suites.Select(s => s.Suite.Name).OrderBy(n => n, StringComparer.Ordinal));
            }
            Assert.Contains("HIGH", CipherCatalog.AliasGroupsOf(catalog.FindSuite("AES128-SHA")!));
            Assert.Contains("kRSA", CipherCatalog.AliasGroupsOf(catalog.FindSuite("AES128-SHA")!));
            Assert.Contains("SSLv3", CipherCatalog.AliasGroupsOf(catalog.FindSuite("AES128-SHA")!));
        }

        [Theory]
        [MemberData(nameof(Catalogues))]
        public void Engine_never_throws_and_always_explains_a_refusal(string version)
        {
            var catalog = Named(version);
            var rnd = new Random(4242);
            const string alphabet = "ALHIGHMEDkRSAaNULeNUL+-!@:;, =._$()\"'\\\u00e9\u0000\t\n0123456789SECLEVEL=STRENGTHDEFAULTSUITEB128TLS_WITH";
            for (var i = 0; i < 5000; i++)
            {
                var chars = new char[rnd.Next(0, 40)];
                for (var j = 0; j < chars.Length; j++) chars[j] = alphabet[rnd.Next(alphabet.Length)];
                var s = new string(chars);
                var r = CipherStringEngine.Parse(s, catalog);
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
            Assert.False(CipherStringEngine.Parse(null, catalog).IsValid);
        }

        [Fact]
        public void Every_selected_suite_remembers_the_token_that_added_it()
        {
            const string s = "kRSA+AESGCM:ECDHE+CHACHA20:DEFAULT";
            var r = CipherStringEngine.Parse(s, CipherCatalog.OpenSsl30);
            Assert.True(r.IsValid);
            Assert.Equal("kRSA+AESGCM", r.Suites.First(x => x.Suite.Name == "AES128-GCM-SHA256").AddedBy.Text);
            Assert.Equal("ECDHE+CHACHA20", r.Suites.First(x => x.Suite.Name == "ECDHE-RSA-CHACHA20-POLY1305").AddedBy.Text);
            // DEFAULT is only special at the start; elsewhere it is an unknown name.
            var unknown = Assert.Single(r.UnknownTokens);
            Assert.Equal((27, 7), (unknown.Start, unknown.Length));
            var d = CipherStringEngine.Parse("DEFAULT:!kRSA", CipherCatalog.OpenSsl30);
            Assert.All(d.Suites, x => Assert.Equal((0, 7), (x.AddedBy.Start, x.AddedBy.Length)));
        }

        [Fact]
        public void Classification_gives_reasons()
        {
            var c30 = CipherCatalog.OpenSsl30;
            var adh = c30.FindSuite("ADH-AES128-SHA")!;
            var c = CipherClassifier.Classify(adh, GuidelineProfiles.TlsRef60Intermediate, c30);
            Assert.Equal(CipherVerdict.Broken, c.Verdict);
            Assert.Contains(c.Reasons, r => r.Contains("aNULL"));
            var rsa = CipherClassifier.Classify(c30.FindSuite("AES128-SHA")!, GuidelineProfiles.TlsRef60Intermediate, c30);
            Assert.Equal(CipherVerdict.OutsideProfile, rsa.Verdict);
            Assert.Equal(new[] { "static RSA key exchange: no forward secrecy", "CBC mode (Lucky13-style padding oracles)", "SHA-1 MAC" }, rsa.Reasons);
            Assert.Equal(CipherVerdict.InProfile, CipherClassifier.Classify(c30.FindSuite("AES128-SHA")!, GuidelineProfiles.Mozilla57Old, c30).Verdict);
            Assert.Equal(CipherVerdict.InProfile, CipherClassifier.Classify(c30.FindSuite("ECDHE-RSA-AES128-GCM-SHA256")!, GuidelineProfiles.TlsRef60Intermediate, c30).Verdict);
            // DHE left the intermediate profile with guideline 5.8: in 5.7's, outside 6.0's.
            var dhe = c30.FindSuite("DHE-RSA-AES128-GCM-SHA256")!;
            Assert.Equal(CipherVerdict.InProfile, CipherClassifier.Classify(dhe, GuidelineProfiles.Mozilla57Intermediate, c30).Verdict);
            Assert.Equal(CipherVerdict.OutsideProfile, CipherClassifier.Classify(dhe, GuidelineProfiles.TlsRef60Intermediate, c30).Verdict);
        }
    }
}
