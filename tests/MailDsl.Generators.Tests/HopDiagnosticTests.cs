using Xunit;

namespace MailDsl.Generators.Tests;

/// <summary>The verified-hop diagnostics (MAIL1031-MAIL1034) through the real analyzer, at the text they point at, each with a near miss.</summary>
public sealed class HopDiagnosticTests
{
    private const string Directory = """
        .CertificateAuthority("/etc/pki/CA/certs/example-ca.crt")
        .Directory(d => d.Ldap(LdapSchema.ActiveDirectory)
            .Server("dc01.example.org", LdapSecurity.Ldaps)
            .BaseDn("dc=example,dc=org")
            .BindAs("cn=mailapps,ou=services,dc=example,dc=org", Secret.File("/etc/maildsl/secrets/ldap-bind")))
        """;

    private const string Layers = """
        .SmtpIn(s => s.Hosts("mx.example.org"))
        .SmtpOut(s => s.Hosts("relay.example.org").Submission())
        .Mailstore(m => m.Hosts("store.example.org").Imaps(993).ManageSieve().Storage(s => s.Nfs("/srv/vmail")))
        """;

    private static string Webmail(string more)
        => $$""".Webmail(w => w.Hosts("web.example.org").Database(db => db.PostgreSql("db01.example.org").Name("sogo").Login("sogo", Secret.File("/etc/maildsl/secrets/sogo-db"))){{more}})""";

    private static Task<IReadOnlyList<Seen>> Analyze(string webmail = "", string layers = Layers)
        => Harness.AnalyzeAsync(Harness.Platform(Directory + layers + Webmail(webmail)));

    [Fact]
    public async Task The_platform_with_its_own_urls_and_transports_has_no_diagnostics()
        => Assert.Empty(await Analyze());

    [Fact]
    public async Task MAIL1031_imap_without_tls_points_at_the_url()
        => Assert.Equal(new[] { new Seen("MAIL1031", "\"imap://store.example.org:143\"") },
            await Analyze(""".Imap("imap://store.example.org:143")"""));

    [Fact]
    public async Task MAIL1031_a_raw_smtp_url_without_tls_points_at_the_value()
        => Assert.Equal(new[] { new Seen("MAIL1031", "\"\\\"smtp://relay.example.org:587\\\"\"") },
            await Analyze(""".SogoSetting("SOGoSMTPServer", "\"smtp://relay.example.org:587\"")"""));

    [Fact]
    public async Task MAIL1031_near_miss_starttls_on_imap_and_smtp_passes()
        => Assert.Empty(await Analyze(""".Imap("imap://store.example.org:143/?tls=YES").SogoSetting("SOGoSMTPServer", "\"smtp://relay.example.org:587/?tls=YES\"")"""));

    [Fact]
    public async Task MAIL1032_verification_off_points_at_the_url()
        => Assert.Equal(new[] { new Seen("MAIL1032", "\"imaps://store.example.org:993/?tlsVerifyMode=none\"") },
            await Analyze(""".Imap("imaps://store.example.org:993/?tlsVerifyMode=none")"""));

    [Fact]
    public async Task MAIL1032_near_miss_the_default_verify_mode_passes()
        => Assert.Empty(await Analyze(""".Imap("imaps://store.example.org:993/?tlsVerifyMode=default")"""));

    [Fact]
    public async Task MAIL1033_allow_insecure_localhost_on_a_remote_name_points_at_the_value()
        => Assert.Equal(new[] { new Seen("MAIL1033", "\"\\\"sieve://store.example.org:4190/?tls=YES&tlsVerifyMode=allowInsecureLocalhost\\\"\"") },
            await Analyze(""".SogoSetting("SOGoSieveServer", "\"sieve://store.example.org:4190/?tls=YES&tlsVerifyMode=allowInsecureLocalhost\"")"""));

    [Fact]
    public async Task MAIL1033_near_miss_allow_insecure_localhost_on_localhost_passes()
        => Assert.Empty(await Analyze(""".SogoSetting("SOGoSieveServer", "\"sieve://localhost:4190/?tls=YES&tlsVerifyMode=allowInsecureLocalhost\"")"""));

    [Fact]
    public async Task MAIL1034_an_mx_relay_transport_off_the_verifying_transport_points_at_the_value()
        => Assert.Equal(new[] { new Seen("MAIL1034", "\"relay:[store.example.org]:25\"") },
            await Analyze(layers: Layers.Replace("""s.Hosts("mx.example.org")""", """s.Hosts("mx.example.org").PostfixSetting("relay_transport", "relay:[store.example.org]:25")""")));

    [Fact]
    public async Task MAIL1034_near_miss_a_lower_internet_level_on_the_relay_passes()
        => Assert.Empty(await Analyze(layers: Layers.Replace("""s.Hosts("relay.example.org")""", """s.Hosts("relay.example.org").PostfixSetting("smtp_tls_security_level", "may")""")));
}
