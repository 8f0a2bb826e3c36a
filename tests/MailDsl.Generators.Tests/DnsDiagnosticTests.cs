using Xunit;

namespace MailDsl.Generators.Tests;

/// <summary>The MAIL6xxx diagnostics (certificates' lives, DANE and MTA-STS), by ID and by the source text they point at.</summary>
public sealed class DnsDiagnosticTests
{
    private const string Mx = """.SmtpIn(s => s.Hosts("mx-01.example.org").Vip("smtp.example.org").Certificate("/etc/ssl/mx.crt", "/etc/ssl/mx.key", c => c.RenewedByCertbot("mx"{0})))""";

    [Fact]
    public async Task A_sound_dns_description_has_no_diagnostics()
        => Assert.Empty(await Harness.AnalyzeAsync(Harness.Platform(Mx.Replace("{0}", "") + """.Dns(d => d.Tlsa().MtaSts(MtaStsMode.Enforce, 604800, "smtp.example.org").TlsReports("mailto:tlsrpt@example.org").Caa("letsencrypt.org"))""")));

    [Fact]
    public async Task MAIL6001_pinning_the_whole_certificate_of_a_renewed_MX_points_at_the_selector()
    {
        var seen = await Harness.AnalyzeAsync(Harness.Platform(Mx.Replace("{0}", "") + """.Dns(d => d.Tlsa(TlsaSelector.FullCertificate))"""));
        Assert.Equal(new[] { new Seen("MAIL6001", "TlsaSelector.FullCertificate") }, seen);
    }

    [Fact]
    public async Task MAIL6002_testing_mx_patterns_leaving_out_the_MX_point_at_the_first_pattern()
    {
        var seen = await Harness.AnalyzeAsync(Harness.Platform(Mx.Replace("{0}", "") + """.Dns(d => d.MtaSts(MtaStsMode.Testing, 604800, "mx.example.org"))"""));
        Assert.Equal(new[] { new Seen("MAIL6002", "\"mx.example.org\"") }, seen);
    }

    [Fact]
    public async Task MAIL6003_max_age_out_of_range_points_at_it()
    {
        var seen = await Harness.AnalyzeAsync(Harness.Platform(Mx.Replace("{0}", "") + """.Dns(d => d.MtaSts(MtaStsMode.Enforce, 63072000))"""));
        Assert.Equal(new[] { new Seen("MAIL6003", "63072000") }, seen);
    }

    [Fact]
    public async Task MAIL6004_enforce_mode_leaving_out_the_MX_points_at_the_first_pattern()
    {
        var seen = await Harness.AnalyzeAsync(Harness.Platform(Mx.Replace("{0}", "") + """.Dns(d => d.MtaSts(MtaStsMode.Enforce, 604800, "*.example.net"))"""));
        Assert.Equal(new[] { new Seen("MAIL6004", "\"*.example.net\"") }, seen);
    }

    /// <summary>
    /// An mx pattern is one line of the policy file and a TLS-RPT URI sits inside the quoted TXT record: what would add a line,
    /// a pattern, a URI or a field is refused at its argument (MAIL3001; a literal holding escapes is pointed at whole), and a pattern whose name has an empty label is MAIL3003.
    /// </summary>
    [Theory]
    [InlineData(".MtaSts(MtaStsMode.Testing, 604800, \"*.example.org\\nmode: none\")", "MAIL3001", "\"*.example.org\\nmode: none\"")]
    [InlineData(".MtaSts(MtaStsMode.Testing, 604800, \"*.*.example.org\")", "MAIL3001", "*")]
    [InlineData(".MtaSts(MtaStsMode.Testing, 604800, \"smtp.example.org\", \"mx..example.org\")", "MAIL3003", ".")]
    [InlineData(".TlsReports(\"mailto:tlsrpt@example.org,mailto:evil@evil.example\")", "MAIL3001", ",")]
    [InlineData(".TlsReports(\"mailto:tlsrpt@example.org\", \"https://reports.example.org/x;rua=mailto:evil@evil.example\")", "MAIL3001", ";")]
    [InlineData(".TlsReports(\"http://reports.example.org/\")", "MAIL3001", "http://reports.example.org/")]
    [InlineData(".Caa(\"letsencrypt.org\\\" 0 issue \\\"evil.example\")", "MAIL3001", "\"letsencrypt.org\\\" 0 issue \\\"evil.example\"")]
    public async Task A_value_that_would_change_the_policy_or_the_zone_record_is_refused_at_its_argument(string dns, string id, string at)
    {
        var seen = await Harness.AnalyzeAsync(Harness.Platform(Mx.Replace("{0}", "") + ".Dns(d => d" + dns + ")"));
        Assert.Equal(new[] { new Seen(id, at) }, seen);
        Assert.Contains(MailDsl.Rules.RuleSet.Check(Describe(dns)), f => f.RuleId == id && f.Severity == MailDsl.Rules.Severity.Error);
    }

    /// <summary>The accepted forms: a wildcard one label deep, https with a port and query, percent-escapes.</summary>
    [Fact]
    public async Task Report_URIs_and_mx_patterns_of_the_RFCs_forms_are_accepted()
        => Assert.Empty(await Harness.AnalyzeAsync(Harness.Platform(Mx.Replace("{0}", "")
            + ".Dns(d => d.MtaSts(MtaStsMode.Enforce, 604800, \"*.example.org\", \"smtp.example.org\").TlsReports(\"mailto:tls+rpt@example.org\", \"https://reports.example.org:8443/tls-rpt?d=example.org&x=%2C\"))")));

    // The same DNS calls made at run time, on the same MX.
    private static Model.PlatformModel Describe(string dns)
    {
        var platform = Platform.Create("example.org").Target(Model.Distro.Debian12).Certificate("/etc/ssl/all.crt", "/etc/ssl/all.key")
            .SmtpIn(s => s.Hosts("mx-01.example.org").Vip("smtp.example.org"));
        var call = dns.Substring(1, dns.IndexOf('(') - 1);
        var args = ParseStrings(dns);
        return platform.Dns(d =>
        {
            if (call == "MtaSts") d.MtaSts(Model.MtaStsMode.Testing, 604800, args);
            else if (call == "TlsReports") d.TlsReports(args);
            else d.Caa(args);
        }).Build();
    }

    // The string literals of a call written as C#, unescaped ("\n" and "\"" as C# reads them).
    private static string[] ParseStrings(string call)
    {
        var tree = Microsoft.CodeAnalysis.CSharp.SyntaxFactory.ParseExpression("x" + call);
        return tree.DescendantNodes().OfType<Microsoft.CodeAnalysis.CSharp.Syntax.LiteralExpressionSyntax>()
            .Where(l => l.Token.Value is string).Select(l => (string)l.Token.Value!).ToArray();
    }

    [Fact]
    public async Task MAIL6005_TLSA_for_a_key_certbot_changes_points_at_reuseKey()
    {
        var seen = await Harness.AnalyzeAsync(Harness.Platform(Mx.Replace("{0}", ", reuseKey: false") + """.Dns(d => d.Tlsa())"""));
        Assert.Equal(new[] { new Seen("MAIL6005", "false") }, seen);
    }
}
