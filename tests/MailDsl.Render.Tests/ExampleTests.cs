using MailDsl.Model;
using MailDsl.Render.Tests.Support;
using Xunit;

namespace MailDsl.Render.Tests;

/// <summary>
/// examples/CorporateCloud, emitted through its generated Run(args) (the compile-time artifacts), each host installed
/// at its real paths in an /etc sandbox and checked by the daemons with their default configuration paths.
/// </summary>
public sealed class ExampleTests : IClassFixture<ExampleTests.Emitted>
{
    private readonly Emitted _emitted;

    public ExampleTests(Emitted emitted) => _emitted = emitted;

    /// <summary>The example emitted once, with a test certificate to stand in for the real one.</summary>
    public sealed class Emitted : IDisposable
    {
        public Emitted()
        {
            Root = Directory.CreateTempSubdirectory("maildsl-example-").FullName;
            var stdout = new StringWriter();
            var stderr = new StringWriter();
            ExitCode = Examples.CorporateCloud.Run(new[] { "emit", "--out", OutDir }, stdout, stderr);
            Log = stdout + "\n" + stderr;
            if (Command.Exists("openssl"))
                Command.Run("openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
                    "-keyout", TestKey, "-out", TestCertificate, "-subj", "/CN=webmail.cloud0.mycompany.dom", "-days", "2");
        }

        public string Root { get; }
        public string OutDir => Path.Combine(Root, "out");
        public string TestCertificate => Path.Combine(Root, "test.crt");
        public string TestKey => Path.Combine(Root, "test.key");
        public int ExitCode { get; }
        public string Log { get; }

        public void Dispose()
        {
            try { Directory.Delete(Root, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }

    private static readonly PlatformModel Model = ExampleModel();

    private static PlatformModel ExampleModel() => MailDsl.TestPlatform.GuidePlatform.Describe().Build();

    public static TheoryData<string> Hosts(string layer)
    {
        var data = new TheoryData<string>();
        foreach (var h in HostList(layer)) data.Add(h);
        return data;
    }

    private static List<string> HostList(string layer)
    {
        var hosts = layer switch
        {
            "webmail" => Model.Webmail!.Hosts,
            "mailstore" => Model.Mailstore!.Hosts,
            "smtpOut" => Model.SmtpOut!.Hosts,
            "postfix" => new[] { Model.SmtpIn!, Model.SmtpOut!, Model.Mailstore! as Layer }.SelectMany(l => l.Hosts).ToEquatableArray(),
            _ => new[] { Model.SmtpIn!, Model.SmtpOut!, Model.Mailstore!, Model.Webmail!, Model.Balancers as Layer }.Where(l => l is not null).SelectMany(l => l!.Hosts).ToEquatableArray(),
        };
        return hosts.Distinct().ToList();
    }

    private CommandResult InSandbox(string host, string check)
        => EtcSandbox.Run(Path.Combine(_emitted.OutDir, host), Model.Certificate!.CertificateFile, Model.Certificate.KeyFile,
            _emitted.TestCertificate, _emitted.TestKey, check);

    [Fact]
    public void The_example_emits_every_host_and_the_fleet_files()
    {
        Assert.True(_emitted.ExitCode == 0, _emitted.Log);
        var hosts = HostList("all");
        // A folder per host, and the Ansible role's and variables' folders beside them.
        Assert.Equal(hosts.Append("group_vars").Append("roles").Order(StringComparer.Ordinal), Directory.GetDirectories(_emitted.OutDir).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.All(hosts, h => Assert.True(File.Exists(Path.Combine(_emitted.OutDir, h, "install.sh")), h));
        Assert.All(new[] { "inventory.ini", "site.yml", "README.md" }, f => Assert.True(File.Exists(Path.Combine(_emitted.OutDir, f)), f));
    }

    [ToolTheory("nginx", "unshare", "openssl")]
    [MemberData(nameof(Hosts), "webmail")]
    public void Nginx_t_accepts_the_installed_site(string host)
    {
        var result = InSandbox(host, DaemonChecks.WithSiteAddresses("/etc/nginx/conf.d/*.conf", "nginx -t"));
        Assert.True(result.ExitCode == 0 && result.Output.Contains("test is successful") && !result.Output.Contains("[warn]"), result.ToString());
    }

    [ToolTheory("plparse", "unshare", "openssl")]
    [MemberData(nameof(Hosts), "webmail")]
    public void Plparse_parses_the_installed_sogo_conf(string host)
    {
        var result = InSandbox(host, "plparse /etc/sogo/sogo.conf");
        Assert.True(result.ExitCode == 0 && result.Output.Contains("a dictionary"), result.ToString());
    }

    [ToolTheory("doveconf", "unshare", "openssl")]
    [MemberData(nameof(Hosts), "mailstore")]
    public void Doveconf_n_prints_no_warning_or_error(string host)
    {
        var result = InSandbox(host, "doveconf -n");
        Assert.True(result.ExitCode == 0 && !result.Output.Contains("doveconf:") && result.Output.Contains("ssl = required"), result.ToString());
    }

    // The relay has submission and no mailstore: its Dovecot is the auth-only SASL server behind Postfix.
    [ToolTheory("doveconf", "unshare", "openssl")]
    [MemberData(nameof(Hosts), "smtpOut")]
    public void Doveconf_n_accepts_the_relays_auth_only_dovecot(string host)
    {
        var result = InSandbox(host, "doveconf -n");
        Assert.True(result.ExitCode == 0 && !result.Output.Contains("doveconf:") && result.Output.Contains("protocols = none")
            && result.Output.Contains("unix_listener /var/spool/postfix/private/auth {") && !result.Output.Contains("inet_listener"), result.ToString());
    }

    [ToolTheory("postconf", "unshare", "openssl")]
    [MemberData(nameof(Hosts), "postfix")]
    public void Postconf_n_and_M_print_no_warning(string host)
    {
        var result = InSandbox(host, "postconf -n && echo '-- master.cf' && postconf -M");
        Assert.True(result.ExitCode == 0 && !result.Output.Contains("warning") && result.Output.Contains("-- master.cf"), result.ToString());
    }

    [ToolTheory("shellcheck")]
    [MemberData(nameof(Hosts), "all")]
    public void Shellcheck_passes_install_sh(string host)
    {
        var result = DaemonChecks.InstallScript(Path.Combine(_emitted.OutDir, host));
        Assert.True(result.ExitCode == 0, result.ToString());
    }

    [ToolFact("ansible-playbook")]
    public void Ansible_accepts_the_fleet_files()
    {
        var result = DaemonChecks.Fleet(_emitted.OutDir);
        Assert.True(result.ExitCode == 0, result.ToString());
    }
}
