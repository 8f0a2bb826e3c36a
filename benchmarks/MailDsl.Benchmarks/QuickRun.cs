extern alias gen;
using System.Diagnostics;
using gen::MailDsl.Generators;
using MailDsl.Generators.Tests;
using Microsoft.CodeAnalysis;

namespace MailDsl.Benchmarks;

/// <summary>
/// One pass over the driver scenarios with a stopwatch: first run, an unrelated keystroke, a comment in the
/// platform, one cipher-string change. Prints wall milliseconds of the driver run (best of five) and, per step of ours,
/// its reason and the milliseconds Roslyn recorded for it (of the last run).
/// </summary>
public static class QuickRun
{
    public static int Run(string[] args)
    {
        var sizes = args.Length > 0 ? args.Select(int.Parse).ToArray() : new[] { 10, 100, 1000, 10000 };
        foreach (var n in sizes)
        {
            // 0 is the example (examples/CorporateCloud), as in GeneratorBenchmarks.
            var source = n == 0 ? Compiling.Example() : SyntheticPlatform.Source(n);
            var baseCompilation = Compiling.Compile(source);
            var first = Time(() => Compiling.Driver().RunGenerators(baseCompilation), out var driver);
            var generated = driver.GetRunResult().GeneratedTrees.Sum(t => t.Length);
            var exception = driver.GetRunResult().Results[0].Exception;
            Console.WriteLine($"{n} hosts: first run {first:F1} ms, generated {generated:N0} chars{(exception is null ? "" : ", EXCEPTION " + exception.Message)}");

            FreshDrivers(baseCompilation);
            var unrelated = Compiling.Edit(baseCompilation, "Other.cs", Compiling.UnrelatedEdit);
            Scenario("unrelated edit", driver, unrelated);
            var comment = Compiling.Edit(baseCompilation, "Platform.cs", source.Replace("[MailPlatform]", "// a comment\n[MailPlatform]"));
            Scenario("comment inside", driver, comment);
            var cipher = Compiling.Edit(baseCompilation, "Platform.cs",
                n == 0 ? Compiling.ExampleCipherEdit(source) : SyntheticPlatform.Source(n, SyntheticPlatform.StoreCiphers + ":!SHA1"));
            Scenario("cipher change", driver, cipher);
        }
        return 0;
    }

    /// <summary>
    /// A command-line build starts a new driver every time (the compiler server keeps no driver unless the project
    /// turns on /features:enable-generator-cache), in a process whose JIT is warm from earlier builds: the first run of
    /// a fresh driver, at the 1st, 10th and 100th build of the process, per step.
    /// </summary>
    private static void FreshDrivers(Compilation compilation)
    {
        for (var build = 1; build <= 100; build++)
        {
            var allocated = GC.GetAllocatedBytesForCurrentThread();
            var sw = Stopwatch.StartNew();
            var driver = Compiling.Driver().RunGenerators(compilation);
            var ms = sw.Elapsed.TotalMilliseconds;
            allocated = GC.GetAllocatedBytesForCurrentThread() - allocated;
            if (build is not (1 or 2 or 10 or 100)) continue;
            var tracked = driver.GetRunResult().Results[0].TrackedSteps;
            var steps = Ours.Where(tracked.ContainsKey).Select(name => name + $"({tracked[name].Sum(s => s.ElapsedTime.TotalMilliseconds):F2})");
            Console.WriteLine($"  fresh driver, build {build,3} {ms,8:F2} ms {allocated / 1024.0,8:F0} KB allocated  {string.Join(" ", steps)}");
        }
    }

    private static readonly string[] Ours = { TrackingNames.Platforms, TrackingNames.Checked, TrackingNames.Layouts, TrackingNames.Sources };

    private static void Scenario(string name, GeneratorDriver driver, Compilation edited)
    {
        var ms = Time(() => driver.RunGenerators(edited), out var after);
        // Our steps, in pipeline order, with their reasons and the time Roslyn recorded for each.
        var tracked = after.GetRunResult().Results[0].TrackedSteps;
        var steps = Ours.Where(tracked.ContainsKey).Select(name => name + "=" + string.Join("/", tracked[name].SelectMany(s => s.Outputs).Select(o => o.Reason).Distinct())
            + $"({tracked[name].Sum(s => s.ElapsedTime.TotalMilliseconds):F2})");
        Console.WriteLine($"  {name,-15} {ms,8:F2} ms  {string.Join(" ", steps)}");
    }

    // Best of five: each run starts from the same driver state, so the runs are alike.
    private static double Time(Func<GeneratorDriver> run, out GeneratorDriver result)
    {
        var best = double.MaxValue;
        result = null!;
        for (var i = 0; i < 5; i++)
        {
            var sw = Stopwatch.StartNew();
            result = run();
            best = Math.Min(best, sw.Elapsed.TotalMilliseconds);
        }
        return best;
    }
}
