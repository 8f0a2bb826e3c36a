using Xunit;
using System.Diagnostics;

namespace MailDsl.Render.Tests.Support;

/// <summary>The output of one run of an external tool.</summary>
public sealed record ToolResult(string Command, int ExitCode, string Output)
{
    /// <summary>A one-paragraph account for an assertion message: what ran, how it ended, what it said.</summary>
    public override string ToString() => $"$ {Command}\n(exit {ExitCode})\n{Output}";
}

/// <summary>Runs the Debian tools that judge our output, and knows which package each comes from.</summary>
public static class Tool
{
    /// <summary>The Debian package that provides each command the tests run.</summary>
    public static readonly IReadOnlyDictionary<string, string> Packages = new Dictionary<string, string>
    {
        ["nginx"] = "nginx",
        ["doveconf"] = "dovecot-core",
        ["dovecot"] = "dovecot-core",
        ["postfix"] = "postfix",
        ["script"] = "bsdutils",
        ["setpriv"] = "util-linux",
        ["ss"] = "iproute2",
        ["python3"] = "python3",
        ["postconf"] = "postfix",
        ["plparse"] = "gnustep-base-runtime",
        ["shellcheck"] = "shellcheck",
        ["ansible-playbook"] = "ansible",
        ["openssl"] = "openssl",
        ["unshare"] = "util-linux",
    };

    /// <summary>Whether <paramref name="command"/> is on PATH (or under /usr/sbin, where daemons live).</summary>
    public static bool Exists(string command) => Locate(command) is not null;

    /// <summary>The full path of <paramref name="command"/>, or null.</summary>
    public static string? Locate(string command)
    {
        var dirs = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Concat(new[] { "/usr/sbin", "/sbin", "/usr/bin" });
        return dirs.Select(d => Path.Combine(d, command)).FirstOrDefault(File.Exists);
    }

    /// <summary>Runs <paramref name="command"/> with <paramref name="args"/>, stdout and stderr merged, 60 s at most.</summary>
    public static ToolResult Run(string command, params string[] args)
    {
        var path = Locate(command) ?? throw new InvalidOperationException($"{command} is not installed (Debian package {Packages.GetValueOrDefault(command, command)})");
        var start = new ProcessStartInfo(path) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args) start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(60_000))
        {
            process.Kill(entireProcessTree: true);
            return new ToolResult(Describe(command, args), -1, "timed out after 60 s\n" + stdout.Result + stderr.Result);
        }
        return new ToolResult(Describe(command, args), process.ExitCode, stdout.Result + stderr.Result);
    }

    private static string Describe(string command, string[] args) => command + " " + string.Join(" ", args.Select(a => a.Contains(' ') ? "'" + a + "'" : a));
}

/// <summary>
/// A fact that needs Debian tools. Where one is missing it is skipped with the package's name, unless
/// MAILDSL_REQUIRE_DAEMONS=1 (CI, scripts/test.sh), where it runs and fails: CI must skip nothing.
/// </summary>
public sealed class ToolFactAttribute : FactAttribute
{
    /// <summary>Needs every one of <paramref name="commands"/>.</summary>
    public ToolFactAttribute(params string[] commands) => Skip = ToolSkip.Reason(commands);
}

/// <summary>A theory that needs Debian tools; see <see cref="ToolFactAttribute"/>.</summary>
public sealed class ToolTheoryAttribute : TheoryAttribute
{
    /// <summary>Needs every one of <paramref name="commands"/>.</summary>
    public ToolTheoryAttribute(params string[] commands) => Skip = ToolSkip.Reason(commands);
}

internal static class ToolSkip
{
    public static string? Reason(string[] commands)
    {
        if (Environment.GetEnvironmentVariable("MAILDSL_REQUIRE_DAEMONS") == "1") return null;
        var missing = commands.Where(c => !Tool.Exists(c)).ToList();
        return missing.Count == 0 ? null
            : "needs Debian package(s) " + string.Join(", ", missing.Select(c => Tool.Packages.GetValueOrDefault(c, c)).Distinct()) + " (apt-get install them, or run scripts/test.sh)";
    }
}
