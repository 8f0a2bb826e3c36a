using MailDsl.Model;
using MailDsl.Rules;
using MailDsl.Tls;
using Xunit;

namespace MailDsl.Core.Tests.Rules
{
    /// <summary>
    /// The TLS rules that depend on the target's OpenSSL and on the guideline: profiles (MAIL1005), key-exchange groups
    /// (MAIL1006-1008), weakening tokens in cipher strings (MAIL1009, MAIL1012), each at its span and with a near miss.
    /// </summary>
    public class TlsTargetRuleTests
    {
        private static IReadOnlyList<Finding> Check(Platform p, string id) => RuleSet.Check(p.Build()).Where(f => f.RuleId == id).ToList();

        private static Platform On(Distro distro) => Platform.Create("example.com").Target(distro).Certificate("/etc/ssl/mail.pem", "/etc/ssl/mail.key");

        // ---- MAIL1005: a profile the guideline does not have ----

        [Fact]
        public void Old_under_TLSRef_60_is_an_error_at_the_profile_and_pinning_57_is_silent()
        {
            var f = Assert.Single(Check(On(Distro.Debian12).Tls(TlsProfile.Old), "MAIL1005"));
            Assert.Equal(Severity.Error, f.Severity);
            Assert.Equal("platform.tls.profile", f.OriginKey);
            Assert.Contains("TLSRef guideline 6.0", f.Message);
            Assert.Contains(".Tls(TlsProfile.Old, TlsGuideline.Mozilla57)", f.Message);

            var layer = Assert.Single(Check(On(Distro.Debian12).Mailstore(m => m.Hosts("store-01.example.com").Tls(TlsProfile.Old)), "MAIL1005"));
            Assert.Equal("mailstore.tls.profile", layer.OriginKey);

            Assert.Empty(Check(On(Distro.Debian12).Tls(TlsProfile.Old, TlsGuideline.Mozilla57), "MAIL1005"));
            Assert.Empty(Check(On(Distro.Debian12).Tls(TlsProfile.Old, TlsGuideline.Mozilla57).Mailstore(m => m.Hosts("store-01.example.com").Tls(TlsProfile.Old)), "MAIL1005"));
            Assert.Empty(Check(On(Distro.Debian12).Tls(TlsProfile.Modern), "MAIL1005"));
        }

        // ---- MAIL1006: a group the target's OpenSSL refuses ----

        [Fact]
        public void The_PQ_group_on_openssl_30_is_an_error_at_its_argument_and_silent_on_35()
        {
            var f = Assert.Single(Check(On(Distro.Debian12).Groups("X25519MLKEM768", "X25519", "prime256v1"), "MAIL1006"));
            Assert.Equal(Severity.Error, f.Severity);
            Assert.Equal("platform.tls.groups.0", f.OriginKey);
            Assert.Contains("arrived with OpenSSL 3.5; Debian 12 runs OpenSSL 3.0", f.Message);
            Assert.Contains("fails to start", f.Message);

            // RHEL 9 (OpenSSL 3.2, reasoned) lacks it too; Debian 13, or RHEL 9 running OpenSSL 3.5, has it.
            Assert.Single(Check(On(Distro.Rhel9).Groups("X25519MLKEM768", "X25519", "prime256v1"), "MAIL1006"));
            Assert.Empty(Check(On(Distro.Debian13).Groups("X25519MLKEM768", "X25519", "prime256v1"), "MAIL1006"));
            Assert.Empty(Check(Platform.Create("example.com").Target(Distro.Rhel9, t => t.WithOpenSsl("3.5")).Groups("X25519MLKEM768", "X25519", "prime256v1"), "MAIL1006"));
        }

        [Fact]
        public void Openssl_30_reads_group_names_case_sensitively_and_refuses_a_group_named_twice()
        {
            var upper = Assert.Single(Check(On(Distro.Debian12).Groups("X25519", "SECP256R1"), "MAIL1006"));
            Assert.Equal("platform.tls.groups.1", upper.OriginKey);
            Assert.Contains("did you mean 'secp256r1'", upper.Message);
            Assert.Empty(Check(On(Distro.Debian13).Groups("X25519", "SECP256R1"), "MAIL1006"));

            var twice = Assert.Single(Check(On(Distro.Debian12).Groups("x25519", "prime256v1", "X25519"), "MAIL1006"));
            Assert.Equal("platform.tls.groups.2", twice.OriginKey);
            Assert.Contains("names x25519 again ('x25519' already did)", twice.Message);
            Assert.Empty(Check(On(Distro.Debian13).Groups("x25519", "prime256v1", "X25519"), "MAIL1006"));
            Assert.Empty(Check(On(Distro.Debian12).Groups("x448", "P-256", "secp384r1", "ffdhe2048"), "MAIL1006"));
        }

        [Fact]
        public void A_raw_dovecot_curve_list_is_checked_at_the_name_inside_it()
        {
            const string v = "X25519:X25519MLKEM768:prime256v1";
            var f = Assert.Single(Check(On(Distro.Debian12).Mailstore(m => m.Hosts("store-01.example.com").DovecotSetting("ssl_curve_list", v)), "MAIL1006"));
            Assert.Equal("mailstore.setting.dovecot.ssl_curve_list.0.value", f.OriginKey);
            Assert.Equal("X25519MLKEM768", v.Substring(f.SubStart, f.SubLength));
            // OpenSSL 3.5 skips an unknown name marked optional with '?'; 3.0 refuses the '?' itself.
            Assert.Empty(Check(On(Distro.Debian13).Groups("?NoSuchGroup", "X25519", "prime256v1"), "MAIL1006"));
            Assert.Single(Check(On(Distro.Debian12).Groups("?X25519MLKEM768", "X25519", "prime256v1"), "MAIL1006"));
        }

        // ---- MAIL1007: no P-256 ----

        [Fact]
        public void A_list_without_P256_is_a_warning_at_the_call_and_any_P256_spelling_is_enough()
        {
            var f = Assert.Single(Check(On(Distro.Debian13).Groups("X25519MLKEM768", "X25519", "secp384r1"), "MAIL1007"));
            Assert.Equal(Severity.Warning, f.Severity);
            Assert.Equal("platform.tls.groups", f.OriginKey);
            Assert.Contains("prime256v1", f.Message);
            foreach (var p256 in new[] { "P-256", "prime256v1", "secp256r1" })
                Assert.Empty(Check(On(Distro.Debian12).Groups("X25519", p256), "MAIL1007"));
            Assert.Empty(Check(On(Distro.Debian12), "MAIL1007")); // the profile's list has it

            const string v = "X25519:secp384r1";
            var raw = Assert.Single(Check(On(Distro.Debian12).Mailstore(m => m.Hosts("store-01.example.com").DovecotSetting("ssl_curve_list", v)), "MAIL1007"));
            Assert.Equal(v, v.Substring(raw.SubStart, raw.SubLength));
        }

        // ---- MAIL1008: no group for a protocol's key exchange ----

        [Fact]
        public void Only_ffdhe_groups_with_only_ecdhe_suites_leave_tls12_without_a_key_exchange()
        {
            var f = Assert.Single(Check(On(Distro.Debian12).Groups("ffdhe2048", "ffdhe3072"), "MAIL1008"));
            Assert.Equal(Severity.Error, f.Severity);
            Assert.Equal("platform.tls.groups", f.OriginKey);
            Assert.Contains("TLS 1.2", f.Message);
            Assert.Contains("every TLS 1.2 suite its cipher string allows on OpenSSL 3.0 is ECDHE (6", f.Message);
            Assert.DoesNotContain("TLS 1.3 always", f.Message); // ffdhe groups do serve TLS 1.3

            // Near misses: DHE suites need no group in TLS 1.2; TLS 1.3 only; a curve in the list.
            Assert.Empty(Check(On(Distro.Debian12).Groups("ffdhe2048").Ciphers("ECDHE+AESGCM:DHE+AESGCM"), "MAIL1008"));
            Assert.Empty(Check(On(Distro.Debian12).Groups("ffdhe2048").Protocols(TlsVersion.Tls13), "MAIL1008"));
            Assert.Empty(Check(On(Distro.Debian12).Groups("ffdhe2048", "prime256v1"), "MAIL1008"));
        }

        [Fact]
        public void Groups_only_tls12_can_use_leave_tls13_without_one_and_a_layers_own_list_is_blamed_there()
        {
            var f = Assert.Single(Check(On(Distro.Debian12).Mailstore(m => m.Hosts("store-01.example.com").Groups("brainpoolP256r1", "secp256k1")), "MAIL1008"));
            Assert.Equal("mailstore.tls.groups", f.OriginKey);
            Assert.Contains("TLS 1.3", f.Message);
            Assert.Contains("on mailstore", f.Message);

            // The PQ hybrid alone: TLS 1.3 works on 3.5, TLS 1.2 has no curve.
            var pq = Assert.Single(Check(On(Distro.Debian13).Groups("X25519MLKEM768"), "MAIL1008"));
            Assert.Contains("TLS 1.2", pq.Message);
            Assert.Equal(2, Check(On(Distro.Debian12).Groups(), "MAIL1008").Count); // nothing at all: both protocols
        }

        // ---- MAIL1009: @SECLEVEL below the profile's ----

        [Fact]
        public void Seclevel_0_is_reported_at_the_token_with_what_it_enables()
        {
            const string s = "ECDHE+AESGCM:@SECLEVEL=0";
            var f = Assert.Single(Check(On(Distro.Debian12).Ciphers(s), "MAIL1009"));
            Assert.Equal(Severity.Warning, f.Severity);
            Assert.Equal("@SECLEVEL=0", s.Substring(f.SubStart, f.SubLength));
            Assert.Contains("SHA-1 and MD5 signatures", f.Message);
            Assert.Contains("OpenSSL 3.0's security level from 2", f.Message);
            Assert.DoesNotContain("CCM8", f.Message);
            Assert.Contains("CCM8", Assert.Single(Check(On(Distro.Debian13).Ciphers(s), "MAIL1009")).Message);

            var one = Assert.Single(Check(On(Distro.Debian12).Ciphers("ECDHE+AESGCM:@SECLEVEL=1"), "MAIL1009"));
            Assert.Contains("1024 to 2047 bits", one.Message);
        }

        [Fact]
        public void Seclevel_at_or_above_the_profiles_or_overridden_later_or_under_57_old_is_silent()
        {
            Assert.Empty(Check(On(Distro.Debian12).Ciphers("ECDHE+AESGCM:@SECLEVEL=2"), "MAIL1009"));
            Assert.Empty(Check(On(Distro.Debian12).Ciphers("@SECLEVEL=0:ECDHE+AESGCM:@SECLEVEL=3"), "MAIL1009"));
            Assert.Empty(Check(On(Distro.Debian12).Tls(TlsProfile.Old, TlsGuideline.Mozilla57).Ciphers("HIGH:@SECLEVEL=0"), "MAIL1009"));
        }

        // ---- MAIL1012: a later token adds back what '-' excluded ----

        [Fact]
        public void A_later_token_adding_back_anonymous_suites_is_reported_there_with_the_bang_fix()
        {
            const string s = "ECDHE+AESGCM:-aNULL:HIGH:!MD5";
            var f = Assert.Single(Check(On(Distro.Debian12).Ciphers(s), "MAIL1012"));
            Assert.Equal("HIGH", s.Substring(f.SubStart, f.SubLength));
            Assert.Contains("'-aNULL'", f.Message);
            Assert.Contains("ADH-AES256-GCM-SHA384", f.Message);
            Assert.Contains("Write '!aNULL'", f.Message);
            Assert.Equal("ECDHE+AESGCM:!aNULL:HIGH:!MD5", RuleTesting.Property(f, FixProperties.FixedValue));

            const string e = "ALL:-eNULL:COMPLEMENTOFALL";
            var enull = Assert.Single(Check(On(Distro.Debian13).Ciphers(e), "MAIL1012"));
            Assert.Equal("COMPLEMENTOFALL", e.Substring(enull.SubStart, enull.SubLength));
            Assert.Contains("no encryption", enull.Message);
        }

        [Fact]
        public void Bang_exclusions_minus_last_and_postfix_grade_lists_are_silent()
        {
            Assert.Empty(Check(On(Distro.Debian12).Ciphers("ECDHE+AESGCM:!aNULL:HIGH"), "MAIL1012"));
            Assert.Empty(Check(On(Distro.Debian12).Ciphers("HIGH:-aNULL"), "MAIL1012"));
            Assert.Empty(Check(On(Distro.Debian12).Ciphers("ECDHE+AESGCM:-kRSA:HIGH:!aNULL"), "MAIL1012")); // kRSA is outside the profile, not broken: MAIL1002's
            // Postfix's own "aNULL:-aNULL:HIGH" is Postfix's idiom, not the user's; MAIL1001 speaks about what it lets in.
            Assert.Empty(Check(On(Distro.Debian12).SmtpIn(i => i.Hosts("mx-01.example.com").PostfixSetting("smtpd_tls_ciphers", "high")), "MAIL1012"));
        }

        [Fact]
        public void Ccm8_suites_are_outside_the_profile_not_broken_though_35_counts_64_strength_bits_for_them()
        {
            var findings = RuleSet.Check(On(Distro.Debian13).Ciphers("AESCCM8").Build());
            Assert.DoesNotContain(findings, f => f.RuleId == "MAIL1001");
            Assert.Contains(findings, f => f.RuleId == "MAIL1002" && f.Message.Contains("AES-CCM"));
        }

        // ---- messages name the target's OpenSSL ----

        [Fact]
        public void Cipher_findings_name_the_targets_openssl_and_read_iana_names_from_32_on()
        {
            const string s = "HIGH:!aNUL:TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256";
            var on30 = RuleSet.Check(On(Distro.Debian12).Ciphers(s).Build());
            Assert.Contains(on30, f => f.RuleId == "MAIL1003" && f.Message.Contains("OpenSSL 3.0 does not know 'aNUL'"));
            Assert.Contains(on30, f => f.RuleId == "MAIL1003" && f.Message.Contains("the IANA name of OpenSSL's ECDHE-RSA-AES128-GCM-SHA256"));
            var on35 = RuleSet.Check(On(Distro.Debian13).Ciphers(s).Build());
            Assert.Contains(on35, f => f.RuleId == "MAIL1003" && f.Message.Contains("OpenSSL 3.5 does not know 'aNUL'"));
            Assert.DoesNotContain(on35, f => f.RuleId == "MAIL1003" && f.Message.Contains("IANA"));
            Assert.Contains(RuleSet.Check(On(Distro.Rhel9).Ciphers(s).Build()), f => f.Message.Contains("OpenSSL 3.2"));
            // MEDIUM selects nothing on 3.0 (refused) and the CCM8 suites on 3.5.
            Assert.Contains(RuleSet.Check(On(Distro.Debian12).Ciphers("MEDIUM").Build()), f => f.RuleId == "MAIL1004" && f.Message.StartsWith("OpenSSL 3.0 refuses"));
            Assert.DoesNotContain(RuleSet.Check(On(Distro.Debian13).Ciphers("MEDIUM").Build()), f => f.RuleId == "MAIL1004");
        }
    }
}
