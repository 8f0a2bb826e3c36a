using Xunit;

namespace MailDsl.Generators.Tests;

/// <summary>
/// MAIL3004 through the real analyzer on the paths beyond the certificate and key: the CA, the mail storage, the files
/// secrets are read from; each at the segment inside the literal that holds it, and silent on paths in normal form.
/// </summary>
public sealed class PathDiagnosticTests
{
    private static string Platform(string ca = "/etc/pki/CA/certs/example-ca.crt", string root = "/srv/vmail", string indexes = "/var/lib/dovecot/index",
        string bind = "/etc/maildsl/secrets/ldap-bind", string sogo = "/etc/maildsl/secrets/sogo-db") => Harness.Platform($$"""
        .CertificateAuthority("{{ca}}")
        .Directory(d => d.Ldap(LdapSchema.ActiveDirectory)
            .Server("dc01.example.org", LdapSecurity.Ldaps)
            .BaseDn("dc=example,dc=org")
            .BindAs("cn=mailapps,ou=services,dc=example,dc=org", Secret.File("{{bind}}")))
        .Mailstore(m => m.Hosts("store.example.org").Imaps(993).Storage(s => s.Nfs("{{root}}").LocalIndexes("{{indexes}}")))
        .Webmail(w => w.Hosts("web.example.org").Database(db => db.PostgreSql("db01.example.org").Name("sogo").Login("sogo", Secret.File("{{sogo}}"))))
        """);

    [Fact]
    public async Task Paths_in_normal_form_are_silent()
        => Assert.Empty(await Harness.AnalyzeAsync(Platform()));

    [Fact]
    public async Task A_storage_root_that_climbs_points_at_the_dots_in_its_argument()
    {
        var source = Platform(root: "/srv/vmail/../../etc");
        var diagnostics = await Harness.DiagnosticsAsync(Harness.Compile(source));

        var finding = Assert.Single(diagnostics);
        Assert.Equal("MAIL3004", finding.Id);
        // The first '..' inside the Nfs(...) argument, not the Directory's or anything else's.
        Assert.Equal(source.IndexOf("\"/srv/vmail/../../etc\"", StringComparison.Ordinal) + 1 + "/srv/vmail/".Length, finding.Location.SourceSpan.Start);
        Assert.Equal(2, finding.Location.SourceSpan.Length);
    }

    [Fact]
    public async Task A_ca_path_with_a_doubled_slash_points_at_it()
        => Assert.Equal(new[] { new Seen("MAIL3004", "//") }, await Harness.AnalyzeAsync(Platform(ca: "/etc/pki/CA//certs/example-ca.crt")));

    [Fact]
    public async Task A_secret_file_with_a_dot_segment_points_inside_Secret_File()
    {
        var source = Platform(sogo: "/etc/maildsl/./secrets/sogo-db");
        var diagnostics = await Harness.DiagnosticsAsync(Harness.Compile(source));

        var finding = Assert.Single(diagnostics);
        Assert.Equal("MAIL3004", finding.Id);
        Assert.Equal(source.IndexOf("/./", StringComparison.Ordinal) + 1, finding.Location.SourceSpan.Start);
        Assert.Equal(1, finding.Location.SourceSpan.Length);
    }

    [Fact]
    public async Task A_bind_password_file_ending_in_a_slash_points_at_the_last_slash()
    {
        var source = Platform(bind: "/etc/maildsl/secrets/");
        var diagnostics = await Harness.DiagnosticsAsync(Harness.Compile(source));

        var finding = Assert.Single(diagnostics);
        Assert.Equal("MAIL3004", finding.Id);
        Assert.Equal(source.IndexOf("secrets/\")", StringComparison.Ordinal) + "secrets".Length, finding.Location.SourceSpan.Start);
        Assert.Equal(1, finding.Location.SourceSpan.Length);
    }

    [Fact]
    public async Task Directories_ending_in_a_slash_are_silent()
        => Assert.Empty(await Harness.AnalyzeAsync(Platform(root: "/srv/vmail/", indexes: "/var/lib/dovecot/index/")));

    [Fact]
    public async Task An_index_path_with_a_doubled_slash_points_at_it_and_the_root_stays_silent()
        => Assert.Equal(new[] { new Seen("MAIL3004", "//") }, await Harness.AnalyzeAsync(Platform(indexes: "/var/lib//dovecot/index")));
}
