using MailDsl.TestPlatform;
using MailKit;
using MailKit.Net.Imap;
using MailKit.Net.Smtp;
using MailKit.Search;
using MailKit.Security;
using MimeKit;
using Xunit;

namespace MailDsl.Integration.Tests;

/// <summary>The whole flow: a message to the MX over STARTTLS, relayed to the mailstore over STARTTLS, read over IMAPS.</summary>
[Collection(PlatformCollection.Name)]
public sealed class MailFlowTests(PlatformFixture fixture)
{
    [PlatformFact]
    public async Task A_message_to_the_mx_reaches_the_mailbox_encrypted_at_every_hop()
    {
        var subject = "MailDsl flow " + Guid.NewGuid().ToString("N");
        var message = new MimeMessage();
        message.From.Add(MailboxAddress.Parse("sender@example.org"));
        message.To.Add(MailboxAddress.Parse(RunningPlatform.Address));
        message.Subject = subject;
        message.Body = new TextPart("plain") { Text = "Sent by the integration tests." };

        using (var smtp = fixture.Client<SmtpClient>())
        {
            await smtp.ConnectAsync("127.0.0.1", fixture.Platform.Ports.MxSmtp, SecureSocketOptions.StartTls);
            await smtp.SendAsync(message);
            await smtp.DisconnectAsync(true);
        }

        using var imap = fixture.Client<ImapClient>();
        await imap.ConnectAsync("127.0.0.1", fixture.Platform.Ports.Imaps, SecureSocketOptions.SslOnConnect);
        await imap.AuthenticateAsync(RunningPlatform.User, RunningPlatform.Password);
        MimeMessage? delivered = null;
        for (var deadline = DateTime.UtcNow.AddSeconds(60); delivered is null && DateTime.UtcNow < deadline; await Task.Delay(500))
        {
            await imap.Inbox.OpenAsync(FolderAccess.ReadOnly);
            var found = await imap.Inbox.SearchAsync(SearchQuery.SubjectContains(subject));
            if (found.Count > 0) delivered = await imap.Inbox.GetMessageAsync(found[0]);
            await imap.Inbox.CloseAsync();
        }
        Assert.True(delivered is not null,
            $"'{subject}' did not reach {RunningPlatform.Address}'s inbox in 60 s:\n{fixture.Platform.Logs(LoopbackPlatform.Mx)}\n{fixture.Platform.Logs(LoopbackPlatform.Store)}");

        // Postfix records each hop's TLS in its Received header (smtpd_tls_received_header = yes), newest first.
        var received = delivered!.Headers.Where(h => h.Id == HeaderId.Received).Select(h => h.Value).ToList();
        var intoStore = received.FirstOrDefault(r => r.Contains("by " + LoopbackPlatform.Store, StringComparison.Ordinal));
        var intoMx = received.FirstOrDefault(r => r.Contains("by " + LoopbackPlatform.Mx, StringComparison.Ordinal));
        Assert.True(intoMx is not null && intoStore is not null, "expected a Received header from the MX and the mailstore:\n" + string.Join("\n", received));
        Assert.Matches(@"using TLSv1\.[23] with cipher", intoMx!);
        Assert.Matches(@"using TLSv1\.[23] with cipher", intoStore!);
        Assert.Equal("Sent by the integration tests.", delivered.TextBody?.Trim());
    }
}
