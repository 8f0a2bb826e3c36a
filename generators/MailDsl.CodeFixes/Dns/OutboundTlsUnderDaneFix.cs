using System.Collections.Immutable;
using System.Composition;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace MailDsl.CodeFixes.Dns
{
    /// <summary>
    /// MAIL6010: removes the <c>.OutboundTls(level)</c> call that <c>.OutboundDane()</c> replaces, keeping DANE (verified where
    /// TLSA records are published, opportunistic elsewhere). The other way out, dropping DANE, is the author's choice and
    /// is not offered. Only where the call is a link of a fluent chain (<c>s.Hosts(...).OutboundTls(...)</c>).
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(OutboundTlsUnderDaneFix)), Shared]
    public sealed class OutboundTlsUnderDaneFix : CodeFixProvider
    {
        /// <summary>The equivalence key of the fix, for Fix All.</summary>
        public const string EquivalenceKey = "MAIL6010.RemoveOutboundTls";

        /// <inheritdoc/>
        public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create("MAIL6010");

        /// <inheritdoc/>
        public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

        /// <inheritdoc/>
        public override async Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
            if (root is null) return;
            foreach (var diagnostic in context.Diagnostics)
            {
                var invocation = FixSyntax.Invocation(root, diagnostic.Location.SourceSpan);
                if (invocation is null || FixSyntax.MethodName(invocation) != "OutboundTls" || invocation.Expression is not MemberAccessExpressionSyntax) continue;
                context.RegisterCodeFix(
                    CodeAction.Create($"Remove .OutboundTls({invocation.ArgumentList.Arguments}): keep DANE", ct => Remove(context.Document, invocation, ct), EquivalenceKey),
                    diagnostic);
            }
        }

        // The chain without the link: what the call was made on, with the call's trailing trivia.
        private static async Task<Document> Remove(Document document, InvocationExpressionSyntax invocation, CancellationToken ct)
        {
            var root = await document.GetSyntaxRootAsync(ct).ConfigureAwait(false);
            if (root is null || invocation.Expression is not MemberAccessExpressionSyntax member) return document;
            return document.WithSyntaxRoot(root.ReplaceNode(invocation, member.Expression.WithTrailingTrivia(invocation.GetTrailingTrivia())));
        }
    }
}
