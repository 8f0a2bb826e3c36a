using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using MailDsl.Directories;
using MailDsl.Firewall;
using MailDsl.Model;
using MailDsl.Text;
using MailDsl.Topology;

namespace MailDsl.Daemons.Dovecot
{
    /// <summary>
    /// One backend per user on mailstore hosts that share their storage (<see cref="SharedState.OneBackendPerUser"/>), the same
    /// design on Dovecot 2.3 and 2.4 (docs/shared-state.md). Dovecot's NFS guide (2.3 and 2.4): "Dovecot does not support
    /// accessing the same user simultaneously by different servers [...] this applies to all mailbox access, including mail
    /// delivery. Users must be assigned to specific backends (i.e. in the proxy's passdb lookups)", and, with that done,
    /// "Do not set mail_nfs_index or mail_nfs_storage (keep them as no)".
    /// <list type="bullet">
    /// <item>After the directory's passdb (which checks the password and names the user), a Lua passdb
    /// (<c>maildsl-backends.lua</c>, dovecot-auth-lua) picks the user's backend by rendezvous hashing over the mailstore
    /// hosts in service, and answers either nothing (served here) or <c>proxy</c>, <c>host</c> and TLS fields (Dovecot's proxy
    /// passdb fields, the same names in 2.3 and 2.4's auth-proxy). IMAP, POP3 and ManageSieve logins go through it;
    /// deliveries too: <c>lmtp_proxy = yes</c> makes LMTP ask the passdb for every recipient (lmtp-proxy.c) and proxy it over
    /// LMTP with STARTTLS, verified, to the backend's LMTP port, which only the mailstore hosts may reach (nftables).</item>
    /// <item>A watcher (<c>maildsl-backends.sh</c>), run by Dovecot's master as a service so it lives exactly while Dovecot
    /// runs, writes this host's state to the shared storage every second, kicks sessions of users that now belong to another
    /// host, and keeps a returning host from serving its users until every other host has let go of them.</item>
    /// </list>
    /// </summary>
    public static class MailstoreBackends
    {
        /// <summary>Where the Lua passdb lives.</summary>
        public const string LuaPath = "/etc/dovecot/maildsl-backends.lua";

        /// <summary>Where the watcher lives.</summary>
        public const string WatcherPath = "/etc/dovecot/maildsl-backends.sh";

        /// <summary>The LMTP port proxied deliveries arrive on (RFC 2033 names no port; Dovecot's lmtp proxy defaults to 24).</summary>
        public const int LmtpPort = 24;

        /// <summary>The folder, under the storage root, where every host's state line is kept.</summary>
        public const string StateFolder = ".maildsl-backends";

        /// <summary>Seconds after which a host's state line no longer counts (it writes one every second).</summary>
        public const int StaleAfterSeconds = 10;

        /// <summary>Whether <paramref name="host"/> is a mailstore host that takes part (with a per-user backend).</summary>
        public static bool On(HostPlan host) => host.Platform is { } p && host.Layer<MailstoreLayer>() is not null && SharedState.OneBackendPerUser(p);

        /// <summary>The folder of state lines on the shared storage.</summary>
        public static string StateDir(MailstoreLayer store) => PlatformDirectory.StorageOf(store).Root.TrimEnd('/') + "/" + StateFolder;

        /// <summary>Only the mailstore hosts may deliver over LMTP (it has no authentication: whoever reaches it delivers).</summary>
        public static PortRestriction LmtpRestriction(MailstoreLayer store)
            => new("maildsl_lmtp", LmtpPort, SharedState.HostsOf(store), "Dovecot's LMTP for deliveries proxied between mailstore hosts");

        /// <summary>The top-level settings: deliveries asked of the passdb, and the CA the proxy verifies the backend with.</summary>
        public static void WriteSettings(SettingsFile top, PlatformTopology topology, DovecotSettings names)
        {
            top.Blank();
            top.Comment("# One backend per user (docs/shared-state.md): LMTP asks the passdb for every recipient and proxies it to the user's backend.");
            top.Set("lmtp_proxy", "yes");
            var ca = PlatformDirectory.CaFile(topology.Platform, topology.Target);
            top.Comment("# The backend's certificate is verified against the platform's CA, for the name proxied to.");
            top.Set("ssl_client_ca_file", ca);
            if (!names.ConfigVersion)
            {
                // 2.3's login processes are chrooted and ignore ssl_client_ca_* when they proxy (login-proxy.c,
                // login_proxy_starttls: "we're chrooted, so we can't read them"); they verify with ssl_ca, whose contents the
                // config process reads. With ssl_verify_client_cert = no (the default) the server asks clients for nothing.
                top.Set("ssl_ca", "<" + ca);
                // ssl_ca's certificates are checked against CRLs in the same file unless ssl_require_crl = no; the platform's CA
                // file carries none ("unable to get certificate CRL", seen on 2.3.19), and 2.4 and LMTP's proxy check none.
                top.Set("ssl_require_crl", "no");
            }
        }

        /// <summary>The Lua passdb after the directory's, and the watcher's service.</summary>
        public static void WriteSections(ConfigWriter w, DovecotSettings names)
        {
            w.Line("# The user's backend (maildsl-backends.lua): only after the directory's passdb accepted the password and named the");
            w.Line("# user; a refusal (no host in service, or this host still taking over) is a temporary failure, never a login.");
            if (names.ConfigVersion)
            {
                w.Open("passdb lua {");
                w.Line("lua_file = " + LuaPath);
            }
            else
            {
                w.Open("passdb {");
                w.Line("driver = lua");
                // Never cached: the auth cache is off (auth_cache_size = 0, the default), and must stay so, since the answer changes
                // when a host leaves or returns. (An empty cache_key= would say so here, but 2.3.19's auth dies of it: signal 11.)
                w.Line("args = file=" + LuaPath + " blocking=yes");
            }
            w.Line("skip = unauthenticated");
            w.Line("result_internalfail = return-fail");
            w.Close();
            w.Line("# The watcher: this host's state on the shared storage every second; it lives and ends with Dovecot's master.");
            w.Open("service maildsl-backends {");
            w.Line("executable = " + WatcherPath);
            w.Line("process_min_avail = 1");
            w.Line("process_limit = 1");
            w.Line("user = root");
            w.Close();
            w.Line();
        }

        /// <summary>
        /// The LMTP listener for deliveries proxied from the other mailstore hosts (inside <c>service lmtp</c>): STARTTLS, which
        /// the proxy requires and verifies; nftables lets only the mailstore hosts in.
        /// </summary>
        public static void WriteLmtpListener(ConfigWriter w)
        {
            w.Open("inet_listener lmtp {");
            w.Line("port = " + LmtpPort.ToString(CultureInfo.InvariantCulture));
            w.Close();
        }

        /// <summary>The Lua passdb and the watcher for <paramref name="host"/>.</summary>
        public static IEnumerable<Artifact> Files(PlatformTopology topology, HostPlan host)
        {
            var store = host.Layer<MailstoreLayer>()!;
            var hosts = SharedState.HostsOf(store);
            var storage = PlatformDirectory.StorageOf(store);
            var header = "Generated by MailDsl for " + host.Name + ". Do not edit; change the platform and emit again.";

            var lua = new StringBuilder();
            lua.Append("-- ").Append(header).Append('\n');
            lua.Append("local MAILDSL = {\n");
            lua.Append("  self = ").Append(LuaString(host.Name)).Append(",\n");
            lua.Append("  hosts = { ").Append(string.Join(", ", hosts.Select(LuaString))).Append(" },\n");
            lua.Append("  state_dir = ").Append(LuaString(StateDir(store))).Append(",\n");
            lua.Append("  stale_after = ").Append(StaleAfterSeconds.ToString(CultureInfo.InvariantCulture)).Append(",\n");
            lua.Append("  -- How each protocol reaches the backend: its own listener, TLS verified against ssl_client_ca_file.\n");
            lua.Append("  proxy = {\n");
            foreach (var (protocol, fields) in ProxyFields(store))
                lua.Append("    ").Append(protocol).Append(" = { ")
                   .Append(string.Join(", ", fields.Split(' ').Select(f => f.Split('=')).Select(kv => kv[0] + " = " + LuaString(kv[1]))))
                   .Append(" },\n");
            lua.Append("  },\n}\n\n");
            lua.Append(Resource("maildsl-backends.lua"));
            yield return new Artifact(host.Name, LuaPath, Artifact.ReadableMode, lua.ToString());

            var sh = new StringBuilder();
            sh.Append("#!/bin/bash\n# ").Append(header).Append('\n');
            sh.Append("SELF=").Append(ShellText.Quote(host.Name)).Append('\n');
            sh.Append("HOSTS=(").Append(string.Join(" ", hosts.Select(ShellText.Quote))).Append(")\n");
            sh.Append("STATE_DIR=").Append(ShellText.Quote(StateDir(store))).Append('\n');
            sh.Append("STALE_AFTER=").Append(StaleAfterSeconds.ToString(CultureInfo.InvariantCulture)).Append('\n');
            sh.Append("MAIL_UID=").Append(storage.Uid.ToString(CultureInfo.InvariantCulture)).Append('\n');
            sh.Append("MAIL_GID=").Append(storage.Gid.ToString(CultureInfo.InvariantCulture)).Append('\n');
            sh.Append("PIDFILE=/run/dovecot/maildsl-backends.pid\n");
            sh.Append(Resource("maildsl-backends.sh"));
            yield return new Artifact(host.Name, WatcherPath, Artifact.ExecutableMode, sh.ToString());

            var restriction = LmtpRestriction(store);
            yield return restriction.Artifact(host.Name);
        }

        /// <summary>
        /// The proxy fields per protocol (Dovecot's login services name them imap, pop3, sieve; LMTP lmtp): implicit TLS where the
        /// layer has it, else STARTTLS, and the LMTP port with STARTTLS. Verified: never <c>any-cert</c>.
        /// </summary>
        public static IEnumerable<(string Protocol, string Fields)> ProxyFields(MailstoreLayer store)
        {
            foreach (var (name, protocol) in new[] { ("imap", ServiceProtocol.Imap), ("pop3", ServiceProtocol.Pop3), ("sieve", ServiceProtocol.ManageSieve) })
            {
                var listeners = store.Listeners.Where(l => l.Protocol == protocol).ToList();
                var listener = listeners.FirstOrDefault(l => l.Security == ListenerSecurity.ImplicitTls) ?? listeners.FirstOrDefault(l => l.Security == ListenerSecurity.StartTls);
                if (listener is null) continue;
                yield return (name, "port=" + listener.Port.ToString(CultureInfo.InvariantCulture) + (listener.Security == ListenerSecurity.ImplicitTls ? " ssl=yes" : " starttls=yes"));
            }
            yield return ("lmtp", "port=" + LmtpPort.ToString(CultureInfo.InvariantCulture) + " starttls=yes");
        }

        /// <summary>The steps install.sh runs before anything is placed: the folder of state lines, owned by the mail user.</summary>
        public static IEnumerable<string> Prepare(MailstoreLayer store)
        {
            var s = PlatformDirectory.StorageOf(store);
            var uid = s.Uid.ToString(CultureInfo.InvariantCulture);
            var gid = s.Gid.ToString(CultureInfo.InvariantCulture);
            yield return "install -d -o " + uid + " -g " + gid + " -m 0755 -- " + ShellText.Quote(StateDir(store));
        }

        private static string Resource(string name) => EmbeddedText.Read("MailDsl.Daemons.Dovecot.Backends/" + name);

        // Host names and paths are checked by the rules (DNS names, absolute normal paths): no quote or backslash reaches here.
        private static string LuaString(string value) => "\"" + value.Replace("\\", "\\\\").Replace("\"", "\\\"") + "\"";

    }
}
