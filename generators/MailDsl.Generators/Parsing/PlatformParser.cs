using System;
using System.Linq;
using System.Threading;
using MailDsl.Generators.Evaluation;
using MailDsl.Model;
using MailDsl.Render;
using MailDsl.Rules;
using RuleSet = MailDsl.Rules.RuleSet;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace MailDsl.Generators.Parsing
{
    /// <summary>Turns one <c>[MailPlatform]</c> class into a <see cref="PlatformSpec"/>: evaluate, check, render.</summary>
    internal static class PlatformParser
    {
        /// <summary>Parses the class the attribute is on. Never throws (except on cancellation).</summary>
        public static PlatformSpec Parse(GeneratorAttributeSyntaxContext context, CancellationToken cancellation)
        {
            var type = (TypeDeclarationSyntax)context.TargetNode;
            var symbol = (INamedTypeSymbol)context.TargetSymbol;
            var ns = symbol.ContainingNamespace is { IsGlobalNamespace: false } n ? n.ToDisplayString() : "";
            var containing = symbol.ContainingType is null
                ? EquatableArray<string>.Empty
                : Outer(symbol.ContainingType).ToEquatableArray();
            var declaration = string.Join(" ", type.Modifiers.Select(m => m.Text)) + " class " + symbol.Name;
            var hint = symbol.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat).Replace("global::", "").Replace('<', '_').Replace('>', '_') + ".MailPlatform.g.cs";

            var artifacts = EquatableArray<Artifact>.Empty;
            var known = false;
            try
            {
                var result = DslEvaluator.Evaluate(type, context.SemanticModel, cancellation);
                if (result.IsComplete && !RuleSet.Check(result.Model!).Any(f => f.Severity == Severity.Error))
                {
                    // Artifacts carry no origins: the model's SourceMap is not part of what is rendered.
                    artifacts = PlatformRenderer.Render(result.Model! with { Origins = SourceMap.Empty }).ToEquatableArray();
                    known = true;
                }
            }
            catch (OperationCanceledException)
            {
                throw;
            }
            catch (Exception)
            {
                // The analyzer reports what went wrong; the generated Run(args) builds at run time instead.
                known = false;
                artifacts = EquatableArray<Artifact>.Empty;
            }
            return new PlatformSpec(ns, containing, declaration, hint, known, artifacts);
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
