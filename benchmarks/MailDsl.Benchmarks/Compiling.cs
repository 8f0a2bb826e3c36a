extern alias gen;
using System.Collections.Immutable;
using Basic.Reference.Assemblies;
using gen::MailDsl.Generators;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace MailDsl.Benchmarks;

/// <summary>Compilations of platform sources against the real MailDsl assemblies, and drivers that track steps.</summary>
public static class Compiling
{
    private static readonly ImmutableArray<MetadataReference> References = Net100.References.All.Cast<MetadataReference>()
        .Concat(new[]
        {
            (MetadataReference)MetadataReference.CreateFromFile(typeof(MailDsl.Platform).Assembly.Location),
            MetadataReference.CreateFromFile(typeof(MailDsl.Model.PlatformModel).Assembly.Location),
        })
        .ToImmutableArray();

    public static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest, DocumentationMode.Diagnose);

    /// <summary>A compilation of the platform source plus one unrelated file, the way an IDE project looks.</summary>
    public static CSharpCompilation Compile(string platformSource, string unrelated = Unrelated)
        => CSharpCompilation.Create("Bench",
            new[]
            {
                CSharpSyntaxTree.ParseText(platformSource, ParseOptions, path: "Platform.cs"),
                CSharpSyntaxTree.ParseText(unrelated, ParseOptions, path: "Other.cs"),
            },
            References,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));

    /// <summary>The unrelated file's text; <see cref="UnrelatedEdit"/> is the same file after one keystroke.</summary>
    public const string Unrelated = "public static class Other { public static int Value => 1; }";

    /// <summary>The unrelated file after a keystroke.</summary>
    public const string UnrelatedEdit = "public static class Other { public static int Value => 12; }";

    /// <summary>Replaces one file's text, as the IDE does on a keystroke.</summary>
    public static CSharpCompilation Edit(CSharpCompilation compilation, string path, string text)
    {
        var old = compilation.SyntaxTrees.Single(t => t.FilePath == path);
        return compilation.ReplaceSyntaxTree(old, CSharpSyntaxTree.ParseText(text, ParseOptions, path: path));
    }

    /// <summary>A driver with step tracking on (as the tests use it) or off (as the compiler runs it).</summary>
    public static GeneratorDriver Driver(bool track = true)
        => CSharpGeneratorDriver.Create(new[] { new PlatformGenerator().AsSourceGenerator() },
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: track));

    /// <summary>
    /// The example with one cipher string changed: the mailstore gets its own string where it had the profile's. Throws
    /// when the example no longer has the text it edits, so a benchmark never measures an edit that changed nothing.
    /// </summary>
    public static string ExampleCipherEdit(string example)
    {
        var edited = example.Replace(".Pop3s(995)", ".Pop3s(995).Ciphers(\"ECDHE+AESGCM:!SHA1\")");
        return edited != example ? edited : throw new InvalidOperationException("the example's cipher edit changed nothing: its mailstore no longer has .Pop3s(995)");
    }

    /// <summary>The example's source (examples/CorporateCloud/CorporateCloud.cs, copied next to the binaries).</summary>
    public static string Example() => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Sources", "CorporateCloud.cs"));
}
