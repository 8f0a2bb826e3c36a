using System;
using System.Linq;
using System.Threading;
using MailDsl.Generators.Evaluation;
using MailDsl.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace MailDsl.Generators.Parsing
{
    /// <summary>
    /// The <c>ForAttributeWithMetadataName</c> transform: reads one <c>[MailPlatform]</c> class's declaration and evaluates
    /// its <c>Describe()</c> into the model. Roslyn runs this on every compilation change, so it does only that: no
    /// rules, no rendering, no origins (the analyzer records those on its own evaluation), and, for a description in
    /// plain DSL, no binding either (<see cref="SyntacticEvaluator"/>).
    /// </summary>
    internal static class PlatformParser
    {
        /// <summary>Parses the class the attribute is on. Never throws (except on cancellation).</summary>
        public static EvaluatedPlatform Parse(GeneratorAttributeSyntaxContext context, CancellationToken cancellation)
        {
            var type = (TypeDeclarationSyntax)context.TargetNode;
            var symbol = (INamedTypeSymbol)context.TargetSymbol;
            var ns = symbol.ContainingNamespace is { IsGlobalNamespace: false } n ? n.ToDisplayString() : "";
            var containing = symbol.ContainingType is null
                ? EquatableArray<string>.Empty
                : Outer(symbol.ContainingType).ToEquatableArray();
            var declaration = string.Join(" ", type.Modifiers.Select(m => m.Text)) + " class " + symbol.Name;
            var hint = symbol.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat).Replace("global::", "").Replace('<', '_').Replace('>', '_') + ".MailPlatform.g.cs";

            PlatformModel? model = null;
            try
            {
                // The description's syntax alone when it is plain DSL (no binding of the method body on every
                // compilation change); the semantic model when it uses anything else.
                // Describe() may be in any part of the partial class; finding it reads declarations only.
                model = DescribeMethod.Find(type, symbol) is { } describe ? SyntacticEvaluator.TryEvaluate(describe, context.SemanticModel, cancellation) : null;
                if (model is null)
                {
                    var result = DslEvaluator.Evaluate(type, context.SemanticModel, cancellation, recordOrigins: false);
                    if (result.IsComplete) model = result.Model! with { Origins = SourceMap.Empty };
                }
            }
            catch (OperationCanceledException)
            {
                throw;
            }
            catch (Exception)
            {
                // The analyzer reports what went wrong; the generated Run(args) builds the platform at run time.
                model = null;
            }
            return new EvaluatedPlatform(new PlatformDeclaration(ns, containing, declaration, hint), model);
        }

        private static string[] Outer(INamedTypeSymbol type)
        {
            var chain = new System.Collections.Generic.List<string>();
            for (var t = type; t is not null; t = t.ContainingType)
            {
                var kind = t.TypeKind == TypeKind.Struct ? "struct" : "class";
                chain.Insert(0, (t.IsStatic ? "static " : "") + "partial " + kind + " " + t.Name);
            }
            return chain.ToArray();
        }
    }
}
