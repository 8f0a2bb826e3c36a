using System.Net.Sockets;
using MailDsl.Hosting;
using MailDsl.Model;
using MailDsl.Topology;
using MailDsl.TestPlatform.Sandbox;
using MailDsl.TestPlatform.Tls;

namespace MailDsl.TestPlatform;

/// <summary>
/// The loopback platform emitted by the real <c>emit</c> verb for one target and running on that target's own
/// daemons (Debian 12's on this machine, Debian 13's in the cached root): every emitted host is a
/// <see cref="SandboxHost"/> of the target with a test certificate where the platform says and a mail user, where the
/// host's own install.sh installs the packages (the real apt-get: they are installed already), puts its files in place,
/// checks them with each daemon's checker and starts the daemons (Postfix, Dovecot, nginx, SOGo) through their own
/// control, systemd not being PID 1 there: nothing is stood in for.
/// Disposing stops every daemon and deletes everything it made.
/// </summary>
public sealed class RunningPlatform : IDisposable
{
    /// <summary>The mail user every Dovecot host knows (a system user inside the sandboxes, authenticated by PAM).</summary>
    public const string User = "alice";

    /// <summary>Its password.</summary>
    public const string Password = "Loopback-Test-Password-1";

    private readonly List<SandboxHost> _hosts = new();

    private RunningPlatform(Distro target, string root, LoopbackPorts ports, PlatformModel model)
    {
        Target = target;
        Root = root;
        Ports = ports;
        Model = model;
        TlsEndpoints = TlsEndpoint.Of(model);
    }

    /// <summary>The user's address.</summary>
    public static string Address => User + "@" + LoopbackPlatform.Domain;

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

    private string KeyFile => Path.Combine(Root, "pki", "allservers.key");

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
        var platform = new RunningPlatform(target, Directory.CreateTempSubdirectory("maildsl-platform-").FullName, ports, LoopbackPlatform.Describe(ports, target).Build());
        try
        {
            platform.Emit();
            platform.MakeCertificate();
            // The mailstore first (MX relays to it), web last (it dials the others).
            foreach (var host in new[] { LoopbackPlatform.Store, LoopbackPlatform.Relay, LoopbackPlatform.Mx, LoopbackPlatform.Web })
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
        var sandbox = _hosts.FirstOrDefault(h => h.Name == host);
        if (sandbox is null) return $"({host} was not started)";
        var logs = new[] { MailDsl.Install.InstallScriptRenderer.StartLog, LoopbackPlatform.PostfixLog, LoopbackPlatform.DovecotLog, "/var/log/nginx/error.log", "/var/log/sogo/sogo.log" }
            .Select(path => (path, text: sandbox.Tail(path)))
            .Where(l => l.text is not null)
            .Select(l => $"--- {host}:{l.path}\n{l.text}");
        return string.Join("\n", logs);
    }

    /// <summary>The last lines of every daemon log on every host.</summary>
    public string AllLogs() => string.Join("\n", _hosts.Select(h => Logs(h.Name)));

    /// <inheritdoc/>
    public void Dispose()
    {
        foreach (var host in _hosts) host.Dispose();
        _hosts.Clear();
        try { Directory.Delete(Root, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    private void Emit()
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var exit = PlatformHost.Run(new[] { "emit", "--out", OutDir }, () => LoopbackPlatform.Describe(Ports, Target), stdout, stderr);
        if (exit != 0) throw new InvalidOperationException($"emit refused the loopback platform (exit {exit}):\n{stdout}{stderr}");
    }

    private void MakeCertificate()
    {
        // RSA, so that a static-RSA or CBC suite being refused is the configuration's doing, not the key type's.
        Directory.CreateDirectory(Path.GetDirectoryName(CertificateFile)!);
        var made = Command.Run("openssl", new[]
        {
            "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", KeyFile, "-out", CertificateFile, "-days", "365",
            // Like a CA-issued certificate, it says where its revocation list is (scanners flag one that does not).
            "-addext", "crlDistributionPoints=URI:http://pki." + LoopbackPlatform.Domain + "/allservers.crl",
            "-subj", "/CN=" + LoopbackPlatform.Domain,
            // Every host name, and the address clients dial (127.0.0.1), so a scanner can check the name too.
            "-addext", "subjectAltName=" + string.Join(",", LoopbackPlatform.HostNames.Prepend(LoopbackPlatform.Domain).Select(n => "DNS:" + n).Append("IP:127.0.0.1")),
        });
        if (!made.Succeeded) throw new InvalidOperationException("openssl could not make the test certificate:\n" + made);
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(KeyFile, UnixFileMode.UserRead | UnixFileMode.UserWrite);
    }

    private void StartHost(string name)
    {
        var emitted = Path.Combine(OutDir, name);
        if (!Directory.Exists(emitted)) throw new InvalidOperationException($"emit wrote no folder for {name}");
        // The emitted folder and the certificate are reachable inside at their own paths (on Debian 13, bind-mounted).
        var host = SandboxHost.Start(name, Path.Combine(Root, "hosts", name), Target, new[] { OutDir, Path.GetDirectoryName(CertificateFile)! });
        _hosts.Add(host);
        var q = Command.ShellQuote;
        // What the operator does before install.sh: the certificate and key on the host, the names resolvable,
        // the mail user known (PAM and passwd, as Dovecot's passdb and userdb ask).
        host.Must(string.Join("\n",
            "set -e",
            $"install -D -m 0644 {q(CertificateFile)} {q(LoopbackPlatform.CertificatePath)}",
            $"install -D -m 0600 {q(KeyFile)} {q(LoopbackPlatform.KeyPath)}",
            $"echo {q("127.0.0.1 " + string.Join(" ", LoopbackPlatform.HostNames))} >> /etc/hosts",
            $"useradd -m -s /usr/sbin/nologin {User}",
            $"echo {q(User + ":" + Password)} | chpasswd"), "preparing the host");
        // Then the emitted install.sh itself, nothing stood in for: the real apt-get (the packages are installed), the
        // files in place, each daemon's own check, then each daemon started by its own control (systemd is not PID 1).
        var installed = host.Run($"cd {q(emitted)} && bash ./install.sh", TimeSpan.FromMinutes(3));
        if (!installed.Succeeded)
            throw new InvalidOperationException($"install.sh failed on {name}:\n{installed}\n{Logs(name)}");
        InstallLogs[name] = installed.Output;
    }

    /// <summary>What each host's install.sh printed.</summary>
    public Dictionary<string, string> InstallLogs { get; } = new(StringComparer.Ordinal);

    private void WaitForListeners(SandboxHost host)
    {
        var listeners = HostPlan.Of(Model).Single(h => h.Name == host.Name).Listeners.ToList();
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
            // Something answers; it must be this host's daemon (ss, run in the host's PID namespace, names the owner
            // only for its own processes), not another process that holds the port (another platform started beside).
            var owner = host.Run($"ss -Hltnp 'sport = :{listener.Port}'");
            if (!owner.Output.Contains("users:", StringComparison.Ordinal))
                throw new InvalidOperationException(
                    $"127.0.0.1:{listener.Port} ({host.Name} {listener.Name}) answers, but no daemon of {host.Name} listens there: another process holds the port\n{owner}\n{Logs(host.Name)}");
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
