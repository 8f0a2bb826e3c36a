using MailDsl.Model;
using MailDsl.Rules;
using Xunit;
using static MailDsl.Core.Tests.Rules.RuleTesting;

namespace MailDsl.Core.Tests.Rules;

/// <summary>A clean platform with a directory, to vary one thing at a time.</summary>
internal static class DirectoryPlatforms
{
    public const string Bind = "cn=mailapps,ou=services,dc=example,dc=org";

    /// <summary>Active Directory over LDAPS, SOGo's database on PostgreSQL with verified TLS, NFS storage.</summary>
    public static Platform Clean(
        Action<LdapDirectoryBuilder>? ldap = null,
        Action<DatabaseBuilder>? database = null,
        Action<MailstoreBuilder>? mailstore = null,
        string domain = "example.org")
        => Minimal(domain)
            .CertificateAuthority("/etc/pki/CA/certs/example-ca.crt")
            .Directory(d =>
            {
                var l = d.Ldap(LdapSchema.ActiveDirectory)
                    .Server("dc01.example.org", LdapSecurity.Ldaps)
                    .BaseDn("dc=example,dc=org")
                    .BindAs(Bind, Secret.File("/etc/maildsl/secrets/ldap-bind"));
                ldap?.Invoke(l);
            })
            .Mailstore(m =>
            {
                m.Hosts("store-01.example.org", "store-02.example.org").Vip("imap.example.org")
                    .Storage(s => s.Nfs("/srv/vmail")).ManageSieve();
                mailstore?.Invoke(m);
            })
            .Webmail(w => w.Hosts("web-01.example.org").Database(db =>
            {
                db.PostgreSql("db01.example.org").Name("sogo").Login("sogo", Secret.File("/etc/maildsl/secrets/sogo-db"));
                database?.Invoke(db);
            }));
}

public class DirectoryPlatformTests
{
    [Fact]
    public void The_clean_directory_platform_has_no_findings()
    {
        var findings = AllFindings(DirectoryPlatforms.Clean().Build());
        Assert.True(findings.Count == 0, "unexpected findings:\n" + string.Join("\n", findings));
    }

    [Fact]
    public void The_model_keeps_where_secrets_live_and_never_a_written_password()
    {
        var model = DirectoryPlatforms.Clean(ldap: l => l.BindAs(DirectoryPlatforms.Bind, "Pass2016Mail")).Build();

        Assert.Equal(new SecretRef(SecretSource.Literal, ""), model.Directory!.Ldap!.BindPassword);
        Assert.DoesNotContain("Pass2016Mail", ModelText(model), StringComparison.Ordinal);
        Assert.Equal(new SecretRef(SecretSource.File, "/etc/maildsl/secrets/sogo-db"), model.Webmail!.Database!.Password);
    }

    [Fact]
    public void Ldap_ports_default_by_security_and_servers_add_up()
    {
        var model = DirectoryPlatforms.Clean(ldap: l => l.Server("dc02.example.org", LdapSecurity.StartTls).Server("dc03.example.org", LdapSecurity.Ldaps, 3269)).Build();

        Assert.Equal(new[] { 636, 389, 3269 }, model.Directory!.Ldap!.Servers.Select(s => s.Port));
    }

    private static string ModelText(PlatformModel model) => System.Text.Json.JsonSerializer.Serialize(model);
}

public class PlaintextDirectoryTests
{
    [Fact]
    public void The_series_ldap_on_389_without_tls_is_an_error_at_the_security_argument()
    {
        var model = Minimal().Directory(d => d.Ldap(LdapSchema.ActiveDirectory)
            .Server("172.16.11.63", LdapSecurity.Plain, 389)
            .BaseDn("dc=domain01,dc=dom")
            .BindAs("cn=correoapp,ou=mailapps,dc=domain01,dc=dom", Secret.File("/etc/maildsl/secrets/ldap-bind"))).Build();

        var f = Assert.Single(Findings(model, "MAIL5001"));
        Assert.Equal(Severity.Error, f.Severity);
        Assert.Equal("directory.ldap.server.0.security", f.OriginKey);
        Assert.Contains("'172.16.11.63'", f.Message);
        Assert.Contains("auth_bind", f.Message);
        Assert.Contains("LdapSecurity.Ldaps", f.Message);
    }

    [Theory]
    [InlineData("dc01.example.org", LdapSecurity.StartTls)]
    [InlineData("dc01.example.org", LdapSecurity.Ldaps)]
    [InlineData("localhost", LdapSecurity.Plain)]
    [InlineData("127.0.0.1", LdapSecurity.Plain)]
    public void Tls_or_a_server_on_the_host_itself_stays_silent(string host, LdapSecurity security)
    {
        var model = DirectoryPlatforms.Clean(ldap: l => l.Server(host, security)).Build();

        Assert.Empty(Findings(model, "MAIL5001"));
    }
}

public class PlaintextDatabaseTests
{
    [Fact]
    public void A_database_on_another_host_without_tls_is_an_error_at_the_tls_argument()
    {
        var model = DirectoryPlatforms.Clean(database: db => db.Tls(DatabaseTls.Disabled)).Build();

        var f = Assert.Single(Findings(model, "MAIL5002"));
        Assert.Equal("webmail.database.tls", f.OriginKey);
        Assert.Contains("SOGo's database on 'db01.example.org'", f.Message);
        Assert.Contains("DatabaseTls.VerifyFull", f.Message);
    }

    [Fact]
    public void The_series_mariadb_beside_sogo_on_localhost_stays_silent()
    {
        var model = DirectoryPlatforms.Clean(database: db => db.MariaDb("localhost").Tls(DatabaseTls.Disabled)).Build();

        Assert.Empty(Findings(model, "MAIL5002"));
        Assert.Empty(Findings(model, "MAIL5008"));
    }
}

public class UnverifiedServerTests
{
    [Fact]
    public void Ldaps_without_verification_is_an_error_at_the_verify_argument()
    {
        var model = DirectoryPlatforms.Clean(ldap: l => l.Server("dc02.example.org", LdapSecurity.Ldaps, verifyCertificate: false)).Build();

        var f = Assert.Single(Findings(model, "MAIL5003"));
        Assert.Equal("directory.ldap.server.1.verify", f.OriginKey);
        Assert.Contains("verifyCertificate: false", f.Message);
    }

    [Fact]
    public void Sslmode_require_is_an_error_at_the_tls_argument_and_verify_full_is_silent()
    {
        Assert.Equal("webmail.database.tls", Assert.Single(Findings(DirectoryPlatforms.Clean(database: db => db.Tls(DatabaseTls.Required)).Build(), "MAIL5003")).OriginKey);
        Assert.Empty(Findings(DirectoryPlatforms.Clean(database: db => db.Tls(DatabaseTls.VerifyFull)).Build(), "MAIL5003"));
    }

    [Fact]
    public void A_raw_dovecot_setting_turning_verification_off_is_an_error_and_yes_is_silent()
    {
        var off = DirectoryPlatforms.Clean(mailstore: m => m.DovecotSetting("ssl_client_require_valid_cert", "no")).Build();
        var on = DirectoryPlatforms.Clean(mailstore: m => m.DovecotSetting("ssl_client_require_valid_cert", "yes")).Build();

        Assert.Equal("mailstore.setting.dovecot.ssl_client_require_valid_cert.0.value", Assert.Single(Findings(off, "MAIL5003")).OriginKey);
        Assert.Empty(Findings(on, "MAIL5003"));
    }
}

public class SecretInDescriptionTests
{
    [Fact]
    public void The_series_bind_password_written_as_a_string_is_an_error_that_never_repeats_it()
    {
        var model = DirectoryPlatforms.Clean(ldap: l => l.BindAs("cn=correoapp,ou=mailapps,dc=domain01,dc=dom", "Pass2016Mail")).Build();

        var f = Assert.Single(Findings(model, "MAIL5004"));
        Assert.Equal(Severity.Error, f.Severity);
        Assert.Equal("directory.ldap.bindPassword", f.OriginKey);
        Assert.Contains("Secret.File(\"/etc/maildsl/secrets/ldap-bind\")", f.Message);
        Assert.DoesNotContain("Pass2016Mail", f.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("P@ssw0rd")]
    [InlineData("Pass2016Mail")]
    public void A_password_in_place_of_a_path_is_an_error_at_the_path(string value)
    {
        var model = DirectoryPlatforms.Clean(database: db => db.Login("sogo", Secret.File(value))).Build();

        var f = Assert.Single(Findings(model, "MAIL5004"));
        Assert.Equal("webmail.database.password.value", f.OriginKey);
        Assert.DoesNotContain(value, f.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_password_in_place_of_a_variable_name_is_an_error_and_a_real_name_is_silent()
    {
        var bad = DirectoryPlatforms.Clean(ldap: l => l.BindAs(DirectoryPlatforms.Bind, Secret.Environment("P@ssw0rd!"))).Build();
        var good = DirectoryPlatforms.Clean(ldap: l => l.BindAs(DirectoryPlatforms.Bind, Secret.Environment("LDAP_BIND_PASSWORD"))).Build();

        Assert.Equal("directory.ldap.bindPassword.value", Assert.Single(Findings(bad, "MAIL5004")).OriginKey);
        Assert.Empty(Findings(good, "MAIL5004"));
        Assert.Empty(Findings(good, "MAIL5005"));
    }

    [Fact]
    public void A_password_in_a_raw_dovecot_setting_is_an_error_and_a_boolean_about_passwords_is_silent()
    {
        var model = DirectoryPlatforms.Clean(mailstore: m => m
            .DovecotSetting("ldap_auth_dn_password", "Pass2016Mail")
            .DovecotSetting("auth_verbose_passwords", "no")).Build();

        var f = Assert.Single(Findings(model, "MAIL5004"));
        Assert.Equal("mailstore.setting.dovecot.ldap_auth_dn_password.0.value", f.OriginKey);
        Assert.DoesNotContain("Pass2016Mail", f.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_password_in_the_url_sogo_dials_is_an_error_and_a_plain_url_is_silent()
    {
        var bad = Minimal().Webmail(w => w.Hosts("web.example.org").Imap("imaps://sogo:secret@imap.example.org:993")).Build();
        var good = Minimal().Webmail(w => w.Hosts("web.example.org").Imap("imaps://imap.example.org:993")).Build();

        Assert.Equal("webmail.imapServer", Assert.Single(Findings(bad, "MAIL5004")).OriginKey);
        Assert.Empty(Findings(good, "MAIL5004"));
    }
}

public class InvalidSecretSourceTests
{
    [Fact]
    public void A_relative_secret_path_is_an_error_at_the_path()
    {
        var model = DirectoryPlatforms.Clean(ldap: l => l.BindAs(DirectoryPlatforms.Bind, Secret.File("secrets/ldap-bind"))).Build();

        var f = Assert.Single(Findings(model, "MAIL5005"));
        Assert.Equal("directory.ldap.bindPassword.value", f.OriginKey);
        Assert.Contains("'secrets/ldap-bind'", f.Message);
        Assert.Empty(Findings(model, "MAIL5004"));
    }

    [Fact]
    public void A_variable_name_starting_with_a_digit_is_an_error()
    {
        var model = DirectoryPlatforms.Clean(database: db => db.Login("sogo", Secret.Environment("1PASSWORD"))).Build();

        Assert.Equal("webmail.database.password.value", Assert.Single(Findings(model, "MAIL5005")).OriginKey);
    }
}

public class MailboxOnOneHostTests
{
    [Fact]
    public void Two_hosts_on_local_storage_are_a_warning_at_the_storage_kind()
    {
        var model = DirectoryPlatforms.Clean(mailstore: m => m.Storage(s => s.Local("/var/vmail"))).Build();

        var f = Assert.Single(Findings(model, "MAIL5006"));
        Assert.Equal(Severity.Warning, f.Severity);
        Assert.Equal("mailstore.storage.kind", f.OriginKey);
        Assert.Contains("the VIP imap.example.org", f.Message);
        Assert.Contains("s.Nfs(", f.Message);
    }

    [Fact]
    public void Two_hosts_without_a_directory_split_mailboxes_too_and_the_second_host_is_pointed_at()
    {
        var model = Minimal().Mailstore(m => m.Hosts("store-01.example.org", "store-02.example.org")).Build();

        Assert.Equal("mailstore.hosts.1", Assert.Single(Findings(model, "MAIL5006")).OriginKey);
    }

    [Fact]
    public void A_large_layer_is_named_by_its_first_hosts_and_a_count_not_every_host()
    {
        // A 2,500-host mailstore once put every name in the message (60 KB in `check`'s table).
        var hosts = Enumerable.Range(1, 2500).Select(i => $"store-{i:D5}.example.org").ToArray();
        var model = Minimal().Mailstore(m => m.Hosts(hosts)).Build();

        var f = Assert.Single(Findings(model, "MAIL5006"));
        Assert.Contains("The mailstore has 2500 hosts (store-00001.example.org, store-00002.example.org, store-00003.example.org, store-00004.example.org and 2496 more)", f.Message);
        Assert.DoesNotContain("store-00005.example.org", f.Message);
    }

    [Fact]
    public void Local_indexes_under_shared_mail_are_a_warning_at_the_index_path()
    {
        var model = DirectoryPlatforms.Clean(mailstore: m => m.Storage(s => s.LocalIndexes("/var/lib/dovecot/index"))).Build();

        Assert.Equal("mailstore.storage.indexes", Assert.Single(Findings(model, "MAIL5006")).OriginKey);
    }

    [Fact]
    public void Nfs_with_indexes_on_it_or_one_host_on_local_disk_stays_silent()
    {
        Assert.Empty(Findings(DirectoryPlatforms.Clean().Build(), "MAIL5006"));
        var single = Minimal().Mailstore(m => m.Hosts("store-01.example.org").Storage(s => s.Local())).Build();
        Assert.Empty(Findings(single, "MAIL5006"));
    }
}

public class IncompleteWebmailTests
{
    [Fact]
    public void Sogo_without_directory_or_database_is_a_warning_naming_both()
    {
        var model = Minimal().Webmail(w => w.Hosts("web.example.org")).Build();

        var f = Assert.Single(Findings(model, "MAIL5007"));
        Assert.Equal(Severity.Warning, f.Severity);
        Assert.Contains("no user source", f.Message);
        Assert.Contains("no database", f.Message);
    }

    [Fact]
    public void Sogo_with_both_stays_silent()
        => Assert.Empty(Findings(DirectoryPlatforms.Clean().Build(), "MAIL5007"));
}

public class SogoMariaDbWithoutTlsTests
{
    [Fact]
    public void Debian_12s_sogo_to_a_remote_mariadb_is_an_error_at_the_host()
    {
        var model = DirectoryPlatforms.Clean(database: db => db.MariaDb("db01.example.org")).Target(Distro.Debian12).Build();

        var f = Assert.Single(Findings(model, "MAIL5008"));
        Assert.Equal("webmail.database.host", f.OriginKey);
        Assert.Contains("Debian 12's SOGo 5.8", f.Message);
    }

    [Fact]
    public void Debian_13s_sogo_or_postgresql_stays_silent()
    {
        Assert.Empty(Findings(DirectoryPlatforms.Clean(database: db => db.MariaDb("db01.example.org")).Target(Distro.Debian13).Build(), "MAIL5008"));
        Assert.Empty(Findings(DirectoryPlatforms.Clean().Target(Distro.Debian12).Build(), "MAIL5008"));
    }
}

public class AliasOutsideDomainsTests
{
    [Fact]
    public void An_alias_in_another_domain_is_a_warning_at_its_domain()
    {
        var model = DirectoryPlatforms.Clean(ldap: l => l.AddAlias("postmaster@example.net", "it@example.org")).Build();

        var f = Assert.Single(Findings(model, "MAIL5009"));
        Assert.Equal("directory.alias.0.address", f.OriginKey);
        Assert.Equal("postmaster@".Length, f.SubStart);
        Assert.Equal("example.net".Length, f.SubLength);
    }

    [Fact]
    public void An_alias_in_an_added_domain_stays_silent()
    {
        var model = DirectoryPlatforms.Clean(ldap: l => l.AddAlias("postmaster@example.net", "it@example.org")).AddMailDomain("example.net").Build();

        Assert.Empty(Findings(model, "MAIL5009"));
    }
}

public class LoginNotInSchemaTests
{
    [Fact]
    public void User_principal_names_in_openldap_are_an_error_and_in_active_directory_silent()
    {
        var openLdap = Minimal().Directory(d => d.Ldap(LdapSchema.InetOrgPerson).Server("ldap.example.org", LdapSecurity.Ldaps)
            .BaseDn("dc=example,dc=org").BindAs(DirectoryPlatforms.Bind, Secret.File("/etc/maildsl/secrets/ldap-bind"))
            .LoginWith(LoginName.PrincipalName)).Build();
        var ad = DirectoryPlatforms.Clean(ldap: l => l.LoginWith(LoginName.PrincipalName)).Build();

        Assert.Equal("directory.login", Assert.Single(Findings(openLdap, "MAIL5010")).OriginKey);
        Assert.Empty(Findings(ad, "MAIL5010"));
    }
}

public class NeedsDirectoryTests
{
    [Fact]
    public void Storage_managesieve_and_extra_domains_without_a_directory_are_errors_at_each()
    {
        var model = Minimal().AddMailDomain("example.net")
            .Mailstore(m => m.Hosts("store.example.org").Storage(s => s.Local()).ManageSieve()).Build();

        Assert.Equal(new[] { "mailstore.storage.kind", "mailstore.listener.sieve.port", "platform.mailDomains.0" },
            Findings(model, "MAIL5011").Select(f => f.OriginKey));
    }

    [Fact]
    public void The_same_with_a_directory_stays_silent()
        => Assert.Empty(Findings(DirectoryPlatforms.Clean().AddMailDomain("example.net").Build(), "MAIL5011"));
}

public class IncompleteDirectoryTests
{
    [Fact]
    public void An_ldap_directory_without_base_or_bind_account_is_an_error_for_each()
    {
        var model = Minimal().Directory(d => d.Ldap(LdapSchema.ActiveDirectory).Server("dc01.example.org", LdapSecurity.Ldaps)).Build();

        var findings = Findings(model, "MAIL5012");
        Assert.Equal(2, findings.Count);
        Assert.Contains(findings, f => f.Message.Contains(".BaseDn(", StringComparison.Ordinal));
        Assert.Contains(findings, f => f.Message.Contains(".BindAs(", StringComparison.Ordinal));
    }

    [Fact]
    public void A_database_without_a_login_is_an_error_and_a_complete_one_silent()
    {
        var model = Minimal().Webmail(w => w.Hosts("web.example.org").Database(db => db.PostgreSql("db.example.org").Name("sogo"))).Build();

        Assert.Equal("webmail.database", Assert.Single(Findings(model, "MAIL5012")).OriginKey);
        Assert.Empty(Findings(DirectoryPlatforms.Clean().Build(), "MAIL5012"));
    }
}

public class DirectoryValueTests
{
    [Fact]
    public void A_line_break_in_a_dn_is_unsafe_and_an_invalid_directory_host_is_not_a_host_name()
    {
        var model = DirectoryPlatforms.Clean(ldap: l => l.BaseDn("dc=example,\ndc=org").Server("dc_02.example.org", LdapSecurity.Ldaps)).Build();

        Assert.Contains(Findings(model, "MAIL3001"), f => f.OriginKey == "directory.ldap.baseDn");
        Assert.Contains(Findings(model, "MAIL3003"), f => f.OriginKey == "directory.ldap.server.1.host");
    }

    [Fact]
    public void A_relative_storage_path_is_a_relative_path()
    {
        var model = DirectoryPlatforms.Clean(mailstore: m => m.Storage(s => s.Nfs("srv/vmail"))).Build();

        Assert.Equal("mailstore.storage.root", Assert.Single(Findings(model, "MAIL3002")).OriginKey);
    }
}
