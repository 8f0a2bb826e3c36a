using System.Globalization;
using MailDsl.Layers;

namespace MailDsl.Model
{
    /// <summary>
    /// Every <see cref="SourceMap"/> key, built in one place: the DSL's builders record each value under the key this gives,
    /// and the rules report findings under the same key, so the two cannot drift apart (a finding under a key no builder
    /// records would land on the nearest parent, a wider span than the value at fault). Start from <see cref="Platform"/>,
    /// <see cref="Directory"/>, a layer (<see cref="SmtpIn"/>, ..., or <see cref="Of(Layer)"/>) and follow the members:
    /// <c>OriginKeys.Mailstore.Storage.Kind</c> is <c>mailstore.storage.kind</c>.
    /// </summary>
    public static class OriginKeys
    {
        /// <summary>The platform's own values: <c>platform.*</c>.</summary>
        public static PlatformKeys Platform { get; } = new("platform");

        /// <summary>The user directory: <c>directory.*</c>.</summary>
        public static DirectoryKeys Directory { get; } = new("directory");

        /// <summary>SMTP-in's values.</summary>
        public static SmtpInKeys SmtpIn { get; } = new(LayerDescriptors.SmtpIn.Key);

        /// <summary>SMTP-out's values.</summary>
        public static SmtpOutKeys SmtpOut { get; } = new(LayerDescriptors.SmtpOut.Key);

        /// <summary>The mailstore's values.</summary>
        public static MailstoreKeys Mailstore { get; } = new(LayerDescriptors.Mailstore.Key);

        /// <summary>Webmail's values.</summary>
        public static WebmailKeys Webmail { get; } = new(LayerDescriptors.Webmail.Key);

        /// <summary>The balancers' values: <c>.Balancers(b =&gt; ...)</c>.</summary>
        public static BalancerKeys Balancers { get; } = new(LayerDescriptors.Balancers.Key);
        /// <summary>What the platform publishes in DNS (<c>.Dns(...)</c>).</summary>
        public static DnsKeys Dns { get; } = new("dns");

        /// <summary>The values every layer has, for <paramref name="layer"/>.</summary>
        /// <param name="layer">A layer of the platform.</param>
        public static LayerKeys Of(Layer layer) => new(layer.Key);
    }

    /// <summary>One key of a <see cref="SourceMap"/>, and the parent of the keys its members build.</summary>
    public abstract class OriginKey
    {
        private protected OriginKey(string path) => Path = path;

        /// <summary>The key itself, a dotted path such as <c>platform.tls</c>.</summary>
        public string Path { get; }

        /// <summary>The key of member <paramref name="name"/> of this one.</summary>
        private protected string Member(string name) => Path + "." + name;

        /// <summary>The key itself.</summary>
        /// <param name="key">The key.</param>
        public static implicit operator string(OriginKey key) => key.Path;

        /// <inheritdoc/>
        public override string ToString() => Path;
    }

    /// <summary>A list written as one call's arguments (a <c>params</c> array): the call's key, and one key per element.</summary>
    public sealed class ListKeys : OriginKey
    {
        internal ListKeys(string path) : base(path)
        {
        }

        /// <summary>The key of element <paramref name="index"/> (from 0, across every call that added to the list).</summary>
        /// <param name="index">The element's index.</param>
        public string this[int index] => Member(index.ToString(CultureInfo.InvariantCulture));
    }

    /// <summary>The platform's values: <c>Platform.Create(domain)</c> and the chain's platform-wide calls.</summary>
    public sealed class PlatformKeys : OriginKey
    {
        internal PlatformKeys(string path) : base(path)
        {
        }

        /// <summary><c>Platform.Create</c>'s domain.</summary>
        public string Domain => Member("domain");

        /// <summary><c>.Banner(text)</c>.</summary>
        public string Banner => Member("banner");

        /// <summary><c>.Target(distro, versions)</c>: the distro, and the versions overridden.</summary>
        public TargetKeys Target => new(Member("target"));

        /// <summary><c>.Certificate(file, key)</c>.</summary>
        public CertificateKeys Certificate => new(Member("certificate"));

        /// <summary><c>.CertificateAuthority(caFile)</c>.</summary>
        public string Ca => Member("ca");

        /// <summary><c>.AddMailDomain(domain)</c>, one element per call.</summary>
        public ListKeys MailDomains => new(Member("mailDomains"));

        /// <summary>The platform-wide TLS policy.</summary>
        public TlsKeys Tls => new(Member("tls"));
    }

    /// <summary><c>.Target(distro, t =&gt; t.With...(version))</c>: the distro, and one key per overridden version.</summary>
    public sealed class TargetKeys : OriginKey
    {
        internal TargetKeys(string path) : base(path)
        {
        }

        /// <summary><c>.WithOpenSsl(version)</c>.</summary>
        public string OpenSsl => Version("openSsl");

        /// <summary><c>.WithNginx(version)</c>.</summary>
        public string Nginx => Version("nginx");

        /// <summary><c>.WithDovecot(version)</c>.</summary>
        public string Dovecot => Version("dovecot");

        /// <summary><c>.WithPostfix(version)</c>.</summary>
        public string Postfix => Version("postfix");

        /// <summary><c>.WithSogo(version)</c>.</summary>
        public string Sogo => Version("sogo");

        private string Version(string component) => Member("version." + component);
    }

    /// <summary><c>.Certificate(file, key)</c>.</summary>
    public sealed class CertificateKeys : OriginKey
    {
        internal CertificateKeys(string path) : base(path)
        {
        }

        /// <summary>The certificate chain's path.</summary>
        public string File => Member("file");

        /// <summary>The private key's path.</summary>
        public string Key => Member("key");

        /// <summary><c>c.Alternative(file, key)</c>: the second key type's chain and key.</summary>
        public CertificateKeys Alternative => new(Member("alternative"));

        /// <summary><c>c.RenewedByCertbot(lineage, reuseKey)</c> or <c>c.RenewedByAcmeSh(domain)</c>.</summary>
        public RenewalKeys Renewal => new(Member("renewal"));
    }

    /// <summary>How a certificate is renewed.</summary>
    public sealed class RenewalKeys : OriginKey
    {
        internal RenewalKeys(string path) : base(path)
        {
        }

        /// <summary>certbot's lineage or acme.sh's domain.</summary>
        public string Name => Member("name");

        /// <summary>Whether the key is kept.</summary>
        public string ReuseKey => Member("reuseKey");
    }

    /// <summary><c>.Dns(d =&gt; ...)</c>: what the platform publishes in DNS about its mail TLS.</summary>
    public sealed class DnsKeys : OriginKey
    {
        internal DnsKeys(string path) : base(path)
        {
        }

        /// <summary><c>d.Tlsa(selector)</c>.</summary>
        public string Tlsa => Member("tlsa");

        /// <summary><c>d.MtaSts(mode, maxAge, patterns)</c>.</summary>
        public MtaStsKeys MtaSts => new(Member("mtaSts"));

        /// <summary><c>d.TlsReports(uris)</c>.</summary>
        public ListKeys TlsReports => new(Member("tlsReports"));

        /// <summary><c>d.Caa(issuers)</c>.</summary>
        public ListKeys Caa => new(Member("caa"));
    }

    /// <summary><c>d.MtaSts(mode, maxAgeSeconds, mxPatterns)</c>.</summary>
    public sealed class MtaStsKeys : OriginKey
    {
        internal MtaStsKeys(string path) : base(path)
        {
        }

        /// <summary>The mode.</summary>
        public string Mode => Member("mode");

        /// <summary>max_age.</summary>
        public string MaxAge => Member("maxAge");

        /// <summary>The mx patterns, one element each.</summary>
        public ListKeys Mx => new(Member("mx"));
    }

    /// <summary>A TLS policy, the platform's or a layer's: <c>.Tls(...)</c>, <c>.Groups(...)</c>, <c>.Protocols(...)</c>, <c>.Ciphers(...)</c>.</summary>
    public sealed class TlsKeys : OriginKey
    {
        internal TlsKeys(string path) : base(path)
        {
        }

        /// <summary>The profile.</summary>
        public string Profile => Member("profile");

        /// <summary>The guideline the profile is taken from.</summary>
        public string Guideline => Member("guideline");

        /// <summary>The key-exchange groups.</summary>
        public ListKeys Groups => new(Member("groups"));

        /// <summary>The protocol versions.</summary>
        public ListKeys Protocols => new(Member("protocols"));

        /// <summary>The cipher string.</summary>
        public string Ciphers => Member("ciphers");
    }

    /// <summary>The values every layer has: the call that describes it, its hosts, VIP, address, TLS, listeners and raw settings.</summary>
    public class LayerKeys : OriginKey
    {
        internal LayerKeys(string path) : base(path)
        {
        }

        /// <summary><c>.Hosts(names)</c>, one element per host across every call.</summary>
        public ListKeys Hosts => new(Member("hosts"));

        /// <summary><c>.Host(name, address)</c>, one element per call, numbered as <see cref="Hosts"/> is: the call.</summary>
        /// <param name="index">The host's index among the layer's hosts (from 0, across <c>.Hosts</c> and <c>.Host</c>).</param>
        public string Host(int index) => Member("host." + index.ToString(CultureInfo.InvariantCulture));

        /// <summary><c>.Host(name, address)</c>'s address, numbered as <see cref="Hosts"/> is.</summary>
        public ListKeys HostAddresses => new(Member("hostAddress"));

        /// <summary><c>.Vip(name)</c> or <c>.Vip(name, address)</c>: the name.</summary>
        public string Vip => Member("vip");

        /// <summary><c>.Vip(name, address)</c>: the address.</summary>
        public string VipAddress => Member("vipAddress");

        /// <summary><c>.ListenOn(address)</c>.</summary>
        public string ListenAddress => Member("listenAddress");

        /// <summary>The layer's own certificate, <c>.Certificate(file, key)</c>.</summary>
        public CertificateKeys Certificate => new(Member("certificate"));

        /// <summary>The layer's TLS overrides.</summary>
        public TlsKeys Tls => new(Member("tls"));

        /// <summary>The listener called <paramref name="name"/> (a typed verb's, e.g. <c>imaps</c>, or <c>.Listener(name, ...)</c>'s).</summary>
        /// <param name="name">The listener's name.</param>
        public ListenerKeys Listener(string name) => new(Member("listener." + name));

        /// <summary>The <paramref name="occurrence"/>th raw setting (from 0) of <paramref name="daemon"/> called <paramref name="key"/>.</summary>
        /// <param name="daemon">Whose setting.</param>
        /// <param name="key">The setting's name.</param>
        /// <param name="occurrence">How many settings of the same daemon and name the layer has before it.</param>
        public SettingKeys Setting(Daemon daemon, string? key, int occurrence)
            => new(Member("setting." + daemon.ToString().ToLowerInvariant() + "." + key + "." + occurrence.ToString(CultureInfo.InvariantCulture)));
    }

    /// <summary>A listener of a layer.</summary>
    public sealed class ListenerKeys : OriginKey
    {
        internal ListenerKeys(string path) : base(path)
        {
        }

        /// <summary>Its name.</summary>
        public string Name => Member("name");

        /// <summary>Its port.</summary>
        public string Port => Member("port");

        /// <summary>How it protects the connection.</summary>
        public string Security => Member("security");

        /// <summary>Whether it takes plaintext logins.</summary>
        public string Auth => Member("auth");
    }

    /// <summary>A raw setting of a layer (<c>.PostfixSetting(key, value)</c>, ...).</summary>
    public sealed class SettingKeys : OriginKey
    {
        internal SettingKeys(string path) : base(path)
        {
        }

        /// <summary>The setting's name as written.</summary>
        public string Key => Member("key");

        /// <summary>Its value.</summary>
        public string Value => Member("value");
    }

    /// <summary>SMTP-in's own values.</summary>
    public sealed class SmtpInKeys : LayerKeys
    {
        internal SmtpInKeys(string path) : base(path)
        {
        }

        /// <summary><c>.StartTls(level)</c>.</summary>
        public string StartTls => Member("startTls");
    }

    /// <summary>SMTP-out's own values.</summary>
    public sealed class SmtpOutKeys : LayerKeys
    {
        internal SmtpOutKeys(string path) : base(path)
        {
        }

        /// <summary><c>.OutboundTls(level)</c>.</summary>
        public string OutboundTls => Member("outboundTls");

        /// <summary><c>.OutboundDane(resolver)</c>.</summary>
        public OutboundDaneKeys OutboundDane => new(Member("outboundDane"));

        /// <summary><c>.OutboundMtaSts(resolverPort)</c>.</summary>
        public OutboundMtaStsKeys OutboundMtaSts => new(Member("outboundMtaSts"));
    }

    /// <summary>The relay's DANE verification, <c>.OutboundDane(resolver)</c>.</summary>
    public sealed class OutboundDaneKeys : OriginKey
    {
        internal OutboundDaneKeys(string path) : base(path)
        {
        }

        /// <summary>The validating resolver's address.</summary>
        public string Resolver => Member("resolver");
    }

    /// <summary>The relay's MTA-STS verification, <c>.OutboundMtaSts(resolverPort)</c>.</summary>
    public sealed class OutboundMtaStsKeys : OriginKey
    {
        internal OutboundMtaStsKeys(string path) : base(path)
        {
        }

        /// <summary>postfix-mta-sts-resolver's loopback port.</summary>
        public string Port => Member("port");
    }

    /// <summary>The mailstore's own values.</summary>
    public sealed class MailstoreKeys : LayerKeys
    {
        internal MailstoreKeys(string path) : base(path)
        {
        }

        /// <summary><c>.MailLocation(location)</c>.</summary>
        public string MailLocation => Member("mailLocation");

        /// <summary><c>.Storage(s =&gt; ...)</c>.</summary>
        public StorageKeys Storage => new(Member("storage"));
    }

    /// <summary>The mailstore's <c>.Storage(s =&gt; ...)</c>.</summary>
    public sealed class StorageKeys : OriginKey
    {
        internal StorageKeys(string path) : base(path)
        {
        }

        /// <summary><c>.Local(root)</c> or <c>.Nfs(root)</c>: which one.</summary>
        public string Kind => Member("kind");

        /// <summary>Their root.</summary>
        public string Root => Member("root");

        /// <summary><c>.Owner(user, uid, gid)</c>: the user.</summary>
        public string User => Member("user");

        /// <summary>The uid.</summary>
        public string Uid => Member("uid");

        /// <summary>The gid.</summary>
        public string Gid => Member("gid");

        /// <summary><c>.LocalIndexes(path)</c>.</summary>
        public string Indexes => Member("indexes");

        /// <summary><c>.Access(access)</c>: which hosts open a user's mailbox.</summary>
        public string Access => Member("access");
    }

    /// <summary>Webmail's own values.</summary>
    public sealed class WebmailKeys : LayerKeys
    {
        internal WebmailKeys(string path) : base(path)
        {
        }

        /// <summary><c>.Imap(url)</c>.</summary>
        public string ImapServer => Member("imapServer");

        /// <summary><c>.Smtp(url)</c>.</summary>
        public string SmtpServer => Member("smtpServer");

        /// <summary><c>.Hsts(maxAgeSeconds)</c>.</summary>
        public string Hsts => Member("hsts");

        /// <summary><c>.ActiveSync(enabled)</c>.</summary>
        public string ActiveSync => Member("activeSync");

        /// <summary><c>.Cache(cache)</c>: one SOGo cache for every host, or one per host.</summary>
        public string Cache => Member("cache");

        /// <summary><c>.Database(db =&gt; ...)</c>: SOGo's database.</summary>
        public DatabaseKeys Database => new(Member("database"));

        /// <summary>The <paramref name="index"/>th <c>.NginxLocation(match, body)</c> (from 0).</summary>
        /// <param name="index">Its index among the layer's locations.</param>
        public LocationKeys Location(int index) => new(Member("location." + index.ToString(CultureInfo.InvariantCulture)));
    }

    /// <summary>A raw nginx location: <c>.NginxLocation(match, body)</c>.</summary>
    public sealed class LocationKeys : OriginKey
    {
        internal LocationKeys(string path) : base(path)
        {
        }

        /// <summary>Its match.</summary>
        public string Match => Member("match");

        /// <summary>Its directives, one element each.</summary>
        public ListKeys Body => new(Member("body"));
    }

    /// <summary>A database connection (SOGo's, or the SQL directory's): <c>db =&gt; db.PostgreSql(host).Name(...).Login(...)</c>.</summary>
    public sealed class DatabaseKeys : OriginKey
    {
        internal DatabaseKeys(string path) : base(path)
        {
        }

        /// <summary><c>.PostgreSql(host, port)</c> or <c>.MariaDb(host, port)</c>: the call.</summary>
        public string Server => Member("server");

        /// <summary>The server's name.</summary>
        public string Host => Member("host");

        /// <summary>The server's port.</summary>
        public string Port => Member("port");

        /// <summary><c>.Name(name)</c>.</summary>
        public string Name => Member("name");

        /// <summary><c>.Login(user, password)</c>: the user.</summary>
        public string User => Member("user");

        /// <summary>The password.</summary>
        public SecretKeys Password => new(Member("password"));

        /// <summary><c>.Tls(mode)</c>.</summary>
        public string Tls => Member("tls");
    }

    /// <summary>A secret's argument: the argument itself, and the file or variable named inside <c>Secret.File(...)</c> or <c>Secret.Environment(...)</c>.</summary>
    public sealed class SecretKeys : OriginKey
    {
        internal SecretKeys(string path) : base(path)
        {
        }

        /// <summary>The name inside <c>Secret.File("...")</c> or <c>Secret.Environment("...")</c>.</summary>
        public string Value => Member("value");
    }

    /// <summary>The user directory: <c>.Directory(d =&gt; ...)</c>.</summary>
    public sealed class DirectoryKeys : OriginKey
    {
        internal DirectoryKeys(string path) : base(path)
        {
        }

        /// <summary><c>.Ldap(schema)</c> and its servers and accounts.</summary>
        public LdapKeys Ldap => new(Member("ldap"));

        /// <summary><c>.Sql(db =&gt; ...)</c> and its table.</summary>
        public SqlKeys Sql => new(Member("sql"));

        /// <summary><c>.LoginWith(login)</c>.</summary>
        public string Login => Member("login");

        /// <summary><c>.Quota(field)</c>.</summary>
        public string Quota => Member("quota");

        /// <summary>The <paramref name="index"/>th <c>.AddAlias(address, targets)</c> (from 0).</summary>
        /// <param name="index">Its index among the directory's aliases.</param>
        public AliasKeys Alias(int index) => new(Member("alias." + index.ToString(CultureInfo.InvariantCulture)));
    }

    /// <summary>An LDAP directory: <c>d.Ldap(schema).Server(...).BaseDn(...).BindAs(...)</c>.</summary>
    public sealed class LdapKeys : OriginKey
    {
        internal LdapKeys(string path) : base(path)
        {
        }

        /// <summary>The schema.</summary>
        public string Schema => Member("schema");

        /// <summary>The <paramref name="index"/>th <c>.Server(host, security, port, verifyCertificate)</c> (from 0).</summary>
        /// <param name="index">Its index among the directory's servers.</param>
        public LdapServerKeys Server(int index) => new(Member("server." + index.ToString(CultureInfo.InvariantCulture)));

        /// <summary><c>.BaseDn(dn)</c>.</summary>
        public string BaseDn => Member("baseDn");

        /// <summary><c>.BindAs(dn, password)</c>: the DN.</summary>
        public string BindDn => Member("bindDn");

        /// <summary>The bind password.</summary>
        public SecretKeys BindPassword => new(Member("bindPassword"));
    }

    /// <summary>One LDAP server.</summary>
    public sealed class LdapServerKeys : OriginKey
    {
        internal LdapServerKeys(string path) : base(path)
        {
        }

        /// <summary>Its name.</summary>
        public string Host => Member("host");

        /// <summary>How it is dialled (LDAPS, StartTLS, plain).</summary>
        public string Security => Member("security");

        /// <summary>Its port.</summary>
        public string Port => Member("port");

        /// <summary>Whether its certificate is verified.</summary>
        public string Verify => Member("verify");
    }

    /// <summary>A SQL directory: <c>d.Sql(db =&gt; ...).Table(...)</c>.</summary>
    public sealed class SqlKeys : OriginKey
    {
        internal SqlKeys(string path) : base(path)
        {
        }

        /// <summary>Its database.</summary>
        public DatabaseKeys Database => new(Member("database"));

        /// <summary><c>.Table(name)</c>.</summary>
        public string Table => Member("table");
    }

    /// <summary>One alias: <c>.AddAlias(address, targets)</c>.</summary>
    public sealed class AliasKeys : OriginKey
    {
        internal AliasKeys(string path) : base(path)
        {
        }

        /// <summary>The alias's address.</summary>
        public string Address => Member("address");

        /// <summary>Its targets, one element each.</summary>
        public ListKeys Target => new(Member("target"));
    }

    /// <summary>The balancers' own values: <c>.Balancers(b =&gt; b.Host(...).Lbaas(...).From(...)...)</c>.</summary>
    public sealed class BalancerKeys : LayerKeys
    {
        internal BalancerKeys(string path) : base(path)
        {
        }

        /// <summary><c>.Lbaas(behaviour)</c>.</summary>
        public string Behaviour => Member("behaviour");

        /// <summary><c>.From(networks)</c>, one element per network across every call.</summary>
        public ListKeys Sources => new(Member("sources"));

        /// <summary><c>.Https(mode)</c>.</summary>
        public string Https => Member("https");

        /// <summary><c>.Interface(name)</c>.</summary>
        public string Interface => Member("interface");

        /// <summary><c>.VirtualRouterId(id)</c>.</summary>
        public string VirtualRouterId => Member("virtualRouterId");

        /// <summary><c>.IdleTimeout(minutes)</c>.</summary>
        public string IdleTimeout => Member("idleTimeout");

        /// <summary><c>.Stats(port, address)</c>: the call and its address (the port is <c>Listener("stats").Port</c>, as the port rules name it).</summary>
        public StatsKeys Stats => new(Member("stats"));

        /// <summary>The <paramref name="index"/>th <c>.HealthCheck(layer, listener, expect)</c> (from 0).</summary>
        /// <param name="index">Its index among the balancers' health checks.</param>
        public HealthCheckKeys Check(int index) => new(Member("check." + index.ToString(CultureInfo.InvariantCulture)));
    }

    /// <summary>HAProxy's statistics listener: <c>.Stats(port, address)</c>.</summary>
    public sealed class StatsKeys : OriginKey
    {
        internal StatsKeys(string path) : base(path)
        {
        }

        /// <summary>The address it listens on.</summary>
        public string Address => Member("address");
    }

    /// <summary>One health check: <c>.HealthCheck(layer, listener, expect)</c>.</summary>
    public sealed class HealthCheckKeys : OriginKey
    {
        internal HealthCheckKeys(string path) : base(path)
        {
        }

        /// <summary>The layer's key.</summary>
        public string Layer => Member("layer");

        /// <summary>The listener's name.</summary>
        public string Listener => Member("listener");

        /// <summary>The greeting it expects.</summary>
        public string Expect => Member("expect");
    }
}
