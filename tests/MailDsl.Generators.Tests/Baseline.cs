using Xunit;

namespace MailDsl.Generators.Tests;

/// <summary>
/// Baselines show what the generator writes. They prove nothing on their own; they make changes visible.
/// MAILDSL_UPDATE_BASELINES=1 rewrites them and fails, so a regenerated baseline is always looked at.
/// </summary>
internal static class Baseline
{
    public static void AssertMatches(string name, string actual)
    {
        var path = Path.Combine(SourceDirectory(), "Baselines", name);
        actual = actual.Replace("\r\n", "\n");
        if (Environment.GetEnvironmentVariable("MAILDSL_UPDATE_BASELINES") == "1")
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, actual);
            Assert.Fail($"rewrote {path}: review the diff, then run again without MAILDSL_UPDATE_BASELINES");
        }
        Assert.True(File.Exists(path), $"no baseline {path}: run with MAILDSL_UPDATE_BASELINES=1 to create it");
        var expected = File.ReadAllText(path).Replace("\r\n", "\n");
        if (expected != actual)
        {
            var line = expected.Split('\n').Zip(actual.Split('\n')).TakeWhile(p => p.First == p.Second).Count() + 1;
            Assert.Fail($"{name} differs from its baseline from line {line}; rerun with MAILDSL_UPDATE_BASELINES=1 and review the diff");
        }
    }

    // The test project's folder, found from the test binaries (CallerFilePath is path-mapped in CI builds).
    private static string SourceDirectory()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "MailDsl.Generators.Tests.csproj"))) return dir.FullName;
        throw new InvalidOperationException("cannot find the MailDsl.Generators.Tests project folder above " + AppContext.BaseDirectory);
    }
}
