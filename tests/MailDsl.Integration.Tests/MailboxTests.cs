using System.Net;
using MailDsl.Layers;
using MailKit;
using MailKit.Net.Imap;
using MailKit.Net.Pop3;
using MailKit.Security;
using Xunit;

namespace MailDsl.Integration.Tests;

/// <summary>Dovecot as emitted, through the mailstore's VIP: IMAPS and POP3S log in; on IMAP with STARTTLS no password crosses before TLS.</summary>
/// <remarks>Run once per target: <see cref="MailboxTestsOnDebian12"/>, <see cref="MailboxTestsOnDebian13"/>.</remarks>
public abstract class MailboxTests(PlatformFixture fixture)
{
    private static LayerDescriptor Store => LayerDescriptors.Mailstore;

    private string Vip => fixture.Vip(Store).ToString();

    private int Port(string listener) => fixture.Port(Store, listener);

    [PlatformFact]
    public void Imaps_logs_in_and_opens_the_inbox()
    {
        using var imap = fixture.Client<ImapClient>();
        imap.Connect(Vip, Port("imaps"), SecureSocketOptions.SslOnConnect);
        fixture.LogIn(imap, Store);
        Assert.True(imap.IsSecure);
        Assert.True(imap.SslProtocol >= System.Security.Authentication.SslProtocols.Tls12, $"IMAPS negotiated {imap.SslProtocol}");
        var inbox = imap.Inbox;
        inbox.Open(FolderAccess.ReadOnly);
        Assert.True(inbox.IsOpen);
        imap.Disconnect(true);
    }

    [PlatformFact]
    public void Imaps_refuses_a_wrong_password()
    {
        using var imap = fixture.Client<ImapClient>();
        imap.Connect(Vip, Port("imaps"), SecureSocketOptions.SslOnConnect);
        Assert.Throws<AuthenticationException>(() => imap.Authenticate(PlatformFixture.User, "not-the-password"));
    }

    [PlatformFact]
    public void Pop3s_logs_in()
    {
        using var pop = fixture.Client<Pop3Client>();
        pop.Connect(Vip, Port("pop3s"), SecureSocketOptions.SslOnConnect);
        fixture.LogIn(pop, Store);
        Assert.True(pop.IsSecure);
        Assert.True(pop.Count >= 0);
        pop.Disconnect(true);
    }

    [PlatformFact]
    public void Imap_login_before_starttls_is_refused_by_the_server()
    {
        using var wire = new Wire(IPAddress.Parse(Vip), Port("imap"));
        var capability = wire.Send("a CAPABILITY", "a");
        Assert.Contains("LOGINDISABLED", capability, StringComparison.Ordinal);
        Assert.Contains("STARTTLS", capability, StringComparison.Ordinal);
        var login = wire.Send($"b LOGIN {PlatformFixture.User} {PlatformFixture.Password}", "b");
        Assert.StartsWith("b NO", login.Split('\n').Last(l => l.Length > 0), StringComparison.Ordinal);
        var plain = wire.Send("c AUTHENTICATE PLAIN " + Convert.ToBase64String(System.Text.Encoding.ASCII.GetBytes($"\0{PlatformFixture.User}\0{PlatformFixture.Password}")), "c");
        Assert.StartsWith("c NO", plain.Split('\n').Last(l => l.Length > 0), StringComparison.Ordinal);
        Assert.DoesNotContain("Logged in", wire.Transcript, StringComparison.Ordinal);
    }

    [PlatformFact]
    public void Imap_after_starttls_logs_in()
    {
        using var imap = fixture.Client<ImapClient>();
        imap.Connect(Vip, Port("imap"), SecureSocketOptions.StartTls);
        Assert.True(imap.IsSecure);
        fixture.LogIn(imap, Store);
        Assert.True(imap.IsAuthenticated);
    }
}
