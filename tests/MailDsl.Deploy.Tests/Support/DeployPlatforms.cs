using MailDsl.Model;
using MailDsl.TestPlatform;

namespace MailDsl.Deploy.Tests.Support;

/// <summary>
/// The platforms the deployment tests install, described with the DSL as an operator would, every daemon on 127.0.0.1
/// on the free ports given: one host serving every layer, or one host per layer. Like the integration platform, the
/// raw settings only send Postfix's and Dovecot's logs to files (there is no syslog in a sandbox) and let Postfix
/// resolve names from /etc/hosts.
/// </summary>
public static class DeployPlatforms
{
    /// <summary>The mail domain.</summary>
    public const string Domain = "deploy.maildsl.internal";

    /// <summary>The host that serves every layer.</summary>
    public const string AllInOne = "mail." + Domain;

    /// <summary>The mailstore host of the one-host-per-layer platform.</summary>
    public const string Store = "store." + Domain;

    /// <summary>The MX of the one-host-per-layer platform.</summary>
    public const string Mx = "mx." + Domain;

    /// <summary>The relay of the one-host-per-layer platform.</summary>
    public const string Relay = "relay." + Domain;

    /// <summary>The webmail host of the one-host-per-layer platform.</summary>
    public const string Web = "web." + Domain;

    /// <summary>The MX layer's VIP: a name the MX serves, so install.sh checks the certificate covers it.</summary>
    public const string MxVip = "smtp." + Domain;

    /// <summary>Every name the test certificate covers.</summary>
    public static readonly IReadOnlyList<string> Names = new[] { AllInOne, Store, Mx, Relay, Web, MxVip };

    /// <summary>Where every host keeps the certificate chain.</summary>
    public const string CertificatePath = "/etc/ssl/maildsl/deploy.crt";

    /// <summary>Where every host keeps the private key.</summary>
    public const string KeyPath = "/etc/ssl/maildsl/deploy.key";

    /// <summary>Where Postfix logs.</summary>
    public const string PostfixLog = "/var/log/postfix.log";

    /// <summary>Where Dovecot logs.</summary>
    public const string DovecotLog = "/var/log/dovecot.log";

    /// <summary>Every layer on <see cref="AllInOne"/>, for <paramref name="target"/>, with <paramref name="banner"/> as the platform's banner.</summary>
    /// <param name="target">The target.</param>
    /// <param name="ports">The listeners' ports.</param>
    /// <param name="banner">The platform's banner (Postfix's greeting and SOGo's page title).</param>
    /// <param name="webmailAddress">The address nginx listens on.</param>
    /// <param name="hostLookup">How the MX's and relay's Postfix resolve names (a setting of main.cf alone).</param>
    public static Platform DescribeAllInOne(Distro target, LoopbackPorts ports, string banner = "MailDsl deployment test", string webmailAddress = "127.0.0.1", string hostLookup = "native")
        => Layers(Platform.Create(Domain).Banner(banner).Target(target).Certificate(CertificatePath, KeyPath).Tls(TlsProfile.Intermediate),
            ports, AllInOne, AllInOne, AllInOne, AllInOne, webmailAddress, hostLookup);

    /// <summary>One host per layer, for <paramref name="target"/>.</summary>
    public static Platform DescribeLayers(Distro target, LoopbackPorts ports)
        => Layers(Platform.Create(Domain).Banner("MailDsl deployment test").Target(target).Certificate(CertificatePath, KeyPath).Tls(TlsProfile.Intermediate),
            ports, Mx, Relay, Store, Web, "127.0.0.1", "native");

    /// <summary>One host per layer with Mozilla's 5.7 intermediate profile, whose DHE suites bring the DH group file.</summary>
    public static Platform DescribeLayersWithDhe(Distro target, LoopbackPorts ports)
        => Layers(Platform.Create(Domain).Banner("MailDsl deployment test").Target(target).Certificate(CertificatePath, KeyPath).Tls(TlsProfile.Intermediate, TlsGuideline.Mozilla57),
            ports, Mx, Relay, Store, Web, "127.0.0.1", "native");

    /// <summary>Where <see cref="DescribeAllInOneWithSecrets"/> reads the directory's bind password on the host.</summary>
    public const string BindSecretPath = "/etc/maildsl/ldap-bind.secret";

    /// <summary>The environment variable <see cref="DescribeAllInOneWithSecrets"/> reads SOGo's database password from.</summary>
    public const string DatabaseSecretVariable = "MAILDSL_DEPLOY_SOGO_DB";

    /// <summary>
    /// The all-in-one host with a directory and SOGo's database, whose passwords are secrets: the bind password read from a
    /// file on the host, the database's from the environment. Neither server runs: the daemons start and check without them.
    /// </summary>
    public static Platform DescribeAllInOneWithSecrets(Distro target, LoopbackPorts ports)
        => Layers(Platform.Create(Domain).Banner("MailDsl deployment test").Target(target).Certificate(CertificatePath, KeyPath).Tls(TlsProfile.Intermediate)
                .Directory(d => d.Ldap(LdapSchema.InetOrgPerson).Server("ldap." + Domain, LdapSecurity.Ldaps, 636)
                    .BaseDn("ou=people,dc=deploy,dc=maildsl,dc=internal")
                    .BindAs("cn=mail,dc=deploy,dc=maildsl,dc=internal", Secret.File(BindSecretPath))),
            ports, AllInOne, AllInOne, AllInOne, AllInOne, "127.0.0.1", "native",
            db => db.PostgreSql("db." + Domain, 5432).Name("sogo").Login("sogo", Secret.Environment(DatabaseSecretVariable)));

    /// <summary>Where the webmail's own certificate is kept in <see cref="DescribeRenewal"/>.</summary>
    public const string WebCertificatePath = "/etc/ssl/maildsl/web.crt";

    /// <summary>Its key.</summary>
    public const string WebKeyPath = "/etc/ssl/maildsl/web.key";

    /// <summary>
    /// The all-in-one host with secrets and ManageSieve, whose certificates certbot renews: the platform's (lineage
    /// <c>mail</c>: Postfix and Dovecot present it) and the webmail's own (lineage <c>web</c>: nginx presents it), each
    /// renewed with a new key.
    /// </summary>
    public static Platform DescribeRenewal(Distro target, LoopbackPorts ports)
        => Layers(Platform.Create(Domain).Banner("MailDsl deployment test").Target(target)
                .Certificate(CertificatePath, KeyPath, c => c.RenewedByCertbot("mail", reuseKey: false)).Tls(TlsProfile.Intermediate)
                .Directory(d => d.Ldap(LdapSchema.InetOrgPerson).Server("ldap." + Domain, LdapSecurity.Ldaps, 636)
                    .BaseDn("ou=people,dc=deploy,dc=maildsl,dc=internal")
                    .BindAs("cn=mail,dc=deploy,dc=maildsl,dc=internal", Secret.File(BindSecretPath))),
            ports, AllInOne, AllInOne, AllInOne, AllInOne, "127.0.0.1", "native",
            db => db.PostgreSql("db." + Domain, 5432).Name("sogo").Login("sogo", Secret.Environment(DatabaseSecretVariable)),
            sieve: true, webCertificate: true);

    /// <summary>Where <see cref="DescribeSqlDirectory"/> reads the directory database's password on the host.</summary>
    public const string DirectorySecretPath = "/etc/maildsl/directory-db.secret";

    /// <summary>
    /// Users in a table of a <paramref name="engine"/> database, SOGo's database of the same engine: every layer on
    /// <see cref="AllInOne"/>, or one host per layer. Postfix and Dovecot read the table through their own driver of that
    /// engine (another package for each); no server runs. SOGo's MariaDB is on the webmail host itself (localhost), as
    /// MAIL5008 asks of a SOGo without TLS to MariaDB (Debian 12's).
    /// </summary>
    public static Platform DescribeSqlDirectory(Distro target, LoopbackPorts ports, SqlEngine engine, bool oneHostPerLayer)
    {
        DatabaseBuilder Server(DatabaseBuilder db) => engine == SqlEngine.MariaDb ? db.MariaDb("db." + Domain) : db.PostgreSql("db." + Domain);
        var platform = Platform.Create(Domain).Banner("MailDsl deployment test").Target(target).Certificate(CertificatePath, KeyPath).Tls(TlsProfile.Intermediate)
            .Directory(d => d.Sql(db => Server(db).Name("mail").Login("dovecot", Secret.File(DirectorySecretPath))).Table("mail_users"));
        void Database(DatabaseBuilder db) => (engine == SqlEngine.MariaDb ? db.MariaDb("localhost") : Server(db)).Name("sogo").Login("sogo", Secret.Environment(DatabaseSecretVariable));
        return oneHostPerLayer
            ? Layers(platform, ports, Mx, Relay, Store, Web, "127.0.0.1", "native", Database)
            : Layers(platform, ports, AllInOne, AllInOne, AllInOne, AllInOne, "127.0.0.1", "native", Database);
    }

    private static Platform Layers(Platform platform, LoopbackPorts ports, string mx, string relay, string store, string web, string webmailAddress, string hostLookup, Action<DatabaseBuilder>? database = null, bool sieve = false, bool webCertificate = false) => platform
        .SmtpIn(s => s.Hosts(mx).Vip(MxVip).ListenOn("127.0.0.1").Smtp(ports.MxSmtp).StartTls(TlsLevel.May)
            .PostfixSetting("maillog_file", PostfixLog)
            .PostfixSetting("smtp_host_lookup", hostLookup))
        .SmtpOut(s => s.Hosts(relay).ListenOn("127.0.0.1").Smtp(ports.RelaySmtp).Submission(ports.Submission).Submissions(ports.Submissions)
            .PostfixSetting("maillog_file", PostfixLog)
            .PostfixSetting("smtp_host_lookup", hostLookup)
            .DovecotSetting("log_path", DovecotLog))
        .Mailstore(m =>
        {
            m.Hosts(store).ListenOn("127.0.0.1").Smtp(ports.StoreSmtp).Imap(ports.Imap).Imaps(ports.Imaps).Pop3s(ports.Pop3s)
                .PostfixSetting("maillog_file", PostfixLog)
                .DovecotSetting("log_path", DovecotLog);
            if (sieve) m.ManageSieve(ports.Sieve);
        })
        .Webmail(w =>
        {
            w.Hosts(web).ListenOn(webmailAddress).Sogo(ports.Sogo).Memcached(ports.Memcached).Https(ports.Https).HttpRedirect(ports.Http);
            if (webCertificate) w.Certificate(WebCertificatePath, WebKeyPath, c => c.RenewedByCertbot("web", reuseKey: false));
            if (database is not null) w.Database(database);
        });
}
