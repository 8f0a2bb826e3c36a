using Xunit;

namespace MailDsl.Generators.Tests;

/// <summary>The directory, database, storage and secret diagnostics (MAIL50xx) through the real analyzer, at the text they point at.</summary>
public sealed class DirectoryDiagnosticTests
{
    private static string Directory(string server = "\"dc01.example.org\", LdapSecurity.Ldaps", string secret = "Secret.File(\"/etc/maildsl/secrets/ldap-bind\")", string more = "") => $$"""
        .CertificateAuthority("/etc/pki/CA/certs/example-ca.crt")
        .Directory(d => d.Ldap(LdapSchema.ActiveDirectory)
            .Server({{server}})
            .BaseDn("dc=example,dc=org")
            .BindAs("cn=mailapps,ou=services,dc=example,dc=org", {{secret}}){{more}})
        """;

    private static string Webmail(string database = "db.PostgreSql(\"db01.example.org\").Name(\"sogo\").Login(\"sogo\", Secret.File(\"/etc/maildsl/secrets/sogo-db\"))")
        => $$""".Webmail(w => w.Hosts("web.example.org").Database(db => {{database}}))""";

    private const string Store = """.Mailstore(m => m.Hosts("store.example.org").Imaps(993).ManageSieve().Storage(s => s.Nfs("/srv/vmail")))""";

    [Fact]
    public async Task A_clean_directory_platform_has_no_diagnostics()
        => Assert.Empty(await Harness.AnalyzeAsync(Harness.Platform(Directory() + Store + Webmail())));

    [Fact]
    public async Task MAIL5001_ldap_without_tls_points_at_LdapSecurity_Plain()
        => Assert.Equal(new[] { new Seen("MAIL5001", "LdapSecurity.Plain") },
            await Harness.AnalyzeAsync(Harness.Platform(Directory(server: "\"dc01.example.org\", LdapSecurity.Plain") + Store + Webmail())));

    [Fact]
    public async Task MAIL5002_a_database_without_tls_points_at_DatabaseTls_Disabled()
        => Assert.Equal(new[] { new Seen("MAIL5002", "DatabaseTls.Disabled") },
            await Harness.AnalyzeAsync(Harness.Platform(Directory() + Store
                + Webmail("db.PostgreSql(\"db01.example.org\").Name(\"sogo\").Login(\"sogo\", Secret.File(\"/etc/maildsl/secrets/sogo-db\")).Tls(DatabaseTls.Disabled)"))));

    [Fact]
    public async Task MAIL5003_verification_off_points_at_the_false()
        => Assert.Equal(new[] { new Seen("MAIL5003", "false") },
            await Harness.AnalyzeAsync(Harness.Platform(Directory(server: "\"dc01.example.org\", LdapSecurity.Ldaps, verifyCertificate: false") + Store + Webmail())));

    [Fact]
    public async Task MAIL5004_a_password_literal_points_at_the_literal()
        => Assert.Equal(new[] { new Seen("MAIL5004", "\"Pass2016Mail\"") },
            await Harness.AnalyzeAsync(Harness.Platform(Directory(secret: "\"Pass2016Mail\"") + Store + Webmail())));

    [Fact]
    public async Task MAIL5004_a_password_in_place_of_a_path_points_inside_Secret_File()
        => Assert.Equal(new[] { new Seen("MAIL5004", "\"P@ssw0rd\"") },
            await Harness.AnalyzeAsync(Harness.Platform(Directory(secret: "Secret.File(\"P@ssw0rd\")") + Store + Webmail())));

    [Fact]
    public async Task MAIL5005_a_relative_secret_path_points_at_the_path()
        => Assert.Equal(new[] { new Seen("MAIL5005", "\"secrets/ldap-bind\"") },
            await Harness.AnalyzeAsync(Harness.Platform(Directory(secret: "Secret.File(\"secrets/ldap-bind\")") + Store + Webmail())));

    [Fact]
    public async Task MAIL5006_two_hosts_on_local_storage_point_at_Local()
        => Assert.Equal(new[] { new Seen("MAIL5006", "Local") },
            await Harness.AnalyzeAsync(Harness.Platform(Directory()
                + """.Mailstore(m => m.Hosts("store-01.example.org", "store-02.example.org").Storage(s => s.Local("/var/vmail")))""" + Webmail())));

    [Fact]
    public async Task MAIL5008_sogo_5_8_to_a_remote_mariadb_points_at_the_host()
        => Assert.Equal(new[] { new Seen("MAIL5008", "\"db01.example.org\"") },
            await Harness.AnalyzeAsync(Harness.Platform(".Target(Distro.Debian12)" + Directory() + Store
                + Webmail("db.MariaDb(\"db01.example.org\").Name(\"sogo\").Login(\"sogo\", Secret.File(\"/etc/maildsl/secrets/sogo-db\"))"))));

    [Fact]
    public async Task MAIL5009_an_alias_outside_the_domains_points_at_its_domain()
        => Assert.Equal(new[] { new Seen("MAIL5009", "example.net") },
            await Harness.AnalyzeAsync(Harness.Platform(Directory(more: ".AddAlias(\"postmaster@example.net\", \"it@example.org\")") + Store + Webmail())));

    [Fact]
    public async Task MAIL5011_managesieve_without_a_directory_points_at_ManageSieve()
        => Assert.Equal(new[] { new Seen("MAIL5011", "ManageSieve") },
            await Harness.AnalyzeAsync(Harness.Platform(""".Mailstore(m => m.Hosts("store.example.org").Imaps(993).ManageSieve())""")));

    [Fact]
    public async Task MAIL5007_sogo_without_a_database_points_at_Webmail()
        => Assert.Equal(new[] { new Seen("MAIL5007", "Webmail") },
            await Harness.AnalyzeAsync(Harness.Platform(Directory() + Store + """.Webmail(w => w.Hosts("web.example.org"))""")));

    [Fact]
    public void The_generated_source_never_holds_a_password_written_in_the_description_nor_one_kept_on_the_hosts()
    {
        // The seed writes the series' password where the password goes; CorporateCloud names files. Neither password may
        // reach the generated code: the model never keeps the first, and only knows the second's path.
        foreach (var source in new[] { Harness.Source("SeedAsWritten.cs"), Harness.Source("CorporateCloud.cs") })
        {
            var (result, _) = Harness.Generate(Harness.Compile(source));
            var generated = string.Concat(result.GeneratedTrees.Select(t => t.GetText().ToString()));
            Assert.NotEmpty(generated);
            Assert.DoesNotContain("Pass2016Mail", generated, StringComparison.Ordinal);
        }
    }
}
