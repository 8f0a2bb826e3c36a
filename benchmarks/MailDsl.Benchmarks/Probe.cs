extern alias gen;
using System.Diagnostics;
using gen::MailDsl.Generators.Evaluation;
using MailDsl.Generators.Tests;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace MailDsl.Benchmarks;

public static class Probe
{
    public static void Run(int n)
    {
        var source = SyntheticPlatform.Source(n);
        for (var round = 0; round < 5; round++)
        {
            var compilation = Compiling.Compile(source);
            var tree = compilation.SyntaxTrees.First();
            var type = tree.GetRoot().DescendantNodes().OfType<ClassDeclarationSyntax>().First();
            var sw = Stopwatch.StartNew();
            var model = compilation.GetSemanticModel(tree);
            var describe = type.Members.OfType<MethodDeclarationSyntax>().First();
            var op = model.GetOperation(describe.ExpressionBody!.Expression);
            var bind = sw.Elapsed.TotalMilliseconds;
            sw.Restart();
            var model2 = compilation.GetSemanticModel(tree);
            var result = DslEvaluator.Evaluate(type, model2, default, recordOrigins: false);
            var eval = sw.Elapsed.TotalMilliseconds;
            sw.Restart();
            var result2 = DslEvaluator.Evaluate(type, model2, default, recordOrigins: false);
            var eval2 = sw.Elapsed.TotalMilliseconds;
            Console.WriteLine($"{n}: bind {bind:F2} ms, evaluate(new model) {eval:F2} ms, evaluate again (same model) {eval2:F2} ms, complete {result.IsComplete}");
        }
    }
}
