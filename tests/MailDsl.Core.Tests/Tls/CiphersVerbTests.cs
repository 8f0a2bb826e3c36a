using MailDsl.Hosting;
using MailDsl.Model;
using Xunit;

namespace MailDsl.Core.Tests.Tls
{
    /// <summary>The <c>ciphers [--openssl VERSION] STRING</c> verb against the real openssl of each version.</summary>
    public class CiphersVerbTests
    {
        private static (int Exit, string Out, string Err) Run(params string[] args) => RunOn(Distro.Debian12, args);

        private static (int Exit, string Out, string Err) RunOn(Distro target, params string[] args)
        {
            var stdout = new StringWriter();
            var stderr = new StringWriter();
            var exit = PlatformHost.Run(new[] { "ciphers" }.Concat(args).ToArray(), () => Platform.Create("example.com").Target(target), stdout, stderr);
            return (exit, stdout.ToString(), stderr.ToString());
        }

        private static IEnumerable<string> Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r'));

        [OpenSslTheory(OpenSslTarget.Debian12)]
        [InlineData("HIGH:!aNULL:!MD5")]
        [InlineData("ALL:!LOW:!SSLv2:!SSLv3:!EXP:!aNULL")]
        [InlineData("EECDH+AESGCM:EDH+AESGCM")]
        [InlineData("-ALL:kRSA")]
        public void Prints_one_name_a_line_as_the_targets_openssl_lists_them(string cipherString)
        {
            var (exit, stdout, stderr) = Run(cipherString);
            var openssl = OpenSslCli.Debian12.Ciphers(cipherString);
            Assert.Equal(0, openssl.ExitCode);
            Assert.True(exit == 0, stderr);
            Assert.Equal(openssl.Stdout.Split(':'), Lines(stdout));
            // The version read with is named on stderr, so stdout stays one suite a line.
            Assert.StartsWith("# OpenSSL 3.0, the target's (Debian 12", stderr);
        }

        [OpenSslTheory(OpenSslTarget.Debian13)]
        [InlineData("MEDIUM")]
        [InlineData("HIGH:MEDIUM:@STRENGTH")]
        [InlineData("TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256:AESCCM8")]
        public void With_openssl_35_it_lists_what_Debian_13s_openssl_lists(string cipherString)
        {
            var openssl = OpenSslCli.Debian13.Ciphers(cipherString);
            Assert.Equal(0, openssl.ExitCode);
            foreach (var (exit, stdout, stderr) in new[] { Run("--openssl", "3.5", cipherString), RunOn(Distro.Debian13, cipherString) })
            {
                Assert.True(exit == 0, stderr);
                Assert.Equal(openssl.Stdout.Split(':'), Lines(stdout));
                Assert.StartsWith("# OpenSSL 3.5", stderr);
            }
            // The same string on 3.0: MEDIUM selects nothing there, so the verb fails where Debian 12's openssl fails.
            if (cipherString == "MEDIUM")
            {
                Assert.NotEqual(0, OpenSslCli.Debian12.Ciphers(cipherString).ExitCode);
                Assert.Equal(1, Run("--openssl", "3.0", cipherString).Exit);
            }
        }

        public static TheoryData<string, string> SecurityLevelRuns()
        {
            var data = new TheoryData<string, string>();
            foreach (var cipherString in new[] { "@SECLEVEL=3:HIGH", "@SECLEVEL=2:HIGH", "@SECLEVEL=5:AES128", "@STRENGTH:HIGH:@SECLEVEL=4", "@SECLEVEL=1:AESCCM8:AESCCM" })
                foreach (var flag in new[] { "", "-s" })
                    data.Add(cipherString, flag);
            return data;
        }

        /// <summary>
        /// A string that starts with '@' (OpenSSL's own syntax, not a response file) prints exactly what the target's
        /// openssl prints, as the target's, with --openssl, and with -s what a server offers at the string's level.
        /// </summary>
        [OpenSslTheory(OpenSslTarget.Debian12)]
        [MemberData(nameof(SecurityLevelRuns))]
        public void Seclevel_and_strength_strings_print_exactly_what_Debian_12s_openssl_prints(string cipherString, string flag)
            => PrintsWhatOpenSslPrints(Distro.Debian12, "3.0", OpenSslCli.Debian12, cipherString, flag);

        /// <summary>The same against the Debian 13 root's openssl 3.5.</summary>
        [OpenSslTheory(OpenSslTarget.Debian13)]
        [MemberData(nameof(SecurityLevelRuns))]
        public void Seclevel_and_strength_strings_print_exactly_what_Debian_13s_openssl_prints(string cipherString, string flag)
            => PrintsWhatOpenSslPrints(Distro.Debian13, "3.5", OpenSslCli.Debian13, cipherString, flag);

        private static void PrintsWhatOpenSslPrints(Distro target, string version, OpenSslCli openssl, string cipherString, string flag)
        {
            var flags = flag.Length == 0 ? Array.Empty<string>() : new[] { flag };
            var expected = openssl.Ciphers(cipherString, flags);
            Assert.True(expected.ExitCode == 0, expected.Stderr);
            foreach (var (exit, stdout, stderr) in new[] { RunOn(target, flags.Append(cipherString).ToArray()), Run(new[] { "--openssl", version }.Concat(flags).Append(cipherString).ToArray()) })
            {
                Assert.True(exit == 0, stderr);
                Assert.DoesNotContain("Response file", stderr);
                Assert.Equal(expected.Stdout.Split(':'), Lines(stdout));
                Assert.StartsWith("# OpenSSL " + version, stderr);
            }
        }

        [OpenSslFact(OpenSslTarget.Debian12)]
        public void Without_s_it_says_how_many_listed_suites_the_security_level_keeps_out_of_every_handshake()
        {
            var (exit, stdout, stderr) = Run("@SECLEVEL=3:HIGH");
            Assert.Equal(0, exit);
            var all = OpenSslCli.Debian12.Ciphers("@SECLEVEL=3:HIGH").Stdout.Split(':');
            var offered = OpenSslCli.Debian12.Ciphers("@SECLEVEL=3:HIGH", "-s").Stdout.Split(':');
            Assert.True(all.Length > offered.Length);
            Assert.Contains($"# {all.Length - offered.Length} of these {all.Length} suites are never negotiated at security level 3:", stderr);
            // -v says why, suite by suite: AES256-SHA256 (static RSA) has no forward secrecy, which level 3 refuses.
            var verbose = Run("-v", "@SECLEVEL=3:HIGH").Out;
            Assert.Contains("never negotiated: no forward secrecy, refused from security level 3", Lines(verbose).Single(l => l.StartsWith("AES256-SHA256 ", StringComparison.Ordinal)));
            Assert.Equal(offered.Length + 1, Lines(Run("-s", "-v", "@SECLEVEL=3:HIGH").Out).Count());
        }

        [Fact]
        public void Reasoned_versions_say_so_and_unknown_versions_are_refused()
        {
            var (exit, stdout, stderr) = Run("--openssl", "3.2", "MEDIUM");
            Assert.Equal(0, exit);
            Assert.StartsWith("# OpenSSL 3.2; reasoned, not seen", stderr);
            Assert.Contains("AES128-CCM8", Lines(stdout));
            var (exit34, _, stderr34) = Run("--openssl", "3.4", "HIGH");
            Assert.Equal(0, exit34);
            Assert.Contains("read with MailDsl's OpenSSL 3.2 tables", stderr34);
            var bad = Run("--openssl", "1.1.1", "HIGH");
            Assert.Equal(2, bad.Exit);
            Assert.Contains("write 3.0, 3.2 or 3.5", bad.Err);
            Assert.Equal(2, Run("--openssl", "3.5").Exit);
            Assert.Equal(2, Run().Exit);
        }

        [OpenSslTheory(OpenSslTarget.Debian12)]
        [InlineData("RC4:3DES", "no cipher match")]
        [InlineData("ALL:@SECLEVEL=9", "invalid command")]
        [InlineData("HIGH:!$aNULL", "invalid command")]
        public void Fails_where_openssl_refuses_and_says_why(string cipherString, string reason)
        {
            var (exit, stdout, stderr) = Run(cipherString);
            Assert.NotEqual(0, OpenSslCli.Debian12.Ciphers(cipherString).ExitCode);
            Assert.Equal(1, exit);
            Assert.Equal("", stdout);
            Assert.Contains(reason, stderr);
            Assert.Contains(cipherString, stderr);
            Assert.Contains("OpenSSL 3.0 refuses", stderr);
        }

        [Fact]
        public void Warns_about_names_openssl_ignores()
        {
            var (exit, _, stderr) = Run("HIGH:!aNUL");
            Assert.Equal(0, exit);
            Assert.Contains("'aNUL'", stderr);
            Assert.Contains("silently ignores", stderr);
        }
    }
}
