using MailDsl.Model;
using MailDsl.Render.Tests.Support;
using MailDsl.Secrets;
using MailDsl.TestPlatform;
using Xunit;

namespace MailDsl.Render.Tests;

/// <summary>
/// Platforms with a user directory (Active Directory over LDAPS as examples/CorporateCloud describes it, OpenLDAP over
/// StartTLS, a PostgreSQL directory), emitted for Debian 12 and Debian 13, each host's files installed at their real paths and
/// read by that target's own daemons: <c>doveconf -n</c> (2.3.19 and 2.4.1), <c>postconf -n</c> and <c>-M</c> (3.7 and 3.10),
/// <c>plparse</c>. Debian 12's tools are the machine's; Debian 13's run chrooted in the cached trixie root, over a throw-away
/// overlay of its /etc.
/// </summary>
public sealed class DirectoryRenderTests : IClassFixture<DirectoryRenderTests.Emissions>
{
    private readonly Emissions _emitted;

    public DirectoryRenderTests(Emissions emitted) => _emitted = emitted;

    /// <summary>The directory platforms of this class, by name, described with the certificate paths given.</summary>
    public static readonly IReadOnlyDictionary<string, Func<Distro, Platform>> Platforms = new Dictionary<string, Func<Distro, Platform>>
    {
        ["corporate-cloud"] = distro => GuidePlatform.Describe().Target(distro),
        ["openldap-starttls"] = distro => DirectoryPlatforms.OpenLdap(distro),
        ["postgresql-directory"] = distro => DirectoryPlatforms.PostgreSqlDirectory(distro),
    };

    /// <summary>Every platform emitted once per target, into one temporary folder.</summary>
    public sealed class Emissions : IDisposable
    {
        public Emissions()
        {
            Root = Directory.CreateTempSubdirectory("maildsl-directory-render-").FullName;
            foreach (var (name, describe) in Platforms)
                foreach (var distro in new[] { Distro.Debian12, Distro.Debian13 })
                {
                    var stdout = new StringWriter();
                    var stderr = new StringWriter();
                    var exit = MailDsl.Hosting.PlatformHost.Run(new[] { "emit", "--out", OutDir(name, distro) }, () => describe(distro), stdout, stderr);
                    if (exit != 0) throw new InvalidOperationException($"emit refused {name} for {distro} ({exit}):\n{stdout}{stderr}");
                }
        }

        public string Root { get; }

        public string OutDir(string name, Distro distro) => Path.Combine(Root, name + "-" + distro);

        public void Dispose()
        {
            try { Directory.Delete(Root, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }

    public static TheoryData<string, Distro, string> Hosts()
    {
        var data = new TheoryData<string, Distro, string>();
        foreach (var (name, describe) in Platforms)
            foreach (var distro in new[] { Distro.Debian12, Distro.Debian13 })
                foreach (var host in Topology.HostPlan.Of(describe(distro).Build()))
                    data.Add(name, distro, host.Name);
        return data;
    }

    /// <summary>The hosts that run Postfix, Dovecot or SOGo (a balancer host runs none: ExampleTests holds its HAProxy and keepalived to their checkers).</summary>
    public static TheoryData<string, Distro, string> MailHosts()
    {
        var data = new TheoryData<string, Distro, string>();
        foreach (var (name, describe) in Platforms)
            foreach (var distro in new[] { Distro.Debian12, Distro.Debian13 })
                foreach (var host in Topology.HostPlan.Of(describe(distro).Build()).Where(h => h.RunsPostfix || h.RunsDovecot || h.LayersRun(Daemon.Sogo)))
                    data.Add(name, distro, host.Name);
        return data;
    }

    /// <summary>
    /// Every daemon on the host reads its installed files without an error or a warning: the target's doveconf, postconf
    /// (main.cf, master.cf, and the lookup tables main.cf names) and plparse.
    /// </summary>
    [ToolTheory("doveconf", "postconf", "plparse", "unshare", "chroot")]
    [MemberData(nameof(MailHosts))]
    public void The_targets_own_daemons_accept_every_file_of_the_host(string platform, Distro distro, string host)
    {
        var hostDir = Path.Combine(_emitted.OutDir(platform, distro), host);
        var checks = new List<string>();
        if (File.Exists(Path.Combine(hostDir, "etc/dovecot/dovecot.conf"))) checks.Add("echo '## doveconf'; doveconf -n >/dev/null");
        if (File.Exists(Path.Combine(hostDir, "etc/postfix/main.cf"))) checks.Add("echo '## postconf'; postconf -n >/dev/null && postconf -M >/dev/null");
        if (File.Exists(Path.Combine(hostDir, "etc/sogo/sogo.conf"))) checks.Add("echo '## plparse'; plparse /etc/sogo/sogo.conf");
        Assert.NotEmpty(checks);
        var result = TargetEtc.Run(distro, hostDir, string.Join(" && ", checks));
        Assert.True(result.Succeeded, result.ToString());
        // Warnings are the daemons' own words: doveconf prints "doveconf: Warning:", postconf "postconf: warning:".
        Assert.DoesNotMatch("(?i)(doveconf|postconf): (warning|error|fatal)", result.Output);
        if (checks.Any(c => c.Contains("plparse", StringComparison.Ordinal))) Assert.Contains("a dictionary", result.Output, StringComparison.Ordinal);
    }

    [ToolTheory("shellcheck")]
    [MemberData(nameof(Hosts))]
    public void Shellcheck_passes_install_sh(string platform, Distro distro, string host)
    {
        var result = DaemonChecks.InstallScript(Path.Combine(_emitted.OutDir(platform, distro), host));
        Assert.True(result.Succeeded, result.ToString());
    }

    /// <summary>What the directory's settings say, read back from the daemons themselves (not from our own text).</summary>
    [ToolFact("doveconf", "postconf", "unshare", "chroot")]
    public void The_daemons_read_back_tls_verification_the_lmtp_path_and_the_nfs_settings()
    {
        foreach (var distro in new[] { Distro.Debian12, Distro.Debian13 })
        {
            var store = Path.Combine(_emitted.OutDir("corporate-cloud", distro), "vm-172-16-10-142.cloud0.hc.mycompany.dom");
            var dovecot = TargetEtc.Run(distro, store, "doveconf -h mail_fsync mmap_disable mail_nfs_storage mail_nfs_index lmtp_proxy mail_uid mail_gid protocols; "
                + "postconf -h virtual_transport virtual_mailbox_domains virtual_mailbox_maps");
            Assert.True(dovecot.Succeeded, dovecot.ToString());
            // Dovecot's NFS guide: with each user on one backend (the guide's two mailstores proxy to it, LMTP too), mail_nfs_*
            // stay no.
            Assert.Equal(new[] { "always", "yes", "no", "no", "yes", "5000", "5000", "imap pop3 lmtp sieve", "lmtp:unix:private/dovecot-lmtp",
                "domain01.dom, domain02.dom", "proxy:ldap:/etc/postfix/maildsl-recipients.cf" },
                dovecot.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries));
            if (distro == Distro.Debian13)
            {
                // 2.4 reads the LDAP settings inline: the CA and verification, as it will use them (a file setting's -h prints the
                // file's content, so the path is read from -n).
                var ldap = TargetEtc.Run(distro, store, "doveconf -h ldap_uris ssl_client_require_valid_cert; doveconf -n | sed -n '/^ssl_client {/,/^}/p'");
                Assert.True(ldap.Succeeded, ldap.ToString());
                Assert.Equal(new[] { "ldaps://dc01.domain01.dom:636 ldaps://dc02.domain01.dom:636", "yes", "ssl_client {",
                    "  ca_file = /etc/pki/CA/certs/mycompany-ca.crt", "  require_valid_cert = yes", "}" },
                    ldap.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries));
            }
        }
    }

    /// <summary>
    /// Every setting MailDsl writes into sogo.conf is one the target's SOGo reads: its catalogue is read off the target's
    /// sogo and libsope1 packages (CatalogReproducibilityTests keeps it so). sogod ignores a name it does not know, silently,
    /// so plparse cannot tell.
    /// </summary>
    [Fact]
    public void Every_top_level_sogo_conf_setting_is_one_the_targets_sogo_reads()
    {
        foreach (var (name, describe) in Platforms)
            foreach (var distro in new[] { Distro.Debian12, Distro.Debian13 })
            {
                var catalog = Daemons.Settings.SettingsCatalog.For(Targets.TargetTable.Of(distro), Daemon.Sogo)!;
                Assert.True(catalog.Covers(Targets.TargetTable.Of(distro).Sogo), catalog.ToString());
                var conf = PlatformRenderer.Render(describe(distro).Build()).Single(a => a.Path == "/etc/sogo/sogo.conf").Content;
                var keys = PropertyList.TopLevelKeys(conf);
                Assert.Contains("SOGoUserSources", keys);
                var unknown = keys.Where(k => catalog.Lookup(k).Status != Daemons.Settings.SettingStatus.Known).ToList();
                Assert.True(unknown.Count == 0, $"{name} on {distro}: sogo.conf writes {string.Join(", ", unknown)}, which {catalog} does not list");
            }
    }

    [Fact]
    public void No_emitted_file_holds_a_secret_only_placeholders_and_those_files_are_not_world_readable()
    {
        foreach (var (name, describe) in Platforms)
            foreach (var distro in new[] { Distro.Debian12, Distro.Debian13 })
            {
                var artifacts = PlatformRenderer.Render(describe(distro).Build());
                var holders = artifacts.Where(a => PlatformSecrets.In(a.Content).Count > 0).ToList();
                Assert.NotEmpty(holders);
                foreach (var file in holders.Where(a => a.Path != "/install.sh"))
                {
                    // Readable by root and at most the daemon's group: 0600, or 0640 with a group that is not root's own.
                    Assert.True(file.Mode is 384 or 416, $"{name}/{distro} {file.Host}:{file.Path} is {file.ModeText}");
                    Assert.True(file.Mode == 384 || file.Group != "root", $"{name}/{distro} {file.Host}:{file.Path} is {file.ModeText} {file.Group}");
                }
                Assert.Contains(holders, a => a.Path == "/etc/postfix/maildsl-recipients.cf" && a.Group == "postfix");
                Assert.Contains(holders, a => a.Path == "/etc/sogo/sogo.conf" && a.Group == "sogo");
            }
    }
}

/// <summary>The directory test platforms.</summary>
public static class DirectoryPlatforms
{
    /// <summary>OpenLDAP (inetOrgPerson) over StartTLS, login by address; one mailstore host on local storage.</summary>
    public static Platform OpenLdap(Distro distro) => Platform.Create("example.org")
        .AddMailDomain("example.net")
        .Target(distro)
        .Certificate("/etc/ssl/maildsl/allservers.crt", "/etc/ssl/maildsl/allservers.key")
        .CertificateAuthority("/etc/ssl/maildsl/ca.crt")
        .Directory(d => d.Ldap(LdapSchema.InetOrgPerson)
            .Server("ldap.example.org", LdapSecurity.StartTls)
            .BaseDn("ou=people,dc=example,dc=org")
            .BindAs("cn=mail,ou=services,dc=example,dc=org", Secret.Environment("LDAP_BIND_PASSWORD"))
            .LoginWith(LoginName.Address)
            .AddAlias("postmaster@example.net", "it@example.org"))
        .SmtpIn(s => s.Hosts("mx.example.org"))
        .SmtpOut(s => s.Hosts("relay.example.org").Submission())
        .Mailstore(m => m.Hosts("store.example.org").Imap().Imaps().ManageSieve().Storage(s => s.Local("/var/vmail")))
        .Webmail(w => w.Hosts("web.example.org")
            .Database(db => db.PostgreSql("db.example.org").Name("sogo").Login("sogo", Secret.File("/etc/maildsl/secrets/sogo-db"))));

    /// <summary>Users in a PostgreSQL table with SOGo's columns, quota in a column; SOGo's database on the same server.</summary>
    public static Platform PostgreSqlDirectory(Distro distro) => Platform.Create("example.org")
        .Target(distro)
        .Certificate("/etc/ssl/maildsl/allservers.crt", "/etc/ssl/maildsl/allservers.key")
        .CertificateAuthority("/etc/ssl/maildsl/ca.crt")
        .Directory(d => d.Sql(db => db.PostgreSql("db.example.org").Name("mail").Login("dovecot", Secret.File("/etc/maildsl/secrets/directory-db")))
            .Table("mail_users")
            .Quota("quota"))
        .SmtpIn(s => s.Hosts("mx.example.org"))
        .SmtpOut(s => s.Hosts("relay.example.org").Submission())
        .Mailstore(m => m.Hosts("store.example.org").Imaps().ManageSieve().Storage(s => s.Nfs("/srv/vmail").LocalIndexes("/var/lib/dovecot/index")))
        .Webmail(w => w.Hosts("web.example.org")
            .Database(db => db.PostgreSql("db.example.org").Name("sogo").Login("sogo", Secret.File("/etc/maildsl/secrets/sogo-db"))));
}

/// <summary>
/// Runs a check with one emitted host's <c>etc/</c> installed over a target's /etc, in a private mount namespace: the machine's
/// own for Debian 12, the cached trixie root's (chrooted, its /etc overlaid by a throw-away layer, /proc mounted inside) for
/// Debian 13. Nothing outside the namespace changes.
/// </summary>
public static class TargetEtc
{
    /// <summary>The Debian 13 root (MAILDSL_DEBIAN13_ROOT, default /var/cache/maildsl/debian13).</summary>
    public static string Debian13Root => Environment.GetEnvironmentVariable("MAILDSL_DEBIAN13_ROOT") ?? "/var/cache/maildsl/debian13";

    /// <summary>Runs <paramref name="check"/> (a shell command line) with <paramref name="hostDir"/>'s files installed for <paramref name="distro"/>.</summary>
    public static CommandResult Run(Distro distro, string hostDir, string check)
    {
        if (distro != Distro.Debian13) return EtcSandbox.Run(hostDir, check);
        if (!Directory.Exists(Path.Combine(Debian13Root, "etc")))
            throw new InvalidOperationException($"no Debian 13 root at {Debian13Root}: run scripts/debian13-root.sh (as root) to build it");
        var layer = Directory.CreateTempSubdirectory("maildsl-etc13-").FullName;
        try
        {
            var q = Command.ShellQuote;
            var script = string.Join("\n",
                "set -e",
                $"r={q(Debian13Root)} l={q(layer)}",
                "mkdir -p \"$l/upper\" \"$l/work\"",
                "mount -t overlay overlay -o \"lowerdir=$r/etc,upperdir=$l/upper,workdir=$l/work\" \"$r/etc\"",
                "mount -t proc proc \"$r/proc\"",
                $"cp -r {q(hostDir)}/etc/. \"$r/etc/\"",
                "set +e",
                $"chroot \"$r\" /bin/bash -c {q(check)}");
            return Command.Run("unshare", "--mount", "--propagation", "private", "bash", "-c", script);
        }
        finally
        {
            try { Directory.Delete(layer, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }
}
