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

    [Fact]
    public async Task MAIL6005_TLSA_for_a_key_certbot_changes_points_at_reuseKey()
    {
        var seen = await Harness.AnalyzeAsync(Harness.Platform(Mx.Replace("{0}", ", reuseKey: false") + """.Dns(d => d.Tlsa())"""));
        Assert.Equal(new[] { new Seen("MAIL6005", "false") }, seen);
    }
}
