using MailDsl.Model;

namespace MailDsl.Render.Tests.Support;

/// <summary>
/// One emitted host installed at its real paths in a sandbox of a target's own system, without touching the machine
/// or the target's root: inside a <see cref="SandboxHost"/> (private namespaces; on Debian 12 this machine with /etc
/// overlaid, on Debian 13 the cached root overlaid), the host's emitted <c>etc/</c> is copied over /etc, and a test
/// certificate and key are put where the platform says if asked. The daemons' checkers then read exactly what
/// install.sh would install, through their own default config paths, and they are the target's own.
/// </summary>
public sealed class EtcSandbox : IDisposable
{
    private readonly SandboxHost _host;

    private EtcSandbox(SandboxHost host, string hostDir)
    {
        _host = host;
        HostDir = hostDir;
    }

    /// <summary>The emitted host folder installed in the sandbox.</summary>
    public string HostDir { get; }

    /// <summary>Whose system the sandbox is.</summary>
    public Distro Target => _host.Target;

    /// <summary>
    /// Opens a sandbox of <paramref name="target"/> with <paramref name="hostDir"/>'s <c>etc/</c> over /etc.
    /// <paramref name="shared"/> are folders of this machine that must be reachable inside at their own paths (those
    /// holding the certificate files a platform names; on Debian 12 every folder outside /etc, /var, /home, /run is).
    /// With <paramref name="certificate"/>, the test certificate and key are installed at the platform's paths.
    /// </summary>
    public static EtcSandbox Open(Distro target, string hostDir, IEnumerable<string>? shared = null, TestCertificate? certificate = null)
    {
        var hostDirFull = Path.GetFullPath(hostDir);
        var layers = Directory.CreateTempSubdirectory("maildsl-etc-").FullName;
        var visible = (shared ?? Array.Empty<string>()).Append(hostDirFull);
        if (certificate is not null) visible = visible.Append(Path.GetDirectoryName(Path.GetFullPath(certificate.Source))!).Append(Path.GetDirectoryName(Path.GetFullPath(certificate.SourceKey))!);
        var host = SandboxHost.Start(Path.GetFileName(hostDirFull), layers, target, visible);
        try
        {
            var q = Command.ShellQuote;
            var steps = new List<string> { "set -e", $"cp -r {q(hostDirFull)}/etc/. /etc/" };
            if (certificate is not null)
                steps.AddRange(new[]
                {
                    $"mkdir -p {q(Path.GetDirectoryName(certificate.CertificateFile)!)} {q(Path.GetDirectoryName(certificate.KeyFile)!)}",
                    $"cp {q(certificate.Source)} {q(certificate.CertificateFile)}",
                    $"install -m 0600 {q(certificate.SourceKey)} {q(certificate.KeyFile)}",
                });
            host.Must(string.Join("\n", steps), "installing the emitted etc/");
            return new EtcSandbox(host, hostDirFull);
        }
        catch
        {
            host.Dispose();
            throw;
        }
    }

    /// <summary>Runs <paramref name="check"/> (a shell command line) in the sandbox.</summary>
    public CommandResult Run(string check) => _host.Run(check);

    /// <summary>Runs <paramref name="check"/> with the host's emitted <c>etc/</c> over Debian 12's /etc, certificates left where they are.</summary>
    public static CommandResult Run(string hostDir, string check)
    {
        using var sandbox = Open(Distro.Debian12, hostDir);
        return sandbox.Run(check);
    }

    /// <summary>Runs <paramref name="check"/> (a shell command line) in a Debian 12 sandbox for <paramref name="hostDir"/>, the test certificate at the platform's paths.</summary>
    public static CommandResult Run(string hostDir, string certificateFile, string keyFile, string testCertificate, string testKey, string check)
    {
        using var sandbox = Open(Distro.Debian12, hostDir, certificate: new TestCertificate(certificateFile, keyFile, testCertificate, testKey));
        return sandbox.Run(check);
    }

    /// <inheritdoc/>
    public void Dispose() => _host.Dispose();
}

/// <summary>A test certificate and key (files of this machine) to install at the paths a platform names.</summary>
/// <param name="CertificateFile">Where the platform's daemons read the certificate.</param>
/// <param name="KeyFile">Where they read the key.</param>
/// <param name="Source">The test certificate to put there.</param>
/// <param name="SourceKey">The test key to put there (mode 0600).</param>
public sealed record TestCertificate(string CertificateFile, string KeyFile, string Source, string SourceKey);
