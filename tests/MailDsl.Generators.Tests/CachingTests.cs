extern alias gen;
using System.Diagnostics;
using System.Reflection;
using gen::MailDsl.Generators;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;

namespace MailDsl.Generators.Tests;

/// <summary>
/// The generator's incremental steps, through GeneratorDriver with step tracking, as the compiler and the IDE run it:
/// an edit elsewhere, a comment or a move inside the platform re-run nothing after the model; a change to the model
/// does; and a 10,000-host platform builds.
/// </summary>
public sealed class CachingTests
{
    /// <summary>The steps after the model, which must be served from the cache when the model compares equal.</summary>
    private static readonly string[] AfterTheModel = { TrackingNames.Checked, TrackingNames.Layouts, TrackingNames.Sources };

    [Fact]
    public void An_unrelated_edit_reruns_nothing_after_the_model()
    {
        var compilation = Harness.Compile(Harness.Source("CorporateCloud.cs"), "public static class Unrelated { public static int X => 1; }");
        var driver = Harness.Driver().RunGenerators(compilation);

        var steps = Rerun(driver, Replace(compilation, "Platform1.cs", "public static class Unrelated { public static int X => 2; }"));

        // Roslyn re-runs the attribute transform on any compilation change: it finds the same model (Unchanged).
        AssertReasons(steps, TrackingNames.Platforms, IncrementalStepRunReason.Unchanged, IncrementalStepRunReason.Cached);
        foreach (var name in AfterTheModel) AssertReasons(steps, name, IncrementalStepRunReason.Cached);
    }

    [Theory]
    [InlineData("// a comment that shifts every span\n", "")]
    [InlineData("", "    // a comment inside the class\n")]
    [InlineData("/// <summary>The same platform, documented.</summary>\n", "")]
    public void A_comment_or_a_move_inside_the_platform_stops_at_the_model(string before, string inside)
    {
        var source = Harness.Source("CorporateCloud.cs");
        var compilation = Harness.Compile(source);
        var driver = Harness.Driver().RunGenerators(compilation);

        var edited = before + source.Replace("    static Platform Describe()", inside + "    static Platform Describe()");
        Assert.NotEqual(source, edited);
        var steps = Rerun(driver, Replace(compilation, "Platform0.cs", edited));

        AssertReasons(steps, TrackingNames.Platforms, IncrementalStepRunReason.Unchanged);
        foreach (var name in AfterTheModel) AssertReasons(steps, name, IncrementalStepRunReason.Cached);
    }

    [Theory]
    [InlineData("MYCOMPANY Mail System", "MYCOMPANY Mail")]
    [InlineData(".Pop3s(995)", ".Pop3s(995).Ciphers(\"ECDHE+AESGCM:!aNULL\")")]
    [InlineData("\"172.16.10.41\")", "\"172.16.10.41\").Host(\"webmail-02.cloud0.mycompany.dom\", \"172.16.10.42\")")]
    public void A_change_to_the_model_reruns_check_layout_and_emit(string from, string to)
    {
        var source = Harness.Source("CorporateCloud.cs");
        Assert.Contains(from, source);
        var compilation = Harness.Compile(source);
        var driver = Harness.Driver().RunGenerators(compilation);

        var steps = Rerun(driver, Replace(compilation, "Platform0.cs", source.Replace(from, to)));

        AssertReasons(steps, TrackingNames.Platforms, IncrementalStepRunReason.Modified);
        AssertReasons(steps, TrackingNames.Checked, IncrementalStepRunReason.Modified);
        // The fingerprint changed, so the generated text did.
        AssertReasons(steps, TrackingNames.Sources, IncrementalStepRunReason.Modified);
    }

    [Fact]
    public void Every_step_is_tracked_and_holds_no_symbol_syntax_node_location_or_compilation()
    {
        var driver = Harness.Driver().RunGenerators(Harness.Compile(Harness.Source("CorporateCloud.cs")));
        var steps = driver.GetRunResult().Results.Single().TrackedSteps;

        // Our own steps (Roslyn's internal attribute-lookup steps carry the compilation by design).
        var ours = typeof(TrackingNames).GetFields(BindingFlags.Public | BindingFlags.Static).Select(f => (string)f.GetRawConstantValue()!).ToList();
        Assert.Equal(new[] { TrackingNames.Platforms, TrackingNames.Checked, TrackingNames.Layouts, TrackingNames.Sources }, ours);
        foreach (var name in ours)
        {
            Assert.True(steps.ContainsKey(name), $"no step named {name}");
            foreach (var output in steps[name].SelectMany(r => r.Outputs))
                Forbidden.AssertNone(output.Value, name);
        }
    }

    [Fact]
    public void A_10000_host_platform_builds_through_the_generator()
    {
        var watch = Stopwatch.StartNew();
        var (result, output) = Harness.Generate(Harness.Compile(SyntheticPlatform.Source(10_000)));
        var generation = watch.Elapsed;

        Assert.Null(result.Results.Single().Exception);
        Assert.Empty(result.Diagnostics);
        using var assembly = new MemoryStream();
        var emitted = output.Emit(assembly);
        // CS8103 (the string-literal heap full) was the ceiling when every file was a literal.
        Assert.True(emitted.Success, string.Join("\n", emitted.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).Take(5)));
        var layout = (gen::MailDsl.Generators.Layout.PlatformLayout)result.Results.Single().TrackedSteps[TrackingNames.Layouts].Single().Outputs.Single().Value;
        Assert.True(layout.Passed);
        Assert.Equal(10_000, layout.Groups.Sum(g => g.Hosts.Count));
        // Generous: a minute on the 2-core CI machine; the benchmarks give the real figures.
        Assert.True(generation < TimeSpan.FromMinutes(1), $"generation took {generation}");
    }

    private static CSharpCompilation Replace(CSharpCompilation compilation, string path, string text)
        => compilation.ReplaceSyntaxTree(compilation.SyntaxTrees.Single(t => t.FilePath == path),
            CSharpSyntaxTree.ParseText(text, (CSharpParseOptions)compilation.SyntaxTrees.First().Options, path));

    private static IReadOnlyDictionary<string, System.Collections.Immutable.ImmutableArray<IncrementalGeneratorRunStep>> Rerun(GeneratorDriver driver, Compilation edited)
        => driver.RunGenerators(edited).GetRunResult().Results.Single().TrackedSteps;

    private static void AssertReasons(IReadOnlyDictionary<string, System.Collections.Immutable.ImmutableArray<IncrementalGeneratorRunStep>> steps, string name, params IncrementalStepRunReason[] allowed)
    {
        Assert.True(steps.ContainsKey(name), $"step {name} did not run");
        var outputs = steps[name].SelectMany(s => s.Outputs).ToList();
        Assert.NotEmpty(outputs);
        Assert.All(outputs, o => Assert.True(allowed.Contains(o.Reason), $"{name}: {o.Reason}, expected {string.Join(" or ", allowed)}"));
    }
}
