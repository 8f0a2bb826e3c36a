using System.Diagnostics;

namespace MailDsl.TestPlatform.Sandbox;

/// <summary>
/// One emitted host, made of this machine in private mount and PID namespaces: /etc, /var, /home and /run are
/// overlaid with throw-away layers, so the host's files go to their real paths, users are added and daemons keep
/// their queues, sockets and logs without touching the machine. Network is shared: every daemon binds 127.0.0.1 on
/// a port the platform was given. The namespace's first process holds it; when it dies the kernel kills every
/// daemon started in it, so disposing (or the test run being killed with unshare) leaves nothing running.
/// </summary>
public sealed class SandboxHost : IDisposable
{
    private static readonly string[] OverlaidDirectories = { "/etc", "/var", "/home", "/run" };
    private readonly Process _unshare;
    private readonly int _init;

    private SandboxHost(string name, string root, Process unshare, int init)
    {
        Name = name;
        Root = root;
        _unshare = unshare;
        _init = init;
    }

    /// <summary>The host's name, as the platform describes it.</summary>
    public string Name { get; }

    /// <summary>The folder holding the host's overlay layers.</summary>
    public string Root { get; }

    /// <summary>Creates the namespace for <paramref name="name"/>, with its layers under <paramref name="root"/>.</summary>
    public static SandboxHost Start(string name, string root)
    {
        Directory.CreateDirectory(root);
        var mounts = OverlaidDirectories.Select(d =>
        {
            var layer = Path.Combine(root, d.TrimStart('/'));
            return $"mkdir -p {layer}/upper {layer}/work && mount -t overlay overlay -o lowerdir={d},upperdir={layer}/upper,workdir={layer}/work {d}";
        });
        var script = "set -e\n" + string.Join("\n", mounts) + "\necho READY\nexec sleep infinity\n";
        var start = new ProcessStartInfo(Command.Locate("unshare") ?? throw new InvalidOperationException("unshare is not installed (Debian package util-linux)"))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in new[] { "--mount", "--pid", "--fork", "--kill-child", "--mount-proc", "--propagation", "private", "bash", "-c", script }) start.ArgumentList.Add(a);
        var holder = Process.Start(start)!;
        var ready = holder.StandardOutput.ReadLineAsync();
        if (!ready.Wait(TimeSpan.FromSeconds(20)) || ready.Result != "READY")
        {
            var said = holder.HasExited ? holder.StandardError.ReadToEnd() : "(no answer in 20 s)";
            try { holder.Kill(); } catch (InvalidOperationException) { }
            throw new InvalidOperationException(
                $"could not make a private mount namespace with overlays for {name} (needs root and overlayfs): {said}");
        }
        // The namespace's PID 1 is unshare's only child; nsenter joins it, and killing it ends the namespace.
        var children = File.ReadAllText($"/proc/{holder.Id}/task/{holder.Id}/children").Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var init = children.Length == 1 ? int.Parse(children[0], System.Globalization.CultureInfo.InvariantCulture) : 0;
        var ns = init > 0 ? new FileInfo($"/proc/{init}/ns/mnt").LinkTarget ?? "" : "";
        if (ns.Length == 0 || ns == new FileInfo("/proc/self/ns/mnt").LinkTarget)
        {
            try { holder.Kill(entireProcessTree: true); } catch (InvalidOperationException) { }
            throw new InvalidOperationException($"unshare did not give {name} namespaces of their own (children: {string.Join(",", children)}, mnt: {ns})");
        }
        return new SandboxHost(name, root, holder, init);
    }

    /// <summary>Runs a shell command line inside the host.</summary>
    public CommandResult Run(string shellCommand, TimeSpan? timeout = null)
        => Command.Run("nsenter", new[] { "-t", _init.ToString(System.Globalization.CultureInfo.InvariantCulture), "--mount", "--pid", "--", "bash", "-c", shellCommand }, timeout: timeout);

    /// <summary>Runs a shell command line inside the host and throws, with what it printed, if it fails.</summary>
    public CommandResult Must(string shellCommand, string what)
    {
        var result = Run(shellCommand);
        if (!result.Succeeded) throw new InvalidOperationException($"{Name}: {what} failed:\n{result}");
        return result;
    }

    /// <summary>The last <paramref name="lines"/> lines of a file on the host, or null when it does not exist.</summary>
    public string? Tail(string path, int lines = 40)
    {
        var result = Run($"[ -f {Command.ShellQuote(path)} ] && tail -n {lines} {Command.ShellQuote(path)}");
        return result.Succeeded ? result.Output : null;
    }

    /// <summary>Ends the namespace (the kernel kills every process in it), then deletes the layers.</summary>
    public void Dispose()
    {
        try { Process.GetProcessById(_init).Kill(); } catch (ArgumentException) { } catch (InvalidOperationException) { } catch (System.ComponentModel.Win32Exception) { }
        try { _unshare.Kill(); } catch (InvalidOperationException) { }
        _unshare.WaitForExit(5000);
        _unshare.Dispose();
        try { Directory.Delete(Root, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
