extern alias gen;
using System.Collections.Immutable;
using Basic.Reference.Assemblies;
using gen::MailDsl.Generators;
using gen::MailDsl.Generators.Analysis;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace MailDsl.Generators.Tests;

/// <summary>A diagnostic as a test reads it: its ID and the exact source text it points at.</summary>
public sealed record Seen(string Id, string Text)
{
    public override string ToString() => $"{Id} at '{Text}'";
}

/// <summary>Compiles DSL source against the real MailDsl assemblies and runs the generator and the analyzer on it.</summary>
public static class Harness
{
    private static readonly ImmutableArray<MetadataReference> References = Net100.References.All.Cast<MetadataReference>()
        .Concat(new[]
        {
            (MetadataReference)MetadataReference.CreateFromFile(typeof(MailDsl.Platform).Assembly.Location),
            MetadataReference.CreateFromFile(typeof(MailDsl.Model.PlatformModel).Assembly.Location),
        })
        .ToImmutableArray();

    /// <summary>A compilation of <paramref name="sources"/> (as files Platform0.cs, Platform1.cs, ...).</summary>
    public static CSharpCompilation Compile(params string[] sources)
        => CSharpCompilation.Create("DslTest",
            sources.Select((s, i) => CSharpSyntaxTree.ParseText(s, new CSharpParseOptions(LanguageVersion.Latest, DocumentationMode.Diagnose), path: $"Platform{i}.cs")),
            References,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));

    /// <summary>A driver that tracks steps, so caching can be asserted.</summary>
    public static GeneratorDriver Driver()
        => CSharpGeneratorDriver.Create(new[] { new PlatformGenerator().AsSourceGenerator() },
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));

    /// <summary>Runs the generator; returns the result and the compilation with the generated sources added.</summary>
    public static (GeneratorDriverRunResult Result, Compilation Output) Generate(CSharpCompilation compilation)
    {
        var driver = Driver().RunGeneratorsAndUpdateCompilation(compilation, out var output, out _);
        return (driver.GetRunResult(), output);
    }

    /// <summary>The analyzer's diagnostics on <paramref name="sources"/>, in source order, as (ID, text at location).</summary>
    public static async Task<IReadOnlyList<Seen>> AnalyzeAsync(params string[] sources)
    {
        var diagnostics = await DiagnosticsAsync(Compile(sources));
        return diagnostics.Select(d => new Seen(d.Id, d.Location.SourceTree!.GetText().ToString(d.Location.SourceSpan))).ToList();
    }

    /// <summary>The analyzer's raw diagnostics, in source order.</summary>
    public static async Task<ImmutableArray<Diagnostic>> DiagnosticsAsync(Compilation compilation)
    {
        var withAnalyzers = compilation.WithAnalyzers(ImmutableArray.Create<DiagnosticAnalyzer>(new MailPlatformAnalyzer()));
        var diagnostics = await withAnalyzers.GetAnalyzerDiagnosticsAsync();
        return diagnostics.OrderBy(d => d.Location.SourceSpan.Start).ThenBy(d => d.Id, StringComparer.Ordinal).ToImmutableArray();
    }

    /// <summary>A minimal platform source with <paramref name="chain"/> appended to a clean start.</summary>
    public static string Platform(string chain, string extraMembers = "") => $$"""
        using MailDsl;
        using MailDsl.Model;

        [MailPlatform]
        public static partial class TestPlatform
        {
            {{extraMembers}}
            static Platform Describe() => Platform.Create("example.org")
                .Certificate("/etc/pki/tls/certs/mail.crt", "/etc/pki/tls/private/mail.key")
                {{chain}};
        }
        """;

    /// <summary>The semantic evaluator's reading of the <c>[MailPlatform]</c> class in <paramref name="source"/>, origins recorded.</summary>
    internal static gen::MailDsl.Generators.Evaluation.EvaluationResult Evaluate(string source)
    {
        var compilation = Compile(source);
        var tree = compilation.SyntaxTrees.Single();
        var type = tree.GetRoot().DescendantNodes().OfType<Microsoft.CodeAnalysis.CSharp.Syntax.ClassDeclarationSyntax>().First(c => c.AttributeLists.Count > 0);
        return gen::MailDsl.Generators.Evaluation.DslEvaluator.Evaluate(type, compilation.GetSemanticModel(tree), default);
    }

    /// <summary>The text of a source file copied next to the tests (examples).</summary>
    public static string Source(string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Sources", name));
}
