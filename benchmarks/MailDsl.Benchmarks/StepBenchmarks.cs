extern alias gen;
using BenchmarkDotNet.Attributes;
using gen::MailDsl.Generators.Checking;
using gen::MailDsl.Generators.Emitting;
using gen::MailDsl.Generators.Evaluation;
using gen::MailDsl.Generators.Layout;
using gen::MailDsl.Generators.Parsing;
using MailDsl.Generators.Tests;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace MailDsl.Benchmarks;

/// <summary>
/// Each step of the generator on its own, time and allocations: evaluate (the syntactic fast path, and the semantic
/// evaluator the analyzer and the fallback use, binding included), check (rules and fingerprint), lay out (one host
/// of each group rendered), emit (the generated text).
/// </summary>
[MemoryDiagnoser]
public class StepBenchmarks
{
    private TypeDeclarationSyntax _type = null!;
    private Compilation _compilation = null!;
    private EvaluatedPlatform _evaluated = null!;
    private CheckedPlatform _checked = null!;
    private PlatformLayout _layout = null!;

    [Params(10, 100, 1000, 10000)]
    public int Hosts { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _compilation = Compiling.Compile(SyntheticPlatform.Source(Hosts));
        _type = _compilation.SyntaxTrees.First().GetRoot().DescendantNodes().OfType<ClassDeclarationSyntax>().First();
        var model = SyntacticEvaluator.TryEvaluate(_type, _compilation.GetSemanticModel(_type.SyntaxTree), default) ?? throw new InvalidOperationException("not plain DSL");
        _evaluated = new EvaluatedPlatform(new PlatformDeclaration("Synthetic", default, "public static partial class Fleet", "Fleet.g.cs"), model);
        _checked = PlatformChecker.Check(_evaluated, default);
        if (!_checked.Passed) throw new InvalidOperationException("the synthetic platform has errors");
        _layout = LayoutPlanner.Plan(_checked, default);
    }

    [Benchmark(Description = "evaluate (syntax)")]
    public object? EvaluateSyntax() => SyntacticEvaluator.TryEvaluate(_type, _compilation.GetSemanticModel(_type.SyntaxTree), default);

    [Benchmark(Description = "evaluate (semantic, bind + origins)")]
    public object? EvaluateSemantic() => DslEvaluator.Evaluate(_type, _compilation.GetSemanticModel(_type.SyntaxTree), default);

    [Benchmark(Description = "check")]
    public CheckedPlatform Check() => PlatformChecker.Check(_evaluated, default);

    [Benchmark(Description = "layout")]
    public PlatformLayout Layout() => LayoutPlanner.Plan(_checked, default);

    [Benchmark(Description = "emit")]
    public string Emit() => PlatformEmitter.Emit(_layout);
}
