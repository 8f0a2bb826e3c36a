using MailDsl.Hosting;
using Xunit;

namespace MailDsl.Core.Tests.Tls
{
    /// <summary>The <c>ciphers STRING</c> verb against the local openssl.</summary>
    public class CiphersVerbTests
    {
        private static (int Exit, string Out, string Err) Run(string cipherString)
        {
            var stdout = new StringWriter();
            var stderr = new StringWriter();
            var exit = PlatformHost.Run(new[] { "ciphers", cipherString }, () => Platform.Create("example.com"), stdout, stderr);
            return (exit, stdout.ToString(), stderr.ToString());
        }

        [OpenSslTheory]
        [InlineData("HIGH:!aNULL:!MD5")]
        [InlineData("ALL:!LOW:!SSLv2:!SSLv3:!EXP:!aNULL")]
        [InlineData("EECDH+AESGCM:EDH+AESGCM")]
        [InlineData("-ALL:kRSA")]
        public void Prints_one_name_a_line_as_openssl_lists_them(string cipherString)
        {
            var (exit, stdout, stderr) = Run(cipherString);
            var openssl = OpenSslCli.Ciphers(cipherString);
            Assert.Equal(0, openssl.ExitCode);
            Assert.True(exit == 0, stderr);
            Assert.Equal(openssl.Stdout.Split(':'), stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')));
        }

        [OpenSslTheory]
        [InlineData("RC4:3DES", "no cipher match")]
        [InlineData("ALL:@SECLEVEL=9", "invalid command")]
        [InlineData("HIGH:!$aNULL", "invalid command")]
        public void Fails_where_openssl_refuses_and_says_why(string cipherString, string reason)
        {
            var (exit, stdout, stderr) = Run(cipherString);
            Assert.NotEqual(0, OpenSslCli.Ciphers(cipherString).ExitCode);
            Assert.Equal(1, exit);
            Assert.Equal("", stdout);
            Assert.Contains(reason, stderr);
            Assert.Contains(cipherString, stderr);
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
