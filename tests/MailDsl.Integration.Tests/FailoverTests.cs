using System.Net;
using System.Text.RegularExpressions;
using MailDsl.Daemons;
using MailDsl.Layers;
using MailDsl.Model;
using MailDsl.TestPlatform;
using MailDsl.TestPlatform.Directories;
using MailDsl.TestPlatform.Network;
using MailDsl.Topology;
using MailKit.Net.Pop3;
using MailKit.Security;
using Xunit;

namespace MailDsl.Integration.Tests;

/// <summary>
/// The platform survives the loss of the balancer holding a VIP and of one host of every layer at once: the other balancer
/// takes the VIPs over, HAProxy stops sending to the hosts that went away, and mail to the MX VIP, submission, IMAP and
/// POP3 logins and a webmail login through the VIPs work again; a message sent during the outage arrives, and the messages
/// the platform accepted just before the stop all arrive once the hosts are back (a stopped MX keeps its queue). The
/// outage is one run per target on the shared platform, which it gives back whole: every daemon started again and the
/// balancers counting every host up, before the test ends, whatever it found.
/// </summary>
/// <remarks>Run once per target: <see cref="FailoverTestsOnDebian12"/>, <see cref="FailoverTestsOnDebian13"/>.</remarks>
public abstract class FailoverTests(PlatformFixture fixture)
{
    private LabPlatform Platform => fixture.Platform;

    [PlatformFact]
    public async Task With_the_vip_holder_and_one_host_of_each_layer_stopped_mail_logins_and_webmail_go_on_and_nothing_is_lost()
    {
        var mxVip = fixture.Vip(LayerDescriptors.SmtpIn);
        var holder = Holder(mxVip);
        var stopped = new List<string> { holder };
        // One host of each layer: the first, but on the mailstore the host alice's mailbox is open on (her backend, issue
        // 22). The first webmail host's memcached goes too: SOGo's cache is shared, one server per webmail host.
        stopped.Add(Platform.HostsOf(LayerDescriptors.SmtpIn)[0]);
        stopped.Add(Platform.HostsOf(LayerDescriptors.SmtpOut)[0]);
        stopped.Add(BackendOf(TestDirectory.Alice.Uid));
        stopped.Add(Platform.HostsOf(LayerDescriptors.Webmail)[0]);

        // Accepted just before the stop: to the MX VIP, and submitted through the relay VIP.
        var before = new List<string>();
        var ids = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            var subject = $"MailDsl before the outage {i} {Guid.NewGuid():N}";
            ids.Add(await fixture.SendAsync(mxVip, fixture.Port(LayerDescriptors.SmtpIn, "smtp"), TestDirectory.Alice.Address, subject));
            before.Add(subject);
        }
        var submitted = "MailDsl submitted before the outage " + Guid.NewGuid().ToString("N");
        ids.Add(await fixture.SendAsync(fixture.Vip(LayerDescriptors.SmtpOut), fixture.Port(LayerDescriptors.SmtpOut, "submission"), TestDirectory.Alice.Address, submitted, login: true));
        before.Add(submitted);

        try
        {
            foreach (var host in stopped) Stop(host);
            // The other balancer holds every VIP, and HAProxy counts the stopped hosts down (it sends them nothing more).
            Platform.WaitUntilBalanced(stopped);
            Assert.NotEqual(holder, Holder(mxVip));
            var store = Platform.HostsOf(LayerDescriptors.Mailstore).Single(s => !stopped.Contains(s));
            WaitFor(() => BackendOf(TestDirectory.Alice.Uid, store) == store, $"{store} to serve alice's mailbox itself");

            // Mail to the MX VIP arrives; IMAP login through the VIP (DeliveredAsync) finds it.
            var during = "MailDsl during the outage " + Guid.NewGuid().ToString("N");
            await fixture.SendAsync(mxVip, fixture.Port(LayerDescriptors.SmtpIn, "smtp"), TestDirectory.Alice.Address, during);
            await fixture.DeliveredAsync(TestDirectory.Alice, during, "INBOX", LayerDescriptors.SmtpIn, LayerDescriptors.Mailstore, LayerDescriptors.Balancers);

            // Submission through the relay VIP, logged in, reaches the mailbox.
            var submittedDuring = "MailDsl submitted during the outage " + Guid.NewGuid().ToString("N");
            await fixture.SendAsync(fixture.Vip(LayerDescriptors.SmtpOut), fixture.Port(LayerDescriptors.SmtpOut, "submission"), TestDirectory.Alice.Address, submittedDuring, login: true);
            await fixture.DeliveredAsync(TestDirectory.Alice, submittedDuring, "INBOX", LayerDescriptors.SmtpOut, LayerDescriptors.SmtpIn, LayerDescriptors.Mailstore);

            // POP3 through the VIP.
            using (var pop = fixture.Client<Pop3Client>())
            {
                await pop.ConnectAsync(fixture.Vip(LayerDescriptors.Mailstore).ToString(), fixture.Port(LayerDescriptors.Mailstore, "pop3s"), SecureSocketOptions.SslOnConnect);
                fixture.LogIn(pop, LayerDescriptors.Mailstore);
                Assert.True(pop.Count > 0, "alice's POP3 mailbox is empty during the outage");
                await pop.DisconnectAsync(true);
            }

            // A webmail login through the VIP, and SOGo lists the message sent during the outage.
            using var sogo = new Clients.SogoClient($"https://{fixture.Vip(LayerDescriptors.Webmail)}:{fixture.Port(LayerDescriptors.Webmail, "https")}", fixture.IsPlatformCertificate);
            using (var login = await sogo.LogInAsync(TestDirectory.Alice.Uid, TestDirectory.Alice.Password))
                Assert.True(login.StatusCode == HttpStatusCode.OK, $"SOGo refused alice during the outage ({(int)login.StatusCode})\n{fixture.Logs(LayerDescriptors.Webmail)}");
            var (status, body) = await sogo.InboxAsync(TestDirectory.Alice.Uid);
            Assert.True(status == HttpStatusCode.OK && body.Contains(during, StringComparison.Ordinal),
                $"SOGo's list of alice's inbox during the outage ({(int)status}) lacks '{during}':\n{body}\n{fixture.Logs(LayerDescriptors.Webmail)}");
        }
        finally
        {
            // Everything back, whatever happened, for the tests that share the platform.
            foreach (var host in stopped) Start(host);
            fixture.WaitUntilServing();
        }

        // Nothing accepted before the stop is lost: what a stopped MX or relay still held goes out now it is back.
        foreach (var host in Platform.HostsOf(LayerDescriptors.SmtpOut).Concat(Platform.HostsOf(LayerDescriptors.SmtpIn)))
            Platform.Host(host).Must("postqueue -f", "flushing the queue");
        foreach (var subject in before)
        {
            try
            {
                await fixture.DeliveredAsync(TestDirectory.Alice, subject, "INBOX", LayerDescriptors.SmtpOut, LayerDescriptors.SmtpIn, LayerDescriptors.Mailstore);
            }
            catch (Xunit.Sdk.XunitException lost)
            {
                throw new Xunit.Sdk.XunitException(lost.Message + "\nWhere the messages accepted before the stop went:\n" + fixture.MailTrace(ids));
            }
        }
    }

    private HostPlan Plan(string host) => Platform.Plans.Single(p => p.Name == host);

    private MailDsl.Targets.TargetFacts Target => MailDsl.Targets.TargetTable.Of(Platform.Target);

    // Stops every daemon of host, the last started first; the PROXY ports' firewall is the kernel's and stays. On a balancer
    // HAProxy goes first, as when it fails: its connections end there and then, from the address they were made to (a
    // client whose connection went through it learns at once, and its MTA retries), and keepalived's check gives the
    // VIPs up. Stopping keepalived first would take the address away under HAProxy's open connections, and a relay
    // waiting for a greeting on one would wait smtp_helo_timeout (5 minutes) before it tried again.
    private void Stop(string host)
    {
        var modules = DaemonModules.On(Plan(host)).Where(m => m.Daemon != Daemon.Nftables).Reverse()
            .OrderBy(m => m.Daemon == Daemon.Haproxy ? 0 : 1).ToList();
        foreach (var module in modules)
        {
            var service = module.Service(Target);
            var result = Platform.Host(host).Run(service.Stop, TimeSpan.FromSeconds(60));
            Assert.True(result.Succeeded, $"could not stop {module.Name} on {host}:\n{result}");
            WaitFor(() => !Platform.Host(host).Run(service.Running).Succeeded, $"{module.Name} on {host} to stop");
        }
    }

    // Starts every daemon of host that is not running, in the order install.sh starts them.
    private void Start(string host)
    {
        foreach (var module in DaemonModules.On(Plan(host)))
        {
            var service = module.Service(Target);
            if (Platform.Host(host).Run(service.Running).Succeeded) continue;
            Platform.Host(host).Must(service.Start + " </dev/null >/dev/null 2>&1", $"starting {module.Name} again");
        }
    }

    // Which balancer host has the VIP's address on its interface (keepalived adds it there).
    private string Holder(IPAddress vip)
        => IntegrationPlatform.BalancerHosts.Single(b => Platform.Host(b).Run("ip -4 -o addr show").Output.Contains($"inet {vip}/", StringComparison.Ordinal));

    // The mailstore host alice's mailbox is open on, as the passdb of reader (any mailstore host) names it.
    private string BackendOf(string user, string? reader = null)
    {
        reader ??= Platform.HostsOf(LayerDescriptors.Mailstore)[0];
        var lookup = Platform.Host(reader).Run("doveadm auth lookup " + user);
        Assert.True(lookup.Succeeded, $"doveadm auth lookup on {reader}:\n{lookup}");
        var proxied = Regex.Match(lookup.Output, @"^\s*host\s*:\s*(\S+)", RegexOptions.Multiline);
        return proxied.Success ? Platform.Plans.Single(p => p.Name == proxied.Groups[1].Value || Platform.AddressOf(p.Name).ToString() == proxied.Groups[1].Value).Name : reader;
    }

    private void WaitFor(Func<bool> condition, string what)
    {
        for (var deadline = DateTime.UtcNow.AddSeconds(60); !condition(); Thread.Sleep(250))
            if (DateTime.UtcNow > deadline) Assert.Fail($"waited 60 s for {what}:\n{Platform.AllLogs()}");
    }
}
