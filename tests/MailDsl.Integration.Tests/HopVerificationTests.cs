using System.Net;
using MailDsl.Integration.Tests.Clients;
using MailDsl.Layers;
using MailDsl.TestPlatform;
using MailDsl.TestPlatform.Network;
using MailDsl.TestPlatform.Directories;
using MailDsl.TestPlatform.Sandbox;
using MailKit;
using MailKit.Net.Imap;
using MailKit.Net.Smtp;
using MailKit.Search;
using MailKit.Security;
using MimeKit;
using Xunit;

namespace MailDsl.Integration.Tests;

/// <summary>
/// Every hop between layers verifies the next layer's certificate against the platform's CA: with one layer's certificate
/// swapped, on every host of the layer, for one another CA issued (same names, a valid chain of its own), the MX keeps the
/// mail for the mailstore in its queue, the relay keeps the mail for the MX, each with OpenSSL's verification error in
/// Postfix's log, and SOGo opens no mailbox. Each test checks the hop works first, swaps, sees the refusal, puts the
/// platform's certificate back and sees the held mail delivered. Tests of one collection run one at a time, so no other
/// test sees the swapped certificate.
/// </summary>
/// <remarks>Run once per target: <see cref="HopVerificationTestsOnDebian12"/>, <see cref="HopVerificationTestsOnDebian13"/>.</remarks>
public abstract class HopVerificationTests(PlatformFixture fixture)
{
    private LabPlatform Platform => fixture.Platform;

    private SandboxHost[] HostsOf(LayerDescriptor layer) => Platform.HostsOf(layer).Select(Platform.Host).ToArray();

    private SogoClient Sogo() => new($"https://{fixture.Vip(LayerDescriptors.Webmail)}:{fixture.Port(LayerDescriptors.Webmail, "https")}", fixture.IsPlatformCertificate);

    [PlatformFact]
    public async Task The_mx_holds_mail_for_a_mailstore_with_another_cas_certificate_and_sogo_opens_no_mailbox()
    {
        var stores = HostsOf(LayerDescriptors.Mailstore);
        var mxs = HostsOf(LayerDescriptors.SmtpIn);
        var webs = HostsOf(LayerDescriptors.Webmail);
        using var sogo = Sogo();
        var control = await OpenInbox(sogo);
        Assert.True(control.Status == HttpStatusCode.OK, $"SOGo could not open alice's inbox before the swap ({(int)control.Status}): {control.Body}\n{fixture.Logs(LayerDescriptors.Webmail)}");

        var subject = "MailDsl held by the MX " + Guid.NewGuid().ToString("N");
        var mxLogs = mxs.Select(h => LogSize(h)).ToArray();
        var sogoLogs = webs.Select(h => LogSize(h, "/var/log/sogo/sogo.log")).ToArray();
        try
        {
            foreach (var store in stores) SwapCertificate(store, OtherCa());
            await SendTo(fixture.Vip(LayerDescriptors.SmtpIn), fixture.Port(LayerDescriptors.SmtpIn, "smtp"), login: false, subject);
            // Whichever MX took the message holds it.
            var (mx, log) = await WaitForLog(mxs, mxLogs, "status=deferred", IntegrationPlatform.PostfixLog);
            Assert.Contains("certificate verification failed for " + IntegrationPlatform.StoreVip, log, StringComparison.Ordinal);
            Assert.Contains("Server certificate not verified", log, StringComparison.Ordinal);
            Assert.Contains("postfix/internal", log, StringComparison.Ordinal);
            Assert.Contains(subject.Split(' ').Last(), QueueOf(mx), StringComparison.Ordinal);

            // A new SOGo session (the old IMAP sessions were kicked): SOGo's IMAP client refuses the store's certificate.
            using var refused = Sogo();
            var inbox = await OpenInbox(refused);
            Assert.False(inbox.Status == HttpStatusCode.OK && inbox.Body.Contains("\"headers\"", StringComparison.Ordinal),
                $"SOGo opened alice's inbox on a mailstore whose certificate another CA issued ({(int)inbox.Status}): {inbox.Body}");
            var sogoSaid = string.Join("\n", webs.Select((h, i) => Since(h, "/var/log/sogo/sogo.log", sogoLogs[i])));
            Assert.Contains(IntegrationPlatform.StoreVip, sogoSaid, StringComparison.Ordinal);
            Assert.Matches("(?i)ssl|certificate", sogoSaid);
        }
        finally
        {
            foreach (var store in stores) SwapCertificate(store, (Platform.CertificateFile, Platform.KeyFile));
        }
        // The platform's certificate back: the held message goes through on the next try, once every mailstore host serves its
        // users again (Dovecot's reload restarted the backend watcher, and a returning host answers LMTP "try again" until the
        // others have let go, which would defer the message to Postfix's next retry, minutes later).
        fixture.WaitUntilServing(stores.Select(s => s.Name).ToArray());
        foreach (var mx in mxs) mx.Must("postqueue -f", "flushing the MX's queue");
        await fixture.DeliveredAsync(TestDirectory.Alice, subject, "INBOX", LayerDescriptors.SmtpIn, LayerDescriptors.Mailstore);
    }

    [PlatformFact]
    public async Task The_relay_holds_mail_for_an_mx_with_another_cas_certificate()
    {
        var mxs = HostsOf(LayerDescriptors.SmtpIn);
        var relays = HostsOf(LayerDescriptors.SmtpOut);
        var subject = "MailDsl held by the relay " + Guid.NewGuid().ToString("N");
        var relayLogs = relays.Select(h => LogSize(h)).ToArray();
        try
        {
            foreach (var mx in mxs) SwapCertificate(mx, OtherCa());
            await SendTo(fixture.Vip(LayerDescriptors.SmtpOut), fixture.Port(LayerDescriptors.SmtpOut, "submission"), login: true, subject);
            var (relay, log) = await WaitForLog(relays, relayLogs, "status=deferred", IntegrationPlatform.PostfixLog);
            Assert.Contains("certificate verification failed for " + IntegrationPlatform.MxVip, log, StringComparison.Ordinal);
            Assert.Contains("Server certificate not verified", log, StringComparison.Ordinal);
            Assert.Contains(subject.Split(' ').Last(), QueueOf(relay), StringComparison.Ordinal);
        }
        finally
        {
            foreach (var mx in mxs) SwapCertificate(mx, (Platform.CertificateFile, Platform.KeyFile));
        }
        foreach (var relay in relays) relay.Must("postqueue -f", "flushing the relay's queue");
        await fixture.DeliveredAsync(TestDirectory.Alice, subject, "INBOX", LayerDescriptors.SmtpOut, LayerDescriptors.SmtpIn, LayerDescriptors.Mailstore);
    }

    /// <summary>
    /// A second CA, and a certificate it issued for every name the platform's certificate has (so only the issuer is
    /// wrong), with its chain: the layer presents a certificate that verifies against its own CA and not the platform's.
    /// </summary>
    private (string Certificate, string Key) OtherCa()
    {
        var dir = Path.Combine(Path.GetDirectoryName(Platform.CertificateFile)!, "other-ca");
        var chain = Path.Combine(dir, "chain.crt");
        var key = Path.Combine(dir, "server.key");
        if (File.Exists(chain)) return (chain, key);
        Directory.CreateDirectory(dir);
        string P(string name) => Path.Combine(dir, name);
        // Every name and address the platform's own certificate has.
        var names = string.Join(",", Platform.Names.Keys.Prepend(IntegrationPlatform.Domain).Distinct(StringComparer.OrdinalIgnoreCase).Select(n => "DNS:" + n)
            .Concat(Platform.Names.Values.Select(a => a.ToString()).Distinct().Select(a => "IP:" + a)));
        File.WriteAllText(P("server.ext"), "subjectAltName=" + names + "\nbasicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\n");
        foreach (var args in new[]
        {
            new[] { "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", P("ca.key"), "-out", P("ca.crt"), "-days", "2", "-subj", "/CN=Another CA" },
            new[] { "req", "-newkey", "rsa:2048", "-nodes", "-keyout", key, "-out", P("server.csr"), "-subj", "/CN=" + IntegrationPlatform.Domain },
            new[] { "x509", "-req", "-in", P("server.csr"), "-CA", P("ca.crt"), "-CAkey", P("ca.key"), "-CAcreateserial", "-days", "2", "-extfile", P("server.ext"), "-out", P("server.crt") },
        })
        {
            var made = Command.Run("openssl", args);
            Assert.True(made.Succeeded, "openssl could not make the other CA's certificate:\n" + made);
        }
        File.WriteAllText(chain, File.ReadAllText(P("server.crt")) + File.ReadAllText(P("ca.crt")));
        return (chain, key);
    }

    /// <summary>
    /// Puts <paramref name="pair"/> where the platform names its certificate and key on <paramref name="host"/>, and makes
    /// Postfix and Dovecot present it: reload, and end the open IMAP sessions (SOGo keeps its own open).
    /// </summary>
    private static void SwapCertificate(SandboxHost host, (string Certificate, string Key) pair)
    {
        var q = Command.ShellQuote;
        host.Must(string.Join("\n", new[]
        {
            "set -e",
            $"install -m 0644 {q(pair.Certificate)} {q(IntegrationPlatform.CertificatePath)}",
            $"install -m 0600 {q(pair.Key)} {q(IntegrationPlatform.KeyPath)}",
            "postfix reload",
            // Dovecot runs on the mailstore and (for submission logins) the relay; the MX has none to reload.
            "if command -v doveadm >/dev/null 2>&1 && doveadm reload 2>/dev/null; then doveadm kick '*' >/dev/null 2>&1 || true; fi",
            // Postfix's master answers a reload at once and restarts its children as they finish; give it a moment.
            "sleep 2",
        }), "swapping the certificate on " + host.Name);
    }

    private async Task SendTo(System.Net.IPAddress address, int port, bool login, string subject)
    {
        using var smtp = fixture.Client<SmtpClient>();
        await smtp.ConnectAsync(address.ToString(), port, SecureSocketOptions.StartTls);
        if (login) fixture.LogIn(smtp, LayerDescriptors.SmtpOut);
        var message = new MimeMessage();
        message.From.Add(MailboxAddress.Parse(login ? PlatformFixture.Address : "sender@example.org"));
        message.To.Add(MailboxAddress.Parse(PlatformFixture.Address));
        message.Subject = subject;
        message.Body = new TextPart("plain") { Text = "Sent by the hop verification tests." };
        await smtp.SendAsync(message);
        await smtp.DisconnectAsync(true);
    }

    private static async Task<(HttpStatusCode Status, string Body)> OpenInbox(SogoClient sogo)
    {
        using var login = await sogo.LogInAsync(TestDirectory.Alice.Uid, TestDirectory.Alice.Password);
        if (login.StatusCode != HttpStatusCode.OK) return (login.StatusCode, "login: " + await login.Content.ReadAsStringAsync());
        return await sogo.InboxAsync(TestDirectory.Alice.Uid);
    }

    private static long LogSize(SandboxHost host, string path = IntegrationPlatform.PostfixLog)
        => long.TryParse(host.Run($"stat -c %s {Command.ShellQuote(path)} 2>/dev/null || echo 0").Output.Trim(), out var size) ? size : 0;

    private static string Since(SandboxHost host, string path, long offset)
        => host.Run($"tail -c +{offset + 1} {Command.ShellQuote(path)}").Output;

    // The first of the hosts whose log, from its offset on, has a line with what, and that log; fails with what they have after 60 s.
    private static async Task<(SandboxHost Host, string Log)> WaitForLog(SandboxHost[] hosts, long[] offsets, string what, string path)
    {
        for (var deadline = DateTime.UtcNow.AddSeconds(60); ; await Task.Delay(500))
        {
            var texts = hosts.Select((h, i) => Since(h, path, offsets[i])).ToArray();
            var found = Array.FindIndex(texts, t => t.Contains(what, StringComparison.Ordinal));
            if (found >= 0) return (hosts[found], texts[found]);
            if (DateTime.UtcNow > deadline)
                Assert.Fail($"no '{what}' in {path} of {string.Join(", ", hosts.Select(h => h.Name))} after 60 s:\n{string.Join("\n", texts)}");
        }
    }

    // The queue IDs and the messages' subjects are not in postqueue's listing; the message file is, so postcat finds the subject.
    private static string QueueOf(SandboxHost host)
        => host.Run("for id in $(postqueue -j | sed -n 's/.*\"queue_id\": *\"\\([0-9A-Za-z]*\\)\".*/\\1/p'); do postcat -hq \"$id\"; done").Output;
}
