using System.Globalization;
using System.Text;
using MailDsl.TestPlatform.Sandbox;
using Xunit;

namespace MailDsl.Generators.Tests.Security;

/// <summary>
/// A generated table inside a document under docs/, between <c>&lt;!-- generated:start --&gt;</c> and
/// <c>&lt;!-- generated:end --&gt;</c>. Like a baseline it shows, and proves nothing by itself: MAILDSL_UPDATE_BASELINES=1
/// rewrites it and fails, so a changed table is always looked at.
/// </summary>
internal static class DocsTable
{
    private const string Start = "<!-- generated:start -->\n", End = "<!-- generated:end -->";

    public static void AssertMatches(string document, string table)
    {
        var path = Path.Combine(RepoRoot(), "docs", document);
        var text = File.ReadAllText(path).Replace("\r\n", "\n");
        var start = text.IndexOf(Start, StringComparison.Ordinal);
        var end = text.IndexOf(End, StringComparison.Ordinal);
        Assert.True(start >= 0 && end > start, $"docs/{document} has no {Start.Trim()} ... {End} section");
        var current = text.Substring(start + Start.Length, end - start - Start.Length);
        if (Environment.GetEnvironmentVariable("MAILDSL_UPDATE_BASELINES") == "1")
        {
            File.WriteAllText(path, text.Substring(0, start + Start.Length) + table + text.Substring(end));
            Assert.Fail($"rewrote the table in {path}: review the diff, then run again without MAILDSL_UPDATE_BASELINES");
        }
        if (current != table)
        {
            var line = current.Split('\n').Zip(table.Split('\n')).TakeWhile(p => p.First == p.Second).Count() + 1;
            Assert.Fail($"the table in docs/{document} differs from what the tests found, from its line {line}; rerun with MAILDSL_UPDATE_BASELINES=1 and review the diff");
        }
    }

    /// <summary>A value as text a reader can see: control, format and separator characters as <c>\uXXXX</c> escapes.</summary>
    public static string Printable(string value)
    {
        var text = new StringBuilder();
        foreach (var c in value)
        {
            switch (c)
            {
                case '\n': text.Append("\\n"); break;
                case '\r': text.Append("\\r"); break;
                case '\t': text.Append("\\t"); break;
                case '\0': text.Append("\\0"); break;
                default:
                    var category = char.GetUnicodeCategory(c);
                    if (char.IsControl(c) || category is UnicodeCategory.Format or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator)
                        text.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    else text.Append(c);
                    break;
            }
        }
        return text.ToString();
    }

    private static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "MailDsl.sln"))) return dir.FullName;
        throw new InvalidOperationException("MailDsl.sln not found above " + AppContext.BaseDirectory);
    }
}

/// <summary>A fact that needs the tools the hostile corpus is judged by; skipped without them unless MAILDSL_REQUIRE_DAEMONS=1.</summary>
public sealed class SkippableHostileFactAttribute : FactAttribute
{
    /// <summary>Skipped where a tool is missing.</summary>
    public SkippableHostileFactAttribute() => Skip = HostileTools.SkipReason();
}

/// <summary>A theory that needs the tools the hostile corpus is judged by; see <see cref="SkippableHostileFactAttribute"/>.</summary>
public sealed class SkippableHostileTheoryAttribute : TheoryAttribute
{
    /// <summary>Skipped where a tool is missing.</summary>
    public SkippableHostileTheoryAttribute() => Skip = HostileTools.SkipReason();
}

internal static class HostileTools
{
    public static string? SkipReason()
        => Command.SkipReason(new[] { "postconf", "postmap", "doveconf", "nginx", "pldes", "plparse", "openssl", "bash", "nsd-checkzone", "ldns-read-zone", "mta-sts-query" })
            ?? TargetSystems.SkipReason(Model.Distro.Debian13, new[] { "postconf", "postmap", "doveconf", "nginx", "pldes", "plparse", "bash", "unshare", "timeout", "mta-sts-query" }, needsRoot: true);
}
