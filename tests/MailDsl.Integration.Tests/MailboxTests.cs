using MailDsl.TestPlatform;
using MailKit;
using MailKit.Net.Imap;
using MailKit.Net.Pop3;
using MailKit.Security;
using Xunit;

namespace MailDsl.Integration.Tests;

/// <summary>Dovecot as emitted: IMAPS and POP3S log in; on IMAP with STARTTLS no password crosses before TLS.</summary>
/// <remarks>Run once per target: <see cref="MailboxTestsOnDebian12"/>, <see cref="MailboxTestsOnDebian13"/>.</remarks>
public abstract class MailboxTests(PlatformFixture fixture)
{
    private LoopbackPorts Ports => fixture.Platform.Ports;

    [PlatformFact]
    public void Imaps_logs_in_and_opens_the_inbox()
    {
        using var imap = fixture.Client<ImapClient>();
        imap.Connect("127.0.0.1", Ports.Imaps, SecureSocketOptions.SslOnConnect);
        fixture.LogIn(imap, LoopbackPlatform.Store);
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
        imap.Connect("127.0.0.1", Ports.Imaps, SecureSocketOptions.SslOnConnect);
        Assert.Throws<AuthenticationException>(() => imap.Authenticate(RunningPlatform.User, "not-the-password"));
    }

    [PlatformFact]
    public void Pop3s_logs_in()
    {
        using var pop = fixture.Client<Pop3Client>();
        pop.Connect("127.0.0.1", Ports.Pop3s, SecureSocketOptions.SslOnConnect);
        fixture.LogIn(pop, LoopbackPlatform.Store);
        Assert.True(pop.IsSecure);
        Assert.True(pop.Count >= 0);
        pop.Disconnect(true);
    }

    [PlatformFact]
    public void Imap_login_before_starttls_is_refused_by_the_server()
    {
        using var wire = new Wire(Ports.Imap);
        var capability = wire.Send("a CAPABILITY", "a");
        Assert.Contains("LOGINDISABLED", capability, StringComparison.Ordinal);
        Assert.Contains("STARTTLS", capability, StringComparison.Ordinal);
        var login = wire.Send($"b LOGIN {RunningPlatform.User} {RunningPlatform.Password}", "b");
        Assert.StartsWith("b NO", login.Split('\n').Last(l => l.Length > 0), StringComparison.Ordinal);
        var plain = wire.Send("c AUTHENTICATE PLAIN " + Convert.ToBase64String(System.Text.Encoding.ASCII.GetBytes($"\0{RunningPlatform.User}\0{RunningPlatform.Password}")), "c");
        Assert.StartsWith("c NO", plain.Split('\n').Last(l => l.Length > 0), StringComparison.Ordinal);
        Assert.DoesNotContain("Logged in", wire.Transcript, StringComparison.Ordinal);
    }

    [PlatformFact]
    public void Imap_after_starttls_logs_in()
    {
        using var imap = fixture.Client<ImapClient>();
        imap.Connect("127.0.0.1", Ports.Imap, SecureSocketOptions.StartTls);
        Assert.True(imap.IsSecure);
        fixture.LogIn(imap, LoopbackPlatform.Store);
        Assert.True(imap.IsAuthenticated);
    }
}
