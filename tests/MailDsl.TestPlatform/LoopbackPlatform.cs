using System.Net;
using System.Net.Sockets;
using MailDsl.Model;
using MailDsl.TestPlatform.Directories;

namespace MailDsl.TestPlatform;

/// <summary>
/// The test platform, described with the DSL as an operator would: one host per layer, every daemon bound to
/// 127.0.0.1, the layers dialling each other by name (the sandboxes' /etc/hosts say 127.0.0.1), Mozilla's
/// intermediate profile, for a target that runs here (Debian 12: this machine; Debian 13: the cached root). Its users
/// are in OpenLDAP (slapd, LDAPS only) in two mail domains, mailboxes on a shared directory standing in for NFS,
/// ManageSieve, SOGo's database in PostgreSQL (TLS only); the test certificate is self-signed, so it is the platform's CA
/// too. The raw settings only send the daemons' logs to files (there is no syslog here) and let Postfix resolve host
/// names from /etc/hosts (there is no DNS).
/// </summary>
public static class LoopbackPlatform
{
    /// <summary>The mail domain.</summary>
    public const string Domain = "test.maildsl.internal";

    /// <summary>The MX host.</summary>
    public const string Mx = "mx." + Domain;

    /// <summary>The outbound relay with submission.</summary>
    public const string Relay = "relay." + Domain;

    /// <summary>The mailstore: Dovecot and Postfix's final delivery.</summary>
    public const string Store = "store." + Domain;

    /// <summary>The webmail host: nginx in front of sogod.</summary>
    public const string Web = "web." + Domain;

    /// <summary>Where every host keeps the certificate chain, as the platform names it.</summary>
    public const string CertificatePath = "/etc/ssl/maildsl/allservers.crt";

    /// <summary>Where every host keeps the private key, as the platform names it.</summary>
    public const string KeyPath = "/etc/ssl/maildsl/allservers.key";

    /// <summary>Where Postfix logs on every host.</summary>
    public const string PostfixLog = "/var/log/postfix.log";

    /// <summary>Where Dovecot logs on every host that runs it.</summary>
    public const string DovecotLog = "/var/log/dovecot.log";

    /// <summary>The second mailstore host, described on its own (loopback gives one address to share), on the same storage.</summary>
    public const string Store2 = "store2." + Domain;

    /// <summary>Where the mailstore hosts mount the shared mail storage (a directory of the test's, bind-mounted, standing in for NFS).</summary>
    public const string SharedStorage = "/var/vmail";

    /// <summary>Every host name, for the sandboxes' /etc/hosts and the certificate's names.</summary>
    public static readonly IReadOnlyList<string> HostNames = new[] { Mx, Relay, Store, Web, Store2, TestDirectory.LdapHost, TestDirectory.DbHost };

    /// <summary>Describes the platform on <paramref name="ports"/>, for <paramref name="target"/>.</summary>
    public static Platform Describe(LoopbackPorts ports, Distro target) => Platform.Create(Domain)
        .AddMailDomain(TestDirectory.SecondDomain)
        .Banner("MailDsl loopback test platform")
        .Target(target)
        .Certificate(CertificatePath, KeyPath)
        .CertificateAuthority(CertificatePath)
        .Tls(TlsProfile.Intermediate)
        .Directory(d => Users(d, ports))
        .SmtpIn(s => s.Hosts(Mx).ListenOn("127.0.0.1").Smtp(ports.MxSmtp).StartTls(TlsLevel.May)
            .PostfixSetting("maillog_file", PostfixLog)
            .PostfixSetting("smtp_host_lookup", "native"))
        .SmtpOut(s => s.Hosts(Relay).ListenOn("127.0.0.1").Smtp(ports.RelaySmtp)
            .Submission(ports.Submission).Submissions(ports.Submissions)
            .PostfixSetting("maillog_file", PostfixLog)
            .PostfixSetting("smtp_host_lookup", "native")
            .DovecotSetting("log_path", DovecotLog))
        .Mailstore(m => m.Hosts(Store).ListenOn("127.0.0.1").Smtp(ports.StoreSmtp)
            .Imap(ports.Imap).Imaps(ports.Imaps).Pop3s(ports.Pop3s).ManageSieve(ports.Sieve)
            .Storage(s => s.Nfs(SharedStorage))
            .PostfixSetting("maillog_file", PostfixLog)
            .DovecotSetting("log_path", DovecotLog))
        .Webmail(w => w.Hosts(Web).ListenOn("127.0.0.1")
            .Sogo(ports.Sogo).Memcached(ports.Memcached).Https(ports.Https).HttpRedirect(ports.Http)
            .Database(db => db.PostgreSql(TestDirectory.DbHost, ports.Directory.Postgres).Name(TestDirectory.SogoDbName)
                .Login(TestDirectory.SogoDbUser, Secret.File(TestDirectory.SogoSecretPath))));

    /// <summary>
    /// The second mailstore host: the same directory, domains and shared storage, its own ports. A layer's hosts share its
    /// ports, and on loopback two hosts would share one address too, so it is described as a platform of its own.
    /// </summary>
    public static Platform DescribeSecondStore(LoopbackPorts ports, Distro target) => Platform.Create(Domain)
        .AddMailDomain(TestDirectory.SecondDomain)
        .Target(target)
        .Certificate(CertificatePath, KeyPath)
        .CertificateAuthority(CertificatePath)
        .Tls(TlsProfile.Intermediate)
        .Directory(d => Users(d, ports))
        .Mailstore(m => m.Hosts(Store2).ListenOn("127.0.0.1").Smtp(ports.Store2Smtp).Imaps(ports.Store2Imaps)
            .Storage(s => s.Nfs(SharedStorage))
            .PostfixSetting("maillog_file", PostfixLog)
            .DovecotSetting("log_path", DovecotLog));

    // OpenLDAP (inetOrgPerson) over LDAPS, verified against the platform's CA; postmaster of the second domain goes to alice.
    private static void Users(DirectoryBuilder d, LoopbackPorts ports) => d.Ldap(LdapSchema.InetOrgPerson)
        .Server(TestDirectory.LdapHost, LdapSecurity.Ldaps, ports.Directory.Ldaps)
        .BaseDn("ou=people," + TestDirectory.BaseDn)
        .BindAs(TestDirectory.BindDn, Secret.File(TestDirectory.BindSecretPath))
        .AddAlias("postmaster@" + TestDirectory.SecondDomain, TestDirectory.Alice.Address);
}
