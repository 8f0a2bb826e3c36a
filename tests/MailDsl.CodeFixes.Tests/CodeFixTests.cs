using MailDsl.CodeFixes.Listeners;
using MailDsl.CodeFixes.Values;
using MailDsl.CodeFixes.Tls;
using MailDsl.Model;
using MailDsl.Rules;
using Xunit;

namespace MailDsl.CodeFixes.Tests;

/// <summary>
/// Each fix applied to a platform description, with the diagnostic's properties taken from the rule's own
/// finding on the same description built at run time, so rule and fix are held to each other.
/// </summary>
public class CodeFixTests
{
    private static string Source(string chain) => $$"""
        using MailDsl;
        using MailDsl.Model;

        public static class Corp
        {
            public static Platform Describe() => Platform.Create("example.org")
                .Certificate("/etc/pki/tls/certs/mail.crt", "/etc/pki/tls/private/mail.key")
                {{chain}};
        }
        """;

    private static (string, string)[] PropertiesOf(PlatformModel model, string ruleId)
        => RuleSet.Check(model).Single(f => f.RuleId == ruleId).Properties.Select(p => (p.Name, p.Value)).ToArray();

    private static PlatformModel Built(Func<Platform, Platform> chain)
        => chain(Platform.Create("example.org").Certificate("/etc/pki/tls/certs/mail.crt", "/etc/pki/tls/private/mail.key")).Build();

    private const string GuideMatch = "^/SOGo/so/ControlPanel/Products/([^/]*)/Resources/(.*)$";

    [Theory]
    [InlineData("\"" + GuideMatch + "\"", "\"~ " + GuideMatch + "\"")]
    [InlineData("@\"" + GuideMatch + "\"", "@\"~ " + GuideMatch + "\"")]
    public async Task MAIL4002_puts_a_tilde_in_front_of_the_nginx_match(string literal, string expected)
    {
        var properties = PropertiesOf(Built(p => p.Webmail(w => w.Hosts("web-01.example.org")
            .NginxLocation(GuideMatch, "alias /usr/lib64/GNUstep/SOGo/$1.SOGo/Resources/$2;"))), "MAIL4002");

        var fixedSource = await FixRunner.Apply(new FixedValueFix(),
            Source($".Webmail(w => w.Hosts(\"web-01.example.org\").NginxLocation([|{literal}|], \"alias /usr/lib64/GNUstep/SOGo/$1.SOGo/Resources/$2;\"))"),
            "MAIL4002", FixedValueFix.AddTildeKey, properties);

        Assert.Equal(Source($".Webmail(w => w.Hosts(\"web-01.example.org\").NginxLocation({expected}, \"alias /usr/lib64/GNUstep/SOGo/$1.SOGo/Resources/$2;\"))"), fixedSource);
    }

    [Fact]
    public async Task MAIL4002_offers_nothing_where_the_match_is_not_a_literal_at_the_call()
    {
        var properties = PropertiesOf(Built(p => p.Webmail(w => w.Hosts("web-01.example.org").NginxLocation("^/x", "return 404;"))), "MAIL4002");

        var actions = await FixRunner.Actions(new FixedValueFix(),
            Source(".Webmail(w => w.Hosts(\"web-01.example.org\").NginxLocation([|Match|], \"return 404;\"))").Replace("public static Platform", "const string Match = \"^/x\";\n    public static Platform"),
            "MAIL4002", properties);

        Assert.Empty(actions);
    }

    [Theory]
    [InlineData(".Protocols([|TlsVersion.Ssl3|], TlsVersion.Tls12, TlsVersion.Tls13)", ".Protocols(TlsVersion.Tls12, TlsVersion.Tls13)")]
    [InlineData(".Protocols(TlsVersion.Tls12, TlsVersion.Tls13, [|TlsVersion.Ssl2|])", ".Protocols(TlsVersion.Tls12, TlsVersion.Tls13)")]
    [InlineData(".Mailstore(m => m.Hosts(\"store-01.example.org\").Protocols(TlsVersion.Tls12, [|MailDsl.Model.TlsVersion.Ssl3|], TlsVersion.Tls13))",
        ".Mailstore(m => m.Hosts(\"store-01.example.org\").Protocols(TlsVersion.Tls12, TlsVersion.Tls13))")]
    public async Task MAIL1010_removes_the_obsolete_protocol_argument(string chain, string expected)
    {
        var fixedSource = await FixRunner.Apply(new ObsoleteProtocolFix(), Source(chain), "MAIL1010", ObsoleteProtocolFix.EquivalenceKey);

        Assert.Equal(Source(expected), fixedSource);
    }

    [Fact]
    public async Task MAIL1010_leaves_a_cipher_string_alone()
    {
        var actions = await FixRunner.Actions(new ObsoleteProtocolFix(), Source(".Ciphers([|\"ALL:SSLv3\"|])"), "MAIL1010");

        Assert.Empty(actions);
    }

    public static TheoryData<string, string, string> PlaintextCases() => new()
    {
        // written positionally, by name, and fully qualified
        {
            ".Mailstore(m => m.Hosts(\"store-01.example.org\").Listener(\"imap-nopass\", ServiceProtocol.Imap, 144, ListenerSecurity.Plain, [|true|]))",
            ".Mailstore(m => m.Hosts(\"store-01.example.org\").Listener(\"imap-nopass\", ServiceProtocol.Imap, 144, ListenerSecurity.Plain, false))",
            ".Mailstore(m => m.Hosts(\"store-01.example.org\").Listener(\"imap-nopass\", ServiceProtocol.Imap, 144, ListenerSecurity.ImplicitTls, true))"
        },
        {
            ".Mailstore(m => m.Hosts(\"store-01.example.org\").Listener(\"imap-nopass\", ServiceProtocol.Imap, 144, security: ListenerSecurity.Plain, [|allowPlaintextAuth: true|]))",
            ".Mailstore(m => m.Hosts(\"store-01.example.org\").Listener(\"imap-nopass\", ServiceProtocol.Imap, 144, security: ListenerSecurity.Plain, allowPlaintextAuth: false))",
            ".Mailstore(m => m.Hosts(\"store-01.example.org\").Listener(\"imap-nopass\", ServiceProtocol.Imap, 144, security: ListenerSecurity.ImplicitTls, allowPlaintextAuth: true))"
        },
        {
            ".Mailstore(m => m.Hosts(\"store-01.example.org\").Listener(\"imap-nopass\", ServiceProtocol.Imap, 144, MailDsl.Model.ListenerSecurity.Plain, allowPlaintextAuth: [|true|]))",
            ".Mailstore(m => m.Hosts(\"store-01.example.org\").Listener(\"imap-nopass\", ServiceProtocol.Imap, 144, MailDsl.Model.ListenerSecurity.Plain, allowPlaintextAuth: false))",
            ".Mailstore(m => m.Hosts(\"store-01.example.org\").Listener(\"imap-nopass\", ServiceProtocol.Imap, 144, MailDsl.Model.ListenerSecurity.ImplicitTls, allowPlaintextAuth: true))"
        },
    };

    [Theory]
    [MemberData(nameof(PlaintextCases))]
    public async Task MAIL2001_refuses_plaintext_logins_or_switches_to_implicit_tls(string chain, string refused, string implicitTls)
    {
        var properties = PropertiesOf(Built(p => p.Mailstore(m => m.Hosts("store-01.example.org")
            .Listener("imap-nopass", ServiceProtocol.Imap, 144, ListenerSecurity.Plain, allowPlaintextAuth: true))), "MAIL2001");

        var offered = await FixRunner.Actions(new PlaintextAuthFix(), Source(chain), "MAIL2001", properties);
        Assert.Equal(new[] { PlaintextAuthFix.RefuseLoginsKey, PlaintextAuthFix.ImplicitTlsKey }, offered.Select(a => a.EquivalenceKey));

        Assert.Equal(Source(refused), await FixRunner.Apply(new PlaintextAuthFix(), Source(chain), "MAIL2001", PlaintextAuthFix.RefuseLoginsKey, properties));
        Assert.Equal(Source(implicitTls), await FixRunner.Apply(new PlaintextAuthFix(), Source(chain), "MAIL2001", PlaintextAuthFix.ImplicitTlsKey, properties));
    }
}
