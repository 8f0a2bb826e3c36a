using MailDsl.Model;
using MailDsl.Render;
using MailDsl.Rules;
using Xunit;
using static MailDsl.Core.Tests.Rules.RuleTesting;

namespace MailDsl.Core.Tests.Rules;

/// <summary>
/// The injection classes of issue 25, one test each, at the entry points the directory, SQL, storage, secrets and SOGo's
/// database added: each hostile value is an error at its argument (so nothing is written), and where a syntax can hold a
/// value literally, the emitted text holds it encoded. The daemons' own readings of the same files are in
/// MailDsl.Render.Tests (InjectionReadBackTests), on both targets.
/// </summary>
public class InjectionClassTests
{
    private static Platform Webmail(Action<Platform>? more = null, string ca = "/etc/pki/CA/certs/example-ca.crt")
    {
        var p = Minimal().Target(Distro.Debian12).CertificateAuthority(ca)
            .Directory(d => d.Ldap(LdapSchema.ActiveDirectory).Server("dc01.example.org", LdapSecurity.Ldaps)
                .BaseDn("dc=example,dc=org").BindAs("cn=mail,dc=example,dc=org", Secret.File("/etc/maildsl/secrets/ldap-bind")))
            .Mailstore(m => m.Hosts("store-01.example.org"))
            .Webmail(w => w.Hosts("web-01.example.org")
                .Database(db => db.PostgreSql("db.example.org").Name("sogo").Login("sogo", Secret.File("/etc/maildsl/secrets/sogo-db"))));
        more?.Invoke(p);
        return p;
    }

    private static Platform SqlDirectory(Action<SqlDirectoryBuilder>? sql = null, string host = "db.example.org", DatabaseTls tls = DatabaseTls.VerifyFull,
        string root = "/var/vmail", string? indexes = null, string user = "vmail")
        => Minimal().Target(Distro.Debian12).CertificateAuthority("/etc/pki/CA/certs/example-ca.crt")
            .Directory(d =>
            {
                var s = d.Sql(db => db.PostgreSql(host).Name("mail").Login("dovecot", Secret.File("/etc/maildsl/secrets/directory-db")).Tls(tls));
                sql?.Invoke(s);
            })
            .SmtpIn(s => s.Hosts("mx-01.example.org"))
            .Mailstore(m => m.Hosts("store-01.example.org").Storage(s =>
            {
                s.Local(root).Owner(user, 5000, 5000);
                if (indexes is not null) s.LocalIndexes(indexes);
            }));

    private static IReadOnlyList<Finding> Errors(Platform platform)
        => MailDsl.Rules.RuleSet.Check(platform.Build()).Where(f => f.Severity == Severity.Error).ToList();

    private static string File(Platform platform, string host, string path)
        => PlatformRenderer.Render(platform.Build()).Single(a => a.Host == host && a.Path == path).Content;

    // 1. A CA path reaches /etc/default/sogo, which install.sh's start command and Debian's init script source as root.
    [Theory]
    [InlineData("/etc/pki/CA/certs/ca.crt>/tmp/pwned")]
    [InlineData("/etc/pki/CA/certs/ca.crt&/tmp/run")]
    [InlineData("/etc/pki/CA/certs/ca.crt|tee")]
    [InlineData("/etc/pki/CA/certs/ca(1).crt")]
    [InlineData("/etc/pki/CA/certs/ca.crt<x")]
    [InlineData("/etc/pki/CA/certs/~root/ca.crt")]
    [InlineData("/etc/pki/CA/certs/*.crt")]
    public void A_ca_path_with_shell_metacharacters_is_an_error_at_the_argument(string ca)
    {
        var errors = Errors(Webmail(ca: ca));

        Assert.Contains(errors, f => f.OriginKey == "platform.ca");
    }

    [Fact]
    public void The_environment_file_sogod_sources_holds_every_value_single_quoted_for_the_shell()
    {
        var text = File(Webmail(), "web-01.example.org", "/etc/default/sogo");
        var assignments = text.Split('\n').Where(l => l.Length > 0 && !l.StartsWith('#') && !l.StartsWith("export ", StringComparison.Ordinal)).ToList();

        Assert.NotEmpty(assignments);
        Assert.All(assignments, l => Assert.Matches("^[A-Z_][A-Z0-9_]*='[^']*'$", l));
        Assert.Contains("SSL_CERT_FILE='/etc/pki/CA/certs/example-ca.crt'", assignments);
    }

    // 2. The same CA path, written into a libpq connection URI, could add URI parameters.
    [Theory]
    [InlineData("/etc/pki/CA/certs/ca.crt&sslmode=disable")]
    [InlineData("/etc/pki/CA/certs/ca.crt?sslmode=disable")]
    [InlineData("/etc/pki/CA/certs/ca.crt#x")]
    [InlineData("/etc/pki/CA/certs/ca%26sslmode=disable")]
    public void A_ca_path_that_would_add_uri_parameters_is_an_error_at_the_argument(string ca)
    {
        var errors = Errors(SqlDirectory().CertificateAuthority(ca));

        Assert.Contains(errors, f => f.OriginKey == "platform.ca");
    }

    // 3. '%' sequences in directory values, SQL comment tokens in SQL names.
    [Theory]
    [InlineData("ou=%d,dc=example,dc=org")]
    [InlineData("ou=100%u,dc=example,dc=org")]
    public void A_percent_in_a_dn_reaches_no_file_as_a_variable_but_as_an_rfc_4514_escape(string dn)
    {
        var platform = Webmail(p => p.Directory(d => d.Ldap(LdapSchema.ActiveDirectory).BaseDn(dn)));

        Assert.Empty(Errors(platform));
        var files = PlatformRenderer.Render(platform.Build());
        var recipients = files.Single(a => a.Host == "store-01.example.org" && a.Path == "/etc/postfix/maildsl-recipients.cf").Content;
        var passdb = files.Single(a => a.Host == "store-01.example.org" && a.Path == "/etc/dovecot/maildsl-passdb.conf.ext").Content;
        var sogo = files.Single(a => a.Host == "web-01.example.org" && a.Path == "/etc/sogo/sogo.conf").Content;
        var escaped = dn.Replace("%", "\\25", StringComparison.Ordinal);
        Assert.Contains("search_base = " + escaped + "\n", recipients);
        Assert.Contains("base = \"" + escaped.Replace("\\", "\\\\", StringComparison.Ordinal) + "\"\n", passdb);
        Assert.Contains("baseDN = \"" + escaped.Replace("\\", "\\\\", StringComparison.Ordinal) + "\";", sogo);
    }

    [Theory]
    [InlineData("mail_users--")]
    [InlineData("mail_users-- ")]
    [InlineData("-mail_users")]
    [InlineData("mail-users")]
    [InlineData("1users")]
    public void A_sql_table_name_with_a_comment_token_or_outside_the_identifier_grammar_is_an_error_at_the_argument(string table)
    {
        var errors = Errors(SqlDirectory(s => s.Table(table)));

        Assert.Contains(errors, f => f.OriginKey == "directory.sql.table");
    }

    [Theory]
    [InlineData("quota--")]
    [InlineData("quota%u")]
    [InlineData("-quota")]
    public void A_sql_quota_column_with_a_comment_token_or_a_variable_is_an_error_at_the_argument(string column)
    {
        var errors = Errors(SqlDirectory(s => s.Quota(column)));

        Assert.Contains(errors, f => f.OriginKey == "directory.quota");
    }

    [Fact]
    public void Sql_identifiers_are_written_quoted_for_postgresql_folded_as_postgresql_folds_a_bare_one()
    {
        var platform = SqlDirectory(s => s.Table("Mail_Users").Quota("quota"));

        Assert.Empty(Errors(platform));
        var query = File(platform, "mx-01.example.org", "/etc/postfix/maildsl-recipients.cf");
        Assert.Contains("FROM \"mail_users\" WHERE", query);
        var userdb = File(platform, "store-01.example.org", "/etc/dovecot/maildsl-userdb.conf.ext");
        Assert.Contains("\"quota\" AS quota_rule", userdb.Replace("\\\"", "\"", StringComparison.Ordinal));
    }

    // 4. List separators: alias targets, Dovecot's user_attrs (through the storage root), mail_location (through the index path).
    [Theory]
    [InlineData("it@example.org,root@example.org")]
    [InlineData("it@example.org root@example.org")]
    [InlineData("it@example.org;root@example.org")]
    [InlineData("it")]
    [InlineData("-it@example.org")]
    [InlineData("it@example.org:x")]
    public void An_alias_target_that_is_not_one_mail_address_is_an_error_at_the_argument(string target)
    {
        var errors = Errors(Webmail(p => p.Directory(d => d.Ldap(LdapSchema.ActiveDirectory).AddAlias("postmaster@example.org", target))));

        Assert.Contains(errors, f => f.OriginKey == "directory.alias.0.target.0");
    }

    [Theory]
    [InlineData("/var/vmail,=uid=0")]
    [InlineData("/var/vmail=x")]
    [InlineData("/var/vmail:INDEX=MEMORY")]
    [InlineData("/var/vmail%u")]
    public void A_storage_root_with_a_list_separator_or_a_variable_is_an_error_at_the_argument(string root)
    {
        var errors = Errors(SqlDirectory(root: root));

        Assert.Contains(errors, f => f.OriginKey == "mailstore.storage.root");
    }

    [Theory]
    [InlineData("maildiraaaa:~/Maildir")]
    [InlineData("Maildir:~/Maildir")]
    [InlineData("dbox:~/dbox")]
    [InlineData("imapc:")]
    public void A_mail_location_naming_a_driver_dovecot_has_no_mailbox_format_for_is_an_error_at_the_argument(string location)
    {
        var errors = Errors(Minimal().Target(Distro.Debian12).Mailstore(m => m.Hosts("store-01.example.org").MailLocation(location)));

        Assert.Contains(errors, f => f.RuleId == "MAIL3001" && f.OriginKey == OriginKeys.Mailstore.MailLocation && f.Message.Contains("mail driver", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("maildir:~/Maildir")]
    [InlineData("mbox:~/mail:INBOX=/var/mail/%u")]
    [InlineData("sdbox:~/sdbox")]
    [InlineData("mdbox:~/mdbox")]
    public void A_mail_location_of_each_mailbox_format_passes(string location)
        => Assert.Empty(Errors(Minimal().Target(Distro.Debian12).Mailstore(m => m.Hosts("store-01.example.org").MailLocation(location))));

    [Theory]
    [InlineData("/var/lib/dovecot/index:CONTROL=/tmp")]
    [InlineData("/var/lib/dovecot/index,x")]
    public void An_index_path_that_would_add_mail_location_parameters_is_an_error_at_the_argument(string path)
    {
        var errors = Errors(SqlDirectory(indexes: path));

        Assert.Contains(errors, f => f.OriginKey == "mailstore.storage.indexes");
    }

    // 5. Names reaching commands as options, and environment names install.sh uses itself.
    [Theory]
    [InlineData("-ovmail")]
    [InlineData("--help")]
    [InlineData("vmail$")]
    [InlineData("Vmail")]
    [InlineData("v mail")]
    public void A_mail_user_that_is_not_a_portable_user_name_is_an_error_at_the_argument(string user)
    {
        var errors = Errors(SqlDirectory(user: user));

        Assert.Contains(errors, f => f.OriginKey == "mailstore.storage.user");
    }

    [Fact]
    public void Install_sh_ends_the_options_of_every_command_that_takes_the_mail_users_name()
    {
        var model = SqlDirectory().Build();
        var topology = MailDsl.Topology.PlatformTopology.Of(model);
        var store = topology.Hosts.Single(h => h.Name == "store-01.example.org");
        var steps = string.Join("\n", Daemons.Dovecot.DovecotModule.Instance.Prepare(topology.Target, store));

        foreach (var command in new[] { "getent group", "getent passwd", "groupadd", "useradd", "id -u", "id -g" })
        {
            var uses = System.Text.RegularExpressions.Regex.Matches(steps, System.Text.RegularExpressions.Regex.Escape(command) + "[^;|&\n]*?'vmail'");
            Assert.NotEmpty(uses);
            Assert.All(uses, m => Assert.EndsWith(" -- 'vmail'", m.Value));
        }
        Assert.Contains("install -d -o 5000 -g 5000 -m 0770 -- '/var/vmail'", steps);
    }

    [Theory]
    [InlineData("host")]
    [InlineData("key")]
    [InlineData("packages")]
    [InlineData("MAILDSL_KEEP_BACKUPS")]
    [InlineData("MAILDSL_HEALTH_TIMEOUT")]
    [InlineData("MAILDSL_SCRATCH")]
    [InlineData("PATH")]
    [InlineData("BASH_ENV")]
    [InlineData("RANDOM")]
    [InlineData("IFS")]
    [InlineData("ldap_bind")]
    public void A_secret_environment_variable_install_sh_uses_itself_or_outside_upper_case_is_an_error_at_the_argument(string name)
    {
        var errors = Errors(Webmail(p => p.Directory(d => d.Ldap(LdapSchema.ActiveDirectory)
            .BindAs("cn=mail,dc=example,dc=org", Secret.Environment(name)))));

        Assert.Contains(errors, f => f.OriginKey == "directory.ldap.bindPassword.value");
    }

    [Fact]
    public void A_secret_environment_variable_of_its_own_passes()
    {
        var errors = Errors(Webmail(p => p.Directory(d => d.Ldap(LdapSchema.ActiveDirectory)
            .BindAs("cn=mail,dc=example,dc=org", Secret.Environment("LDAP_BIND_PASSWORD")))));

        Assert.Empty(errors);
    }

    // 6. A name beginning with "127." is not loopback: TLS is still required to it.
    [Theory]
    [InlineData("127.evil.example")]
    [InlineData("127.0.0.1.evil.example")]
    [InlineData("localhost.evil.example")]
    [InlineData("::1.evil.example")]
    public void A_database_named_like_loopback_is_dialled_with_tls_like_any_other_host(string host)
    {
        var errors = Errors(SqlDirectory(host: host, tls: DatabaseTls.Disabled));

        Assert.Contains(errors, f => f.RuleId == "MAIL5002" || (f.RuleId == "MAIL3003" && f.OriginKey == "directory.sql.database.host"));
    }

    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("127.10.20.30")]
    [InlineData("::1")]
    [InlineData("localhost")]
    [InlineData("LocalHost")]
    public void A_database_on_a_loopback_address_or_localhost_needs_no_tls(string host)
    {
        var errors = Errors(SqlDirectory(host: host, tls: DatabaseTls.Disabled));

        Assert.DoesNotContain(errors, f => f.RuleId == "MAIL5002");
    }

    [Fact]
    public void A_directory_server_named_like_loopback_is_dialled_with_tls()
    {
        var errors = Errors(Webmail(p => p.Directory(d => d.Ldap(LdapSchema.ActiveDirectory).Server("127.evil.example", LdapSecurity.Plain))));

        Assert.Contains(errors, f => f.RuleId == "MAIL5001");
    }

    // 7. IPv6 literals in URLs.
    [Fact]
    public void An_ipv6_database_server_is_bracketed_in_every_url()
    {
        var platform = Minimal().Target(Distro.Debian12).CertificateAuthority("/etc/pki/CA/certs/example-ca.crt")
            .Directory(d => d.Sql(db => db.PostgreSql("2001:db8::6").Name("mail").Login("dovecot", Secret.File("/etc/maildsl/secrets/directory-db"))))
            .SmtpIn(s => s.Hosts("mx-01.example.org"))
            .Mailstore(m => m.Hosts("store-01.example.org"))
            .Webmail(w => w.Hosts("web-01.example.org")
                .Database(db => db.PostgreSql("2001:db8::5").Name("sogo").Login("sogo", Secret.File("/etc/maildsl/secrets/sogo-db"))));

        Assert.Empty(Errors(platform));
        var files = PlatformRenderer.Render(platform.Build());
        var sogo = files.Single(a => a.Path == "/etc/sogo/sogo.conf").Content;
        var postfix = files.Single(a => a.Host == "mx-01.example.org" && a.Path == "/etc/postfix/maildsl-recipients.cf").Content;
        Assert.Contains("@[2001:db8::5]:5432/sogo/sogo_user_profile", sogo);
        Assert.Contains("@[2001:db8::6]:5432/mail/", sogo);
        Assert.Contains("@[2001:db8::6]:5432/mail?", postfix);
        Assert.DoesNotContain("@2001:db8", sogo + postfix);
    }

    [Fact]
    public void An_ipv6_mariadb_server_is_bracketed_in_postfixs_inet_address()
    {
        var platform = Minimal().Target(Distro.Debian12).CertificateAuthority("/etc/pki/CA/certs/example-ca.crt")
            .Directory(d => d.Sql(db => db.MariaDb("2001:db8::6").Name("mail").Login("dovecot", Secret.File("/etc/maildsl/secrets/directory-db"))))
            .SmtpIn(s => s.Hosts("mx-01.example.org"))
            .Mailstore(m => m.Hosts("store-01.example.org"));

        Assert.Empty(Errors(platform));
        Assert.Contains("hosts = inet:[2001:db8::6]:3306\n", File(platform, "mx-01.example.org", "/etc/postfix/maildsl-recipients.cf"));
    }
}
