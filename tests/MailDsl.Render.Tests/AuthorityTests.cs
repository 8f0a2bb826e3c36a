using MailDsl.Model;
using MailDsl.Render.Tests.Support;
using Xunit;

namespace MailDsl.Render.Tests;

/// <summary>Every emitted host's files, judged by the daemons' own checkers, for each test platform and distro.</summary>
public sealed class AuthorityTests : IClassFixture<AuthorityTests.Emissions>
{
    private readonly Emissions _emissions;

    public AuthorityTests(Emissions emissions) => _emissions = emissions;

    /// <summary>Each test platform emitted once for the class, and deleted after it.</summary>
    public sealed class Emissions : IDisposable
    {
        private readonly Dictionary<string, EmittedPlatform> _emitted = new();

        public EmittedPlatform Get(string name)
        {
            lock (_emitted)
            {
                if (!_emitted.TryGetValue(name, out var e))
                    _emitted[name] = e = EmittedPlatform.Emit(Platforms.Single(p => p.Name == name).Describe);
                return e;
            }
        }

        public void Dispose()
        {
            foreach (var e in _emitted.Values) e.Dispose();
        }
    }

    public static TheoryData<string, string> Hosts()
    {
        var data = new TheoryData<string, string>();
        foreach (var (name, describe) in Platforms)
            foreach (var host in HostsOf(describe))
                data.Add(name, host);
        return data;
    }

    private static readonly (string Name, Func<string, string, Platform> Describe)[] Platforms =
    {
        ("guide-rhel9", (c, k) => TestPlatforms.Guide(Distro.Rhel9, c, k)),
        ("guide-debian12", (c, k) => TestPlatforms.Guide(Distro.Debian12, c, k)),
        // Pinned to Mozilla's guideline 5.7, whose intermediate profile still has DHE suites (TLSRef 6.0's has none).
        ("guide-debian12-mozilla57", (c, k) => TestPlatforms.Guide(Distro.Debian12, c, k).Tls(TlsProfile.Intermediate, TlsGuideline.Mozilla57)),
        ("all-in-one-debian12", (c, k) => TestPlatforms.AllInOne(Distro.Debian12, c, k)),
        ("relay-only-rhel9", (c, k) => TestPlatforms.RelayOnly(Distro.Rhel9, c, k)),
        ("relay-only-debian12", (c, k) => TestPlatforms.RelayOnly(Distro.Debian12, c, k)),
    };

    private static PlatformModel Model(string platform) => Platforms.Single(p => p.Name == platform).Describe("/etc/ssl/test.crt", "/etc/ssl/test.key").Build();

    private static bool IsMailstore(string platform, string host) => Model(platform).Mailstore?.Hosts.Contains(host) == true;

    private EmittedPlatform Get(string name) => _emissions.Get(name);

    private static IEnumerable<string> HostsOf(Func<string, string, Platform> describe)
    {
        var model = describe("/etc/ssl/test.crt", "/etc/ssl/test.key").Build();
        return new[] { model.SmtpIn, model.SmtpOut, model.Mailstore, model.Webmail as Layer }
            .Where(l => l is not null).SelectMany(l => l!.Hosts).Distinct().Order(StringComparer.Ordinal);
    }

    [ToolTheory("nginx", "openssl", "unshare")]
    [MemberData(nameof(Hosts))]
    public void Nginx_accepts_the_site(string platform, string host)
    {
        var e = Get(platform);
        if (!File.Exists(Path.Combine(e.HostDir(host), "etc/nginx/conf.d/sogo.conf"))) { AssertNoFile(e, host, "etc/nginx"); return; }
        var result = DaemonChecks.Nginx(e.HostDir(host), Path.Combine(e.Root, "nginx-" + host));
        Assert.True(result.ExitCode == 0 && result.Output.Contains("test is successful") && !result.Output.Contains("[warn]"), result.ToString());
    }

    /// <summary>nginx and Dovecot get DH parameters wherever their cipher string has DHE suites, and openssl reads them as RFC 7919's group.</summary>
    [ToolTheory("openssl")]
    [MemberData(nameof(Hosts))]
    public void Dh_parameters_are_ffdhe2048_wherever_a_dhe_suite_needs_them(string platform, string host)
    {
        var e = Get(platform);
        var dir = e.HostDir(host);
        var dh = Path.Combine(dir, MailDsl.Tls.Files.DhParameters.Path.TrimStart('/'));
        var nginx = Path.Combine(dir, "etc/nginx/conf.d/sogo.conf");
        var dovecot = Path.Combine(dir, "etc/dovecot/dovecot.conf");
        var named = (File.Exists(nginx) && File.ReadAllText(nginx).Contains("ssl_dhparam " + MailDsl.Tls.Files.DhParameters.Path + ";", StringComparison.Ordinal))
            || (File.Exists(dovecot) && File.ReadAllText(dovecot).Contains("ssl_dh = <" + MailDsl.Tls.Files.DhParameters.Path, StringComparison.Ordinal));
        // Exactly the nginx and Dovecot hosts whose cipher string has DHE suites: Mozilla 5.7's intermediate has three, TLSRef 6.0's none.
        var model = Model(platform);
        bool Needs(Layer? l) => l is not null && l.Hosts.Contains(host) && MailDsl.Topology.PlatformTopology.Of(model).NeedsDhParameters(l);
        var needsDh = Needs(model.Webmail) || Needs(model.Mailstore);
        Assert.Equal(needsDh, named);
        Assert.Equal(platform.EndsWith("mozilla57", StringComparison.Ordinal) && (File.Exists(nginx) || IsMailstore(platform, host)), needsDh);
        Assert.Equal(named, File.Exists(dh));
        if (!named) return;
        var read = Command.Run("openssl", "pkeyparam", "-in", dh, "-text", "-noout");
        Assert.True(read.ExitCode == 0 && read.Output.Contains("GROUP: ffdhe2048") && read.Output.Contains("(2048 bit)"), read.ToString());
    }

    [ToolTheory("doveconf")]
    [MemberData(nameof(Hosts))]
    public void Doveconf_prints_no_warning_or_error(string platform, string host)
    {
        var e = Get(platform);
        if (!File.Exists(Path.Combine(e.HostDir(host), "etc/dovecot/dovecot.conf"))) { AssertNoFile(e, host, "etc/dovecot"); return; }
        var result = DaemonChecks.Dovecot(e.HostDir(host));
        Assert.True(result.ExitCode == 0 && !result.Output.Contains("doveconf:"), result.ToString());
        if (IsMailstore(platform, host))
        {
            Assert.Contains("ssl = required", result.Output);
        }
        else
        {
            // Auth only, behind Postfix submission: no protocol, no network listener.
            Assert.Contains("protocols = none", result.Output);
            Assert.DoesNotContain("inet_listener", result.Output);
        }
    }

    // The other half of smtpd_sasl_type = dovecot: Postfix's own reading of main.cf names the socket, and Dovecot's
    // own reading of the host's dovecot.conf must serve it, to Postfix.
    [ToolTheory("postconf", "doveconf")]
    [MemberData(nameof(Hosts))]
    public void Dovecot_serves_the_auth_socket_postfix_dials(string platform, string host)
    {
        var e = Get(platform);
        if (!File.Exists(Path.Combine(e.HostDir(host), "etc/postfix/main.cf"))) return;
        var sasl = DaemonChecks.Postconf(e.HostDir(host), "-h smtpd_sasl_type smtpd_sasl_path queue_directory");
        var values = sasl.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.True(sasl.ExitCode == 0 && values.Length == 3, sasl.ToString());
        var master = DaemonChecks.PostfixMaster(e.HostDir(host));
        var authenticates = master.Output.Contains("smtpd_sasl_auth_enable=yes");
        if (!authenticates) return;
        Assert.True(values[0] == "dovecot", $"{host}'s master.cf enables SMTP AUTH but main.cf's smtpd_sasl_type is {values[0]}\n{master}");

        Assert.True(File.Exists(Path.Combine(e.HostDir(host), "etc/dovecot/dovecot.conf")), $"{host} authenticates submission through Dovecot but has no dovecot.conf");
        var dovecot = DaemonChecks.Dovecot(e.HostDir(host));
        Assert.True(dovecot.ExitCode == 0 && !dovecot.Output.Contains("doveconf:"), dovecot.ToString());
        var socket = values[2].TrimEnd('/') + "/" + values[1];
        var at = dovecot.Output.IndexOf("unix_listener " + socket + " {", StringComparison.Ordinal);
        Assert.True(at >= 0, $"Dovecot has no unix_listener {socket}\n{dovecot}");
        var block = dovecot.Output[at..dovecot.Output.IndexOf('}', at)];
        Assert.Contains("mode = 0660", block);
        Assert.Contains("user = postfix", block);
        Assert.Contains("group = postfix", block);
    }

    // Debian 12's Postfix (the one here) at its current compatibility level: postfix(1) itself says, at every start,
    // when main.cf asks for backwards-compatible defaults. It writes that only to a terminal, hence script(1).
    [ToolTheory("postfix", "script")]
    [MemberData(nameof(Hosts))]
    public void Postfix_runs_without_backwards_compatible_defaults(string platform, string host)
    {
        var e = Get(platform);
        if (Model(platform).Target != Distro.Debian12 || !File.Exists(Path.Combine(e.HostDir(host), "etc/postfix/main.cf"))) return;
        var result = DaemonChecks.PostfixStatus(Path.Combine(e.HostDir(host), "etc/postfix"));
        Assert.True(result.Output.Contains("mail system") && !result.Output.Contains("backwards-compatible"), result.ToString());
    }

    [ToolTheory("postconf")]
    [MemberData(nameof(Hosts))]
    public void Postconf_reads_main_cf_without_warning(string platform, string host)
    {
        var e = Get(platform);
        if (!File.Exists(Path.Combine(e.HostDir(host), "etc/postfix/main.cf"))) { AssertNoFile(e, host, "etc/postfix"); return; }
        var result = DaemonChecks.PostfixMain(e.HostDir(host));
        Assert.True(result.ExitCode == 0 && !result.Output.Contains("warning"), result.ToString());
        Assert.Contains("smtpd_tls_security_level =", result.Output);
    }

    [ToolTheory("postconf")]
    [MemberData(nameof(Hosts))]
    public void Postconf_reads_master_cf_without_warning(string platform, string host)
    {
        var e = Get(platform);
        if (!File.Exists(Path.Combine(e.HostDir(host), "etc/postfix/master.cf"))) { AssertNoFile(e, host, "etc/postfix"); return; }
        var result = DaemonChecks.PostfixMaster(e.HostDir(host));
        Assert.True(result.ExitCode == 0 && !result.Output.Contains("warning"), result.ToString());
        Assert.Contains("smtpd", result.Output);
    }

    [ToolTheory("plparse")]
    [MemberData(nameof(Hosts))]
    public void Plparse_parses_sogo_conf(string platform, string host)
    {
        var e = Get(platform);
        if (!File.Exists(Path.Combine(e.HostDir(host), "etc/sogo/sogo.conf"))) { AssertNoFile(e, host, "etc/sogo"); return; }
        var result = DaemonChecks.Sogo(e.HostDir(host));
        Assert.True(result.ExitCode == 0 && result.Output.Contains("a dictionary"), result.ToString());
    }

    [ToolTheory("shellcheck")]
    [MemberData(nameof(Hosts))]
    public void Shellcheck_passes_install_sh(string platform, string host)
    {
        var result = DaemonChecks.InstallScript(Get(platform).HostDir(host));
        Assert.True(result.ExitCode == 0, result.ToString());
    }

    [ToolTheory("ansible-playbook")]
    [InlineData("guide-rhel9")]
    [InlineData("all-in-one-debian12")]
    public void Ansible_accepts_the_fleet_files(string platform)
    {
        var result = DaemonChecks.Fleet(Get(platform).OutDir);
        Assert.True(result.ExitCode == 0, result.ToString());
    }

    // A host that does not run a daemon must get none of its files.
    private static void AssertNoFile(EmittedPlatform e, string host, string folder)
        => Assert.False(Directory.Exists(Path.Combine(e.HostDir(host), folder)), $"{host} has {folder} but not the file expected in it");
}
