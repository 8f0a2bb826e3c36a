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

namespace MailDsl.CodeFixes.Values
{
    /// <summary>
    /// Replaces the string argument a diagnostic points into with the corrected text its rule computed
    /// (<c>FixedValue</c>): MAIL4002 puts <c>~ </c> in front of an nginx location meant as a regex, MAIL1001 appends
    /// the exclusions of the broken suites to a cipher string, MAIL1003 corrects a misspelled cipher name, MAIL4010,
    /// MAIL4011 and MAIL4016 write the raw setting name the target's daemon version knows.
    /// Only where the argument is a string literal at the call; a constant declared elsewhere is left alone.
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(FixedValueFix)), Shared]
    public sealed class FixedValueFix : CodeFixProvider
    {
        /// <summary>MAIL4002's fix: add <c>~ </c>.</summary>
        public const string AddTildeKey = "MAIL4002.AddTilde";

        /// <summary>MAIL1001's fix: exclude the broken suites.</summary>
        public const string ExcludeBrokenKey = "MAIL1001.ExcludeBroken";

        /// <summary>MAIL1003's fix: write the name OpenSSL knows.</summary>
        public const string CorrectNameKey = "MAIL1003.CorrectName";

        /// <summary>MAIL4010, MAIL4011 and MAIL4016's fix: write the setting name the target's daemon version knows.</summary>
        public const string SettingNameKey = "MAIL4011.SettingName";

        /// <inheritdoc/>
        public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create("MAIL4002", "MAIL1001", "MAIL1003", "MAIL4010", "MAIL4011", "MAIL4016");

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
                if (literal is null || !literal.IsKind(SyntaxKind.StringLiteralExpression)) continue;
                var (title, key) = diagnostic.Id switch
                {
                    "MAIL4002" => ("Make the location a regular expression (add '~ ')", AddTildeKey),
                    "MAIL1001" => ($"Exclude the broken suites: \"{fixedValue}\"", ExcludeBrokenKey),
                    "MAIL4010" or "MAIL4011" or "MAIL4016" => ($"Write the setting name '{fixedValue}'", SettingNameKey),
                    _ => ($"Write the name OpenSSL knows: \"{fixedValue}\"", CorrectNameKey),
                };
                context.RegisterCodeFix(CodeAction.Create(title, ct => Replace(context.Document, literal, fixedValue, ct), key), diagnostic);
            }
        }

        private static async Task<Document> Replace(Document document, LiteralExpressionSyntax literal, string fixedValue, CancellationToken ct)
        {
            var root = await document.GetSyntaxRootAsync(ct).ConfigureAwait(false);
            return root is null ? document : document.WithSyntaxRoot(root.ReplaceNode(literal, FixSyntax.StringLiteral(fixedValue, literal)));
        }
    }
}
