using MailDsl.Hosting;
using MailDsl.Model;
using MailDsl.Render.Tests.Support;
using MailDsl.TestPlatform.Tls;
using Xunit;

namespace MailDsl.Render.Tests.Certificates;

/// <summary>
/// <c>check --certs</c> on real certificate files made by openssl (a root, an intermediate, servers issued by it): each
/// broken certificate is a finding naming its file and the name, and a sound set passes.
/// </summary>
public sealed class CheckCertsTests : IDisposable
{
    private const string Domain = "certs.maildsl.internal";
    private const string Mx = "mx." + Domain;
    private const string MxVip = "smtp." + Domain;
    private const string Store = "store." + Domain;
    private const string MxCertificate = "/etc/ssl/maildsl/mx.crt";
    private const string MxKey = "/etc/ssl/maildsl/mx.key";
    private const string Certificate = "/etc/ssl/maildsl/platform.crt";
    private const string Key = "/etc/ssl/maildsl/platform.key";
    private const string Ca = "/etc/ssl/maildsl/ca.crt";

    private readonly string _folder = Directory.CreateTempSubdirectory("maildsl-check-certs-").FullName;
    private readonly TestPki _pki;

    public CheckCertsTests()
    {
        _pki = TestPki.Create(Path.Combine(_folder, "pki"));
        _pki.Issue("platform", new[] { Store, "imap." + Domain });
        _pki.Issue("mx", new[] { Mx, MxVip });
        _pki.Issue("mx-no-vip", new[] { Mx });
        _pki.Issue("mx-expired", new[] { Mx, MxVip }, days: -1);
        _pki.Issue("other", new[] { Mx, MxVip });
    }

    /// <summary>An MX with its own certificate (a VIP in front), a mailstore with the platform's.</summary>
    private static Platform Describe() => Platform.Create(Domain).Target(Distro.Debian12)
        .Certificate(Certificate, Key)
        .CertificateAuthority(Ca)
        .SmtpIn(s => s.Hosts(Mx).Vip(MxVip).Certificate(MxCertificate, MxKey))
        .Mailstore(m => m.Hosts(Store).Vip("imap." + Domain).Imaps());

    // Lays the files out under root/ at their paths on the hosts: the platform's and the CA as issued, the MX's as given.
    private string Root(string mxChain, string mxKey)
    {
        var root = Path.Combine(_folder, "root-" + Guid.NewGuid().ToString("N"));
        var ssl = Path.Combine(root, "etc", "ssl", "maildsl");
        Directory.CreateDirectory(ssl);
        File.Copy(_pki.File("platform.crt"), Path.Combine(ssl, "platform.crt"));
        File.Copy(_pki.File("platform.key"), Path.Combine(ssl, "platform.key"));
        File.Copy(_pki.RootCertificate, Path.Combine(ssl, "ca.crt"));
        File.Copy(mxChain, Path.Combine(ssl, "mx.crt"));
        File.Copy(mxKey, Path.Combine(ssl, "mx.key"));
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(Path.Combine(ssl, "mx.key"), UnixFileMode.UserRead | UnixFileMode.UserWrite);
            File.SetUnixFileMode(Path.Combine(ssl, "platform.key"), UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
        return root;
    }

    private static (int Exit, string Output) CheckCerts(string root)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var exit = PlatformHost.Run(new[] { "check", "--certs", "--root", root }, Describe, stdout, stderr);
        return (exit, stdout + stderr.ToString());
    }

    [ToolFact("openssl", "bash")]
    public void Sound_certificates_pass_with_their_days_left()
    {
        var (exit, output) = CheckCerts(Root(_pki.File("mx.crt"), _pki.File("mx.key")));

        Assert.True(exit == 0, output);
        Assert.Contains("certificates: no errors", output);
        Assert.Contains(Mx + ": ok: " + MxCertificate + ": 89 days left", output);
        Assert.Contains(Store + ": ok: " + Certificate + ": 89 days left", output);
        Assert.DoesNotContain("error:", output);
    }

    [ToolFact("openssl", "bash")]
    public void A_certificate_missing_the_VIP_name_is_an_error_naming_the_file_and_the_name()
    {
        var (exit, output) = CheckCerts(Root(_pki.File("mx-no-vip.crt"), _pki.File("mx-no-vip.key")));

        Assert.Equal(1, exit);
        Assert.Contains(Mx + ": error: the certificate " + MxCertificate + " does not cover " + MxVip + ", a name this host is reached by", output);
        // The mailstore's certificate is sound, and said so.
        Assert.Contains(Store + ": ok: " + Certificate, output);
    }

    [ToolFact("openssl", "bash")]
    public void A_chain_missing_its_intermediate_is_an_error_naming_the_file_and_the_issuer()
    {
        var (exit, output) = CheckCerts(Root(_pki.File("mx.leaf.crt"), _pki.File("mx.key")));

        Assert.Equal(1, exit);
        Assert.Contains(Mx + ": error: " + MxCertificate + " does not verify against the platform's CA " + Ca, output);
        Assert.Contains("unable to get local issuer certificate", output);
        Assert.Contains("an intermediate is missing from the file, after the certificate issued by CN = MailDsl Test Intermediate", output);
    }

    [ToolFact("openssl", "bash")]
    public void An_expired_certificate_is_an_error_naming_the_file()
    {
        var (exit, output) = CheckCerts(Root(_pki.File("mx-expired.crt"), _pki.File("mx-expired.key")));

        Assert.Equal(1, exit);
        Assert.Matches(Mx.Replace(".", "\\.") + @": error: the certificate " + MxCertificate.Replace(".", "\\.") + @" expired on \w+ +\d+ [\d:]+ \d{4} GMT", output);
    }

    [ToolFact("openssl", "bash")]
    public void The_key_of_another_certificate_is_an_error_naming_both_files()
    {
        var (exit, output) = CheckCerts(Root(_pki.File("mx.crt"), _pki.File("other.key")));

        Assert.Equal(1, exit);
        Assert.Contains(Mx + ": error: the key " + MxKey + " does not belong to the certificate " + MxCertificate + " (their public keys differ", output);
        // The key itself is never printed.
        Assert.DoesNotContain("PRIVATE KEY", output);
    }

    /// <inheritdoc/>
    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
