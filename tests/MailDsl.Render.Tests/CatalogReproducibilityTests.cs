using Xunit;
using MailDsl.Render.Tests.Support;

namespace MailDsl.Render.Tests;

/// <summary>
/// The settings catalogues (src/MailDsl.Core/Daemons/*/Catalog) are the daemons' own word: scripts/catalogs/regenerate.sh
/// reads them off Debian 12's postconf, doveconf and nginx (and its SOGo packages' files) on this machine and Debian 13's in its root, into a scratch
/// folder, and every seen catalogue must say what the committed one says (<see cref="CatalogComparison"/>: names,
/// statuses, replacements, notes, nginx's contexts, the upstream version read): a Debian update that adds, removes or
/// moves a setting or directive fails here until the catalogues are regenerated and reviewed. What only describes the
/// build read (its package revision, candidate counts: comment lines) is information and not compared, so a point
/// release that changes nothing else passes. Reasoned catalogues (no daemon to ask) are not regenerated.
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
            // The value probes (doveconf -n and nginx -t per directive) take minutes on two loaded cores; the limit only stops a hang.
            var run = Command.Run("bash", new[] { Path.Combine(repo, "scripts/catalogs/regenerate.sh"), "--out", scratch, "--only", target }, "", TimeSpan.FromMinutes(30));
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
                var differences = CatalogComparison.Differences(File.ReadAllText(committed[name]), File.ReadAllText(path));
                Assert.True(differences.Count == 0,
                    $"{name} differs from what {target}'s daemons say now (regenerate with scripts/catalogs/regenerate.sh and review):\n"
                    + string.Join("\n", differences.Take(40)));
            }
        }
        finally
        {
            Directory.Delete(scratch, recursive: true);
        }
    }

    /// <summary>A catalogue that differs only in its comment lines (the package revision, the candidate count) says the same.</summary>
    [Fact]
    public void A_catalogue_differing_only_in_its_package_revision_and_counts_compares_equal()
    {
        const string committed = """
            # nginx 1.22.1 directives, read off Debian GNU/Linux 12 (bookworm)'s package nginx 1.22.1-9+deb12u11
            # Candidates (3396): the identifiers in /usr/sbin/nginx
            #@ daemon: nginx
            #@ version: 1.22.1
            #@ provenance: seen
            #@ source: Debian GNU/Linux 12 (bookworm): nginx 1.22.1 (nginx -t probes)
            # name	contexts
            alias	location
            expires	http,server,location

            """;
        var regenerated = committed.Replace("+deb12u11", "+deb12u12", StringComparison.Ordinal).Replace("(3396)", "(3377)", StringComparison.Ordinal);
        Assert.NotEqual(committed, regenerated);
        Assert.Empty(CatalogComparison.Differences(committed, regenerated));
    }

    /// <summary>A directive gone, a context changed or another upstream version: each is a difference, named in the message.</summary>
    [Fact]
    public void A_catalogue_with_a_directive_removed_a_context_changed_or_another_version_differs_and_says_how()
    {
        const string committed = """
            # read off nginx 1.22.1-9+deb12u11
            #@ daemon: nginx
            #@ version: 1.22.1
            #@ source: Debian GNU/Linux 12 (bookworm): nginx 1.22.1 (nginx -t probes)
            # name	contexts
            alias	location
            expires	http,server,location

            """;
        Assert.Equal(new[] { "- expires\thttp,server,location" },
            CatalogComparison.Differences(committed, committed.Replace("expires\thttp,server,location\n", "", StringComparison.Ordinal)));
        Assert.Equal(new[] { "- alias\tlocation", "+ alias\tserver,location" },
            CatalogComparison.Differences(committed, committed.Replace("alias\tlocation", "alias\tserver,location", StringComparison.Ordinal)));
        Assert.Equal(new[] { "- #@ source: Debian GNU/Linux 12 (bookworm): nginx 1.22.1 (nginx -t probes)", "+ #@ source: Debian GNU/Linux 12 (bookworm): nginx 1.22.2 (nginx -t probes)" },
            CatalogComparison.Differences(committed, committed.Replace("nginx 1.22.1 (", "nginx 1.22.2 (", StringComparison.Ordinal)));
        // The column header is structure the loader reads, not a comment.
        Assert.Equal(new[] { "- # name\tcontexts", "+ # name\tstatus" },
            CatalogComparison.Differences(committed, committed.Replace("# name\tcontexts", "# name\tstatus", StringComparison.Ordinal)));
    }

    /// <summary>The same on every committed seen catalogue: its revision changed passes, its first entry removed fails naming it.</summary>
    [Fact]
    public void Every_committed_catalogue_passes_with_another_revision_and_fails_without_its_first_entry()
    {
        var catalogues = Directory.GetFiles(Path.Combine(RepoRoot(), "src/MailDsl.Core/Daemons"), "*.txt", SearchOption.AllDirectories)
            .Where(f => Path.GetFileName(Path.GetDirectoryName(f)) == "Catalog").ToList();
        Assert.NotEmpty(catalogues);
        foreach (var file in catalogues)
        {
            var text = File.ReadAllText(file);
            // Every revision-like word of the comments (1.22.1-9+deb12u11, 1:2.3.19.1+dfsg1-2.1+deb12u7) bumped.
            var bumped = System.Text.RegularExpressions.Regex.Replace(text, @"(?m)^# .*$", m => System.Text.RegularExpressions.Regex.Replace(m.Value, @"\+deb(\d+)u(\d+)", "+deb$1u99"));
            Assert.Empty(CatalogComparison.Differences(text, bumped));
            var first = text.Split('\n').First(l => l.Length > 0 && !l.StartsWith('#'));
            var removed = CatalogComparison.Differences(text, text.Replace(first + "\n", "", StringComparison.Ordinal));
            Assert.True(removed.SequenceEqual(new[] { "- " + first }), $"{Path.GetFileName(file)}: removing '{first}' gave [{string.Join(", ", removed)}]");
        }
    }

    private static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "MailDsl.sln"))) return dir.FullName;
        throw new InvalidOperationException("MailDsl.sln not found above " + AppContext.BaseDirectory);
    }
}
