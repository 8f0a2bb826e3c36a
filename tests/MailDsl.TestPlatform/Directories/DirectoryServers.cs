using MailDsl.TestPlatform.Sandbox;

namespace MailDsl.TestPlatform.Directories;

/// <summary>The ports the directory and database servers listen on.</summary>
/// <param name="Ldap">slapd's LDAP port: StartTLS, or nothing (plain binds are refused).</param>
/// <param name="Ldaps">slapd's LDAPS port.</param>
/// <param name="Postgres">PostgreSQL's port (TLS only).</param>
public sealed record DirectoryPorts(int Ldap, int Ldaps, int Postgres);

/// <summary>
/// The platform's directory and SOGo's database, from Debian's own packages, in a sandbox host of their own: OpenLDAP's slapd
/// loaded with <see cref="TestDirectory"/>'s users and requiring TLS for every operation (<c>security tls=1</c>, so a bind
/// without TLS is refused with "confidentiality required"), and PostgreSQL accepting TLS connections only (<c>hostssl</c>
/// for SOGo, <c>hostnossl ... reject</c> for everything else). Both log every connection (slapd's <c>stats</c>,
/// PostgreSQL's <c>log_connections</c>), so a test can read that each one was TLS. Disposing ends the sandbox and both daemons.
/// </summary>
public sealed class DirectoryServers : IDisposable
{
    /// <summary>slapd's log inside the sandbox.</summary>
    public const string SlapdLog = "/var/log/slapd-test.log";

    /// <summary>PostgreSQL's log inside the sandbox.</summary>
    public const string PostgresLog = "/var/log/postgresql-test.log";

    private const string PgBin = "/usr/lib/postgresql/15/bin";
    private const string PgData = "/var/lib/postgresql/maildsl-test";
    private const string PgSocket = "/run/postgresql-test";

    private DirectoryServers(SandboxHost host, DirectoryPorts ports)
    {
        Host = host;
        Ports = ports;
        ListenAddress = host.Address?.ToString() ?? "127.0.0.1";
    }

    /// <summary>The address both servers listen on: the host's own on a lab network, else 127.0.0.1.</summary>
    public string ListenAddress { get; }

    /// <summary>The sandbox both servers run in.</summary>
    public SandboxHost Host { get; }

    /// <summary>Their ports.</summary>
    public DirectoryPorts Ports { get; }

    /// <summary>
    /// Starts slapd and PostgreSQL under <paramref name="root"/>, presenting <paramref name="certificateFile"/> and
    /// <paramref name="keyFile"/>; throws with their own words if either does not come up.
    /// </summary>
    public static DirectoryServers Start(string root, DirectoryPorts ports, string certificateFile, string keyFile, IReadOnlyList<string> hostNames)
        => Start(root, ports, certificateFile, keyFile, "127.0.0.1 " + string.Join(" ", hostNames), null);

    /// <summary>
    /// Starts slapd and PostgreSQL as <see cref="Start(string, DirectoryPorts, string, string, IReadOnlyList{string})"/> does,
    /// with <paramref name="hosts"/> appended to the host's /etc/hosts and, with <paramref name="network"/>, on an address of
    /// their own on that lab network, reachable from its hosts.
    /// </summary>
    public static DirectoryServers Start(string root, DirectoryPorts ports, string certificateFile, string keyFile, string hosts, Network.LabNetwork? network, System.Net.IPAddress? address = null)
    {
        var host = SandboxHost.Start("directory." + LoopbackPlatform.Domain, Path.Combine(root, "hosts", "directory"), Model.Distro.Debian12, Array.Empty<string>(), network, address);
        var servers = new DirectoryServers(host, ports) { _clients = network?.Cidr ?? "127.0.0.1/32" };
        try
        {
            servers.StartSlapd(root, certificateFile, keyFile, hosts);
            servers.StartPostgres(certificateFile, keyFile);
            return servers;
        }
        catch
        {
            servers.Dispose();
            throw;
        }
    }

    // Where SOGo's database connections may come from: loopback, or the lab network's hosts.
    private string _clients = "127.0.0.1/32";

    private void StartSlapd(string root, string certificateFile, string keyFile, string hosts)
    {
        var q = Command.ShellQuote;
        var ldif = Path.Combine(root, "directory.ldif");
        File.WriteAllText(ldif, TestDirectory.Ldif());
        var conf = $$"""
            include /etc/ldap/schema/core.schema
            include /etc/ldap/schema/cosine.schema
            include /etc/ldap/schema/inetorgperson.schema
            modulepath /usr/lib/ldap
            moduleload back_mdb
            pidfile /run/slapd-test/slapd.pid
            TLSCertificateFile /etc/ldap/maildsl-test.crt
            TLSCertificateKeyFile /etc/ldap/maildsl-test.key
            # Every operation, binds included, needs TLS: LDAPS or StartTLS first.
            security tls=1
            loglevel stats
            database mdb
            maxsize 104857600
            suffix "{{TestDirectory.BaseDn}}"
            directory /var/lib/ldap-test
            access to attrs=userPassword by anonymous auth by * none
            access to * by users read by * none
            """;
        Host.Must(string.Join("\n",
            "set -e",
            $"echo {q(hosts)} >> /etc/hosts",
            $"install -m 0644 {q(certificateFile)} /etc/ldap/maildsl-test.crt",
            $"install -m 0600 {q(keyFile)} /etc/ldap/maildsl-test.key",
            "mkdir -p /var/lib/ldap-test /run/slapd-test",
            $"cat > /etc/ldap/slapd-test.conf <<'CONF'\n{conf}\nCONF",
            $"slapadd -f /etc/ldap/slapd-test.conf -l {q(ldif)} -q",
            // -d stats keeps it in the foreground, logging each connection and operation to the file.
            $"setsid slapd -f /etc/ldap/slapd-test.conf -h {q($"ldap://{ListenAddress}:{Ports.Ldap}/ ldaps://{ListenAddress}:{Ports.Ldaps}/")} -d stats </dev/null >{SlapdLog} 2>&1 &"),
            "starting slapd");
        WaitFor(Ports.Ldaps, "slapd", SlapdLog);
    }

    private void StartPostgres(string certificateFile, string keyFile)
    {
        var q = Command.ShellQuote;
        var hba = $"""
            local   all   postgres                 peer
            hostssl sogo  sogo      {_clients}   scram-sha-256
            hostnossl all all       0.0.0.0/0      reject
            hostnossl all all       ::/0           reject
            """;
        var conf = $"""
            listen_addresses = '{ListenAddress}'
            port = {Ports.Postgres}
            unix_socket_directories = '{PgSocket}'
            ssl = on
            ssl_cert_file = 'server.crt'
            ssl_key_file = 'server.key'
            password_encryption = 'scram-sha-256'
            log_connections = on
            log_disconnections = on
            logging_collector = off
            """;
        // The role's password is set over the local socket, from standard input: never on a command line.
        var sql = $"CREATE ROLE {TestDirectory.SogoDbUser} LOGIN PASSWORD '{TestDirectory.SogoDbPassword.Replace("'", "''")}';\n"
            + $"CREATE DATABASE {TestDirectory.SogoDbName} OWNER {TestDirectory.SogoDbUser};\n";
        Host.Must(string.Join("\n",
            "set -e",
            $"mkdir -p {PgData} {PgSocket} && chown postgres:postgres {PgData} {PgSocket}",
            $"runuser -u postgres -- {PgBin}/initdb -D {PgData} -A peer >/dev/null",
            $"install -o postgres -g postgres -m 0644 {q(certificateFile)} {PgData}/server.crt",
            $"install -o postgres -g postgres -m 0600 {q(keyFile)} {PgData}/server.key",
            $"cat >> {PgData}/postgresql.conf <<'CONF'\n{conf}\nCONF",
            $"cat > {PgData}/pg_hba.conf <<'CONF'\n{hba}\nCONF",
            $"touch {PostgresLog} && chown postgres {PostgresLog}",
            $"runuser -u postgres -- {PgBin}/pg_ctl -D {PgData} -l {PostgresLog} -w start >/dev/null",
            $"runuser -u postgres -- psql -h {PgSocket} -p {Ports.Postgres} -q -v ON_ERROR_STOP=1 <<'SQL'\n{sql}SQL"),
            "starting PostgreSQL");
        WaitFor(Ports.Postgres, "PostgreSQL", PostgresLog);
    }

    /// <summary>slapd's log: one line per connection, operation and TLS session.</summary>
    public string SlapdLogText() => Host.Run($"cat {SlapdLog}").Output;

    /// <summary>PostgreSQL's log: one line per connection, naming its SSL session.</summary>
    public string PostgresLogText() => Host.Run($"cat {PostgresLog}").Output;

    private void WaitFor(int port, string what, string log)
    {
        for (var deadline = DateTime.UtcNow.AddSeconds(30); DateTime.UtcNow < deadline; Thread.Sleep(200))
        {
            try
            {
                using var client = new System.Net.Sockets.TcpClient();
                client.Connect(ListenAddress, port);
                return;
            }
            catch (System.Net.Sockets.SocketException)
            {
            }
        }
        throw new InvalidOperationException($"{what} did not listen on {ListenAddress}:{port} in 30 s:\n{Host.Tail(log)}");
    }

    /// <inheritdoc/>
    public void Dispose() => Host.Dispose();
}
