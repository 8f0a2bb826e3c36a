using System.Net.Sockets;
using MailDsl.Hosting;
using MailDsl.Model;
using MailDsl.Topology;
using MailDsl.TestPlatform.Directories;
using MailDsl.TestPlatform.Sandbox;
using MailDsl.TestPlatform.Tls;

namespace MailDsl.TestPlatform;

/// <summary>
/// The loopback platform emitted by the real <c>emit</c> verb for one target and running on that target's own
/// daemons (Debian 12's on this machine, Debian 13's in the cached root): its directory and database
/// (<see cref="DirectoryServers"/>: slapd and PostgreSQL from this machine, TLS only) first, then every emitted host as a
/// <see cref="SandboxHost"/> of the target with a test certificate and the secrets where the platform says (and, on the
/// mailstore hosts, the shared storage mounted), where the host's own install.sh installs the packages (the real apt-get:
/// they are installed already), puts its files in place, writes the secrets into them, checks them with each daemon's
/// checker and starts the daemons (Postfix, Dovecot, memcached, nginx, SOGo) through their own control, systemd not being
/// PID 1 there: nothing is stood in for. Disposing stops every daemon and deletes everything it made.
/// </summary>
public sealed class RunningPlatform : IDisposable
{
    /// <summary>The mail user the older tests log in as: alice, in the directory.</summary>
    public static string User => TestDirectory.Alice.Uid;

    /// <summary>Her password.</summary>
    public static string Password => TestDirectory.Alice.Password;

    private readonly List<SandboxHost> _hosts = new();

    private RunningPlatform(Distro target, string root, LoopbackPorts ports, PlatformModel model, PlatformModel secondStore)
    {
        Target = target;
        Root = root;
        Ports = ports;
        Model = model;
        SecondStoreModel = secondStore;
        TlsEndpoints = TlsEndpoint.Of(model);
    }

    /// <summary>The user's address.</summary>
    public static string Address => TestDirectory.Alice.Address;

    /// <summary>The second mailstore host's model (a platform of its own, sharing the first one's storage).</summary>
    public PlatformModel SecondStoreModel { get; }

    /// <summary>The directory and database servers.</summary>
    public DirectoryServers DirectoryServers { get; private set; } = null!;

    /// <summary>The shared mail storage on this machine, bind-mounted at <see cref="LoopbackPlatform.SharedStorage"/> on every mailstore host.</summary>
    public string SharedStorageDir => Path.Combine(Root, "shared-vmail");

    /// <summary>The second mailstore host's emit output folder.</summary>
    public string SecondStoreOutDir => Path.Combine(Root, "out-store2");

    /// <summary>Whose daemons run the platform (and whom it was emitted for).</summary>
    public Distro Target { get; }

    /// <summary>The temporary folder holding the emit output, the certificate and the hosts' layers.</summary>
    public string Root { get; }

    /// <summary>The ports every listener got.</summary>
    public LoopbackPorts Ports { get; }

    /// <summary>The platform model, as the DSL built it.</summary>
    public PlatformModel Model { get; }

    /// <summary>Every port where a client gets TLS.</summary>
    public IReadOnlyList<TlsEndpoint> TlsEndpoints { get; }

    /// <summary>The emit output folder.</summary>
    public string OutDir => Path.Combine(Root, "out");

    /// <summary>The test certificate (PEM), as the daemons present it.</summary>
    public string CertificateFile => Path.Combine(Root, "pki", "allservers.crt");

    /// <summary>The test key (PEM).</summary>
    public string KeyFile => Path.Combine(Root, "pki", "allservers.key");

    /// <summary>
    /// Emits the platform for <paramref name="target"/> and starts it on that target's daemons; throws with the
    /// daemons' own words if any of them does not come up.
    /// </summary>
    /// <param name="target">Debian 12 (this machine) or Debian 13 (the cached root).</param>
    /// <param name="ports">The ports to use; by default free ones are picked.</param>
    public static RunningPlatform Start(Distro target, LoopbackPorts? ports = null)
    {
        TargetSystems.RootOf(target); // throws, naming the targets that run here, for one that does not
        ports ??= LoopbackPorts.PickFree();
        var platform = new RunningPlatform(target, System.IO.Directory.CreateTempSubdirectory("maildsl-platform-").FullName, ports,
            LoopbackPlatform.Describe(ports, target).Build(), LoopbackPlatform.DescribeSecondStore(ports, target).Build());
        try
        {
            platform.Emit(platform.OutDir, () => LoopbackPlatform.Describe(ports, target));
            platform.Emit(platform.SecondStoreOutDir, () => LoopbackPlatform.DescribeSecondStore(ports, target));
            platform.MakeCertificate();
            System.IO.Directory.CreateDirectory(platform.SharedStorageDir);
            // The directory and the database first (every layer reads them), the mailstores next (MX relays to them),
            // web last (it dials the others).
            platform.DirectoryServers = DirectoryServers.Start(platform.Root, ports.Directory, platform.CertificateFile, platform.KeyFile, LoopbackPlatform.HostNames);
            foreach (var host in new[] { LoopbackPlatform.Store, LoopbackPlatform.Store2, LoopbackPlatform.Relay, LoopbackPlatform.Mx, LoopbackPlatform.Web })
                platform.StartHost(host);
            foreach (var host in platform._hosts) platform.WaitForListeners(host);
            return platform;
        }
        catch
        {
            platform.Dispose();
            throw;
        }
    }

    /// <summary>The sandbox of <paramref name="name"/>.</summary>
    public SandboxHost Host(string name) => _hosts.Single(h => h.Name == name);

    /// <summary>The last lines of every daemon log on <paramref name="host"/>, for failure messages.</summary>
    public string Logs(string host)
    {
        if (host == DirectoryServers?.Host.Name)
            return $"--- slapd\n{DirectoryServers.Host.Tail(DirectoryServers.SlapdLog)}\n--- postgresql\n{DirectoryServers.Host.Tail(DirectoryServers.PostgresLog)}";
        var sandbox = _hosts.FirstOrDefault(h => h.Name == host);
        if (sandbox is null) return $"({host} was not started)";
        var logs = new[] { MailDsl.Install.InstallScriptRenderer.StartLog, LoopbackPlatform.PostfixLog, LoopbackPlatform.DovecotLog, "/var/log/nginx/error.log", "/var/log/sogo/sogo.log" }
            .Select(path => (path, text: sandbox.Tail(path)))
            .Where(l => l.text is not null)
            .Select(l => $"--- {host}:{l.path}\n{l.text}");
        return string.Join("\n", logs);
    }

    /// <summary>The last lines of every daemon log on every host.</summary>
    public string AllLogs() => string.Join("\n", _hosts.Select(h => Logs(h.Name)).Append(DirectoryServers is null ? "" : Logs(DirectoryServers.Host.Name)));

    /// <inheritdoc/>
    public void Dispose()
    {
        foreach (var host in _hosts) host.Dispose();
        _hosts.Clear();
        DirectoryServers?.Dispose();
        try { System.IO.Directory.Delete(Root, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    private void Emit(string outDir, Func<Platform> describe)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var exit = PlatformHost.Run(new[] { "emit", "--out", outDir }, describe, stdout, stderr);
        if (exit != 0) throw new InvalidOperationException($"emit refused the loopback platform (exit {exit}):\n{stdout}{stderr}");
    }

    private void MakeCertificate()
        => TestCertificate.Make(CertificateFile, KeyFile, LoopbackPlatform.HostNames.Prepend(LoopbackPlatform.Domain), new[] { "127.0.0.1" });

    private void StartHost(string name)
    {
        var emitted = Path.Combine(name == LoopbackPlatform.Store2 ? SecondStoreOutDir : OutDir, name);
        if (!System.IO.Directory.Exists(emitted)) throw new InvalidOperationException($"emit wrote no folder for {name}");
        // The emitted folders, the certificate, the secrets and the shared storage are reachable inside at their own paths
        // (on Debian 13, bind-mounted).
        var secrets = Path.Combine(Root, "secrets");
        System.IO.Directory.CreateDirectory(secrets);
        var host = SandboxHost.Start(name, Path.Combine(Root, "hosts", name), Target,
            new[] { OutDir, SecondStoreOutDir, Path.GetDirectoryName(CertificateFile)!, secrets, SharedStorageDir });
        _hosts.Add(host);
        var q = Command.ShellQuote;
        File.WriteAllText(Path.Combine(secrets, "ldap-bind"), TestDirectory.BindPassword + "\n");
        File.WriteAllText(Path.Combine(secrets, "sogo-db"), TestDirectory.SogoDbPassword + "\n");
        var isStore = name is LoopbackPlatform.Store or LoopbackPlatform.Store2;
        // What the operator does before install.sh: the certificate and key on the host, the names resolvable, the
        // secrets where the platform says (mode 0600), and on a mailstore the NFS export mounted (here a shared directory).
        host.Must(string.Join("\n", new[]
        {
            "set -e",
            $"install -D -m 0644 {q(CertificateFile)} {q(LoopbackPlatform.CertificatePath)}",
            $"install -D -m 0600 {q(KeyFile)} {q(LoopbackPlatform.KeyPath)}",
            $"echo {q("127.0.0.1 " + string.Join(" ", LoopbackPlatform.HostNames))} >> /etc/hosts",
            $"install -D -m 0600 {q(Path.Combine(secrets, "ldap-bind"))} {q(TestDirectory.BindSecretPath)}",
            $"install -D -m 0600 {q(Path.Combine(secrets, "sogo-db"))} {q(TestDirectory.SogoSecretPath)}",
            isStore ? $"mkdir -p {LoopbackPlatform.SharedStorage} && mount --bind {q(SharedStorageDir)} {LoopbackPlatform.SharedStorage}" : "true",
        }), "preparing the host");
        // Then the emitted install.sh itself, nothing stood in for: the real apt-get (the packages are installed), the
        // files in place with the secrets written into them, each daemon's own check, then each daemon started by its own
        // control (systemd is not PID 1).
        var installed = host.Run($"cd {q(emitted)} && bash ./install.sh", TimeSpan.FromMinutes(3));
        if (!installed.Succeeded)
            throw new InvalidOperationException($"install.sh failed on {name}:\n{installed}\n{Logs(name)}");
        InstallLogs[name] = installed.Output;
    }

    /// <summary>What each host's install.sh printed.</summary>
    public Dictionary<string, string> InstallLogs { get; } = new(StringComparer.Ordinal);

    private void WaitForListeners(SandboxHost host)
    {
        var listeners = HostPlan.Of(Model).Concat(HostPlan.Of(SecondStoreModel)).First(h => h.Name == host.Name).Listeners.ToList();
        var deadline = DateTime.UtcNow.AddSeconds(30);
        foreach (var listener in listeners)
        {
            while (!Accepts(listener.Port))
            {
                if (DateTime.UtcNow > deadline)
                    throw new InvalidOperationException(
                        $"nothing listens on 127.0.0.1:{listener.Port} ({host.Name} {listener.Name}) 30 s after the daemons started:\n{Logs(host.Name)}");
                Thread.Sleep(200);
            }
            // Something answers; it must be this host's daemon alone (ss, run in the host's PID namespace, names the
            // owner only for its own processes), not another process that holds the port too: Postfix listens with
            // SO_REUSEPORT, so a second Postfix on the port would take some of the connections.
            var owners = host.Run($"ss -Hltnp 'sport = :{listener.Port}'");
            var sockets = owners.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
            if (sockets.Length == 0 || sockets.Any(s => !s.Contains("users:", StringComparison.Ordinal)))
                throw new InvalidOperationException(
                    $"127.0.0.1:{listener.Port} ({host.Name} {listener.Name}) answers, but not only a daemon of {host.Name} listens there: another process holds the port\n{owners}\n{Logs(host.Name)}");
        }
    }

    private static bool Accepts(int port)
    {
        try
        {
            using var client = new TcpClient();
            client.Connect("127.0.0.1", port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
