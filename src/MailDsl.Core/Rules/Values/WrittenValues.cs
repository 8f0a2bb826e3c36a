using System;
using System.Collections.Generic;
using MailDsl.Layers;
using MailDsl.Model;

namespace MailDsl.Rules.Values
{
    /// <summary>
    /// Every text value of a platform that a renderer writes into a file, with its origin key and kind; and, from them, every
    /// path (<see cref="Paths"/>), so the rules on characters (MAIL3001), relative paths (MAIL3002) and normal form (MAIL3004)
    /// read one list.
    /// </summary>
    internal static class WrittenValues
    {
        // A certificate's paths, its alternative's, and the renewal's name (a certbot lineage or acme.sh domain is a name).
        private static IEnumerable<WrittenValue> CertificateValues(CertificateKeys key, string whose, CertificatePaths? cert)
        {
            if (cert is null) yield break;
            yield return new WrittenValue(key.File, whose + " certificate path", cert.CertificateFile, ValueKind.Path);
            yield return new WrittenValue(key.Key, whose + " private key path", cert.KeyFile, ValueKind.Path);
            if (cert.Alternative is { } alternative)
            {
                yield return new WrittenValue(key.Alternative.File, whose + " alternative certificate path", alternative.CertificateFile, ValueKind.Path);
                yield return new WrittenValue(key.Alternative.Key, whose + " alternative private key path", alternative.KeyFile, ValueKind.Path);
            }
            if (cert.Renewal is { } renewal)
                yield return new WrittenValue(key.Renewal.Name, whose + " certificate's renewal name", renewal.Name, ValueKind.DnsName);
        }

        /// <summary>The values, platform-wide first, then layer by layer in the order written.</summary>
        public static IEnumerable<WrittenValue> Of(PlatformModel platform)
        {
            yield return new WrittenValue(OriginKeys.Platform.Domain, "The mail domain", platform.Domain, ValueKind.DnsName);
            if (platform.Banner is not null)
                yield return new WrittenValue(OriginKeys.Platform.Banner, "The SMTP banner", platform.Banner, ValueKind.Text);
            foreach (var value in CertificateValues(OriginKeys.Platform.Certificate, "The", platform.Certificate)) yield return value;
            if (platform.Tls?.Ciphers is { } ciphers)
                yield return new WrittenValue(OriginKeys.Platform.Tls.Ciphers, "The cipher string", ciphers, ValueKind.CipherString);
            foreach (var value in DirectoryValues(platform)) yield return value;
            // keepalived.conf (emitted balancers only) names the interface in each VRRP instance; addresses are MAIL7011's, the health checks' values MAIL7006's.
            if (platform.Balancers is { Kind: BalancerKind.Emitted } balancers)
                yield return new WrittenValue(OriginKeys.Balancers.Interface, "The balancers' VRRP interface", balancers.Interface, ValueKind.InterfaceName);
            foreach (var value in DnsValues(platform.Dns)) yield return value;

            foreach (var layer in PlatformLayers.Of(platform))
            {
                var name = LayerDescriptors.Of(layer).DisplayName;
                var keys = OriginKeys.Of(layer);
                for (var i = 0; i < layer.Hosts.Count; i++)
                    yield return new WrittenValue(keys.Hosts[i], "The " + name + " host name", layer.Hosts[i], ValueKind.DnsName);
                if (layer.Vip is not null)
                    yield return new WrittenValue(keys.Vip, "The " + name + " VIP name", layer.Vip, ValueKind.HostName);
                foreach (var value in CertificateValues(keys.Certificate, "The " + name, layer.Certificate)) yield return value;
                // The listen address is MAIL3005's: one IP address, which holds none of the characters MAIL3001 looks for.
                if (layer.Tls?.Ciphers is { } layerCiphers)
                    yield return new WrittenValue(keys.Tls.Ciphers, "The " + name + " cipher string", layerCiphers, ValueKind.CipherString);
                foreach (var listener in layer.Listeners)
                {
                    if (listener is null) continue;
                    yield return new WrittenValue(keys.Listener(listener.Name).Name, "The " + name + " listener name", listener.Name, ValueKind.ListenerName);
                }
                foreach (var (setting, n) in PlatformLayers.NumberedSettings(layer))
                {
                    var daemon = setting.Daemon.ToString();
                    var settingKeys = keys.Setting(setting.Daemon, setting.Key, n);
                    yield return new WrittenValue(settingKeys.Key, "The " + name + " " + daemon + " setting name", setting.Key, ValueKind.SettingKey);
                    yield return new WrittenValue(settingKeys.Value, "The value of " + name + " " + daemon + " setting " + setting.Key,
                        setting.Value, setting.Daemon switch
                        {
                            Daemon.Dovecot => ValueKind.DovecotValue,
                            Daemon.Sogo => ValueKind.SogoValue,
                            _ => ValueKind.PostfixValue,
                        });
                }
                switch (layer)
                {
                    case MailstoreLayer mailstore:
                        yield return new WrittenValue(OriginKeys.Mailstore.MailLocation, "The mail location", mailstore.MailLocation, ValueKind.MailLocation);
                        if (mailstore.Storage is { } storage)
                        {
                            yield return new WrittenValue(OriginKeys.Mailstore.Storage.Root, "The mail storage path", storage.Root, ValueKind.Path) { Role = PathRole.Directory };
                            yield return new WrittenValue(OriginKeys.Mailstore.Storage.User, "The virtual mail user", storage.User, ValueKind.SystemUser);
                            if (storage.IndexPath is not null)
                                yield return new WrittenValue(OriginKeys.Mailstore.Storage.Indexes, "The index path", storage.IndexPath, ValueKind.Path) { Role = PathRole.Directory };
                        }
                        break;
                    case WebmailLayer webmail:
                        if (webmail.ImapServer is not null)
                            yield return new WrittenValue(OriginKeys.Webmail.ImapServer, "The IMAP server URL SOGo dials", webmail.ImapServer, ValueKind.Url);
                        if (webmail.SmtpServer is not null)
                            yield return new WrittenValue(OriginKeys.Webmail.SmtpServer, "The SMTP server URL SOGo sends through", webmail.SmtpServer, ValueKind.Url);
                        if (webmail.Database is { } database)
                            foreach (var value in Database(database, OriginKeys.Webmail.Database, "SOGo's database")) yield return value;
                        for (var i = 0; i < webmail.ExtraLocations.Count; i++)
                        {
                            var location = webmail.ExtraLocations[i];
                            if (location is null) continue;
                            var at = OriginKeys.Webmail.Location(i);
                            yield return new WrittenValue(at.Match, "The nginx location match", location.Match, ValueKind.NginxMatch);
                            for (var j = 0; j < location.Body.Count; j++)
                                yield return new WrittenValue(at.Body[j], "The nginx directive", location.Body[j], ValueKind.NginxDirective);
                        }
                        break;
                }
            }
        }

        // What the DNS description writes into the zone fragments and the MTA-STS policy file.
        private static IEnumerable<WrittenValue> DnsValues(MailDns? dns)
        {
            if (dns is null) yield break;
            if (dns.MtaSts is { } policy)
                for (var i = 0; i < policy.MxPatterns.Count; i++)
                    if (policy.MxPatterns[i] is { } pattern)
                        yield return new WrittenValue(OriginKeys.Dns.MtaSts.Mx[i], "The MTA-STS mx pattern", pattern, ValueKind.MtaStsMxPattern);
            for (var i = 0; i < dns.TlsReports.Count; i++)
                if (dns.TlsReports[i] is { } uri)
                    yield return new WrittenValue(OriginKeys.Dns.TlsReports[i], "The TLS-RPT report URI", uri, ValueKind.TlsRptUri);
            for (var i = 0; i < dns.CaaIssuers.Count; i++)
                if (dns.CaaIssuers[i] is { } issuer)
                    yield return new WrittenValue(OriginKeys.Dns.Caa[i], "The CAA issuer", issuer, ValueKind.DnsName);
        }

        // The mail domains, the CA, and the directory's values: each is written into Postfix, Dovecot or SOGo files.
        private static IEnumerable<WrittenValue> DirectoryValues(PlatformModel platform)
        {
            for (var i = 0; i < platform.MailDomains.Count; i++)
                yield return new WrittenValue(OriginKeys.Platform.MailDomains[i], "The mail domain", platform.MailDomains[i], ValueKind.DnsName);
            if (platform.CertificateAuthority is not null)
                yield return new WrittenValue(OriginKeys.Platform.Ca, "The CA path", platform.CertificateAuthority, ValueKind.Path);
            if (platform.Directory is not { } directory) yield break;
            if (directory.Ldap is { } ldap)
            {
                for (var i = 0; i < ldap.Servers.Count; i++)
                    if (ldap.Servers[i] is { } server)
                        yield return new WrittenValue(OriginKeys.Directory.Ldap.Server(i).Host, "The directory server name", server.Host, ValueKind.HostName);
                yield return new WrittenValue(OriginKeys.Directory.Ldap.BaseDn, "The directory's base DN", ldap.BaseDn, ValueKind.DistinguishedName);
                if (ldap.BindDn is not null)
                    yield return new WrittenValue(OriginKeys.Directory.Ldap.BindDn, "The directory's bind DN", ldap.BindDn, ValueKind.DistinguishedName);
                if (SecretSource(ldap.BindPassword, OriginKeys.Directory.Ldap.BindPassword, "The directory's bind password") is { } bind) yield return bind;
            }
            if (directory.Sql is { } sql)
            {
                foreach (var value in Database(sql.Database, OriginKeys.Directory.Sql.Database, "The user directory's database")) yield return value;
                yield return new WrittenValue(OriginKeys.Directory.Sql.Table, "The user table", sql.Table, ValueKind.SqlIdentifier);
            }
            // The quota field is an attribute of an LDAP directory, a column of a SQL one.
            if (directory.QuotaField is not null)
                yield return directory.Ldap is not null
                    ? new WrittenValue(OriginKeys.Directory.Quota, "The quota attribute", directory.QuotaField, ValueKind.LdapAttribute)
                    : new WrittenValue(OriginKeys.Directory.Quota, "The quota column", directory.QuotaField, ValueKind.SqlIdentifier);
            for (var i = 0; i < directory.Aliases.Count; i++)
            {
                if (directory.Aliases[i] is not { } alias) continue;
                yield return new WrittenValue(OriginKeys.Directory.Alias(i).Address, "The alias", alias.Address, ValueKind.MailAddress);
                for (var j = 0; j < alias.Targets.Count; j++)
                    yield return new WrittenValue(OriginKeys.Directory.Alias(i).Target[j], "The alias target", alias.Targets[j], ValueKind.MailAddress);
            }
        }

        private static IEnumerable<WrittenValue> Database(DatabaseConnection database, DatabaseKeys keys, string what)
        {
            yield return new WrittenValue(keys.Host, what + " server name", database.Host, ValueKind.HostName);
            // An empty name or user is MAIL5012's to report.
            if (!string.IsNullOrEmpty(database.Name))
                yield return new WrittenValue(keys.Name, what + " name", database.Name, ValueKind.DatabaseName);
            if (!string.IsNullOrEmpty(database.User))
                yield return new WrittenValue(keys.User, what + " user", database.User, ValueKind.DatabaseName);
            if (SecretSource(database.Password, keys.Password, what + " password") is { } password) yield return password;
        }

        /// <summary>
        /// Where a secret is read on the host: the path of its file (install.sh writes it into its own text and reads the file;
        /// nothing here opens it), or the name of its environment variable. A file name without '/' is not a path: it looks
        /// like the password itself, which MAIL5004 reports without repeating it, so no other rule may quote it. An empty one
        /// is MAIL5005's.
        /// </summary>
        private static WrittenValue? SecretSource(SecretRef? secret, SecretKeys keys, string what)
        {
            if (secret is null || string.IsNullOrEmpty(secret.Name)) return null;
            // A variable name holding what no name can looks like the password itself (MAIL5004, which never quotes it).
            if (secret.Source == Model.SecretSource.Environment)
                return Directories.DescribedSecrets.HasOnlyNameCharacters(secret.Name)
                    ? new WrittenValue(keys.Value, what + " variable", secret.Name, ValueKind.EnvironmentName)
                    : null;
            return secret.Source == Model.SecretSource.File && secret.Name.IndexOf('/') >= 0
                ? new WrittenValue(keys.Value, what + " file", secret.Name, ValueKind.Path) { Role = PathRole.SecretFile }
                : null;
        }

        /// <summary>
        /// Every path the renderers write: each value of kind <see cref="ValueKind.Path"/> (its role as listed above), then the path
        /// inside each raw Postfix or Dovecot setting that names a file or directory. nginx <c>alias</c> and <c>root</c> paths are
        /// not here: MAIL4004 reads those directives whole.
        /// </summary>
        public static IEnumerable<WrittenPath> Paths(PlatformModel platform)
        {
            foreach (var value in Of(platform))
                if (value.Kind == ValueKind.Path)
                    yield return new WrittenPath(value.OriginKey, value.Label, value.Value, 0, value.Role);
            foreach (var layer in PlatformLayers.Of(platform))
                foreach (var (setting, n) in PlatformLayers.NumberedSettings(layer))
                    if (PathIn(setting) is { } path)
                        yield return new WrittenPath(OriginKeys.Of(layer).Setting(setting.Daemon, setting.Key, n).Value,
                            $"The {LayerDescriptors.Of(layer).DisplayName} {setting.Daemon} setting {setting.Key}", setting.Value, path.Start, path.Role);
        }

        /// <summary>Dovecot settings whose value is <c>&lt;path</c>: the file's content is read in.</summary>
        private static readonly HashSet<string> DovecotIncludedFiles = new(StringComparer.Ordinal)
        {
            "ssl_cert", "ssl_key", "ssl_ca", "ssl_dh", "ssl_alt_cert", "ssl_alt_key", "ssl_client_cert", "ssl_client_key",
        };

        /// <summary>Where in a raw setting's value its path starts and what it names, or null when the setting names no file or directory.</summary>
        internal static (int Start, PathRole Role)? PathIn(RawSetting setting)
        {
            var key = setting.Key ?? "";
            var value = setting.Value ?? "";
            var start = value.Length - value.TrimStart().Length;
            var rest = value.Substring(start);
            if (rest.Length == 0 || rest[0] == '$') return null; // empty, or a reference to another parameter
            if (setting.Daemon == Daemon.Postfix)
            {
                // "hash:/etc/postfix/x" and similar are lookup tables, not paths.
                if (rest.IndexOf(':') >= 0) return null;
                if (key.EndsWith("_file", StringComparison.Ordinal) || key.EndsWith("_CAfile", StringComparison.Ordinal)) return (start, PathRole.File);
                if (key.EndsWith("_CApath", StringComparison.Ordinal) || key.EndsWith("_directory", StringComparison.Ordinal)) return (start, PathRole.Directory);
                return null;
            }
            if (setting.Daemon == Daemon.Dovecot)
            {
                if (DovecotIncludedFiles.Contains(key))
                    return rest[0] == '<' ? (start + 1, PathRole.File) : null;
                if (key.EndsWith("_file", StringComparison.Ordinal)) return (start, PathRole.File);
                if (key.EndsWith("_dir", StringComparison.Ordinal)) return (start, PathRole.Directory);
                if (key.EndsWith("_path", StringComparison.Ordinal)) return (start, PathRole.FileOrDirectory);
            }
            return null;
        }
    }
}
