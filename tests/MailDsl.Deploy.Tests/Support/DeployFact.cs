using MailDsl.Model;
using Xunit;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace MailDsl.Deploy.Tests.Support;

/// <summary>Which target a test class's tests install on (its concrete class per target says it).</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class OnTargetAttribute(Distro target) : Attribute
{
    /// <summary>The target.</summary>
    public Distro Target { get; } = target;
}

/// <summary>
/// A fact that installs hosts on its class's target (<see cref="OnTargetAttribute"/>, Debian 12 when none): skipped, with
/// the reason, where that target's daemons, its root or root here are missing, unless MAILDSL_REQUIRE_DAEMONS=1 (CI,
/// scripts/test.sh), where it runs and fails: CI skips nothing.
/// </summary>
[XunitTestCaseDiscoverer("MailDsl.Deploy.Tests.Support.DeployFactDiscoverer", "MailDsl.Deploy.Tests")]
public sealed class DeployFactAttribute : FactAttribute
{
    /// <summary>Needs, beyond the daemons, every one of <paramref name="tools"/> on this machine.</summary>
    public DeployFactAttribute(params string[] tools) => Tools = tools;

    /// <summary>The tools of this machine the test needs beside the target's daemons.</summary>
    public string[] Tools { get; }
}

/// <summary>Discovers a <see cref="DeployFactAttribute"/> test: skipped, with the reason, where its target cannot run.</summary>
public sealed class DeployFactDiscoverer(IMessageSink diagnosticMessageSink) : FactDiscoverer(diagnosticMessageSink)
{
    private static readonly string[] Daemons = { "nginx", "dovecot", "postfix", "sogod", "openssl", "plparse" };

    /// <inheritdoc/>
    public override IEnumerable<IXunitTestCase> Discover(ITestFrameworkDiscoveryOptions discoveryOptions, ITestMethod testMethod, IAttributeInfo factAttribute)
    {
        var target = TargetOf(testMethod.TestClass.Class.ToRuntimeType());
        var tools = factAttribute.GetConstructorArguments().OfType<string[]>().FirstOrDefault() ?? Array.Empty<string>();
        var reason = TargetSystems.SkipReason(target, Daemons, needsRoot: true)
            ?? Command.SkipReason(tools.Concat(new[] { "openssl", "unshare", "nsenter" }), needsRoot: true);
        return reason is null
            ? base.Discover(discoveryOptions, testMethod, factAttribute)
            : new[] { new XunitSkippedDataRowTestCase(DiagnosticMessageSink, discoveryOptions.MethodDisplayOrDefault(), discoveryOptions.MethodDisplayOptionsOrDefault(), testMethod, reason) };
    }

    /// <summary>The target of a test class.</summary>
    public static Distro TargetOf(Type testClass)
        => testClass.GetCustomAttributes(typeof(OnTargetAttribute), inherit: false).OfType<OnTargetAttribute>().FirstOrDefault()?.Target ?? Distro.Debian12;
}
