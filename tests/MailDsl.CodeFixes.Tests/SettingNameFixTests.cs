extern alias gen;
using Basic.Reference.Assemblies;
using gen::MailDsl.Generators.Analysis;
using MailDsl.CodeFixes.Values;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Testing;
using Xunit;

namespace MailDsl.CodeFixes.Tests;

/// <summary>
/// The settings-catalogue diagnostics end to end: the real analyzer (with the catalogues embedded in the generator)
/// reports MAIL4010, MAIL4011 or MAIL4016 at the raw setting's name argument (Postfix, Dovecot, SOGo), and FixedValueFix writes the name the
/// target's daemon version knows; the fixed source has no diagnostic left.
/// </summary>
public class SettingNameFixTests
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

    private static Task Run(string chain, string fixedChain)
    {
        var test = new CSharpCodeFixTest<MailPlatformAnalyzer, FixedValueFix, DefaultVerifier>
        {
            TestCode = Platform(chain),
            FixedCode = Platform(fixedChain),
            CodeActionEquivalenceKey = FixedValueFix.SettingNameKey,
            ReferenceAssemblies = new ReferenceAssemblies("net10.0"),
        };
        test.TestState.AdditionalReferences.AddRange(Net100.References.All);
        test.TestState.AdditionalReferences.Add(typeof(MailDsl.Platform).Assembly);
        test.TestState.AdditionalReferences.Add(typeof(MailDsl.Model.PlatformModel).Assembly);
        return test.RunAsync();
    }

    [Fact]
    public Task MAIL4011_a_Postfix_compatibility_name_becomes_the_new_name()
        => Run(
            """.Target(Distro.Debian12).SmtpIn(s => s.Hosts("mx.example.org").PostfixSetting({|MAIL4011:"smtpd_per_record_deadline"|}, "yes"))""",
            """.Target(Distro.Debian12).SmtpIn(s => s.Hosts("mx.example.org").PostfixSetting("smtpd_per_request_deadline", "yes"))""");

    [Fact]
    public Task MAIL4016_ssl_cert_on_Dovecot_2_4_becomes_ssl_server_cert_file()
        => Run(
            """.Target(Distro.Debian13).Mailstore(m => m.Hosts("store.example.org").DovecotSetting({|MAIL4016:"ssl_cert"|}, "/etc/ssl/mail.crt"))""",
            """.Target(Distro.Debian13).Mailstore(m => m.Hosts("store.example.org").DovecotSetting("ssl_server_cert_file", "/etc/ssl/mail.crt"))""");

    [Fact]
    public Task MAIL4016_follows_the_platforms_version_override()
        => Run(
            """.Target(Distro.Debian12, t => t.WithDovecot("2.4.1")).Mailstore(m => m.Hosts("store.example.org").DovecotSetting({|MAIL4016:"ssl_key"|}, "/etc/ssl/mail.key"))""",
            """.Target(Distro.Debian12, t => t.WithDovecot("2.4.1")).Mailstore(m => m.Hosts("store.example.org").DovecotSetting("ssl_server_key_file", "/etc/ssl/mail.key"))""");

    [Fact]
    public Task MAIL4010_a_misspelled_parameter_gets_the_nearest_name()
        => Run(
            """.Target(Distro.Debian12).SmtpIn(s => s.Hosts("mx.example.org").PostfixSetting({|MAIL4010:"smtpd_starttls_timeot"|}, "300s"))""",
            """.Target(Distro.Debian12).SmtpIn(s => s.Hosts("mx.example.org").PostfixSetting("smtpd_starttls_timeout", "300s"))""");

    [Fact]
    public Task MAIL4010_a_sogo_setting_the_upgrade_notes_replaced_becomes_its_replacement()
        // MAIL5007 (no user source, no database) stays: this webmail layer is cut down to the setting.
        => Run(
            """.Target(Distro.Debian13).{|MAIL5007:Webmail|}(w => w.Hosts("web.example.org").Imap("imaps://imap.example.org:993").Smtp("smtp://smtp.example.org:587/?tls=YES").SogoSetting({|MAIL4010:"SOGoMailMessageCheck"|}, "every_minute"))""",
            """.Target(Distro.Debian13).{|MAIL5007:Webmail|}(w => w.Hosts("web.example.org").Imap("imaps://imap.example.org:993").Smtp("smtp://smtp.example.org:587/?tls=YES").SogoSetting("SOGoRefreshViewCheck", "every_minute"))""");
}
