using MailDsl.Layers;
using MailKit.Net.Smtp;
using MailKit.Security;
using Xunit;

namespace MailDsl.Integration.Tests;

/// <summary>Postfix as emitted, through the VIPs: the MX offers STARTTLS; submission takes no password before TLS and a real one after.</summary>
/// <remarks>Run once per target: <see cref="SmtpTestsOnDebian12"/>, <see cref="SmtpTestsOnDebian13"/>.</remarks>
public abstract class SmtpTests(PlatformFixture fixture)
{
    private System.Net.IPAddress Mx => fixture.Vip(LayerDescriptors.SmtpIn);

    private int MxSmtp => fixture.Port(LayerDescriptors.SmtpIn, "smtp");

    private System.Net.IPAddress Relay => fixture.Vip(LayerDescriptors.SmtpOut);

    private int Submission => fixture.Port(LayerDescriptors.SmtpOut, "submission");

    [PlatformFact]
    public void Mx_offers_starttls()
    {
        using var wire = new Wire(Mx, MxSmtp);
        // The greeting (its last line, where a multi-line one ends) names the MX host that took the connection.
        var greeting = wire.Greeting.TrimEnd().Split('\n').Last().TrimEnd('\r');
        Assert.Contains(fixture.Platform.HostsOf(LayerDescriptors.SmtpIn), mx => greeting.StartsWith("220 " + mx, StringComparison.Ordinal));
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
        smtp.Connect(Mx.ToString(), MxSmtp, SecureSocketOptions.StartTls);
        Assert.True(smtp.IsSecure);
        Assert.True(smtp.SslProtocol >= System.Security.Authentication.SslProtocols.Tls12, $"negotiated {smtp.SslProtocol}");
        smtp.Disconnect(true);
    }

    [PlatformFact]
    public void Submission_refuses_auth_before_starttls()
    {
        using var wire = new Wire(Relay, Submission);
        var ehlo = wire.Send("EHLO client.example");
        Assert.Contains("250-STARTTLS", ehlo, StringComparison.Ordinal);
        Assert.DoesNotContain("AUTH", ehlo, StringComparison.Ordinal);
        var credentials = Convert.ToBase64String(System.Text.Encoding.ASCII.GetBytes($"\0{PlatformFixture.User}\0{PlatformFixture.Password}"));
        var auth = wire.Send("AUTH PLAIN " + credentials);
        Assert.True(auth.StartsWith("5", StringComparison.Ordinal), "AUTH before STARTTLS was not refused:\n" + wire.Transcript);
        // Nor will it take mail from an unauthenticated client.
        wire.Send("MAIL FROM:<" + PlatformFixture.Address + ">");
        var rcpt = wire.Send("RCPT TO:<someone@example.org>");
        Assert.True(rcpt.StartsWith("5", StringComparison.Ordinal), "submission took a recipient without TLS and login:\n" + wire.Transcript);
    }

    [PlatformFact]
    public void Submission_after_starttls_authenticates_the_user()
    {
        using var smtp = fixture.Client<SmtpClient>();
        smtp.Connect(Relay.ToString(), Submission, SecureSocketOptions.StartTls);
        Assert.True(smtp.IsSecure);
        Assert.Contains("PLAIN", smtp.AuthenticationMechanisms);
        fixture.LogIn(smtp, LayerDescriptors.SmtpOut);
        Assert.True(smtp.IsAuthenticated);
    }

    [PlatformFact]
    public void Submission_after_starttls_refuses_a_wrong_password()
    {
        using var smtp = fixture.Client<SmtpClient>();
        smtp.Connect(Relay.ToString(), Submission, SecureSocketOptions.StartTls);
        Assert.Throws<AuthenticationException>(() => smtp.Authenticate(PlatformFixture.User, "not-the-password"));
    }

    [PlatformFact]
    public void Submissions_is_tls_from_the_first_byte_and_authenticates()
    {
        using var smtp = fixture.Client<SmtpClient>();
        smtp.Connect(Relay.ToString(), fixture.Port(LayerDescriptors.SmtpOut, "submissions"), SecureSocketOptions.SslOnConnect);
        Assert.True(smtp.IsSecure);
        fixture.LogIn(smtp, LayerDescriptors.SmtpOut);
        Assert.True(smtp.IsAuthenticated);
    }
}
