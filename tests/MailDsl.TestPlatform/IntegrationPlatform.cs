using MailDsl.Model;
using MailDsl.TestPlatform.Directories;
using MailDsl.TestPlatform.Network;

namespace MailDsl.TestPlatform;

/// <summary>
/// The integration tests' platform, described with the DSL as an operator would: two hosts per layer, each on a lab host
/// of its own (<see cref="LabPlatform"/>) with an address of its own and the standard ports, every layer behind a VIP the
/// other layers dial, held by two emitted balancer hosts (HAProxy passing every port through with PROXY v2, keepalived
/// holding the VIPs), TLSRef's intermediate profile, for a target that runs here (Debian 12: this machine; Debian 13: the
/// cached root). Its users are in OpenLDAP (slapd, LDAPS only) in two mail domains, mailboxes on a directory the
/// mailstore hosts share (standing in for NFS), ManageSieve, SOGo's database in PostgreSQL (TLS only); the test
/// certificate is self-signed, so it is the platform's CA too. The raw settings only send the daemons' logs to files
/// (there is no syslog in a sandbox) and let Postfix resolve host names from /etc/hosts (there is no DNS in the lab).
/// </summary>
public static class IntegrationPlatform
{
    /// <summary>The mail domain.</summary>
    public const string Domain = "test.maildsl.internal";

    /// <summary>The MX layer's VIP: the name senders and the relay dial.</summary>
    public const string MxVip = "mx." + Domain;

    /// <summary>The relay layer's VIP: submission for users and SOGo.</summary>
    public const string RelayVip = "relay." + Domain;

    /// <summary>The mailstore layer's VIP: IMAP, POP3, ManageSieve, and the MX's delivery.</summary>
    public const string StoreVip = "store." + Domain;

    /// <summary>The webmail layer's VIP.</summary>
    public const string WebVip = "web." + Domain;

    /// <summary>The MX hosts.</summary>
    public static readonly IReadOnlyList<string> MxHosts = new[] { "mx1." + Domain, "mx2." + Domain };

    /// <summary>The relay hosts (with submission).</summary>
    public static readonly IReadOnlyList<string> RelayHosts = new[] { "relay1." + Domain, "relay2." + Domain };

    /// <summary>The mailstore hosts: Dovecot and Postfix's final delivery, on one shared storage.</summary>
    public static readonly IReadOnlyList<string> StoreHosts = new[] { "store1." + Domain, "store2." + Domain };

    /// <summary>The webmail hosts: nginx in front of sogod.</summary>
    public static readonly IReadOnlyList<string> WebHosts = new[] { "web1." + Domain, "web2." + Domain };

    /// <summary>The emitted balancer hosts: HAProxy in front of every VIP, keepalived holding the VIPs.</summary>
    public static readonly IReadOnlyList<string> BalancerHosts = new[] { "lb1." + Domain, "lb2." + Domain };

    /// <summary>Where every host keeps the certificate chain, as the platform names it.</summary>
    public const string CertificatePath = LabPlatform.CertificatePath;

    /// <summary>Where every host keeps the private key, as the platform names it.</summary>
    public const string KeyPath = LabPlatform.KeyPath;

    /// <summary>Where Postfix logs on every host.</summary>
    public const string PostfixLog = "/var/log/postfix.log";

    /// <summary>Where Dovecot logs on every host that runs it.</summary>
    public const string DovecotLog = "/var/log/dovecot.log";

    /// <summary>Where the mailstore hosts mount the shared mail storage (a directory of the test's, bind-mounted, standing in for NFS).</summary>
    public const string SharedStorage = "/var/vmail";

    /// <summary>What the lab runs beside the described hosts: the directory and database, and the secrets on every host.</summary>
    public static LabPlatformOptions Options { get; } = new()
    {
        Directory = true,
        Secrets = new Dictionary<string, string>
        {
            [TestDirectory.BindSecretPath] = TestDirectory.BindPassword,
            [TestDirectory.SogoSecretPath] = TestDirectory.SogoDbPassword,
        },
        Logs = new[] { PostfixLog, DovecotLog, "/var/log/nginx/error.log", "/var/log/sogo/sogo.log", "/var/log/haproxy.log", "/var/log/keepalived.log" },
    };

    /// <summary>Starts the platform for <paramref name="target"/> on a new lab network (see <see cref="LabPlatform.Start"/>).</summary>
    public static LabPlatform Start(Distro target, LabPlatformOptions? options = null)
        => LabPlatform.Start(target, addresses => Describe(addresses, target), options ?? Options);

    /// <summary>The platform's model where nothing runs (addresses <see cref="LabAddresses.Planned"/>): what the tests' theory data is made from.</summary>
    public static PlatformModel PlannedModel(Distro target = Distro.Debian12) => Describe(LabAddresses.Planned(), target).Build();

    /// <summary>
    /// Describes the platform with the lab's <paramref name="addresses"/>, for <paramref name="target"/>: every host and VIP
    /// with its address on the lab, as the balancers need them (keepalived holds the VIPs' addresses, HAProxy dials the
    /// hosts', the hosts trust the balancers' with PROXY).
    /// </summary>
    public static Platform Describe(LabAddresses addresses, Distro target) => Platform.Create(Domain)
        .AddMailDomain(TestDirectory.SecondDomain)
        .Banner("MailDsl lab test platform")
        .Target(target)
        .Certificate(CertificatePath, KeyPath)
        .CertificateAuthority(CertificatePath)
        .Tls(TlsProfile.Intermediate)
        .Directory(Users)
        .SmtpIn(s => On(s, addresses, MxHosts, MxVip).Smtp().StartTls(TlsLevel.May)
            .PostfixSetting("maillog_file", PostfixLog)
            .PostfixSetting("smtp_host_lookup", "native"))
        .SmtpOut(s => On(s, addresses, RelayHosts, RelayVip).Smtp()
            .Submission().Submissions()
            .PostfixSetting("maillog_file", PostfixLog)
            .PostfixSetting("smtp_host_lookup", "native")
            .DovecotSetting("log_path", DovecotLog))
        .Mailstore(m => On(m, addresses, StoreHosts, StoreVip).Smtp()
            .Imap().Imaps().Pop3s().ManageSieve()
            .Storage(s => s.Nfs(SharedStorage))
            .PostfixSetting("maillog_file", PostfixLog)
            .DovecotSetting("log_path", DovecotLog))
        .Webmail(w => On(w, addresses, WebHosts, WebVip)
            .Sogo().Memcached().Https().HttpRedirect()
            .Database(db => db.PostgreSql(TestDirectory.DbHost, DirectoryServers.StandardPorts.Postgres).Name(TestDirectory.SogoDbName)
                .Login(TestDirectory.SogoDbUser, Secret.File(TestDirectory.SogoSecretPath))))
        .Balancers(b => b.Host(BalancerHosts[0], addresses[BalancerHosts[0]].ToString()).Host(BalancerHosts[1], addresses[BalancerHosts[1]].ToString()));

    // A layer's hosts and VIP, each with its lab address.
    private static T On<T>(T layer, LabAddresses addresses, IReadOnlyList<string> hosts, string vip) where T : LayerBuilder<T>
    {
        foreach (var host in hosts) layer.Host(host, addresses[host].ToString());
        return layer.Vip(vip, addresses[vip].ToString());
    }

    // OpenLDAP (inetOrgPerson) over LDAPS, verified against the platform's CA; postmaster of the second domain goes to alice.
    private static void Users(DirectoryBuilder d) => d.Ldap(LdapSchema.InetOrgPerson)
        .Server(TestDirectory.LdapHost, LdapSecurity.Ldaps, DirectoryServers.StandardPorts.Ldaps)
        .BaseDn("ou=people," + TestDirectory.BaseDn)
        .BindAs(TestDirectory.BindDn, Secret.File(TestDirectory.BindSecretPath))
        .AddAlias("postmaster@" + TestDirectory.SecondDomain, TestDirectory.Alice.Address);
}
