extern alias gen;
using System.Reflection;
using gen::MailDsl.Generators.Evaluation;
using MailDsl.Model;
using MailDsl.TestPlatform.Surface;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Xunit;

namespace MailDsl.Generators.Tests.Surface;

/// <summary>
/// The evaluators' corpus, generated from the DSL's public surface (<see cref="DslSurface.Methods"/>): every public method and
/// overload, in every place a description can call it (<see cref="DslDescriptions.ContextsOf(DslMethod)"/>), called with
/// benign values in an otherwise clean description. The same description is evaluated three ways: by the semantic evaluator
/// (what the analyzer falls back to), by the syntactic fast path (what the generator and the analyzer try first), and by
/// running the same calls (<see cref="DslChain.Run"/>, what <c>dotnet run</c> builds). All three must give the same model
/// (serialized by <see cref="ModelFingerprint.Canonical"/>), and both evaluators the same origins: every origin key at the
/// same argument span. A new DSL method is in this corpus without anyone listing it.
/// </summary>
public sealed class SurfaceEvaluationTests
{
    /// <summary>
    /// The calls whose description the fast path does not read, and why; each must decline (a stale entry fails), and every
    /// other call must be read. Empty today: every public method and overload, written with constants, is plain DSL.
    /// </summary>
    private static readonly IReadOnlyDictionary<string, string> FastPathDeclines = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>The calls no description makes, and why: they are not part of what the evaluators read.</summary>
    private static readonly IReadOnlyDictionary<string, string> NotInADescription = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        // Describe() returns the Platform; the generated Run(args) calls Build() on it, and so does run time here.
        ["Platform.Build() @ Platform"] = "Build() returns the model; a description returns the Platform and Run(args) builds it",
    };

    public static TheoryData<string> Calls() => new(DslBenignCall.All.Select(c => c.Name));

    [Fact]
    public void The_corpus_covers_every_public_method_and_overload()
    {
        var calls = DslBenignCall.All.Select(c => c.Name).ToList();
        Assert.True(DslSurface.Methods.Count >= 60, $"only {DslSurface.Methods.Count} methods: the enumeration misses the surface");
        foreach (var method in DslSurface.Methods)
            Assert.Contains(calls, c => c.StartsWith(method.Signature + " @ ", StringComparison.Ordinal));
        // Every exception listed is a call the corpus makes, so none outlives the method it names.
        Assert.All(FastPathDeclines.Keys.Concat(NotInADescription.Keys), key => Assert.Contains(key, calls));
    }

    [Theory]
    [MemberData(nameof(Calls))]
    public void Both_evaluators_and_run_time_give_the_same_model_and_both_evaluators_the_same_spans(string call)
    {
        var benign = DslBenignCall.Named(call);
        var (method, step, chain) = (benign.Method, benign.Step, benign.Describe());

        // Run time: the same calls, made.
        var runTime = benign.RunTime();
        if (NotInADescription.TryGetValue(call, out var why))
        {
            Assert.True(method.Method.ReturnType != typeof(Platform), $"{call} is listed as not in a description ({why}), yet returns the Platform");
            return;
        }

        var (source, written) = chain.SourceFile("SurfacePlatform");
        var compilation = Harness.Compile(source);
        var errors = compilation.GetDiagnostics().Where(d => d.Severity == Microsoft.CodeAnalysis.DiagnosticSeverity.Error).ToList();
        Assert.True(errors.Count == 0, $"{source}\ndoes not compile:\n{string.Join("\n", errors)}");
        var tree = compilation.SyntaxTrees.Single();
        var semanticModel = compilation.GetSemanticModel(tree);
        var type = tree.GetRoot().DescendantNodes().OfType<ClassDeclarationSyntax>().Single(c => c.AttributeLists.Count > 0);

        var semantic = DslEvaluator.Evaluate(type, semanticModel, default);
        Assert.True(semantic.IsComplete, $"{source}\nthe semantic evaluator could not read it:\n" + string.Join("\n", semantic.Problems.Select(p => p.RuleId + ": " + p.Message)));
        Assert.Equal(ModelFingerprint.Canonical(runTime), gen::MailDsl.Model.ModelFingerprint.Canonical(semantic.Model!));

        var fast = SyntacticEvaluator.TryEvaluate(DescribeMethod.Find(type, null)!, semanticModel, default, recordOrigins: true);
        if (FastPathDeclines.TryGetValue(call, out var reason))
        {
            Assert.True(fast is null, $"{call} is listed as declined by the fast path ({reason}), yet the fast path read it: remove it from the list");
            return;
        }
        Assert.True(fast is not null, $"{source}\nthe fast path declined it: make it read this call, or list it in FastPathDeclines with the reason");
        Assert.Equal(gen::MailDsl.Model.ModelFingerprint.Canonical(semantic.Model!), gen::MailDsl.Model.ModelFingerprint.Canonical(fast!));
        // The spans: every origin key where the semantic evaluator put it (argument, params element, string content offset).
        Assert.NotEmpty(semantic.Model!.Origins.Entries);
        // ... and every text argument of the call under test is the origin of some key, at the argument as written.
        var starts = semantic.Model!.Origins.Entries.Select(e => (e.Span.Start, e.Span.Length)).ToHashSet();
        foreach (var argument in step.Arguments.Where(a => a is DslLiteral { Value: string or string[] { Length: > 0 } }))
        {
            var (start, length) = written[argument];
            var first = ((DslLiteral)argument).Value is string[] ? (start, DslChain.Literal(((string[])((DslLiteral)argument).Value!)[0]).Length) : (start, length);
            Assert.True(starts.Contains(first), $"{source}\nno origin at '{source.Substring(first.Item1, first.Item2)}'");
        }
        Assert.Equal(semantic.Model!.Origins.Entries.Select(e => e.ToString()), fast!.Origins.Entries.Select(e => e.ToString()));
        Assert.Equal(semantic.Model, fast);
    }
}
