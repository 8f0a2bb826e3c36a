using MailDsl.TestPlatform;
using MailKit.Net.Smtp;
using MailKit.Security;
using Xunit;

namespace MailDsl.Integration.Tests;

/// <summary>Postfix as emitted: the MX offers STARTTLS; submission takes no password before TLS and a real one after.</summary>
/// <remarks>Run once per target: <see cref="SmtpTestsOnDebian12"/>, <see cref="SmtpTestsOnDebian13"/>.</remarks>
public abstract class SmtpTests(PlatformFixture fixture)
{
    private LoopbackPorts Ports => fixture.Platform.Ports;

    [PlatformFact]
    public void Mx_offers_starttls()
    {
        using var wire = new Wire(Ports.MxSmtp);
        Assert.StartsWith("220 " + LoopbackPlatform.Mx, wire.Greeting, StringComparison.Ordinal);
        var ehlo = wire.Send("EHLO client.example");
        Assert.Contains("250-STARTTLS", ehlo, StringComparison.Ordinal);
        // The MX takes no passwords at all: AUTH is neither offered before TLS nor after.
        Assert.DoesNotContain("AUTH", ehlo, StringComparison.Ordinal);
        Assert.StartsWith("220", wire.Send("STARTTLS"), StringComparison.Ordinal);
    }

    [PlatformFact]
    public void Mx_starttls_upgrades_to_tls_1_2_or_later()
    {
        using var smtp = fixture.Client<SmtpClient>();
        smtp.Connect("127.0.0.1", Ports.MxSmtp, SecureSocketOptions.StartTls);
        Assert.True(smtp.IsSecure);
        Assert.True(smtp.SslProtocol >= System.Security.Authentication.SslProtocols.Tls12, $"negotiated {smtp.SslProtocol}");
        smtp.Disconnect(true);
    }

    [PlatformFact]
    public void Submission_refuses_auth_before_starttls()
    {
        using var wire = new Wire(Ports.Submission);
        var ehlo = wire.Send("EHLO client.example");
        Assert.Contains("250-STARTTLS", ehlo, StringComparison.Ordinal);
        Assert.DoesNotContain("AUTH", ehlo, StringComparison.Ordinal);
        var credentials = Convert.ToBase64String(System.Text.Encoding.ASCII.GetBytes($"\0{RunningPlatform.User}\0{RunningPlatform.Password}"));
        var auth = wire.Send("AUTH PLAIN " + credentials);
        Assert.True(auth.StartsWith("5", StringComparison.Ordinal), "AUTH before STARTTLS was not refused:\n" + wire.Transcript);
        // Nor will it take mail from an unauthenticated client.
        wire.Send("MAIL FROM:<" + RunningPlatform.Address + ">");
        var rcpt = wire.Send("RCPT TO:<someone@example.org>");
        Assert.True(rcpt.StartsWith("5", StringComparison.Ordinal), "submission took a recipient without TLS and login:\n" + wire.Transcript);
    }

    [PlatformFact]
    public void Submission_after_starttls_authenticates_the_user()
    {
        using var smtp = fixture.Client<SmtpClient>();
        smtp.Connect("127.0.0.1", Ports.Submission, SecureSocketOptions.StartTls);
        Assert.True(smtp.IsSecure);
        Assert.Contains("PLAIN", smtp.AuthenticationMechanisms);
        fixture.LogIn(smtp, LoopbackPlatform.Relay);
        Assert.True(smtp.IsAuthenticated);
    }

    [PlatformFact]
    public void Submission_after_starttls_refuses_a_wrong_password()
    {
        using var smtp = fixture.Client<SmtpClient>();
        smtp.Connect("127.0.0.1", Ports.Submission, SecureSocketOptions.StartTls);
        Assert.Throws<AuthenticationException>(() => smtp.Authenticate(RunningPlatform.User, "not-the-password"));
    }

    [PlatformFact]
    public void Submissions_is_tls_from_the_first_byte_and_authenticates()
    {
        using var smtp = fixture.Client<SmtpClient>();
        smtp.Connect("127.0.0.1", Ports.Submissions, SecureSocketOptions.SslOnConnect);
        Assert.True(smtp.IsSecure);
        fixture.LogIn(smtp, LoopbackPlatform.Relay);
        Assert.True(smtp.IsAuthenticated);
    }
}
