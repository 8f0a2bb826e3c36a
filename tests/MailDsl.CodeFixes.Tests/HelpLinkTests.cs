extern alias gen;
using gen::MailDsl.Generators.Analysis;
using Xunit;

namespace MailDsl.CodeFixes.Tests;

/// <summary>The help link the IDE shows for each diagnostic leads to its page under docs/diagnostics.</summary>
public class HelpLinkTests
{
    [Fact]
    public void Every_analyzer_descriptor_links_to_its_page_and_the_page_exists()
    {
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "MailDsl.sln"))) root = root.Parent;
        Assert.NotNull(root);

        Assert.Equal(MailDsl.Rules.RuleCatalog.All.Select(d => d.Id), MailDiagnostics.All.Select(d => d.Id));
        foreach (var descriptor in MailDiagnostics.All)
        {
            var page = $"docs/diagnostics/{descriptor.Id}.md";
            Assert.EndsWith("/" + page, descriptor.HelpLinkUri);
            Assert.True(File.Exists(Path.Combine(root!.FullName, page)), $"{descriptor.Id}: {page} is missing");
        }
    }
}
