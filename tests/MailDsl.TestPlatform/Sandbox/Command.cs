using System.Diagnostics;

namespace MailDsl.TestPlatform.Sandbox;

/// <summary>What one run of an external command printed and how it ended.</summary>
/// <param name="CommandLine">The command as a person would type it.</param>
/// <param name="ExitCode">Its exit code; -1 when it was killed after the time limit.</param>
/// <param name="Output">Standard output and standard error, in that order.</param>
public sealed record CommandResult(string CommandLine, int ExitCode, string Output)
{
    /// <summary>Whether the command exited 0.</summary>
    public bool Succeeded => ExitCode == 0;

    /// <summary>What ran, how it ended and what it said: the text an assertion message needs.</summary>
    public override string ToString() => $"$ {CommandLine}\n(exit {ExitCode})\n{Output}";
}

/// <summary>Runs the Debian tools the platform is started and probed with.</summary>
public static class Command
{
    /// <summary>The Debian package each command comes from, for skip reasons and error messages.</summary>
    public static readonly IReadOnlyDictionary<string, string> Packages = new Dictionary<string, string>
    {
        ["nginx"] = "nginx",
        ["dovecot"] = "dovecot-core",
        ["doveconf"] = "dovecot-core",
        ["postfix"] = "postfix",
        ["postconf"] = "postfix",
        ["sogod"] = "sogo",
        ["openssl"] = "openssl",
        ["unshare"] = "util-linux",
        ["nsenter"] = "util-linux",
        ["testssl"] = "testssl.sh",
        ["sslscan"] = "sslscan",
        ["plparse"] = "gnustep-base-runtime",
        ["shellcheck"] = "shellcheck",
        ["ansible-playbook"] = "ansible",
        ["script"] = "bsdutils",
        ["ip"] = "iproute2",
        ["ss"] = "iproute2",
        ["sysctl"] = "procps",
        ["python3"] = "python3",
        ["chromium"] = "chromium",
        ["certutil"] = "libnss3-tools",
        ["node"] = "nodejs",
        ["npm"] = "npm",
    };

    /// <summary>
    /// Why a test that needs <paramref name="commands"/> (and root, if <paramref name="needsRoot"/>) cannot run here,
    /// naming the Debian packages; null when it can. Always null under MAILDSL_REQUIRE_DAEMONS=1 (CI, scripts/test.sh),
    /// where such a test runs and fails instead: CI must skip nothing.
    /// </summary>
    public static string? SkipReason(IEnumerable<string> commands, bool needsRoot = false)
    {
        if (Environment.GetEnvironmentVariable("MAILDSL_REQUIRE_DAEMONS") == "1") return null;
        var missing = commands.Where(c => !Exists(c)).Select(c => Packages.GetValueOrDefault(c, c)).Distinct().ToList();
        if (missing.Count > 0) return "needs Debian package(s) " + string.Join(", ", missing) + " (apt-get install them, or run scripts/test.sh)";
        if (needsRoot && (!OperatingSystem.IsLinux() || Environment.UserName != "root"))
            return "needs root on Linux, to run the daemons in private namespaces (scripts/test.sh under sudo)";
        return null;
    }

    /// <summary>Whether <paramref name="command"/> is installed.</summary>
    public static bool Exists(string command) => Locate(command) is not null;

    /// <summary>Runs <paramref name="command"/> with <paramref name="args"/> and no input, 180 s at most.</summary>
    public static CommandResult Run(string command, params string[] args) => Run(command, args, "", null);

    /// <summary>The full path of <paramref name="command"/> on PATH or in the sbin folders daemons live in, or null.</summary>
    public static string? Locate(string command)
    {
        var dirs = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Concat(new[] { "/usr/sbin", "/sbin", "/usr/bin" });
        return dirs.Select(d => Path.Combine(d, command)).FirstOrDefault(File.Exists);
    }

    /// <summary>Runs <paramref name="command"/>, feeding it <paramref name="stdin"/> (then end of input).</summary>
    public static CommandResult Run(string command, IReadOnlyList<string> args, string stdin = "", TimeSpan? timeout = null)
    {
        var path = Locate(command) ?? throw new InvalidOperationException(
            $"{command} is not installed (Debian package {Packages.GetValueOrDefault(command, command)}); scripts/install-deps.sh installs it");
        var start = new ProcessStartInfo(path)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in args) start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        process.StandardInput.Write(stdin);
        process.StandardInput.Close();
        // A limit that only stops a hang: shellcheck over every emitted script took over 60 s on two cores under load.
        var limit = timeout ?? TimeSpan.FromSeconds(180);
        if (!process.WaitForExit(limit))
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
            return new CommandResult(Describe(command, args), -1, $"killed after {limit.TotalSeconds:0} s\n{stdout.Result}{stderr.Result}");
        }
        return new CommandResult(Describe(command, args), process.ExitCode, stdout.Result + stderr.Result);
    }

    /// <summary>Quotes <paramref name="value"/> for a POSIX shell.</summary>
    public static string ShellQuote(string value) => "'" + value.Replace("'", "'\\''") + "'";

    private static string Describe(string command, IReadOnlyList<string> args)
        => command + " " + string.Join(" ", args.Select(a => a.Length == 0 || a.Any(c => char.IsWhiteSpace(c) || c is '\'' or '"' or ';' or '&' or '|') ? ShellQuote(a) : a));
}
