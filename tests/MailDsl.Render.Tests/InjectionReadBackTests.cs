using System.Net;
using MailDsl.Model;
using MailDsl.Render.Tests.Support;
using MailDsl.TestPlatform;
using Xunit;

namespace MailDsl.Render.Tests;

/// <summary>
/// Issue 25's classes read by the daemons' own parsers on both targets, each host's emitted files installed at their real
/// paths in a sandbox of the target: what the values the grammars accept become, where a syntax holds them literally.
/// libpq (inside Postfix's pgsql table, and psql) dials a listener that sees its first message, so the wire says which
/// server it dialled, whether it asked for TLS and which CA it looked for; postmap -v, doveconf, plget/pldes and bash say
/// how they read the rest. The values each grammar refuses never reach a file: the hostile corpus
/// (MailDsl.Generators.Tests/Security) shows that at every entry point, with the same tools.
/// </summary>
public sealed class InjectionReadBackTests
{
    public static TheoryData<Distro, string> TargetsAndLoopbacks()
    {
        var data = new TheoryData<Distro, string>();
        foreach (var target in TestPlatform.Sandbox.TargetSystems.Runnable)
            foreach (var host in new[] { "127.0.0.1", "::1" }) data.Add(target, host);
        return data;
    }

    public static TheoryData<Distro> Runnable() => TargetData.Runnable();

    private const string Ca = "/etc/ssl/maildsl/platform-ca_2.crt";

    private static Platform SqlDirectory(Distro target, string certificate, string key, string host, int port, DatabaseTls tls) => Platform.Create("example.org")
        .Target(target)
        .Certificate(certificate, key)
        .CertificateAuthority(Ca)
        .Directory(d => d.Sql(db => db.PostgreSql(host, port).Name("maildb.v2").Login("svc-mail", Secret.File("/etc/maildsl/secrets/directory-db")).Tls(tls))
            .Table("Mail_Users"))
        .SmtpIn(s => s.Hosts("mx-01.example.org"))
        .Mailstore(m => m.Hosts("store-01.example.org"));

    // Postfix's pgsql table takes the password from install.sh on the host; here a test one stands in the placeholder.
    private const string FillSecret = "sed -i 's/{{MAILDSL_SECRET:[^}]*}}/TestPassword1/' /etc/postfix/maildsl-recipients.cf && ";

    [TargetTheory("postmap", "postconf"), MemberData(nameof(TargetsAndLoopbacks))]
    public void Postfix_dials_the_sql_directory_with_verified_tls_as_libpq_reads_its_uri_an_ipv6_server_bracketed(Distro target, string host)
    {
        var port = PortReservations.Take(1)[0];
        using var wire = new PostgresWire(port);
        using var emitted = EmittedPlatform.Emit((c, k) => SqlDirectory(target, c, k, host, port, DatabaseTls.VerifyFull));
        using var sandbox = EtcSandbox.Open(target, emitted.HostDir("mx-01.example.org"), new[] { emitted.Root });

        var lookup = sandbox.Run(FillSecret + "timeout 30 postmap -q probe@example.org pgsql:/etc/postfix/maildsl-recipients.cf");

        // libpq dialled the server named (an IPv6 one through its brackets), asked for TLS first, and looked for the CA the
        // description names before anything else: sslmode verify-full and sslrootcert as written, no parameter added.
        Assert.Contains(wire.Seen, h => h.AskedTls && h.Remote.Equals(IPAddress.Parse(host)));
        Assert.DoesNotContain(wire.Seen, h => !h.AskedTls);
        Assert.Contains($"root certificate file \"{Ca}\" does not exist", lookup.Output);
    }

    [TargetTheory("postmap", "postconf"), MemberData(nameof(TargetsAndLoopbacks))]
    public void Postfix_logs_in_to_the_sql_directory_with_the_database_and_user_as_written(Distro target, string host)
    {
        var port = PortReservations.Take(1)[0];
        using var wire = new PostgresWire(port);
        // A server on this host needs no TLS (nothing crosses a network): libpq starts in the clear and names user and database.
        using var emitted = EmittedPlatform.Emit((c, k) => SqlDirectory(target, c, k, host, port, DatabaseTls.Disabled));
        using var sandbox = EtcSandbox.Open(target, emitted.HostDir("mx-01.example.org"), new[] { emitted.Root });

        var read = sandbox.Run(FillSecret + "timeout 30 postmap -q probe@example.org pgsql:/etc/postfix/maildsl-recipients.cf; "
            + "postmap -v -q x pgsql:/etc/postfix/maildsl-recipients.cf 2>&1 | grep -E 'cfg_get_str: [^:]*: (query|dbname|user) ='");

        var hello = Assert.Single(wire.Seen.Where(h => !h.AskedTls).Take(1));
        Assert.Equal("svc-mail", hello.Parameters["user"]);
        Assert.Equal("maildb.v2", hello.Parameters["database"]);
        // The table's own reader: the table name quoted for PostgreSQL, folded as PostgreSQL folds a bare one.
        Assert.Contains("query = SELECT mail FROM \"mail_users\" WHERE mail = '%s'", read.Output);
    }

    /// <summary>The targets that render Dovecot 2.3 (its connect string is libpq's conninfo), each with both loopbacks.</summary>
    public static TheoryData<Distro, string> Dovecot23TargetsAndLoopbacks()
    {
        var data = new TheoryData<Distro, string>();
        foreach (var target in TestPlatform.Sandbox.TargetSystems.Runnable.Where(t => Targets.TargetTable.Of(t).Dovecot is { Major: 2, Minor: 3 }))
            foreach (var host in new[] { "127.0.0.1", "::1" }) data.Add(target, host);
        return data;
    }

    // Dovecot 2.3 reads an args file's quoted value as str_unescape does (a backslash keeps the next character), then hands the
    // connect string to libpq as it is: here psql hands it to libpq the same way.
    private const string Connect23 = """
        v=$(sed -n 's/^connect = //p' /etc/dovecot/maildsl-passdb.conf.ext) && v=${v#\"} && v=${v%\"} && v=$(printf '%s' "$v" | sed -e 's/\\\(.\)/\1/g' -e 's/{{MAILDSL_SECRET:[^}]*}}/TestPassword1/') && echo "conninfo: $v" && timeout 30 psql "$v" -c 'select 1' 2>&1
        """;

    [TargetTheory("psql"), MemberData(nameof(Dovecot23TargetsAndLoopbacks))]
    public void Dovecot_2_3s_connect_string_is_read_by_libpqs_conninfo_parser_with_verified_tls_to_the_server_named(Distro target, string host)
    {
        var port = PortReservations.Take(1)[0];
        using var wire = new PostgresWire(port);
        using var emitted = EmittedPlatform.Emit((c, k) => SqlDirectory(target, c, k, host, port, DatabaseTls.VerifyFull));
        using var sandbox = EtcSandbox.Open(target, emitted.HostDir("store-01.example.org"), new[] { emitted.Root });

        var read = sandbox.Run(Connect23);

        // libpq dialled the server named (IPv6 as written: conninfo needs no brackets), asked for TLS first and looked for the
        // CA as written: sslmode and sslrootcert are the description's, no parameter added.
        Assert.Contains(wire.Seen, h => h.AskedTls && h.Remote.Equals(IPAddress.Parse(host)));
        Assert.DoesNotContain(wire.Seen, h => !h.AskedTls);
        Assert.Contains($"root certificate file \"{Ca}\" does not exist", read.Output);
    }

    [TargetTheory("psql"), MemberData(nameof(Dovecot23TargetsAndLoopbacks))]
    public void Dovecot_2_3s_connect_string_logs_in_with_the_database_and_user_as_written(Distro target, string host)
    {
        var port = PortReservations.Take(1)[0];
        using var wire = new PostgresWire(port);
        using var emitted = EmittedPlatform.Emit((c, k) => SqlDirectory(target, c, k, host, port, DatabaseTls.Disabled));
        using var sandbox = EtcSandbox.Open(target, emitted.HostDir("store-01.example.org"), new[] { emitted.Root });

        var read = sandbox.Run(Connect23);

        var hello = Assert.Single(wire.Seen.Where(h => !h.AskedTls).Take(1));
        Assert.True(hello.Parameters.TryGetValue("user", out var user), read.Output);
        Assert.Equal("svc-mail", user);
        Assert.Equal("maildb.v2", hello.Parameters["database"]);
        Assert.True(hello.Remote.Equals(IPAddress.Parse(host)), read.Output);
    }

    [TargetTheory("psql", "plget"), MemberData(nameof(Runnable))]
    public void Libpq_reads_sogos_database_url_and_its_sourced_environment_as_written(Distro target)
    {
        var port = PortReservations.Take(1)[0];
        using var wire = new PostgresWire(port);
        using var emitted = EmittedPlatform.Emit((c, k) => Platform.Create("example.org").Target(target).Certificate(c, k).CertificateAuthority(Ca)
            .Directory(d => d.Ldap(LdapSchema.ActiveDirectory).Server("dc01.example.org", LdapSecurity.Ldaps).BaseDn("dc=example,dc=org")
                .BindAs("cn=mail,dc=example,dc=org", Secret.File("/etc/maildsl/secrets/ldap-bind")))
            .Mailstore(m => m.Hosts("store-01.example.org"))
            .Webmail(w => w.Hosts("web-01.example.org").Database(db => db.PostgreSql("::1", port).Name("sogo.db").Login("sogo-web", Secret.File("/etc/maildsl/secrets/sogo-db")))));
        using var sandbox = EtcSandbox.Open(target, emitted.HostDir("web-01.example.org"), new[] { emitted.Root });

        // GNUstep's own reading of sogo.conf gives the URL; sogod's environment comes from sourcing /etc/default/sogo as its
        // start command does; libpq reads both.
        var read = sandbox.Run("url=$(plget SOGoProfileURL < /etc/sogo/sogo.conf) && echo \"url: $url\" && "
            + "(set -a; . /etc/default/sogo; set +a; timeout 30 psql \"${url/\\{\\{MAILDSL_SECRET:*\\}\\}/TestPassword1}\" -c 'select 1') 2>&1");

        Assert.Contains($"url: postgresql://sogo-web:{{{{MAILDSL_SECRET:sogo-database:UrlUserinfo}}}}@[::1]:{port}/sogo.db/sogo_user_profile", read.Output);
        Assert.Contains(wire.Seen, h => h.AskedTls && h.Remote.Equals(IPAddress.IPv6Loopback));
        Assert.Contains($"root certificate file \"{Ca}\" does not exist", read.Output);
    }

    [TargetTheory("postmap", "pldes", "doveconf"), MemberData(nameof(Runnable))]
    public void A_dn_holding_percent_and_dollar_reaches_postfix_dovecot_and_sogo_as_its_rfc_4514_escape(Distro target)
    {
        using var emitted = EmittedPlatform.Emit((c, k) => Platform.Create("example.org").Target(target).Certificate(c, k).CertificateAuthority(Ca)
            .Directory(d => d.Ldap(LdapSchema.InetOrgPerson).Server("ldap.example.org", LdapSecurity.Ldaps).BaseDn("ou=100%u $x,dc=example,dc=org")
                .BindAs("cn=Mail\\, Apps,dc=example,dc=org", Secret.File("/etc/maildsl/secrets/ldap-bind")))
            .SmtpIn(s => s.Hosts("mx-01.example.org"))
            .Mailstore(m => m.Hosts("store-01.example.org"))
            .Webmail(w => w.Hosts("web-01.example.org").Database(db => db.PostgreSql("db.example.org").Name("sogo").Login("sogo", Secret.File("/etc/maildsl/secrets/sogo-db")))));
        const string Base = "ou=100\\25u \\24x,dc=example,dc=org";
        const string Bind = "cn=Mail\\, Apps,dc=example,dc=org";

        using (var mx = EtcSandbox.Open(target, emitted.HostDir("mx-01.example.org"), new[] { emitted.Root }))
        {
            // Without a network (only loopback), so the lookup after the reading dials nothing.
            var postfix = mx.Run("timeout 30 unshare -n bash -c 'ip link set lo up && exec postmap -v -q x ldap:/etc/postfix/maildsl-recipients.cf' 2>&1 "
                + "| grep -E 'cfg_get_str: [^:]*: (search_base|bind_dn) ='");
            Assert.Contains("search_base = " + Base + "\n", postfix.Output);
            Assert.Contains("bind_dn = " + Bind + "\n", postfix.Output);
        }
        using (var web = EtcSandbox.Open(target, emitted.HostDir("web-01.example.org"), new[] { emitted.Root }))
        {
            var sogo = web.Run("pldes /etc/sogo/sogo.conf");
            Assert.Contains("baseDN = \"" + Base.Replace("\\", "\\\\", StringComparison.Ordinal) + "\";", sogo.Output);
            Assert.Contains("bindDN = \"" + Bind.Replace("\\", "\\\\", StringComparison.Ordinal) + "\";", sogo.Output);
        }
        if (target != Distro.Debian13) return;
        // Dovecot 2.4 reads the LDAP settings inline (2.3 reads them from its args files, which no tool reads alone).
        using var store = EtcSandbox.Open(target, emitted.HostDir("store-01.example.org"), new[] { emitted.Root });
        var dovecot = store.Run("doveconf -h ldap_base ldap_auth_dn");
        Assert.Equal(Base + "\n" + Bind + "\n", dovecot.Output);
    }

    [TargetTheory("getent", "useradd", "groupadd"), MemberData(nameof(Runnable))]
    public void Install_shs_own_steps_create_the_mail_user_with_its_name_after_the_end_of_options(Distro target)
    {
        using var emitted = EmittedPlatform.Emit((c, k) => Platform.Create("example.org").Target(target).Certificate(c, k)
            .Directory(d => d.Ldap(LdapSchema.ActiveDirectory).Server("dc01.example.org", LdapSecurity.Ldaps).BaseDn("dc=example,dc=org")
                .BindAs("cn=mail,dc=example,dc=org", Secret.File("/etc/maildsl/secrets/ldap-bind")))
            .Mailstore(m => m.Hosts("store-01.example.org").Storage(s => s.Local("/var/mail-store").Owner("v-mail", 5123, 5124))));
        var hostDir = emitted.HostDir("store-01.example.org");
        using var sandbox = EtcSandbox.Open(target, hostDir, new[] { emitted.Root });

        // install.sh's data lines, run as install.sh runs them, then each of its prepare steps, twice (they are idempotent).
        var run = sandbox.Run($"cd {TestPlatform.Sandbox.Command.ShellQuote(hostDir)} && sed -n '1,/^# What follows is the same on every host/p' install.sh > /tmp/data.sh && "
            + ". /tmp/data.sh && set +e && for round in 1 2; do for step in \"${prepare[@]}\"; do bash -c \"set -e; $step\" || echo \"failed: $step\"; done; done; "
            + "getent passwd v-mail; getent group v-mail; stat -c '%u:%g %a' /var/mail-store");

        Assert.DoesNotContain("failed:", run.Output);
        Assert.Contains("v-mail:x:5123:5124::/var/mail-store:/usr/sbin/nologin", run.Output);
        Assert.Contains("v-mail:x:5124:", run.Output);
        Assert.Contains("5123:5124 770", run.Output);
    }

    /// <summary>The variables MAIL5013 keeps secrets out of, as bash itself lists them on each target (compgen -v, nothing set).</summary>
    [TargetTheory("bash"), MemberData(nameof(Runnable))]
    public void Every_variable_bash_itself_sets_is_one_a_secret_may_not_be_read_from(Distro target)
    {
        var root = Directory.CreateTempSubdirectory("maildsl-bash-vars-").FullName;
        try
        {
            using var sandbox = TestPlatform.Sandbox.SandboxHost.Start("bash-vars", root, target, Array.Empty<string>());
            var listed = sandbox.Run("env -i bash --norc --noprofile -c 'compgen -v'");
            Assert.True(listed.Succeeded, listed.ToString());
            var names = listed.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries)
                .Where(n => System.Text.RegularExpressions.Regex.IsMatch(n, "^[A-Z_][A-Z0-9_]*$")).ToList();
            Assert.Contains("RANDOM", names);
            var free = names.Where(n => !MailDsl.Install.InstallScriptVariables.UsedByBash(n) && !MailDsl.Install.InstallScriptVariables.UsedByInstallScript(n)).ToList();
            Assert.True(free.Count == 0, "bash sets variables a secret could be read from: " + string.Join(", ", free));
        }
        finally
        {
            try { Directory.Delete(root, recursive: true); } catch (IOException) { }
        }
    }

    [TargetTheory("bash"), MemberData(nameof(Runnable))]
    public void The_environment_file_sogods_start_command_sources_gives_each_value_as_written_and_runs_nothing(Distro target)
    {
        const string ca = "/etc/ssl/maildsl/ca-2_v1.0.crt";
        using var emitted = EmittedPlatform.Emit((c, k) => Platform.Create("example.org").Target(target).Certificate(c, k).CertificateAuthority(ca)
            .Directory(d => d.Ldap(LdapSchema.ActiveDirectory).Server("dc01.example.org", LdapSecurity.Ldaps).BaseDn("dc=example,dc=org")
                .BindAs("cn=mail,dc=example,dc=org", Secret.File("/etc/maildsl/secrets/ldap-bind")))
            .Mailstore(m => m.Hosts("store-01.example.org"))
            .Webmail(w => w.Hosts("web-01.example.org").Database(db => db.PostgreSql("db.example.org").Name("sogo").Login("sogo", Secret.File("/etc/maildsl/secrets/sogo-db")))));
        using var sandbox = EtcSandbox.Open(target, emitted.HostDir("web-01.example.org"), new[] { emitted.Root });

        // As Debian's start command sources it (SogoModule), in an empty folder, with nothing but PATH in the environment.
        var read = sandbox.Run("d=$(mktemp -d) && cd \"$d\" && bash -n /etc/default/sogo && env -i PATH=/usr/bin:/bin bash -c "
            + "'PREFORK=3; set -a; . /etc/default/sogo; set +a; env' | grep -E '^(SSL_CERT_FILE|LDAPTLS_CACERT|LDAPTLS_REQCERT|PGSSLMODE|PGSSLROOTCERT|PREFORK)=' | LC_ALL=C sort; "
            + "echo \"left: $(ls -A \"$d\")\"");

        Assert.Equal(new[]
        {
            "LDAPTLS_CACERT=" + ca, "LDAPTLS_REQCERT=demand", "PGSSLMODE=verify-full", "PGSSLROOTCERT=" + ca, "PREFORK=3", "SSL_CERT_FILE=" + ca, "left: ",
        }, read.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }
}
