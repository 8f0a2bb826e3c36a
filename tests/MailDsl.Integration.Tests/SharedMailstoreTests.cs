using System.Security.Cryptography.X509Certificates;
using System.Text.RegularExpressions;
using MailDsl.Model;
using MailDsl.TestPlatform;
using MailDsl.TestPlatform.Directories;
using MailDsl.TestPlatform.Network;
using MailKit;
using MailKit.Net.Imap;
using MailKit.Net.Pop3;
using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;
using Xunit;

namespace MailDsl.Integration.Tests;

/// <summary>
/// Issue 22: two mailstore hosts on one shared directory (standing in for the NFS export), each on an address of its own,
/// on each target's own Dovecot (2.3.19 on Debian 12, 2.4.1 on Debian 13) with dovecot-auth-lua. One user is logged in
/// through both hosts at once (IMAP and POP3) and gets mail delivered through each host's Postfix and LMTP: the logs show
/// every access ran on the user's one backend while the other host proxied, neither log says a word about a corrupted or
/// fixed index or uidlist, and UIDs and flags agree through both entry points. Then the backend stops (its users are
/// served by the other host) and starts again: it serves them only once the other host has let go (sampled every 100 ms:
/// never both at once), and the user is back on it.
/// </summary>
public sealed class SharedMailstoreTests
{
    private const string Store1 = "store1." + IntegrationPlatform.Domain;
    private const string Store2 = "store2." + IntegrationPlatform.Domain;
    private const string DovecotLog = "/var/log/dovecot.log";
    private static readonly TestUser User = TestDirectory.Alice;

    // What Dovecot logs when it finds an index, cache or uidlist broken (and fixes or rebuilds it): mail-index-fsck,
    // mail-cache, maildir-uidlist, mdbox's and the transaction log's own words.
    private static readonly Regex Corruption = new(@"(?i)corrupt|fsck|fixed|broken|rebuild|uidlist.*(duplicate|invalid|lost)|index.*out of sync|reset .*index", RegexOptions.Compiled);

    [LabFact]
    public Task One_backend_per_user_on_two_mailstore_hosts_on_debian12() => OneBackendPerUser(Distro.Debian12);

    [LabFact]
    public Task One_backend_per_user_on_two_mailstore_hosts_on_debian13() => OneBackendPerUser(Distro.Debian13);

    private static async Task OneBackendPerUser(Distro target)
    {
        using var lab = LabPlatform.Start(target, _ => Describe(target), LabPlatformOptions.WithTestDirectory());
        WaitUntilServing(lab, Store1, Store2);
        var client = new Clients(lab);

        // Whose is alice? Dovecot's own passdb says, on either host, the same.
        var backend = BackendOf(lab, Store1);
        Assert.Equal(backend, BackendOf(lab, Store2));
        var other = backend == Store1 ? Store2 : Store1;

        // Logged in through both hosts at once, IMAP and POP3; mail delivered through each host's Postfix and LMTP.
        using var imapA = await client.ImapAsync(backend);
        using var imapB = await client.ImapAsync(other);
        using var popA = await client.Pop3Async(backend);
        using var popB = await client.Pop3Async(other);
        var subjects = new List<string>();
        foreach (var host in new[] { backend, other, other, backend })
            subjects.Add(await client.SendAsync(host, User.Address));
        var uidsA = await client.WaitForAsync(imapA, subjects, lab);
        var uidsB = await client.WaitForAsync(imapB, subjects, lab);
        Assert.Equal(uidsA, uidsB);

        // Flags set through one entry point are read through the other, the same UIDs throughout.
        await imapB.Inbox.AddFlagsAsync(uidsB.Values.First(), MessageFlags.Flagged | MessageFlags.Seen, true);
        await imapA.Inbox.AddFlagsAsync(uidsA.Values.Last(), MessageFlags.Answered, true);
        await Task.Delay(500);
        Assert.Equal(await FlagsAsync(imapA, uidsA.Values), await FlagsAsync(imapB, uidsB.Values));

        // Every access ran on the backend: its Dovecot holds every session, the other host holds none and proxied them all.
        var onBackend = Sessions(lab, backend);
        Assert.True(onBackend.Count(s => s == (User.Uid, "imap")) >= 2, $"both IMAP sessions should be on {backend}: {string.Join(", ", onBackend)}");
        Assert.True(onBackend.Count(s => s == (User.Uid, "pop3")) >= 2, $"both POP3 sessions should be on {backend}: {string.Join(", ", onBackend)}");
        Assert.Empty(Sessions(lab, other));
        var otherLog = lab.Host(other).Run("cat " + DovecotLog).Output;
        var backendLog = lab.Host(backend).Run("cat " + DovecotLog).Output;
        // Dovecot's own words: the login processes' "Started proxying to" the backend (2.3: "proxy(alice,ADDRESS:993)", 2.4:
        // "proxy(alice,NAME[ADDRESS]:993)"), LMTP's "Sent message to <alice> at" the
        // backend's LMTP port, and LMTP's "saved mail to INBOX" on the backend alone.
        var backendAddress = Regex.Escape(lab.AddressOf(backend).ToString());
        Assert.True(Regex.IsMatch(otherLog, @"imap-login: .*proxy\(" + User.Uid + ",[^)]*" + backendAddress + @"\]?:993\): Started proxying to"), "no IMAP proxying in " + other + "'s log:\n" + otherLog);
        Assert.True(Regex.IsMatch(otherLog, @"pop3-login: .*proxy\(" + User.Uid + ",[^)]*" + backendAddress + @"\]?:995\): Started proxying to"), "no POP3 proxying in " + other + "'s log:\n" + otherLog);
        Assert.True(Regex.IsMatch(otherLog, @"rcpt " + Regex.Escape(User.Address) + @": .*Sent message to <" + User.Uid + "> at " + Regex.Escape(backend) + @":24: 250"), "no LMTP proxying in " + other + "'s log:\n" + otherLog);
        Assert.True(Regex.IsMatch(backendLog, @"lmtp\(" + User.Uid + @"\).*saved mail to INBOX"), "no LMTP delivery in " + backend + "'s log:\n" + backendLog);
        Assert.DoesNotMatch(@"lmtp\(" + User.Uid + @"\).*saved mail to INBOX", otherLog);
        AssertNoCorruption(lab, backend, other);

        // The backend stops: its users are served by the other host, logins and deliveries alike.
        imapA.Dispose(); imapB.Dispose(); popA.Dispose(); popB.Dispose();
        lab.Host(backend).Must("doveadm stop", "stopping Dovecot");
        WaitFor(() => StateOf(lab, other, backend) == "out", $"{backend} to be out of service", lab, other);
        Assert.Equal(other, BackendOf(lab, other));
        using var fallback = await client.ImapAsync(other);
        subjects.Add(await client.SendAsync(other, User.Address));
        var uidsDuring = await client.WaitForAsync(fallback, subjects, lab);
        Assert.Equal(uidsA, uidsDuring.Where(kv => uidsA.ContainsKey(kv.Key)).ToDictionary(kv => kv.Key, kv => kv.Value));
        var servedThere = lab.Host(other).Run("cat " + DovecotLog).Output;
        Assert.True(Regex.IsMatch(servedThere, @"lmtp\(" + User.Uid + @"\).*saved mail to INBOX"), $"{other} did not deliver alice's mail itself while {backend} was out:\n{servedThere}");

        // It starts again: it does not serve alice while the other host still has her, and then it does, alone.
        var overlap = new List<string>();
        using var sampling = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        var sampler = Task.Run(async () =>
        {
            while (!sampling.IsCancellationRequested)
            {
                if (HasSession(lab, backend) && HasSession(lab, other)) overlap.Add(DateTime.UtcNow.ToString("HH:mm:ss.fff"));
                await Task.Delay(100);
            }
        });
        try
        {
            lab.Host(backend).Must("dovecot </dev/null >/dev/null 2>&1", "starting Dovecot again");
            WaitFor(() => StateOf(lab, backend, backend) == "serving", $"{backend} to serve its users again", lab, backend, other);
            // The other host kicked alice's session there when the backend came back: the client finds the connection gone.
            var kicked = false;
            try
            {
                await fallback.NoOpAsync();
                await fallback.Inbox.StatusAsync(StatusItems.Count);
            }
            catch (Exception ex) when (ex is ServiceNotConnectedException or IOException or ImapProtocolException or ImapCommandException)
            {
                kicked = true;
            }
            Assert.True(kicked, $"{other} still serves alice's old session after {backend} came back:\n{lab.Logs(other)}");
            Assert.Equal(backend, BackendOf(lab, other));
            using var again = await client.ImapAsync(other);
            var uidsAfter = await client.WaitForAsync(again, subjects, lab);
            Assert.Equal(uidsDuring, uidsAfter);
            Assert.False(HasSession(lab, other), $"{other} serves alice although {backend} holds her");
            Assert.True(HasSession(lab, backend), $"{backend} does not serve alice's new session");
        }
        finally
        {
            sampling.Cancel();
            await sampler;
        }
        Assert.True(overlap.Count == 0, $"both hosts had a session of alice at {string.Join(", ", overlap)}");

        var backendLines = lab.Host(backend).Run("cat " + DovecotLog).Output;
        var otherLines = lab.Host(other).Run("cat " + DovecotLog).Output;
        Assert.Contains($"maildsl-backends: Info: {User.Uid} belongs to another host now: kicking its sessions here", otherLines);
        Assert.Contains($"maildsl-backends: Info: {backend} serves its users: every other host in service has let go of them", backendLines);
        AssertNoCorruption(lab, backend, other);
    }

    private static void AssertNoCorruption(LabPlatform lab, params string[] hosts)
    {
        foreach (var host in hosts)
        {
            var bad = lab.Host(host).Run("cat " + DovecotLog).Output.Split('\n').Where(l => Corruption.IsMatch(l)).ToList();
            Assert.True(bad.Count == 0, $"{host}'s Dovecot log says:\n{string.Join("\n", bad)}");
        }
    }

    private static async Task<string> FlagsAsync(ImapClient imap, IEnumerable<UniqueId> uids)
    {
        var summaries = await imap.Inbox.FetchAsync(uids.ToList(), MessageSummaryItems.Flags | MessageSummaryItems.UniqueId);
        // \Recent is one session's alone (RFC 3501): every other flag is the mailbox's.
        return string.Join(";", summaries.OrderBy(s => s.UniqueId).Select(s => s.UniqueId + "=" + (s.Flags & ~MessageFlags.Recent)));
    }

    // The backend Dovecot's passdb names for alice on host: the host it proxies to, or itself.
    private static string BackendOf(LabPlatform lab, string host)
    {
        var lookup = lab.Host(host).Run("doveadm auth lookup " + User.Uid);
        Assert.True(lookup.Succeeded, $"doveadm auth lookup on {host}:\n{lookup}\n{lab.Logs(host)}");
        var proxied = Regex.Match(lookup.Output, @"^\s*host\s*:\s*(\S+)", RegexOptions.Multiline);
        return proxied.Success ? proxied.Groups[1].Value : host;
    }

    private static bool HasSession(LabPlatform lab, string host) => Sessions(lab, host).Any(s => s.User == User.Uid);

    // The sessions host's own Dovecot serves (doveadm who), one per connection: Dovecot 2.4 also lists the connections its
    // login processes proxy, with the backend's address in dest_ip; those are not served there.
    private static List<(string User, string Service)> Sessions(LabPlatform lab, string host)
    {
        var lines = lab.Host(host).Run("doveadm -f tab who -1 2>/dev/null", TimeSpan.FromSeconds(10)).Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        if (lines.Length == 0) return new();
        var header = lines[0].Split('\t');
        var dest = Array.IndexOf(header, "dest_ip");
        return lines.Skip(1).Select(l => l.Split('\t'))
            .Where(f => dest < 0 || f.Length <= dest || f[dest].Length == 0)
            .Select(f => (f[0], f.Length > 1 ? f[1] : "")).ToList();
    }

    // The state of host's line as seen from reader (they share the storage).
    private static string? StateOf(LabPlatform lab, string reader, string host)
    {
        var line = lab.Host(reader).Run($"cat {IntegrationPlatform.SharedStorage}/.maildsl-backends/{host}").Output.Trim();
        var parts = line.Split(' ');
        return parts.Length > 1 && long.TryParse(parts[0], out var epoch) && DateTimeOffset.UtcNow.ToUnixTimeSeconds() - epoch <= 10 ? parts[1] : null;
    }

    private static void WaitUntilServing(LabPlatform lab, params string[] hosts)
    {
        foreach (var host in hosts) WaitFor(() => StateOf(lab, host, host) == "serving", host + " to serve its users", lab, hosts);
    }

    private static void WaitFor(Func<bool> condition, string what, LabPlatform lab, params string[] hosts)
    {
        for (var deadline = DateTime.UtcNow.AddSeconds(40); !condition(); Thread.Sleep(200))
            if (DateTime.UtcNow > deadline)
                Assert.Fail($"waited 40 s for {what}:\n{string.Join("\n", hosts.Select(lab.Logs))}");
    }

    private static Platform Describe(Distro target) => LabPlatform.Describe(target, "MailDsl shared mailstore test")
        .AddMailDomain(TestDirectory.SecondDomain)
        .Mailstore(m => m.Hosts(Store1, Store2).Smtp().Imaps().Pop3s().ManageSieve()
            .Storage(s => s.Nfs(IntegrationPlatform.SharedStorage))
            .PostfixSetting("maillog_file", "/var/log/postfix.log")
            .PostfixSetting("smtp_host_lookup", "native")
            .DovecotSetting("log_path", DovecotLog));

    /// <summary>MailKit clients that trust exactly the lab's certificate and log alice in.</summary>
    private sealed class Clients(LabPlatform lab)
    {

        public async Task<ImapClient> ImapAsync(string host)
        {
            var imap = new ImapClient { ServerCertificateValidationCallback = lab.TrustsLabCertificate, Timeout = 20000 };
            await imap.ConnectAsync(lab.AddressOf(host).ToString(), 993, SecureSocketOptions.SslOnConnect);
            await LogInAsync(imap, host);
            await imap.Inbox.OpenAsync(FolderAccess.ReadWrite);
            return imap;
        }

        public async Task<Pop3Client> Pop3Async(string host)
        {
            var pop = new Pop3Client { ServerCertificateValidationCallback = lab.TrustsLabCertificate, Timeout = 20000 };
            await pop.ConnectAsync(lab.AddressOf(host).ToString(), 995, SecureSocketOptions.SslOnConnect);
            await LogInAsync(pop, host);
            return pop;
        }

        private async Task LogInAsync(MailService client, string host)
        {
            // A login in the second a host changes its state may be refused as temporary: the client tries again.
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    await client.AuthenticateAsync(User.Uid, User.Password);
                    return;
                }
                catch (AuthenticationException) when (attempt < 5)
                {
                    await Task.Delay(1000);
                }
                catch (AuthenticationException ex)
                {
                    Assert.Fail($"alice could not log in through {host}: {ex.Message}\n{lab.Logs(host)}");
                }
            }
        }

        public async Task<string> SendAsync(string host, string to)
        {
            var subject = $"MailDsl via {host} {Guid.NewGuid():N}";
            using var smtp = new SmtpClient { ServerCertificateValidationCallback = lab.TrustsLabCertificate, Timeout = 20000 };
            await smtp.ConnectAsync(lab.AddressOf(host).ToString(), 25, SecureSocketOptions.StartTls);
            var message = new MimeMessage();
            message.From.Add(MailboxAddress.Parse("sender@example.org"));
            message.To.Add(MailboxAddress.Parse(to));
            message.Subject = subject;
            message.Body = new TextPart("plain") { Text = "Delivered through " + host + "." };
            await smtp.SendAsync(message);
            await smtp.DisconnectAsync(true);
            return subject;
        }

        // Every subject's UID in the inbox, once all of them are there (60 s at most).
        public async Task<Dictionary<string, UniqueId>> WaitForAsync(ImapClient imap, IReadOnlyList<string> subjects, LabPlatform platform)
        {
            for (var deadline = DateTime.UtcNow.AddSeconds(60); ; await Task.Delay(500))
            {
                await imap.Inbox.CheckAsync();
                var found = new Dictionary<string, UniqueId>();
                var all = await imap.Inbox.FetchAsync(0, -1, MessageSummaryItems.Envelope | MessageSummaryItems.UniqueId);
                foreach (var s in all)
                    if (s.Envelope?.Subject is { } subject && subjects.Contains(subject)) found[subject] = s.UniqueId;
                if (found.Count == subjects.Count) return found;
                if (DateTime.UtcNow > deadline)
                    Assert.Fail($"{subjects.Count - found.Count} of {subjects.Count} messages did not arrive in 60 s:\n{platform.AllLogs()}");
            }
        }
    }
}
