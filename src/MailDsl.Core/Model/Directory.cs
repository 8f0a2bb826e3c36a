namespace MailDsl.Model
{
    /// <summary>Which LDAP schema holds the platform's users: it decides the attributes and filters every daemon asks for.</summary>
    public enum LdapSchema
    {
        /// <summary>
        /// Microsoft Active Directory: enabled <c>user</c> objects, <c>sAMAccountName</c> and <c>userPrincipalName</c>
        /// logins, <c>mail</c> and <c>proxyAddresses</c> (<c>smtp:</c> values) as the addresses mail is accepted for.
        /// </summary>
        ActiveDirectory,

        /// <summary>OpenLDAP (or any RFC 2798 directory): <c>inetOrgPerson</c> entries, <c>uid</c> logins, <c>mail</c> addresses.</summary>
        InetOrgPerson,
    }

    /// <summary>How a daemon protects its connection to a directory server.</summary>
    public enum LdapSecurity
    {
        /// <summary>LDAP over TLS from the first byte (<c>ldaps://</c>, port 636).</summary>
        Ldaps,

        /// <summary>LDAP on port 389, upgraded with the StartTLS extended operation before any bind.</summary>
        StartTls,

        /// <summary>No TLS: every bind, the bind account's and each user's, crosses the network in clear text.</summary>
        Plain,
    }

    /// <summary>The name users log in with: the same key in Dovecot, SOGo and the recipient maps, and the name of their mailbox.</summary>
    public enum LoginName
    {
        /// <summary>The short account name: <c>sAMAccountName</c> (Active Directory), <c>uid</c> (inetOrgPerson), <c>c_uid</c> (SQL).</summary>
        Username,

        /// <summary>The primary mail address: <c>mail</c> (LDAP) or the <c>mail</c> column (SQL).</summary>
        Address,

        /// <summary>Active Directory's <c>userPrincipalName</c> (<c>user@realm</c>); only in an Active Directory.</summary>
        PrincipalName,
    }

    /// <summary>A SQL database server.</summary>
    public enum SqlEngine
    {
        /// <summary>PostgreSQL (port 5432).</summary>
        PostgreSql,

        /// <summary>MariaDB or MySQL (port 3306).</summary>
        MariaDb,
    }

    /// <summary>How a daemon protects its connection to a database server, in libpq's words.</summary>
    public enum DatabaseTls
    {
        /// <summary>TLS, the server's certificate verified against the platform's CA and the name dialled (libpq <c>sslmode=verify-full</c>).</summary>
        VerifyFull,

        /// <summary>TLS without verifying the server (libpq <c>sslmode=require</c>): anyone in the path can pose as the database.</summary>
        Required,

        /// <summary>No TLS: the database password and every row cross the network in clear text.</summary>
        Disabled,
    }

    /// <summary>Where a secret lives on the host that needs it.</summary>
    public enum SecretSource
    {
        /// <summary>A file on the host; its one line is the secret.</summary>
        File,

        /// <summary>An environment variable install.sh is run with.</summary>
        Environment,

        /// <summary>
        /// The secret was written into the description itself. Its value is never kept (rules report the argument, and
        /// nothing is emitted while it stands).
        /// </summary>
        Literal,
    }

    /// <summary>
    /// Where a secret (a bind or database password) comes from on the host: a file or an environment variable read by
    /// install.sh. Never the secret itself: emitted files hold a placeholder that install.sh replaces.
    /// </summary>
    /// <param name="Source">A file or an environment variable.</param>
    /// <param name="Name">The file's absolute path, or the variable's name (empty for <see cref="SecretSource.Literal"/>).</param>
    public sealed record SecretRef(SecretSource Source, string Name)
    {
        /// <summary>How messages and comments name it, e.g. <c>the file /etc/maildsl/ldap-bind</c>.</summary>
        public string Describe() => Source switch
        {
            SecretSource.File => "the file " + Name,
            SecretSource.Environment => "the environment variable " + Name,
            _ => "a literal in the description",
        };
    }

    /// <summary>
    /// The one user directory every layer reads: Postfix's recipient maps, Dovecot's passdb and userdb, SOGo's user
    /// source. Exactly one of <see cref="Ldap"/> and <see cref="Sql"/> is set.
    /// </summary>
    public sealed record UserDirectory
    {
        /// <summary>The LDAP directory (Active Directory or OpenLDAP), if the users live there.</summary>
        public LdapDirectory? Ldap { get; init; }

        /// <summary>The SQL table, if the users live there.</summary>
        public SqlDirectory? Sql { get; init; }

        /// <summary>The name users log in with; it is also their mailbox's name.</summary>
        public LoginName Login { get; init; } = LoginName.Username;

        /// <summary>Addresses that deliver to other addresses (e.g. <c>postmaster@</c>), kept by Postfix in every layer.</summary>
        public EquatableArray<MailAlias> Aliases { get; init; } = EquatableArray<MailAlias>.Empty;

        /// <summary>The attribute (LDAP) or column (SQL) that holds each user's mailbox quota in bytes; null for no quota.</summary>
        public string? QuotaField { get; init; }
    }

    /// <summary>An LDAP directory: its servers, where users are, and the read-only account daemons search with.</summary>
    public sealed record LdapDirectory
    {
        /// <summary>The schema, which decides attribute names and filters.</summary>
        public LdapSchema Schema { get; init; } = LdapSchema.ActiveDirectory;

        /// <summary>The servers, tried in order.</summary>
        public EquatableArray<LdapServer> Servers { get; init; } = EquatableArray<LdapServer>.Empty;

        /// <summary>Where searches start, e.g. <c>dc=mycompany,dc=dom</c>.</summary>
        public string BaseDn { get; init; } = "";

        /// <summary>The read-only account daemons bind as to search, e.g. <c>cn=mailapps,ou=services,dc=mycompany,dc=dom</c>.</summary>
        public string? BindDn { get; init; }

        /// <summary>Where the bind account's password comes from on each host.</summary>
        public SecretRef? BindPassword { get; init; }
    }

    /// <summary>One directory server.</summary>
    /// <param name="Host">Its DNS name (what its certificate names) or address.</param>
    /// <param name="Port">The TCP port (636 for LDAPS, 389 otherwise, unless written).</param>
    /// <param name="Security">LDAPS, StartTLS or none.</param>
    /// <param name="VerifyCertificate">Whether its certificate is verified against the platform's CA and <paramref name="Host"/>.</param>
    public sealed record LdapServer(string Host, int Port, LdapSecurity Security, bool VerifyCertificate);

    /// <summary>
    /// Users in a SQL table or view with SOGo's column names: <c>c_uid</c> (login), <c>c_name</c>, <c>c_password</c> (a
    /// crypt(3) hash, e.g. <c>$6$...</c>), <c>c_cn</c> (display name) and <c>mail</c>.
    /// </summary>
    public sealed record SqlDirectory
    {
        /// <summary>The database holding the table.</summary>
        public DatabaseConnection Database { get; init; } = new();

        /// <summary>The table or view, e.g. <c>mail_users</c>.</summary>
        public string Table { get; init; } = "mail_users";
    }

    /// <summary>A database a daemon dials: SOGo's own, or the one holding a SQL directory.</summary>
    public sealed record DatabaseConnection
    {
        /// <summary>PostgreSQL or MariaDB.</summary>
        public SqlEngine Engine { get; init; } = SqlEngine.PostgreSql;

        /// <summary>The server's DNS name (what its certificate names), or <c>localhost</c> for a server on the same host.</summary>
        public string Host { get; init; } = "localhost";

        /// <summary>The TCP port.</summary>
        public int Port { get; init; } = 5432;

        /// <summary>The database's name.</summary>
        public string Name { get; init; } = "";

        /// <summary>The role or user the daemon logs in as.</summary>
        public string User { get; init; } = "";

        /// <summary>Where its password comes from on each host.</summary>
        public SecretRef? Password { get; init; }

        /// <summary>TLS and verification.</summary>
        public DatabaseTls Tls { get; init; } = DatabaseTls.VerifyFull;
    }

    /// <summary>One alias: mail to <paramref name="Address"/> is delivered to every target.</summary>
    /// <param name="Address">The alias, e.g. <c>postmaster@mycompany.dom</c>.</param>
    /// <param name="Targets">Where it goes, e.g. <c>it-team@mycompany.dom</c>.</param>
    public sealed record MailAlias(string Address, EquatableArray<string> Targets);

    /// <summary>Where the mailstore keeps mailboxes.</summary>
    public enum StorageKind
    {
        /// <summary>A local disk on each host: each user's mail must always reach the same host.</summary>
        Local,

        /// <summary>An NFS export every mailstore host mounts at the same path: any host serves any user.</summary>
        Nfs,
    }

    /// <summary>
    /// The mailstore's mail storage: one virtual mail user (the same uid and gid on every host) owns every mailbox
    /// under <see cref="Root"/>, one folder per login.
    /// </summary>
    public sealed record MailStorage
    {
        /// <summary>Local disk or NFS.</summary>
        public StorageKind Kind { get; init; } = StorageKind.Local;

        /// <summary>Where mailboxes live (the NFS mount point when shared), e.g. <c>/var/vmail</c>.</summary>
        public string Root { get; init; } = "/var/vmail";

        /// <summary>The virtual mail user's name.</summary>
        public string User { get; init; } = "vmail";

        /// <summary>Its uid: the same on every host, since NFS stores numbers.</summary>
        public int Uid { get; init; } = 5000;

        /// <summary>Its gid.</summary>
        public int Gid { get; init; } = 5000;

        /// <summary>Where Dovecot keeps index files, if not beside the mail (e.g. a local disk under NFS mail); null keeps them with the mail.</summary>
        public string? IndexPath { get; init; }

        /// <summary>
        /// Which mailstore host opens a user's mailbox when several share the storage: one backend per user (the default), or
        /// any host (what Dovecot's NFS guide says corrupts mailboxes; MAIL5020).
        /// </summary>
        public MailboxAccess Access { get; init; } = MailboxAccess.OneBackendPerUser;
    }

    /// <summary>Which mailstore hosts open a user's mailbox on storage they share.</summary>
    public enum MailboxAccess
    {
        /// <summary>
        /// One host at a time per user, whichever host a login or a delivery reaches: the user's backend, chosen by rendezvous
        /// hashing over the mailstore hosts that are in service; every other host proxies to it (docs/shared-state.md).
        /// </summary>
        OneBackendPerUser,

        /// <summary>
        /// Every host opens any mailbox it is asked for. Dovecot's NFS guide: "Dovecot does not support accessing the same user
        /// simultaneously by different servers. That will result in more or less severe mailbox corruption."
        /// </summary>
        AnyHost,
    }
}
