using MailDsl.Layers;
using MailDsl.TestPlatform.Directories;
using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;
using Xunit;

namespace MailDsl.Integration.Tests;

/// <summary>
/// Each host of a layer is a server of its own on the lab, with its own address: mail sent to either MX host, each dialled
/// at its own address, reaches the mailbox, and the mailstore's Postfix names each MX by that address (so a host's
/// clients are told apart by address, which is what the many-host tests stand on); each MX saw the test process's own
/// address as its client.
/// </summary>
/// <remarks>Run once per target: <see cref="HostAddressTestsOnDebian12"/>, <see cref="HostAddressTestsOnDebian13"/>.</remarks>
public abstract class HostAddressTests(PlatformFixture fixture)
{
    [PlatformFact]
    public async Task Mail_to_either_mx_host_reaches_the_mailbox_and_the_mailstore_names_each_by_its_own_address()
    {
        var lab = fixture.Platform;
        var mxs = lab.HostsOf(LayerDescriptors.SmtpIn);
        Assert.Equal(2, mxs.Count);
        var subjects = new Dictionary<string, string>();
        foreach (var mx in mxs)
        {
            var subject = $"MailDsl lab via {mx} {Guid.NewGuid():N}";
            subjects[mx] = subject;
            using var smtp = fixture.Client<SmtpClient>();
            // By its own address, as a sender resolving that host would reach it; the certificate is checked for its name.
            await smtp.ConnectAsync(fixture.AddressOf(mx).ToString(), fixture.Port(LayerDescriptors.SmtpIn, "smtp"), SecureSocketOptions.StartTls);
            var message = new MimeMessage();
            message.From.Add(MailboxAddress.Parse("sender@example.org"));
            message.To.Add(MailboxAddress.Parse(TestDirectory.Alice.Address));
            message.Subject = subject;
            message.Body = new TextPart("plain") { Text = "Sent by the lab platform test." };
            await smtp.SendAsync(message);
            await smtp.DisconnectAsync(true);
        }

        foreach (var (mx, subject) in subjects)
        {
            await fixture.DeliveredAsync(TestDirectory.Alice, subject, "INBOX", LayerDescriptors.SmtpIn, LayerDescriptors.Mailstore);
            // A mailstore's Postfix saw the MX come from the MX's own address, not a shared one.
            var logs = string.Join("\n", lab.HostsOf(LayerDescriptors.Mailstore).Select(s => lab.Host(s).Run("cat " + TestPlatform.IntegrationPlatform.PostfixLog).Output));
            Assert.Contains($"connect from {mx}[{fixture.AddressOf(mx)}]", logs);
            // And the MX's Postfix saw the test process (the lab's gateway) as its client.
            Assert.Contains($"[{lab.Network.Gateway}]", lab.Host(mx).Run("cat " + TestPlatform.IntegrationPlatform.PostfixLog).Output);
        }
    }
}
