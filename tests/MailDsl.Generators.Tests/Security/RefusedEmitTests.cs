using System.Security.Cryptography;
using MailDsl.Hosting;
using MailDsl.Model;
using Xunit;

namespace MailDsl.Generators.Tests.Security;

/// <summary>A description with a hostile value writes nothing: the folder a previous emit wrote stays as it was, byte for byte.</summary>
public sealed class RefusedEmitTests
{
    private static Platform Describe(string keyPath) => Platform.Create("example.org").Target(Distro.Debian12)
        .Certificate("/etc/pki/tls/certs/mail.crt", keyPath)
        .SmtpIn(s => s.Hosts("mx-01.example.org"))
        .Mailstore(m => m.Hosts("store-01.example.org"));

    [Theory]
    [InlineData("/etc/pki/tls/private/../../../shadow")]
    [InlineData("/etc/pki/tls/private/mail.key'; chmod 777 /etc/shadow; '")]
    [InlineData("/etc/pki/tls/private/mail.key\nchmod 777 /etc/shadow")]
    public void A_refused_emit_leaves_the_previous_output_untouched(string hostileKey)
    {
        var dir = Directory.CreateTempSubdirectory("maildsl-refused-").FullName;
        try
        {
            var first = PlatformHost.Run(new[] { "emit", "--out", dir }, () => Describe("/etc/pki/tls/private/mail.key"), TextWriter.Null, TextWriter.Null);
            Assert.Equal(0, first);
            var before = Snapshot(dir);

            var errors = new StringWriter();
            var second = PlatformHost.Run(new[] { "emit", "--out", dir }, () => Describe(hostileKey), TextWriter.Null, errors);

            Assert.Equal(1, second);
            Assert.Contains("MAIL300", errors.ToString());
            Assert.Equal(before, Snapshot(dir));
            Assert.DoesNotContain("/shadow", string.Concat(Directory.GetFiles(dir, "*", SearchOption.AllDirectories).Select(File.ReadAllText)));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    // Every file under the folder with its bytes' hash and mode, and every directory.
    private static string Snapshot(string dir)
        => string.Join("\n", Directory.GetFileSystemEntries(dir, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal)
            .Select(p => Path.GetRelativePath(dir, p) + (File.Exists(p)
                ? " " + Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(p))) + (OperatingSystem.IsWindows() ? "" : " " + File.GetUnixFileMode(p))
                : "/")));
}
