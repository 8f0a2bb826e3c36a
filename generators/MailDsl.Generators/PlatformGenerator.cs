using System;
using MailDsl.Generators.Emitting;
using MailDsl.Generators.Parsing;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace MailDsl.Generators
{
    /// <summary>
    /// Finds <c>[MailPlatform]</c> classes, evaluates their <c>Describe()</c> into the platform model, renders it, and
    /// emits the files and <c>Run(args)</c>. Diagnostics are the analyzer's (<see cref="Analysis.MailPlatformAnalyzer"/>).
    /// </summary>
    [Generator(LanguageNames.CSharp)]
    public sealed class PlatformGenerator : IIncrementalGenerator
    {
        /// <summary>The attribute's metadata name.</summary>
        public const string AttributeName = "MailDsl.MailPlatformAttribute";

        /// <inheritdoc/>
        public void Initialize(IncrementalGeneratorInitializationContext context)
        {
            var specs = context.SyntaxProvider
                .ForAttributeWithMetadataName(
                    AttributeName,
                    static (node, _) => node is ClassDeclarationSyntax,
                    static (ctx, ct) => PlatformParser.Parse(ctx, ct))
                .WithTrackingName(TrackingNames.PlatformSpecs);

            context.RegisterSourceOutput(specs, static (spc, spec) =>
            {
                string source;
                try
                {
                    source = PlatformEmitter.Emit(spec);
                }
                catch (Exception)
                {
                    // Never throw into the compiler; the analyzer reports the platform's problems.
                    return;
                }
                spc.AddSource(spec.HintName, source);
            });
        }
    }
}
