using System.Runtime.InteropServices;
using MailDsl.Model;
using MailDsl.TestPlatform;
using MailDsl.TestPlatform.Sandbox;
using MailDsl.TestPlatform.Tls;

// Both verbs start the integration platform (IntegrationPlatform: two hosts per layer) on a lab network, so they run only
// in a network namespace with no route out (unshare --net, as scripts/testssl.sh runs them).
// up [--target T]:            starts it on target T (debian12, the default: this machine's daemons; debian13: the cached
//                             root's), prints one line per TLS port ("host listener address:port starttls", the VIPs'
//                             first), the test certificate's path ("CERTIFICATE path") and READY, and keeps it running
//                             until standard input closes or the process is told to stop.
// testssl [--target T] [DIR]: starts it, runs testssl.sh against every TLS port of every VIP (logs and JSON in DIR),
//                             prints a summary, stops it; exits 1 if any port has a finding (scripts/testssl.sh).
var target = Distro.Debian12;
if (args.Length >= 2 && args[1] == "--target")
{
    var named = TargetSystems.Runnable.Where(t => string.Equals(t.ToString(), args.Length > 2 ? args[2] : "", StringComparison.OrdinalIgnoreCase)).ToList();
    if (named.Count == 0)
    {
        Console.Error.WriteLine($"unknown target '{(args.Length > 2 ? args[2] : "")}': write one of {string.Join(", ", TargetSystems.Runnable.Select(t => t.ToString().ToLowerInvariant()))}");
        return 2;
    }
    target = named[0];
    args = args.Take(1).Concat(args.Skip(3)).ToArray();
}
if (args is not (["up"] or ["testssl"] or ["testssl", _]))
{
    Console.Error.WriteLine("usage: MailDsl.TestPlatform up|testssl [--target debian12|debian13] [DIR]   (as root; scripts/install-deps.sh's packages and Debian 13 root)");
    return 2;
}
if (MailDsl.TestPlatform.Network.LabNetwork.UnsafeReason() is { } unsafeHere)
{
    Console.Error.WriteLine(unsafeHere);
    return 1;
}
MailDsl.TestPlatform.Network.LabPlatform platform;
try
{
    platform = IntegrationPlatform.Start(target);
}
catch (InvalidOperationException ex)
{
    Console.Error.WriteLine($"the integration platform did not start on {TargetSystems.DisplayName(target)}: " + ex.Message);
    return 1;
}
using (platform)
{
    if (args[0] == "testssl")
    {
        var dir = args.Length > 1 ? args[1] : Directory.CreateTempSubdirectory("maildsl-testssl-").FullName;
        Console.WriteLine($"Platform up on {TargetSystems.DisplayName(target)}: {platform.VipEndpoints.Count} TLS ports on its VIPs; testssl.sh logs and JSON in {dir}");
        var reports = Testssl.ScanAll(platform.VipEndpoints, platform.CertificateFile, dir);
        Console.WriteLine();
        Console.Write(Testssl.Summary(reports));
        return reports.Any(r => r.Flagged.Any()) ? 1 : 0;
    }
    foreach (var endpoint in platform.VipEndpoints.Concat(platform.TlsEndpoints))
        Console.WriteLine($"{endpoint.Host} {endpoint.Listener} {endpoint.Target} {endpoint.OpenSslStartTls ?? "-"}");
    Console.WriteLine("CERTIFICATE " + platform.CertificateFile);
    Console.WriteLine("READY");
    Console.Out.Flush();
    var stop = new ManualResetEventSlim();
    using var term = PosixSignalRegistration.Create(PosixSignal.SIGTERM, c => { c.Cancel = true; stop.Set(); });
    using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, c => { c.Cancel = true; stop.Set(); });
    _ = Task.Run(() => { Console.In.ReadToEnd(); stop.Set(); });
    stop.Wait();
}
return 0;
