using MailDsl.Model;
using Xunit;

namespace MailDsl.Render.Tests.Support;

/// <summary>
/// Runs each daemon's own checker on one emitted host folder (<c>DIR/&lt;host&gt;/etc/...</c>) and returns what it
/// said. <see cref="All(Distro, EmittedPlatform)"/> and <see cref="AssertEveryCheckerPasses"/> run every checker of a
/// target in a sandbox of that target's own system (Debian 12: this machine; Debian 13: the cached root), on the files
/// installed at their real paths; the single-checker methods below them run Debian 12's on this machine.
/// </summary>
public static class DaemonChecks
{
    /// <summary>
    /// Emits <paramref name="describe"/> (given the test certificate's and key's paths), runs every checker of
    /// <paramref name="target"/> on every host's files and fails, with each checker's own words, if any of them
    /// refuses a file or prints a warning. Returns the results for further assertions.
    /// </summary>
    /// <example><code>
    /// [TargetTheory, MemberData(nameof(TargetData.Runnable), MemberType = typeof(TargetData))]
    /// public void The_guide_passes_every_checker(Distro target)
    ///     => DaemonChecks.AssertEveryCheckerPasses(target, (c, k) => TestPlatforms.Guide(target, c, k));
    /// </code></example>
    public static IReadOnlyList<CheckResult> AssertEveryCheckerPasses(Distro target, Func<string, string, Platform> describe)
    {
        using var emitted = EmittedPlatform.Emit(describe);
        var results = All(target, emitted);
        Assert.True(results.Count > 0, $"no checker ran: the platform emitted no daemon configuration\n{emitted.EmitLog}");
        var failed = results.Where(r => !r.Passed).ToList();
        Assert.True(failed.Count == 0,
            $"{failed.Count} of {results.Count} checks by {TargetSystems.DisplayName(target)}'s own tools failed:\n\n" + string.Join("\n\n", failed));
        return results;
    }

    /// <summary>Every checker of <paramref name="target"/> on every host of <paramref name="emitted"/> (its certificate files reachable inside).</summary>
    public static IReadOnlyList<CheckResult> All(Distro target, EmittedPlatform emitted)
        => emitted.Hosts.SelectMany(h => All(target, emitted.HostDir(h), new[] { emitted.Root })).ToList();

    /// <summary>
    /// Every checker of <paramref name="target"/> whose file <paramref name="hostDir"/> has, in one sandbox of that
    /// target with the host's <c>etc/</c> installed (see <see cref="EtcSandbox.Open"/> for <paramref name="shared"/>
    /// and <paramref name="certificate"/>).
    /// </summary>
    public static IReadOnlyList<CheckResult> All(Distro target, string hostDir, IEnumerable<string>? shared = null, TestCertificate? certificate = null)
    {
        var applicable = Checkers.Where(c => Path.Exists(Path.Combine(hostDir, c.File))).ToList();
        if (applicable.Count == 0) return Array.Empty<CheckResult>();
        using var sandbox = EtcSandbox.Open(target, hostDir, shared, certificate);
        var before = HostChanges(hostDir);
        return applicable.Select(c =>
        {
            var result = sandbox.Run(c.Name == "haproxy -c" ? before + c.Command : c.Command);
            return new CheckResult(Path.GetFileName(Path.GetFullPath(hostDir)), target, c.Name, result, c.Verdict(result));
        }).ToList();
    }

    /// <summary>The checkers, each with the emitted file that calls for it and what counts as a refusal or a warning.</summary>
    private static readonly Checker[] Checkers =
    {
        // Dovecot prints every warning and error with its own name first ("doveconf: Warning: Obsolete setting ...").
        new("doveconf -n", "etc/dovecot/dovecot.conf", "doveconf -n", r => Refusal(r, l => l.StartsWith("doveconf: ", StringComparison.Ordinal))),
        // postconf warns on its standard error ("postconf: warning: /etc/postfix/main.cf: unused parameter: ...").
        new("postconf -n", "etc/postfix/main.cf", "postconf -n", r => Refusal(r, l => l.Contains("warning:", StringComparison.Ordinal) || l.Contains("fatal:", StringComparison.Ordinal))),
        new("postconf -M", "etc/postfix/master.cf", "postconf -M", r => Refusal(r, l => l.Contains("warning:", StringComparison.Ordinal) || l.Contains("fatal:", StringComparison.Ordinal))),
        // postfix(1) writes its warnings (and the backwards-compatibility notice) to a terminal only, hence script(1).
        new("postfix check", "etc/postfix/main.cf", "script -qec 'postfix check' /dev/null",
            r => Refusal(r, l => l.Contains("warning", StringComparison.Ordinal) || l.Contains("fatal", StringComparison.Ordinal) || l.Contains("backwards-compatible", StringComparison.Ordinal))),
        // The target's own nginx.conf, which includes conf.d/*.conf. Debian's default site is install.sh's business, not
        // the emitted files' (and it would answer on port 80 beside ours), so it is left out as the platform leaves it out.
        // nginx -t binds every listen address, and a balanced host's PROXY listeners name the host's own address, which only
        // that host has: it runs in a network namespace of its own (nothing is sent) that may bind any address.
        new("nginx -t", "etc/nginx/conf.d",
            "rm -f /etc/nginx/sites-enabled/default && unshare --net sh -c 'echo 1 >/proc/sys/net/ipv4/ip_nonlocal_bind && echo 1 >/proc/sys/net/ipv6/ip_nonlocal_bind && nginx -t'",
            r => Refusal(r, l => l.Contains("[warn]", StringComparison.Ordinal) || l.Contains("[emerg]", StringComparison.Ordinal) || l.Contains("[alert]", StringComparison.Ordinal) || l.Contains("[crit]", StringComparison.Ordinal), "test is successful")),
        new("plparse", "etc/sogo/sogo.conf", "plparse /etc/sogo/sogo.conf", r => Refusal(r, l => !l.Contains("a dictionary", StringComparison.Ordinal), "a dictionary")),
        // HAProxy prints [WARNING] and [ALERT] lines; -dW makes a warning fatal too.
        new("haproxy -c", "etc/haproxy/haproxy.cfg", "haproxy -c -dW -f /etc/haproxy/haproxy.cfg",
            r => Refusal(r, l => l.Contains("[WARNING]", StringComparison.Ordinal) || l.Contains("[ALERT]", StringComparison.Ordinal))),
        // keepalived -t exits non-zero on an unknown keyword, a bad value or a missing script, and says which on its error output.
        new("keepalived -t", "etc/keepalived/keepalived.conf", "keepalived -t -f /etc/keepalived/keepalived.conf", r => Refusal(r, _ => false)),
        // nft -c checks the ruleset against the kernel without loading it.
        new("nft -c", "etc/maildsl/proxy-firewall.nft", "nft -c -f /etc/maildsl/proxy-firewall.nft", r => Refusal(r, l => l.Contains("Error", StringComparison.Ordinal))),
    };

    /// <summary>
    /// What the checker called <paramref name="checker"/> (<c>doveconf -n</c>, <c>nginx -t</c>...) made of
    /// <paramref name="result"/>, judged as <see cref="All(Distro, EmittedPlatform)"/> judges it: null when it accepted the
    /// files without a warning, else its own words. For checks run on files elsewhere than /etc (fuzzing many at once).
    /// </summary>
    public static string? Verdict(string checker, CommandResult result) => Checkers.Single(c => c.Name == checker).Verdict(result);

    /// <summary>
    /// What install.sh makes beside the files that a checker reads: the links to the certificate and key where HAProxy
    /// terminates TLS, read off the host's own install.sh (the certificate it checks: the first of its cert_file and
    /// cert_key, single-quoted), as shell commands to run first.
    /// </summary>
    private static string HostChanges(string hostDir)
    {
        var script = Path.Combine(hostDir, "install.sh");
        if (!File.Exists(script)) return "";
        var text = File.ReadAllText(script);
        if (!text.Contains(MailDsl.Daemons.Haproxy.HaproxyConfigRenderer.TerminatedCertificate, StringComparison.Ordinal)) return "";
        string Value(string name) => text.Split('\n').First(l => l.StartsWith(name + "=(", StringComparison.Ordinal))[(name.Length + 2)..].Split(new[] { ' ', ')' })[0];
        Assert.True(Value("cert_file").Length > 2, "install.sh of " + hostDir + " links HAProxy's certificate but checks none (cert_file is empty)");
        var pem = MailDsl.Daemons.Haproxy.HaproxyConfigRenderer.TerminatedCertificate;
        return $"install -d {Path.GetDirectoryName(pem)} && ln -sfn {Value("cert_file")} {pem} && ln -sfn {Value("cert_key")} {MailDsl.Daemons.Haproxy.HaproxyConfigRenderer.TerminatedKey} && ";
    }

    /// <summary>Null when <paramref name="result"/> exited 0, printed <paramref name="success"/> (if given) and no line <paramref name="bad"/> matches; else the tool's own words.</summary>
    private static string? Refusal(CommandResult result, Func<string, bool> bad, string? success = null)
    {
        var lines = result.Output.Split('\n').Select(l => l.TrimEnd('\r')).Where(l => l.Length > 0).ToList();
        var flagged = lines.Where(bad).ToList();
        if (result.ExitCode == 0 && flagged.Count == 0 && (success is null || result.Output.Contains(success, StringComparison.Ordinal))) return null;
        var said = flagged.Count > 0 ? flagged : lines;
        return $"exit {result.ExitCode}: " + (said.Count == 0 ? "(it printed nothing)" : string.Join("\n", said));
    }

    private sealed record Checker(string Name, string File, string Command, Func<CommandResult, string?> Verdict);

    /// <summary><c>nginx -t</c> on the host's site, included from a minimal http block the way the distros' nginx.conf does.</summary>
    public static CommandResult Nginx(string hostDir, string scratch)
    {
        Directory.CreateDirectory(scratch);
        var conf = Path.Combine(scratch, "nginx.conf");
        File.WriteAllText(conf, $$"""
            pid {{scratch}}/nginx.pid;
            error_log {{scratch}}/error.log;
            events { }
            http {
                include /etc/nginx/mime.types;
                access_log off;
                include {{hostDir}}/etc/nginx/conf.d/*.conf;
            }
            """);
        // In the /etc sandbox, so files the site names at their host paths (the DH parameters) are where it says.
        return EtcSandbox.Run(hostDir, WithSiteAddresses($"'{hostDir}'/etc/nginx/conf.d/*.conf", $"nginx -t -p '{scratch}' -c '{conf}'"));
    }

    /// <summary>
    /// <paramref name="command"/> (nginx -t) in a network namespace of its own whose loopback holds every address the nginx
    /// sites <paramref name="sites"/> (shell words) listen on: nginx -t binds them, and a host's internal address (where its
    /// PROXY ports listen behind balancers) is not this machine's.
    /// </summary>
    public static string WithSiteAddresses(string sites, string command)
        => "bash '" + Path.Combine(AppContext.BaseDirectory, "Support", "with-site-addresses.sh") + "' " + sites + " -- " + command;

    /// <summary><c>doveconf -n</c> on the emitted, self-contained dovecot.conf.</summary>
    public static CommandResult Dovecot(string hostDir) => Command.Run("doveconf", "-n", "-c", Path.Combine(hostDir, "etc/dovecot/dovecot.conf"));

    /// <summary>
    /// <c>postconf -n</c> on the emitted main.cf, installed in the /etc sandbox: the lookup tables it names (the directory's
    /// <c>/etc/postfix/maildsl-recipients.cf</c>) are where it says, as on the host.
    /// </summary>
    public static CommandResult PostfixMain(string hostDir) => Postconf(hostDir, "-n");

    /// <summary><c>postconf -M</c> on the emitted master.cf, installed in the /etc sandbox as <see cref="PostfixMain"/>.</summary>
    public static CommandResult PostfixMaster(string hostDir) => Postconf(hostDir, "-M");

    /// <summary>
    /// <c>postconf</c> with <paramref name="arguments"/> (shell words) on the host's Postfix files installed in the /etc sandbox;
    /// asked once per emitted host folder and arguments (a sandbox takes a second to set up, the files do not change).
    /// </summary>
    public static CommandResult Postconf(string hostDir, string arguments)
        => PostconfRuns.GetOrAdd((Path.GetFullPath(hostDir), arguments), k => EtcSandbox.Run(k.HostDir, "postconf " + k.Arguments));

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<(string HostDir, string Arguments), CommandResult> PostconfRuns = new();

    /// <summary>
    /// <c>postfix -c DIR status</c> on a terminal (script(1)), where postfix(1) says what it says at every start,
    /// such as the backwards-compatibility warning. Status only reads: it starts and changes nothing.
    /// </summary>
    public static CommandResult PostfixStatus(string configDir)
        => Command.Run("script", "-qec", "postfix -c '" + configDir.Replace("'", "'\\''") + "' status", "/dev/null");

    /// <summary>GNUstep's <c>plparse</c> on the emitted sogo.conf.</summary>
    public static CommandResult Sogo(string hostDir) => Command.Run("plparse", Path.Combine(hostDir, "etc/sogo/sogo.conf"));

    /// <summary><c>shellcheck -S warning</c> on the host's install.sh.</summary>
    public static CommandResult InstallScript(string hostDir) => Command.Run("shellcheck", "-S", "warning", Path.Combine(hostDir, "install.sh"));

    /// <summary><c>ansible-playbook --syntax-check</c> on the fleet files.</summary>
    public static CommandResult Fleet(string outDir)
        => Command.Run("ansible-playbook", "--syntax-check", "-i", Path.Combine(outDir, "inventory.ini"), Path.Combine(outDir, "site.yml"));
}

/// <summary>One checker's verdict on one emitted host's files, in a sandbox of one target.</summary>
/// <param name="Host">The host.</param>
/// <param name="Target">Whose checker it was.</param>
/// <param name="Checker">The checker, e.g. <c>doveconf -n</c>.</param>
/// <param name="Result">What it printed and how it exited.</param>
/// <param name="Failure">Null when it accepted the files without a warning; otherwise the lines it refused or warned with, in its own words.</param>
public sealed record CheckResult(string Host, Distro Target, string Checker, CommandResult Result, string? Failure)
{
    /// <summary>Whether the checker accepted the files and warned about nothing.</summary>
    public bool Passed => Failure is null;

    /// <inheritdoc/>
    public override string ToString()
        => $"{Host} on {TargetSystems.DisplayName(Target)}: {Checker}: {(Passed ? "passed" : Failure)}\n{Result}";
}
