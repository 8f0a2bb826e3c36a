using System;
using System.Collections.Generic;
using MailDsl.Model;

namespace MailDsl
{
    /// <summary>
    /// Describes the platform's one user directory: LDAP (Active Directory or OpenLDAP) or a SQL table. Every layer reads
    /// it: the MX and the relay check recipients against it at RCPT time, Dovecot logs users in and finds their
    /// mailboxes, SOGo logs them in and shows it as an address book.
    /// </summary>
    /// <example>
    /// <code>
    /// .Directory(d => d.Ldap(LdapSchema.ActiveDirectory)
    ///     .Server("dc01.mycompany.dom", LdapSecurity.Ldaps)
    ///     .BaseDn("dc=mycompany,dc=dom")
    ///     .BindAs("cn=mailapps,ou=services,dc=mycompany,dc=dom", Secret.File("/etc/maildsl/secrets/ldap-bind")))
    /// </code>
    /// </example>
    public sealed class DirectoryBuilder
    {
        private readonly DirectoryState _state;

        internal DirectoryBuilder(OriginRecorder origins) => _state = new DirectoryState(origins);

        /// <summary>Users live in an LDAP directory with <paramref name="schema"/>'s attributes.</summary>
        /// <param name="schema">Active Directory or inetOrgPerson (OpenLDAP).</param>
        public LdapDirectoryBuilder Ldap(LdapSchema schema)
        {
            _state.Origins.Call(OriginKeys.Directory.Ldap);
            _state.Origins.Argument(OriginKeys.Directory.Ldap.Schema, 0);
            _state.Sql = null;
            _state.Ldap = (_state.Ldap ?? new LdapDirectory()) with { Schema = schema };
            return new LdapDirectoryBuilder(_state);
        }

        /// <summary>
        /// Users live in a SQL table or view with SOGo's columns (<c>c_uid</c>, <c>c_name</c>, <c>c_password</c> as a
        /// crypt(3) hash, <c>c_cn</c>, <c>mail</c>), in the database <paramref name="database"/> describes.
        /// </summary>
        /// <param name="database">The database server, name, login and TLS.</param>
        public SqlDirectoryBuilder Sql(Action<DatabaseBuilder> database)
        {
            _state.Origins.Call(OriginKeys.Directory.Sql);
            // The lambda describes the database: findings on it as a whole (MAIL5012) land on this call, as SOGo's on Database(...).
            _state.Origins.Call(OriginKeys.Directory.Sql.Database);
            var builder = new DatabaseBuilder(_state.Origins, OriginKeys.Directory.Sql.Database);
            database(builder);
            _state.Ldap = null;
            _state.Sql = (_state.Sql ?? new SqlDirectory()) with { Database = builder.Connection };
            return new SqlDirectoryBuilder(_state);
        }

        internal UserDirectory? Build() => _state.Build();
    }

    /// <summary>What the directory builders share while a description is evaluated.</summary>
    internal sealed class DirectoryState
    {
        public DirectoryState(OriginRecorder origins) => Origins = origins;

        public OriginRecorder Origins { get; }

        public LdapDirectory? Ldap { get; set; }

        public SqlDirectory? Sql { get; set; }

        public LoginName Login { get; set; } = LoginName.Username;

        public List<MailAlias> Aliases { get; } = new();

        public string? QuotaField { get; set; }

        public UserDirectory? Build() => Ldap is null && Sql is null
            ? null
            : new UserDirectory { Ldap = Ldap, Sql = Sql, Login = Login, Aliases = Aliases.ToEquatableArray(), QuotaField = QuotaField };
    }

    /// <summary>What an LDAP and a SQL directory both say: the login name, aliases and quotas.</summary>
    /// <typeparam name="TSelf">The concrete builder, returned for chaining.</typeparam>
    public abstract class DirectorySourceBuilder<TSelf> where TSelf : DirectorySourceBuilder<TSelf>
    {
        private protected DirectorySourceBuilder(DirectoryState state) => State = state;

        private protected DirectoryState State { get; }

        private protected TSelf Self => (TSelf)this;

        /// <summary>
        /// The name users log in with (default <see cref="LoginName.Username"/>): the same in IMAP, POP3, submission and
        /// SOGo, and the name of their mailbox folder.
        /// </summary>
        /// <param name="login">Short name, mail address or (Active Directory) user principal name.</param>
        public TSelf LoginWith(LoginName login)
        {
            State.Origins.Argument(OriginKeys.Directory.Login, 0);
            State.Login = login;
            return Self;
        }

        /// <summary>Adds an alias: mail to <paramref name="address"/> goes to every target (e.g. postmaster to the IT team).</summary>
        /// <param name="address">The alias, in one of the platform's mail domains.</param>
        /// <param name="targets">The addresses it delivers to.</param>
        public TSelf AddAlias([ValueGrammar(ValueKind.MailAddress)] string address, [ValueGrammar(ValueKind.MailAddress)] params string[] targets)
        {
            var keys = OriginKeys.Directory.Alias(State.Aliases.Count);
            State.Origins.Call(keys);
            State.Origins.Argument(keys.Address, 0);
            for (var i = 0; i < targets.Length; i++) State.Origins.Argument(keys.Target[i], i + 1);
            State.Aliases.Add(new MailAlias(address, targets.ToEquatableArray()));
            return Self;
        }

        /// <summary>
        /// Each user's mailbox quota is held by the directory, in bytes, in <paramref name="field"/> (an attribute such as
        /// Active Directory's <c>info</c>, or a column): Dovecot enforces it at delivery and reports it over IMAP.
        /// </summary>
        /// <param name="field">The attribute or column name.</param>
        public TSelf Quota([ValueGrammar(ValueKind.DirectoryField)] string field)
        {
            State.Origins.Argument(OriginKeys.Directory.Quota, 0);
            State.QuotaField = field;
            return Self;
        }
    }

    /// <summary>Describes an LDAP directory: its servers, where users are, and the read-only account daemons search with.</summary>
    public sealed class LdapDirectoryBuilder : DirectorySourceBuilder<LdapDirectoryBuilder>
    {
        internal LdapDirectoryBuilder(DirectoryState state) : base(state) { }

        private LdapDirectory Ldap
        {
            get => State.Ldap ?? new LdapDirectory();
            set => State.Ldap = value;
        }

        /// <summary>
        /// Adds a directory server (call again for more; daemons try them in order). Its certificate is verified against
        /// the platform's CA (<c>Platform.CertificateAuthority</c>) and <paramref name="host"/>.
        /// </summary>
        /// <param name="host">The server's DNS name, as its certificate names it.</param>
        /// <param name="security">LDAPS (636) or StartTLS (389); <see cref="LdapSecurity.Plain"/> sends every password in clear text.</param>
        /// <param name="port">The TCP port; 0 means 636 for LDAPS, 389 otherwise.</param>
        /// <param name="verifyCertificate">Whether to verify the server's certificate; false lets anyone in the path pose as the directory.</param>
        public LdapDirectoryBuilder Server([ValueGrammar(ValueKind.HostName)] string host, LdapSecurity security, int port = 0, bool verifyCertificate = true)
        {
            var keys = OriginKeys.Directory.Ldap.Server(Ldap.Servers.Count);
            State.Origins.Call(keys);
            State.Origins.Argument(keys.Host, 0);
            State.Origins.Argument(keys.Security, 1);
            State.Origins.Argument(keys.Port, 2);
            State.Origins.Argument(keys.Verify, 3);
            var effectivePort = port != 0 ? port : security == LdapSecurity.Ldaps ? 636 : 389;
            var servers = new List<LdapServer>(Ldap.Servers) { new(host, effectivePort, security, verifyCertificate) };
            Ldap = Ldap with { Servers = servers.ToEquatableArray() };
            return this;
        }

        /// <summary>Where user searches start, e.g. <c>dc=mycompany,dc=dom</c> or <c>ou=people,dc=example,dc=org</c>.</summary>
        /// <param name="dn">A distinguished name.</param>
        public LdapDirectoryBuilder BaseDn([ValueGrammar(ValueKind.DistinguishedName)] string dn)
        {
            State.Origins.Argument(OriginKeys.Directory.Ldap.BaseDn, 0);
            Ldap = Ldap with { BaseDn = dn };
            return this;
        }

        /// <summary>The read-only account daemons bind as to search the directory, and where its password is kept.</summary>
        /// <param name="dn">The account's distinguished name.</param>
        /// <param name="password">Where the password lives: <c>Secret.File(...)</c> or <c>Secret.Environment(...)</c>.</param>
        public LdapDirectoryBuilder BindAs([ValueGrammar(ValueKind.DistinguishedName)] string dn, Secret password)
        {
            State.Origins.Argument(OriginKeys.Directory.Ldap.BindDn, 0);
            State.Origins.Argument(OriginKeys.Directory.Ldap.BindPassword, 1);
            State.Origins.Span(OriginKeys.Directory.Ldap.BindPassword.Value, password?.Span, 1);
            Ldap = Ldap with { BindDn = dn, BindPassword = password?.Reference };
            return this;
        }

        /// <summary>
        /// Refused: a password written into the description would end up in the generated code and every copy of the
        /// source. MAIL5004 reports it; write <c>Secret.File(...)</c> or <c>Secret.Environment(...)</c> instead.
        /// </summary>
        /// <param name="dn">The account's distinguished name.</param>
        /// <param name="password">The password itself: never kept.</param>
        public LdapDirectoryBuilder BindAs([ValueGrammar(ValueKind.DistinguishedName)] string dn, [ValueGrammar(ValueKind.Secret)] string password)
        {
            State.Origins.Argument(OriginKeys.Directory.Ldap.BindDn, 0);
            State.Origins.Argument(OriginKeys.Directory.Ldap.BindPassword, 1);
            // The value is dropped here: only the fact that a literal was written survives, for the rule.
            Ldap = Ldap with { BindDn = dn, BindPassword = new SecretRef(SecretSource.Literal, "") };
            return this;
        }
    }

    /// <summary>Describes a SQL directory: the table or view holding the users, with SOGo's column names.</summary>
    public sealed class SqlDirectoryBuilder : DirectorySourceBuilder<SqlDirectoryBuilder>
    {
        internal SqlDirectoryBuilder(DirectoryState state) : base(state) { }

        /// <summary>The table or view holding the users (default <c>mail_users</c>).</summary>
        /// <param name="name">Its name.</param>
        public SqlDirectoryBuilder Table([ValueGrammar(ValueKind.SqlIdentifier)] string name)
        {
            State.Origins.Argument(OriginKeys.Directory.Sql.Table, 0);
            State.Sql = (State.Sql ?? new SqlDirectory()) with { Table = name };
            return this;
        }
    }
}
