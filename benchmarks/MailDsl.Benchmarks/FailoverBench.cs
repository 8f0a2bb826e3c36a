using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Text;
using MailDsl.Model;
using MailDsl.TestPlatform.Network;
using MailDsl.TestPlatform.Sandbox;

namespace MailDsl.Benchmarks;

/// <summary>
/// The `failover` mode of scripts/bench/failover.sh: a small balanced lab (two MX hosts and a mailstore behind their VIPs,
/// two emitted balancer hosts running HAProxy and keepalived, every host in its own network namespace on a lab bridge,
/// every file from the real <c>emit</c> and every daemon started by the host's own install.sh: <see cref="LabPlatform"/>),
/// then, run after run:
/// <list type="bullet">
/// <item><description><c>vip</c>: the seconds from stopping keepalived on the balancer holding the MX VIP until a new TCP
/// connection to the VIP's port 25 reads the SMTP greeting (through the other balancer, which took the VIP);</description></item>
/// <item><description><c>backend</c>: the seconds from stopping Postfix on one MX host until HAProxy on the VIP's holder
/// marks it DOWN (its health check, read off HAProxy's own statistics), after which ten new connections to the VIP all
/// land on the other MX host (told apart by the greeting's host name).</description></item>
/// </list>
/// Each run restores what it stopped and waits until the lab is whole again. Prints one line per measurement
/// (<c>vip RUN SECONDS</c>, <c>backend RUN SECONDS</c>) for the script's medians. Only in a network namespace with no
/// route out (<see cref="LabNetwork.UnsafeReason"/>): the script runs it under <c>unshare --net</c>.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public static class FailoverBench
{
    private const string Domain = "failover.maildsl.internal";
    private const string MxVip = "mx." + Domain;
    private const string StoreVip = "store." + Domain;
    private const string Store = "store1." + Domain;
    private static readonly string[] Mx = { "mx1." + Domain, "mx2." + Domain };
    private static readonly string[] Balancers = { "lb1." + Domain, "lb2." + Domain };
    private const string PostfixLog = "/var/log/postfix.log";

    public static int Run(string[] args)
    {
        var target = Distro.Debian12;
        var runs = 5;
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] == "--target" && i + 1 < args.Length) target = Enum.Parse<Distro>(args[++i], ignoreCase: true);
            else if (int.TryParse(args[i], out var n) && n > 0) runs = n;
            else
            {
                Console.Error.WriteLine("usage: failover [--target debian12|debian13] [RUNS]   (as root, inside unshare --net: scripts/bench/failover.sh)");
                return 2;
            }
        }
        if (LabNetwork.UnsafeReason() is { } unsafeHere)
        {
            Console.Error.WriteLine(unsafeHere);
            return 1;
        }
        var watch = Stopwatch.StartNew();
        LabPlatform lab;
        try
        {
            lab = LabPlatform.Start(target, a => Describe(a, target), new LabPlatformOptions { Logs = new[] { PostfixLog, "/var/log/haproxy.log", "/var/log/keepalived.log" } });
        }
        catch (InvalidOperationException ex)
        {
            Console.Error.WriteLine($"the balanced lab did not start on {TargetSystems.DisplayName(target)}: {ex.Message}");
            return 1;
        }
        // Ctrl-C or a TERM stops the lab too: every sandbox, mount and address goes with it.
        using var stop = new CancellationTokenSource();
        using var term = PosixSignalRegistration.Create(PosixSignal.SIGTERM, c => { c.Cancel = true; stop.Cancel(); });
        using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, c => { c.Cancel = true; stop.Cancel(); });
        using (lab)
        {
            try
            {
                var vip = lab.AddressOf(MxVip);
                Console.WriteLine($"# lab up on {TargetSystems.DisplayName(target)} in {watch.Elapsed.TotalSeconds:F0} s; MX VIP {vip}; {Environment.ProcessorCount} cores");
                Console.WriteLine($"# governed by keepalived '{Grep(lab, Balancers[0], "/etc/keepalived/keepalived.conf", "advert_int")}', HAProxy '{Grep(lab, Balancers[0], "/etc/haproxy/haproxy.cfg", "default-server")}'");
                WaitUntil(() => Balancers.Count(b => Holds(lab, b, vip)) == 1 && Greeting(vip) is not null, 90, "one balancer to hold the MX VIP and answer on it", lab);
                WaitUntil(() => Mx.All(m => Status(lab, Holder(lab, vip)!, m) == "UP"), 60, "HAProxy to see both MX hosts UP", lab);
                for (var run = 1; run <= runs && !stop.IsCancellationRequested; run++)
                {
                    Console.WriteLine($"vip {run} {VipFailover(lab, vip):F3}");
                    Console.WriteLine($"backend {run} {BackendDown(lab, vip, Mx[(run - 1) % 2]):F3}");
                }
                return stop.IsCancellationRequested ? 130 : 0;
            }
            catch (Exception ex) when (ex is InvalidOperationException or TimeoutException)
            {
                Console.Error.WriteLine(ex.Message);
                return 1;
            }
        }
    }

    /// <summary>The lab: two MX hosts and a mailstore behind their VIPs, two emitted balancers; every address from the lab.</summary>
    private static Platform Describe(LabAddresses a, Distro target) => Platform.Create(Domain)
        .Target(target)
        .Certificate(LabPlatform.CertificatePath, LabPlatform.KeyPath)
        .CertificateAuthority(LabPlatform.CertificatePath)
        .SmtpIn(s => s.Host(Mx[0], a[Mx[0]].ToString()).Host(Mx[1], a[Mx[1]].ToString()).Vip(MxVip, a[MxVip].ToString()).Smtp().StartTls(TlsLevel.May)
            .PostfixSetting("maillog_file", PostfixLog)
            .PostfixSetting("smtp_host_lookup", "native"))
        .Mailstore(m => m.Host(Store, a[Store].ToString()).Vip(StoreVip, a[StoreVip].ToString()).Smtp().Imaps()
            .PostfixSetting("maillog_file", PostfixLog))
        .Balancers(b => b.Host(Balancers[0], a[Balancers[0]].ToString()).Host(Balancers[1], a[Balancers[1]].ToString()));

    // Stops keepalived on the VIP's holder and times until the other balancer holds the VIP, the stopped one no longer
    // does, and a new connection to the VIP reads the greeting; then starts it again and waits until the lab is as
    // before (the preferred balancer holding the VIP alone, HAProxy there seeing both MX hosts UP).
    private static double VipFailover(LabPlatform lab, IPAddress vip)
    {
        var holder = Holder(lab, vip) ?? throw new InvalidOperationException("no balancer holds the MX VIP");
        var other = Balancers.Single(b => b != holder);
        var watch = Stopwatch.StartNew();
        lab.Host(holder).Must("/etc/init.d/keepalived stop >/dev/null", "stopping keepalived on " + holder);
        while (!(Greeting(vip) is not null && Holds(lab, other, vip) && !Holds(lab, holder, vip)))
            if (watch.Elapsed > TimeSpan.FromSeconds(60)) throw new TimeoutException($"{other} did not take {vip} and answer on port 25 within 60 s of stopping keepalived on {holder}:\n" + lab.Logs(Balancers));
        var seconds = watch.Elapsed.TotalSeconds;
        // The init script's stop only signals keepalived, which then leaves its VIPs and exits: a start before it is gone
        // finds it "already running" and does nothing, leaving the host without keepalived.
        lab.Host(holder).Must("for _ in $(seq 100); do [ -f /run/keepalived.pid ] && kill -0 \"$(cat /run/keepalived.pid)\" 2>/dev/null || break; sleep 0.1; done; "
            + "! { [ -f /run/keepalived.pid ] && kill -0 \"$(cat /run/keepalived.pid)\" 2>/dev/null; }", "waiting for keepalived to exit on " + holder);
        lab.Host(holder).Must("/etc/init.d/keepalived start >/dev/null", "starting keepalived on " + holder);
        // keepalived starts in BACKUP and the preferred holder takes the VIP back (higher priority, preempting).
        WaitUntil(() => Holds(lab, holder, vip) && !Holds(lab, other, vip) && Mx.All(m => Status(lab, holder, m) == "UP") && Greeting(vip) is not null, 90,
            $"{holder} to hold {vip} alone again after keepalived started", lab);
        Thread.Sleep(3000);
        return seconds;
    }

    // Stops Postfix on one MX host and times until HAProxy on the VIP's holder marks it DOWN; then checks that ten new
    // connections all land on the other host, starts Postfix again and waits until HAProxy sees it UP.
    private static double BackendDown(LabPlatform lab, IPAddress vip, string mx)
    {
        var holder = Holder(lab, vip) ?? throw new InvalidOperationException("no balancer holds the MX VIP");
        var other = Mx.Single(m => m != mx);
        var watch = Stopwatch.StartNew();
        lab.Host(mx).Must("postfix stop >/dev/null 2>&1", "stopping Postfix on " + mx);
        while (Status(lab, holder, mx) is not "DOWN")
            if (watch.Elapsed > TimeSpan.FromSeconds(60)) throw new TimeoutException($"HAProxy on {holder} did not mark {mx} DOWN within 60 s:\n" + lab.Logs(holder));
        var seconds = watch.Elapsed.TotalSeconds;
        var greetings = Enumerable.Range(0, 10).Select(_ => Greeting(vip)).ToList();
        if (greetings.Any(g => g is null || !g.Contains(other, StringComparison.OrdinalIgnoreCase)))
            throw new InvalidOperationException($"with {mx} DOWN, not every new connection landed on {other}: " + string.Join(" | ", greetings.Select(g => g ?? "(no greeting)")));
        lab.Host(mx).Must("postfix start >/dev/null 2>&1", "starting Postfix on " + mx);
        WaitUntil(() => Status(lab, holder, mx) == "UP", 60, $"HAProxy on {holder} to see {mx} UP again", lab);
        return seconds;
    }

    // The balancer whose eth0 has the VIP (keepalived adds it there), or null.
    private static string? Holder(LabPlatform lab, IPAddress vip) => Balancers.FirstOrDefault(b => Holds(lab, b, vip));

    private static bool Holds(LabPlatform lab, string balancer, IPAddress vip)
        => lab.Host(balancer).Run("ip -4 -o addr show dev eth0").Output.Contains($"inet {vip}/", StringComparison.Ordinal);

    // The status HAProxy on a balancer gives an MX host in the MX's SMTP section (UP, DOWN, "UP 1/2"...), read off its
    // statistics page in CSV on the balancer's loopback (the 18th column, "status").
    private static string? Status(LabPlatform lab, string balancer, string mx)
    {
        var csv = lab.Host(balancer).Run("exec 3<>/dev/tcp/127.0.0.1/8404 && printf 'GET /stats;csv HTTP/1.0\\r\\n\\r\\n' >&3 && cat <&3").Output;
        var row = csv.Split('\n').Select(l => l.TrimEnd('\r').Split(',')).FirstOrDefault(f => f.Length > 17 && f[0] == "smtpIn-smtp" && f[1] == mx);
        return row?[17];
    }

    // The first line a new connection to vip:25 reads within 2 s (the greeting, naming the MX host that answers), then
    // QUIT; null when the connection or the greeting fails.
    private static string? Greeting(IPAddress vip)
    {
        try
        {
            using var client = new TcpClient();
            // A short wait: a SYN lost while the VIP moves is retried by the next attempt, not after TCP's 1 s back-off.
            if (!client.ConnectAsync(vip, 25).Wait(TimeSpan.FromMilliseconds(300)) || !client.Connected) return null;
            client.ReceiveTimeout = client.SendTimeout = 2000;
            using var stream = client.GetStream();
            using var reader = new StreamReader(stream, Encoding.ASCII);
            var line = reader.ReadLine();
            if (line is null || !line.StartsWith("220", StringComparison.Ordinal)) return null;
            stream.Write(Encoding.ASCII.GetBytes("QUIT\r\n"));
            return line;
        }
        catch (Exception ex) when (ex is SocketException or IOException or AggregateException)
        {
            return null;
        }
    }

    private static string Grep(LabPlatform lab, string host, string path, string word)
        => lab.Host(host).Run($"grep -m1 -E {Command.ShellQuote("^[[:space:]]*" + word + "[[:space:]]")} {Command.ShellQuote(path)}").Output.Trim();

    private static void WaitUntil(Func<bool> done, int seconds, string what, LabPlatform lab)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (!done())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"waited {seconds} s for {what}:\n" + lab.Logs(Balancers.Concat(Mx)));
            Thread.Sleep(200);
        }
    }
}
