using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using MailDsl.Rules;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace MailDsl.CodeFixes.Listeners
{
    /// <summary>
    /// MAIL2001: a listener takes plaintext logins without TLS. Offers the two fixes the rule carries: refuse
    /// plaintext logins (<c>allowPlaintextAuth: false</c>), or protect the listener with implicit TLS.
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(PlaintextAuthFix)), Shared]
    public sealed class PlaintextAuthFix : CodeFixProvider
    {
        /// <summary>The equivalence key of "refuse plaintext logins".</summary>
        public const string RefuseLoginsKey = "MAIL2001.RefusePlaintextLogins";

        /// <summary>The equivalence key of "use implicit TLS".</summary>
        public const string ImplicitTlsKey = "MAIL2001.ImplicitTls";

        private const string SecurityParameter = "security";

        /// <inheritdoc/>
        public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create("MAIL2001");

        /// <inheritdoc/>
        public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

        /// <inheritdoc/>
        public override async Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
            var model = await context.Document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
            if (root is null || model is null) return;
            foreach (var diagnostic in context.Diagnostics)
            {
                var invocation = FixSyntax.Invocation(root, diagnostic.Location.SourceSpan);
                if (invocation is null || model.GetSymbolInfo(invocation, context.CancellationToken).Symbol is not IMethodSymbol method) continue;

                if (diagnostic.Properties.TryGetValue(FixProperties.ParameterName, out var name) && name is not null
                    && diagnostic.Properties.TryGetValue(FixProperties.ParameterValue, out var value) && value is not null
                    && IndexOf(method, name) is var index && index >= 0)
                {
                    context.RegisterCodeFix(
                        CodeAction.Create($"Refuse plaintext logins here ({name}: {value})",
                            ct => SetArgument(context.Document, invocation, name, index, SyntaxFactory.ParseExpression(value), ct), RefuseLoginsKey),
                        diagnostic);
                }

                if (diagnostic.Properties.TryGetValue(FixProperties.SecurityValue, out var security) && security is not null
                    && IndexOf(method, SecurityParameter) is var securityIndex && securityIndex >= 0)
                {
                    var existing = FixSyntax.ArgumentFor(invocation, SecurityParameter, securityIndex)?.Expression;
                    var replacement = Security(existing, security);
                    context.RegisterCodeFix(
                        CodeAction.Create($"Protect the listener with TLS ({replacement})",
                            ct => SetArgument(context.Document, invocation, SecurityParameter, securityIndex, replacement, ct), ImplicitTlsKey),
                        diagnostic);
                }
            }
        }

        private static int IndexOf(IMethodSymbol method, string parameter)
        {
            for (var i = 0; i < method.Parameters.Length; i++)
                if (method.Parameters[i].Name == parameter) return i;
            return -1;
        }

        /// <summary>Keeps the author's qualification: <c>MailDsl.Model.ListenerSecurity.Plain</c> becomes <c>MailDsl.Model.ListenerSecurity.ImplicitTls</c>.</summary>
        private static ExpressionSyntax Security(ExpressionSyntax? existing, string security)
        {
            var member = security.Substring(security.LastIndexOf('.') + 1);
            return existing is MemberAccessExpressionSyntax access
                ? access.WithName(SyntaxFactory.IdentifierName(member))
                : SyntaxFactory.ParseExpression(security);
        }

        private static ArgumentSyntax Named(string name, ExpressionSyntax value, bool leadingSpace)
        {
            var argument = SyntaxFactory.Argument(SyntaxFactory.NameColon(name), default, value);
            return leadingSpace ? argument.WithLeadingTrivia(SyntaxFactory.Space) : argument;
        }

        private static async Task<Document> SetArgument(Document document, InvocationExpressionSyntax invocation, string name, int index, ExpressionSyntax value, CancellationToken ct)
        {
            var root = await document.GetSyntaxRootAsync(ct).ConfigureAwait(false);
            if (root is null) return document;
            var list = invocation.ArgumentList;
            var existing = FixSyntax.ArgumentFor(invocation, name, index);
            var newList = existing is not null
                ? list.ReplaceNode(existing, existing.WithExpression(value.WithTriviaFrom(existing.Expression)))
                : list.AddArguments(Named(name, value, leadingSpace: list.Arguments.Any()));
            return document.WithSyntaxRoot(root.ReplaceNode(list, newList));
        }
    }
}
