namespace MailDsl.Render.Tests.Support;

/// <summary>
/// Runs a daemon's checker against one emitted host installed at its real paths, without touching the machine:
/// inside a private mount namespace (<c>unshare -m</c>), /etc is overlaid with a throw-away layer, the host's
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
            $"mkdir -p {Quote(Path.GetDirectoryName(certificateFile)!)} {Quote(Path.GetDirectoryName(keyFile)!)}",
            $"cp {Quote(testCertificate)} {Quote(certificateFile)}",
            $"install -m 0600 {Quote(testKey)} {Quote(keyFile)}",
        }, check);

    private static CommandResult Run(string hostDir, string[]? certificateSteps, string check)
    {
        var scratch = Directory.CreateTempSubdirectory("maildsl-etc-").FullName;
        try
        {
            Directory.CreateDirectory(Path.Combine(scratch, "upper"));
            Directory.CreateDirectory(Path.Combine(scratch, "work"));
            var script = string.Join("\n", new[]
            {
                "set -e",
                $"mount -t overlay overlay -o lowerdir=/etc,upperdir={scratch}/upper,workdir={scratch}/work /etc",
                $"cp -r {Quote(hostDir)}/etc/. /etc/",
            }.Concat(certificateSteps ?? Array.Empty<string>()).Concat(new[] { "set +e", check }));
            return Command.Run("unshare", "-m", "--propagation", "private", "bash", "-c", script);
        }
        finally
        {
            try { Directory.Delete(scratch, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }

    private static string Quote(string value) => "'" + value.Replace("'", "'\\''") + "'";
}
