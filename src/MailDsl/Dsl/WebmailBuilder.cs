using System.Collections.Generic;
using MailDsl.Model;

namespace MailDsl
{
    /// <summary>
    /// Describes the webmail layer: sogod on loopback, nginx terminating TLS in front of it, and plain
    /// HTTP redirecting to HTTPS.
    /// </summary>
    public sealed class WebmailBuilder : LayerBuilder<WebmailBuilder>
    {
        private readonly List<NginxLocation> _locations = new();
        private int _sogoPort = 20000;
        private int _httpsPort = 443;
        private int _httpPort = 80;
        private int _memcachedPort = 11211;
        private string? _imapServer;
        private string? _smtpServer;
        private int _hsts = 63072000;
        private bool _activeSync = true;
        private DatabaseConnection? _database;
        private SogoCache _cache = SogoCache.Shared;

        internal WebmailBuilder(OriginRecorder origins) : base(origins, OriginKeys.Webmail) { }

        /// <summary>Sets the loopback port sogod listens on (SOGo's WOPort); only nginx reaches it.</summary>
        /// <param name="port">The TCP port.</param>
        public WebmailBuilder Sogo(int port = 20000)
        {
            Origins.Argument(Keys.Listener("sogo").Port, 0);
            _sogoPort = port;
            return this;
        }

        /// <summary>
        /// Sets the port memcached listens on for SOGo's caches: loopback with one webmail host; with several, each host's own
        /// address, reachable from the webmail hosts only (see <see cref="Cache"/>).
        /// </summary>
        /// <param name="port">The TCP port.</param>
        public WebmailBuilder Memcached(int port = 11211)
        {
            Origins.Argument(Keys.Listener("memcached").Port, 0);
            _memcachedPort = port;
            return this;
        }

        /// <summary>
        /// How SOGo's cache (memcached: failed-login counts behind SOGoMaximumFailedLoginCount, ACLs, user defaults, SSO data) is
        /// spread over the webmail hosts: <see cref="SogoCache.Shared"/> (the default: one cache for every host) or
        /// <see cref="SogoCache.PerHost"/>, which splits it per host when there are several (MAIL5022).
        /// </summary>
        /// <param name="cache">Shared, or per host.</param>
        public WebmailBuilder Cache(SogoCache cache)
        {
            Origins.Argument(OriginKeys.Webmail.Cache, 0);
            _cache = cache;
            return this;
        }

        /// <summary>Sets the port nginx serves HTTPS on.</summary>
        /// <param name="port">The TCP port.</param>
        public WebmailBuilder Https(int port = 443)
        {
            Origins.Argument(Keys.Listener("https").Port, 0);
            _httpsPort = port;
            return this;
        }

        /// <summary>Sets the port where plain HTTP is answered with a redirect to HTTPS.</summary>
        /// <param name="port">The TCP port.</param>
        public WebmailBuilder HttpRedirect(int port = 80)
        {
            Origins.Argument(Keys.Listener("http").Port, 0);
            _httpPort = port;
            return this;
        }

        /// <summary>Sets the IMAP server SOGo dials (default: the mailstore VIP over IMAPS).</summary>
        /// <param name="url">E.g. <c>imaps://imap.cloud0.mycompany.dom:993</c>.</param>
        public WebmailBuilder Imap([ValueGrammar(ValueKind.Url)] string url)
        {
            Origins.Argument(OriginKeys.Webmail.ImapServer, 0);
            _imapServer = url;
            return this;
        }

        /// <summary>Sets the SMTP server SOGo sends through (default: the SMTP-out VIP on submission with STARTTLS).</summary>
        /// <param name="url">E.g. <c>smtp://smtp-out.cloud0.mycompany.dom:587/?tls=YES</c>.</param>
        public WebmailBuilder Smtp([ValueGrammar(ValueKind.Url)] string url)
        {
            Origins.Argument(OriginKeys.Webmail.SmtpServer, 0);
            _smtpServer = url;
            return this;
        }

        /// <summary>
        /// Adds a raw sogo.conf setting the typed DSL has no verb for, its value in property-list syntax (quote strings).
        /// <c>SOGoIMAPServer</c>, <c>SOGoSMTPServer</c> and <c>SOGoSieveServer</c> replace MailDsl's URL in place; rules
        /// still read them (TLS, <c>tlsVerifyMode</c>). The name is checked against what the target's SOGo reads (MAIL4010):
        /// sogod itself ignores an unknown name without a word.
        /// </summary>
        /// <param name="key">The setting name, e.g. <c>SOGoMailAuxiliaryUserAccountsEnabled</c>.</param>
        /// <param name="value">Its value as sogo.conf writes it, e.g. <c>YES</c> or <c>"imaps://imap.example.com:993"</c>.</param>
        public WebmailBuilder SogoSetting([ValueGrammar(ValueKind.SettingKey)] string key, [ValueGrammar(ValueKind.SogoValue)] string value) => AddSetting(Daemon.Sogo, key, value);

        /// <summary>Sets the Strict-Transport-Security max-age; 0 leaves the header out.</summary>
        /// <param name="maxAgeSeconds">Seconds; Mozilla recommends two years (63072000).</param>
        public WebmailBuilder Hsts(int maxAgeSeconds)
        {
            Origins.Argument(OriginKeys.Webmail.Hsts, 0);
            _hsts = maxAgeSeconds;
            return this;
        }

        /// <summary>Turns the Microsoft-Server-ActiveSync proxy on or off.</summary>
        /// <param name="enabled">Whether nginx proxies ActiveSync to SOGo.</param>
        public WebmailBuilder ActiveSync(bool enabled = true)
        {
            Origins.Argument(OriginKeys.Webmail.ActiveSync, 0);
            _activeSync = enabled;
            return this;
        }

        /// <summary>
        /// SOGo's database: user profiles, folder metadata, sessions and alarms (SOGoProfileURL, OCSFolderInfoURL,
        /// OCSSessionsFolderURL, ...). SOGo creates its tables on first use; the user needs the right to.
        /// </summary>
        /// <param name="configure">The server, database name, login and TLS.</param>
        public WebmailBuilder Database(System.Action<DatabaseBuilder> configure)
        {
            Origins.Call(OriginKeys.Webmail.Database);
            var builder = new DatabaseBuilder(Origins, OriginKeys.Webmail.Database);
            configure(builder);
            _database = builder.Connection;
            return this;
        }

        /// <summary>
        /// Adds a raw nginx location block (the escape hatch), written after MailDsl's own. Rules check it as nginx would:
        /// its match against MailDsl's locations and the others (a duplicate path is MAIL4017), one no request can reach is
        /// an error and never written (MAIL4002, MAIL4018), and its directives against the target's nginx.
        /// </summary>
        /// <param name="match">Everything between <c>location</c> and <c>{</c>, e.g. <c>~ ^/SOGo/so/(.*)$</c>.</param>
        /// <param name="body">Directives inside the block, each ending in <c>;</c>.</param>
        public WebmailBuilder NginxLocation([ValueGrammar(ValueKind.NginxMatch)] string match, [ValueGrammar(ValueKind.NginxDirective)] params string[] body)
        {
            var keys = OriginKeys.Webmail.Location(_locations.Count);
            Origins.Call(keys);
            Origins.Argument(keys.Match, 0);
            for (var i = 0; i < body.Length; i++) Origins.Argument(keys.Body[i], i + 1);
            _locations.Add(new NginxLocation(match, body.ToEquatableArray()));
            return this;
        }

        private protected override IEnumerable<Listener> DefaultListeners(IReadOnlyList<Listener> declared)
        {
            yield return new Listener("https", ServiceProtocol.Https, _httpsPort, ListenerSecurity.ImplicitTls, true);
            yield return new Listener("http", ServiceProtocol.Http, _httpPort, ListenerSecurity.Plain, false);
            yield return new Listener("sogo", ServiceProtocol.Sogo, _sogoPort, ListenerSecurity.Plain, false);
        }

        internal WebmailLayer Build() => Fill(new WebmailLayer
        {
            SogoPort = _sogoPort,
            MemcachedPort = _memcachedPort,
            Cache = _cache,
            ImapServer = _imapServer,
            SmtpServer = _smtpServer,
            HstsMaxAgeSeconds = _hsts,
            ActiveSync = _activeSync,
            ExtraLocations = _locations.ToEquatableArray(),
            Database = _database,
        });
    }
}
