using System.Runtime.InteropServices;
using MailDsl.TestPlatform;
using MailDsl.TestPlatform.Tls;

// up:            starts the loopback platform, prints one line per TLS port ("host listener port starttls"), the test
//                certificate's path ("CERTIFICATE path") and READY, and keeps it running until standard input closes
//                or the process is told to stop.
// testssl [DIR]: starts it, runs testssl.sh against every TLS port (logs and JSON in DIR), prints a summary, stops
//                it; exits 1 if any port has a finding (scripts/testssl.sh).
if (args is not (["up"] or ["testssl"] or ["testssl", _]))
{
    Console.Error.WriteLine("usage: MailDsl.TestPlatform up | testssl [DIR]   (as root; Debian's nginx, dovecot, postfix, sogo and testssl.sh installed)");
    return 2;
}
RunningPlatform platform;
try
{
    platform = RunningPlatform.Start();
}
catch (InvalidOperationException ex)
{
    Console.Error.WriteLine("the loopback platform did not start: " + ex.Message);
    return 1;
}
using (platform)
{
    if (args[0] == "testssl")
    {
        var dir = args.Length > 1 ? args[1] : Directory.CreateTempSubdirectory("maildsl-testssl-").FullName;
        Console.WriteLine($"Platform up: {platform.TlsEndpoints.Count} TLS ports; testssl.sh logs and JSON in {dir}");
        var reports = Testssl.ScanAll(platform.TlsEndpoints, platform.CertificateFile, dir);
        Console.WriteLine();
        Console.Write(Testssl.Summary(reports));
        return reports.Any(r => r.Flagged.Any()) ? 1 : 0;
    }
    foreach (var endpoint in platform.TlsEndpoints)
        Console.WriteLine($"{endpoint.Host} {endpoint.Listener} {endpoint.Port} {endpoint.OpenSslStartTls ?? "-"}");
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
