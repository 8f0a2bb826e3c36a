using Microsoft.CodeAnalysis;
using Xunit;

namespace MailDsl.Generators.Tests;

/// <summary>
/// examples/SeedAsWritten is the guide's platform as literally written. The compiler must refuse it, pointing at
/// each of the guide's mistakes: this is the product's demo, shown in the README.
/// </summary>
public sealed class SeedAsWrittenTests
{
    private static readonly string Source = Harness.Source("SeedAsWritten.cs");

    private static async Task<IReadOnlyList<Diagnostic>> Diagnostics()
        => await Harness.DiagnosticsAsync(Harness.Compile(Source));

    private static string TextAt(Diagnostic d) => d.Location.SourceTree!.GetText().ToString(d.Location.SourceSpan);

    [Fact]
    public async Task It_fails_with_at_least_three_distinct_MAIL_diagnostics_and_an_error()
    {
        var diagnostics = await Diagnostics();
        Assert.True(diagnostics.Select(d => d.Id).Distinct().Count() >= 3, string.Join("\n", diagnostics));
        Assert.Contains(diagnostics, d => d.Severity == DiagnosticSeverity.Error);
    }

    [Fact]
    public async Task The_imap_nopass_listener_on_144_is_refused_at_its_allowPlaintextAuth()
    {
        var d = Assert.Single(await Diagnostics(), d => d.Id == "MAIL2001");
        Assert.Equal("true", TextAt(d));
        Assert.Equal(DiagnosticSeverity.Error, d.Severity);
        Assert.Contains("imap-nopass", d.GetMessage());
    }

    [Fact]
    public async Task The_doubled_tls_disable_workarounds_is_reported_at_the_second_one()
    {
        var d = Assert.Single(await Diagnostics(), d => d.Id == "MAIL4001");
        Assert.Equal(Source.LastIndexOf("\"tls_disable_workarounds\"", StringComparison.Ordinal), d.Location.SourceSpan.Start);
    }

    [Fact]
    public async Task The_nginx_location_meant_as_a_regex_is_reported_at_its_match()
    {
        var d = Assert.Single(await Diagnostics(), d => d.Id == "MAIL4002");
        Assert.Equal("\"^/SOGo/so/ControlPanel/Products/([^/]*)/Resources/(.*)$\"", TextAt(d));
    }

    [Fact]
    public async Task The_mandatory_cipher_settings_under_may_are_reported_at_their_names()
    {
        var found = (await Diagnostics()).Where(d => d.Id == "MAIL4013").Select(TextAt).OrderBy(s => s, StringComparer.Ordinal);
        Assert.Equal(new[] { "\"smtpd_tls_mandatory_ciphers\"", "\"smtpd_tls_mandatory_exclude_ciphers\"" }, found);
    }

    [Fact]
    public async Task Dovecot_ssl_yes_is_reported_as_weakening_TLS()
    {
        var d = Assert.Single(await Diagnostics(), d => d.Id == "MAIL4003");
        Assert.Equal("\"yes\"", TextAt(d));
    }

    [Fact]
    public async Task The_guides_Dovecot_cipher_string_is_reported_at_ALL_and_at_the_names_OpenSSL_3_ignores()
    {
        var diagnostics = await Diagnostics();
        var all = Assert.Single(diagnostics, d => d.Id == "MAIL1002" && TextAt(d) == "ALL");
        Assert.Contains("mailstore", all.GetMessage());
        Assert.Contains(diagnostics, d => d.Id == "MAIL1003" && TextAt(d) == "!SSLv2");
        Assert.Contains(diagnostics, d => d.Id == "MAIL1003" && TextAt(d) == "!EXP");
    }

    [Fact]
    public async Task The_guides_nginx_cipher_string_is_reported_at_HIGH()
    {
        var d = Assert.Single(await Diagnostics(), d => d.Id == "MAIL1002" && d.GetMessage().Contains("webmail"));
        Assert.Equal("HIGH", TextAt(d));
    }

    [Fact]
    public async Task TLS_1_0_and_1_1_on_the_MX_are_reported_at_each_version()
    {
        var deprecated = (await Diagnostics()).Where(d => d.Id == "MAIL1011").Select(TextAt).ToList();
        Assert.Equal(new[] { "TlsVersion.Tls10", "TlsVersion.Tls11" }, deprecated);
    }
}
