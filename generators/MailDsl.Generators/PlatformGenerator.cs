using System;
using MailDsl.Generators.Checking;
using MailDsl.Generators.Emitting;
using MailDsl.Generators.Layout;
using MailDsl.Generators.Parsing;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace MailDsl.Generators
{
    /// <summary>
    /// Finds <c>[MailPlatform]</c> classes and emits their <c>Run(args)</c>, in tracked steps that carry only equatable
    /// values (<see cref="TrackingNames"/>): find and evaluate into the model, check, lay out the hosts' files, emit.
    /// An edit elsewhere stops at the first comparison; a comment inside the platform stops at the model's. What is
    /// emitted follows the description, not the rendered text: the files are rendered at run time by Core's renderers,
    /// and run time compares its model with the compile-time model's fingerprint. Diagnostics are the analyzer's
    /// (<see cref="Analysis.MailPlatformAnalyzer"/>).
    /// </summary>
    [Generator(LanguageNames.CSharp)]
    public sealed class PlatformGenerator : IIncrementalGenerator
    {
        /// <summary>The attribute's metadata name.</summary>
        public const string AttributeName = "MailDsl.MailPlatformAttribute";

        /// <inheritdoc/>
        public void Initialize(IncrementalGeneratorInitializationContext context)
        {
            var platforms = context.SyntaxProvider
                .ForAttributeWithMetadataName(
                    AttributeName,
                    static (node, _) => node is ClassDeclarationSyntax,
                    static (ctx, ct) => PlatformParser.Parse(ctx, ct))
                .WithTrackingName(TrackingNames.Platforms);

            var checkedPlatforms = platforms
                .Select(static (platform, ct) => PlatformChecker.Check(platform, ct))
                .WithTrackingName(TrackingNames.Checked);

            var layouts = checkedPlatforms
                .Select(static (platform, ct) => LayoutPlanner.Plan(platform, ct))
                .WithTrackingName(TrackingNames.Layouts);

            var sources = layouts
                .Select(static (layout, _) => Emit(layout))
                .WithTrackingName(TrackingNames.Sources);

            context.RegisterSourceOutput(sources, static (spc, source) =>
            {
                if (source.Text is not null) spc.AddSource(source.HintName, source.Text);
            });
        }

        private static GeneratedSource Emit(PlatformLayout layout)
        {
            try
            {
                return new GeneratedSource(layout.Declaration.HintName, PlatformEmitter.Emit(layout));
            }
            catch (Exception)
            {
                // Never throw into the compiler; the analyzer reports the platform's problems.
                return new GeneratedSource(layout.Declaration.HintName, null);
            }
        }
    }
}
