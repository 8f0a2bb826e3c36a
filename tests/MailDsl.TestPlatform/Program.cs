using System.Runtime.InteropServices;
using MailDsl.TestPlatform;

// `up`: starts the loopback platform, prints one line per TLS port ("host listener port starttls"), the test
// certificate's path ("CERTIFICATE path") and READY,
// and keeps it running until standard input closes or the process is told to stop (scripts/testssl.sh).
if (args is not ["up"])
{
    Console.Error.WriteLine("usage: MailDsl.TestPlatform up   (as root; Debian's nginx, dovecot, postfix and sogo installed)");
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
