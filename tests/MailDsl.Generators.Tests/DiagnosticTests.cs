using Xunit;

namespace MailDsl.Generators.Tests;

/// <summary>Each diagnostic, by ID and by the exact source text it points at; and none on a clean platform.</summary>
public sealed class DiagnosticTests
{
    private const string Store = """.Mailstore(m => m.Hosts("store.example.org").Imaps(993))""";

    [Fact]
    public async Task The_CorporateCloud_example_has_no_diagnostics()
    {
        var seen = await Harness.AnalyzeAsync(Harness.Source("CorporateCloud.cs"));
        Assert.Empty(seen);
    }

    [Fact]
    public async Task A_minimal_clean_platform_has_no_diagnostics()
        => Assert.Empty(await Harness.AnalyzeAsync(Harness.Platform(Store)));

    [Fact]
    public async Task MAIL2001_plaintext_login_without_TLS_points_at_allowPlaintextAuth()
    {
        var seen = await Harness.AnalyzeAsync(Harness.Platform(
            """.Mailstore(m => m.Hosts("store.example.org").Imaps(993).Listener("imap-nopass", ServiceProtocol.Imap, 144, ListenerSecurity.Plain, true))"""));
        Assert.Equal(new[] { new Seen("MAIL2001", "true") }, seen);
    }

    [Fact]
    public async Task MAIL2002_two_listeners_on_one_port_points_at_the_second_port()
    {
        var seen = await Harness.AnalyzeAsync(Harness.Platform(
            """.Mailstore(m => m.Hosts("store.example.org").Imaps(993).Pop3s(993))"""));
        Assert.Contains(new Seen("MAIL2002", "993"), seen);
        Assert.All(seen, s => Assert.Equal("MAIL2002", s.Id));
    }

    [Fact]
    public async Task MAIL2002_memcached_on_sogods_port_points_at_memcacheds_port_and_its_own_port_is_silent()
    {
        const string web = """.Webmail(w => w.Hosts("web.example.org").Sogo(20000).Memcached({0}).Database(db => db.PostgreSql("db.example.org").Name("sogo").Login("sogo", Secret.File("/etc/maildsl/secrets/sogo-db"))))""";
        // 20_000 is sogod's port written otherwise: the finding is at memcached's argument, not sogod's.
        var clash = await Harness.AnalyzeAsync(Harness.Platform(Store + web.Replace("{0}", "20_000")));
        Assert.Contains(new Seen("MAIL2002", "20_000"), clash);
        Assert.Single(clash, s => s.Id == "MAIL2002");
        var own = await Harness.AnalyzeAsync(Harness.Platform(Store + web.Replace("{0}", "21211")));
        Assert.DoesNotContain(own, s => s.Id == "MAIL2002");
    }

    [Fact]
    public async Task MAIL2003_a_port_out_of_range_points_at_the_port()
    {
        var seen = await Harness.AnalyzeAsync(Harness.Platform(
            """.Mailstore(m => m.Hosts("store.example.org").Imaps(99300))"""));
        Assert.Equal(new[] { new Seen("MAIL2003", "99300") }, seen);
    }

    [Fact]
    public async Task MAIL3001_a_semicolon_in_a_host_name_points_at_the_character()
    {
        var seen = await Harness.AnalyzeAsync(Harness.Platform(
            """.Mailstore(m => m.Hosts("store.example.org;evil").Imaps(993))"""));
        Assert.Contains(seen, s => s.Id == "MAIL3001" && s.Text == ";");
    }

    [Fact]
    public async Task MAIL3001_a_quote_in_a_path_is_an_error_at_the_path()
    {
        var source = Harness.Platform(Store).Replace("\"/etc/pki/tls/private/mail.key\"", "\"/etc/pki/tls/private/ma'il.key\"");
        var diagnostics = await Harness.DiagnosticsAsync(Harness.Compile(source));
        var finding = Assert.Single(diagnostics, d => d.Id == "MAIL3001");
        Assert.Equal(Microsoft.CodeAnalysis.DiagnosticSeverity.Error, finding.Severity);
        Assert.Equal("'", finding.Location.SourceTree!.GetText().ToString(finding.Location.SourceSpan));
    }

    [Fact]
    public async Task MAIL3002_a_relative_certificate_path_points_at_it()
    {
        var source = Harness.Platform(Store).Replace("\"/etc/pki/tls/certs/mail.crt\"", "\"certs/mail.crt\"");
        var seen = await Harness.AnalyzeAsync(source);
        Assert.Equal(new[] { new Seen("MAIL3002", "certs/mail.crt") }, seen);
    }

    [Fact]
    public async Task MAIL3003_an_invalid_host_name_points_at_the_bad_character()
    {
        var seen = await Harness.AnalyzeAsync(Harness.Platform(
            """.Mailstore(m => m.Hosts("store_01..example.org").Imaps(993))"""));
        Assert.Equal(new[] { new Seen("MAIL3003", "_") }, seen);
    }

    [Fact]
    public async Task MAIL4001_a_setting_written_twice_points_at_the_second_one()
    {
        var source = Harness.Platform(
            """.SmtpIn(s => s.Hosts("mx.example.org").PostfixSetting("tls_disable_workarounds", "0xFFFFFFFF").PostfixSetting("tls_disable_workarounds", "CVE-2010-4180"))""");
        var diagnostics = await Harness.DiagnosticsAsync(Harness.Compile(source));
        var finding = Assert.Single(diagnostics, d => d.Id == "MAIL4001");
        var second = source.LastIndexOf("\"tls_disable_workarounds\"", StringComparison.Ordinal);
        Assert.Equal(second, finding.Location.SourceSpan.Start);
        Assert.Equal("\"tls_disable_workarounds\"".Length, finding.Location.SourceSpan.Length);
    }

    [Fact]
    public async Task MAIL4002_an_nginx_regex_without_tilde_points_at_the_match()
    {
        var seen = await Harness.AnalyzeAsync(Harness.Platform(
            """.Webmail(w => w.Hosts("web.example.org").Https(443).NginxLocation("^/SOGo/so/ControlPanel/Products/([^/]*)/Resources/(.*)$", "alias /usr/lib64/GNUstep/SOGo/$1.SOGo/Resources/$2;"))"""));
        // A SOGo with no directory or database is also MAIL5007's (DirectoryDiagnosticTests); this test is about the location.
        Assert.Equal(new[] { new Seen("MAIL4002", "\"^/SOGo/so/ControlPanel/Products/([^/]*)/Resources/(.*)$\"") }, seen.Where(s => s.Id != "MAIL5007"));
    }

    [Fact]
    public async Task MAIL4003_a_setting_that_weakens_TLS_points_at_its_value()
    {
        var seen = await Harness.AnalyzeAsync(Harness.Platform(
            """.SmtpIn(s => s.Hosts("mx.example.org").PostfixSetting("smtpd_tls_auth_only", "no"))"""));
        Assert.Equal(new[] { new Seen("MAIL4003", "\"no\"") }, seen);
    }

    [Theory]
    [InlineData("Distro.Debian12", "backwards_bounce_logfile_compatibility", "offall|")]
    [InlineData("Distro.Debian13", "backwards_bounce_logfile_compatibility", "offall|")]
    [InlineData("Distro.Debian12", "delay_logging_resolution_limit", "max\\\"-1")]
    [InlineData("Distro.Debian13", "delay_logging_resolution_limit", "max\\\"-1")]
    [InlineData("Distro.Debian12", "sendmail_path", ";")]
    [InlineData("Distro.Debian13", "sendmail_path", ";")]
    public async Task MAIL4019_a_Postfix_value_postfix_check_refuses_points_at_the_value(string target, string name, string literal)
    {
        // What fuzzing with postfix check found: a bad boolean, a bad number, a relative path (post-install's check).
        var seen = await Harness.AnalyzeAsync(Harness.Platform(
            $$""".Target({{target}}).SmtpIn(s => s.Hosts("mx.example.org").PostfixSetting("{{name}}", "{{literal}}"))"""));
        Assert.Equal(new[] { new Seen("MAIL4019", "\"" + literal + "\"") }, seen);
    }

    [Fact]
    public async Task MAIL1020_TLS_listeners_without_a_certificate_point_at_the_platform()
    {
        var source = Harness.Platform(Store).Replace(""".Certificate("/etc/pki/tls/certs/mail.crt", "/etc/pki/tls/private/mail.key")""", "");
        var seen = await Harness.AnalyzeAsync(source);
        Assert.Single(seen, s => s.Id == "MAIL1020");
    }

    [Fact]
    public async Task MAIL9001_a_value_that_is_not_a_constant_points_at_the_argument()
    {
        var seen = await Harness.AnalyzeAsync(Harness.Platform(
            """.Mailstore(m => m.Hosts(System.Environment.MachineName).Imaps(993))""", "static readonly string Unused = \"\";"));
        Assert.Equal(new[] { new Seen("MAIL9001", "System.Environment.MachineName") }, seen);
    }

    [Fact]
    public async Task MAIL9001_constants_and_enum_members_are_fine()
    {
        var seen = await Harness.AnalyzeAsync(Harness.Platform(
            """.Mailstore(m => m.Hosts(Host).Imaps(Port).Listener("imap", ServiceProtocol.Imap, 143, ListenerSecurity.StartTls))""",
            "const string Host = \"store.\" + \"example.org\"; const int Port = 993;"));
        Assert.Empty(seen);
    }

    [Fact]
    public async Task MAIL9002_a_platform_without_Describe_says_what_to_add()
    {
        var seen = await Harness.AnalyzeAsync("""
            [MailDsl.MailPlatform]
            public static partial class Empty { }
            """);
        Assert.Equal(new[] { new Seen("MAIL9002", "Empty") }, seen);
    }

    [Fact]
    public async Task Pragma_suppresses_a_diagnostic_like_any_analyzer()
    {
        var source = Harness.Platform(
            """
            #pragma warning disable MAIL4003
                            .SmtpIn(s => s.Hosts("mx.example.org").PostfixSetting("smtpd_tls_auth_only", "no"))
            #pragma warning restore MAIL4003
            """);
        var diagnostics = await Harness.DiagnosticsAsync(Harness.Compile(source));
        Assert.All(diagnostics, d => Assert.True(d.IsSuppressed || d.Id != "MAIL4003", d.ToString()));
    }

    [Fact]
    public async Task MAIL1001_broken_crypto_points_at_the_token_that_brought_it_in()
    {
        var seen = await Harness.AnalyzeAsync(Harness.Platform(
            """.Mailstore(m => m.Hosts("store.example.org").Imaps(993).Ciphers("ECDHE+AESGCM:aNULL"))"""));
        Assert.Contains(new Seen("MAIL1001", "aNULL"), seen);
    }

    [Fact]
    public async Task MAIL1003_a_misspelled_exclusion_points_at_it()
    {
        var seen = await Harness.AnalyzeAsync(Harness.Platform(
            """.Mailstore(m => m.Hosts("store.example.org").Imaps(993).Ciphers("ECDHE+AESGCM:!aNUL"))"""));
        Assert.Contains(seen, s => s.Id == "MAIL1003" && (s.Text == "!aNUL" || s.Text == "aNUL"));
    }

    [Fact]
    public async Task MAIL1004_a_string_OpenSSL_refuses_is_an_error()
    {
        var diagnostics = await Harness.DiagnosticsAsync(Harness.Compile(Harness.Platform(
            """.Mailstore(m => m.Hosts("store.example.org").Imaps(993).Ciphers("NOTHING:ATALL"))""")));
        var d = Assert.Single(diagnostics, d => d.Id == "MAIL1004");
        Assert.Equal(Microsoft.CodeAnalysis.DiagnosticSeverity.Error, d.Severity);
    }

    [Fact]
    public async Task MAIL1010_SSLv3_is_an_error_at_the_version()
    {
        var diagnostics = await Harness.DiagnosticsAsync(Harness.Compile(Harness.Platform(
            """.Mailstore(m => m.Hosts("store.example.org").Imaps(993).Protocols(TlsVersion.Ssl3, TlsVersion.Tls12))""")));
        var d = Assert.Single(diagnostics, d => d.Id == "MAIL1010");
        Assert.Equal(Microsoft.CodeAnalysis.DiagnosticSeverity.Error, d.Severity);
        Assert.Equal("TlsVersion.Ssl3", d.Location.SourceTree!.GetText().ToString(d.Location.SourceSpan));
    }

    [Fact]
    public async Task MAIL1005_old_under_TLSRef_60_points_at_the_profile_and_pinning_57_is_silent()
    {
        var seen = await Harness.AnalyzeAsync(Harness.Platform(".Tls(TlsProfile.Old)" + Store));
        Assert.Contains(new Seen("MAIL1005", "TlsProfile.Old"), seen);
        Assert.Empty(await Harness.AnalyzeAsync(Harness.Platform(".Tls(TlsProfile.Old, TlsGuideline.Mozilla57)" + Store)));
    }

    [Fact]
    public async Task MAIL1006_the_PQ_group_on_OpenSSL_30_points_at_its_argument_and_is_silent_on_Debian_13()
    {
        var seen = await Harness.AnalyzeAsync(Harness.Platform(""".Target(Distro.Debian12).Groups("X25519MLKEM768", "X25519", "prime256v1")""" + Store));
        Assert.Equal(new[] { new Seen("MAIL1006", "\"X25519MLKEM768\"") }, seen);
        Assert.Empty(await Harness.AnalyzeAsync(Harness.Platform(""".Target(Distro.Debian13).Groups("X25519MLKEM768", "X25519", "prime256v1")""" + Store)));
    }

    [Fact]
    public async Task MAIL1007_and_MAIL1008_point_at_the_groups_call()
    {
        var seen = await Harness.AnalyzeAsync(Harness.Platform(""".Target(Distro.Debian12).Groups("ffdhe2048", "ffdhe3072")""" + Store));
        Assert.Contains(new Seen("MAIL1007", "Groups"), seen);
        Assert.Contains(new Seen("MAIL1008", "Groups"), seen);
    }

    [Fact]
    public async Task MAIL1009_and_MAIL1012_point_inside_the_cipher_string()
    {
        var seen = await Harness.AnalyzeAsync(Harness.Platform(
            """.Mailstore(m => m.Hosts("store.example.org").Imaps(993).Ciphers("ECDHE+AESGCM:-aNULL:HIGH:@SECLEVEL=0"))"""));
        Assert.Contains(new Seen("MAIL1009", "@SECLEVEL=0"), seen);
        Assert.Contains(new Seen("MAIL1012", "HIGH"), seen);
        var near = await Harness.AnalyzeAsync(Harness.Platform(
            """.Mailstore(m => m.Hosts("store.example.org").Imaps(993).Ciphers("ECDHE+AESGCM:!aNULL:HIGH:@SECLEVEL=2"))"""));
        Assert.DoesNotContain(near, s => s.Id is "MAIL1009" or "MAIL1012");
    }
}
