extern alias gen;
using System.Collections.Immutable;
using BenchmarkDotNet.Attributes;
using gen::MailDsl.Generators.Analysis;
using MailDsl.Generators.Tests;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace MailDsl.Benchmarks;

/// <summary>
/// The analyzer per keystroke: the IDE re-analyzes the open platform file after an edit, on a new compilation (so the
/// method body is bound again). Measured as the diagnostics of that one file.
/// </summary>
[MemoryDiagnoser]
public class AnalyzerBenchmarks
{
    private Compilation _compilation = null!;
    private readonly ImmutableArray<DiagnosticAnalyzer> _analyzers = ImmutableArray.Create<DiagnosticAnalyzer>(new MailPlatformAnalyzer());
    private int _edit;

    /// <summary>Hosts in the synthetic platform; 0 is the example.</summary>
    [Params(0, 100, 1000, 10000)]
    public int Hosts { get; set; }

    [GlobalSetup]
    public void Setup() => _compilation = Compiling.Compile(Hosts == 0 ? Compiling.Example() : SyntheticPlatform.Source(Hosts));

    [Benchmark(Description = "analyze platform file after a keystroke")]
    public async Task<ImmutableArray<Diagnostic>> Keystroke()
    {
        // A keystroke elsewhere: a new compilation, so nothing bound before is reused.
        var edited = Compiling.Edit((Microsoft.CodeAnalysis.CSharp.CSharpCompilation)_compilation, "Other.cs", "public static class Other { public static int Value => " + (++_edit) + "; }");
        var tree = edited.SyntaxTrees.First();
        return await edited.WithAnalyzers(_analyzers).GetAnalyzerSemanticDiagnosticsAsync(edited.GetSemanticModel(tree), null, CancellationToken.None);
    }
}
