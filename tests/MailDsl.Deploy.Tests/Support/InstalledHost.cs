using MailDsl.Model;

namespace MailDsl.Deploy.Tests.Support;

/// <summary>
/// A sandbox host of a target (<see cref="SandboxHost"/>: Debian 12 is this machine overlaid, Debian 13 the cached root
/// overlaid), prepared as an operator prepares a server before running install.sh (the certificate and key where the
/// platform says, the platform's names in /etc/hosts) and nothing else: no stand-in for apt or systemctl is on its
/// PATH, and systemd is not PID 1, so install.sh runs the real apt-get and each daemon's own control.
/// </summary>
public sealed class InstalledHost : IDisposable
{
    private static int _count;

    private InstalledHost(SandboxHost host) => Sandbox = host;

    /// <summary>The sandbox.</summary>
    public SandboxHost Sandbox { get; }

    /// <summary>The host's name.</summary>
    public string Name => Sandbox.Name;

    /// <summary>
    /// Starts a sandbox of <paramref name="target"/> for <paramref name="name"/> and puts the certificate and the key
    /// (or, with <paramref name="wrongKey"/>, a key that does not belong to it) at the platform's paths.
    /// </summary>
    public static InstalledHost Prepare(Deployment deployment, string name, Distro target, bool wrongKey = false)
    {
        var root = Path.Combine(deployment.Root, "hosts", name + "-" + Interlocked.Increment(ref _count));
        var sandbox = SandboxHost.Start(name, root, target, deployment.Shared);
        try
        {
            var q = Command.ShellQuote;
            sandbox.Must(string.Join("\n",
                "set -e",
                $"install -D -m 0644 {q(deployment.CertificateFile)} {q(DeployPlatforms.CertificatePath)}",
                $"install -D -m 0600 {q(wrongKey ? deployment.OtherKeyFile : deployment.KeyFile)} {q(DeployPlatforms.KeyPath)}",
                $"echo {q("127.0.0.1 " + string.Join(" ", DeployPlatforms.Names))} >> /etc/hosts"), "preparing the host");
            return new InstalledHost(sandbox);
        }
        catch
        {
            sandbox.Dispose();
            throw;
        }
    }

    /// <summary>Runs <c>bash ./install.sh</c> (with <paramref name="option"/>, if any) from the emitted host folder <paramref name="hostDir"/>.</summary>
    public CommandResult Install(string hostDir, string? option = null)
        => Sandbox.Run($"cd {Command.ShellQuote(hostDir)} && bash ./install.sh{(option is null ? "" : " " + option)}", TimeSpan.FromMinutes(3));

    /// <summary>Runs install.sh and fails, with what it printed and the daemons' logs, unless it succeeded.</summary>
    public CommandResult MustInstall(string hostDir, string? option = null)
    {
        var result = Install(hostDir, option);
        if (!result.Succeeded) throw new InvalidOperationException($"install.sh failed on {Name}:\n{result}\n{Logs()}");
        return result;
    }

    /// <summary>The main process of each daemon that runs, by daemon (from its own pid file, checked alive).</summary>
    public IReadOnlyDictionary<string, int> DaemonPids()
    {
        var found = Sandbox.Run("""
            for entry in postfix:/var/spool/postfix/pid/master.pid dovecot:/run/dovecot/master.pid nginx:/run/nginx.pid sogo:/run/sogo/sogo.pid; do
              pid=$(tr -d ' \n' <"${entry#*:}" 2>/dev/null) && [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null && echo "${entry%%:*} $pid"
            done; true
            """);
        return found.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(l => l.Split(' '))
            .Where(p => p.Length == 2)
            .ToDictionary(p => p[0], p => int.Parse(p[1], System.Globalization.CultureInfo.InvariantCulture));
    }

    /// <summary>The SHA-256 of a file on the host, or null when it does not exist.</summary>
    public string? Sha256(string path)
    {
        var result = Sandbox.Run($"[ -e {Command.ShellQuote(path)} ] && sha256sum < {Command.ShellQuote(path)}");
        return result.Succeeded ? result.Output.Split(' ')[0] : null;
    }

    /// <summary>A file's mode, owner and group on the host, as <c>stat -c '%a %U:%G'</c> prints them.</summary>
    public string Stat(string path) => Sandbox.Run($"stat -c '%a %U:%G' {Command.ShellQuote(path)}").Output.Trim();

    /// <summary>The backup folders install.sh has kept.</summary>
    public IReadOnlyList<string> Backups()
        => Sandbox.Run("ls -1 /var/backups/maildsl 2>/dev/null; true").Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);

    /// <summary>The last lines of the daemons' logs, for failure messages.</summary>
    public string Logs()
        => string.Join("\n", new[] { "/var/log/maildsl-install.log", DeployPlatforms.PostfixLog, DeployPlatforms.DovecotLog, "/var/log/nginx/error.log", "/var/log/sogo/sogo.log" }
            .Select(p => (p, text: Sandbox.Tail(p, 20))).Where(x => x.text is not null).Select(x => $"--- {Name}:{x.p}\n{x.text}"));

    /// <inheritdoc/>
    public void Dispose() => Sandbox.Dispose();
}
