using BenchmarkDotNet.Attributes;
using MailDsl.Hosting;
using MailDsl.Model;
using MailDsl.Render;

namespace MailDsl.Benchmarks;

/// <summary>
/// Emit's writer against the disk floor, 1,000 hosts (4,253 files): a plain loop writing the same files into a fresh
/// folder, the writer into a fresh folder, the writer over an identical folder (nothing to write), and after one
/// cipher-string change (the mailstore hosts' files). The whole emit verb (build, check, render, write) too.
/// </summary>
[MemoryDiagnoser]
public class EmitBenchmarks
{
    private IReadOnlyList<Artifact> _artifacts = null!;
    private IReadOnlyList<Artifact> _changed = null!;
    private string _root = null!;
    private string _fresh = null!;
    private string _existing = null!;
    private bool _flip;

    [Params(1000)]
    public int Hosts { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _root = Path.Combine(Path.GetTempPath(), "maildsl-emit-bench-" + Guid.NewGuid().ToString("N"));
        _artifacts = PlatformRenderer.Render(EmitFloor.Describe(Hosts, EmitFloor.Ciphers).Build());
        _changed = PlatformRenderer.Render(EmitFloor.Describe(Hosts, EmitFloor.Ciphers + ":!SHA1").Build());
        _existing = Path.Combine(_root, "existing");
        ArtifactWriter.Write(_existing, _artifacts);
    }

    [GlobalCleanup]
    public void Cleanup() => Directory.Delete(_root, recursive: true);

    [IterationSetup(Targets = new[] { nameof(PlainLoop), nameof(WriterFresh), nameof(EmitVerbFresh) })]
    public void NewFolder() => _fresh = Path.Combine(_root, Guid.NewGuid().ToString("N"));

    [IterationCleanup(Targets = new[] { nameof(PlainLoop), nameof(WriterFresh), nameof(EmitVerbFresh) })]
    public void DropFolder() => Directory.Delete(_fresh, recursive: true);

    [Benchmark(Baseline = true, Description = "disk floor: plain loop, fresh folder")]
    public void PlainLoop() => EmitFloor.PlainLoop(_fresh, _artifacts);

    [Benchmark(Description = "writer, fresh folder")]
    public WriteSummary WriterFresh() => ArtifactWriter.Write(_fresh, _artifacts);

    [Benchmark(Description = "writer, nothing changed")]
    public WriteSummary WriterUnchanged() => ArtifactWriter.Write(_existing, _artifacts);

    [Benchmark(Description = "writer, one cipher string changed")]
    public WriteSummary WriterOneChange() => ArtifactWriter.Write(_existing, (_flip = !_flip) ? _changed : _artifacts);

    [Benchmark(Description = "emit verb (build, check, render, write), fresh folder")]
    public int EmitVerbFresh() => PlatformHost.Run(new[] { "emit", "--out", _fresh }, () => EmitFloor.Describe(Hosts, EmitFloor.Ciphers), TextWriter.Null, TextWriter.Null);
}
