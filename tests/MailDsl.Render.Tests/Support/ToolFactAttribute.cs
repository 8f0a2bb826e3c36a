using Xunit;

namespace MailDsl.Render.Tests.Support;

/// <summary>
/// A fact that needs Debian tools. Where one is missing it is skipped with the package's name, unless
/// MAILDSL_REQUIRE_DAEMONS=1 (CI, scripts/test.sh), where it runs and fails: CI must skip nothing.
/// </summary>
public sealed class ToolFactAttribute : FactAttribute
{
    /// <summary>Needs every one of <paramref name="commands"/>.</summary>
    public ToolFactAttribute(params string[] commands) => Skip = ToolSkip.Reason(commands);
}

/// <summary>A theory that needs Debian tools; see <see cref="ToolFactAttribute"/>.</summary>
public sealed class ToolTheoryAttribute : TheoryAttribute
{
    /// <summary>Needs every one of <paramref name="commands"/>.</summary>
    public ToolTheoryAttribute(params string[] commands) => Skip = ToolSkip.Reason(commands);
}

internal static class ToolSkip
{
    public static string? Reason(string[] commands)
    {
        if (Environment.GetEnvironmentVariable("MAILDSL_REQUIRE_DAEMONS") == "1") return null;
        var missing = commands.Where(c => !Command.Exists(c)).ToList();
        return missing.Count == 0 ? null
            : "needs Debian package(s) " + string.Join(", ", missing.Select(c => Command.Packages.GetValueOrDefault(c, c)).Distinct()) + " (apt-get install them, or run scripts/test.sh)";
    }
}
