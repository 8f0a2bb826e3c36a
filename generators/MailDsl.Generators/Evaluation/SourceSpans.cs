using System;
using MailDsl.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace MailDsl.Generators.Evaluation
{
    /// <summary>The origins both evaluators record: where a call's name and each of its arguments were written.</summary>
    internal static class SourceSpans
    {
        /// <summary>A span of <paramref name="tree"/>, not inside a literal.</summary>
        public static SourceSpan Of(TextSpan span, SyntaxTree tree) => new(tree.FilePath, span.Start, span.Length, -1);

        /// <summary>The span of a call's method name (<c>Hosts</c> in <c>m.Hosts("a")</c>), or of the whole call.</summary>
        public static SourceSpan MethodName(SyntaxNode invocation)
            => Of(invocation is InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax access } ? access.Name.Span : invocation.Span, invocation.SyntaxTree);

        /// <summary>The span of an argument; for a plain string literal, with where its content starts, so findings can point inside it.</summary>
        public static SourceSpan Argument(SyntaxNode syntax)
        {
            var offset = -1;
            if (syntax is LiteralExpressionSyntax literal && literal.IsKind(SyntaxKind.StringLiteralExpression))
            {
                var text = literal.Token.Text;
                var prefix = text.StartsWith("@\"", StringComparison.Ordinal) ? 2 : text.StartsWith("\"", StringComparison.Ordinal) && !text.StartsWith("\"\"\"", StringComparison.Ordinal) ? 1 : -1;
                // Positions inside map one to one only when nothing is escaped.
                if (prefix > 0 && text.Length - prefix - 1 == literal.Token.ValueText.Length) offset = prefix;
            }
            return new SourceSpan(syntax.SyntaxTree.FilePath, syntax.Span.Start, syntax.Span.Length, offset);
        }
    }
}
