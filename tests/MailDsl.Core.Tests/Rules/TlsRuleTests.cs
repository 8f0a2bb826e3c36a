using MailDsl.Model;
using MailDsl.Rules;
using MailDsl.Tls;
using Xunit;

namespace MailDsl.Core.Tests.Rules
{
    /// <summary>The MAIL10xx rules on models built with the runtime DSL.</summary>
    public class TlsRuleTests
    {
        private const string GuideDovecot = "ALL:!LOW:!SSLv2:!SSLv3:!EXP:!aNULL";

        // Only this area's diagnostics (MAIL10xx); other rules may speak about the same values.
        private static IReadOnlyList<Finding> Check(Platform p) => RuleSet.Check(p.Build()).Where(f => f.RuleId.StartsWith("MAIL10", StringComparison.Ordinal)).ToList();

        // Debian 12: OpenSSL 3.0, the version these expectations were taken from (the Debian 13 tests below use 3.5).
        private static Platform Base() => Platform.Create("example.com").Target(Distro.Debian12).Certificate("/etc/ssl/mail.pem", "/etc/ssl/mail.key");

        [Fact]
        public void Guide_dovecot_string_points_at_ALL_and_at_the_names_openssl_ignores()
        {
            var findings = Check(Base().Mailstore(m => m.Hosts("store-01.example.com").DovecotSetting("ssl_cipher_list", GuideDovecot)));
            const string origin = "mailstore.setting.dovecot.ssl_cipher_list.0.value";

            var outside = Assert.Single(findings, f => f.RuleId == "MAIL1002");
            Assert.Equal(origin, outside.OriginKey);
            Assert.Equal((0, 3), (outside.SubStart, outside.SubLength));
            Assert.Contains("'ALL'", outside.Message);
            Assert.Contains("12 static RSA key exchange: no forward secrecy", outside.Message);
            Assert.Contains("95 suites on OpenSSL 3.0 outside the TLSRef guideline 6.0, intermediate profile", outside.Message);
            Assert.Contains("and 91 more", outside.Message);
            Assert.Contains("!kRSA", outside.Message);

            var unknown = findings.Where(f => f.RuleId == "MAIL1003").ToList();
            Assert.Equal(new[] { "!SSLv2", "!EXP" }, unknown.Select(f => GuideDovecot.Substring(f.SubStart, f.SubLength)));
            Assert.All(unknown, f => Assert.Equal(origin, f.OriginKey));
            Assert.Contains("removed in OpenSSL 1.1.0", unknown[0].Message);

            Assert.DoesNotContain(findings, f => f.RuleId == "MAIL1001");
        }

        [Fact]
        public void Misspelled_exclusion_is_reported_with_a_suggestion_and_the_anonymous_suites_it_lets_in()
        {
            const string s = "HIGH:!aNUL";
            var findings = Check(Base().Ciphers(s));

            var unknown = Assert.Single(findings, f => f.RuleId == "MAIL1003");
            Assert.Equal("platform.tls.ciphers", unknown.OriginKey);
            Assert.Equal("!aNUL", s.Substring(unknown.SubStart, unknown.SubLength));
            Assert.Contains("Did you mean 'aNULL'?", unknown.Message);
            Assert.Equal("HIGH:!aNULL", Assert.Single(unknown.Properties, p => p.Name == FixProperties.FixedValue).Value);

            var broken = Assert.Single(findings, f => f.RuleId == "MAIL1001");
            Assert.Equal(Severity.Error, broken.Severity);
            Assert.Equal("HIGH", s.Substring(broken.SubStart, broken.SubLength));
            Assert.Contains("ADH-AES256-GCM-SHA384 (no authentication", broken.Message);
            Assert.Contains("!aNULL", broken.Message);
            Assert.Equal("HIGH:!aNUL:!aNULL", Assert.Single(broken.Properties, p => p.Name == FixProperties.FixedValue).Value);
        }

        [Fact]
        public void Each_token_is_blamed_for_the_suites_it_brought_in()
        {
            const string s = "ECDHE+AESGCM:kRSA+AESGCM:eNULL";
            var findings = Check(Base().SmtpIn(i => i.Hosts("mx-01.example.com").Ciphers(s)));
            var broken = Assert.Single(findings, f => f.RuleId == "MAIL1001");
            Assert.Equal("smtpIn.tls.ciphers", broken.OriginKey);
            Assert.Equal("eNULL", s.Substring(broken.SubStart, broken.SubLength));
            Assert.Contains("18 broken suites", broken.Message);
            Assert.Contains("18 no encryption (eNULL)", broken.Message);
            Assert.Contains("Append !eNULL:!aNULL:!MD5 to", broken.Message);
            var outside = Assert.Single(findings, f => f.RuleId == "MAIL1002");
            Assert.Equal("kRSA+AESGCM", s.Substring(outside.SubStart, outside.SubLength));
            Assert.Contains("2 suites", outside.Message);
            Assert.Contains("AES256-GCM-SHA384 (static RSA key exchange: no forward secrecy), AES128-GCM-SHA256 (static RSA", outside.Message);
        }

        [Fact]
        public void Tls13_and_iana_names_in_a_cipher_string_are_explained()
        {
            const string s = "TLS_AES_128_GCM_SHA256:TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256:ECDHE-RSA-AES256-GCM-SHA384";
            var unknown = Check(Base().Ciphers(s)).Where(f => f.RuleId == "MAIL1003").ToList();
            Assert.Equal(2, unknown.Count);
            Assert.Contains("a TLS 1.3 suite", unknown[0].Message);
            Assert.Equal((0, 22), (unknown[0].SubStart, unknown[0].SubLength));
            Assert.Contains("Did you mean 'ECDHE-RSA-AES128-GCM-SHA256'?", unknown[1].Message);
            Assert.Equal("TLS_AES_128_GCM_SHA256:ECDHE-RSA-AES128-GCM-SHA256:ECDHE-RSA-AES256-GCM-SHA384",
                Assert.Single(unknown[1].Properties).Value);
        }

        [Fact]
        public void Refused_string_is_an_error_at_the_bad_token()
        {
            const string s = "HIGH:!$aNULL";
            var f = Assert.Single(Check(Base().Ciphers(s)), x => x.RuleId == "MAIL1004");
            Assert.Equal(Severity.Error, f.Severity);
            Assert.Equal("!$aNULL", s.Substring(f.SubStart, f.SubLength));
            Assert.Contains("invalid command", f.Message);
        }

        [Fact]
        public void String_that_selects_nothing_is_refused_as_a_whole()
        {
            var f = Assert.Single(Check(Base().Ciphers("RC4:3DES")), x => x.RuleId == "MAIL1004");
            Assert.Equal(-1, f.SubStart);
            Assert.Contains("no cipher match", f.Message);
        }

        [Fact]
        public void Postfix_grade_is_analysed_as_the_list_it_becomes()
        {
            var findings = Check(Base().SmtpIn(i => i.Hosts("mx-01.example.com")
                .PostfixSetting("smtpd_tls_mandatory_ciphers", "high")
                .PostfixSetting("smtpd_tls_mandatory_exclude_ciphers", "aNULL, MD5")));
            var outside = Assert.Single(findings, f => f.RuleId == "MAIL1002");
            Assert.Equal("smtpIn.setting.postfix.smtpd_tls_mandatory_ciphers.0.value", outside.OriginKey);
            Assert.Equal(-1, outside.SubStart);
            Assert.Contains("aNULL:-aNULL:HIGH:@STRENGTH:!aNULL:!MD5", outside.Message);
            Assert.Contains("static RSA key exchange: no forward secrecy", outside.Message);
            Assert.Contains("'HIGH' enables 119 suites", outside.Message);
            Assert.DoesNotContain(findings, f => f.RuleId == "MAIL1001");
        }

        [Fact]
        public void Postfix_grade_without_exclusions_lets_anonymous_suites_in()
        {
            // tls_high_cipherlist starts with aNULL:-aNULL, so HIGH re-adds the anonymous suites first.
            var findings = Check(Base().SmtpIn(i => i.Hosts("mx-01.example.com").PostfixSetting("smtpd_tls_ciphers", "high")));
            var broken = Assert.Single(findings, f => f.RuleId == "MAIL1001");
            Assert.Contains("ADH-", broken.Message);
        }

        [Fact]
        public void Profile_strings_raise_nothing()
        {
            foreach (var (guideline, profile) in new[] { (TlsGuideline.TlsRef60, TlsProfile.Intermediate), (TlsGuideline.Mozilla57, TlsProfile.Intermediate), (TlsGuideline.Mozilla57, TlsProfile.Old) })
            {
                var findings = Check(Base().Tls(profile, guideline).Ciphers(GuidelineProfiles.Get(guideline, profile).Ciphers));
                Assert.DoesNotContain(findings, f => f.RuleId is "MAIL1001" or "MAIL1002" or "MAIL1004" or "MAIL1005");
            }
            Assert.DoesNotContain(Check(Base()), f => f.RuleId != "MAIL1020");
        }

        [Fact]
        public void Old_profile_names_3des_which_openssl_3_does_not_offer()
        {
            var findings = Check(Base().Tls(TlsProfile.Old, TlsGuideline.Mozilla57).Ciphers(GuidelineProfiles.Mozilla57Old.Ciphers));
            var f = Assert.Single(findings, x => x.RuleId == "MAIL1003");
            Assert.Equal("DES-CBC3-SHA", GuidelineProfiles.Mozilla57Old.Ciphers.Substring(f.SubStart, f.SubLength));
        }

        [Fact]
        public void Deprecated_and_obsolete_protocols_in_policies_and_settings()
        {
            var findings = Check(Base().Protocols(TlsVersion.Tls10, TlsVersion.Tls12)
                .SmtpIn(i => i.Hosts("mx-01.example.com").PostfixSetting("smtpd_tls_mandatory_protocols", "!SSLv2, !SSLv3"))
                .Mailstore(m => m.Hosts("store-01.example.com").DovecotSetting("ssl_min_protocol", "SSLv3")));

            var policy = Assert.Single(findings, f => f.OriginKey == "platform.tls.protocols.0");
            Assert.Equal("MAIL1011", policy.RuleId);
            Assert.DoesNotContain(findings, f => f.OriginKey == "platform.tls.protocols.1");

            var postfix = findings.Where(f => f.OriginKey == "smtpIn.setting.postfix.smtpd_tls_mandatory_protocols.0.value").ToList();
            Assert.Equal(new[] { "MAIL1011", "MAIL1011" }, postfix.Select(f => f.RuleId));
            Assert.Contains(postfix, f => f.Message.Contains("TLSv1.1") && f.Message.Contains(">=TLSv1.2"));

            var dovecot = findings.Where(f => f.OriginKey == "mailstore.setting.dovecot.ssl_min_protocol.0.value").ToList();
            Assert.Contains(dovecot, f => f.RuleId == "MAIL1010" && f.SubStart == 0 && f.SubLength == 5);
            Assert.Equal(2, dovecot.Count(f => f.RuleId == "MAIL1011"));
        }

        [Fact]
        public void Postfix_lower_bound_points_at_the_bound()
        {
            const string v = "!SSLv2 >=TLSv1.1";
            var findings = Check(Base().SmtpOut(o => o.Hosts("out-01.example.com").PostfixSetting("smtp_tls_protocols", v)));
            var f = Assert.Single(findings, x => x.RuleId == "MAIL1011");
            Assert.Equal(">=TLSv1.1", v.Substring(f.SubStart, f.SubLength));
        }
    }
}

namespace MailDsl.Core.Tests.Rules
{
    /// <summary>The TLS rules never throw, whatever the model holds.</summary>
    public class TlsRuleRobustnessTests
    {
        [Fact]
        public void Rules_survive_null_settings_and_random_strings()
        {
            var rnd = new Random(7);
            const string alphabet = "HIGHaNULkRSA!+-@:, >=TLSv1.2SSLv3$\u0000";
            string Random() => new string(Enumerable.Range(0, rnd.Next(0, 30)).Select(_ => alphabet[rnd.Next(alphabet.Length)]).ToArray());
            for (var i = 0; i < 300; i++)
            {
                var settings = EquatableArray.Of(
                    new RawSetting(Daemon.Postfix, null!, null!),
                    new RawSetting(Daemon.Postfix, "smtpd_tls_mandatory_ciphers", Random()),
                    new RawSetting(Daemon.Postfix, "smtpd_tls_mandatory_exclude_ciphers", Random()),
                    new RawSetting(Daemon.Postfix, "smtpd_tls_protocols", Random()),
                    new RawSetting(Daemon.Dovecot, "ssl_cipher_list", Random()),
                    new RawSetting(Daemon.Dovecot, "ssl_min_protocol", Random()),
                    new RawSetting(Daemon.Nginx, "ssl_protocols", Random()),
                    new RawSetting(Daemon.Nginx, "ssl_ecdh_curve", Random()),
                    new RawSetting(Daemon.Dovecot, "ssl_curve_list", Random()));
                var model = new PlatformModel
                {
                    Domain = "example.com",
                    Target = (Distro)rnd.Next(0, 6),
                    Versions = new VersionOverrides { OpenSsl = rnd.Next(3) == 0 ? Random() : null },
                    Tls = new TlsPolicy { Ciphers = Random(), Groups = EquatableArray.Of(null!, "", Random()), Guideline = (TlsGuideline)rnd.Next(0, 3), Profile = (TlsProfile)rnd.Next(0, 4) },
                    SmtpIn = new SmtpInLayer { RawSettings = settings, Tls = new TlsPolicy { Ciphers = Random(), Groups = rnd.Next(2) == 0 ? EquatableArray<string>.Empty : null } },
                };
                var findings = RuleSet.Check(model);
                Assert.All(findings, f => Assert.False(string.IsNullOrWhiteSpace(f.Message)));
            }
        }
    }
}
