using System.Diagnostics;
using MailDsl.Model;

namespace MailDsl.TestPlatform.Sandbox;

/// <summary>
/// One emitted host in private mount and PID namespaces, made of a target's own system without touching it:
/// <list type="bullet">
/// <item>Debian 12 is this machine: /etc, /var, /home and /run are overlaid with throw-away layers, so the host's files
/// go to their real paths, users are added and daemons keep their queues, sockets and logs in the layers.</item>
/// <item>Debian 13 is the cached root (scripts/debian13-root.sh): the whole root is the read-only lower layer of an
/// overlay whose upper layer is the host's own, with a fresh /proc for the namespace, the machine's /dev, an empty
/// /tmp, and the folders the caller shares (the emitted files, the test certificate) bind-mounted at their own
/// paths. Commands run chrooted in it, so every tool and daemon is trixie's own.</item>
/// </list>
/// Network is shared (every daemon binds 127.0.0.1 on a port the platform was given), unless the host is started on a
/// <see cref="Network.LabNetwork"/>: then it has a network namespace of its own, with loopback and one address on the
/// lab's bridge, and nothing else. The namespace's first process
/// holds it; when it dies the kernel kills every daemon started in it, so disposing (or the test run being killed
/// with unshare) leaves nothing running, and the mounts go with it.
/// </summary>
public sealed class SandboxHost : IDisposable
{
    private static readonly string[] OverlaidDirectories = { "/etc", "/var", "/home", "/run" };

    /// <summary>The PATH every command in a host runs with: a distro's own, whatever the test process had.</summary>
    private const string SystemPath = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

    /// <summary>
    /// What the namespace's first process runs once the host is ready: bash waiting forever. As PID 1 it is the parent of
    /// every daemon that daemonizes, and bash reaps every child that exits, as an init does: a daemon stopped by its init
    /// script (start-stop-daemon, which waits for the process to be gone) would otherwise stay a zombie and "refuse to die".
    /// </summary>
    private const string Init = "while :; do sleep 3600 & wait $! || :; done";

    private readonly Process _unshare;
    private readonly int _init;
    private IReadOnlyList<string> _overlaid = OverlaidDirectories;
    private IReadOnlyList<string> _shared = Array.Empty<string>();

    private SandboxHost(string name, string root, Distro target, Process unshare, int init, string mountNamespace, System.Net.IPAddress? address)
    {
        Name = name;
        Address = address;
        Root = root;
        Target = target;
        _unshare = unshare;
        _init = init;
        MountNamespace = mountNamespace;
    }

    /// <summary>The host's name, as the platform describes it.</summary>
    public string Name { get; }

    /// <summary>The host's own address on its lab network, or null when it shares this machine's network (loopback).</summary>
    public System.Net.IPAddress? Address { get; }

    /// <summary>The folder holding the host's overlay layers.</summary>
    public string Root { get; }

    /// <summary>Whose system the host runs: Debian 12 (this machine) or Debian 13 (the cached root).</summary>
    public Distro Target { get; }

    /// <summary>The namespace's mount namespace (as <c>readlink /proc/PID/ns/mnt</c> prints it), to find its processes.</summary>
    public string MountNamespace { get; }

    /// <summary>The process id, on this machine, of the namespace's first process: killing it ends the host.</summary>
    public int InitProcessId => _init;

    /// <summary>Creates a Debian 12 namespace (this machine, overlaid) for <paramref name="name"/>, with its layers under <paramref name="root"/>.</summary>
    public static SandboxHost Start(string name, string root) => Start(name, root, Distro.Debian12, Array.Empty<string>());

    /// <summary>
    /// Creates the namespace for <paramref name="name"/> on <paramref name="target"/>'s system, with its layers under
    /// <paramref name="root"/>. Each of <paramref name="shared"/> (folders of this machine) is reachable at its own path
    /// inside, writable (on Debian 12 everything outside the overlaid folders already is). With <paramref name="network"/>,
    /// the host has a network namespace of its own on that lab network, at <paramref name="address"/> (a new one by default).
    /// </summary>
    /// <param name="name">The host's name.</param>
    /// <param name="root">Where its layers go.</param>
    /// <param name="target">Whose system it runs.</param>
    /// <param name="shared">Folders of this machine bound at their own paths (Debian 13).</param>
    /// <param name="network">The lab network it joins, if any.</param>
    /// <param name="address">Its address there.</param>
    /// <param name="overlaidOnDebian12">On Debian 12, the folders overlaid with throw-away layers in place of /etc, /var, /home
    /// and /run (which it must include): with every folder a command could write to, <see cref="Written"/> sees every write.</param>
    public static SandboxHost Start(string name, string root, Distro target, IEnumerable<string> shared,
        Network.LabNetwork? network = null, System.Net.IPAddress? address = null, IReadOnlyList<string>? overlaidOnDebian12 = null)
    {
        var overlaid = overlaidOnDebian12 ?? OverlaidDirectories;
        if (!OverlaidDirectories.All(overlaid.Contains)) throw new ArgumentException("the overlaid folders must include " + string.Join(", ", OverlaidDirectories), nameof(overlaidOnDebian12));
        if (network is null && address is not null) throw new ArgumentException("an address needs a lab network", nameof(address));
        if (network is not null) address ??= network.Allocate();
        Directory.CreateDirectory(root);
        var system = TargetSystems.RootOf(target);
        var q = Command.ShellQuote;
        string script;
        if (system is null)
        {
            var mounts = overlaid.Where(Directory.Exists).Select(d =>
            {
                var layer = Path.Combine(root, d.TrimStart('/'));
                return $"mkdir -p {q(layer)}/upper {q(layer)}/work && mount -t overlay overlay -o lowerdir={d},upperdir={q(layer)}/upper,workdir={q(layer)}/work {d}";
            });
            script = "set -e\nmount -t proc proc /proc\n" + string.Join("\n", mounts) + "\necho READY\n" + Init + "\n";
        }
        else
        {
            if (!Directory.Exists(Path.Combine(system, "usr")))
                throw new InvalidOperationException($"there is no {TargetSystems.DisplayName(target)} root at {system}: scripts/debian13-root.sh builds it");
            var merged = Path.Combine(root, "merged");
            var binds = shared.Select(Path.GetFullPath).Distinct().Select(dir =>
                $"mkdir -p {q(merged + dir)} && mount --bind {q(dir)} {q(merged + dir)}");
            // The cached root is the lower layer only: the kernel never writes to it. /tmp is empty and the host's own
            // (shared folders under the machine's /tmp are bound over it afterwards).
            script = string.Join("\n", new[]
            {
                "set -e",
                $"mkdir -p {q(root)}/upper {q(root)}/work {q(merged)}",
                $"mount -t overlay overlay -o lowerdir={q(system)},upperdir={q(root)}/upper,workdir={q(root)}/work {q(merged)}",
                $"mount -t proc proc {q(merged)}/proc",
                $"mount --rbind /dev {q(merged)}/dev",
                $"mount -t tmpfs -o mode=1777 tmpfs {q(merged)}/tmp",
            }.Concat(binds).Concat(new[]
            {
                // READY only once chrooted: a command entering the namespace takes its first process's root, and
                // before the chroot that is the machine's own.
                $"exec chroot {q(merged)} /bin/bash -c {q("echo READY; " + Init)}", "",
            }));
        }
        var start = new ProcessStartInfo(Command.Locate("unshare") ?? throw new InvalidOperationException("unshare is not installed (Debian package util-linux)"))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        // unshare --fork makes bash the new PID namespace's first process; it mounts that namespace's own /proc.
        var namespaces = network is null ? new[] { "--mount", "--pid" } : new[] { "--mount", "--pid", "--net" };
        foreach (var a in namespaces.Concat(new[] { "--fork", "--kill-child", "--propagation", "private", "bash", "-c", script })) start.ArgumentList.Add(a);
        var holder = Process.Start(start)!;
        var ready = holder.StandardOutput.ReadLineAsync();
        if (!ready.Wait(TimeSpan.FromSeconds(20)) || ready.Result != "READY")
        {
            var said = holder.HasExited ? holder.StandardError.ReadToEnd() : "(no answer in 20 s)";
            try { holder.Kill(entireProcessTree: true); } catch (InvalidOperationException) { }
            throw new InvalidOperationException(
                $"could not make a private mount namespace with overlays for {name} on {TargetSystems.DisplayName(target)} (needs root and overlayfs): {said}");
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
        var sandbox = new SandboxHost(name, root, target, holder, init, ns, address)
        {
            _overlaid = overlaid.Where(Directory.Exists).ToList(),
            _shared = shared.Select(Path.GetFullPath).ToList(),
        };
        try
        {
            sandbox.AssertChrooted();
            if (network is not null) network.Attach(init, address!);
        }
        catch
        {
            sandbox.Dispose();
            throw;
        }
        return sandbox;
    }

    /// <summary>
    /// On a target with a root of its own, refuses to go on unless the first process is chrooted into it: a command
    /// run with the machine's root would write to the machine's /etc.
    /// </summary>
    private void AssertChrooted()
    {
        if (TargetSystems.RootOf(Target) is null) return;
        var seen = new FileInfo($"/proc/{_init}/root").LinkTarget;
        if (seen is null or "/")
            throw new InvalidOperationException($"{Name}: the namespace's first process (pid {_init}) is not chrooted into the {TargetSystems.DisplayName(Target)} overlay (its root is '{seen}'); nothing was run");
    }

    /// <summary>
    /// Runs a shell command line inside the host, as root, with a distro's PATH and a clean environment; in a Debian 13
    /// host, chrooted into its root, so every command is trixie's.
    /// </summary>
    public CommandResult Run(string shellCommand, TimeSpan? timeout = null)
    {
        var args = new List<string> { "-t", _init.ToString(System.Globalization.CultureInfo.InvariantCulture), "--mount", "--pid" };
        if (Address is not null) args.Add("--net");
        // --root and --wd with no value take the first process's: the overlay's root, and / in it.
        if (TargetSystems.RootOf(Target) is not null)
        {
            AssertChrooted();
            args.AddRange(new[] { "--root", "--wd" });
        }
        args.AddRange(new[] { "--", "/usr/bin/env", "-i", "PATH=" + SystemPath, "HOME=/root", "LANG=C.UTF-8", "TERM=dumb", "bash", "-c", shellCommand });
        return Command.Run("nsenter", args, timeout: timeout);
    }

    /// <summary>
    /// Every path written in the host since it started, as it sees it (files, folders, symbolic links and removals, each
    /// once; a folder is listed when something in it was), sorted: what its overlay layers hold (on Debian 13 the whole
    /// root's, on Debian 12 the overlaid folders'), and what is in the host's own /tmp on Debian 13. Folders bound in from
    /// this machine are not seen (look there yourself).
    /// </summary>
    public IReadOnlyList<string> Written()
    {
        var found = new SortedSet<string>(StringComparer.Ordinal);
        void Layer(string upper, string at)
        {
            var listed = Command.Run("find", upper, "-mindepth", "1", "-printf", "%P\\0");
            if (!listed.Succeeded) throw new InvalidOperationException($"{Name}: could not list the layer {upper}:\n{listed}");
            foreach (var p in listed.Output.Split('\0', StringSplitOptions.RemoveEmptyEntries)) found.Add(at.TrimEnd('/') + "/" + p);
        }
        if (TargetSystems.RootOf(Target) is null)
            foreach (var d in _overlaid) Layer(Path.Combine(Root, d.TrimStart('/'), "upper"), d);
        else
        {
            Layer(Path.Combine(Root, "upper"), "/");
            // The shared folders are bound over the host's /tmp (-xdev stays out of them); the folders they are bound at are not the host's writes.
            var tmp = Run("find /tmp -xdev -mindepth 1 -printf '%p\\0'");
            if (!tmp.Succeeded) throw new InvalidOperationException($"{Name}: could not list /tmp:\n{tmp}");
            foreach (var p in tmp.Output.Split('\0', StringSplitOptions.RemoveEmptyEntries))
                if (!_shared.Any(d => d == p || d.StartsWith(p + "/", StringComparison.Ordinal))) found.Add(p);
        }
        return found.ToList();
    }

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

    /// <summary>
    /// The processes of this machine still in the host's mount namespace (its daemons, or the namespace's holder): none
    /// once it is disposed.
    /// </summary>
    public IReadOnlyList<int> Processes() => ProcessesIn(MountNamespace);

    /// <summary>The processes of this machine in the mount namespace <paramref name="mountNamespace"/> (as <c>readlink /proc/PID/ns/mnt</c> prints it).</summary>
    public static IReadOnlyList<int> ProcessesIn(string mountNamespace)
    {
        var found = new List<int>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var pid)) continue;
            try
            {
                if (new FileInfo(dir + "/ns/mnt").LinkTarget == mountNamespace) found.Add(pid);
            }
            catch (IOException) { } // exited meanwhile
            catch (UnauthorizedAccessException) { }
        }
        return found;
    }

    /// <summary>
    /// Ends the namespace: killing its first process makes the kernel kill every process in it, and the mounts go when
    /// the last one has exited. Waits for that (10 s at most), then deletes the layers.
    /// </summary>
    public void Dispose()
    {
        // Holds the mount namespace open until every process in it is gone: once it is gone the kernel may give its number
        // to another test's new host, whose processes would look like ours (and be killed below).
        Microsoft.Win32.SafeHandles.SafeFileHandle? hold = null;
        try { hold = File.OpenHandle($"/proc/{_init}/ns/mnt"); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        try { Process.GetProcessById(_init).Kill(); } catch (ArgumentException) { } catch (InvalidOperationException) { } catch (System.ComponentModel.Win32Exception) { }
        try { _unshare.Kill(); } catch (InvalidOperationException) { }
        _unshare.WaitForExit(5000);
        _unshare.Dispose();
        // The kernel ends every process of the PID namespace with its first; a process that joined only the mount
        // namespace (an nsenter caught half-way while the host was going) is not one of them, so whatever is still in the
        // mount namespace is killed here.
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (hold is not null && DateTime.UtcNow < deadline)
        {
            var left = Processes();
            if (left.Count == 0) break;
            foreach (var pid in left)
                try { Process.GetProcessById(pid).Kill(); } catch (ArgumentException) { } catch (InvalidOperationException) { } catch (System.ComponentModel.Win32Exception) { }
            Thread.Sleep(50);
        }
        hold?.Dispose();
        try { Directory.Delete(Root, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
