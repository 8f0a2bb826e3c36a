using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Text;
using MailDsl.Model;
using MailDsl.TestPlatform.Network;
using Xunit;

namespace MailDsl.Integration.Tests;

/// <summary>
/// Emitted balancers on the lab, on one target's own daemons: two balancer hosts (HAProxy, keepalived holding the VIPs)
/// in front of an MX and a mailstore, each host in a network namespace of its own, every file from <c>emit</c> and every
/// daemon started by the host's own install.sh. Started once per target for the class's tests (<see cref="BalancedLab"/>),
/// small on purpose (four hosts, no directory): what these tests prove is the balancing, not the mail platform the
/// integration platform proves.
/// </summary>
public abstract class BalancerTests(BalancedLab lab)
{
    [LabFact]
    public void Smtp_through_the_mx_vip_reaches_postscreen_which_logs_the_clients_own_address()
    {
        var vip = lab.Platform.AddressOf(BalancedLab.MxVip);
        // postscreen's greeting ("220-", a multi-line start that catches clients talking too early), relayed by HAProxy.
        Assert.StartsWith("220", Greeting(vip, 25, tls: false, "QUIT"));
        // postscreen on the MX host's PROXY port logs the address the PROXY header carries: the test process's (the lab's
        // gateway), never the balancer's, which is what it would name if HAProxy sent no header.
        var gateway = lab.Platform.Network.Gateway;
        var log = WaitForLog(BalancedLab.Mx, BalancedLab.PostfixLog, $"CONNECT from [{gateway}]:");
        // The header carries where the client connected too: the VIP's port 25, not the PROXY port HAProxy dialled.
        Assert.Matches($@"postfix/smtp-proxy/postscreen\[\d+\]: CONNECT from \[{Regex(gateway)}\]:\d+ to \[{Regex(vip)}\]:25$", log);
    }

    [LabFact]
    public void Imaps_through_the_store_vip_logs_the_clients_own_address_as_rip()
    {
        var vip = lab.Platform.AddressOf(BalancedLab.StoreVip);
        Assert.StartsWith("* OK", Greeting(vip, 993, tls: true, "a LOGOUT"));
        var gateway = lab.Platform.Network.Gateway;
        var log = WaitForLog(BalancedLab.Store, BalancedLab.DovecotLog, $"rip={gateway},");
        Assert.Contains($"lip={lab.Platform.AddressOf(BalancedLab.Store)}", log);
    }

    [LabFact]
    public void A_proxy_port_refuses_every_address_but_the_balancers()
    {
        var mx = lab.Platform.AddressOf(BalancedLab.Mx);
        // The test process is not a balancer: the host's firewall resets the connection.
        var refused = Assert.ThrowsAny<SocketException>(() =>
        {
            using var client = new TcpClient();
            client.Connect(mx, 10025);
        });
        Assert.Equal(SocketError.ConnectionRefused, refused.SocketErrorCode);
        // A balancer gets in (its first bytes must be a PROXY header, so nothing is said).
        var fromBalancer = lab.Platform.Host(BalancedLab.Balancers[0]).Run($"timeout 5 bash -c 'exec 3<>/dev/tcp/{mx}/10025'");
        Assert.True(fromBalancer.Succeeded, fromBalancer + "\n" + lab.Platform.Logs(BalancedLab.Mx));
        // And the MX's own port still answers anybody directly, without a header.
        Assert.StartsWith("220", Greeting(mx, 25, tls: false, "QUIT"));
    }

    [LabFact]
    public void When_the_vip_holder_stops_keepalived_the_other_balancer_takes_the_vip_and_answers()
    {
        var vip = lab.Platform.AddressOf(BalancedLab.MxVip);
        var holder = WaitForHolder(vip, null);
        var other = BalancedLab.Balancers.Single(b => b != holder);
        var stopped = lab.Platform.Host(holder).Run("/etc/init.d/keepalived stop");
        Assert.True(stopped.Succeeded, stopped.ToString());
        try
        {
            Assert.Equal(other, WaitForHolder(vip, holder));
            Assert.StartsWith("220", Greeting(vip, 25, tls: false, "QUIT"));
        }
        finally
        {
            lab.Platform.Host(holder).Run("/etc/init.d/keepalived start");
        }
    }

    // Which balancer host has the VIP's address on its interface (keepalived adds it there), waiting up to 20 s for one
    // other than notThis to.
    private string WaitForHolder(IPAddress vip, string? notThis)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            foreach (var balancer in BalancedLab.Balancers.Where(b => b != notThis))
                if (lab.Platform.Host(balancer).Run("ip -4 -o addr show dev eth0").Output.Contains($"inet {vip}/", StringComparison.Ordinal))
                    return balancer;
            if (DateTime.UtcNow > deadline)
                throw new Xunit.Sdk.XunitException($"no balancer{(notThis is null ? "" : " but " + notThis)} holds {vip} after 20 s:\n"
                    + string.Join("\n", BalancedLab.Balancers.Select(b => b + ": " + lab.Platform.Host(b).Run("ip -4 -o addr show dev eth0; tail -20 /var/log/keepalived.log 2>/dev/null").Output)));
            Thread.Sleep(250);
        }
    }

    private string WaitForLog(string host, string path, string expected)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            var text = lab.Platform.Host(host).Run("cat " + path).Output;
            var line = text.Split('\n').FirstOrDefault(l => l.Contains(expected, StringComparison.Ordinal));
            if (line is not null) return line;
            if (DateTime.UtcNow > deadline) throw new Xunit.Sdk.XunitException($"{host}:{path} never logged '{expected}':\n{text}");
            Thread.Sleep(250);
        }
    }

    // The server's first line at address:port (in TLS, trusting the platform's certificate alone, when tls), then says bye.
    private string Greeting(IPAddress address, int port, bool tls, string bye)
    {
        using var client = new TcpClient();
        client.ReceiveTimeout = client.SendTimeout = 15000;
        client.Connect(address, port);
        Stream stream = client.GetStream();
        if (tls)
        {
            var ssl = new SslStream(stream, false, lab.Platform.TrustsLabCertificate);
            ssl.AuthenticateAsClient(address.ToString());
            stream = ssl;
        }
        using var reader = new StreamReader(stream, Encoding.ASCII);
        var line = reader.ReadLine() ?? "";
        stream.Write(Encoding.ASCII.GetBytes(bye + "\r\n"));
        stream.Flush();
        reader.ReadLine();
        return line;
    }

    private static string Regex(IPAddress address) => System.Text.RegularExpressions.Regex.Escape(address.ToString());
}

/// <summary>
/// The balanced lab of one target: an MX host and a mailstore host, each behind its layer's VIP, and two emitted balancer
/// hosts; started on first use, stopped after the class's tests.
/// </summary>
public abstract class BalancedLab(Distro target) : IDisposable
{
    /// <summary>The mail domain.</summary>
    public const string Domain = "lb.maildsl.internal";

    /// <summary>The MX host.</summary>
    public const string Mx = "mx1." + Domain;

    /// <summary>The MX layer's VIP.</summary>
    public const string MxVip = "mx." + Domain;

    /// <summary>The mailstore host.</summary>
    public const string Store = "store1." + Domain;

    /// <summary>The mailstore's VIP.</summary>
    public const string StoreVip = "store." + Domain;

    /// <summary>The balancer hosts.</summary>
    public static readonly IReadOnlyList<string> Balancers = new[] { "lb1." + Domain, "lb2." + Domain };

    /// <summary>Where Postfix logs (there is no syslog in a sandbox).</summary>
    public const string PostfixLog = "/var/log/postfix.log";

    /// <summary>Where Dovecot logs.</summary>
    public const string DovecotLog = "/var/log/dovecot.log";

    private readonly Lazy<LabPlatform> _platform = new(() => WaitForVips(LabPlatform.Start(target, a => Describe(a, target), new LabPlatformOptions
    {
        Logs = new[] { PostfixLog, DovecotLog, "/var/log/haproxy.log", "/var/log/keepalived.log" },
    })));

    /// <summary>
    /// Waits until a balancer holds each VIP and HAProxy answers on it: keepalived starts in BACKUP and takes a VIP only after
    /// three silent advertisement intervals, and on loaded cores the class's first test could otherwise dial a VIP nobody holds
    /// yet ("No route to host"). Fails with the balancers' own logs after a minute.
    /// </summary>
    private static LabPlatform WaitForVips(LabPlatform lab)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        foreach (var (vip, port) in new[] { (MxVip, 25), (StoreVip, 993) })
            while (true)
            {
                try
                {
                    using var client = new TcpClient();
                    if (client.ConnectAsync(lab.AddressOf(vip), port).Wait(TimeSpan.FromSeconds(2)) && client.Connected) break;
                }
                catch (AggregateException) { }
                if (DateTime.UtcNow > deadline)
                {
                    var logs = string.Join("\n", Balancers.Select(b => lab.Logs(b)));
                    lab.Dispose();
                    throw new InvalidOperationException($"no balancer answered on {vip}:{port} within a minute:\n{logs}");
                }
                Thread.Sleep(250);
            }
        return lab;
    }

    /// <summary>The running lab (started on first use).</summary>
    public LabPlatform Platform => _platform.Value;

    /// <summary>The description: every address from the lab, the balancers' too.</summary>
    public static Platform Describe(LabAddresses a, Distro target) => MailDsl.Platform.Create(Domain)
        .Target(target)
        .Certificate(LabPlatform.CertificatePath, LabPlatform.KeyPath)
        .CertificateAuthority(LabPlatform.CertificatePath)
        .SmtpIn(s => s.Host(Mx, a[Mx].ToString()).Vip(MxVip, a[MxVip].ToString()).Smtp().StartTls(TlsLevel.May)
            .PostfixSetting("maillog_file", PostfixLog)
            .PostfixSetting("smtp_host_lookup", "native"))
        .Mailstore(m => m.Host(Store, a[Store].ToString()).Vip(StoreVip, a[StoreVip].ToString()).Smtp().Imaps()
            .PostfixSetting("maillog_file", PostfixLog)
            .DovecotSetting("log_path", DovecotLog))
        .Balancers(b => b.Host(Balancers[0], a[Balancers[0]].ToString()).Host(Balancers[1], a[Balancers[1]].ToString()));

    /// <inheritdoc/>
    public void Dispose()
    {
        if (_platform.IsValueCreated) _platform.Value.Dispose();
        GC.SuppressFinalize(this);
    }
}

/// <summary>The balanced lab on Debian 12's daemons.</summary>
public sealed class BalancedLabOnDebian12() : BalancedLab(Distro.Debian12);

/// <summary>The balanced lab on Debian 13's daemons.</summary>
public sealed class BalancedLabOnDebian13() : BalancedLab(Distro.Debian13);

/// <summary>The balancer tests on Debian 12.</summary>
public sealed class BalancerTestsOnDebian12(BalancedLabOnDebian12 lab) : BalancerTests(lab), IClassFixture<BalancedLabOnDebian12>;

/// <summary>The balancer tests on Debian 13.</summary>
public sealed class BalancerTestsOnDebian13(BalancedLabOnDebian13 lab) : BalancerTests(lab), IClassFixture<BalancedLabOnDebian13>;
