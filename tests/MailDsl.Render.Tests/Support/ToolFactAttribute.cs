using MailDsl.Model;
using Xunit;
using Xunit.Abstractions;
using Xunit.Sdk;

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
    private readonly string[] _commands;
    private bool _needsRoot;

    /// <summary>Needs every one of <paramref name="commands"/>.</summary>
    public ToolTheoryAttribute(params string[] commands)
    {
        _commands = commands;
        Skip = Command.SkipReason(commands);
    }

    /// <summary>Whether it also needs root on Linux (to place files owned by root as install.sh does).</summary>
    public bool NeedsRoot
    {
        get => _needsRoot;
        set
        {
            _needsRoot = value;
            Skip = Command.SkipReason(_commands, value);
        }
    }
}

/// <summary>
/// A theory whose data rows name a target (their first <see cref="Distro"/> argument), run in a sandbox of that
/// target's own system (<see cref="EtcSandbox"/>): each row needs <c>commands</c> on its target and root here, and is
/// skipped alone, with the reason, where they are missing (the Debian 13 root not built, no root), unless
/// MAILDSL_REQUIRE_DAEMONS=1, where it runs and fails. With <see cref="TargetData.Runnable"/> as data, a test says "for
/// each target that runs here".
/// </summary>
[XunitTestCaseDiscoverer("MailDsl.Render.Tests.Support.TargetTheoryDiscoverer", "MailDsl.Render.Tests")]
public sealed class TargetTheoryAttribute : TheoryAttribute
{
    /// <summary>Each row needs every one of <paramref name="commands"/> on its target.</summary>
    public TargetTheoryAttribute(params string[] commands) => Commands = commands;

    /// <summary>The commands each row needs on its target.</summary>
    public string[] Commands { get; }
}

/// <summary>Theory data: the targets whose systems run here.</summary>
public static class TargetData
{
    /// <summary>Debian 12 (this machine) and Debian 13 (the cached root), one row each.</summary>
    public static TheoryData<Distro> Runnable()
    {
        var data = new TheoryData<Distro>();
        foreach (var target in TargetSystems.Runnable) data.Add(target);
        return data;
    }
}

/// <summary>Discovers a <see cref="TargetTheoryAttribute"/> theory: a skipped test case for each row whose target cannot run here.</summary>
public sealed class TargetTheoryDiscoverer : TheoryDiscoverer
{
    /// <summary>Called by xunit.</summary>
    public TargetTheoryDiscoverer(IMessageSink diagnosticMessageSink) : base(diagnosticMessageSink) { }

    /// <inheritdoc/>
    protected override IEnumerable<IXunitTestCase> CreateTestCasesForDataRow(
        ITestFrameworkDiscoveryOptions discoveryOptions, ITestMethod testMethod, IAttributeInfo theoryAttribute, object[] dataRow)
    {
        var commands = theoryAttribute.GetConstructorArguments().OfType<string[]>().FirstOrDefault() ?? Array.Empty<string>();
        var reason = dataRow.OfType<Distro>().Select(t => TargetSystems.SkipReason(t, commands, needsRoot: true)).FirstOrDefault();
        if (reason is null) return base.CreateTestCasesForDataRow(discoveryOptions, testMethod, theoryAttribute, dataRow);
        return new[]
        {
            new XunitSkippedDataRowTestCase(DiagnosticMessageSink, discoveryOptions.MethodDisplayOrDefault(),
                discoveryOptions.MethodDisplayOptionsOrDefault(), testMethod, reason, dataRow),
        };
    }
}
