using MailDsl.Model;
using MailDsl.TestPlatform;
using MailDsl.TestPlatform.Directories;
using MailDsl.TestPlatform.Network;
using MailKit.Net.Imap;
using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;
using Xunit;

namespace MailDsl.Integration.Tests;

/// <summary>
/// A platform with two MX hosts on a lab network, each on an address of its own and the standard ports, the mailstore
/// and the directory on theirs: mail sent to either MX reaches the mailbox, and the mailstore's Postfix names each MX by
/// its own address. What the many-host tests stand on, proven on both targets.
/// </summary>
public sealed class LabPlatformTests
{
    private const string Mx1 = "mx1." + LoopbackPlatform.Domain;
    private const string Mx2 = "mx2." + LoopbackPlatform.Domain;
    private const string Store = "store1." + LoopbackPlatform.Domain;

    [LabFact]
    public Task Mail_to_either_of_two_mx_hosts_reaches_the_mailbox_on_debian12() => MailThroughEachMx(Distro.Debian12);

    [LabFact]
    public Task Mail_to_either_of_two_mx_hosts_reaches_the_mailbox_on_debian13() => MailThroughEachMx(Distro.Debian13);

    private static async Task MailThroughEachMx(Distro target)
    {
        using var lab = LabPlatform.Start(target, _ => Describe(target), LabPlatformOptions.WithTestDirectory());

        var subjects = new Dictionary<string, string>();
        foreach (var mx in new[] { Mx1, Mx2 })
        {
            var subject = $"MailDsl lab via {mx} {Guid.NewGuid():N}";
            subjects[mx] = subject;
            using var smtp = new SmtpClient { ServerCertificateValidationCallback = lab.TrustsLabCertificate };
            // By its address, as a sender resolving the MX would reach it; the certificate is checked for its name.
            await smtp.ConnectAsync(lab.AddressOf(mx).ToString(), 25, SecureSocketOptions.StartTls);
            var message = new MimeMessage();
            message.From.Add(MailboxAddress.Parse("sender@example.org"));
            message.To.Add(MailboxAddress.Parse(TestDirectory.Alice.Address));
            message.Subject = subject;
            message.Body = new TextPart("plain") { Text = "Sent by the lab platform test." };
            await smtp.SendAsync(message);
            await smtp.DisconnectAsync(true);
        }

        using var imap = new ImapClient { ServerCertificateValidationCallback = lab.TrustsLabCertificate };
        await imap.ConnectAsync(lab.AddressOf(Store).ToString(), 993, SecureSocketOptions.SslOnConnect);
        await imap.AuthenticateAsync(TestDirectory.Alice.Uid, TestDirectory.Alice.Password);
        foreach (var (mx, subject) in subjects)
        {
            var arrived = false;
            for (var deadline = DateTime.UtcNow.AddSeconds(60); !arrived && DateTime.UtcNow < deadline; await Task.Delay(500))
            {
                await imap.Inbox.OpenAsync(MailKit.FolderAccess.ReadOnly);
                arrived = (await imap.Inbox.SearchAsync(MailKit.Search.SearchQuery.SubjectContains(subject))).Count > 0;
                await imap.Inbox.CloseAsync();
            }
            Assert.True(arrived, $"'{subject}' did not reach the inbox in 60 s:\n{lab.Logs(mx)}\n{lab.Logs(Store)}");
            // The mailstore's Postfix saw the MX come from the MX's own address, not a shared one.
            var log = lab.Host(Store).Run("cat /var/log/postfix.log").Output;
            Assert.Contains($"connect from {mx}[{lab.AddressOf(mx)}]", log);
        }
        // And each MX's Postfix saw the test process (the lab's gateway) as its client.
        Assert.Contains($"[{lab.Network.Gateway}]", lab.Host(Mx1).Run("cat /var/log/postfix.log").Output);
    }

    private static Platform Describe(Distro target) => LabPlatform.Describe(target, "MailDsl lab test platform")
        .AddMailDomain(TestDirectory.SecondDomain)
        .SmtpIn(s => s.Hosts(Mx1, Mx2).Smtp().StartTls(TlsLevel.May)
            .PostfixSetting("maillog_file", "/var/log/postfix.log")
            .PostfixSetting("smtp_host_lookup", "native"))
        .Mailstore(m => m.Hosts(Store).Smtp().Imaps()
            .PostfixSetting("maillog_file", "/var/log/postfix.log")
            .DovecotSetting("log_path", "/var/log/dovecot.log"));
}
