using System.Diagnostics;
using MailDsl.Model;
using MailDsl.Render;
using MailDsl.Rules;
using MailDsl.Topology;

namespace MailDsl.Benchmarks;

/// <summary>
/// `core-costs [HOSTS...]`: where Core's time goes on a large platform, for the Core owners: each rule on its own, the
/// whole render, the fingerprint. Best of three, milliseconds.
/// </summary>
public static class CoreCosts
{
    public static int Run(string[] args)
    {
        foreach (var hosts in args.Length > 0 ? args.Select(int.Parse).ToArray() : new[] { 1000, 10000 })
        {
            var model = EmitFloor.Describe(hosts, EmitFloor.Ciphers).Build();
            Console.WriteLine($"{hosts} hosts");
            Console.WriteLine($"  build the model                {Best(() => EmitFloor.Describe(hosts, EmitFloor.Ciphers).Build()),9:F2} ms");
            Console.WriteLine($"  fingerprint                    {Best(() => ModelFingerprint.Of(model)),9:F2} ms");
            Console.WriteLine($"  RuleSet.Check (all rules)      {Best(() => RuleSet.Check(model)),9:F2} ms");
            foreach (var rule in RuleSet.All.OrderBy(r => r.Descriptor.Id, StringComparer.Ordinal))
            {
                var ms = Best(() => rule.Check(model).ToList());
                if (ms >= 0.5) Console.WriteLine($"    {rule.Descriptor.Id} {rule.GetType().Name,-32}{ms,9:F2} ms");
            }
            Console.WriteLine($"  PlatformRenderer.Render        {Best(() => PlatformRenderer.Render(model)),9:F2} ms");
            // What is the same for a whole layer, decided once per layer by PlatformTopology (the renderers ask it per host).
            var store = model.Mailstore!;
            var tls = PlatformTopology.Of(model).TlsOf(store);
            var openSsl = PlatformTopology.Of(model).Target.OpenSsl;
            Console.WriteLine($"    EffectiveTls.Resolve, one call     {Best(() => { for (var i = 0; i < 100; i++) MailDsl.Tls.EffectiveTls.Resolve(model.Tls.With(store.Tls), openSsl); }) / 100,9:F3} ms (once per layer)");
            Console.WriteLine($"    DhParameters.NeededBy, one call    {Best(() => { for (var i = 0; i < 100; i++) MailDsl.Tls.Files.DhParameters.NeededBy(tls, openSsl); }) / 100,9:F3} ms (parses the cipher string; once per layer)");
        }
        return 0;
    }

    private static double Best(Action action)
    {
        var best = double.MaxValue;
        for (var i = 0; i < 3; i++)
        {
            var sw = Stopwatch.StartNew();
            action();
            best = Math.Min(best, sw.Elapsed.TotalMilliseconds);
        }
        return best;
    }
}
