using Xunit;

namespace MailDsl.Generators.Tests;

/// <summary>
/// Issue 22's diagnostics (MAIL5020-MAIL5024): state shared by many hosts, through the real analyzer, at the argument they
/// point at, on both Debian targets; each with the near miss that must stay silent.
/// </summary>
public sealed class SharedStateDiagnosticTests
{
    private const string Directory = """
        .CertificateAuthority("/etc/pki/CA/certs/example-ca.crt")
        .Directory(d => d.Ldap(LdapSchema.ActiveDirectory)
            .Server("dc01.example.org", LdapSecurity.Ldaps)
            .BaseDn("dc=example,dc=org")
            .BindAs("cn=mailapps,ou=services,dc=example,dc=org", Secret.File("/etc/maildsl/secrets/ldap-bind")))
        """;

    private const string Db = """db.PostgreSql("db01.example.org").Name("sogo").Login("sogo", Secret.File("/etc/maildsl/secrets/sogo-db"))""";

    public static TheoryData<string> Targets => new() { "Distro.Debian12", "Distro.Debian13" };

    private static string Platform(string target, string store, string web = "")
        => Harness.Platform(".Target(" + target + ")" + Directory + store + web);

    private static string Stores(string storage = "s => s.Nfs(\"/srv/vmail\")", string more = "")
        => $$""".Mailstore(m => m.Hosts("store-01.example.org", "store-02.example.org").Imaps(993).Storage({{storage}}){{more}})""";

    private static string Webs(string database = Db, string more = "", string hosts = "\"web-01.example.org\", \"web-02.example.org\"")
        => $$""".Webmail(w => w.Hosts({{hosts}}).Database(db => {{database}}){{more}})""";

    [Theory, MemberData(nameof(Targets))]
    public async Task Two_mailstores_on_nfs_and_two_webmail_hosts_sharing_cache_and_database_are_clean(string target)
        => Assert.Empty(await Harness.AnalyzeAsync(Platform(target, Stores(), Webs())));

    [Theory, MemberData(nameof(Targets))]
    public async Task MAIL5020_any_host_opening_any_mailbox_points_at_the_access(string target)
        => Assert.Equal(new[] { new Seen("MAIL5020", "MailboxAccess.AnyHost") },
            await Harness.AnalyzeAsync(Platform(target, Stores("s => s.Nfs(\"/srv/vmail\").Access(MailboxAccess.AnyHost)"), Webs())));

    [Theory, MemberData(nameof(Targets))]
    public async Task MAIL5020_stays_silent_for_one_host_that_opens_every_mailbox(string target)
        => Assert.Empty(await Harness.AnalyzeAsync(Harness.Platform(".Target(" + target + ")" + Directory
            + """.Mailstore(m => m.Hosts("store-01.example.org").Imaps(993).Storage(s => s.Nfs("/srv/vmail").Access(MailboxAccess.AnyHost)))""" + Webs())));

    [Theory, MemberData(nameof(Targets))]
    public async Task MAIL5021_mail_nfs_index_yes_points_at_the_value(string target)
        => Assert.Equal(new[] { new Seen("MAIL5021", "\"yes\"") },
            await Harness.AnalyzeAsync(Platform(target, Stores(more: ".DovecotSetting(\"mail_nfs_index\", \"yes\")"), Webs())));

    [Theory, MemberData(nameof(Targets))]
    public async Task MAIL5021_stays_silent_for_mail_nfs_storage_no(string target)
        => Assert.Empty(await Harness.AnalyzeAsync(Platform(target, Stores(more: ".DovecotSetting(\"mail_nfs_storage\", \"no\")"), Webs())));

    [Theory, MemberData(nameof(Targets))]
    public async Task MAIL5022_a_cache_per_webmail_host_points_at_the_argument(string target)
        => Assert.Equal(new[] { new Seen("MAIL5022", "SogoCache.PerHost") },
            await Harness.AnalyzeAsync(Platform(target, Stores(), Webs(more: ".Cache(SogoCache.PerHost)"))));

    [Theory, MemberData(nameof(Targets))]
    public async Task MAIL5022_a_raw_loopback_memcached_points_at_its_value(string target)
        => Assert.Equal(new[] { new Seen("MAIL5022", "\"\\\"127.0.0.1:11211\\\"\"") },
            await Harness.AnalyzeAsync(Platform(target, Stores(), Webs(more: ".SogoSetting(\"SOGoMemcachedHost\", \"\\\"127.0.0.1:11211\\\"\")"))));

    [Theory, MemberData(nameof(Targets))]
    public async Task MAIL5022_stays_silent_for_one_webmail_host_with_its_own_cache(string target)
        => Assert.Empty(await Harness.AnalyzeAsync(Platform(target, Stores(), Webs(more: ".Cache(SogoCache.PerHost)", hosts: "\"web-01.example.org\""))));

    [Theory, MemberData(nameof(Targets))]
    public async Task MAIL5023_a_localhost_database_on_two_webmail_hosts_points_at_localhost(string target)
        => Assert.Equal(new[] { new Seen("MAIL5023", "\"localhost\"") },
            await Harness.AnalyzeAsync(Platform(target, Stores(), Webs("""db.PostgreSql("localhost").Name("sogo").Login("sogo", Secret.File("/etc/maildsl/secrets/sogo-db"))"""))));

    [Theory, MemberData(nameof(Targets))]
    public async Task MAIL5023_stays_silent_for_one_webmail_host_on_localhost(string target)
        => Assert.Empty(await Harness.AnalyzeAsync(Platform(target, Stores(),
            Webs("""db.PostgreSql("localhost").Name("sogo").Login("sogo", Secret.File("/etc/maildsl/secrets/sogo-db"))""", hosts: "\"web-01.example.org\""))));

    [Theory, MemberData(nameof(Targets))]
    public async Task MAIL5024_lmtp_proxy_off_points_at_the_value(string target)
        => Assert.Equal(new[] { new Seen("MAIL5024", "\"no\"") },
            await Harness.AnalyzeAsync(Platform(target, Stores(more: ".DovecotSetting(\"lmtp_proxy\", \"no\")"), Webs())));

    [Theory, MemberData(nameof(Targets))]
    public async Task MAIL5024_a_postfix_transport_around_lmtp_points_at_the_value(string target)
        => Assert.Equal(new[] { new Seen("MAIL5024", "\"dovecot\"") },
            await Harness.AnalyzeAsync(Platform(target, Stores(more: ".PostfixSetting(\"virtual_transport\", \"dovecot\")"), Webs())));

    [Theory, MemberData(nameof(Targets))]
    public async Task MAIL5024_stays_silent_on_a_single_mailstore_host(string target)
        => Assert.Empty(await Harness.AnalyzeAsync(Harness.Platform(".Target(" + target + ")" + Directory
            + """.Mailstore(m => m.Hosts("store-01.example.org").Imaps(993).Storage(s => s.Nfs("/srv/vmail")).DovecotSetting("lmtp_proxy", "no"))""" + Webs())));
}
