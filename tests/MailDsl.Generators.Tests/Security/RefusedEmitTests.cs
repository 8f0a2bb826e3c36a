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

    /// <summary>Issue 25's classes, one value each at its entry point in a whole description: refused, so nothing is written.</summary>
    [Theory]
    [InlineData("Platform.CertificateAuthority(string) caFile", "/etc/ssl/maildsl/ca.crt>/tmp/maildsl-pwned", "MAIL3001")]
    [InlineData("DatabaseBuilder.Name(string) database [SOGo's database]", "sogo&sslmode=disable", "MAIL3001")]
    [InlineData("SqlDirectoryBuilder.Table(string) name", "mail_users--", "MAIL3001")]
    [InlineData("LdapDirectoryBuilder.BaseDn(string) dn", "dc=example;dc=org", "MAIL3006")]
    [InlineData("LdapDirectoryBuilder.AddAlias(string, string[]) targets", "it@example.org,root@example.org", "MAIL3007")]
    [InlineData("StorageBuilder.Owner(string, int, int) user", "-ovmail", "MAIL3001")]
    [InlineData("Secret.Environment(string) variable [the directory's bind password]", "MAILDSL_KEEP_BACKUPS", "MAIL5013")]
    [InlineData("LdapDirectoryBuilder.Server(string, LdapSecurity, int, bool) host", "127.evil.example", "MAIL5001")]
    [InlineData("DnsBuilder.MtaSts(MtaStsMode, int, string[]) mxPatterns", "*.example.org\nmode: none", "MAIL3001")]
    [InlineData("DnsBuilder.MtaSts(MtaStsMode, int, string[]) mxPatterns", "mx..example.org", "MAIL3003")]
    [InlineData("DnsBuilder.TlsReports(string[]) uris", "mailto:tls@example.org,mailto:evil@evil.example", "MAIL3001")]
    [InlineData("DnsBuilder.TlsReports(string[]) uris", "mailto:tls@example.org\" \"v=TLSRPTv1", "MAIL3001")]
    [InlineData("DnsBuilder.Caa(string[]) issuers", "letsencrypt.org\" 0 issue \"evil.example", "MAIL3001")]
    [InlineData("CertificateBuilder.RenewedByCertbot(string, bool) lineage [the platform's certificate]", "mail;reboot", "MAIL3001")]
    [InlineData("CertificateBuilder.Alternative(string, string) keyFile [the platform's certificate]", "/etc/ssl/ecdsa.key'; id; '", "MAIL3001")]
    public void A_refused_value_of_the_directory_storage_and_secrets_leaves_the_previous_output_untouched(string entryPoint, string value, string id)
    {
        var entry = TestPlatform.Surface.DslDescriptions.EntryPoints.Single(e => e.Name == entryPoint);
        Platform Describe(string v)
        {
            var description = new TestPlatform.Surface.DslDescription { Directory = entry.Context.Directory };
            var (step, _) = entry.Call(v);
            // The added LDAP server is dialled without TLS, which only a server on this host may be.
            if (entry.Parameter.Method.Method.Name == "Server")
                step = step with { Arguments = step.Arguments.Select(a => a is TestPlatform.Surface.DslLiteral { Value: LdapSecurity } ? new TestPlatform.Surface.DslLiteral(LdapSecurity.Plain) : a).ToList() };
            entry.Context.Place(description, step);
            return (Platform)description.Chain().Run()!;
        }
        var dir = Directory.CreateTempSubdirectory("maildsl-refused-").FullName;
        try
        {
            var first = PlatformHost.Run(new[] { "emit", "--out", dir }, () => Describe(entry.Parameter.Method.Method.Name == "Server" ? "localhost" : entry.Benign), TextWriter.Null, TextWriter.Null);
            Assert.Equal(0, first);
            var before = Snapshot(dir);

            var errors = new StringWriter();
            var second = PlatformHost.Run(new[] { "emit", "--out", dir }, () => Describe(value), TextWriter.Null, errors);

            Assert.Equal(1, second);
            Assert.Contains(id, errors.ToString());
            Assert.Equal(before, Snapshot(dir));
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
