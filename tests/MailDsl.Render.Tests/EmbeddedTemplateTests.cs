using MailDsl.Model;
using MailDsl.Text;
using Xunit;

namespace MailDsl.Render.Tests;

/// <summary>
/// Daemons' settings files kept as embedded text with <c>${NAME}</c> where a value varies (Text/EmbeddedText.Fill): a
/// placeholder the renderer does not fill, or a value with no placeholder, is refused, so a template and its renderer cannot
/// drift apart; no placeholder is left in what a relay with DANE and MTA-STS is given. What the daemons make of the files is
/// the Deploy tests' (unbound-checkconf and mta-sts-daemon's own loader in install.sh, on both targets).
/// </summary>
public sealed class EmbeddedTemplateTests
{
    private const string Unbound = "MailDsl.Daemons.Unbound/maildsl.conf";

    [Fact]
    public void A_template_is_filled_only_when_its_placeholders_and_the_values_match_both_ways()
    {
        (string, string)[] all = { ("HOST", "relay-01.example.org"), ("ADDRESS", "::1"), ("DO_IP6", "yes"), ("LOOPBACK_NET", "::1/128"), ("ROOT_KEY", "/var/lib/unbound/root.key") };

        var text = EmbeddedText.Fill(Unbound, all);
        Assert.Contains("\n    interface: ::1\n", text);
        Assert.DoesNotContain("${", text);

        var missing = Assert.Throws<InvalidOperationException>(() => EmbeddedText.Fill(Unbound, all.Where(v => v.Item1 != "ADDRESS").ToArray()));
        Assert.Contains("${ADDRESS}", missing.Message);
        var unused = Assert.Throws<InvalidOperationException>(() => EmbeddedText.Fill(Unbound, all.Append(("PORT", "53")).ToArray()));
        Assert.Contains("${PORT}", unused.Message);
    }

    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("::1")]
    public void A_relay_verifying_with_DANE_and_MTA_STS_gets_no_placeholder(string resolver)
    {
        var model = Platform.Create("example.org").Target(Distro.Debian12).Certificate("/etc/ssl/all.crt", "/etc/ssl/all.key")
            .SmtpOut(s => s.Hosts("relay-01.example.org").OutboundDane(resolver).OutboundMtaSts(18461)).Build();
        var files = MailDsl.Render.PlatformRenderer.Render(model);

        var unbound = Assert.Single(files, f => f.Path == Daemons.Unbound.UnboundModule.ConfPath);
        Assert.Contains("\n    interface: " + resolver + "\n", unbound.Content);
        var resolverConf = Assert.Single(files, f => f.Path == Daemons.MtaSts.MtaStsResolverModule.ConfPath);
        Assert.Contains("\nport: 18461\n", resolverConf.Content);
        Assert.DoesNotContain("${", unbound.Content);
        Assert.DoesNotContain("${", resolverConf.Content);
    }
}
