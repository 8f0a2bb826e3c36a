using System;
using System.Collections.Immutable;
using System.Linq;
using MailDsl.Generators.Evaluation;
using MailDsl.Model;
using MailDsl.Rules;
using RuleSet = MailDsl.Rules.RuleSet;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace MailDsl.Generators.Analysis
{
    /// <summary>
    /// Reports MAIL diagnostics for each <c>[MailPlatform]</c> class: evaluates <c>Describe()</c> as the generator does,
    /// runs Core's rules on the model, and places each finding at the argument it came from (inside a string
    /// literal where the rule names a part of it). Being an analyzer, its diagnostics honour <c>#pragma</c> and
    /// <c>.editorconfig</c>.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class MailPlatformAnalyzer : DiagnosticAnalyzer
    {
        /// <inheritdoc/>
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => MailDiagnostics.All;

        /// <inheritdoc/>
        public override void Initialize(AnalysisContext context)
        {
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.EnableConcurrentExecution();
            context.RegisterCompilationStartAction(start =>
            {
                // The attribute is looked up once per compilation; a compilation without MailDsl registers nothing.
                if (start.Compilation.GetTypeByMetadataName(Generators.PlatformGenerator.AttributeName) is not { } attribute) return;
                start.RegisterSyntaxNodeAction(node => AnalyzeClass(node, attribute), SyntaxKind.ClassDeclaration);
            });
        }

        private static void AnalyzeClass(SyntaxNodeAnalysisContext context, INamedTypeSymbol attribute)
        {
            var type = (ClassDeclarationSyntax)context.Node;
            if (type.AttributeLists.Count == 0) return;
            if (context.SemanticModel.GetDeclaredSymbol(type, context.CancellationToken) is not { } symbol) return;
            // The part of a partial class that carries the attribute is analyzed, once; Describe() may be in another part.
            if (!symbol.GetAttributes().Any(a => SymbolEqualityComparer.Default.Equals(a.AttributeClass, attribute)
                    && a.ApplicationSyntaxReference is { } applied && applied.SyntaxTree == type.SyntaxTree && type.Span.Contains(applied.Span))) return;

            var result = Evaluate(type, symbol, context);
            foreach (var problem in result.Problems)
                Report(context, problem.RuleId, problem.Message, problem.Span, -1, 0, ImmutableDictionary<string, string?>.Empty, type);
            if (result.Model is null) return;

            foreach (var finding in SafeCheck(result.Model, context, type))
            {
                // A value known only at run time is checked then: no finding about it, or about its absence, now.
                if (result.WaitsForRunTime(finding.OriginKey)) continue;
                var span = result.Model.Origins.Find(finding.OriginKey);
                var properties = finding.Properties.ToImmutableDictionary(p => p.Name, p => (string?)p.Value);
                Report(context, finding.RuleId, finding.Message, span, finding.SubStart, finding.SubLength, properties, type);
            }
        }

        /// <summary>
        /// The description's model with origins: from its syntax alone when it is plain DSL (binding the method body is
        /// most of the analyzer's time, and the compiler binds it again for itself), else with the semantic model, which
        /// also says what it could not evaluate and why. A test holds the two to the same model and origins.
        /// </summary>
        private static EvaluationResult Evaluate(ClassDeclarationSyntax type, INamedTypeSymbol symbol, SyntaxNodeAnalysisContext context)
        {
            try
            {
                if (DescribeMethod.Find(type, symbol) is { } describe
                    && SyntacticEvaluator.TryEvaluate(describe, context.SemanticModel, context.CancellationToken, recordOrigins: true) is { } model)
                    return new EvaluationResult(model, Array.Empty<EvaluationProblem>(), Array.Empty<string>());
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The semantic evaluator below reports what is wrong, at the argument.
            }
            return DslEvaluator.Evaluate(type, context.SemanticModel, context.CancellationToken);
        }

        private static System.Collections.Generic.IReadOnlyList<Finding> SafeCheck(PlatformModel model, SyntaxNodeAnalysisContext context, ClassDeclarationSyntax type)
        {
            try
            {
                return RuleSet.Check(model);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                context.ReportDiagnostic(Diagnostic.Create(MailDiagnostics.ById["MAIL9002"], type.Identifier.GetLocation(),
                    $"MailDsl's rules failed on this platform ({ex.GetType().Name}: {ex.Message}); please report it."));
                return Array.Empty<Finding>();
            }
        }

        private static void Report(SyntaxNodeAnalysisContext context, string id, string message, SourceSpan? span, int subStart, int subLength,
            ImmutableDictionary<string, string?> properties, ClassDeclarationSyntax type)
        {
            if (!MailDiagnostics.ById.TryGetValue(id, out var descriptor)) return;
            context.ReportDiagnostic(Diagnostic.Create(descriptor, Locate(context, span, subStart, subLength, type), properties, message));
        }

        /// <summary>The finding's place: the recorded span, narrowed to the named part of a string literal when possible.</summary>
        private static Location Locate(SyntaxNodeAnalysisContext context, SourceSpan? span, int subStart, int subLength, ClassDeclarationSyntax type)
        {
            if (span is null) return type.Identifier.GetLocation();
            var tree = span.Path == type.SyntaxTree.FilePath
                ? type.SyntaxTree
                : context.SemanticModel.Compilation.SyntaxTrees.FirstOrDefault(t => t.FilePath == span.Path) ?? type.SyntaxTree;
            var start = span.Start;
            var length = span.Length;
            if (subStart >= 0 && span.ContentOffset >= 0 && span.ContentOffset + subStart + subLength <= span.Length - 1)
            {
                start = span.Start + span.ContentOffset + subStart;
                length = subLength;
            }
            if (start + length > tree.Length) return type.Identifier.GetLocation();
            return Location.Create(tree, new TextSpan(start, length));
        }
    }
}
