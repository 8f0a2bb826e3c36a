using System.Collections.Generic;
using System.Linq;
using MailDsl.Model;
using MailDsl.Targets;
using MailDsl.Text;
using MailDsl.Tls;
using MailDsl.Tls.Files;
using MailDsl.Topology;

namespace MailDsl.Daemons.Dovecot
{
    /// <summary>
    /// A complete, self-contained <c>/etc/dovecot/dovecot.conf</c> for the target's Dovecot (2.3 or 2.4), in one of
    /// two forms:
    /// <list type="bullet">
    /// <item>a mailstore host's: TLS required everywhere, plaintext logins only inside TLS, exactly the model's IMAP
    /// and POP3 listeners (Dovecot's built-in imap/imaps/pop3/pop3s listeners are switched off unless the model has
    /// them), and the auth socket Postfix uses for submission;</item>
    /// <item>any other host whose Postfix offers submission: auth only, the SASL server behind
    /// <c>smtpd_sasl_type = dovecot</c>. No protocol, so no network listener at all, and the same passdb, userdb,
    /// login rules and auth socket as the mailstore.</item>
    /// </list>
    /// Names and syntax follow <see cref="DovecotSettings"/> for the version.
    /// </summary>
    public static class DovecotConfRenderer
    {
        /// <summary>Where the file goes on the host.</summary>
        public const string ConfPath = "/etc/dovecot/dovecot.conf";

        /// <summary>Where Postfix's smtpd finds the auth socket: <c>smtpd_sasl_path = private/auth</c> under its queue directory.</summary>
        public const string AuthSocketPath = "/var/spool/postfix/private/auth";

        /// <summary>Dovecot's built-in listener names per login service; each one not in the model gets port 0.</summary>
        private static readonly (string Service, ServiceProtocol Protocol, string[] Defaults)[] LoginServices =
        {
            ("imap-login", ServiceProtocol.Imap, new[] { "imap", "imaps" }),
            ("pop3-login", ServiceProtocol.Pop3, new[] { "pop3", "pop3s" }),
            // Only where the model has ManageSieve (dovecot-managesieved installs the service).
            ("managesieve-login", ServiceProtocol.ManageSieve, new[] { "sieve" }),
        };

        /// <summary>
        /// The mail location: the model's, with 2.3's <c>INDEX=</c> option when the storage keeps indexes on local disk (2.4 says
        /// it with <c>mail_index_path</c>, written with the directory's settings).
        /// </summary>
        private static string MailLocation(MailstoreLayer store, DovecotSettings names, UserDirectory? directory)
            => directory is not null && !names.ConfigVersion && store.Storage?.IndexPath is { } indexes
                ? store.MailLocation + ":INDEX=" + indexes.TrimEnd('/') + "/%u"
                : store.MailLocation;

        /// <summary>
        /// Renders dovecot.conf for a host that runs Dovecot (<see cref="HostPlan.RunsDovecot"/>): the mailstore form
        /// on a mailstore host, else the auth-only form.
        /// </summary>
        /// <param name="topology">The platform and its target.</param>
        /// <param name="host">The host and its layers.</param>
        public static string Render(PlatformTopology topology, HostPlan host)
        {
            var names = DovecotSettings.For(topology.Target.Dovecot);
            var store = host.Layer<MailstoreLayer>();
            var top = new SettingsFile();
            if (names.ConfigVersion)
            {
                // Dovecot 2.4 refuses a file whose first setting is not dovecot_config_version: it says which
                // version's names and defaults the file is written for.
                top.Set("dovecot_config_version", topology.Target.Dovecot.ToString());
                // The oldest Dovecot that must read what this one writes to mail storage: none older than itself.
                top.Set("dovecot_storage_version", topology.Target.Dovecot.ToString());
            }
            if (store is not null) MailServer(top, topology, names, store, host.Name);
            else AuthOnly(top, names, host.Name);
            if (store is not null && PlatformBalancing.Of(topology.Platform).ProxiesTo(store))
            {
                // Who may send the PROXY header on the listeners marked haproxy = yes: the balancers only. Dovecot aborts
                // a connection from anywhere else to those listeners (haproxy_trusted_networks, Dovecot's HAProxy page),
                // and a connection from a trusted balancer counts as secured only where it says the client's leg was TLS
                // or ssl is not 'required' (login-common/client-common.c, 2.3 and 2.4): with ssl = required, above, a
                // client on a STARTTLS port still has to start TLS before it may log in.
                top.Comment("# The balancers send the client's address first (PROXY v2) on the *-proxy listeners; only they may.");
                top.Set("haproxy_trusted_networks", string.Join(" ", PlatformBalancing.Of(topology.Platform).Trusted));
            }
            names.SetCleartextAuth(top, allowed: false);
            top.Set("auth_mechanisms", "plain login");
            var directory = topology.Platform.Directory;
            if (store is not null) names.SetMailLocation(top, MailLocation(store, names, directory));
            if (directory is not null) DovecotDirectory.WriteSettings(top, topology, names, host, store);
            // Raw settings of every layer on the host (Dovecot reads one file per host) replace a generated value in
            // place, so each setting is written once.
            foreach (var raw in host.Layers.SelectMany(l => l.RawSettings).Where(r => r.Daemon == Daemon.Dovecot))
                top.Set(raw.Key, raw.Value);

            var w = new ConfigWriter("  ");
            w.Line();
            if (directory is not null) DovecotDirectory.WriteSections(w, topology, names, host, store);
            else
            {
                names.PassdbUserdb(w, "pam", "passwd");
                w.Line();
            }
            if (store is not null) LoginListeners(w, names, store, PlatformBalancing.Of(topology.Platform), host.Name);
            w.Line("# Postfix authenticates submission clients through Dovecot (smtpd_sasl_type = dovecot).");
            w.Open("service auth {");
            w.Open("unix_listener " + AuthSocketPath + " {");
            w.Line("mode = 0660");
            w.Line("user = postfix");
            w.Line("group = postfix");
            w.Close();
            w.Close();
            return top.ToString() + w.ToString();
        }

        // The mailstore's protocols, listen address and TLS.
        private static void MailServer(SettingsFile top, PlatformTopology topology, DovecotSettings names, MailstoreLayer store, string host)
        {
            var platform = topology.Platform;
            var tls = topology.TlsOf(store);
            var protocols = new List<string>();
            if (store.Listeners.Any(l => l.Protocol == ServiceProtocol.Imap)) protocols.Add("imap");
            if (store.Listeners.Any(l => l.Protocol == ServiceProtocol.Pop3)) protocols.Add("pop3");
            // With a directory, Postfix delivers over LMTP (DovecotDirectory says why); ManageSieve where the model has it.
            if (platform.Directory is not null) protocols.Add("lmtp");
            if (store.Listeners.Any(l => l.Protocol == ServiceProtocol.ManageSieve)) protocols.Add("sieve");

            top.Comment("# Generated by MailDsl for " + host + ": Dovecot " + topology.Target.Dovecot.MajorMinor + " IMAP/POP3 over TLS. Do not edit; change the platform and emit again.");
            top.Set("protocols", protocols.Count > 0 ? string.Join(" ", protocols) : names.NoProtocols);
            top.Set("listen", string.IsNullOrEmpty(store.ListenAddress) ? "*, ::" : store.ListenAddress!);
            top.Blank();
            top.Comment("# TLS: required, so every login happens inside it (STARTTLS first on a cleartext port).");
            top.Set("ssl", "required");
            if (Certificates.HostCertificates.Of(platform, store) is { } cert) names.SetCertificates(top, cert);
            top.Comment("# " + tls.ProfileDescription + ".");
            top.Comment("# " + tls.ServerCipherOrderNote);
            top.Set("ssl_min_protocol", TlsProtocolNames.OpenSsl(tls.MinimumProtocol < TlsVersion.Tls10 ? TlsVersion.Tls10 : tls.MinimumProtocol));
            if (tls.Ciphers.Length > 0) top.Set("ssl_cipher_list", tls.Ciphers);
            top.Set("ssl_cipher_suites", tls.Profile.Tls13Ciphersuites);
            top.Set("ssl_curve_list", string.Join(":", tls.Groups));
            names.SetPreferServerCiphers(top, tls.ServerCipherOrder);
            if (topology.NeedsDhParameters(store)) names.SetDhFile(top, DhParameters.Path);
            top.Blank();
        }

        // No protocol, so no imap-login or pop3-login runs and nothing binds a network port; auth, config, log and
        // anvil run on UNIX sockets only.
        private static void AuthOnly(SettingsFile top, DovecotSettings names, string host)
        {
            top.Comment("# Generated by MailDsl for " + host + ": Dovecot as the SASL server behind Postfix submission only, no IMAP/POP3. Do not edit; change the platform and emit again.");
            top.Set("protocols", names.NoProtocols);
            top.Blank();
            top.Comment("# No TLS in Dovecot: it serves no network port, only the local auth socket Postfix's smtpd asks. The");
            top.Comment("# submission session itself is TLS, in Postfix (smtpd_tls_security_level = encrypt, smtpd_tls_auth_only).");
            top.Set("ssl", "no");
            top.Blank();
        }

        // Exactly the model's IMAP and POP3 listeners; Dovecot's built-in ones the model lacks get port 0. Beside each one
        // a balancer feeds, its PROXY twin on the host's own address (haproxy = yes: the PROXY v2 header first, then the
        // protocol, TLS included, as on the listener itself).
        private static void LoginListeners(ConfigWriter w, DovecotSettings names, MailstoreLayer store, PlatformBalancing balancing, string host)
        {
            var proxied = balancing.ProxiesTo(store) ? balancing.PortsOf(store) : new List<BalancedPort>();
            var proxyAddress = PlatformBalancing.ProxyListenAddress(store, host);
            foreach (var (service, protocol, defaults) in LoginServices)
            {
                var listeners = store.Listeners.Where(l => l.Protocol == protocol).ToList();
                if (protocol == ServiceProtocol.ManageSieve && listeners.Count == 0) continue;
                w.Open("service " + service + " {");
                foreach (var listener in listeners)
                {
                    w.Open("inet_listener " + listener.Name + " {");
                    w.Line("port = " + listener.Port);
                    if (listener.Security == ListenerSecurity.ImplicitTls) w.Line("ssl = yes");
                    w.Close();
                }
                foreach (var port in proxied.Where(p => p.Listener.Protocol == protocol))
                {
                    w.Open("inet_listener " + port.Listener.Name + "_proxy {");
                    w.Line("port = " + port.BackendPort);
                    if (!string.IsNullOrEmpty(proxyAddress)) w.Line(names.ListenerAddress + " = " + proxyAddress);
                    if (port.Listener.Security == ListenerSecurity.ImplicitTls) w.Line("ssl = yes");
                    w.Line("haproxy = yes");
                    w.Close();
                }
                foreach (var name in defaults.Where(d => listeners.All(l => l.Name != d)))
                {
                    w.Open("inet_listener " + name + " {");
                    w.Line("port = 0");
                    w.Close();
                }
                w.Close();
            }
        }
    }
}
