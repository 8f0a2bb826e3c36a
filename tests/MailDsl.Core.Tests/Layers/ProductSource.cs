using System.Text.RegularExpressions;

namespace MailDsl.Core.Tests.Layers;

/// <summary>The product's C# sources (src/ and generators/) read as text, for the tests that forbid a second spelling of something.</summary>
internal static class ProductSource
{
    private static readonly Regex Literal = new("\"((?:[^\"\\\\\\n]|\\\\.)*)\"");

    /// <summary>The repository's root (where MailDsl.sln is).</summary>
    public static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "MailDsl.sln"))) return dir.FullName;
        throw new InvalidOperationException("MailDsl.sln not found above " + AppContext.BaseDirectory);
    }

    /// <summary>The string literals in <paramref name="line"/> (interpolated ones with their holes as written).</summary>
    public static IEnumerable<string> Literals(string line) => Literal.Matches(line).Select(m => m.Groups[1].Value);

    /// <summary>
    /// Every string literal of the product's sources outside comment lines, with where it is (path relative to the root,
    /// 1-based line), skipping the files <paramref name="skip"/> accepts (by path relative to the root).
    /// </summary>
    public static IEnumerable<(string Where, string Text)> Literals(Func<string, bool> skip)
    {
        var root = RepoRoot();
        var files = new[] { "src", "generators" }
            .SelectMany(d => Directory.EnumerateFiles(Path.Combine(root, d), "*.cs", SearchOption.AllDirectories))
            .Select(f => Path.GetRelativePath(root, f))
            .Where(f => !f.Split(Path.DirectorySeparatorChar).Any(part => part is "bin" or "obj"))
            .ToList();
        if (files.Count < 100) throw new InvalidOperationException($"only {files.Count} source files under {root}");
        foreach (var file in files.Where(f => !skip(f)))
        {
            var lines = File.ReadAllLines(Path.Combine(root, file));
            for (var i = 0; i < lines.Length; i++)
            {
                if (lines[i].TrimStart().StartsWith("//", StringComparison.Ordinal)) continue;
                foreach (var text in Literals(lines[i])) yield return ($"{file}:{i + 1}", text);
            }
        }
    }
}
