using MailDsl.Model;
using MailDsl.Render;
using Xunit;
using static MailDsl.Core.Tests.Rules.RuleTesting;

namespace MailDsl.Core.Tests.Rules;

/// <summary>
/// MAIL3004 on every path a renderer writes (CA, mail storage, index path, secret files, raw settings), each at its
/// argument, with a trailing '/' refused on a file and accepted on a directory; and MAIL3002 on the same list.
/// </summary>
public class PathRuleTests
{
    private static PlatformModel Storage(Action<StorageBuilder> storage)
        => DirectoryPlatforms.Clean(mailstore: m => m.Storage(storage)).Build();

    [Theory]
    [InlineData("/srv/../etc/vmail", 5, 2)]
    [InlineData("/srv/./vmail", 5, 1)]
    [InlineData("/srv//vmail", 4, 2)]
    [InlineData("/srv/vmail//", 10, 2)]
    public void A_storage_root_out_of_normal_form_is_refused_at_the_segment(string root, int start, int length)
    {
        var f = Assert.Single(Findings(Storage(s => s.Nfs(root)), "MAIL3004"));

        Assert.Equal("mailstore.storage.root", f.OriginKey);
        Assert.Equal((start, length), (f.SubStart, f.SubLength));
        Assert.StartsWith("The mail storage path", f.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_storage_root_that_climbs_names_where_it_leads()
    {
        var f = Assert.Single(Findings(Storage(s => s.Nfs("/srv/vmail/../../etc")), "MAIL3004"));

        Assert.Contains("e.g. /etc.", f.Message, StringComparison.Ordinal);
        Assert.Contains("directory it leads to", f.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_index_path_with_a_dot_segment_is_refused_at_its_argument()
    {
        var f = Assert.Single(Findings(Storage(s => s.Nfs("/srv/vmail").LocalIndexes("/var/lib/dovecot/./index")), "MAIL3004"));

        Assert.Equal("mailstore.storage.indexes", f.OriginKey);
        Assert.Equal((17, 1), (f.SubStart, f.SubLength));
    }

    [Theory]
    [InlineData("/srv/vmail/", "/var/lib/dovecot/index/")]
    [InlineData("/srv/vmail", "/var/lib/dovecot/index")]
    [InlineData("/", "/var/lib/dovecot/index")]
    public void A_directory_with_or_without_a_trailing_slash_passes(string root, string indexes)
    {
        var model = Storage(s => s.Nfs(root).LocalIndexes(indexes));

        Assert.Empty(Findings(model, "MAIL3004"));
        Assert.Empty(Findings(model, "MAIL3002"));
    }

    [Theory]
    [InlineData(Distro.Debian12)]
    [InlineData(Distro.Debian13)]
    public void A_trailing_slash_on_the_storage_root_and_index_path_changes_no_dovecot_file(Distro target)
    {
        // Why MAIL3004 accepts it: the renderers trim it before appending a user's folder, so Dovecot reads the same files.
        static IEnumerable<Artifact> Dovecot(PlatformModel model) => PlatformRenderer.Render(model).Where(a => a.Path.StartsWith("/etc/dovecot/", StringComparison.Ordinal));
        var plain = DirectoryPlatforms.Clean(mailstore: m => m.Storage(s => s.Nfs("/srv/vmail").LocalIndexes("/var/lib/dovecot/index"))).Target(target).Build();
        var slashed = DirectoryPlatforms.Clean(mailstore: m => m.Storage(s => s.Nfs("/srv/vmail/").LocalIndexes("/var/lib/dovecot/index/"))).Target(target).Build();

        var expected = Dovecot(plain).ToList();
        Assert.Contains(expected, a => a.Content.Contains("/srv/vmail/%", StringComparison.Ordinal));
        Assert.Contains(expected, a => a.Content.Contains("/var/lib/dovecot/index/%", StringComparison.Ordinal));
        Assert.Equal(expected, Dovecot(slashed).ToList());
    }

    [Theory]
    [InlineData("/etc/pki/CA//certs/example-ca.crt", 11, 2)]
    [InlineData("/etc/pki/CA/certs/../private/example-ca.crt", 18, 2)]
    [InlineData("/etc/pki/CA/certs/", 17, 1)]
    public void A_ca_path_out_of_normal_form_is_refused_at_the_segment(string ca, int start, int length)
    {
        var model = Minimal().CertificateAuthority(ca).Mailstore(m => m.Hosts("store-01.example.org")).Build();

        var f = Assert.Single(Findings(model, "MAIL3004"));
        Assert.Equal("platform.ca", f.OriginKey);
        Assert.Equal((start, length), (f.SubStart, f.SubLength));
    }

    [Theory]
    [InlineData("/etc/maildsl/./secrets/ldap-bind", 13, 1)]
    [InlineData("/etc/maildsl/secrets/../../shadow", 21, 2)]
    [InlineData("/etc/maildsl//secrets/ldap-bind", 12, 2)]
    [InlineData("/etc/maildsl/secrets/", 20, 1)]
    public void A_bind_password_file_out_of_normal_form_is_refused_inside_Secret_File(string path, int start, int length)
    {
        var model = DirectoryPlatforms.Clean(ldap: l => l.BindAs(DirectoryPlatforms.Bind, Secret.File(path))).Build();

        var f = Assert.Single(Findings(model, "MAIL3004"));
        Assert.Equal("directory.ldap.bindPassword.value", f.OriginKey);
        Assert.Equal((start, length), (f.SubStart, f.SubLength));
        Assert.StartsWith("The directory's bind password file", f.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_secret_file_ending_in_a_slash_is_refused_because_install_sh_reads_a_file()
    {
        var f = Assert.Single(Findings(DirectoryPlatforms.Clean(database: db => db.Login("sogo", Secret.File("/etc/maildsl/secrets/"))).Build(), "MAIL3004"));

        Assert.Equal("webmail.database.password.value", f.OriginKey);
        Assert.Contains("install.sh reads the secret from a file", f.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_sql_directory_password_file_out_of_normal_form_is_refused()
    {
        var model = Minimal().CertificateAuthority("/etc/pki/CA/certs/example-ca.crt")
            .Directory(d => d.Sql(db => db.PostgreSql("db01.example.org").Name("mail").Login("dovecot", Secret.File("/etc/maildsl/secrets/./directory-db"))))
            .Mailstore(m => m.Hosts("store-01.example.org").Storage(s => s.Local("/var/vmail"))).Build();

        Assert.Equal("directory.sql.database.password.value", Assert.Single(Findings(model, "MAIL3004")).OriginKey);
    }

    [Fact]
    public void Normal_secret_files_pass()
        => Assert.Empty(Findings(DirectoryPlatforms.Clean().Build(), "MAIL3004"));

    [Fact]
    public void A_secret_file_is_checked_as_written_and_never_opened()
    {
        // The file exists and holds a marker: a rule that read it could only show the marker in a message.
        var dir = Directory.CreateTempSubdirectory("maildsl-secret-");
        try
        {
            File.WriteAllText(Path.Combine(dir.FullName, "ldap-bind"), "MARKER-never-read\n");
            var path = dir.FullName + "/./ldap-bind";
            var model = DirectoryPlatforms.Clean(ldap: l => l.BindAs(DirectoryPlatforms.Bind, Secret.File(path))).Build();

            var f = Assert.Single(Findings(model, "MAIL3004"));
            Assert.Contains(path, f.Message, StringComparison.Ordinal);
            Assert.All(AllFindings(model), x => Assert.DoesNotContain("MARKER", x.Message, StringComparison.Ordinal));
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    public void A_password_put_in_Secret_File_is_left_to_MAIL5004_and_quoted_by_no_path_rule()
    {
        var model = DirectoryPlatforms.Clean(ldap: l => l.BindAs(DirectoryPlatforms.Bind, Secret.File("P@ss w0rd;.."))).Build();

        Assert.Single(Findings(model, "MAIL5004"));
        Assert.All(AllFindings(model), f => Assert.DoesNotContain("P@ss", f.Message, StringComparison.Ordinal));
    }

    [Fact]
    public void A_secret_file_is_a_path_to_MAIL3001_too()
    {
        var model = DirectoryPlatforms.Clean(ldap: l => l.BindAs(DirectoryPlatforms.Bind, Secret.File("/etc/maildsl/secrets/ldap`id`"))).Build();

        var f = Assert.Single(Findings(model, "MAIL3001"));
        Assert.Equal(("directory.ldap.bindPassword.value", 25), (f.OriginKey, f.SubStart));
    }

    [Fact]
    public void A_relative_secret_file_is_MAIL5005s_alone()
    {
        var model = DirectoryPlatforms.Clean(ldap: l => l.BindAs(DirectoryPlatforms.Bind, Secret.File("secrets/./ldap-bind"))).Build();

        Assert.Single(Findings(model, "MAIL5005"));
        Assert.Empty(Findings(model, "MAIL3002"));
        Assert.Empty(Findings(model, "MAIL3004"));
    }

    [Theory]
    [InlineData("mail_spool_directory", "/var/mail/")]
    [InlineData("smtp_tls_CApath", "/etc/ssl/certs/")]
    public void A_raw_postfix_directory_may_end_in_a_slash(string key, string value)
    {
        // mail_spool_directory ending in '/' is Postfix's Maildir delivery (postconf(5)): refusing it would refuse a real setting.
        var model = Minimal().SmtpIn(s => s.Hosts("mx.example.org").PostfixSetting(key, value)).Build();

        Assert.Empty(Findings(model, "MAIL3004"));
    }

    [Theory]
    [InlineData("smtp_tls_CAfile", "/etc/ssl/certs/", 14, 1)]
    [InlineData("mail_spool_directory", "/var/mail/../spool", 10, 2)]
    public void A_raw_postfix_path_out_of_normal_form_is_refused(string key, string value, int start, int length)
    {
        var model = Minimal().SmtpIn(s => s.Hosts("mx.example.org").PostfixSetting(key, value)).Build();

        var f = Assert.Single(Findings(model, "MAIL3004"));
        Assert.Equal($"smtpIn.setting.postfix.{key}.0.value", f.OriginKey);
        Assert.Equal((start, length), (f.SubStart, f.SubLength));
    }

    [Theory]
    [InlineData("mail_plugin_dir", "/usr/lib/dovecot/modules/", null)]
    [InlineData("mail_index_path", "/var/lib/dovecot/index/", null)]
    [InlineData("ssl_client_ca_file", "/etc/ssl/certs/", "ends in '/'")]
    [InlineData("ssl_client_ca_dir", "/etc/ssl//certs", "empty segment")]
    public void A_raw_dovecot_setting_is_held_to_the_form_of_what_it_names(string key, string value, string? problem)
    {
        var findings = Findings(Minimal().Mailstore(m => m.Hosts("store-01.example.org").DovecotSetting(key, value)).Build(), "MAIL3004");

        if (problem is null) Assert.Empty(findings);
        else Assert.Contains(problem, Assert.Single(findings).Message, StringComparison.Ordinal);
    }

    /// <summary>Each path slot, written relative and climbing: MAIL3002 and MAIL3004 find it at the same origin, read off one list.</summary>
    public static TheoryData<string, string> Slots => new()
    {
        { "certificate", "platform.certificate.file" },
        { "key", "platform.certificate.key" },
        { "ca", "platform.ca" },
        { "root", "mailstore.storage.root" },
        { "indexes", "mailstore.storage.indexes" },
        { "setting", "mailstore.setting.dovecot.ssl_client_ca_file.0.value" },
    };

    [Theory]
    [MemberData(nameof(Slots))]
    public void The_relative_and_the_normal_form_rules_read_the_same_paths(string slot, string origin)
    {
        PlatformModel With(string path) => Platform.Create("example.org")
            .Certificate(slot == "certificate" ? path : "/etc/pki/tls/certs/mail.crt", slot == "key" ? path : "/etc/pki/tls/private/mail.key")
            .CertificateAuthority(slot == "ca" ? path : "/etc/pki/CA/certs/example-ca.crt")
            .Mailstore(m =>
            {
                m.Hosts("store-01.example.org").Storage(s => s.Local(slot == "root" ? path : "/var/vmail").LocalIndexes(slot == "indexes" ? path : "/var/lib/dovecot/index"));
                if (slot == "setting") m.DovecotSetting("ssl_client_ca_file", path);
            }).Build();

        Assert.Equal(origin, Assert.Single(Findings(With("relative/x"), "MAIL3002")).OriginKey);
        Assert.Equal(origin, Assert.Single(Findings(With("/x/../y"), "MAIL3004")).OriginKey);
    }
}
