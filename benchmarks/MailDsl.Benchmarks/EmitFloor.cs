using System.Diagnostics;
using MailDsl.Generators.Tests;
using MailDsl.Hosting;
using MailDsl.Model;
using MailDsl.Render;

namespace MailDsl.Benchmarks;

/// <summary>
/// The synthetic platform built with the DSL at run time (the same as <see cref="SyntheticPlatform.Source"/>), the disk
/// floor (a plain loop: create the folder, write the text), and the `emit-floor` mode of scripts/bench/emit-vs-disk.sh:
/// both measured in one process, alternating, so the ratio holds however fast the disk is today.
/// </summary>
public static class EmitFloor
{
    public const string Ciphers = SyntheticPlatform.StoreCiphers;

    public static Platform Describe(int hosts, string storeCiphers) => Platform.Create("example.org")
        .Banner("Example Mail")
        .Target(Distro.Debian12)
        .Certificate("/etc/ssl/certs/mail.crt", "/etc/ssl/private/mail.key")
        .Tls(TlsProfile.Intermediate)
        .SmtpIn(l => l.Hosts(SyntheticPlatform.HostsOf(hosts, 0).ToArray()).Vip("smtp-in.example.org").StartTls(TlsLevel.May))
        .SmtpOut(l => l.Hosts(SyntheticPlatform.HostsOf(hosts, 1).ToArray()).Vip("smtp-out.example.org").Submission(587).Submissions(465))
        .Mailstore(l => l.Hosts(SyntheticPlatform.HostsOf(hosts, 2).ToArray()).Vip("store.example.org").Imaps(993).Pop3s(995).Ciphers(storeCiphers))
        .Webmail(l => l.Hosts(SyntheticPlatform.HostsOf(hosts, 3).ToArray()).Vip("webmail.example.org").Sogo(port: 20000).Https(443).HttpRedirect(80));

    /// <summary>The floor: every file written with File.WriteAllText into a fresh folder, nothing else.</summary>
    public static void PlainLoop(string dir, IReadOnlyList<Artifact> artifacts)
    {
        foreach (var a in artifacts)
        {
            var path = ArtifactWriter.TargetPath(dir, a);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, a.Content);
        }
    }

    /// <summary>Alternates floor and emit `rounds` times into fresh folders under `dir`; prints medians and the ratio.</summary>
    public static int Run(string[] args)
    {
        var hosts = args.Length > 0 ? int.Parse(args[0]) : 1000;
        var rounds = args.Length > 1 ? int.Parse(args[1]) : 7;
        var root = args.Length > 2 ? args[2] : Path.Combine(Path.GetTempPath(), "maildsl-emit-floor-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(root);
        try
        {
            var describe = () => Describe(hosts, Ciphers);
            var artifacts = PlatformRenderer.Render(describe().Build());
            Console.WriteLine($"{hosts} hosts, {artifacts.Count} files, {artifacts.Sum(a => (long)a.Content.Length):N0} characters, under {root}");
            var floor = new List<double>();
            var writer = new List<double>();
            var verb = new List<double>();
            var unchanged = new List<double>();
            var oneChange = new List<double>();
            var before = new List<double>();
            var changed = PlatformRenderer.Render(Describe(hosts, Ciphers + ":!SHA1").Build());
            // One warm-up round of each, not counted (JIT, first directory creation).
            for (var round = -1; round < rounds; round++)
            {
                var a = Time(() => PlainLoop(Fresh(root), artifacts));
                var b = Time(() => ArtifactWriter.Write(Fresh(root), artifacts));
                var c = Time(() => PlatformHost.Run(new[] { "emit", "--out", Fresh(root) }, describe, TextWriter.Null, TextWriter.Null));
                var existing = Path.Combine(root, "existing");
                if (round == -1) ArtifactWriter.Write(existing, artifacts);
                var d = Time(() => ArtifactWriter.Write(existing, artifacts));
                var e = Time(() => ArtifactWriter.Write(existing, round % 2 == 0 ? changed : artifacts));
                var old = Path.Combine(root, "before");
                if (round == -1) Before.ReplaceAllWriter.Write(old, artifacts);
                var g = Time(() => Before.ReplaceAllWriter.Write(old, artifacts));
                foreach (var dir in Directory.EnumerateDirectories(root).Where(p => Path.GetFileName(p) is not ("existing" or "before"))) Directory.Delete(dir, true);
                if (round < 0) continue;
                floor.Add(a); writer.Add(b); verb.Add(c); unchanged.Add(d); oneChange.Add(e); before.Add(g);
            }
            var f = Median(floor);
            Console.WriteLine($"disk floor (plain loop, fresh folder)            {f,8:F1} ms");
            Console.WriteLine($"emit writer, fresh folder                        {Median(writer),8:F1} ms  {Median(writer) / f:F2}x the floor");
            Console.WriteLine($"emit verb (build+check+render+write), fresh      {Median(verb),8:F1} ms  {Median(verb) / f:F2}x the floor");
            Console.WriteLine($"emit writer, existing folder, nothing changed    {Median(unchanged),8:F1} ms  {Median(unchanged) / f:F2}x the floor (0 files written)");
            Console.WriteLine($"emit writer, existing folder, one cipher string  {Median(oneChange),8:F1} ms  {Median(oneChange) / f:F2}x the floor");
            Console.WriteLine($"before: replace-all writer, existing folder       {Median(before),8:F1} ms  {Median(before) / f:F2}x the floor (every file rewritten)");
            Console.WriteLine($"medians of {rounds} alternating rounds");
        }
        finally
        {
            if (args.Length <= 2) Directory.Delete(root, true);
        }
        return 0;
    }

    private static string Fresh(string root) => Path.Combine(root, Guid.NewGuid().ToString("N"));

    private static double Time(Action action)
    {
        var sw = Stopwatch.StartNew();
        action();
        return sw.Elapsed.TotalMilliseconds;
    }

    private static double Median(List<double> values)
    {
        var sorted = values.OrderBy(v => v).ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
    }
}
