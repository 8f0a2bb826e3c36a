using System.Text;
using MailDsl.Model;
using MailDsl.TestPlatform.Surface;
using Xunit;

namespace MailDsl.Generators.Tests.Security;

/// <summary>
/// The hostile-value corpus, generated from the DSL's surface: every value is refused at its argument at compile time and at
/// run time alike, or accepted and read by each target's own tools exactly as its benign twin is, with nothing run; nothing
/// crashes. docs/security.md holds the grammar of every kind and the table of what each value got.
/// </summary>
public sealed class HostileValueTests
{
    public static TheoryData<string> EntryPoints() => new(DslDescriptions.EntryPoints.Select(e => e.Name));

    [SkippableHostileTheory]
    [MemberData(nameof(EntryPoints))]
    public void Every_value_is_refused_at_its_argument_the_same_way_at_compile_and_run_time_or_read_back_as_its_twin(string entryPoint)
    {
        var verdicts = HostileVerdicts.All.Where(v => v.Entry.Name == entryPoint).ToList();
        Assert.NotEmpty(verdicts);
        var failures = verdicts.Where(v => v.Problems.Count > 0)
            .Select(v => $"'{DocsTable.Printable(v.Value)}': {string.Join("; ", v.Problems)}").ToList();
        Assert.True(failures.Count == 0, $"{entryPoint}:\n" + string.Join("\n", failures));
    }

    [SkippableHostileFact]
    public void The_corpus_reaches_every_entry_point_with_refusals_and_accepted_values_read_by_the_tools()
    {
        var all = HostileVerdicts.All;
        Assert.True(all.Count(v => !v.Case.IsTwin) >= 2000, $"only {all.Count} values");
        foreach (var entry in DslDescriptions.EntryPoints)
        {
            var mine = all.Where(v => v.Entry == entry).ToList();
            Assert.True(mine.Any(v => v.Refused), $"{entry.Name}: no value was refused, so the corpus tries nothing there");
            if (HostileVerdicts.TakesSecret(entry)) continue; // a secret written in the description is always refused
            Assert.True(mine.Any(v => !v.Refused && v.Case.IsTwin), $"{entry.Name}: its benign twin was refused");
        }
        // Accepted values at the directory's, the databases' and the storage's entry points were read by the tools of both targets.
        foreach (var reader in new[] { "doveconf -n (Debian 12)", "doveconf -n (Debian 13)", "postmap -v ldap (Debian 13)", "postmap -v pgsql (Debian 12)",
                     "pldes (Debian 13)", "bash sources (Debian 12)", "bash sources (Debian 13)", "bash (Debian 13)", "nginx -t (Debian 12)" })
            Assert.Contains(all, v => !v.Case.IsTwin && v.Readers.Contains(reader, StringComparison.Ordinal));
    }

    [SkippableHostileFact]
    public void Docs_security_md_has_the_grammar_of_every_kind_and_the_table_of_every_value_tried()
        => DocsTable.AssertMatches("security.md", Grammar() + "\n" + Table());

    /// <summary>Each kind's grammar (ValueKind's own documentation), the entry points declaring it, and what refused its values.</summary>
    private static string Grammar()
    {
        var docs = Docs.DslReferenceTests.Summaries(typeof(ValueKind).Assembly);
        var text = new StringBuilder("### Grammar of each kind\n\n| kind | grammar, and how it is written | entry points | refused with |\n|---|---|---|---|\n");
        foreach (var kind in Enum.GetValues<ValueKind>())
        {
            var entries = DslDescriptions.EntryPoints.Where(e => e.Kind == kind).Select(e => e.Parameter.Method.Method.Name + "(" + e.Parameter.Info.Name + ")").Distinct().ToList();
            var ids = HostileVerdicts.All.Where(v => v.Entry.Kind == kind).SelectMany(v => v.RunTime).Distinct().Order(StringComparer.Ordinal).ToList();
            text.Append("| `").Append(kind).Append("` | ").Append(docs.GetValueOrDefault("F:MailDsl.Model.ValueKind." + kind, "").Replace("|", "\\|"))
                .Append(" | ").Append(entries.Count == 0 ? "(none)" : string.Join(", ", entries.Select(e => "`" + e + "`")))
                .Append(" | ").Append(ids.Count == 0 ? "(none)" : string.Join(", ", ids)).Append(" |\n");
        }
        return text.ToString();
    }

    /// <summary>Per kind, every value tried at its entry points and what each got there, counted over the entry points.</summary>
    private static string Table()
    {
        var text = new StringBuilder();
        foreach (var kind in HostileVerdicts.All.GroupBy(v => v.Entry.Kind))
        {
            var entries = kind.Select(v => v.Entry).Distinct().Count();
            text.Append("### ").Append(kind.Key).Append(" (").Append(entries).Append(entries == 1 ? " entry point" : " entry points")
                .Append(")\n\n| value | compile time | run time | read back by |\n|---|---|---|---|\n");
            foreach (var value in kind.GroupBy(v => Shown(v), StringComparer.Ordinal))
            {
                var rows = value.ToList();
                text.Append("| ").Append(value.Key).Append(" | ").Append(Count(rows, v => v.CompileTime)).Append(" | ").Append(Count(rows, v => v.RunTime))
                    .Append(" | ").Append(rows.All(v => v.Refused) ? "(nothing written)" : string.Join("; ", rows.Where(v => !v.Refused).SelectMany(v => v.Readers.Split("; ", StringSplitOptions.RemoveEmptyEntries)).Distinct().Order(StringComparer.Ordinal).DefaultIfEmpty("(same text as its twin)")))
                    .Append(" |\n");
            }
            text.Append('\n');
        }
        return text.ToString();
    }

    // The value as a cell: the twin as "benign", a payload inserted into the twin by the payload alone.
    private static string Shown(HostileVerdict v)
    {
        if (v.Case.IsTwin) return "(benign twin)";
        var benign = v.Entry.Benign;
        var half = benign.Length / 2;
        if (v.Value.Length > benign.Length && v.Value.StartsWith(benign.Substring(0, half), StringComparison.Ordinal) && v.Value.EndsWith(benign.Substring(half), StringComparison.Ordinal))
            return "twin + " + Cell(v.Value.Substring(half, v.Value.Length - benign.Length));
        return Cell(v.Value);
    }

    private static string Count(IReadOnlyList<HostileVerdict> rows, Func<HostileVerdict, IReadOnlyList<string>> ids)
        => string.Join(", ", rows.GroupBy(v => ids(v).Count == 0 ? "accepted" : string.Join("+", ids(v)), StringComparer.Ordinal)
            .OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => g.Count() == rows.Count ? g.Key : g.Key + " (" + g.Count() + ")"));

    // A value as a Markdown code span in a table cell: control and invisible characters as escapes, pipes escaped, and
    // double backquotes around a value that holds one.
    private static string Cell(string value)
    {
        var shown = DocsTable.Printable(value).Replace("|", "\\|");
        if (shown.Length > 60) shown = shown.Substring(0, 40) + $"...({shown.Length} chars)";
        if (shown.Length == 0) return "(empty)";
        return shown.Contains('`') ? "`` " + shown + " ``" : "`" + shown + "`";
    }
}
