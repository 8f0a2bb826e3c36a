using System.Collections.Generic;
using System.Linq;
using MailDsl.Directories;
using MailDsl.Model;
using MailDsl.Secrets;
using MailDsl.Targets;
using MailDsl.Text;
using MailDsl.Topology;

namespace MailDsl.Daemons.Dovecot
{
    /// <summary>
    /// Dovecot's side of the platform's user directory, for 2.3 and 2.4: the passdb (LDAP with authentication binds, so the
    /// directory checks every password; or SQL with crypt(3) hashes) and userdb (the canonical login name, the home under the
    /// mail storage root, the quota), the one virtual mail user and the NFS settings, LMTP for Postfix's delivery with
    /// Pigeonhole Sieve on it, ManageSieve, quota.
    /// <para>
    /// Why LMTP: Sieve runs where Dovecot delivers, and Postfix hands mail to Dovecot either by running dovecot-lda for each
    /// message (a pipe, as the mail user) or over LMTP. LMTP is a long-running service that looks each recipient up in the same
    /// userdb (so an alias or proxyAddresses value finds its user, and an unknown one is refused in the SMTP dialogue rather than
    /// bounced), answers per recipient (a full mailbox is a temporary failure for that recipient only) and needs no setuid
    /// program; it is what Dovecot's documentation recommends for Postfix.
    /// </para>
    /// <para>
    /// Secrets stay out of world-readable files: 2.3 reads the LDAP or SQL settings from args files (mode 0600, read by the
    /// auth process as root), 2.4 reads them inline, and the password comes from an included file of mode 0600.
    /// </para>
    /// </summary>
    public static class DovecotDirectory
    {
        /// <summary>
        /// The settings MailDsl writes for the mailstore's storage (Dovecot's NFS guide, 2.3 and 2.4: mmap_disable = yes and
        /// mail_fsync = always on NFS): what the renderer writes and what the raw-value check knows is written.
        /// </summary>
        internal static IEnumerable<(string Name, string Value)> StorageSettings(MailStorage storage)
        {
            if (storage.Kind != StorageKind.Nfs) yield break;
            yield return ("mmap_disable", "yes");
            yield return ("mail_fsync", "always");
        }

        /// <summary>2.3's args file for the passdb (LDAP or SQL).</summary>
        public const string PassdbArgsPath = "/etc/dovecot/maildsl-passdb.conf.ext";

        /// <summary>2.3's args file for the userdb: a second file, so LDAP auth binds and user lookups use separate connections.</summary>
        public const string UserdbArgsPath = "/etc/dovecot/maildsl-userdb.conf.ext";

        /// <summary>2.4's file holding the directory's password, included from dovecot.conf (relative to it).</summary>
        public const string SecretsPath = "/etc/dovecot/maildsl-secrets.conf.ext";

        /// <summary>Where Postfix hands mail to Dovecot's LMTP: <c>lmtp:unix:private/dovecot-lmtp</c> under its queue directory.</summary>
        public const string LmtpSocketPath = "/var/spool/postfix/private/dovecot-lmtp";

        /// <summary>The Dovecot packages the directory needs besides dovecot-core on a Debian host.</summary>
        public static IEnumerable<string> DebianPackages(UserDirectory directory, bool mailstore)
        {
            if (directory.Ldap is not null) yield return "dovecot-ldap";
            else if (directory.Sql is { } sql) yield return sql.Database.Engine == SqlEngine.MariaDb ? "dovecot-mysql" : "dovecot-pgsql";
            if (!mailstore) yield break;
            yield return "dovecot-lmtpd";
            yield return "dovecot-sieve";
        }

        /// <summary>The top-level settings: mail user, storage and NFS, the postmaster, and 2.4's inline directory settings.</summary>
        public static void WriteSettings(SettingsFile top, PlatformTopology topology, DovecotSettings names, HostPlan host, MailstoreLayer? store)
        {
            var platform = topology.Platform;
            var directory = platform.Directory!;
            var ca = PlatformDirectory.CaFile(platform, topology.Target);
            if (store is not null)
            {
                var storage = PlatformDirectory.StorageOf(store);
                top.Blank();
                top.Comment("# Every mailbox belongs to one virtual mail user, the same uid and gid on every mailstore host.");
                top.Set("mail_uid", storage.Uid.ToString(System.Globalization.CultureInfo.InvariantCulture));
                top.Set("mail_gid", storage.Gid.ToString(System.Globalization.CultureInfo.InvariantCulture));
                top.Set("first_valid_uid", storage.Uid.ToString(System.Globalization.CultureInfo.InvariantCulture));
                top.Set("last_valid_uid", storage.Uid.ToString(System.Globalization.CultureInfo.InvariantCulture));
                top.Set("first_valid_gid", storage.Gid.ToString(System.Globalization.CultureInfo.InvariantCulture));
                top.Set("last_valid_gid", storage.Gid.ToString(System.Globalization.CultureInfo.InvariantCulture));
                if (storage.Kind == StorageKind.Nfs)
                {
                    // Dovecot's NFS guide (2.3 and 2.4): mmap_disable = yes, mail_fsync = always, and, since every user has one
                    // backend at a time, "Do not set mail_nfs_index or mail_nfs_storage (keep them as no)": they only flush
                    // caches for a second host reading the same mailbox, which never happens here.
                    top.Comment("# Mail on NFS (Dovecot's NFS guide): no mmap, fsync every write; mail_nfs_storage and mail_nfs_index stay no,");
                    top.Comment("# since each user's mailbox is opened by one host at a time.");
                }
                foreach (var (name, value) in StorageSettings(storage)) top.Set(name, value);
                if (storage.IndexPath is { } indexes && names.ConfigVersion)
                    top.Set("mail_index_path", indexes.TrimEnd('/') + "/%{user}");
                top.Set("postmaster_address", "postmaster@" + platform.Domain);
                // Postfix on this host already records the hop that brought the message; the LMTP hand-over is a local socket.
                top.Set("lmtp_add_received_header", "no");
                if (MailstoreBackends.On(host)) MailstoreBackends.WriteSettings(top, topology, names);
            }
            if (!names.ConfigVersion) return;

            // 2.4: the directory's connection settings are global, read by the passdb and userdb sections below.
            top.Blank();
            if (directory.Ldap is { } ldap)
            {
                top.Comment("# The directory: " + string.Join(", ", ldap.Servers.Select(PlatformDirectory.Url)) + ", TLS verified against " + ca + ".");
                top.Set("ldap_uris", string.Join(" ", ldap.Servers.Select(PlatformDirectory.Url)));
                if (ldap.Servers.Any(s => s.Security == LdapSecurity.StartTls)) top.Set("ldap_starttls", "yes");
                // DNs in RFC 4514's escaped form: 2.4 expands %{...} in every string setting, and an escaped DN holds no '%'.
                if (ldap.BindDn is { } dn) top.Set("ldap_auth_dn", Quote(DistinguishedNames.Escape(dn)));
                top.Set("ldap_base", Quote(DistinguishedNames.Escape(ldap.BaseDn)));
                top.Set("ssl_client_ca_file", ca);
                top.Set("ssl_client_require_valid_cert", ldap.Servers.All(s => s.VerifyCertificate) ? "yes" : "no");
            }
            else if (directory.Sql is { } sql)
            {
                var db = sql.Database;
                top.Comment("# The directory's database: " + db.Host + ":" + db.Port + ", TLS " + (db.Tls == DatabaseTls.VerifyFull ? "verified against " + ca : db.Tls.ToString()) + ".");
                top.Set("sql_driver", db.Engine == SqlEngine.MariaDb ? "mysql" : "pgsql");
            }
            top.Comment("# Its password, in a file only root reads.");
            top.Comment("!include " + System.IO.Path.GetFileName(SecretsPath));
        }

        /// <summary>
        /// The sections: the SQL connection (2.4), passdb and userdb, and on a mailstore the LMTP service, Sieve, ManageSieve
        /// and quota. Replaces the pam/passwd databases of a platform without a directory.
        /// </summary>
        public static void WriteSections(ConfigWriter w, PlatformTopology topology, DovecotSettings names, HostPlan host, MailstoreLayer? store)
        {
            var platform = topology.Platform;
            var directory = platform.Directory!;
            var root = store is null ? null : PlatformDirectory.StorageOf(store).Root.TrimEnd('/');
            // With one backend per user, the backend's passdb follows the directory's: which continues once the password is
            // checked, and finds users by any of their addresses too (LMTP asks it for each recipient).
            var backends = MailstoreBackends.On(host);
            if (!names.ConfigVersion)
            {
                w.Line("# Users come from the directory (" + Describe(directory) + "); its settings and password are in files only root reads.");
                w.Open("passdb {");
                w.Line("driver = " + (directory.Ldap is null ? "sql" : "ldap"));
                w.Line("args = " + PassdbArgsPath);
                if (backends) w.Line("result_success = continue-ok");
                w.Close();
                w.Open("userdb {");
                w.Line("driver = " + (directory.Ldap is null ? "sql" : "ldap"));
                w.Line("args = " + UserdbArgsPath);
                w.Close();
            }
            else if (directory.Ldap is { } ldap)
            {
                var a = LdapAttributes.For(ldap.Schema, directory.Login);
                w.Line("# Users come from the directory. Dovecot finds the user's DN with the bind account, then binds as the user: the");
                w.Line("# directory itself checks the password (auth bind).");
                w.Open("passdb ldap {");
                w.Line("bind = yes");
                w.Line("filter = " + (backends ? a.UserFilter("%{user}") : a.LoginFilter("%{user}")));
                if (backends) w.Line("result_success = continue-ok");
                w.Open("fields {");
                w.Line("user = %{ldap:" + a.Login + " | lower}");
                w.Close();
                w.Close();
                w.Line("# The user by login name (IMAP, POP3, ManageSieve) or by any of their addresses (LMTP knows only the recipient).");
                w.Open("userdb ldap {");
                w.Line("filter = " + a.UserFilter("%{user}"));
                w.Line("iterate_filter = " + a.PersonFilter);
                w.Open("fields {");
                w.Line("user = %{ldap:" + a.Login + " | lower}");
                if (root is not null) w.Line("home = " + root + "/%{ldap:" + a.Login + " | lower}");
                if (directory.QuotaField is { } quota && store is not null)
                    w.Line("quota_storage_size = %{ldap:" + quota + " | default('unlimited')}");
                w.Close();
                w.Open("iterate_fields {");
                w.Line("user = %{ldap:" + a.Login + " | lower}");
                w.Close();
                w.Close();
                // Dovecot 2.4.1 sets ssl_client_ca_file on its LDAP handle without a TLS context of its own (upstream
                // commit 333ac4c837 creates one, after 2.4.1), so libldap's global defaults verify the directory. They
                // come from the environment Dovecot passes its processes: the same CA and verification.
                var ca = PlatformDirectory.CaFile(platform, topology.Target);
                w.Open("import_environment {");
                w.Line("LDAPTLS_CACERT = " + ca);
                w.Line("LDAPTLS_REQCERT = " + (ldap.Servers.All(s => s.VerifyCertificate) ? "demand" : "never"));
                w.Close();
            }
            else if (directory.Sql is { } sql)
            {
                var c = SqlColumns(directory);
                var table = SqlText.Identifier(sql.Table, sql.Database.Engine);
                w.Line("# Users come from the directory's table; passwords are crypt(3) hashes (SOGo's 'crypt' algorithm).");
                w.Open("passdb sql {");
                w.Line("default_password_scheme = CRYPT");
                w.Line("query = SELECT lower(c_uid) AS user, c_password AS password FROM " + table + " WHERE " + PassdbWhere(c, backends, "%{user}"));
                if (backends) w.Line("result_success = continue-ok");
                w.Close();
                w.Open("userdb sql {");
                var home = root is null ? "" : ", '" + root + "/' || lower(c_uid) AS home";
                if (sql.Database.Engine == SqlEngine.MariaDb && root is not null) home = ", CONCAT('" + root + "/', lower(c_uid)) AS home";
                var quota = directory.QuotaField is { } q && store is not null ? ", " + SqlText.Identifier(q, sql.Database.Engine) + " AS quota_storage_size" : "";
                w.Line("query = SELECT lower(c_uid) AS user" + home + quota + " FROM " + table + " WHERE c_uid = '%{user}' OR mail = '%{user}'");
                w.Line("iterate_query = SELECT lower(c_uid) AS user FROM " + table);
                w.Close();
                w.Open(SqlSection(sql.Database) + " {");
                WriteSql24Connection(w, sql.Database, PlatformDirectory.CaFile(platform, topology.Target));
                w.Close();
            }
            w.Line();
            if (store is null) return;
            if (backends) MailstoreBackends.WriteSections(w, names);

            if (directory.QuotaField is not null)
            {
                // The global plugin list comes before any protocol section: 2.3 expands $mail_plugins where it is read.
                w.Line("# Each user's quota comes from the directory (" + directory.QuotaField + ", in bytes).");
                if (names.ConfigVersion)
                {
                    w.Open("mail_plugins {");
                    w.Line("quota = yes");
                    w.Close();
                    w.Open("quota \"User quota\" {");
                    w.Close();
                    w.Open("protocol imap {");
                    w.Open("mail_plugins {");
                    w.Line("imap_quota = yes");
                    w.Close();
                    w.Close();
                }
                else
                {
                    w.Line("mail_plugins = $mail_plugins quota");
                    w.Open("protocol imap {");
                    w.Line("mail_plugins = $mail_plugins imap_quota");
                    w.Close();
                }
            }
            w.Line("# Postfix delivers here over LMTP; Pigeonhole runs the user's active Sieve script on the way in.");
            if (backends) w.Line("# LMTP first asks the passdb whose each recipient is, and proxies it there (STARTTLS, verified) unless it is here.");
            w.Open("service lmtp {");
            w.Open("unix_listener " + LmtpSocketPath + " {");
            w.Line("mode = 0600");
            w.Line("user = postfix");
            w.Line("group = postfix");
            w.Close();
            // With one backend per user, deliveries proxied from the other mailstore hosts arrive over TCP.
            if (backends) MailstoreBackends.WriteLmtpListener(w);
            w.Close();
            w.Open("protocol lmtp {");
            if (names.ConfigVersion)
            {
                w.Open("mail_plugins {");
                w.Line("sieve = yes");
                w.Close();
            }
            else w.Line("mail_plugins = $mail_plugins sieve");
            w.Close();
            if (names.ConfigVersion)
            {
                w.Open("sieve_script personal {");
                w.Line("driver = file");
                w.Line("path = ~/sieve");
                w.Line("active_path = ~/.dovecot.sieve");
                w.Close();
            }
            else
            {
                w.Open("plugin {");
                w.Line("sieve = file:~/sieve;active=~/.dovecot.sieve");
                if (directory.QuotaField is not null)
                {
                    w.Line("quota = count:User quota");
                    w.Line("quota_vsizes = yes");
                }
                w.Close();
            }
            w.Line();
        }

        /// <summary>The files beside dovecot.conf: 2.3's args files, 2.4's secrets include. Each readable by root only.</summary>
        public static IEnumerable<Artifact> Files(PlatformTopology topology, DovecotSettings names, HostPlan host)
        {
            var platform = topology.Platform;
            var directory = platform.Directory!;
            var store = host.Layer<MailstoreLayer>();
            var header = "# Generated by MailDsl for " + host.Name + ". Do not edit; change the platform and emit again.\n";
            if (names.ConfigVersion)
            {
                var secrets = new ConfigWriter("  ");
                secrets.Line(header.TrimEnd('\n'));
                secrets.Line("# The directory's password, written here by install.sh on the host; readable by root only.");
                if (directory.Ldap is not null)
                    secrets.Line("ldap_auth_dn_password = \"" + PlatformSecrets.Placeholder(PlatformSecrets.LdapBind, SecretSyntax.Dovecot24) + "\"");
                else if (directory.Sql is { } sql)
                {
                    secrets.Open(SqlSection(sql.Database) + " {");
                    if (sql.Database.Engine == SqlEngine.MariaDb)
                        secrets.Line("password = \"" + PlatformSecrets.Placeholder(PlatformSecrets.SqlDirectory, SecretSyntax.Dovecot24) + "\"");
                    else
                    {
                        secrets.Open("parameters {");
                        secrets.Line("password = \"" + PlatformSecrets.Placeholder(PlatformSecrets.SqlDirectory, SecretSyntax.Dovecot24) + "\"");
                        secrets.Close();
                    }
                    secrets.Close();
                }
                yield return new Artifact(host.Name, SecretsPath, OwnerOnlyMode, secrets.ToString());
                yield break;
            }
            var root = store is null ? null : PlatformDirectory.StorageOf(store).Root.TrimEnd('/');
            var ca = PlatformDirectory.CaFile(platform, topology.Target);
            var backends = MailstoreBackends.On(host);
            yield return new Artifact(host.Name, PassdbArgsPath, OwnerOnlyMode, header + Args23(directory, ca, root, passdb: true, store is not null, backends));
            yield return new Artifact(host.Name, UserdbArgsPath, OwnerOnlyMode, header + Args23(directory, ca, root, passdb: false, store is not null, backends));
        }

        /// <summary>Octal 0600: root only (Dovecot reads these as root before dropping privileges).</summary>
        public const int OwnerOnlyMode = 384;

        // A Dovecot 2.3 args file (dovecot-ldap.conf.ext or dovecot-sql.conf.ext syntax).
        private static string Args23(UserDirectory directory, string ca, string? root, bool passdb, bool mailstore, bool backends)
        {
            var f = new SettingsFile();
            if (directory.Ldap is { } ldap)
            {
                var a = LdapAttributes.For(ldap.Schema, directory.Login);
                f.Comment(passdb
                    ? "# Logins: the user's DN is found with the bind account, then Dovecot binds as the user, so the directory checks the password."
                    : "# User lookups: by login name (IMAP, POP3, ManageSieve) or by any of the user's addresses (LMTP delivery).");
                f.Set("uris", string.Join(" ", ldap.Servers.Select(PlatformDirectory.Url)));
                f.Set("ldap_version", "3");
                if (ldap.Servers.Any(s => s.Security == LdapSecurity.StartTls)) f.Set("tls", "yes");
                f.Set("tls_ca_cert_file", ca);
                f.Set("tls_require_cert", ldap.Servers.All(s => s.VerifyCertificate) ? "demand" : "never");
                // DNs in RFC 4514's escaped form: base expands '%' variables, and an escaped DN holds no '%'.
                if (ldap.BindDn is { } dn) f.Set("dn", Quote(DistinguishedNames.Escape(dn)));
                f.Set("dnpass", "\"" + PlatformSecrets.Placeholder(PlatformSecrets.LdapBind, SecretSyntax.Dovecot23) + "\"");
                f.Set("base", Quote(DistinguishedNames.Escape(ldap.BaseDn)));
                f.Set("scope", "subtree");
                f.Set("deref", "never");
                if (passdb)
                {
                    f.Set("auth_bind", "yes");
                    f.Set("pass_filter", backends ? a.UserFilter("%u") : a.LoginFilter("%u"));
                    f.Set("pass_attrs", "=user=%L{ldap:" + a.Login + "}");
                }
                else
                {
                    f.Set("user_filter", a.UserFilter("%u"));
                    var attrs = "=user=%L{ldap:" + a.Login + "}";
                    if (root is not null) attrs += ", =home=" + root + "/%L{ldap:" + a.Login + "}";
                    if (directory.QuotaField is { } quota && mailstore) attrs += ", =quota_rule=*:bytes=%{ldap:" + quota + ":0}";
                    f.Set("user_attrs", attrs);
                    f.Set("iterate_filter", a.PersonFilter);
                    f.Set("iterate_attrs", a.Login + "=user");
                }
                return f.ToString();
            }
            var sql = directory.Sql!;
            var db = sql.Database;
            var c = SqlColumns(directory);
            f.Comment(passdb ? "# Logins: the password is a crypt(3) hash in the table (SOGo's 'crypt' algorithm)." : "# User lookups: by login name or by address (LMTP delivery).");
            var table = SqlText.Identifier(sql.Table, db.Engine);
            f.Set("driver", db.Engine == SqlEngine.MariaDb ? "mysql" : "pgsql");
            f.Set("connect", Quote(Connect23(db, ca)));
            if (passdb)
            {
                f.Set("default_pass_scheme", "CRYPT");
                f.Set("password_query", "SELECT lower(c_uid) AS user, c_password AS password FROM " + table + " WHERE " + PassdbWhere(c, backends, "%u"));
            }
            else
            {
                var home = root is null ? "" : db.Engine == SqlEngine.MariaDb ? ", CONCAT('" + root + "/', lower(c_uid)) AS home" : ", '" + root + "/' || lower(c_uid) AS home";
                var column = directory.QuotaField is { } q && mailstore ? SqlText.Identifier(q, db.Engine) : null;
                var quota = column is null ? "" : db.Engine == SqlEngine.MariaDb ? ", CONCAT('*:bytes=', " + column + ") AS quota_rule" : ", '*:bytes=' || " + column + " AS quota_rule";
                f.Set("user_query", "SELECT lower(c_uid) AS user" + home + quota + " FROM " + table + " WHERE c_uid = '%u' OR mail = '%u'");
                f.Set("iterate_query", "SELECT lower(c_uid) AS user FROM " + table);
            }
            return f.ToString();
        }

        // Dovecot 2.3's connect string (written Dovecot-quoted): libpq's conninfo, each value single-quoted as libpq reads it, or
        // Dovecot's own mysql key=value list, which has no quoting (the grammars keep spaces and quotes out of its values).
        private static string Connect23(DatabaseConnection db, string ca)
        {
            var port = db.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
            if (db.Engine == SqlEngine.MariaDb)
            {
                var tls = db.Tls == DatabaseTls.Disabled ? "" : " ssl_ca=" + ca + (db.Tls == DatabaseTls.VerifyFull ? " ssl_verify_server_cert=yes" : "");
                return "host=" + db.Host + " port=" + port + " dbname=" + db.Name + " user=" + db.User
                    + " password=" + PlatformSecrets.Placeholder(PlatformSecrets.SqlDirectory, SecretSyntax.MysqlInDovecot23) + tls;
            }
            var mode = db.Tls switch { DatabaseTls.VerifyFull => "verify-full sslrootcert=" + SqlText.ConninfoValue(ca), DatabaseTls.Required => "require", _ => "disable" };
            return "host=" + SqlText.ConninfoValue(db.Host) + " port=" + port + " dbname=" + SqlText.ConninfoValue(db.Name) + " user=" + SqlText.ConninfoValue(db.User)
                + " password='" + PlatformSecrets.Placeholder(PlatformSecrets.SqlDirectory, SecretSyntax.PgConninfoInDovecot23) + "' sslmode=" + mode;
        }

        // Dovecot 2.4's SQL connection section: the driver and the server, an IPv6 address quoted (a section name is one word,
        // and doveconf reads a quoted one as the same name).
        private static string SqlSection(DatabaseConnection db)
            => (db.Engine == SqlEngine.MariaDb ? "mysql " : "pgsql ") + (Topology.Addresses.IsIPv6(db.Host) ? Quote(db.Host) : db.Host);

        // Dovecot 2.4's connection block body (the password is in the secrets include).
        private static void WriteSql24Connection(ConfigWriter w, DatabaseConnection db, string ca)
        {
            var port = db.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
            if (db.Engine == SqlEngine.MariaDb)
            {
                w.Line("port = " + port);
                w.Line("dbname = " + db.Name);
                w.Line("user = " + db.User);
                if (db.Tls != DatabaseTls.Disabled)
                {
                    w.Line("ssl = yes");
                    w.Line("ssl_client_ca_file = " + ca);
                    w.Line("ssl_client_require_valid_cert = " + (db.Tls == DatabaseTls.VerifyFull ? "yes" : "no"));
                }
                return;
            }
            w.Open("parameters {");
            w.Line("port = " + port);
            w.Line("dbname = " + db.Name);
            w.Line("user = " + db.User);
            w.Line("sslmode = " + db.Tls switch { DatabaseTls.VerifyFull => "verify-full", DatabaseTls.Required => "require", _ => "disable" });
            if (db.Tls == DatabaseTls.VerifyFull) w.Line("sslrootcert = " + ca);
            w.Close();
        }

        // The passdb finds the user by login name; with one backend per user also by address, as LMTP asks it by recipient.
        private static string PassdbWhere(Columns c, bool byAddressToo, string user)
            => byAddressToo && c.Login != "mail" ? c.Login + " = '" + user + "' OR mail = '" + user + "'" : c.Login + " = '" + user + "'";

        private sealed record Columns(string Login);

        private static Columns SqlColumns(UserDirectory directory) => new(directory.Login == LoginName.Address ? "mail" : "c_uid");

        private static string Describe(UserDirectory directory) => directory.Ldap is { } ldap
            ? string.Join(", ", ldap.Servers.Select(PlatformDirectory.Url))
            : directory.Sql!.Database.Engine + " on " + directory.Sql.Database.Host;

        /// <summary>A Dovecot double-quoted value: a backslash escapes any character (str_unescape).</summary>
        public static string Quote(string value) => "\"" + value.Replace("\\", "\\\\").Replace("\"", "\\\"") + "\"";
    }
}
