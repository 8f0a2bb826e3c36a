using MailDsl.Layers;
using MailDsl.TestPlatform.Directories;
using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;
using Xunit;

namespace MailDsl.Integration.Tests;

/// <summary>The whole flow: a message to the MX's VIP over STARTTLS, relayed to the mailstore over STARTTLS, read over IMAPS.</summary>
/// <remarks>Run once per target: <see cref="MailFlowTestsOnDebian12"/>, <see cref="MailFlowTestsOnDebian13"/>.</remarks>
public abstract class MailFlowTests(PlatformFixture fixture)
{
    [PlatformFact]
    public async Task A_message_to_the_mx_reaches_the_mailbox_encrypted_at_every_hop()
    {
        var subject = "MailDsl flow via the MX " + Guid.NewGuid().ToString("N");
        using (var smtp = fixture.Client<SmtpClient>())
        {
            await smtp.ConnectAsync(fixture.Vip(LayerDescriptors.SmtpIn).ToString(), fixture.Port(LayerDescriptors.SmtpIn, "smtp"), SecureSocketOptions.StartTls);
            await smtp.SendAsync(Message("sender@example.org", subject));
            await smtp.DisconnectAsync(true);
        }
        var delivered = await Delivered(subject, LayerDescriptors.SmtpIn, LayerDescriptors.Mailstore);
        AssertEncryptedHops(delivered, LayerDescriptors.SmtpIn, LayerDescriptors.Mailstore);
    }

    /// <summary>What SOGo does when a user sends: submission to the relay, which keeps the platform's own mail inside.</summary>
    [PlatformFact]
    public async Task A_message_submitted_to_the_relay_reaches_the_mailbox_through_the_mx_encrypted_at_every_hop()
    {
        var subject = "MailDsl flow via submission " + Guid.NewGuid().ToString("N");
        using (var smtp = fixture.Client<SmtpClient>())
        {
            await smtp.ConnectAsync(fixture.Vip(LayerDescriptors.SmtpOut).ToString(), fixture.Port(LayerDescriptors.SmtpOut, "submission"), SecureSocketOptions.StartTls);
            fixture.LogIn(smtp, LayerDescriptors.SmtpOut);
            await smtp.SendAsync(Message(PlatformFixture.Address, subject));
            await smtp.DisconnectAsync(true);
        }
        var delivered = await Delivered(subject, LayerDescriptors.SmtpOut, LayerDescriptors.SmtpIn, LayerDescriptors.Mailstore);
        AssertEncryptedHops(delivered, LayerDescriptors.SmtpOut, LayerDescriptors.SmtpIn, LayerDescriptors.Mailstore);
        // The relay recorded who logged in (smtpd_sasl_authenticated_header is off: no name, but ESMTPSA).
        Assert.Contains(Received(delivered), r => By(r, LayerDescriptors.SmtpOut) && r.Contains("ESMTPSA", StringComparison.Ordinal));
    }

    private static MimeMessage Message(string from, string subject)
    {
        var message = new MimeMessage();
        message.From.Add(MailboxAddress.Parse(from));
        message.To.Add(MailboxAddress.Parse(PlatformFixture.Address));
        message.Subject = subject;
        message.Body = new TextPart("plain") { Text = "Sent by the integration tests." };
        return message;
    }

    // The message as it reached the user's inbox over IMAPS, its body as sent.
    private async Task<MimeMessage> Delivered(string subject, params LayerDescriptor[] hops)
    {
        var message = await fixture.DeliveredAsync(TestDirectory.Alice, subject, "INBOX", hops);
        Assert.Equal("Sent by the integration tests.", message.TextBody?.Trim());
        return message;
    }

    // Postfix records each hop's TLS in its Received header (smtpd_tls_received_header = yes): one per layer, by one of its hosts.
    private void AssertEncryptedHops(MimeMessage delivered, params LayerDescriptor[] hops)
    {
        var received = Received(delivered);
        foreach (var hop in hops)
        {
            var header = received.FirstOrDefault(r => By(r, hop));
            Assert.True(header is not null, $"no Received header from a {hop.DisplayName} host:\n{string.Join("\n", received)}");
            Assert.Matches(@"using TLSv1\.[23] with cipher", header!);
        }
    }

    // Whether a Received header was written by one of the layer's hosts.
    private bool By(string received, LayerDescriptor layer)
        => fixture.Platform.HostsOf(layer).Any(h => received.Contains("by " + h, StringComparison.Ordinal));

    private static List<string> Received(MimeMessage message)
        => message.Headers.Where(h => h.Id == HeaderId.Received).Select(h => h.Value).ToList();
}
