using System.Net;
using System.Text.RegularExpressions;
using MailDsl.Integration.Tests.Clients;
using MailDsl.Layers;
using MailDsl.Model;
using MailDsl.TestPlatform;
using MailDsl.TestPlatform.Directories;
using MailDsl.TestPlatform.Network;
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
/// The whole platform, over the wire and through its VIPs: users in OpenLDAP (slapd, TLS only) in two mail domains, SOGo's
/// database in PostgreSQL (TLS only), mailboxes on a shared directory standing in for NFS, ManageSieve. Every daemon's
/// files are the emitted ones, the secrets written into them by install.sh.
/// </summary>
/// <remarks>Run once per target: <see cref="DirectoryTestsOnDebian12"/>, <see cref="DirectoryTestsOnDebian13"/>.</remarks>
public abstract class DirectoryTests(PlatformFixture fixture)
{
    private LabPlatform Platform => fixture.Platform;

    private SogoClient Sogo() => new($"https://{fixture.Vip(LayerDescriptors.Webmail)}:{fixture.Port(LayerDescriptors.Webmail, "https")}", fixture.IsPlatformCertificate);

    private string Imaps => fixture.Vip(LayerDescriptors.Mailstore).ToString();

    private int ImapsPort => fixture.Port(LayerDescriptors.Mailstore, "imaps");

    // The directory's own address and ports on the lab.
    private DirectoryServers Directory => Platform.DirectoryServers!;

    [PlatformFact]
    public async Task A_directory_user_logs_in_to_sogo_over_https_and_finds_there_a_message_sent_to_the_mx_over_starttls()
    {
        using var sogo = Sogo();
        using var login = await sogo.LogInAsync(TestDirectory.Alice.Uid, TestDirectory.Alice.Password);
        Assert.True(login.StatusCode == HttpStatusCode.OK, $"SOGo refused alice ({(int)login.StatusCode}): {await login.Content.ReadAsStringAsync()}\n{fixture.Logs(LayerDescriptors.Webmail)}");
        Assert.NotNull(sogo.Cookies[SogoClient.SessionCookie]);

        var subject = "MailDsl to SOGo " + Guid.NewGuid().ToString("N");
        await SendToMx(TestDirectory.Alice.Address, subject);

        for (var deadline = DateTime.UtcNow.AddSeconds(60); ; await Task.Delay(1000))
        {
            var (status, body) = await sogo.InboxAsync(TestDirectory.Alice.Uid);
            Assert.True(status == HttpStatusCode.OK, $"SOGo's message list answered {(int)status}: {body}\n{fixture.Logs(LayerDescriptors.Webmail)}");
            if (body.Contains(subject, StringComparison.Ordinal)) break;
            if (DateTime.UtcNow > deadline)
                Assert.Fail($"'{subject}' is not in alice's inbox as SOGo lists it after 60 s:\n{body}\n{fixture.Logs(LayerDescriptors.SmtpIn, LayerDescriptors.Mailstore)}");
        }
    }

    [PlatformFact]
    public async Task A_message_sent_through_sogo_arrives_in_another_users_mailbox_in_the_other_domain()
    {
        using var sogo = Sogo();
        using var login = await sogo.LogInAsync(TestDirectory.Alice.Uid, TestDirectory.Alice.Password);
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        var subject = "MailDsl from SOGo " + Guid.NewGuid().ToString("N");

        var (status, body) = await sogo.SendAsync(TestDirectory.Alice.Uid, TestDirectory.Alice.Address, TestDirectory.Bob.Address, subject, "Sent through SOGo by the integration tests.");

        Assert.True(status == HttpStatusCode.OK && body.Contains("success", StringComparison.Ordinal),
            $"SOGo did not send ({(int)status}): {body}\n{fixture.Logs(LayerDescriptors.Webmail, LayerDescriptors.SmtpOut)}");
        var delivered = await fixture.DeliveredAsync(TestDirectory.Bob, subject, "INBOX", LayerDescriptors.SmtpOut, LayerDescriptors.SmtpIn, LayerDescriptors.Mailstore);
        Assert.Equal(TestDirectory.Alice.Address, delivered.From.Mailboxes.Single().Address);
        // SOGo submitted it to the relay, logged in as alice, over TLS; the relay kept it inside the platform.
        Assert.Contains(delivered.Headers.Where(h => h.Id == HeaderId.Received).Select(h => h.Value),
            r => Platform.HostsOf(LayerDescriptors.SmtpOut).Any(h => r.Contains("by " + h, StringComparison.Ordinal)) && r.Contains("ESMTPSA", StringComparison.Ordinal) && Regex.IsMatch(r, @"using TLSv1\.[23]"));
    }

    [PlatformFact]
    public async Task A_wrong_password_is_refused_by_sogo_and_by_imaps()
    {
        using var sogo = Sogo();
        using var login = await sogo.LogInAsync(TestDirectory.Alice.Uid, TestDirectory.Alice.Password + "x");
        Assert.Equal(HttpStatusCode.Forbidden, login.StatusCode);
        Assert.Null(sogo.Cookies[SogoClient.SessionCookie]);

        using var imap = fixture.Client<ImapClient>();
        await imap.ConnectAsync(Imaps, ImapsPort, SecureSocketOptions.SslOnConnect);
        await Assert.ThrowsAsync<AuthenticationException>(() => imap.AuthenticateAsync(TestDirectory.Alice.Uid, TestDirectory.Alice.Password + "x"));
        // The near miss: the right password is accepted on the same connection.
        await imap.AuthenticateAsync(TestDirectory.Alice.Uid, TestDirectory.Alice.Password);
        Assert.True(imap.IsAuthenticated);
    }

    [PlatformFact]
    public async Task The_mx_refuses_an_unknown_recipient_at_rcpt_with_550_and_takes_every_address_the_directory_knows()
    {
        using var wire = new Wire(fixture.Vip(LayerDescriptors.SmtpIn), fixture.Port(LayerDescriptors.SmtpIn, "smtp"));
        wire.Send("EHLO tests.example.org");
        Assert.StartsWith("250", wire.Send("MAIL FROM:<sender@example.org>"));
        var unknown = wire.Send("RCPT TO:<nobody@" + IntegrationPlatform.Domain + ">");
        Assert.True(unknown.StartsWith("550 5.1.1", StringComparison.Ordinal), wire.Transcript);
        Assert.Contains("User unknown in relay recipient table", unknown, StringComparison.Ordinal);
        // Both domains, a second address (another value of mail) and an alias are accepted.
        foreach (var address in new[] { TestDirectory.Alice.Address, TestDirectory.Bob.Address, TestDirectory.Carol.Mail[1], "postmaster@" + TestDirectory.SecondDomain })
            Assert.True(wire.Send("RCPT TO:<" + address + ">").StartsWith("250", StringComparison.Ordinal), wire.Transcript);
        wire.Send("QUIT");
        await Task.CompletedTask;
    }

    [PlatformFact]
    public async Task A_sieve_script_uploaded_over_managesieve_after_starttls_files_matching_mail_at_delivery()
    {
        var marker = "sieve-" + Guid.NewGuid().ToString("N");
        var sieveAddress = fixture.Vip(LayerDescriptors.Mailstore);
        var sievePort = fixture.Port(LayerDescriptors.Mailstore, "sieve");
        using (var plain = new ManageSieveClient(sieveAddress, sievePort))
        {
            // Before TLS, Dovecot offers no mechanism and refuses a login (ssl = required).
            Assert.Contains("\"STARTTLS\"", plain.Greeting, StringComparison.Ordinal);
            Assert.Contains("\"SASL\" \"\"", plain.Greeting, StringComparison.Ordinal);
            Assert.Contains("ENCRYPT-NEEDED", Last(plain.Authenticate(TestDirectory.Carol.Uid, TestDirectory.Carol.Password)), StringComparison.Ordinal);
        }
        using (var sieve = new ManageSieveClient(sieveAddress, sievePort))
        {
            Assert.Contains("\"SASL\" \"PLAIN", sieve.StartTls(fixture.IsPlatformCertificate), StringComparison.Ordinal);
            Assert.True(Last(sieve.Authenticate(TestDirectory.Carol.Uid, TestDirectory.Carol.Password)).StartsWith("OK", StringComparison.Ordinal), sieve.Transcript);
            var script = "require [\"fileinto\", \"mailbox\"];\r\nif header :contains \"subject\" \"" + marker + "\" { fileinto :create \"Filtered\"; }\r\n";
            Assert.True(Last(sieve.PutScript("maildsl", script)).StartsWith("OK", StringComparison.Ordinal), sieve.Transcript);
            Assert.True(Last(sieve.SetActive("maildsl")).StartsWith("OK", StringComparison.Ordinal), sieve.Transcript);
        }

        await SendToMx(TestDirectory.Carol.Address, "Filter me " + marker);
        await SendToMx(TestDirectory.Carol.Address, "Leave me in the inbox " + marker.Substring(0, 10));

        await fixture.DeliveredAsync(TestDirectory.Carol, marker, "Filtered", LayerDescriptors.SmtpIn, LayerDescriptors.Mailstore);
        await fixture.DeliveredAsync(TestDirectory.Carol, "Leave me in the inbox " + marker.Substring(0, 10), "INBOX", LayerDescriptors.SmtpIn, LayerDescriptors.Mailstore);
    }

    [PlatformFact]
    public async Task Two_mailstore_hosts_share_one_storage_mail_delivered_through_one_is_read_through_the_other()
    {
        // A test about two hosts: each reached at its own address, not through the VIP.
        var (store1, store2) = (Platform.HostsOf(LayerDescriptors.Mailstore)[0], Platform.HostsOf(LayerDescriptors.Mailstore)[1]);
        // Delivered by store2's Postfix (LMTP to its Dovecot), read over IMAPS on store1.
        var viaStore2 = "MailDsl via store2 " + Guid.NewGuid().ToString("N");
        await SendTo(fixture.AddressOf(store2), fixture.Port(LayerDescriptors.Mailstore, "smtp"), TestDirectory.Bob.Address, viaStore2);
        await fixture.DeliveredAsync(fixture.AddressOf(store1), TestDirectory.Bob, viaStore2, "INBOX", LayerDescriptors.Mailstore);
        // Delivered by store1's Postfix, read over IMAPS on store2.
        var viaStore1 = "MailDsl via store1 " + Guid.NewGuid().ToString("N");
        await SendTo(fixture.AddressOf(store1), fixture.Port(LayerDescriptors.Mailstore, "smtp"), TestDirectory.Bob.Address, viaStore1);
        await fixture.DeliveredAsync(fixture.AddressOf(store2), TestDirectory.Bob, viaStore1, "INBOX", LayerDescriptors.Mailstore);
        // One mailbox on the shared storage, owned by the one mail user both hosts run as.
        var owner = Command.Run("stat", "-c", "%u:%g", Path.Combine(Platform.SharedStorageDir, TestDirectory.Bob.Uid, "Maildir"));
        Assert.Equal("5000:5000", owner.Output.Trim());
    }

    [PlatformFact]
    public async Task Every_directory_and_database_connection_was_tls_and_plain_ones_are_refused()
    {
        // Connections from every layer: IMAPS and submission logins (Dovecot auth binds), a recipient check (Postfix), SOGo.
        using (var sogo = Sogo())
        using (var login = await sogo.LogInAsync(TestDirectory.Bob.Uid, TestDirectory.Bob.Password))
            Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        using (var imap = fixture.Client<ImapClient>())
        {
            await imap.ConnectAsync(Imaps, ImapsPort, SecureSocketOptions.SslOnConnect);
            fixture.LogIn(imap, LayerDescriptors.Mailstore);
        }
        await SendToMx(TestDirectory.Alice.Address, "MailDsl directory TLS " + Guid.NewGuid().ToString("N"));

        // A bind without TLS is refused by slapd itself ("confidentiality required", result 13).
        var secret = Path.Combine(Platform.Root, "secrets", "ldap-bind-once");
        File.WriteAllText(secret, TestDirectory.BindPassword);
        var plain = Command.Run("ldapwhoami", "-x", "-H", $"ldap://{Directory.ListenAddress}:{Directory.Ports.Ldap}", "-D", TestDirectory.BindDn, "-y", secret);
        Assert.False(plain.Succeeded, plain.ToString());
        Assert.Contains("Confidentiality required (13)", plain.Output, StringComparison.Ordinal);
        // The near miss: the same bind after StartTLS, trusting the platform's CA, succeeds.
        var startTls = Command.Run("env", "LDAPTLS_CACERT=" + Platform.CertificateFile, "ldapwhoami", "-x", "-ZZ", "-H", $"ldap://{Directory.ListenAddress}:{Directory.Ports.Ldap}", "-D", TestDirectory.BindDn, "-y", secret);
        File.Delete(secret);

        var log = Directory.SlapdLogText();
        var accepted = Regex.Matches(log, @"conn=(\d+) fd=\d+ ACCEPT from IP=[0-9.]+:\d+ \(IP=[0-9.]+:(\d+)\)").Select(m => (Conn: m.Groups[1].Value, Port: int.Parse(m.Groups[2].Value))).ToList();
        var tls = Regex.Matches(log, @"conn=(\d+) fd=\d+ TLS established").Select(m => m.Groups[1].Value).ToHashSet();
        var refused = Regex.Matches(log, @"conn=(\d+) op=\d+ RESULT tag=97 err=13").Select(m => m.Groups[1].Value).ToHashSet();
        var binds = Regex.Matches(log, @"conn=(\d+) op=\d+ RESULT tag=97 err=0").Select(m => m.Groups[1].Value).ToHashSet();
        var operated = Regex.Matches(log, @"conn=(\d+) op=\d+ ").Select(m => m.Groups[1].Value).ToHashSet();
        Assert.True(accepted.Count(a => a.Port == Directory.Ports.Ldaps) >= 3, "too few LDAPS connections in slapd's log:\n" + log);
        // Every connection that sent anything (the start-up port probes send nothing) negotiated TLS, but the test's one
        // plain attempt; and every successful bind was on a TLS connection.
        Assert.Equal(refused, accepted.Where(a => operated.Contains(a.Conn) && !tls.Contains(a.Conn)).Select(a => a.Conn).ToHashSet());
        Assert.Single(refused);
        Assert.Subset(tls, binds);
        Assert.True(startTls.Succeeded, startTls.ToString());

        // PostgreSQL: every authorized connection names its SSL session; one without TLS is refused by pg_hba.conf.
        var pg = Directory.PostgresLogText();
        var authorized = pg.Split('\n').Where(l => l.Contains("connection authorized:", StringComparison.Ordinal) && l.Contains("user=sogo", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(authorized);
        Assert.All(authorized, l => Assert.Matches(@"SSL enabled \(protocol=TLSv1\.[23]", l));
        var noTls = Command.Run("env", "PGPASSWORD=" + TestDirectory.SogoDbPassword, "psql", $"host={Directory.ListenAddress} port={Directory.Ports.Postgres} user=sogo dbname=sogo sslmode=disable", "-c", "select 1");
        Assert.False(noTls.Succeeded, noTls.ToString());
        Assert.Contains("no encryption", noTls.Output, StringComparison.Ordinal);
    }

    [PlatformFact]
    public void No_emitted_file_holds_a_test_password_and_the_installed_files_holding_one_are_readable_by_their_daemon_only()
    {
        foreach (var file in System.IO.Directory.EnumerateFiles(Platform.OutDir, "*", SearchOption.AllDirectories))
        {
            var text = File.ReadAllText(file);
            foreach (var secret in TestDirectory.Secrets)
                Assert.False(text.Contains(secret, StringComparison.Ordinal), $"{file} holds a test password");
        }

        // Installed, each file holds the secret exactly as written (the daemons log in with it), with the mode of its daemon.
        // Dovecot 2.3 reads the directory's settings from args files; 2.4 reads them inline, its password from an include
        // (where '%{' is written '%%{', 2.4's literal).
        var dovecot = fixture.Target == Distro.Debian13
            ? new[] { "/etc/dovecot/maildsl-secrets.conf.ext", "/etc/dovecot/maildsl-secrets.conf.ext" }
            : new[] { "/etc/dovecot/maildsl-passdb.conf.ext", "/etc/dovecot/maildsl-userdb.conf.ext" };
        var inDovecot = fixture.Target == Distro.Debian13 ? Escaped(TestDirectory.BindPassword).Replace("%{", "%%{") : Escaped(TestDirectory.BindPassword);
        // On every host of each layer.
        var expected = new (LayerDescriptor Layer, string Path, string Mode, string Secret)[]
        {
            (LayerDescriptors.SmtpIn, "/etc/postfix/maildsl-recipients.cf", "640 root postfix", TestDirectory.BindPassword),
            (LayerDescriptors.SmtpOut, dovecot[0], "600 root root", inDovecot),
            (LayerDescriptors.Mailstore, dovecot[1], "600 root root", inDovecot),
            (LayerDescriptors.Webmail, "/etc/sogo/sogo.conf", "640 root sogo", Escaped(TestDirectory.BindPassword)),
            (LayerDescriptors.Webmail, "/etc/sogo/sogo.conf", "640 root sogo", Uri.EscapeDataString(TestDirectory.SogoDbPassword).Replace("'", "%27")),
        }.SelectMany(e => Platform.HostsOf(e.Layer).Select(host => (Host: host, e.Path, e.Mode, e.Secret)));
        foreach (var (host, path, mode, secret) in expected)
        {
            var stat = Platform.Host(host).Run("stat -c '%a %U %G' " + path);
            Assert.Equal(mode, stat.Output.Trim());
            var holds = Platform.Host(host).Run($"grep -c -F -e {Command.ShellQuote(secret)} {path}");
            Assert.True(holds.Succeeded, $"{host}:{path} does not hold its secret: {holds}");
        }
    }

    // Inside double quotes, Dovecot and property lists read a backslash as escaping the next character.
    private static string Escaped(string secret) => secret.Replace("\\", "\\\\").Replace("\"", "\\\"");

    private static string Last(string response) => response.TrimEnd().Split('\n').Last();

    private Task SendToMx(string to, string subject) => SendTo(fixture.Vip(LayerDescriptors.SmtpIn), fixture.Port(LayerDescriptors.SmtpIn, "smtp"), to, subject);

    private async Task SendTo(System.Net.IPAddress address, int port, string to, string subject)
    {
        var message = new MimeMessage();
        message.From.Add(MailboxAddress.Parse("sender@example.org"));
        message.To.Add(MailboxAddress.Parse(to));
        message.Subject = subject;
        message.Body = new TextPart("plain") { Text = "Sent by the integration tests." };
        using var smtp = fixture.Client<SmtpClient>();
        await smtp.ConnectAsync(address.ToString(), port, SecureSocketOptions.StartTls);
        await smtp.SendAsync(message);
        await smtp.DisconnectAsync(true);
    }
}
