extern alias gen;
using Basic.Reference.Assemblies;
using gen::MailDsl.Generators.Analysis;
using MailDsl.CodeFixes.Listeners;
using MailDsl.CodeFixes.Nginx;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Testing;
using Xunit;

namespace MailDsl.CodeFixes.Tests;

/// <summary>
/// The fixes end to end: the real analyzer reports the diagnostic on DSL source, the fix is applied (also as
/// Fix All), and the fixed source has no diagnostic left.
/// </summary>
public class AnalyzerFixTests
{
    private static string Platform(string chain) => $$"""
        using MailDsl;
        using MailDsl.Model;

        [MailPlatform]
        public static partial class TestPlatform
        {
            static Platform Describe() => Platform.Create("example.org")
                .Certificate("/etc/pki/tls/certs/mail.crt", "/etc/pki/tls/private/mail.key")
                {{chain}};
        }
        """;

    private static CSharpCodeFixTest<MailPlatformAnalyzer, TFix, DefaultVerifier> Test<TFix>(string chain, string fixedChain, string equivalenceKey)
        where TFix : CodeFixProvider, new()
    {
        var test = new CSharpCodeFixTest<MailPlatformAnalyzer, TFix, DefaultVerifier>
        {
            TestCode = Platform(chain),
            FixedCode = Platform(fixedChain),
            CodeActionEquivalenceKey = equivalenceKey,
            // The .NET 10 reference assemblies come from Basic.Reference.Assemblies; nothing is downloaded.
            ReferenceAssemblies = new ReferenceAssemblies("net10.0"),
        };
        test.TestState.AdditionalReferences.AddRange(Net100.References.All);
        test.TestState.AdditionalReferences.Add(typeof(MailDsl.Platform).Assembly);
        test.TestState.AdditionalReferences.Add(typeof(MailDsl.Model.PlatformModel).Assembly);
        return test;
    }

    private const string Alias = "alias /usr/lib64/GNUstep/SOGo/$1.SOGo/Resources/$2;";

    [Fact]
    public async Task MAIL4002_the_guides_location_gets_its_tilde()
    {
        await Test<NginxLocationRegexFix>(
            $$""".Webmail(w => w.Hosts("web.example.org").NginxLocation({|MAIL4002:"^/SOGo/so/ControlPanel/Products/([^/]*)/Resources/(.*)$"|}, "{{Alias}}"))""",
            $$""".Webmail(w => w.Hosts("web.example.org").NginxLocation("~ ^/SOGo/so/ControlPanel/Products/([^/]*)/Resources/(.*)$", "{{Alias}}"))""",
            NginxLocationRegexFix.EquivalenceKey).RunAsync();
    }

    [Fact]
    public async Task MAIL4002_fix_all_repairs_every_location()
    {
        await Test<NginxLocationRegexFix>(
            """.Webmail(w => w.Hosts("web.example.org").NginxLocation({|MAIL4002:"^/a/(.*)$"|}, "return 404;").NginxLocation({|MAIL4002:"^/b/(.*)$"|}, "return 404;"))""",
            """.Webmail(w => w.Hosts("web.example.org").NginxLocation("~ ^/a/(.*)$", "return 404;").NginxLocation("~ ^/b/(.*)$", "return 404;"))""",
            NginxLocationRegexFix.EquivalenceKey).RunAsync();
    }

    [Fact]
    public async Task MAIL2001_imap_nopass_stops_taking_plaintext_logins()
    {
        await Test<PlaintextAuthFix>(
            """.Mailstore(m => m.Hosts("store.example.org").Imaps(993).Listener("imap-nopass", ServiceProtocol.Imap, 144, ListenerSecurity.Plain, {|MAIL2001:true|}))""",
            """.Mailstore(m => m.Hosts("store.example.org").Imaps(993).Listener("imap-nopass", ServiceProtocol.Imap, 144, ListenerSecurity.Plain, false))""",
            PlaintextAuthFix.RefuseLoginsKey).RunAsync();
    }

    [Fact]
    public async Task MAIL2001_imap_nopass_moves_to_implicit_tls()
    {
        await Test<PlaintextAuthFix>(
            """.Mailstore(m => m.Hosts("store.example.org").Imaps(993).Listener("imap-nopass", ServiceProtocol.Imap, 144, ListenerSecurity.Plain, allowPlaintextAuth: {|MAIL2001:true|}))""",
            """.Mailstore(m => m.Hosts("store.example.org").Imaps(993).Listener("imap-nopass", ServiceProtocol.Imap, 144, ListenerSecurity.ImplicitTls, allowPlaintextAuth: true))""",
            PlaintextAuthFix.ImplicitTlsKey).RunAsync();
    }
}
