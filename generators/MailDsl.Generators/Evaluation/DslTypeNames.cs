using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using MailDsl.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace MailDsl.Generators.Evaluation
{
    /// <summary>
    /// Which DSL type a type name written in <c>Describe()</c> means (<c>Platform</c>, <c>Secret</c>, <c>TlsLevel</c>,
    /// <c>global::MailDsl.Model.Distro</c>), for the syntactic fast path: the name is bound on its own where the method is
    /// declared (never the method's body, which is what the fast path saves), and it is the DSL's type only when the symbol
    /// it binds to is that type of the DSL's own assemblies, by its fully qualified metadata name. A type of the user's own
    /// called <c>Secret</c>, an alias or a member named like a DSL type means something else there, and the fast path gives
    /// up: the semantic evaluator reads the description as the compiler does. Each name is bound once per evaluation.
    /// </summary>
    internal sealed class DslTypeNames
    {
        /// <summary>The assemblies the DSL's public types come from as a description's compilation references them.</summary>
        private static readonly string[] DslAssemblyNames = { "MailDsl", "MailDsl.Core" };

        /// <summary>The namespaces of the DSL's public types: the builders and <c>Secret</c>, and the model's enums.</summary>
        private static readonly string[] DslNamespaces = { "MailDsl", "MailDsl.Model" };

        /// <summary>The simple names of the DSL's public types: only these are worth binding.</summary>
        private static readonly HashSet<string> SimpleNames = new(typeof(Platform).Assembly.GetExportedTypes()
            .Where(t => DslNamespaces.Contains(t.Namespace) && !t.IsNested)
            .Select(t => t.Name), StringComparer.Ordinal);

        private readonly SemanticModel _model;
        private readonly int _position;
        private readonly Dictionary<string, Type?> _bound = new(StringComparer.Ordinal);

        /// <param name="describe">The <c>Describe()</c> method the names are written in.</param>
        /// <param name="semanticModel">A semantic model of the compilation (of any of its trees).</param>
        public DslTypeNames(MethodDeclarationSyntax describe, SemanticModel semanticModel)
        {
            _model = semanticModel.SyntaxTree == describe.SyntaxTree ? semanticModel : semanticModel.Compilation.GetSemanticModel(describe.SyntaxTree);
            _position = describe.SpanStart;
        }

        /// <summary>The DSL's type (as this assembly runs it) that <paramref name="name"/> means where it is written, or null.</summary>
        public Type? Named(ExpressionSyntax name)
        {
            if (!(RightmostName(name) is { } simple && SimpleNames.Contains(simple))) return null;
            var text = name.ToString();
            if (_bound.TryGetValue(text, out var known)) return known;
            var symbol = _model.GetSpeculativeSymbolInfo(_position, SyntaxFactory.ParseExpression(text), SpeculativeBindingOption.BindAsExpression).Symbol;
            return _bound[text] = symbol is INamedTypeSymbol type ? RuntimeType(type) : null;
        }

        /// <summary>The first name of a dotted name (<c>MailDsl</c> in <c>MailDsl.Model.TlsLevel</c>), or null for anything but a name.</summary>
        public static string? LeftmostName(ExpressionSyntax expression) => expression switch
        {
            IdentifierNameSyntax identifier => identifier.Identifier.ValueText,
            AliasQualifiedNameSyntax { Name: IdentifierNameSyntax } alias => alias.Alias.Identifier.ValueText,
            MemberAccessExpressionSyntax { RawKind: (int)SyntaxKind.SimpleMemberAccessExpression, Name: IdentifierNameSyntax } access => LeftmostName(access.Expression),
            _ => null,
        };

        private static string? RightmostName(ExpressionSyntax expression) => expression switch
        {
            IdentifierNameSyntax identifier => identifier.Identifier.ValueText,
            AliasQualifiedNameSyntax { Name: IdentifierNameSyntax name } => name.Identifier.ValueText,
            MemberAccessExpressionSyntax { RawKind: (int)SyntaxKind.SimpleMemberAccessExpression, Name: IdentifierNameSyntax name } access
                when LeftmostName(access.Expression) is not null => name.Identifier.ValueText,
            _ => null,
        };

        /// <summary>The DSL's public type <paramref name="symbol"/> is, as this assembly runs it; null for any other type.</summary>
        private static Type? RuntimeType(INamedTypeSymbol symbol)
        {
            if (symbol.ContainingType is not null || symbol.IsGenericType) return null;
            if (!DslAssemblyNames.Contains(symbol.ContainingAssembly?.Name)) return null;
            var ns = symbol.ContainingNamespace?.ToDisplayString();
            if (!DslNamespaces.Contains(ns)) return null;
            var type = typeof(Platform).Assembly.GetType(ns + "." + symbol.MetadataName);
            return type is { IsPublic: true } ? type : null;
        }
    }
}
