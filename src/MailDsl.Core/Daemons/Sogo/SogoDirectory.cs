using System.Collections.Generic;
using System.Linq;
using MailDsl.Directories;
using MailDsl.Model;
using MailDsl.Rules.Directories;
using MailDsl.Secrets;
using MailDsl.Targets;
using MailDsl.Text;
using MailDsl.Topology;

namespace MailDsl.Daemons.Sogo
{
    /// <summary>
    /// SOGo's side of the platform: its user source (the platform's directory, for logins and as the address book), its
    /// database (profiles, folder metadata, sessions, alarms; SOGo creates the tables), memcached, and Sieve over ManageSieve
    /// with STARTTLS for filters and vacation. SOGo logs in to IMAP, SMTP and ManageSieve as the user, with the password the
    /// user gave it (the same directory checks it there), so it needs no Dovecot master user.
    /// <para>
    /// TLS to the directory and to PostgreSQL is done by libldap and libpq inside sogod, which read their CA and verification
    /// from the environment (LDAPTLS_CACERT, LDAPTLS_REQCERT, PGSSLMODE, PGSSLROOTCERT): SOGo has no setting of its own for
    /// them. MailDsl writes them to sogod's environment file, which the init script sources and systemd reads.
    /// </para>
    /// </summary>
    public static class SogoDirectory
    {
        /// <summary>sogod's environment file on <paramref name="target"/>: Debian's init script and unit read /etc/default/sogo.</summary>
        public static string EnvironmentPath(TargetFacts target) => target.Family == DistroFamily.Rhel ? "/etc/sysconfig/sogo" : "/etc/default/sogo";

        /// <summary>
        /// The URL prefix of SOGo's database, <c>postgresql://user:PASSWORD@host:port/name</c>, the password a placeholder: the
        /// user and name percent-encoded, an IPv6 server bracketed (<see cref="UriText"/>).
        /// </summary>
        public static string DatabaseUrl(DatabaseConnection db) => DatabaseUrl(db, PlatformSecrets.SogoDatabase);

        private static string DatabaseUrl(DatabaseConnection db, string secret)
            => (db.Engine == SqlEngine.MariaDb ? "mysql" : "postgresql") + "://" + UriText.Component(db.User) + ":"
                + PlatformSecrets.Placeholder(secret, SecretSyntax.UrlUserinfo) + "@" + UriText.Host(db.Host) + ":"
                + db.Port.ToString(System.Globalization.CultureInfo.InvariantCulture) + "/" + UriText.Component(db.Name);

        /// <summary>Writes the user source, database URLs, memcached and Sieve entries into sogo.conf.</summary>
        public static void Write(ConfigWriter w, PlatformTopology topology, WebmailLayer webmail)
        {
            var platform = topology.Platform;
            // libmemcached's server list syntax, host:port[,host:port]: SOGoCache.m hands it to memcached_servers_parse. With
            // several webmail hosts every sogod lists every host's memcached in the same order, so libmemcached (modula
            // distribution) keeps each key (failed-login counts, ACLs, user defaults, SSO data) on the one server all ask.
            w.Line("SOGoMemcachedHost = " + Quote(Memcached.MemcachedModule.ServerList(webmail)) + ";");
            if (platform.Directory is { } directory)
            {
                w.Open("SOGoUserSources = (");
                w.Open("{");
                if (directory.Ldap is { } ldap) LdapSource(w, directory, ldap);
                else if (directory.Sql is { } sql) SqlSource(w, directory, sql);
                w.Close("}");
                w.Close(");");
            }
            if (webmail.Database is { } db)
            {
                var url = DatabaseUrl(db);
                w.Line("SOGoProfileURL = " + Quote(url + "/sogo_user_profile") + ";");
                w.Line("OCSFolderInfoURL = " + Quote(url + "/sogo_folder_info") + ";");
                w.Line("OCSSessionsFolderURL = " + Quote(url + "/sogo_sessions_folder") + ";");
                w.Line("OCSEMailAlarmsFolderURL = " + Quote(url + "/sogo_alarms_folder") + ";");
                // The admin module's table (message of the day) exists from SOGo 5.10.
                if (topology.Target.Sogo.AtLeast(5, 10)) w.Line("OCSAdminURL = " + Quote(url + "/sogo_admin") + ";");
                if (db.Engine == SqlEngine.MariaDb && db.Tls != DatabaseTls.Disabled && !PlatformDirectory.IsLocal(db.Host)
                    && topology.Target.Sogo.AtLeast(SogoMariaDbWithoutTlsRule.FirstWithTls.Major, SogoMariaDbWithoutTlsRule.FirstWithTls.Minor))
                {
                    w.Line("MySQL4SSLEnabled = YES;");
                    w.Line("MySQL4SSLCaPath = " + Quote(PlatformDirectory.CaFile(platform, topology.Target)) + ";");
                }
            }
            if (SieveServer(platform) is { } sieve)
            {
                w.Line("SOGoSieveServer = " + (SogoConfRenderer.RawUrlAsWritten(platform.Webmail, SogoServer.Sieve) ?? Quote(sieve)) + ";");
                w.Line("SOGoSieveScriptsEnabled = YES;");
                w.Line("SOGoVacationEnabled = YES;");
                w.Line("SOGoForwardEnabled = YES;");
            }
        }

        /// <summary>
        /// The ManageSieve URL SOGo dials: a raw <c>SOGoSieveServer</c>'s, else the mailstore's dial name and ManageSieve port,
        /// STARTTLS; null without ManageSieve and no raw URL.
        /// </summary>
        public static string? SieveServer(PlatformModel platform)
        {
            if (SogoConfRenderer.RawUrl(platform.Webmail, SogoServer.Sieve) is { } raw) return raw.Trim().Trim('"');
            var store = platform.Mailstore;
            var sieve = store?.Listeners.FirstOrDefault(l => l?.Protocol == ServiceProtocol.ManageSieve);
            return sieve is null || store!.DialName is null ? null : "sieve://" + UriText.Host(store.DialName) + ":" + sieve.Port + "/?tls=YES";
        }

        /// <summary>sogod's environment: where OpenSSL, libldap and libpq find the CA, and that they verify; null when nothing needs it.</summary>
        public static string? Environment(PlatformTopology topology, string host)
        {
            var platform = topology.Platform;
            var ca = PlatformDirectory.CaFile(platform, topology.Target);
            var lines = new List<string>();
            var exported = new List<string>();
            // The init script and install.sh source the file as root, and systemd reads it: every value single-quoted, which
            // both read as the literal text (the path grammar keeps quotes out of it anyway).
            void Set(string key, string value)
            {
                lines.Add(key + "=" + ShellText.Quote(value));
                exported.Add(key);
            }
            // SOPE's IMAP, SMTP and ManageSieve clients verify the server (tlsVerifyMode=default) against OpenSSL's default
            // store; with a platform CA, that store is the CA: sogod trusts the platform's own servers and nothing else.
            if (!string.IsNullOrEmpty(platform.CertificateAuthority)) Set("SSL_CERT_FILE", platform.CertificateAuthority!);
            if (platform.Directory?.Ldap is { } ldap)
            {
                Set("LDAPTLS_CACERT", ca);
                Set("LDAPTLS_REQCERT", ldap.Servers.All(s => s.VerifyCertificate) ? "demand" : "never");
            }
            var postgres = new[] { platform.Webmail?.Database, platform.Directory?.Sql?.Database }
                .Where(d => d is { Engine: SqlEngine.PostgreSql }).Select(d => d!).ToList();
            if (postgres.Count > 0)
            {
                var tls = postgres.Min(d => d.Tls);
                Set("PGSSLMODE", tls switch { DatabaseTls.VerifyFull => "verify-full", DatabaseTls.Required => "require", _ => "prefer" });
                if (tls == DatabaseTls.VerifyFull) Set("PGSSLROOTCERT", ca);
            }
            if (lines.Count == 0) return null;
            var text = "# Generated by MailDsl for " + host + ". Do not edit; change the platform and emit again.\n"
                + "# sogod's environment: OpenSSL (IMAP, SMTP, ManageSieve), libldap and libpq, inside sogod, take their CA and verification from it.\n"
                + "PREFORK='3'\n"
                + string.Concat(lines.Select(l => l + "\n"))
                + "# The init script sources this file as shell, so the variables must be exported for sogod; systemd reads\n"
                + "# the assignments above and skips this line.\n"
                + "export " + string.Join(" ", exported) + "\n";
            return text;
        }

        private static void LdapSource(ConfigWriter w, UserDirectory directory, LdapDirectory ldap)
        {
            var a = LdapAttributes.For(ldap.Schema, directory.Login);
            w.Line("type = ldap;");
            w.Line("id = directory;");
            w.Line("displayName = \"Directory\";");
            w.Line("canAuthenticate = YES;");
            w.Line("isAddressBook = YES;");
            w.Line("hostname = " + Quote(string.Join(" ", ldap.Servers.Select(PlatformDirectory.Url))) + ";");
            if (ldap.Servers.Any(s => s.Security == LdapSecurity.StartTls)) w.Line("encryption = STARTTLS;");
            w.Line("baseDN = " + Quote(DistinguishedNames.Escape(ldap.BaseDn)) + ";");
            if (ldap.BindDn is { } dn) w.Line("bindDN = " + Quote(DistinguishedNames.Escape(dn)) + ";");
            w.Line("bindPassword = \"" + PlatformSecrets.Placeholder(PlatformSecrets.LdapBind, SecretSyntax.Plist) + "\";");
            w.Line("scope = SUB;");
            w.Line("filter = " + Quote(a.SogoFilter) + ";");
            w.Line("IDFieldName = " + (ldap.Schema == LdapSchema.ActiveDirectory ? "cn" : "uid") + ";");
            w.Line("UIDFieldName = " + a.Login + ";");
            w.Line("bindFields = (" + a.Login + ");");
            w.Line("CNFieldName = " + a.DisplayName + ";");
            w.Line("MailFieldNames = (" + a.Address + ");");
        }

        private static void SqlSource(ConfigWriter w, UserDirectory directory, SqlDirectory sql)
        {
            var db = sql.Database;
            w.Line("type = sql;");
            w.Line("id = directory;");
            w.Line("displayName = \"Directory\";");
            w.Line("canAuthenticate = YES;");
            w.Line("isAddressBook = YES;");
            w.Line("viewURL = " + Quote(DatabaseUrl(db, PlatformSecrets.SqlDirectory) + "/" + UriText.Component(sql.Table)) + ";");
            w.Line("userPasswordAlgorithm = crypt;");
            if (directory.Login == LoginName.Address) w.Line("LoginFieldNames = (mail);");
        }

        // Property-list strings: backslash and double quote are escaped; rules keep line breaks out.
        private static string Quote(string value) => SogoValueGrammar.Quote(value);
    }
}
