extern alias gen;
using System.Collections;
using System.Reflection;
using gen::MailDsl.Generators;
using MailDsl.Render;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;

namespace MailDsl.Generators.Tests;

/// <summary>What the generator emits, that it never throws, and that it caches like a good incremental generator.</summary>
public sealed class GeneratorTests
{
    [Fact]
    public void The_generated_source_compiles_and_matches_its_baseline()
    {
        var (result, output) = Harness.Generate(Harness.Compile(Harness.Source("CorporateCloud.cs")));

        Assert.Null(result.Results.Single().Exception);
        var errors = output.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        Assert.True(errors.Count == 0, string.Join("\n", errors));
        var generated = Assert.Single(result.Results.Single().GeneratedSources);
        Assert.Equal("Examples.CorporateCloud.MailPlatform.g.cs", generated.HintName);
        Baseline.AssertMatches("CorporateCloud.generated.txt", generated.SourceText.ToString());
    }

    [Fact]
    public void The_example_renders_the_same_files_at_compile_time_and_at_run_time()
    {
        var compileTime = Examples.CorporateCloud.CompileTimeArtifacts;
        Assert.NotNull(compileTime);
        var describe = typeof(Examples.CorporateCloud).GetMethod("Describe", BindingFlags.NonPublic | BindingFlags.Static)!;
        var runTime = PlatformRenderer.Render(((Platform)describe.Invoke(null, null)!).Build());

        Assert.Equal(runTime.Select(a => (a.Host, a.Path, a.Mode)), compileTime!.Select(a => (a.Host, a.Path, a.Mode)));
        foreach (var (run, compile) in runTime.Zip(compileTime!))
            Assert.True(run.Content == compile.Content, $"{run.Host}{run.Path} differs between run time and compile time");
    }

    [Fact]
    public void A_platform_with_a_run_time_value_renders_at_run_time()
    {
        var source = Harness.Platform(""".Mailstore(m => m.Hosts(System.Environment.MachineName).Imaps(993))""");
        var (result, output) = Harness.Generate(Harness.Compile(source));

        var generated = Assert.Single(result.Results.Single().GeneratedSources).SourceText.ToString();
        Assert.Contains("CompileTimeArtifacts => null", generated);
        GeneratedCodeIsClean(output);
    }

    [Fact]
    public void Generated_code_compiles_without_warnings()
    {
        var (_, output) = Harness.Generate(Harness.Compile(Harness.Source("CorporateCloud.cs")));
        GeneratedCodeIsClean(output);
    }

    private static void GeneratedCodeIsClean(Compilation output)
    {
        var generatedTrees = output.SyntaxTrees.Where(t => t.FilePath.EndsWith(".g.cs", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(generatedTrees);
        var problems = output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning && d.Location.SourceTree is { } tree && generatedTrees.Contains(tree)).ToList();
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public void A_platform_with_errors_emits_no_files_but_still_a_Run()
    {
        var source = Harness.Platform(""".Mailstore(m => m.Hosts("store.example.org").Listener("imap-nopass", ServiceProtocol.Imap, 144, ListenerSecurity.Plain, true))""");
        var (result, _) = Harness.Generate(Harness.Compile(source));

        var generated = Assert.Single(result.Results.Single().GeneratedSources).SourceText.ToString();
        Assert.Contains("CompileTimeArtifacts => null", generated);
        Assert.Contains("public static int Run(string[] args)", generated);
    }

    public static TheoryData<string> Malformed() => new()
    {
        "[MailDsl.MailPlatform] public static partial class A { static MailDsl.Platform Describe() => null!; }",
        "[MailDsl.MailPlatform] public static partial class B { static MailDsl.Platform Describe() { var p = MailDsl.Platform.Create(\"x.org\"); return p; } }",
        "[MailDsl.MailPlatform] public static partial class C { static MailDsl.Platform Describe() => MailDsl.Platform.Create(",
        "[MailDsl.MailPlatform] public static partial class D { static MailDsl.Platform Describe() => MailDsl.Platform.Create(\"x.org\").Mailstore(null!); }",
        "[MailDsl.MailPlatform] public static partial class E { static MailDsl.Platform Describe() => MailDsl.Platform.Create(\"x.org\").Mailstore(m => { if (true) m.Imaps(1); }); }",
        "[MailDsl.MailPlatform] public static partial class F { static MailDsl.Platform Describe() => MailDsl.Platform.Create(\"x.org\").Mailstore(Configure); static void Configure(MailDsl.MailstoreBuilder m) { } }",
        "[MailDsl.MailPlatform] public static partial class G { static MailDsl.Platform Describe() => MailDsl.Platform.Create(\"x.org\").Mailstore(m => m.Hosts(new string[0]).Imaps(-1).Hosts(\"\\n\")); }",
        "[MailDsl.MailPlatform] public static partial class H<T> { static MailDsl.Platform Describe() => MailDsl.Platform.Create(\"x.org\").Ciphers(\"\\0:!@#\"); }",
    };

    [Theory]
    [MemberData(nameof(Malformed))]
    public async Task Neither_generator_nor_analyzer_ever_throws(string source)
    {
        var compilation = Harness.Compile(source);
        var (result, _) = Harness.Generate(compilation);
        Assert.Null(result.Results.Single().Exception);

        var diagnostics = await Harness.DiagnosticsAsync(compilation);
        // An analyzer that throws shows up as AD0001.
        Assert.DoesNotContain(diagnostics, d => d.Id == "AD0001");
    }

    [Fact]
    public void An_unrelated_edit_is_served_from_the_cache()
    {
        var compilation = Harness.Compile(Harness.Source("CorporateCloud.cs"), "public static class Unrelated { public static int X => 1; }");
        var driver = Harness.Driver().RunGenerators(compilation);

        var edited = compilation.ReplaceSyntaxTree(compilation.SyntaxTrees.Last(),
            CSharpSyntaxTree.ParseText("public static class Unrelated { public static int X => 2; }", (CSharpParseOptions)compilation.SyntaxTrees.First().Options, "Platform1.cs"));
        var steps = driver.RunGenerators(edited).GetRunResult().Results.Single().TrackedSteps[TrackingNames.PlatformSpecs];

        Assert.All(steps.SelectMany(s => s.Outputs), o => Assert.True(o.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, o.Reason.ToString()));
    }

    [Fact]
    public void Moving_the_description_in_its_file_changes_nothing_emitted()
    {
        var source = Harness.Source("CorporateCloud.cs");
        var compilation = Harness.Compile(source);
        var driver = Harness.Driver().RunGenerators(compilation);

        var moved = compilation.ReplaceSyntaxTree(compilation.SyntaxTrees.First(),
            CSharpSyntaxTree.ParseText("// a comment that shifts every span\n" + source, (CSharpParseOptions)compilation.SyntaxTrees.First().Options, "Platform0.cs"));
        var steps = driver.RunGenerators(moved).GetRunResult().Results.Single().TrackedSteps[TrackingNames.PlatformSpecs];

        Assert.All(steps.SelectMany(s => s.Outputs), o => Assert.Equal(IncrementalStepRunReason.Unchanged, o.Reason));
    }

    [Fact]
    public void A_relevant_edit_is_modified()
    {
        var source = Harness.Source("CorporateCloud.cs");
        var compilation = Harness.Compile(source);
        var driver = Harness.Driver().RunGenerators(compilation);

        var edited = compilation.ReplaceSyntaxTree(compilation.SyntaxTrees.First(),
            CSharpSyntaxTree.ParseText(source.Replace("MYCOMPANY Mail System", "MYCOMPANY Mail"), (CSharpParseOptions)compilation.SyntaxTrees.First().Options, "Platform0.cs"));
        var steps = driver.RunGenerators(edited).GetRunResult().Results.Single().TrackedSteps[TrackingNames.PlatformSpecs];

        Assert.Contains(steps.SelectMany(s => s.Outputs), o => o.Reason == IncrementalStepRunReason.Modified);
    }

    [Fact]
    public void No_step_output_holds_a_symbol_syntax_node_location_or_compilation()
    {
        var driver = Harness.Driver().RunGenerators(Harness.Compile(Harness.Source("CorporateCloud.cs")));
        var steps = driver.GetRunResult().Results.Single().TrackedSteps;
        Assert.NotEmpty(steps[TrackingNames.PlatformSpecs]);

        // Our own steps (Roslyn's internal attribute-lookup steps carry the compilation by design).
        var ours = typeof(TrackingNames).GetFields(BindingFlags.Public | BindingFlags.Static).Select(f => (string)f.GetRawConstantValue()!).ToList();
        Assert.NotEmpty(ours);
        foreach (var name in ours)
            foreach (var output in steps[name].SelectMany(r => r.Outputs))
                Forbidden.AssertNone(output.Value, name);
    }
}

/// <summary>Walks an object graph and fails on any Roslyn object that would pin a compilation in the cache.</summary>
internal static class Forbidden
{
    private static readonly Type[] Types = { typeof(ISymbol), typeof(SyntaxNode), typeof(Location), typeof(Compilation), typeof(SemanticModel), typeof(SyntaxTree) };

    public static void AssertNone(object? root, string step)
    {
        var seen = new HashSet<object>(ReferenceEqualityComparer.Instance);
        var pending = new Stack<(object Value, string Path)>();
        if (root is not null) pending.Push((root, step));
        while (pending.Count > 0)
        {
            var (value, path) = pending.Pop();
            var type = value.GetType();
            if (type.IsPrimitive || value is string || type.IsEnum || !seen.Add(value)) continue;
            Assert.False(Types.Any(t => t.IsInstanceOfType(value)), $"{path} is a {type.Name}: pipeline outputs must be plain equatable values");
            if (value is IEnumerable items and not string)
            {
                var i = 0;
                foreach (var item in items) if (item is not null) pending.Push((item, $"{path}[{i++}]"));
            }
            foreach (var field in type.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic))
                if (field.GetValue(value) is { } child) pending.Push((child, $"{path}.{field.Name}"));
        }
    }
}
