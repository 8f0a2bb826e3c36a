using MailDsl.Hosting;
using MailDsl.Model;

namespace MailDsl.Deploy.Tests.Support;

/// <summary>
/// A temporary folder holding a test certificate and key (RSA, made by openssl, covering every name the deployment
/// platforms serve and 127.0.0.1) and any number of emit outputs made by the real <c>emit</c> verb. Deleted on dispose.
/// </summary>
public sealed class Deployment : IDisposable
{
    private int _emits;

    private Deployment(string root) => Root = root;

    /// <summary>The temporary folder.</summary>
    public string Root { get; }

    /// <summary>The test certificate.</summary>
    public string CertificateFile => Path.Combine(Root, "pki", "deploy.crt");

    /// <summary>Its key (mode 0600).</summary>
    public string KeyFile => Path.Combine(Root, "pki", "deploy.key");

    /// <summary>Another key, which does not belong to the certificate.</summary>
    public string OtherKeyFile => Path.Combine(Root, "pki", "other.key");

    /// <summary>The folder shared into Debian 13 hosts (everything here).</summary>
    public IReadOnlyList<string> Shared => new[] { Root };

    /// <summary>Makes the folder and the certificate.</summary>
    public static Deployment Create()
    {
        var deployment = new Deployment(Directory.CreateTempSubdirectory("maildsl-deploy-").FullName);
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(deployment.CertificateFile)!);
            var made = Command.Run("openssl", new[]
            {
                "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", deployment.KeyFile, "-out", deployment.CertificateFile, "-days", "30",
                "-subj", "/CN=" + DeployPlatforms.Domain,
                "-addext", "subjectAltName=" + string.Join(",", DeployPlatforms.Names.Select(n => "DNS:" + n).Append("IP:127.0.0.1")),
            });
            if (!made.Succeeded) throw new InvalidOperationException("openssl could not make the test certificate:\n" + made);
            var other = Command.Run("openssl", "genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048", "-out", deployment.OtherKeyFile);
            if (!other.Succeeded) throw new InvalidOperationException("openssl could not make the second key:\n" + other);
            if (!OperatingSystem.IsWindows())
                foreach (var key in new[] { deployment.KeyFile, deployment.OtherKeyFile })
                    File.SetUnixFileMode(key, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            return deployment;
        }
        catch
        {
            deployment.Dispose();
            throw;
        }
    }

    /// <summary>Emits <paramref name="describe"/> with the real emit verb into a new folder here, and returns that folder.</summary>
    public string Emit(Func<Platform> describe)
    {
        var outDir = Path.Combine(Root, "out" + Interlocked.Increment(ref _emits));
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var exit = PlatformHost.Run(new[] { "emit", "--out", outDir }, describe, stdout, stderr);
        if (exit != 0) throw new InvalidOperationException($"emit refused the platform (exit {exit}):\n{stdout}{stderr}");
        return outDir;
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        try { Directory.Delete(Root, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
