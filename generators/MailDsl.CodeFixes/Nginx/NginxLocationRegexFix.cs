using System.Collections.Immutable;
using System.Composition;
using System.Threading;
using System.Threading.Tasks;
using MailDsl.Rules;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace MailDsl.CodeFixes.Nginx
{
    /// <summary>
    /// MAIL4002: turns an nginx location written as <c>^/SOGo/...</c> (a literal prefix that never matches) into the
    /// regular expression it meant, <c>~ ^/SOGo/...</c>. The corrected text comes from the rule (FixedValue).
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(NginxLocationRegexFix)), Shared]
    public sealed class NginxLocationRegexFix : CodeFixProvider
    {
        /// <summary>The equivalence key of the fix, for Fix All.</summary>
        public const string EquivalenceKey = "MAIL4002.AddTilde";

        /// <inheritdoc/>
        public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create("MAIL4002");

        /// <inheritdoc/>
        public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

        /// <inheritdoc/>
        public override async Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
            if (root is null) return;
            foreach (var diagnostic in context.Diagnostics)
            {
                if (!diagnostic.Properties.TryGetValue(FixProperties.FixedValue, out var fixedValue) || fixedValue is null) continue;
                var literal = FixSyntax.Argument(root, diagnostic.Location.SourceSpan)?.Expression as LiteralExpressionSyntax
                    ?? FixSyntax.Node(root, diagnostic.Location.SourceSpan) as LiteralExpressionSyntax;
                if (literal is null || !literal.IsKind(SyntaxKind.StringLiteralExpression)) continue; // a constant elsewhere: nothing to edit here
                context.RegisterCodeFix(
                    CodeAction.Create("Make the location a regular expression (add '~ ')",
                        ct => Replace(context.Document, literal, fixedValue, ct), EquivalenceKey),
                    diagnostic);
            }
        }

        private static async Task<Document> Replace(Document document, LiteralExpressionSyntax literal, string fixedValue, CancellationToken ct)
        {
            var root = await document.GetSyntaxRootAsync(ct).ConfigureAwait(false);
            return root is null ? document : document.WithSyntaxRoot(root.ReplaceNode(literal, FixSyntax.StringLiteral(fixedValue, literal)));
        }
    }
}
