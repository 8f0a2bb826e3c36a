using MailDsl.Hosting;
using MailDsl.Model;
using MailDsl.Render.Tests.Support;
using MailDsl.Certificates;
using MailDsl.TestPlatform.Sandbox;
using MailDsl.TestPlatform.Tls;
using Xunit;

namespace MailDsl.Render.Tests.Certificates;

/// <summary>
/// <c>check --certs</c> on real certificate files made by openssl (a root, an intermediate, servers issued by it): each
/// broken certificate is a finding naming its file and the name, and a sound set passes. On Debian 12 through the CLI
/// itself (this machine's bash and openssl 3.0); on Debian 13 the same program check --certs runs for each host
/// (<see cref="CertificateCheck.Program"/>: install.sh's certificate functions over the files under a root) is run by
/// Debian 13's own bash and openssl 3.5, in a sandbox of its root, and must say the same.
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
    private static Platform Describe(Distro target) => Platform.Create(Domain).Target(target)
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

    private (int Exit, string Output) CheckCerts(Distro target, string root)
    {
        if (target == Distro.Debian12)
        {
            var stdout = new StringWriter();
            var stderr = new StringWriter();
            var exit = PlatformHost.Run(new[] { "check", "--certs", "--root", root }, () => Describe(target), stdout, stderr);
            return (exit, stdout + stderr.ToString());
        }
        // What CertificateFiles.Check does for each host with certificates, with the target's own bash and openssl.
        var topology = MailDsl.Topology.PlatformTopology.Of(Describe(target).Build());
        using var sandbox = SandboxHost.Start("check-certs", Path.Combine(_folder, "sandbox-" + Guid.NewGuid().ToString("N")), target, new[] { _folder });
        var output = new System.Text.StringBuilder();
        var failed = false;
        foreach (var host in topology.Hosts.Where(h => HostCertificates.On(topology.Platform, h).Count > 0))
        {
            var program = Path.Combine(_folder, "check-" + host.Name + ".sh");
            File.WriteAllText(program, CertificateCheck.Program(topology, host));
            var result = sandbox.Run("openssl version >&2; bash " + Command.ShellQuote(program) + " " + Command.ShellQuote(root));
            Assert.Contains("OpenSSL 3.5", result.Output);
            foreach (var line in result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(l => !l.StartsWith("OpenSSL ", StringComparison.Ordinal)))
                output.Append(host.Name).Append(": ").Append(line).Append('\n');
            failed |= result.ExitCode != 0;
        }
        output.Append(failed ? "certificates: errors found (above)" : "certificates: no errors").Append('\n');
        return (failed ? 1 : 0, output.ToString());
    }

    public static TheoryData<Distro> Runnable => TargetData.Runnable();

    [TargetTheory("openssl", "bash"), MemberData(nameof(Runnable))]
    public void Sound_certificates_pass_with_their_days_left(Distro target)
    {
        var (exit, output) = CheckCerts(target, Root(_pki.File("mx.crt"), _pki.File("mx.key")));

        Assert.True(exit == 0, output);
        Assert.Contains("certificates: no errors", output);
        Assert.Contains(Mx + ": ok: " + MxCertificate + ": 89 days left", output);
        Assert.Contains(Store + ": ok: " + Certificate + ": 89 days left", output);
        Assert.DoesNotContain("error:", output);
    }

    [TargetTheory("openssl", "bash"), MemberData(nameof(Runnable))]
    public void A_certificate_missing_the_VIP_name_is_an_error_naming_the_file_and_the_name(Distro target)
    {
        var (exit, output) = CheckCerts(target, Root(_pki.File("mx-no-vip.crt"), _pki.File("mx-no-vip.key")));

        Assert.Equal(1, exit);
        Assert.Contains(Mx + ": error: the certificate " + MxCertificate + " does not cover " + MxVip + ", a name this host is reached by", output);
        // The mailstore's certificate is sound, and said so.
        Assert.Contains(Store + ": ok: " + Certificate, output);
    }

    [TargetTheory("openssl", "bash"), MemberData(nameof(Runnable))]
    public void A_chain_missing_its_intermediate_is_an_error_naming_the_file_and_the_issuer(Distro target)
    {
        var (exit, output) = CheckCerts(target, Root(_pki.File("mx.leaf.crt"), _pki.File("mx.key")));

        Assert.Equal(1, exit);
        Assert.Contains(Mx + ": error: " + MxCertificate + " does not verify against the platform's CA " + Ca, output);
        Assert.Contains("unable to get local issuer certificate", output);
        Assert.Contains("an intermediate is missing from the file, after the certificate issued by CN = MailDsl Test Intermediate", output);
    }

    [TargetTheory("openssl", "bash"), MemberData(nameof(Runnable))]
    public void An_expired_certificate_is_an_error_naming_the_file(Distro target)
    {
        var (exit, output) = CheckCerts(target, Root(_pki.File("mx-expired.crt"), _pki.File("mx-expired.key")));

        Assert.Equal(1, exit);
        Assert.Matches(Mx.Replace(".", "\\.") + @": error: the certificate " + MxCertificate.Replace(".", "\\.") + @" expired on \w+ +\d+ [\d:]+ \d{4} GMT", output);
    }

    [TargetTheory("openssl", "bash"), MemberData(nameof(Runnable))]
    public void The_key_of_another_certificate_is_an_error_naming_both_files(Distro target)
    {
        var (exit, output) = CheckCerts(target, Root(_pki.File("mx.crt"), _pki.File("other.key")));

        Assert.Equal(1, exit);
        Assert.Contains(Mx + ": error: the key " + MxKey + " does not belong to the certificate " + MxCertificate + " (their public keys differ", output);
        // The key itself is never printed.
        Assert.DoesNotContain("PRIVATE KEY", output);
    }

    /// <inheritdoc/>
    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
