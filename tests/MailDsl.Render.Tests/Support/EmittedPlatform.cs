using MailDsl.Hosting;

namespace MailDsl.Render.Tests.Support;

/// <summary>
/// One platform emitted through the real <c>emit</c> verb into a temporary folder, with a real self-signed
/// certificate and key (made by openssl) at the paths the platform names, since nginx -t loads them.
/// </summary>
public sealed class EmittedPlatform : IDisposable
{
    private EmittedPlatform(string root) => Root = root;

    /// <summary>The temporary folder holding the certificate, the emit output and scratch space.</summary>
    public string Root { get; }

    /// <summary>The emit output folder.</summary>
    public string OutDir => Path.Combine(Root, "out");

    /// <summary>Where the test certificate is.</summary>
    public string CertificateFile => Path.Combine(Root, "pki", "allservers.crt");

    /// <summary>Where the test key is (mode 0600).</summary>
    public string KeyFile => Path.Combine(Root, "pki", "allservers.key");

    /// <summary>What the emit verb printed.</summary>
    public string EmitLog { get; private set; } = "";

    /// <summary>The host folders emitted.</summary>
    public IReadOnlyList<string> Hosts => Directory.GetDirectories(OutDir).Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal).ToList();

    /// <summary>A host's folder.</summary>
    public string HostDir(string host) => Path.Combine(OutDir, host);

    /// <summary>Creates the certificate, describes the platform with its paths, and emits it.</summary>
    public static EmittedPlatform Emit(Func<string, string, Platform> describe)
    {
        var emitted = new EmittedPlatform(Directory.CreateTempSubdirectory("maildsl-render-").FullName);
        Directory.CreateDirectory(Path.GetDirectoryName(emitted.CertificateFile)!);
        if (Command.Exists("openssl"))
        {
            var made = Command.Run("openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
                "-keyout", emitted.KeyFile, "-out", emitted.CertificateFile, "-subj", "/CN=localhost", "-days", "2");
            if (made.ExitCode != 0) throw new InvalidOperationException("openssl could not make the test certificate:\n" + made);
            if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(emitted.KeyFile, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var exit = PlatformHost.Run(new[] { "emit", "--out", emitted.OutDir }, () => describe(emitted.CertificateFile, emitted.KeyFile), stdout, stderr);
        emitted.EmitLog = stdout + "\n" + stderr;
        if (exit != 0) throw new InvalidOperationException($"emit failed ({exit}):\n{emitted.EmitLog}");
        return emitted;
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        try { Directory.Delete(Root, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
