namespace MailDsl.Render.Tests.Support;

/// <summary>
/// Runs a daemon's checker against one emitted host installed at its real paths, without touching the machine:
/// inside a <see cref="SandboxHost"/> (private namespaces, /etc overlaid with a throw-away layer), the host's
/// emitted <c>etc/</c> is copied over it, and a test certificate and key are put where the platform says. The
/// daemons then read exactly what install.sh would install, through their own default config paths.
/// </summary>
public static class EtcSandbox
{
    /// <summary>Runs <paramref name="check"/> with the host's emitted <c>etc/</c> over /etc, certificates left where they are.</summary>
    public static CommandResult Run(string hostDir, string check) => Run(hostDir, null, check);

    /// <summary>Runs <paramref name="check"/> (a shell command line) in the sandbox for <paramref name="hostDir"/>.</summary>
    public static CommandResult Run(string hostDir, string certificateFile, string keyFile, string testCertificate, string testKey, string check)
        => Run(hostDir, new[]
        {
            $"mkdir -p {Command.ShellQuote(Path.GetDirectoryName(certificateFile)!)} {Command.ShellQuote(Path.GetDirectoryName(keyFile)!)}",
            $"cp {Command.ShellQuote(testCertificate)} {Command.ShellQuote(certificateFile)}",
            $"install -m 0600 {Command.ShellQuote(testKey)} {Command.ShellQuote(keyFile)}",
        }, check);

    private static CommandResult Run(string hostDir, string[]? certificateSteps, string check)
    {
        // The integration tests' sandbox (private namespaces, /etc and friends overlaid), for one command.
        using var host = SandboxHost.Start(Path.GetFileName(hostDir), Directory.CreateTempSubdirectory("maildsl-etc-").FullName);
        var script = new[] { "set -e", $"cp -r {Command.ShellQuote(hostDir)}/etc/. /etc/" }
            .Concat(certificateSteps ?? Array.Empty<string>()).Concat(new[] { "set +e", check });
        return host.Run(string.Join("\n", script));
    }

}
