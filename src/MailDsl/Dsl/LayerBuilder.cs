using System.Collections.Generic;
using System.Linq;
using MailDsl.Model;

namespace MailDsl
{
    /// <summary>What every layer can say: hosts, VIP, bind address, TLS overrides, extra listeners, raw settings.</summary>
    /// <typeparam name="TSelf">The concrete builder, returned for chaining.</typeparam>
    public abstract class LayerBuilder<TSelf> where TSelf : LayerBuilder<TSelf>
    {
        private readonly List<string> _hosts = new();
        private readonly List<HostAddress> _addresses = new();
        private readonly List<Listener> _listeners = new();
        private readonly List<RawSetting> _settings = new();
        private string? _vip;
        private string? _vipAddress;
        private string? _listenAddress;
        private TlsPolicy? _tls;
        private CertificatePaths? _certificate;

        private protected LayerBuilder(OriginRecorder origins, LayerKeys keys)
        {
            Origins = origins;
            Keys = keys;
        }

        private protected OriginRecorder Origins { get; }

        /// <summary>Where the layer's values are recorded (<see cref="OriginKeys"/>).</summary>
        private protected LayerKeys Keys { get; }

        // The generator's evaluator reads a builder's Key to name the layer a run-time value belongs to.
        private protected string Key => Keys.Path;

        private protected TSelf Self => (TSelf)this;

        /// <summary>Adds the fully qualified names of the layer's hosts; each gets its own files and install script.</summary>
        /// <param name="names">Host names, e.g. <c>smtp-in-01.cloud0.mycompany.dom</c>.</param>
        public TSelf Hosts([ValueGrammar(ValueKind.DnsName)] params string[] names)
        {
            Origins.Call(Keys.Hosts);
            for (var i = 0; i < names.Length; i++)
                Origins.Argument(Keys.Hosts[_hosts.Count + i], i);
            _hosts.AddRange(names);
            return Self;
        }

        /// <summary>
        /// Adds one host with its address on the network the platform's hosts share: the host gets its own files and install
        /// script, binds the ports the balancers feed on that address, and the balancers dial it there.
        /// </summary>
        /// <param name="name">The host's name, e.g. <c>smtp-in-01.cloud0.mycompany.dom</c>.</param>
        /// <param name="address">Its IPv4 or IPv6 address, e.g. <c>172.16.10.11</c>.</param>
        public TSelf Host([ValueGrammar(ValueKind.DnsName)] string name, [ValueGrammar(ValueKind.IpAddress)] string address)
        {
            var n = _hosts.Count;
            Origins.Call(Keys.Host(n));
            Origins.Argument(Keys.Hosts[n], 0);
            Origins.Argument(Keys.HostAddresses[n], 1);
            _hosts.Add(name);
            _addresses.Add(new HostAddress(name, address));
            return Self;
        }

        /// <summary>Sets the load-balancer VIP name in front of the layer: the name other layers dial.</summary>
        /// <param name="name">The VIP's DNS name.</param>
        public TSelf Vip([ValueGrammar(ValueKind.HostName)] string name)
        {
            Origins.Argument(Keys.Vip, 0);
            _vip = name;
            return Self;
        }

        /// <summary>
        /// Sets the load-balancer VIP in front of the layer with its address: the name other layers dial, and the address the
        /// balancers hold (keepalived) and listen on (HAProxy), or a described LBaaS listens on.
        /// </summary>
        /// <param name="name">The VIP's DNS name.</param>
        /// <param name="address">Its IPv4 or IPv6 address, e.g. <c>172.16.10.100</c>.</param>
        public TSelf Vip([ValueGrammar(ValueKind.HostName)] string name, [ValueGrammar(ValueKind.IpAddress)] string address)
        {
            Origins.Argument(Keys.Vip, 0);
            Origins.Argument(Keys.VipAddress, 1);
            _vip = name;
            _vipAddress = address;
            return Self;
        }

        /// <summary>Binds the layer's daemons to one address instead of all (e.g. <c>127.0.0.1</c> in tests).</summary>
        /// <param name="address">An IPv4 or IPv6 address.</param>
        public TSelf ListenOn([ValueGrammar(ValueKind.ListenAddress)] string address)
        {
            Origins.Argument(Keys.ListenAddress, 0);
            _listenAddress = address;
            return Self;
        }

        /// <summary>Follows another guideline profile on this layer's services (from the platform's guideline, TLSRef 6.0 unless pinned).</summary>
        /// <param name="profile">The profile.</param>
        public TSelf Tls(TlsProfile profile)
        {
            Origins.Argument(Keys.Tls.Profile, 0);
            _tls = (_tls ?? new TlsPolicy()) with { Profile = profile };
            return Self;
        }

        /// <summary>Follows <paramref name="profile"/> of a given guideline version on this layer's services.</summary>
        /// <param name="profile">The profile.</param>
        /// <param name="guideline">The guideline version it is taken from, e.g. <c>TlsGuideline.Mozilla57</c>.</param>
        public TSelf Tls(TlsProfile profile, TlsGuideline guideline)
        {
            Origins.Call(Keys.Tls);
            Origins.Argument(Keys.Tls.Profile, 0);
            Origins.Argument(Keys.Tls.Guideline, 1);
            _tls = (_tls ?? new TlsPolicy()) with { Profile = profile, Guideline = guideline };
            return Self;
        }

        /// <summary>Offers exactly these key-exchange groups, most preferred first, on this layer's services.</summary>
        /// <param name="names">The groups as OpenSSL names them, e.g. <c>X25519</c>, <c>prime256v1</c>.</param>
        public TSelf Groups([ValueGrammar(ValueKind.TlsGroup)] params string[] names)
        {
            names ??= System.Array.Empty<string>();
            Origins.Call(Keys.Tls.Groups);
            for (var i = 0; i < names.Length; i++) Origins.Argument(Keys.Tls.Groups[i], i);
            _tls = (_tls ?? new TlsPolicy()) with { Groups = names.ToEquatableArray() };
            return Self;
        }

        /// <summary>Enables exactly these protocol versions on this layer's services.</summary>
        /// <param name="versions">The versions to enable.</param>
        public TSelf Protocols(params TlsVersion[] versions)
        {
            Origins.Call(Keys.Tls.Protocols);
            for (var i = 0; i < versions.Length; i++) Origins.Argument(Keys.Tls.Protocols[i], i);
            _tls = (_tls ?? new TlsPolicy()) with { Protocols = versions.ToEquatableArray() };
            return Self;
        }

        /// <summary>Uses this OpenSSL cipher string (TLS 1.2 and below) on this layer's services.</summary>
        /// <param name="openSslCipherString">A cipher string as <c>openssl ciphers</c> reads it.</param>
        public TSelf Ciphers([ValueGrammar(ValueKind.CipherString)] string openSslCipherString)
        {
            Origins.Argument(Keys.Tls.Ciphers, 0);
            _tls = (_tls ?? new TlsPolicy()) with { Ciphers = openSslCipherString };
            return Self;
        }

        /// <summary>Presents this certificate on the layer's services instead of the platform's (e.g. the webmail's public name).</summary>
        /// <param name="certificateFile">Grammar: an absolute path on the hosts of a PEM chain (server certificate, then intermediates).</param>
        /// <param name="keyFile">Grammar: an absolute path on the hosts of its PEM private key.</param>
        public TSelf Certificate([ValueGrammar(ValueKind.Path)] string certificateFile, [ValueGrammar(ValueKind.Path)] string keyFile)
        {
            Origins.Call(Keys.Certificate);
            Origins.Argument(Keys.Certificate.File, 0);
            Origins.Argument(Keys.Certificate.Key, 1);
            _certificate = new CertificatePaths(certificateFile, keyFile);
            return Self;
        }

        /// <summary>Presents this certificate on the layer's services instead of the platform's, with a second key type or its renewal.</summary>
        /// <param name="certificateFile">Grammar: an absolute path on the hosts of a PEM chain (server certificate, then intermediates).</param>
        /// <param name="keyFile">Grammar: an absolute path on the hosts of its PEM private key.</param>
        /// <param name="configure">E.g. <c>c =&gt; c.RenewedByCertbot("webmail")</c>.</param>
        public TSelf Certificate([ValueGrammar(ValueKind.Path)] string certificateFile, [ValueGrammar(ValueKind.Path)] string keyFile, System.Action<CertificateBuilder> configure)
        {
            Certificate(certificateFile, keyFile);
            var builder = new CertificateBuilder(Origins, Keys.Certificate, _certificate!);
            configure(builder);
            _certificate = builder.Paths;
            return Self;
        }

        /// <summary>Adds a listener the typed verbs do not cover (prefer <c>Imaps()</c>, <c>Submission()</c>, ...).</summary>
        /// <param name="name">A name unique in the layer, used in the daemon's config.</param>
        /// <param name="protocol">The protocol spoken.</param>
        /// <param name="port">The TCP port.</param>
        /// <param name="security">How connections are protected.</param>
        /// <param name="allowPlaintextAuth">Whether clients may send passwords on it.</param>
        public TSelf Listener([ValueGrammar(ValueKind.ListenerName)] string name, ServiceProtocol protocol, int port, ListenerSecurity security, bool allowPlaintextAuth = false)
        {
            var keys = Keys.Listener(name);
            Origins.Call(keys);
            Origins.Argument(keys.Name, 0);
            Origins.Argument(keys.Port, 2);
            Origins.Argument(keys.Security, 3);
            Origins.Argument(keys.Auth, 4);
            return AddListener(new Listener(name, protocol, port, security, allowPlaintextAuth));
        }

        /// <summary>Adds a raw Postfix main.cf setting the typed DSL has no verb for. Rules still read the ones they know.</summary>
        /// <param name="key">The parameter name, e.g. <c>smtpd_starttls_timeout</c>.</param>
        /// <param name="value">Its value in main.cf syntax.</param>
        public TSelf PostfixSetting([ValueGrammar(ValueKind.SettingKey)] string key, [ValueGrammar(ValueKind.PostfixValue)] string value) => AddSetting(Daemon.Postfix, key, value);

        /// <summary>Adds a raw Dovecot setting the typed DSL has no verb for. Rules still read the ones they know.</summary>
        /// <param name="key">The setting name, e.g. <c>ssl_prefer_server_ciphers</c>.</param>
        /// <param name="value">Its value in dovecot.conf syntax.</param>
        public TSelf DovecotSetting([ValueGrammar(ValueKind.SettingKey)] string key, [ValueGrammar(ValueKind.DovecotValue)] string value) => AddSetting(Daemon.Dovecot, key, value);

        private protected TSelf AddListener(Listener listener)
        {
            _listeners.RemoveAll(l => l.Name == listener.Name);
            _listeners.Add(listener);
            return Self;
        }

        private protected bool HasListener(ServiceProtocol protocol) => _listeners.Any(l => l.Protocol == protocol);

        private protected TSelf AddSetting(Daemon daemon, string key, string value)
        {
            var n = _settings.Count(s => s.Daemon == daemon && s.Key == key);
            var keys = Keys.Setting(daemon, key, n);
            Origins.Call(keys);
            Origins.Argument(keys.Key, 0);
            Origins.Argument(keys.Value, 1);
            _settings.Add(new RawSetting(daemon, key, value));
            return Self;
        }

        /// <summary>The listeners a layer has when the description names none of its kind.</summary>
        private protected virtual IEnumerable<Listener> DefaultListeners(IReadOnlyList<Listener> declared) => Enumerable.Empty<Listener>();

        private protected TLayer Fill<TLayer>(TLayer layer) where TLayer : Layer => layer with
        {
            Hosts = _hosts.ToEquatableArray(),
            HostAddresses = _addresses.ToEquatableArray(),
            Vip = _vip,
            VipAddress = _vipAddress,
            ListenAddress = _listenAddress,
            Tls = _tls,
            Certificate = _certificate,
            Listeners = DefaultListeners(_listeners).Concat(_listeners).ToEquatableArray(),
            RawSettings = _settings.ToEquatableArray(),
        };
    }
}
