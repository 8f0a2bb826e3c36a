extern alias gen;
using System.Collections.Immutable;
using System.Diagnostics;
using System.Globalization;
using gen::MailDsl.Generators.Analysis;
using gen::MailDsl.Generators.Evaluation;
using RuleSet = gen::MailDsl.Rules.RuleSet;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;

#pragma warning disable RS1041, RS1036, RS2008 // a do-nothing analyzer used as a timing floor, never shipped

namespace MailDsl.Benchmarks;

/// <summary>
/// `analyzer-parts [HOSTS...]`: where the analyzer's time goes on the example (0, the default) or a synthetic platform, each part on a new compilation (as a build gets):
/// binding Describe()'s body, evaluating it (which binds it), the rules, and the whole analyzer through the driver.
/// Milliseconds at the 1st, 10th and 100th compilation of the process (the compiler server's JIT warms the same way).
/// </summary>
public static class AnalyzerParts
{
    private static readonly ImmutableArray<DiagnosticAnalyzer> Empty = ImmutableArray.Create<DiagnosticAnalyzer>(new NothingAnalyzer());

    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    private sealed class NothingAnalyzer : DiagnosticAnalyzer
    {
        private static readonly DiagnosticDescriptor Never = new("NOTHING1", "never", "never", "none", DiagnosticSeverity.Hidden, true);

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Never);

        public override void Initialize(AnalysisContext context)
        {
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.EnableConcurrentExecution();
            context.RegisterSyntaxNodeAction(_ => { }, SyntaxKind.ClassDeclaration);
        }
    }

    public static int Run(string[] args)
    {
        foreach (var hosts in args.Length > 0 ? args.Select(int.Parse).ToArray() : new[] { 0 })
        {
            Console.WriteLine(hosts == 0 ? "the example" : hosts + " hosts");
            Run(hosts == 0 ? Compiling.Example() : MailDsl.Generators.Tests.SyntheticPlatform.Source(hosts), hosts == 0 ? 100 : 10);
        }
        return 0;
    }

    private static void Run(string source, int builds)
    {
        var analyzers = ImmutableArray.Create<DiagnosticAnalyzer>(new MailPlatformAnalyzer());
        // Each part gets a compilation of its own (the other file's value differs), so nothing bound before is reused.
        (CSharpCompilation Compilation, SyntaxTree Tree, ClassDeclarationSyntax Type) Fresh(string value)
        {
            var compilation = Compiling.Compile(source, "public static class Other { public static int Value => " + value + "; }");
            var tree = compilation.SyntaxTrees.First();
            return (compilation, tree, tree.GetRoot().DescendantNodes().OfType<ClassDeclarationSyntax>().First(c => c.AttributeLists.Count > 0));
        }

        for (var build = 1; build <= builds; build++)
        {
            var (compilation, tree, type) = Fresh(build.ToString(CultureInfo.InvariantCulture));
            var describeCompilation = compilation;
            var describe = type.Members.OfType<MethodDeclarationSyntax>().First(m => m.Identifier.ValueText == "Describe");
            var sw = Stopwatch.StartNew();
            compilation.GetSemanticModel(tree).GetOperation(describe);
            var bind = sw.Elapsed.TotalMilliseconds;
            (compilation, tree, type) = Fresh("-" + build.ToString(CultureInfo.InvariantCulture));
            sw.Restart();
            var result = DslEvaluator.Evaluate(type, compilation.GetSemanticModel(tree), CancellationToken.None);
            var evaluate = sw.Elapsed.TotalMilliseconds;
            sw.Restart();
            RuleSet.Check(result.Model!);
            var rules = sw.Elapsed.TotalMilliseconds;
            sw.Restart();
            SyntacticEvaluator.TryEvaluate(describe, describeCompilation.GetSemanticModel(describe.SyntaxTree), CancellationToken.None, recordOrigins: true);
            var syntactic = sw.Elapsed.TotalMilliseconds;
            compilation = Fresh("0" + build.ToString(CultureInfo.InvariantCulture)).Compilation;
            sw.Restart();
            var diagnostics = compilation.WithAnalyzers(analyzers).GetAnalyzerDiagnosticsAsync().Result;
            var whole = sw.Elapsed.TotalMilliseconds;
            // The driver binds every method body for its events whatever the analyzer does: the same run with an
            // analyzer that does nothing is the floor.
            compilation = Fresh("00" + build.ToString(CultureInfo.InvariantCulture)).Compilation;
            sw.Restart();
            compilation.WithAnalyzers(Empty).GetAnalyzerDiagnosticsAsync().Result.ToString();
            var floor = sw.Elapsed.TotalMilliseconds;
            if (build is 1 or 2 or 10 or 30 or 100)
                Console.WriteLine($"compilation {build,3}: bind Describe {bind,6:F2}  evaluate (binds) {evaluate,6:F2}  rules {rules,6:F2}  syntactic evaluation with origins {syntactic,6:F2}  whole analyzer via driver {whole,6:F2} ({diagnostics.Length} diagnostics), an analyzer doing nothing {floor,6:F2}");
        }
    }
}
