using MailDsl.Model;
using MailDsl.TestPlatform.Surface;
using Xunit;

namespace MailDsl.Generators.Tests.Surface;

/// <summary>
/// The DSL's public surface, enumerated by reflection (<see cref="DslSurface"/>): every string parameter of every public
/// method and overload declares its grammar, and every method can be called in a whole description (<see cref="DslDescriptions"/>)
/// that both the run-time rules and the analyzer find clean. A method added without a grammar, or that no description can
/// reach, fails here; the hostile corpus (TestPlatform's Surface/HostileCorpus, which the deployment tests share) is generated from the same enumeration.
/// </summary>
public sealed class DslSurfaceTests
{
    [Fact]
    public void Every_string_parameter_of_every_public_dsl_method_declares_its_grammar()
    {
        Assert.True(DslSurface.Methods.Count >= 60, $"only {DslSurface.Methods.Count} methods: the enumeration misses the surface");
        Assert.True(DslSurface.StringParameters.Count >= 50, $"only {DslSurface.StringParameters.Count} string parameters");
        var missing = DslSurface.StringParameters.Where(p => p.Kind is null).Select(p => p.Name).ToList();
        Assert.True(missing.Count == 0, "string parameters without [ValueGrammar(ValueKind...)]:\n" + string.Join("\n", missing));
    }

    [Fact]
    public void The_enumeration_sees_inherited_methods_on_every_builder_and_each_overload()
    {
        var signatures = DslSurface.Methods.Select(m => m.Signature).ToHashSet(StringComparer.Ordinal);
        foreach (var expected in new[]
        {
            "SmtpInBuilder.Hosts(string[])", "WebmailBuilder.DovecotSetting(string, string)", "SqlDirectoryBuilder.AddAlias(string, string[])",
            "LdapDirectoryBuilder.BindAs(string, Secret)", "LdapDirectoryBuilder.BindAs(string, string)", "Secret.Environment(string)",
            "DatabaseBuilder.Login(string, string)", "Platform.Create(string)", "TargetBuilder.WithSogo(string)",
        })
            Assert.Contains(expected, signatures);
    }

    [Fact]
    public void Every_public_dsl_type_is_reached_by_a_description()
    {
        foreach (var type in DslSurface.Types) Assert.NotEmpty(DslDescriptions.ContextsOf(type));
        foreach (var method in DslSurface.Methods) Assert.NotEmpty(DslDescriptions.ContextsOf(method));
    }

    public static TheoryData<string> Calls() => new(DslBenignCall.All.Select(c => c.Name));

    /// <summary>
    /// Each method with benign arguments, in each place it can be called, in an otherwise clean description: no error at run
    /// time or at compile time (a method taking the secret itself as a string is MAIL5004 by design, and nothing else).
    /// </summary>
    [Theory]
    [MemberData(nameof(Calls))]
    public async Task Every_method_called_with_benign_arguments_leaves_the_description_clean_both_ways(string call)
    {
        var benign = DslBenignCall.Named(call);
        var method = benign.Method;
        var chain = benign.Describe();

        var expected = method.StringParameters.Any(p => p.Kind == ValueKind.Secret) ? new[] { "MAIL5004" } : Array.Empty<string>();
        var model = benign.RunTime();
        var runTime = MailDsl.Rules.RuleSet.Check(model).Where(f => f.Severity == MailDsl.Rules.Severity.Error).Select(f => f.RuleId + ": " + f.Message).ToList();
        Assert.True(runTime.Select(r => r.Split(':')[0]).Distinct().SequenceEqual(expected), $"{chain}\nrun time:\n" + string.Join("\n", runTime));

        // A description returns the Platform; Build() is what the generated Run(args) calls on it, so only run time calls it.
        if (method.Method.ReturnType == typeof(PlatformModel)) return;
        var (source, _) = chain.SourceFile("SurfacePlatform");
        var diagnostics = await Harness.DiagnosticsAsync(Harness.Compile(source));
        var compileTime = diagnostics.Where(d => d.Severity == Microsoft.CodeAnalysis.DiagnosticSeverity.Error || d.Id is "AD0001" or "CS8785")
            .Select(d => d.Id + ": " + d.GetMessage(System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.True(compileTime.Select(r => r.Split(':')[0]).Distinct().SequenceEqual(expected), $"{source}\ncompile time:\n" + string.Join("\n", compileTime));
    }
}
