using System.Diagnostics;
using Xunit;

namespace MailDsl.Core.Tests.Rules.Evidence;

/// <summary>
/// A test that needs a daemon's own tool. Without it the test skips, naming the Debian package; with
/// MAILDSL_REQUIRE_DAEMONS=1 (CI) it runs anyway and fails, so nothing skips there.
/// </summary>
public sealed class DaemonFactAttribute : FactAttribute
{
    public DaemonFactAttribute(string tool, string debianPackage)
    {
        if (DaemonTools.Find(tool) is null && Environment.GetEnvironmentVariable("MAILDSL_REQUIRE_DAEMONS") != "1")
            Skip = $"{tool} is not installed (Debian package {debianPackage})";
    }
}

/// <summary>Finds and runs the daemons' tools.</summary>
internal static class DaemonTools
{
    private static readonly string[] Dirs = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':')
        .Concat(new[] { "/usr/sbin", "/usr/bin", "/sbin", "/bin" }).Distinct().ToArray();

    public static string? Find(string tool)
        => Dirs.Select(d => Path.Combine(d, tool)).FirstOrDefault(File.Exists);

    public static string Require(string tool, string debianPackage)
        => Find(tool) ?? throw new InvalidOperationException($"{tool} is required here (MAILDSL_REQUIRE_DAEMONS=1): apt-get install {debianPackage}");

    /// <summary>Runs a tool to completion (10 s at most) and returns its exit code, stdout and stderr.</summary>
    public static (int Code, string Out, string Err) Run(string tool, params string[] args)
    {
        var psi = new ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args) psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(10_000))
        {
            p.Kill(entireProcessTree: true);
            throw new TimeoutException($"{tool} {string.Join(' ', args)} did not finish in 10 s");
        }
        return (p.ExitCode, stdout.Result, stderr.Result);
    }

    /// <summary>A fresh temporary directory, removed when disposed.</summary>
    public sealed class TempDir : IDisposable
    {
        public string Path { get; } = Directory.CreateTempSubdirectory("maildsl-rules-").FullName;
        public void Dispose() { try { Directory.Delete(Path, recursive: true); } catch (IOException) { } }
    }
}
