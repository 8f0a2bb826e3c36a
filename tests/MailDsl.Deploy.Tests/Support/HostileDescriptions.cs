using MailDsl.Model;
using MailDsl.Render;
using MailDsl.TestPlatform.Surface;

namespace MailDsl.Deploy.Tests.Support;

/// <summary>One description holding many accepted hostile values, each at its own entry point.</summary>
/// <param name="Shape">Its directory (LDAP or SQL).</param>
/// <param name="Cases">The values it holds.</param>
/// <param name="Chain">The description as DSL calls (what emit runs).</param>
/// <param name="Model">The platform it builds, which the rules accept.</param>
/// <param name="Files">Every host's files, as the renderers write them.</param>
public sealed record PackedDescription(DirectoryShape Shape, IReadOnlyList<HostileCase> Cases, DslChain Chain, PlatformModel Model, IReadOnlyList<Artifact> Files)
{
    /// <summary>
    /// The hosts to install: for each value, one host where bash reads it (in the host's install.sh or a file a shell
    /// sources), fewest hosts first chosen by how many values each carries (a certificate path is in every host's, a new
    /// host's name only in its own).
    /// </summary>
    public IReadOnlyList<string> ShellHosts
    {
        get
        {
            var where = Cases.ToDictionary(c => c, c => Files.Where(f => f.Host.Length > 0 && HostileDescriptions.ReadByShell(f) && HostileDescriptions.Reach(new[] { f }, c.Value) > 0)
                .Select(f => f.Host).ToHashSet());
            var left = where.Where(w => w.Value.Count > 0).Select(w => w.Key).ToHashSet();
            var chosen = new List<string>();
            while (left.Count > 0)
            {
                var best = left.SelectMany(c => where[c]).GroupBy(h => h).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal).First().Key;
                chosen.Add(best);
                left.RemoveWhere(c => where[c].Contains(best));
            }
            return chosen;
        }
    }
}

/// <summary>What <see cref="HostileDescriptions.For"/> packed.</summary>
/// <param name="Descriptions">The descriptions.</param>
/// <param name="Accepted">How many values the target's rules accept (alone).</param>
/// <param name="Refused">How many they refuse.</param>
/// <param name="ShellValues">How many accepted values bash reads: written into an install.sh or a file a shell sources (every one is packed).</param>
/// <param name="LeftOut">The accepted values not packed: each written only into files no shell reads (daemons' configurations), at entry points with more such values than there are descriptions.</param>
public sealed record HostilePacking(IReadOnlyList<PackedDescription> Descriptions, int Accepted, int Refused, int ShellValues, IReadOnlyList<HostileCase> LeftOut);

/// <summary>
/// The values of the hostile corpus (<see cref="HostileCorpus"/>) that a target's rules ACCEPT, packed into as few whole
/// descriptions as hold every value bash reads (one written into an install.sh or into a file a shell sources), and as
/// many of the others as ride along in them: one value per entry point per description, a description kept only when the
/// rules accept it with all its values and each value still reaches as many places in the files as it does alone (a later
/// call of the same method, or a second root, would otherwise replace it unnoticed); a value that does not fit goes to a
/// later description. The values only daemons read beyond those (long lists of settings, banners and DNs) would take one
/// description each and are left to the read-back by each daemon's own parser (Generators' HostileVerdicts).
/// </summary>
public static class HostileDescriptions
{
    /// <summary>The packed descriptions of <paramref name="target"/>, and the cases its rules accepted (every one is in one description).</summary>
    public static HostilePacking For(Distro target)
    {
        var alone = HostileCorpus.All().Where(c => !c.IsTwin).AsParallel().AsOrdered()
            .Select(c => (Case: c, Reach: Alone(c, target))).ToList();
        var accepted = alone.Where(a => a.Reach is not null).Select(a => (a.Case, Reach: a.Reach!.Value.All)).ToList();
        var shell = alone.Where(a => a.Reach is { Shell: > 0 }).Select(a => a.Case).ToHashSet();
        var packed = new List<PackedDescription>();
        var leftOut = new List<HostileCase>();
        foreach (var shape in new[] { DirectoryShape.Ldap, DirectoryShape.Sql })
        {
            var pending = accepted.Where(a => a.Case.Entry.Context.Directory == shape).ToList();
            while (pending.Any(p => shell.Contains(p.Case)))
            {
                // One value of each entry point, those bash reads first; what does not fit waits for the next description.
                var round = pending.GroupBy(p => p.Case.Entry).Select(g => g.First()).OrderBy(p => shell.Contains(p.Case) ? 0 : 1).ToList();
                var description = Try(target, shape, round).Description ?? Greedy(target, shape, round);
                packed.Add(description);
                var done = description.Cases.ToHashSet();
                pending = pending.Where(p => !done.Contains(p.Case)).ToList();
            }
            leftOut.AddRange(pending.Select(p => p.Case));
        }
        return new HostilePacking(packed, accepted.Count, alone.Count - accepted.Count, shell.Count, leftOut);
    }

    // The round's values added one at a time, each kept if the description still is accepted and carries every value so far.
    private static PackedDescription Greedy(Distro target, DirectoryShape shape, IReadOnlyList<(HostileCase Case, int Reach)> round)
    {
        var kept = new List<(HostileCase Case, int Reach)>();
        PackedDescription? last = null;
        foreach (var candidate in round)
        {
            var tried = Try(target, shape, kept.Append(candidate).ToList()).Description;
            if (tried is null) continue;
            kept.Add(candidate);
            last = tried;
        }
        return last ?? throw new InvalidOperationException($"no value fits a description alone: {round[0].Case.Entry} '{round[0].Case.Value}'");
    }

    private static (PackedDescription? Description, HashSet<HostileCase> Missing) Try(Distro target, DirectoryShape shape, IReadOnlyList<(HostileCase Case, int Reach)> cases)
    {
        var description = new DslDescription { Target = target, Directory = shape };
        foreach (var (c, _) in cases) c.Entry.Context.Place(description, c.Entry.Call(c.Value).Step);
        var chain = description.Chain();
        var model = Build(chain);
        if (model is null) return (null, new HashSet<HostileCase>());
        var files = PlatformRenderer.Render(model);
        var missing = cases.Where(c => Reach(files, c.Case.Value) < c.Reach).Select(c => c.Case).ToHashSet();
        return missing.Count > 0 ? (null, missing) : (new PackedDescription(shape, cases.Select(c => c.Case).ToList(), chain, model, files), missing);
    }

    // How many times the value is written in the files when it is the description's only one, in all and where bash reads
    // it; null when the rules refuse it.
    private static (int All, int Shell)? Alone(HostileCase c, Distro target)
    {
        var (chain, _) = c.Entry.Describe(c.Value, target);
        var model = Build(chain);
        if (model is null) return null;
        var files = PlatformRenderer.Render(model);
        return (Reach(files, c.Value), Reach(files.Where(ReadByShell).ToList(), c.Value));
    }

    /// <summary>Whether bash reads <paramref name="file"/>: install.sh, sogod's environment file (the init script and install.sh's start source it), a script.</summary>
    public static bool ReadByShell(Artifact file)
        => file.Path is "/install.sh" or "/etc/default/sogo" or "/etc/sysconfig/sogo" || file.Path.EndsWith(".sh", StringComparison.Ordinal) || file.Content.StartsWith("#!", StringComparison.Ordinal);

    /// <summary>The platform <paramref name="chain"/> builds, or null when the DSL throws or the rules report an error.</summary>
    public static PlatformModel? Build(DslChain chain)
    {
        try
        {
            var model = chain.Run() switch { Platform p => p.Build(), PlatformModel m => m, _ => null };
            return model is not null && !MailDsl.Rules.RuleSet.Check(model).Any(f => f.Severity == MailDsl.Rules.Severity.Error) ? model : null;
        }
        catch (Exception)
        {
            return null;
        }
    }

    // Where the value is written: every occurrence in every file, raw or quoted for bash (the form install.sh holds it in).
    internal static int Reach(IReadOnlyList<Artifact> files, string value)
    {
        if (value.Length == 0) return 0;
        var quoted = MailDsl.Text.ShellText.Quote(value);
        return files.Sum(f => Count(f.Content, value) + (quoted.Length > value.Length + 2 ? Count(f.Content, quoted) : 0));
    }

    private static int Count(string text, string value)
    {
        var n = 0;
        for (var i = text.IndexOf(value, StringComparison.Ordinal); i >= 0; i = text.IndexOf(value, i + value.Length, StringComparison.Ordinal)) n++;
        return n;
    }
}
