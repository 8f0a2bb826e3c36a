using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using MailDsl.Layers;
using MailDsl.Model;
using MailDsl.TestPlatform;
using MailDsl.TestPlatform.Network;
using MailDsl.TestPlatform.Sandbox;
using MailDsl.Topology;
using MailKit.Net.Imap;
using MailKit.Security;
using Xunit;

namespace MailDsl.Integration.Tests;

/// <summary>
/// Behind the emitted balancers, the backends see the client, not the balancer: HAProxy passes every VIP port through with
/// a PROXY v2 header, and postscreen and smtpd (Postfix), the login processes (Dovecot) and nginx read the client's address
/// from it, on ports only the balancers may reach. The test process, at the lab's gateway, is the client; its address must
/// be what each backend logs, never a balancer host's.
/// </summary>
/// <remarks>Run once per target: <see cref="ClientAddressTestsOnDebian12"/>, <see cref="ClientAddressTestsOnDebian13"/>.</remarks>
public abstract class ClientAddressTests(PlatformFixture fixture)
{
    private LabPlatform Platform => fixture.Platform;

    private IPAddress Client => Platform.Network.Gateway;

    [PlatformFact]
    public void Postscreen_and_smtpd_behind_the_mx_vip_log_the_clients_own_address_and_port()
    {
        var vip = fixture.Vip(LayerDescriptors.SmtpIn);
        var mxs = Platform.HostsOf(LayerDescriptors.SmtpIn);
        var before = mxs.ToDictionary(h => h, h => LineCount(h, IntegrationPlatform.PostfixLog));
        int port;
        using (var wire = new Wire(vip, fixture.Port(LayerDescriptors.SmtpIn, "smtp")))
        {
            port = wire.LocalPort;
            Assert.StartsWith("250", wire.Send("EHLO client.example.org"));
            wire.Send("QUIT");
        }

        // postscreen logs the address and port the header carries, and where the client connected: the VIP's port 25.
        var connect = $@"postfix/smtp-proxy/postscreen\[\d+\]: CONNECT from \[{Regex.Escape(Client.ToString())}\]:{port} to \[{Regex.Escape(vip.ToString())}\]:25$";
        var (_, lines) = WaitForLine(mxs, IntegrationPlatform.PostfixLog, before, connect);
        // The smtpd postscreen hands the connection to names the same client.
        Assert.Contains(lines, l => Regex.IsMatch(l, $@"postfix/[^:]*smtpd\[\d+\]: connect from [^\[ ]*\[{Regex.Escape(Client.ToString())}\]$"));
    }

    [PlatformFact]
    public async Task Dovecot_behind_the_store_vip_logs_the_clients_own_address_as_rip()
    {
        var stores = Platform.HostsOf(LayerDescriptors.Mailstore);
        var before = stores.ToDictionary(h => h, h => LineCount(h, IntegrationPlatform.DovecotLog));
        using (var imap = fixture.Client<ImapClient>())
        {
            await imap.ConnectAsync(fixture.Vip(LayerDescriptors.Mailstore).ToString(), fixture.Port(LayerDescriptors.Mailstore, "imaps"), SecureSocketOptions.SslOnConnect);
            fixture.LogIn(imap, LayerDescriptors.Mailstore);
            await imap.DisconnectAsync(true);
        }

        // The host HAProxy chose logs the login ("Login:" in Dovecot 2.3, Debian 12; "Logged in:" in 2.4, Debian 13), or,
        // where alice's mailbox is open on the other host (issue 22), its proxying to that host, with the client's address.
        WaitForLine(stores, IntegrationPlatform.DovecotLog, before,
            $@"imap-login: (Info: )?(Log(ged )?in|proxy\({Regex.Escape(PlatformFixture.User)},[^)]*\): Started proxying to .*): user=<{Regex.Escape(PlatformFixture.User)}>, .*rip={Regex.Escape(Client.ToString())}, ");
    }

    [PlatformFact]
    public async Task Nginx_behind_the_webmail_vip_logs_the_clients_own_address()
    {
        const string accessLog = "/var/log/nginx/access.log";
        var webs = Platform.HostsOf(LayerDescriptors.Webmail);
        var before = webs.ToDictionary(h => h, h => LineCount(h, accessLog));
        var marker = "maildsl-client-address-" + Guid.NewGuid().ToString("N");
        using (var sogo = new Clients.SogoClient($"https://{fixture.Vip(LayerDescriptors.Webmail)}:{fixture.Port(LayerDescriptors.Webmail, "https")}", fixture.IsPlatformCertificate))
        using (var response = await sogo.GetAsync("/SOGo/?" + marker))
            Assert.True((int)response.StatusCode < 400, $"the webmail VIP answered {(int)response.StatusCode}\n{fixture.Logs(LayerDescriptors.Webmail)}");

        // The combined log format starts with $remote_addr, which real_ip sets from the PROXY header of a balancer.
        WaitForLine(webs, accessLog, before, $@"^{Regex.Escape(Client.ToString())} - .*""GET /SOGo/\?{marker} HTTP/1\.1"" [23]\d\d ");
    }

    [PlatformFact]
    public void Every_proxy_port_refuses_every_address_but_the_balancers()
    {
        var balancing = PlatformBalancing.Of(Platform.Model);
        var balancers = IntegrationPlatform.BalancerHosts;
        var checkedPorts = new List<string>();
        foreach (var plan in Platform.Plans.Where(p => p.Layer<BalancerLayer>() is null))
        {
            var address = Platform.AddressOf(plan.Name);
            // Another backend host of the platform, also not a balancer.
            var neighbour = Platform.Plans.First(p => p.Name != plan.Name && p.Layer<BalancerLayer>() is null).Name;
            foreach (var port in balancing.ProxyPortsOn(plan).Select(p => p.BackendPort).Distinct())
            {
                // The test process (the lab's gateway) is refused: the host's firewall resets the connection.
                var refused = Assert.ThrowsAny<SocketException>(() =>
                {
                    using var client = new TcpClient();
                    client.Connect(address, port);
                });
                Assert.Equal(SocketError.ConnectionRefused, refused.SocketErrorCode);
                var fromNeighbour = Platform.Host(neighbour).Run(Dial(address, port));
                Assert.False(fromNeighbour.Succeeded, $"{neighbour} reached {plan.Name}:{port}, a PROXY port:\n{fromNeighbour}");
                Assert.Contains("refused", fromNeighbour.Output, StringComparison.OrdinalIgnoreCase);
                // The host itself too (its connection to its own address arrives on lo): no local process claims a client.
                var fromItself = Platform.Host(plan.Name).Run(Dial(address, port));
                Assert.False(fromItself.Succeeded, $"{plan.Name} reached its own PROXY port {port}:\n{fromItself}");
                Assert.Contains("refused", fromItself.Output, StringComparison.OrdinalIgnoreCase);
                // Each balancer gets in (its first bytes must be a PROXY header, so nothing is said).
                foreach (var balancer in balancers)
                {
                    var fromBalancer = Platform.Host(balancer).Run(Dial(address, port));
                    Assert.True(fromBalancer.Succeeded, $"{balancer} could not reach {plan.Name}:{port}:\n{fromBalancer}\n{Platform.Logs(plan.Name)}");
                }
                checkedPorts.Add($"{plan.Name}:{port}");
            }
        }
        // Every layer's hosts have PROXY ports: two hosts per layer, each with at least one.
        Assert.True(checkedPorts.Select(p => p.Split(':')[0]).Distinct().Count() == Platform.Plans.Count(p => p.Layer<BalancerLayer>() is null),
            "not every backend host has a PROXY port: " + string.Join(", ", checkedPorts));
    }

    private static string Dial(IPAddress address, int port) => $"timeout 5 bash -c 'exec 3<>/dev/tcp/{address}/{port}'";

    private int LineCount(string host, string path)
        => int.TryParse(Platform.Host(host).Run($"cat {path} 2>/dev/null | wc -l").Output.Trim(), out var n) ? n : 0;

    // The first of hosts whose log grew a line matching pattern since before, with the lines it grew (20 s at most).
    private (string Host, IReadOnlyList<string> Lines) WaitForLine(IReadOnlyList<string> hosts, string path, IReadOnlyDictionary<string, int> before, string pattern)
    {
        var regex = new Regex(pattern, RegexOptions.Multiline);
        var grown = new Dictionary<string, string[]>();
        for (var deadline = DateTime.UtcNow.AddSeconds(20); ; Thread.Sleep(250))
        {
            foreach (var host in hosts)
            {
                grown[host] = Platform.Host(host).Run($"tail -n +{before[host] + 1} {path}").Output.Split('\n').Select(l => l.TrimEnd('\r')).ToArray();
                if (grown[host].Any(l => regex.IsMatch(l))) return (host, grown[host]);
            }
            if (DateTime.UtcNow > deadline)
                throw new Xunit.Sdk.XunitException($"no host logged /{pattern}/ in {path}; they logged:\n"
                    + string.Join("\n", grown.Select(g => $"--- {g.Key}\n{string.Join("\n", g.Value)}")));
        }
    }
}
