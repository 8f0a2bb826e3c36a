extern alias gen;
using Basic.Reference.Assemblies;
using gen::MailDsl.Generators.Analysis;
using MailDsl.CodeFixes.Dns;
using MailDsl.CodeFixes.Listeners;
using MailDsl.CodeFixes.Tls;
using MailDsl.CodeFixes.Values;
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
        // The test platforms have a webmail layer without users or a database (MAIL5007): beside the point of a fix.
        test.DisabledDiagnostics.Add("MAIL5007");
        test.TestState.AdditionalReferences.AddRange(Net100.References.All);
        test.TestState.AdditionalReferences.Add(typeof(MailDsl.Platform).Assembly);
        test.TestState.AdditionalReferences.Add(typeof(MailDsl.Model.PlatformModel).Assembly);
        return test;
    }

    private const string Alias = "alias /usr/lib64/GNUstep/SOGo/$1.SOGo/Resources/$2;";

    [Fact]
    public async Task MAIL4002_the_guides_location_gets_its_tilde()
    {
        await Test<FixedValueFix>(
            $$""".Webmail(w => w.Hosts("web.example.org").NginxLocation({|MAIL4002:"^/SOGo/so/ControlPanel/Products/([^/]*)/Resources/(.*)$"|}, "{{Alias}}"))""",
            $$""".Webmail(w => w.Hosts("web.example.org").NginxLocation("~ ^/SOGo/so/ControlPanel/Products/([^/]*)/Resources/(.*)$", "{{Alias}}"))""",
            FixedValueFix.AddTildeKey).RunAsync();
    }

    [Fact]
    public async Task MAIL4002_fix_all_repairs_every_location()
    {
        await Test<FixedValueFix>(
            """.Webmail(w => w.Hosts("web.example.org").NginxLocation({|MAIL4002:"^/a/(.*)$"|}, "return 404;").NginxLocation({|MAIL4002:"^/b/(.*)$"|}, "return 404;"))""",
            """.Webmail(w => w.Hosts("web.example.org").NginxLocation("~ ^/a/(.*)$", "return 404;").NginxLocation("~ ^/b/(.*)$", "return 404;"))""",
            FixedValueFix.AddTildeKey).RunAsync();
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

    [Fact]
    public async Task MAIL1010_ssl3_leaves_the_protocol_list()
    {
        await Test<ObsoleteProtocolFix>(
            ".Protocols({|MAIL1010:TlsVersion.Ssl3|}, TlsVersion.Tls12, TlsVersion.Tls13)",
            ".Protocols(TlsVersion.Tls12, TlsVersion.Tls13)",
            ObsoleteProtocolFix.EquivalenceKey).RunAsync();
    }

    [Fact]
    public async Task MAIL1003_a_misspelled_exclusion_is_corrected()
    {
        await Test<FixedValueFix>(
            """.Ciphers("ECDHE+AESGCM:{|MAIL1003:!aNUL|}")""",
            """.Ciphers("ECDHE+AESGCM:!aNULL")""",
            FixedValueFix.CorrectNameKey).RunAsync();
    }

    [Fact]
    public async Task MAIL1001_broken_suites_are_excluded_with_the_rules_own_string()
    {
        // The corrected string is the rule's (FixedValue); the fixed source must then be clean.
        var model = MailDsl.Platform.Create("example.org").Certificate("/etc/pki/tls/certs/mail.crt", "/etc/pki/tls/private/mail.key")
            .Ciphers("ECDHE+AESGCM:aNULL").Build();
        var fixedValue = MailDsl.Rules.RuleSet.Check(model).Single(f => f.RuleId == "MAIL1001")
            .Properties.Single(p => p.Name == "FixedValue").Value;

        await Test<FixedValueFix>(
            """.Ciphers("ECDHE+AESGCM:{|MAIL1001:aNULL|}")""",
            $".Ciphers(\"{fixedValue}\")",
            FixedValueFix.ExcludeBrokenKey).RunAsync();
    }

    [Theory]
    [InlineData(".SmtpOut(s => s.Hosts(\"relay-01.example.org\").OutboundTls({|MAIL6010:TlsLevel.Encrypt|}).OutboundDane())", ".SmtpOut(s => s.Hosts(\"relay-01.example.org\").OutboundDane())")]
    [InlineData(".SmtpOut(s => s.Hosts(\"relay-01.example.org\")\n        .OutboundDane(\"::1\")\n        .OutboundTls(level: {|MAIL6010:TlsLevel.None|})\n        .Submission())",
        ".SmtpOut(s => s.Hosts(\"relay-01.example.org\")\n        .OutboundDane(\"::1\")\n        .Submission())")]
    public async Task MAIL6010_removes_the_OutboundTls_call_DANE_replaces(string chain, string fixedChain)
        => await Test<OutboundTlsUnderDaneFix>(chain, fixedChain, OutboundTlsUnderDaneFix.EquivalenceKey).RunAsync();
}
