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

    /// <summary>Postfix's grade lists against <c>postconf -d</c>, and the guideline profiles (TLSRef 6.0, Mozilla 5.7) as data.</summary>
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

        [OpenSslFact(OpenSslTarget.Debian12)]
        public void Every_grade_list_reads_the_same_in_the_engine_and_Debian_12s_openssl() => GradesAgree(OpenSslCli.Debian12);

        [OpenSslFact(OpenSslTarget.Debian13)]
        public void Every_grade_list_reads_the_same_in_the_engine_and_Debian_13s_openssl() => GradesAgree(OpenSslCli.Debian13);

        private static void GradesAgree(OpenSslCli openssl)
        {
            foreach (var list in PostfixCipherGrades.DefaultCipherLists.Values)
            {
                var (exit, stdout, _) = openssl.Ciphers(list);
                var r = CipherStringEngine.Parse(list, openssl.Catalog);
                Assert.Equal(exit == 0, r.IsValid);
                if (r.IsValid) Assert.Equal(stdout, string.Join(":", r.OpenSslListing!));
            }
        }

        public static TheoryData<int> ProfileIndexes() => new(Enumerable.Range(0, GuidelineProfiles.All.Count));

        [Theory]
        [MemberData(nameof(ProfileIndexes))]
        public void Profiles_hold_every_fact_and_read_the_same_on_every_openssl(int index)
        {
            var p = GuidelineProfiles.All[index];
            Assert.Same(p, GuidelineProfiles.Find(p.Guideline, p.Name));
            Assert.Equal(p.Guideline == TlsGuideline.TlsRef60 ? "6.0" : "5.7", p.GuidelineVersion);
            Assert.Contains(TlsVersion.Tls13, p.Protocols);
            Assert.Equal(63072000, p.HstsMaxAgeSeconds);
            Assert.Contains("prime256v1", p.RecommendedGroups);
            Assert.All(p.RecommendedGroups, g => Assert.NotNull(GroupCatalog.OpenSsl35.Find(g)));
            foreach (var catalog in CipherCatalog.All)
            {
                Assert.All(p.Tls13Ciphersuites.Split(':'), s => Assert.Contains(s, catalog.AllTls13Suites));
                if (p.Name == TlsProfile.Modern)
                {
                    Assert.Equal("", p.Ciphers);
                    continue;
                }
                var r = CipherStringEngine.Parse(p.Ciphers, catalog);
                Assert.True(r.IsValid, r.Error);
                Assert.All(r.Suites, s => Assert.True(s.Suite.HasForwardSecrecy || p.Name == TlsProfile.Old, s.Suite.Name));
            }
        }

        [Fact]
        public void TlsRef_60_intermediate_is_its_published_suites_ecdhe_only_and_old_is_gone()
        {
            // https://data.tlsref.org/guidelines/6.0.json, configurations.intermediate.ciphers.iana, in its order.
            var iana = new[]
            {
                "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256", "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384",
                "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384", "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256", "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256",
            };
            var p = GuidelineProfiles.TlsRef60Intermediate;
            var names = p.Ciphers.Split(':');
            Assert.Equal(iana, names.Select(n => CipherCatalog.OpenSsl35.FindSuite(n)!.IanaName));
            Assert.Equal(new[] { "X25519MLKEM768", "X25519", "prime256v1", "secp384r1" }, p.RecommendedGroups);
            Assert.DoesNotContain(CipherStringEngine.Parse(p.Ciphers, CipherCatalog.OpenSsl35).Suites, s => s.Suite.KeyExchange == KeyExchange.Dhe);
            Assert.Null(GuidelineProfiles.Find(TlsGuideline.TlsRef60, TlsProfile.Old));
            Assert.Same(GuidelineProfiles.Mozilla57Old, GuidelineProfiles.Get(TlsGuideline.TlsRef60, TlsProfile.Old));
            Assert.Equal(0, GuidelineProfiles.Mozilla57Old.SecurityLevel);
            Assert.Equal(2, p.SecurityLevel);
        }

        [Fact]
        public void Effective_tls_resolves_policy_over_profile_and_filters_groups_by_the_targets_openssl()
        {
            var e = EffectiveTls.Resolve(new TlsPolicy { Profile = TlsProfile.Old, Guideline = TlsGuideline.Mozilla57, Ciphers = "HIGH" }, new(3, 0, 19));
            Assert.Equal("HIGH", e.Ciphers);
            Assert.True(e.CiphersAreExplicit);
            Assert.Equal(TlsVersion.Tls10, e.MinimumProtocol);

            var on30 = EffectiveTls.Resolve(new TlsPolicy(), new(3, 0, 19));
            Assert.Equal(GuidelineProfiles.TlsRef60Intermediate.Ciphers, on30.Ciphers);
            Assert.Equal(new[] { "X25519", "prime256v1", "secp384r1" }, on30.Groups);
            Assert.Equal(new[] { "X25519MLKEM768" }, on30.GroupsLeftOut);
            Assert.Contains("TLSRef guideline 6.0, intermediate profile, for OpenSSL 3.0 (X25519MLKEM768 left out", on30.ProfileDescription);
            Assert.Equal(new[] { "X25519", "prime256v1", "secp384r1" }, EffectiveTls.Resolve(new TlsPolicy(), new(3, 2, 2)).Groups);

            var on35 = EffectiveTls.Resolve(new TlsPolicy(), new(3, 5, 9));
            Assert.Equal(new[] { "X25519MLKEM768", "X25519", "prime256v1", "secp384r1" }, on35.Groups);
            Assert.Empty(on35.GroupsLeftOut);
            Assert.False(on35.GroupsAreExplicit);

            var pinned = EffectiveTls.Resolve(new TlsPolicy { Guideline = TlsGuideline.Mozilla57 }, new(3, 5, 9));
            Assert.Equal(GuidelineProfiles.Mozilla57Intermediate.Ciphers, pinned.Ciphers);
            Assert.Equal(new[] { "X25519", "prime256v1", "secp384r1" }, pinned.Groups);

            var written = EffectiveTls.Resolve(new TlsPolicy { Groups = EquatableArray.Of("x448", "X25519MLKEM768") }, new(3, 0, 19));
            Assert.Equal(new[] { "x448", "X25519MLKEM768" }, written.Groups); // as written: MAIL1006 refuses the unknown one
            Assert.True(written.GroupsAreExplicit);

            Assert.True(on30.ServerCipherOrder);
            Assert.Contains("leaves the choice to the client", on30.ServerCipherOrderNote);
            Assert.Contains("testssl.sh", on30.ServerCipherOrderNote);
        }

        [Fact]
        public void A_layer_inherits_the_platforms_guideline_and_groups_unless_it_writes_its_own()
        {
            var platform = new TlsPolicy { Guideline = TlsGuideline.Mozilla57, Groups = EquatableArray.Of("X25519", "prime256v1") };
            var layer = platform.With(new TlsPolicy { Ciphers = "ECDHE+AESGCM" });
            Assert.Equal(TlsGuideline.Mozilla57, layer.Guideline);
            Assert.Equal(new[] { "X25519", "prime256v1" }, layer.Groups!.Value);
            Assert.Equal(new[] { "secp384r1" }, platform.With(new TlsPolicy { Groups = EquatableArray.Of("secp384r1") }).Groups!.Value);
        }
    }
}
