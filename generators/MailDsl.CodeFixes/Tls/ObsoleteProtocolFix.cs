using System.Collections.Immutable;
using System.Composition;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace MailDsl.CodeFixes.Tls
{
    /// <summary>
    /// MAIL1010: removes an obsolete protocol (<c>TlsVersion.Ssl2</c>, <c>TlsVersion.Ssl3</c>) from a
    /// <c>Protocols(...)</c> call. Diagnostics inside a cipher string are left alone: there the token is an
    /// exclusion or a name, not an argument to remove.
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(ObsoleteProtocolFix)), Shared]
    public sealed class ObsoleteProtocolFix : CodeFixProvider
    {
        /// <summary>The equivalence key of the fix, for Fix All.</summary>
        public const string EquivalenceKey = "MAIL1010.RemoveProtocol";

        /// <inheritdoc/>
        public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create("MAIL1010");

        /// <inheritdoc/>
        public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

        /// <inheritdoc/>
        public override async Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
            if (root is null) return;
            foreach (var diagnostic in context.Diagnostics)
            {
                var argument = FixSyntax.Argument(root, diagnostic.Location.SourceSpan);
                if (argument?.Parent is not ArgumentListSyntax list || list.Parent is not InvocationExpressionSyntax invocation) continue;
                if (FixSyntax.MethodName(invocation) != "Protocols" || argument.Expression is LiteralExpressionSyntax) continue;
                context.RegisterCodeFix(
                    CodeAction.Create($"Remove the obsolete protocol {argument.Expression}",
                        ct => Remove(context.Document, argument, ct), EquivalenceKey),
                    diagnostic);
            }
        }

        private static async Task<Document> Remove(Document document, ArgumentSyntax argument, CancellationToken ct)
        {
            var root = await document.GetSyntaxRootAsync(ct).ConfigureAwait(false);
            if (root is null || argument.Parent is not ArgumentListSyntax list) return document;
            return document.WithSyntaxRoot(root.ReplaceNode(list, list.WithArguments(list.Arguments.Remove(argument))));
        }
    }
}
