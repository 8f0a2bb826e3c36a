using MailDsl.Model;

namespace MailDsl
{
    /// <summary>
    /// Describes a database a daemon dials (SOGo's, or the one holding a SQL directory): the server, the database, the
    /// login and TLS. TLS with the server's certificate verified (libpq's <c>verify-full</c>) unless written otherwise.
    /// </summary>
    /// <example>
    /// <code>
    /// db => db.PostgreSql("db01.cloud0.mycompany.dom").Name("sogo").Login("sogo", Secret.File("/etc/maildsl/secrets/sogo-db"))
    /// </code>
    /// </example>
    public sealed class DatabaseBuilder
    {
        private readonly OriginRecorder _origins;
        private readonly DatabaseKeys _keys;

        internal DatabaseBuilder(OriginRecorder origins, DatabaseKeys keys)
        {
            _origins = origins;
            _keys = keys;
        }

        internal DatabaseConnection Connection { get; private set; } = new();

        /// <summary>A PostgreSQL server.</summary>
        /// <param name="host">Its DNS name, as its certificate names it (or <c>localhost</c> for one on the same host).</param>
        /// <param name="port">The TCP port.</param>
        public DatabaseBuilder PostgreSql([ValueGrammar(ValueKind.HostName)] string host, int port = 5432) => Server(SqlEngine.PostgreSql, host, port);

        /// <summary>A MariaDB (or MySQL) server.</summary>
        /// <param name="host">Its DNS name, as its certificate names it (or <c>localhost</c> for the local socket).</param>
        /// <param name="port">The TCP port.</param>
        public DatabaseBuilder MariaDb([ValueGrammar(ValueKind.HostName)] string host, int port = 3306) => Server(SqlEngine.MariaDb, host, port);

        /// <summary>The database's name.</summary>
        /// <param name="database">E.g. <c>sogo</c>.</param>
        public DatabaseBuilder Name([ValueGrammar(ValueKind.DatabaseName)] string database)
        {
            _origins.Argument(_keys.Name, 0);
            Connection = Connection with { Name = database };
            return this;
        }

        /// <summary>The user the daemon logs in as, and where its password is kept on the hosts.</summary>
        /// <param name="user">The database user or role, e.g. <c>sogo</c>.</param>
        /// <param name="password">Where the password lives: <c>Secret.File(...)</c> or <c>Secret.Environment(...)</c>.</param>
        public DatabaseBuilder Login([ValueGrammar(ValueKind.DatabaseName)] string user, Secret password)
        {
            _origins.Argument(_keys.User, 0);
            _origins.Argument(_keys.Password, 1);
            _origins.Span(_keys.Password.Value, password?.Span, 1);
            Connection = Connection with { User = user, Password = password?.Reference };
            return this;
        }

        /// <summary>
        /// Refused: a password written into the description would end up in the generated code and every copy of the
        /// source. MAIL5004 reports it; write <c>Secret.File(...)</c> or <c>Secret.Environment(...)</c> instead.
        /// </summary>
        /// <param name="user">The database user.</param>
        /// <param name="password">The password itself: never kept.</param>
        public DatabaseBuilder Login([ValueGrammar(ValueKind.DatabaseName)] string user, [ValueGrammar(ValueKind.Secret)] string password)
        {
            _origins.Argument(_keys.User, 0);
            _origins.Argument(_keys.Password, 1);
            // The value is dropped here: only the fact that a literal was written survives, for the rule.
            Connection = Connection with { User = user, Password = new SecretRef(SecretSource.Literal, "") };
            return this;
        }

        /// <summary>How the connection is protected (default <see cref="DatabaseTls.VerifyFull"/>).</summary>
        /// <param name="tls">TLS and verification.</param>
        public DatabaseBuilder Tls(DatabaseTls tls)
        {
            _origins.Argument(_keys.Tls, 0);
            Connection = Connection with { Tls = tls };
            return this;
        }

        private DatabaseBuilder Server(SqlEngine engine, string host, int port)
        {
            _origins.Call(_keys.Server);
            _origins.Argument(_keys.Host, 0);
            _origins.Argument(_keys.Port, 1);
            Connection = Connection with { Engine = engine, Host = host, Port = port };
            return this;
        }
    }
}
