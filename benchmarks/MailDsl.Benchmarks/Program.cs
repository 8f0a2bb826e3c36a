using BenchmarkDotNet.Running;
using MailDsl.Benchmarks;

// `emit-floor [HOSTS] [ROUNDS]` times emit against a plain write loop (scripts/bench/emit-vs-disk.sh);
// `core-costs [HOSTS...]` times each rule and the renderer on a large platform;
// `source HOSTS` prints the synthetic platform's source;
// `analyzer-parts` times the analyzer's parts on the example (binding, evaluation, rules, the whole analyzer);
// `probe [HOSTS...]` times the probe verb on the synthetic platform answered by stand-ins on loopback (scripts/bench/probe.sh);
// `failover [--target T] [RUNS]` times VIP and backend failover on a small balanced lab (scripts/bench/failover.sh, inside unshare --net);
// `quick` prints one run of each driver scenario with its step reasons and per-step times (milliseconds, best of five, no statistics);
// anything else goes to BenchmarkDotNet (e.g. --filter '*Generator*').
if (args.Length > 0 && args[0] == "emit-floor")
    return EmitFloor.Run(args.Skip(1).ToArray());
if (args.Length > 0 && args[0] == "core-costs")
    return CoreCosts.Run(args.Skip(1).ToArray());
if (args.Length > 1 && args[0] == "source")
{
    // The synthetic platform's source, for scripts/bench/build-ratio.sh.
    Console.Write(MailDsl.Generators.Tests.SyntheticPlatform.Source(int.Parse(args[1])));
    return 0;
}
if (args.Length > 0 && args[0] == "analyzer-parts")
    return AnalyzerParts.Run(args.Skip(1).ToArray());
if (args.Length > 0 && args[0] == "probe")
    return OperatingSystem.IsLinux() ? ProbeBench.Run(args.Skip(1).ToArray()) : 2;
if (args.Length > 0 && args[0] == "failover")
    return OperatingSystem.IsLinux() ? FailoverBench.Run(args.Skip(1).ToArray()) : 2;
if (args.Length > 0 && args[0] == "quick")
    return QuickRun.Run(args.Skip(1).ToArray());
BenchmarkSwitcher.FromAssembly(typeof(QuickRun).Assembly).Run(args);
return 0;
