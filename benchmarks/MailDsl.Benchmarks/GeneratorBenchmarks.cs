using BenchmarkDotNet.Attributes;
using MailDsl.Generators.Tests;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace MailDsl.Benchmarks;

/// <summary>
/// The generator as the compiler and the IDE drive it (step tracking off, as in the compiler): a first run, a
/// keystroke in another file, a comment inside the platform, one cipher string changed. Each edit starts from a driver
/// that has already run on the unedited compilation, so it measures what one keystroke costs.
/// </summary>
[MemoryDiagnoser]
public class GeneratorBenchmarks
{
    private CSharpCompilation _compilation = null!;
    private CSharpCompilation _unrelated = null!;
    private CSharpCompilation _comment = null!;
    private CSharpCompilation _cipher = null!;
    private GeneratorDriver _warm = null!;

    /// <summary>Hosts in the synthetic platform; 0 is the example (examples/CorporateCloud, 7 hosts).</summary>
    [Params(0, 10, 100, 1000, 10000)]
    public int Hosts { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var source = Hosts == 0 ? Compiling.Example() : SyntheticPlatform.Source(Hosts);
        _compilation = Compiling.Compile(source);
        _unrelated = Compiling.Edit(_compilation, "Other.cs", Compiling.UnrelatedEdit);
        _comment = Compiling.Edit(_compilation, "Platform.cs", source.Replace("[MailPlatform]", "// a comment\n[MailPlatform]"));
        var cipherSource = Hosts == 0
            ? Compiling.ExampleCipherEdit(source)
            : SyntheticPlatform.Source(Hosts, SyntheticPlatform.StoreCiphers + ":!SHA1");
        if (cipherSource == source) throw new InvalidOperationException("the cipher edit changed nothing");
        _cipher = Compiling.Edit(_compilation, "Platform.cs", cipherSource);
        _warm = Compiling.Driver(track: false).RunGenerators(_compilation);
    }

    [Benchmark(Description = "first run")]
    public GeneratorDriver FirstRun() => Compiling.Driver(track: false).RunGenerators(_compilation);

    [Benchmark(Description = "unrelated edit")]
    public GeneratorDriver UnrelatedEdit() => _warm.RunGenerators(_unrelated);

    [Benchmark(Description = "comment in platform")]
    public GeneratorDriver Comment() => _warm.RunGenerators(_comment);

    [Benchmark(Description = "one cipher string")]
    public GeneratorDriver CipherChange() => _warm.RunGenerators(_cipher);
}
