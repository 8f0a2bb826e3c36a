using Xunit;

namespace MailDsl.Render.Tests.Support;

/// <summary>
/// A fact that needs Debian tools. Where one is missing it is skipped with the package's name, unless
/// MAILDSL_REQUIRE_DAEMONS=1 (CI, scripts/test.sh), where it runs and fails: CI must skip nothing.
/// </summary>
public sealed class ToolFactAttribute : FactAttribute
{
    /// <summary>Needs every one of <paramref name="commands"/>.</summary>
    public ToolFactAttribute(params string[] commands) => Skip = Command.SkipReason(commands);
}

/// <summary>A theory that needs Debian tools; see <see cref="ToolFactAttribute"/>.</summary>
public sealed class ToolTheoryAttribute : TheoryAttribute
{
    /// <summary>Needs every one of <paramref name="commands"/>.</summary>
    public ToolTheoryAttribute(params string[] commands) => Skip = Command.SkipReason(commands);
}
