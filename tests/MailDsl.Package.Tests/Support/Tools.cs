using System.Diagnostics;
using System.Text;

namespace MailDsl.Package.Tests.Support;

/// <summary>A finished process: exit code and what it printed.</summary>
public sealed record Ran(int ExitCode, string Stdout, string Stderr, TimeSpan Took)
{
    public string Output => Stdout + Stderr;

    public override string ToString() => $"exit {ExitCode} after {Took.TotalSeconds:F1} s\n{Stdout}\n{Stderr}";
}

/// <summary>Runs the real tools (dotnet, npm, node) as a user would, in a folder, with a time limit.</summary>
public static class Tools
{
    /// <summary>The repository's root: the folder holding MailDsl.sln above the test binaries.</summary>
    public static string RepoRoot { get; } = FindRoot();

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "MailDsl.sln"))) return dir.FullName;
        throw new InvalidOperationException("MailDsl.sln not found above " + AppContext.BaseDirectory);
    }

    /// <summary>Runs <paramref name="exe"/> with <paramref name="args"/> in <paramref name="dir"/>, stdin from <paramref name="input"/>.</summary>
    public static Ran Run(string dir, string exe, IEnumerable<string> args, string? input = null, TimeSpan? timeout = null)
    {
        var psi = new ProcessStartInfo(exe)
        {
            WorkingDirectory = dir,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = input is not null,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
        };
        foreach (var a in args) psi.ArgumentList.Add(a);
        // The test host's MSBuild variables would make a nested dotnet build use the test's SDK resolution.
        foreach (var name in new[] { "MSBuildExtensionsPath", "MSBuildSDKsPath", "MSBUILD_EXE_PATH", "MSBuildLoadMicrosoftTargetsReadOnly", "VSTEST_HOST_DEBUG" })
            psi.Environment.Remove(name);
        psi.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        psi.Environment["DOTNET_NOLOGO"] = "1";
        psi.Environment["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1";
        var watch = Stopwatch.StartNew();
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        if (input is not null)
        {
            p.StandardInput.Write(input);
            p.StandardInput.Close();
        }
        if (!p.WaitForExit((int)(timeout ?? TimeSpan.FromMinutes(5)).TotalMilliseconds))
        {
            p.Kill(entireProcessTree: true);
            throw new TimeoutException($"{exe} {string.Join(' ', args)} did not finish in time");
        }
        p.WaitForExit();
        return new Ran(p.ExitCode, stdout.Result, stderr.Result, watch.Elapsed);
    }

    /// <summary><c>dotnet ARGS</c> in <paramref name="dir"/>.</summary>
    public static Ran Dotnet(string dir, params string[] args) => Run(dir, "dotnet", args);

    /// <summary>The full path of <paramref name="exe"/> on PATH, or null.</summary>
    public static string? Which(string exe) => (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':')
        .Select(d => Path.Combine(d, exe)).FirstOrDefault(File.Exists);

    /// <summary>
    /// Why a test that needs <paramref name="exe"/> cannot run here, or null. With <c>MAILDSL_REQUIRE_DAEMONS=1</c> (CI) a
    /// missing tool fails instead of skipping.
    /// </summary>
    public static string? Missing(string exe, string package)
    {
        if (Which(exe) is not null) return null;
        var reason = $"{exe} is not installed (Debian package: {package})";
        if (Environment.GetEnvironmentVariable("MAILDSL_REQUIRE_DAEMONS") == "1") throw new InvalidOperationException(reason + ", and MAILDSL_REQUIRE_DAEMONS=1");
        return reason;
    }
}
