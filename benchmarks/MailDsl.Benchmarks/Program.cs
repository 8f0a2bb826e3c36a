using BenchmarkDotNet.Running;
using MailDsl.Benchmarks;

// `quick` prints one run of each driver scenario with its step reasons (seconds, no statistics);
// anything else goes to BenchmarkDotNet (e.g. --filter '*Generator*').
if (args.Length > 1 && args[0] == "probe") { Probe.Run(int.Parse(args[1])); return 0; }
if (args.Length > 0 && args[0] == "quick")
    return QuickRun.Run(args.Skip(1).ToArray());
BenchmarkSwitcher.FromAssembly(typeof(QuickRun).Assembly).Run(args);
return 0;
