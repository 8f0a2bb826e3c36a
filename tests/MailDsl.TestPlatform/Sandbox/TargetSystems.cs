using System.Security.Cryptography;
using System.Text;
using MailDsl.Model;
using MailDsl.Targets;

namespace MailDsl.TestPlatform.Sandbox;

/// <summary>
/// The targets whose own daemons and checkers run here, and where each one's files come from: Debian 12 is this
/// machine; Debian 13 is the root scripts/debian13-root.sh builds and caches (trixie's own packages, installed by
/// debootstrap and apt). Other targets cannot run here; asking for one says so.
/// </summary>
public static class TargetSystems
{
    /// <summary>The environment variable naming the Debian 13 root (the one scripts/debian13-root.sh reads too).</summary>
    public const string Debian13RootVariable = "MAILDSL_DEBIAN13_ROOT";

    /// <summary>Where scripts/debian13-root.sh puts the Debian 13 root when the variable is not set.</summary>
    public const string Debian13DefaultRoot = "/var/cache/maildsl/debian13";

    /// <summary>Every target that runs here, in the order tests list them.</summary>
    public static IReadOnlyList<Distro> Runnable { get; } = new[] { Distro.Debian12, Distro.Debian13 };

    /// <summary>The Debian 13 root's path.</summary>
    public static string Debian13Root => Environment.GetEnvironmentVariable(Debian13RootVariable) is { Length: > 0 } root ? root : Debian13DefaultRoot;

    /// <summary>
    /// The root file system of <paramref name="target"/>: null for this machine itself (Debian 12), the cached root's
    /// path for Debian 13. Throws for a target that has no system here.
    /// </summary>
    public static string? RootOf(Distro target) => target switch
    {
        Distro.Debian12 => null,
        Distro.Debian13 => Debian13Root,
        _ => throw new NotSupportedException(
            $"{TargetTable.Of(target).DisplayName} has no system on this machine: the tests run Debian 12 (the machine itself) and Debian 13 (the root scripts/debian13-root.sh builds)"),
    };

    /// <summary>How messages and test names call <paramref name="target"/>, e.g. <c>Debian 13</c>.</summary>
    public static string DisplayName(Distro target) => TargetTable.Of(target).DisplayName;

    /// <summary>
    /// A pattern for how a tool prints <paramref name="version"/>'s release series after <paramref name="prefix"/>:
    /// <c>OpenSSL 3.0.</c> and any patch release (<c>3.0.19</c>, <c>3.0.20</c>; Dovecot's <c>2.3.19.1</c>). The series tells
    /// the targets apart; a Debian update to another patch release is still the target's tool, so tests compare this.
    /// </summary>
    public static string SeriesPattern(string prefix, SoftwareVersion version)
        => System.Text.RegularExpressions.Regex.Escape(prefix + version.MajorMinor + ".") + @"\d+(\.\d+)?";

    /// <summary>The path of <paramref name="command"/> inside <paramref name="target"/>'s system (as seen from this machine), or null.</summary>
    public static string? Locate(Distro target, string command)
    {
        var root = RootOf(target);
        if (root is null) return Command.Locate(command);
        return new[] { "/usr/sbin", "/usr/bin", "/sbin", "/bin" }.Select(d => root + d + "/" + command).FirstOrDefault(File.Exists);
    }

    /// <summary>
    /// Why a test that needs <paramref name="commands"/> on <paramref name="target"/> (and root on this machine, if
    /// <paramref name="needsRoot"/>; a Debian 13 sandbox always needs it) cannot run here; null when it can. Always
    /// null under MAILDSL_REQUIRE_DAEMONS=1 (CI, scripts/test.sh), where such a test runs and fails: CI skips nothing.
    /// </summary>
    public static string? SkipReason(Distro target, IEnumerable<string> commands, bool needsRoot = false)
    {
        if (Environment.GetEnvironmentVariable("MAILDSL_REQUIRE_DAEMONS") == "1") return null;
        var root = RootOf(target);
        if (root is null) return Command.SkipReason(commands, needsRoot);
        if (!File.Exists(Path.Combine(root, ".maildsl-packages")))
            return $"needs the Debian 13 root at {root} ({Debian13RootVariable}); scripts/debian13-root.sh builds it (scripts/test.sh runs it)";
        var missing = commands.Where(c => Locate(target, c) is null).Select(c => Command.Packages.GetValueOrDefault(c, c)).Distinct().ToList();
        if (missing.Count > 0)
            return $"the Debian 13 root at {root} lacks package(s) {string.Join(", ", missing)}: add them to scripts/debian13-root.sh's list";
        return Command.SkipReason(new[] { "unshare", "nsenter" }, needsRoot: true);
    }

    /// <summary>Why a test needing <paramref name="commands"/> on every one of <paramref name="targets"/> cannot run; null when it can.</summary>
    public static string? SkipReason(IEnumerable<Distro> targets, IEnumerable<string> commands, bool needsRoot = false)
    {
        var reasons = targets.Select(t => SkipReason(t, commands, needsRoot)).OfType<string>().Distinct().ToList();
        return reasons.Count == 0 ? null : string.Join("; ", reasons);
    }

    /// <summary>
    /// A fingerprint of a root file system: every entry's path, type, size, mode and modification time, and the
    /// contents of every file under etc/. Equal fingerprints before and after a run prove the run left the root as it
    /// was (a sandbox writes only to its overlay's upper layer).
    /// </summary>
    public static string Fingerprint(string root)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var pending = new Stack<DirectoryInfo>();
        var top = new DirectoryInfo(root);
        Add(hash, top, root);
        pending.Push(top);
        while (pending.Count > 0)
        {
            var dir = pending.Pop();
            foreach (var entry in dir.EnumerateFileSystemInfos().OrderBy(e => e.Name, StringComparer.Ordinal))
            {
                var relative = Path.GetRelativePath(root, entry.FullName);
                // proc and sys are mount points for the kernel's views (empty in the cached root), not the root's files.
                if (dir == top && entry.Name is "proc" or "sys") continue;
                Add(hash, entry, root);
                // A symbolic link is an entry, never followed (dev/fd points at /proc/self/fd, which is this machine's).
                if (entry.LinkTarget is not null) continue;
                if (entry is DirectoryInfo sub) pending.Push(sub);
                else if (entry is FileInfo file && relative.StartsWith("etc/", StringComparison.Ordinal) && (file.Attributes & FileAttributes.Device) == 0)
                    hash.AppendData(File.ReadAllBytes(file.FullName));
            }
        }
        return Convert.ToHexString(hash.GetHashAndReset());
    }

    private static void Add(IncrementalHash hash, FileSystemInfo entry, string root)
    {
        var path = Path.GetRelativePath(root, entry.FullName);
        // .NET reads a link's times and mode from what it points to; a link is its target's name, nothing more.
        var line = entry.LinkTarget is { } target
            ? $"{path} -> {target}\n"
            : $"{path}|{(entry is FileInfo f ? f.Length : 0)}|{(OperatingSystem.IsWindows() ? 0 : (int)entry.UnixFileMode)}|{entry.LastWriteTimeUtc.Ticks}\n";
        hash.AppendData(Encoding.UTF8.GetBytes(line));
    }
}
