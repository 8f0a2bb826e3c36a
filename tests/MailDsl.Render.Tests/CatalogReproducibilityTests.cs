using Xunit;

namespace MailDsl.Render.Tests;

/// <summary>
/// The settings catalogues (src/MailDsl.Core/Daemons/*/Catalog) are the daemons' own word: scripts/catalogs/regenerate.sh
/// reads them off Debian 12's postconf, doveconf and nginx (and its SOGo packages' files) on this machine and Debian 13's in its root, into a scratch
/// folder, and every seen catalogue must come out byte for byte as committed (names, statuses, notes and the
/// package versions in the header). A Debian update that changes a daemon's answers fails here until the catalogues
/// are regenerated and reviewed. Reasoned catalogues (no daemon to ask) are not regenerated.
/// </summary>
public sealed class CatalogReproducibilityTests
{
    private static readonly string Debian13Root = Environment.GetEnvironmentVariable("MAILDSL_DEBIAN13_ROOT") is { Length: > 0 } root
        ? root : "/var/cache/maildsl/debian13";

    public sealed class Debian12Fact : FactAttribute
    {
        public Debian12Fact() => Skip = Command.SkipReason(new[] { "postconf", "doveconf", "nginx", "sogod", "python3" });
    }

    public sealed class Debian13Fact : FactAttribute
    {
        public Debian13Fact()
        {
            Skip = Command.SkipReason(new[] { "python3", "unshare", "chroot" }, needsRoot: true);
            if (Skip is null && Environment.GetEnvironmentVariable("MAILDSL_REQUIRE_DAEMONS") != "1" && !File.Exists(Path.Combine(Debian13Root, "usr/sbin/postconf")))
                Skip = $"no Debian 13 root at {Debian13Root} (scripts/debian13-root.sh builds it)";
        }
    }

    [Debian12Fact]
    public void Debian_12s_catalogues_regenerate_from_its_daemons_unchanged() => Regenerate("debian12", "Debian GNU/Linux 12");

    [Debian13Fact]
    public void Debian_13s_catalogues_regenerate_from_its_daemons_unchanged() => Regenerate("debian13", "Debian GNU/Linux 13");

    private static void Regenerate(string target, string distro)
    {
        var repo = RepoRoot();
        var scratch = Directory.CreateTempSubdirectory("maildsl-catalogs-").FullName;
        try
        {
            var run = Command.Run("bash", new[] { Path.Combine(repo, "scripts/catalogs/regenerate.sh"), "--out", scratch, "--only", target }, "", TimeSpan.FromMinutes(15));
            Assert.True(run.Succeeded, run.ToString());

            var committed = Directory.GetFiles(Path.Combine(repo, "src/MailDsl.Core/Daemons"), "*.txt", SearchOption.AllDirectories)
                .Where(f => Path.GetFileName(Path.GetDirectoryName(f)) == "Catalog")
                .Where(f => File.ReadLines(f).Any(l => l.StartsWith("#@ source: " + distro, StringComparison.Ordinal)))
                .ToDictionary(f => Path.GetFileName(f), f => f);
            var generated = Directory.GetFiles(scratch, "*.txt", SearchOption.AllDirectories).ToDictionary(f => Path.GetFileName(f), f => f);

            // Postfix, Dovecot, nginx and SOGo: one catalogue each, and the same files as committed.
            Assert.Equal(4, generated.Count);
            Assert.Equal(committed.Keys.OrderBy(k => k, StringComparer.Ordinal), generated.Keys.OrderBy(k => k, StringComparer.Ordinal));
            foreach (var (name, path) in generated)
            {
                var expected = File.ReadAllLines(committed[name]);
                var actual = File.ReadAllLines(path);
                var diff = expected.Except(actual).Select(l => "- " + l).Concat(actual.Except(expected).Select(l => "+ " + l)).Take(40).ToList();
                Assert.True(File.ReadAllText(committed[name]) == File.ReadAllText(path),
                    $"{name} differs from what {target}'s daemons say now (regenerate with scripts/catalogs/regenerate.sh and review):\n" + string.Join("\n", diff));
            }
        }
        finally
        {
            Directory.Delete(scratch, recursive: true);
        }
    }

    private static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "MailDsl.sln"))) return dir.FullName;
        throw new InvalidOperationException("MailDsl.sln not found above " + AppContext.BaseDirectory);
    }
}
