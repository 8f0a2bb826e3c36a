using MailDsl.Daemons.Postfix;
using System.Diagnostics;
using MailDsl.Model;
using MailDsl.Tls;
using MailDsl.Tls.Catalog;
using MailDsl.Tls.CipherString;
using Xunit;

namespace MailDsl.Core.Tests.Tls
{
    /// <summary>A fact that runs only where Postfix's postconf is installed.</summary>
    public sealed class PostconfFactAttribute : FactAttribute
    {
        public PostconfFactAttribute()
        {
            if (!File.Exists("/usr/sbin/postconf")) Skip = "postconf is not installed (Debian package: postfix)";
        }
    }

    /// <summary>Postfix's grade lists against <c>postconf -d</c>, and Mozilla's profiles against OpenSSL.</summary>
    public class PostfixGradeAndProfileTests
    {
        private static Dictionary<string, string> PostconfDefaults()
        {
            var psi = new ProcessStartInfo("/usr/sbin/postconf", "-d") { RedirectStandardOutput = true, RedirectStandardError = true };
            using var p = Process.Start(psi)!;
            var text = p.StandardOutput.ReadToEnd();
            p.WaitForExit();
            return text.Split('\n').Select(l => l.Split(" = ", 2)).Where(a => a.Length == 2).ToDictionary(a => a[0].Trim(), a => a[1].Trim());
        }

        [PostconfFact]
        public void Grade_lists_and_default_grade_are_postfixs_own()
        {
            var d = PostconfDefaults();
            foreach (var (grade, list) in PostfixCipherGrades.DefaultCipherLists)
                Assert.Equal(d[PostfixCipherGrades.CipherListParameter(grade)], list);
            Assert.Equal(PostfixCipherGrades.DefaultGrade, d["smtpd_tls_ciphers"]);
            Assert.Equal(PostfixCipherGrades.DefaultGrade, d["smtpd_tls_mandatory_ciphers"]);
        }

        [Fact]
        public void Grade_expands_with_exclusions_appended()
        {
            Assert.Equal("aNULL:-aNULL:HIGH:@STRENGTH:!aNULL:!MD5", PostfixCipherGrades.Expand("high", new[] { "aNULL, MD5" }));
            Assert.Equal("X:!kRSA", PostfixCipherGrades.Expand("high", new[] { "kRSA" }, new Dictionary<string, string> { ["tls_high_cipherlist"] = "X" }));
            Assert.Null(PostfixCipherGrades.Expand("strong", Array.Empty<string>()));
            Assert.Equal(new[] { "smtpd_tls_exclude_ciphers", "smtpd_tls_mandatory_exclude_ciphers" }, PostfixCipherGrades.ExclusionSettings("smtpd_tls_mandatory_ciphers"));
        }

        [OpenSslFact]
        public void Every_grade_list_reads_the_same_in_the_engine_and_openssl()
        {
            foreach (var list in PostfixCipherGrades.DefaultCipherLists.Values)
            {
                var (exit, stdout, _) = OpenSslCli.Ciphers(list);
                var r = CipherStringEngine.Parse(list);
                Assert.Equal(exit == 0, r.IsValid);
                if (r.IsValid) Assert.Equal(stdout, string.Join(":", r.OpenSslListing!));
            }
        }

        [Theory]
        [InlineData(TlsProfile.Modern)]
        [InlineData(TlsProfile.Intermediate)]
        [InlineData(TlsProfile.Old)]
        public void Profiles_hold_every_fact_and_their_tls13_suites_exist(TlsProfile name)
        {
            var p = MozillaProfiles.Get(name);
            Assert.Equal(name, p.Name);
            Assert.Equal("5.7", p.GuidelineVersion);
            Assert.Contains(TlsVersion.Tls13, p.Protocols);
            Assert.Equal(new[] { "X25519", "prime256v1", "secp384r1" }, p.Groups);
            Assert.Equal(63072000, p.HstsMaxAgeSeconds);
            Assert.All(p.Tls13Ciphersuites.Split(':'), s => Assert.Contains(s, CipherCatalog.AllTls13Suites));
            if (name == TlsProfile.Modern)
            {
                Assert.Equal("", p.Ciphers);
                Assert.Equal(0, p.DhParamBits);
            }
            else
            {
                var r = CipherStringEngine.Parse(p.Ciphers);
                Assert.True(r.IsValid, r.Error);
                Assert.All(r.Suites, s => Assert.True(s.Suite.HasForwardSecrecy || name == TlsProfile.Old, s.Suite.Name));
                Assert.True(p.DhParamBits >= 1024);
            }
        }

        [Fact]
        public void Effective_tls_resolves_policy_over_profile()
        {
            var e = EffectiveTls.Resolve(new TlsPolicy { Profile = TlsProfile.Old, Ciphers = "HIGH" });
            Assert.Equal("HIGH", e.Ciphers);
            Assert.True(e.CiphersAreExplicit);
            Assert.Equal(TlsVersion.Tls10, e.MinimumProtocol);
            Assert.Equal(MozillaProfiles.Intermediate.Ciphers, EffectiveTls.Resolve(new TlsPolicy()).Ciphers);
        }
    }
}
