using System.Text;
using Xunit;

namespace MailDsl.Generators.Tests.Security;

/// <summary>
/// The hostile-value corpus: every value is refused at its argument at compile time and at run time alike, or accepted
/// and read back by the real tool exactly as written; nothing crashes. docs/security.md is the table of what each got.
/// </summary>
public sealed class HostileValueTests
{
    public static TheoryData<string> EntryPoints() => new(HostileCorpus.EntryPoints.Select(e => e.Name));

    [SkippableHostileTheory]
    [MemberData(nameof(EntryPoints))]
    public void Every_value_is_refused_at_its_argument_the_same_way_at_compile_and_run_time_or_read_back_unchanged(string entryPoint)
    {
        var verdicts = HostileVerdicts.All.Where(v => v.Entry.Name == entryPoint).ToList();
        Assert.NotEmpty(verdicts);
        var failures = verdicts.Where(v => v.Problems.Count > 0)
            .Select(v => $"'{DocsTable.Printable(v.Value)}': {string.Join("; ", v.Problems)}").ToList();
        Assert.True(failures.Count == 0, $"{entryPoint}:\n" + string.Join("\n", failures));
    }

    [SkippableHostileFact]
    public void The_corpus_has_at_least_sixty_hostile_values_and_reaches_every_entry_point_with_refusals_and_near_misses()
    {
        var all = HostileVerdicts.All;
        Assert.True(all.Count(v => v.Value != v.Entry.Benign) >= 60, $"only {all.Count} values");
        foreach (var entry in HostileCorpus.EntryPoints)
        {
            var mine = all.Where(v => v.Entry == entry).ToList();
            Assert.True(mine.Any(v => v.Refused), $"{entry.Name}: no value was refused, so the corpus tries nothing there");
            Assert.True(mine.Any(v => !v.Refused), $"{entry.Name}: every value was refused, so no near miss proves the tool's reading");
        }
    }

    [SkippableHostileFact]
    public void Docs_security_md_has_the_table_of_every_value_tried()
        => DocsTable.AssertMatches("security.md", Table());

    private static string Table()
    {
        var text = new StringBuilder();
        foreach (var group in HostileVerdicts.All.GroupBy(v => v.Entry.Name))
        {
            text.Append("### ").Append(group.Key).Append("\n\n| value | compile time | run time | read back by |\n|---|---|---|---|\n");
            foreach (var v in group)
                text.Append("| ").Append(Cell(v.Value)).Append(" | ")
                    .Append(v.CompileTime.Count == 0 ? "accepted" : string.Join(", ", v.CompileTime)).Append(" | ")
                    .Append(v.RunTime.Count == 0 ? "accepted" : string.Join(", ", v.RunTime)).Append(" | ")
                    .Append(v.Refused ? "(nothing written)" : v.ToolVerdict).Append(" |\n");
            text.Append('\n');
        }
        return text.ToString();
    }

    // A value as a Markdown code span in a table cell: control and invisible characters as escapes, pipes escaped, and
    // double backquotes around a value that holds one.
    private static string Cell(string value)
    {
        var shown = DocsTable.Printable(value).Replace("|", "\\|");
        if (shown.Length > 60) shown = shown.Substring(0, 40) + $"...({shown.Length} chars)";
        return shown.Contains('`') ? "`` " + shown + " ``" : "`" + shown + "`";
    }
}
