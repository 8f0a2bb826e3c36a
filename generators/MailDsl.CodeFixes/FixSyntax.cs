using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace MailDsl.CodeFixes
{
    /// <summary>Finding the DSL syntax a diagnostic points at, and writing replacements in the author's style.</summary>
    internal static class FixSyntax
    {
        /// <summary>The innermost node covering <paramref name="span"/>.</summary>
        public static SyntaxNode Node(SyntaxNode root, TextSpan span) => root.FindNode(span, getInnermostNodeForTie: true);

        /// <summary>The argument that holds <paramref name="span"/>, or null.</summary>
        public static ArgumentSyntax? Argument(SyntaxNode root, TextSpan span)
            => Node(root, span).AncestorsAndSelf().OfType<ArgumentSyntax>().FirstOrDefault();

        /// <summary>The DSL call that holds <paramref name="span"/> (its argument or its method name), or null.</summary>
        public static InvocationExpressionSyntax? Invocation(SyntaxNode root, TextSpan span)
            => Node(root, span).AncestorsAndSelf().OfType<InvocationExpressionSyntax>().FirstOrDefault();

        /// <summary>The name of the method an invocation calls (<c>Protocols</c> in <c>p.Protocols(...)</c>).</summary>
        public static string? MethodName(InvocationExpressionSyntax invocation) => invocation.Expression switch
        {
            MemberAccessExpressionSyntax member => member.Name.Identifier.ValueText,
            SimpleNameSyntax name => name.Identifier.ValueText,
            _ => null,
        };

        /// <summary>A string literal holding <paramref name="value"/>, verbatim if <paramref name="original"/> was.</summary>
        public static LiteralExpressionSyntax StringLiteral(string value, LiteralExpressionSyntax original)
        {
            var token = original.Token.Text.StartsWith("@\"", System.StringComparison.Ordinal)
                ? SyntaxFactory.Literal("@\"" + value.Replace("\"", "\"\"") + "\"", value)
                : SyntaxFactory.Literal(value);
            return SyntaxFactory.LiteralExpression(SyntaxKind.StringLiteralExpression, token.WithTriviaFrom(original.Token));
        }

        /// <summary>
        /// The argument of <paramref name="invocation"/> that binds to parameter <paramref name="parameterIndex"/> named
        /// <paramref name="parameterName"/>: named, or positional before any named argument; null when it is not written.
        /// </summary>
        public static ArgumentSyntax? ArgumentFor(InvocationExpressionSyntax invocation, string parameterName, int parameterIndex)
        {
            var arguments = invocation.ArgumentList.Arguments;
            var named = arguments.FirstOrDefault(a => a.NameColon?.Name.Identifier.ValueText == parameterName);
            if (named is not null) return named;
            if (parameterIndex < 0 || parameterIndex >= arguments.Count) return null;
            return arguments.Take(parameterIndex + 1).All(a => a.NameColon is null) ? arguments[parameterIndex] : null;
        }
    }
}
