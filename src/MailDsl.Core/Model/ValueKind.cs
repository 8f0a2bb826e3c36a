namespace MailDsl.Model
{
    /// <summary>
    /// What a text value of the description is, which decides its grammar: what it may hold, how MailDsl writes it into each
    /// file (encoded where that file's syntax can hold it literally) and what is refused at the argument. Every string
    /// parameter of the DSL declares one with <see cref="ValueGrammarAttribute"/>; docs/security.md has the table.
    /// </summary>
    public enum ValueKind
    {
        /// <summary>
        /// A host name (RFC 1123: labels of letters, digits and hyphens, 253 characters at most) or an IPv4 or IPv6 address,
        /// of a server other hosts dial: a VIP, a directory or database server. Written into Postfix, Dovecot and SOGo files
        /// and install.sh, and into URLs, where an IPv6 address is bracketed. Whether it is this host itself (TLS then protects
        /// nothing) is decided by parsing it: <c>localhost</c>, 127.0.0.0/8 or ::1, never a name that starts like one.
        /// </summary>
        HostName,

        /// <summary>
        /// A DNS name, never an address: a mail domain, and a layer's host name, which is each host's Postfix myhostname (Postfix
        /// warns on an address there), nginx server_name and the name its certificate must cover.
        /// </summary>
        DnsName,

        /// <summary>
        /// An absolute path in normal form of letters, digits and <c>/ . - _</c>: certificate, key, CA, mail storage, a secret's
        /// file. Written into daemons' files, into files a shell sources (single-quoted), into URLs (percent-encoded) and install.sh.
        /// </summary>
        Path,

        /// <summary>A server URL SOGo dials (<c>imaps://host:port</c>), written into sogo.conf.</summary>
        Url,

        /// <summary>An OpenSSL cipher string, written into nginx, Dovecot and Postfix files.</summary>
        CipherString,

        /// <summary>A key-exchange group as the target's OpenSSL names it (<c>X25519</c>, <c>prime256v1</c>); anything else is refused.</summary>
        TlsGroup,

        /// <summary>One line of printable text without <c>$</c> (the SMTP banner), written into Postfix's smtpd_banner and SOGo's page title.</summary>
        Text,

        /// <summary>Dovecot's mail_location, in its own syntax.</summary>
        MailLocation,

        /// <summary>One IPv4 or IPv6 address a layer binds (no name, port, zone, brackets or list).</summary>
        ListenAddress,

        /// <summary>A listener name: a Dovecot section name and a master.cf service name (letters, digits, <c>-</c> and <c>_</c>).</summary>
        ListenerName,

        /// <summary>The name of a raw setting (letters, digits and <c>_</c>).</summary>
        SettingKey,

        /// <summary>The value of a raw Postfix main.cf setting.</summary>
        PostfixValue,

        /// <summary>The value of a raw Dovecot setting.</summary>
        DovecotValue,

        /// <summary>The value of a raw SOGo setting, in sogo.conf's property-list syntax.</summary>
        SogoValue,

        /// <summary>An nginx location match (what stands between <c>location</c> and <c>{</c>).</summary>
        NginxMatch,

        /// <summary>One nginx directive inside a location block, ending in <c>;</c>.</summary>
        NginxDirective,

        /// <summary>
        /// A distinguished name (RFC 4514): comma-separated <c>type=value</c> pairs. Written re-escaped by RFC 4514, with every
        /// character a daemon could expand (<c>%</c>) or read as syntax as a <c>\XX</c> escape, then quoted for each file.
        /// </summary>
        DistinguishedName,

        /// <summary>A mail address <c>local@domain</c> (an alias or its target): a local part of letters, digits and <c>. _ + -</c>, and a domain.</summary>
        MailAddress,

        /// <summary>A SQL table or column name: a letter or <c>_</c>, then letters, digits and <c>_</c>, 63 at most; quoted for the database's dialect in queries.</summary>
        SqlIdentifier,

        /// <summary>An LDAP attribute name (RFC 4512 descr: a letter, then letters, digits and <c>-</c>).</summary>
        LdapAttribute,

        /// <summary>Where the directory keeps a field (the quota): an <see cref="LdapAttribute"/> in an LDAP directory, a <see cref="SqlIdentifier"/> column in a SQL one.</summary>
        DirectoryField,

        /// <summary>A database's or a database user's name: a letter or <c>_</c>, then letters, digits and <c>_ . -</c>, 63 at most; percent-encoded in URLs, quoted in conninfo strings.</summary>
        DatabaseName,

        /// <summary>A system user's name (useradd's portable name: a lower-case letter or <c>_</c>, then lower-case letters, digits, <c>_</c> and <c>-</c>, 32 at most).</summary>
        SystemUser,

        /// <summary>An environment variable install.sh reads a secret from: upper-case letters, digits and <c>_</c>, not a digit first, and none install.sh or bash uses itself.</summary>
        EnvironmentName,

        /// <summary>A daemon version, <c>major.minor</c> or <c>major.minor.patch</c>, one MailDsl renders for.</summary>
        Version,

        /// <summary>
        /// An MTA-STS policy's <c>mx</c> pattern (RFC 8461 section 3.2): a DNS name, or <c>*.</c> and a DNS name (the wildcard
        /// covers one label, section 4.1). Written as one <c>mx:</c> line of the policy file nginx serves, so nothing but the
        /// name's letters, digits, hyphens and dots (and the leading <c>*.</c>) may be in it: a line break would add a field.
        /// </summary>
        MtaStsMxPattern,

        /// <summary>
        /// Where TLS reports go (RFC 8460 section 3, <c>rua</c>): <c>mailto:</c> and one mail address, or <c>https://</c>, a DNS
        /// name, an optional port and a path of letters, digits and <c>/ . - _ ~ = &amp; ? + @ :</c> and <c>%XX</c> escapes.
        /// Written inside the quoted <c>_smtp._tls</c> TXT record of the zone fragment, where ',' separates URIs, ';' fields,
        /// and a quote, a backslash or a line break would end or escape the zone file's string; none of them may be in it.
        /// </summary>
        TlsRptUri,

        /// <summary>
        /// One IPv4 or IPv6 address of a host, a VIP, a balancer host or HAProxy's statistics listener, exactly as written (no
        /// name, port, zone, brackets, list or surrounding space): keepalived holds it, HAProxy binds and dials it, nftables and
        /// Dovecot trust it (MAIL7011).
        /// </summary>
        IpAddress,
        /// <summary>An IPv4 or IPv6 address or network in CIDR notation (<c>10.0.0.0/28</c>) an LBaaS connects from, as nftables and Dovecot's haproxy_trusted_networks read it (MAIL7011).</summary>
        Network,
        /// <summary>A Linux network interface name keepalived runs VRRP on: letters, digits and <c>. - _</c>, a letter first, 15 at most (IFNAMSIZ), written into keepalived.conf (MAIL3001).</summary>
        InterfaceName,
        /// <summary>A layer's key as the DSL names it (<c>smtpIn</c>, <c>smtpOut</c>, <c>mailstore</c>, <c>webmail</c>), of a described layer (MAIL7006).</summary>
        LayerKey,
        /// <summary>The start of a server's greeting a health check expects: printable ASCII without <c>$</c> (HAProxy expands environment variables), escaped for haproxy.cfg (MAIL7006).</summary>
        Greeting,

        /// <summary>A secret itself (a password): never kept, always refused (MAIL5004). Write <c>Secret.File(...)</c> or <c>Secret.Environment(...)</c>.</summary>
        Secret,
    }
}
