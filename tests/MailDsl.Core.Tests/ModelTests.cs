using MailDsl.Model;
using Xunit;

namespace MailDsl.Core.Tests;

public class ModelTests
{
    [Fact]
    public void Building_the_same_description_twice_gives_equal_models()
    {
        static PlatformModel Build() => Platform.Create("example.org")
            .Certificate("/etc/pki/tls/certs/mail.crt", "/etc/pki/tls/private/mail.key")
            .Mailstore(m => m.Hosts("store-01.example.org").Imaps().Pop3s())
            .Build();

        Assert.Equal(Build(), Build());
        Assert.NotEqual(Build(), Build() with { Domain = "example.net" });
    }

    [Fact]
    public void A_mailstore_without_imap_or_pop3_verbs_serves_imaps_and_pop3s()
    {
        var model = Platform.Create("example.org").Mailstore(m => m.Hosts("store-01.example.org")).Build();

        Assert.Equal(new[] { "smtp:25", "imaps:993", "pop3s:995" },
            model.Mailstore!.Listeners.Select(l => $"{l.Name}:{l.Port}"));
    }
}
