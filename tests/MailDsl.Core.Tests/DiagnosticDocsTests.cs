using MailDsl.Rules;
using Xunit;

namespace MailDsl.Core.Tests;

public class DiagnosticDocsTests
{
    private static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "MailDsl.sln"))) return dir.FullName;
        throw new InvalidOperationException("MailDsl.sln not found above " + AppContext.BaseDirectory);
    }

    public static TheoryData<string> Ids() => new(RuleCatalog.All.Select(d => d.Id));

    [Theory]
    [MemberData(nameof(Ids))]
    public void Every_diagnostic_has_its_page_where_its_help_link_points(string id)
    {
        var descriptor = RuleCatalog.All.Single(d => d.Id == id);
        Assert.Equal($"docs/diagnostics/{id}.md", descriptor.HelpLink);
        var page = Path.Combine(RepoRoot(), descriptor.HelpLink);
        Assert.True(File.Exists(page), $"{id}: no page at {descriptor.HelpLink}");

        var text = File.ReadAllText(page);
        Assert.StartsWith($"# {id}: {descriptor.Title}\n", text);
        Assert.Contains($"| {id} | {descriptor.DefaultSeverity} | {descriptor.Category} |", text);
        foreach (var section in new[] { "## What it means", "## Why it matters", "## Example that triggers it", "## How to fix it", "## How to suppress it" })
            Assert.Contains(section, text);
        Assert.Contains($"#pragma warning disable {id}", text);
        Assert.Contains($"dotnet_diagnostic.{id}.severity", text);
    }

    [Fact]
    public void The_index_links_every_page_and_there_is_no_page_for_an_unknown_id()
    {
        var dir = Path.Combine(RepoRoot(), "docs", "diagnostics");
        var index = File.ReadAllText(Path.Combine(dir, "README.md"));
        foreach (var d in RuleCatalog.All)
            Assert.Contains($"| [{d.Id}]({d.Id}.md) | {d.DefaultSeverity} | {d.Title} |", index);

        var pages = Directory.GetFiles(dir, "MAIL*.md").Select(Path.GetFileNameWithoutExtension).OrderBy(s => s, StringComparer.Ordinal);
        Assert.Equal(RuleCatalog.All.Select(d => d.Id).Concat(RuleCatalog.Retired.Select(r => r.Id)).OrderBy(s => s, StringComparer.Ordinal), pages);
    }

    [Fact]
    public void A_retired_id_is_never_reused_and_its_page_and_the_index_say_what_reports_it_now()
    {
        var dir = Path.Combine(RepoRoot(), "docs", "diagnostics");
        var index = File.ReadAllText(Path.Combine(dir, "README.md"));
        Assert.NotEmpty(RuleCatalog.Retired);
        foreach (var retired in RuleCatalog.Retired)
        {
            Assert.DoesNotContain(RuleCatalog.All, d => d.Id == retired.Id);
            Assert.Contains(RuleCatalog.All, d => d.Id == retired.ReportedBy);
            var text = File.ReadAllText(Path.Combine(RepoRoot(), retired.HelpLink));
            Assert.StartsWith($"# {retired.Id}: {retired.Title} (retired)\n", text);
            Assert.Contains($"| {retired.Id} | Retired | [{retired.ReportedBy}]({retired.ReportedBy}.md) |", text);
            Assert.Contains($"[{retired.Id}]({retired.Id}.md), \"{retired.Title}\", reported by {retired.ReportedBy}", index);
        }
    }
}
