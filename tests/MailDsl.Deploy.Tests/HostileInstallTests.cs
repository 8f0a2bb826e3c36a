using System.Text;
using System.Text.RegularExpressions;
using MailDsl.Deploy.Tests.Support;
using MailDsl.Model;
using MailDsl.Secrets;
using MailDsl.TestPlatform.Network;
using MailDsl.TestPlatform.Surface;
using MailDsl.Topology;
using Xunit;
using Xunit.Abstractions;

namespace MailDsl.Deploy.Tests;

/// <summary>
/// Nothing a description can say makes install.sh run a command or write a path it did not name (issue 25). Every value of
/// the hostile corpus that the target's rules accept and bash reads (written into an install.sh or a file a shell sources:
/// paths, host names, the storage owner, secrets' files and environment names, ...), with as many of the other accepted
/// values (settings, banners, DNs, ...) as ride along, is packed into a few whole descriptions (<see cref="HostileDescriptions"/>),
/// emitted with the real emit verb, and every host's install.sh is run whole, one after another, in one sandbox of the
/// target (its own network namespace on a lab bridge, every folder a command could write to overlaid; the real apt-get, the
/// daemons' own checks and controls), after the benign description's hosts. Then, from outside: no file named like the
/// corpus' marker (every payload that would run a command creates one, where it runs or in /tmp) exists anywhere the host
/// wrote, in the emitted folders or in this machine's / and /tmp; and every path the hostile runs wrote is one the benign
/// runs wrote (the daemons' own state) or one an emitted install.sh names in single quotes (its files, backups, storage,
/// the certificate), an ancestor folder of one, or under one it creates.
/// </summary>
public abstract class HostileInstallTests(ITestOutputHelper output)
{
    // Every folder of the machine a command could write to (Debian 12; Debian 13's whole root is one overlay). This
    // machine's /tmp holds the layers themselves and cannot be overlaid: the marker is looked for there, and Debian 13,
    // whose /tmp is the host's own, lists what was written in it.
    private static readonly string[] Overlaid = { "/etc", "/var", "/home", "/run", "/root", "/srv", "/opt", "/usr", "/mnt", "/media", "/boot" };

    // A single-quoted absolute path in install.sh: what it names.
    private static readonly Regex NamedPath = new(@"'(/[^'\n]*)'", RegexOptions.CultureInvariant);

    private const string SecretValue = "Hostile2026Pass";

    // The daemons' own state (sockets, queues, pid files, logs) and the package manager's, which no value names: a daemon
    // started with other listeners makes other sockets there. /run/haproxy is HAProxy's (Debian's tmpfiles.d/haproxy.conf
    // makes it for the admin socket; install.sh makes it where nothing runs tmpfiles), /run/haproxy.pid its init script's.
    private static readonly string[] DaemonState =
    {
        "/run/dovecot/", "/var/lib/dovecot/", "/var/spool/postfix/", "/var/lib/postfix/", "/run/sogo/", "/var/spool/sogo/", "/var/lib/sogo/",
        "/run/nginx", "/var/lib/nginx/", "/var/log/", "/run/memcached", "/run/haproxy", "/var/lib/apt/", "/var/cache/apt/", "/var/cache/debconf/", "/var/lib/dpkg/",
    };

    [DeployFact("ip")]
    public void Install_sh_of_every_accepted_hostile_value_runs_no_command_and_writes_only_what_it_names()
    {
        var target = DeployFactDiscoverer.TargetOf(GetType());
        var packing = HostileDescriptions.For(target);
        var packed = packing.Descriptions;
        Assert.True(packed.Count > 0 && packing.ShellValues > 20, $"only {packing.ShellValues} accepted values reach bash: the corpus or the packing is broken");
        var benign = new[] { DirectoryShape.Ldap, DirectoryShape.Sql }.Select(shape => new DslDescription { Target = target, Directory = shape }.Chain()).ToList();
        var chains = benign.Select(c => HostileDescriptions.Build(c) is { } m ? (Chain: c, Benign: true, Model: m, Hosts: HostsInOrder(m, null)) : throw new InvalidOperationException("the benign description is refused:\n" + c))
            .Concat(packed.Select(p => (p.Chain, Benign: false, p.Model, Hosts: HostsInOrder(p.Model, p.ShellHosts)))).ToList();
        using var deployment = Deployment.Create();
        // One certificate for every name any host serves, and everything emitted before the host starts.
        var names = chains.Select(c => c.Model).SelectMany(m => PlatformTopology.Of(m).Hosts.SelectMany(Install.InstallScriptRenderer.ServedNames))
            .Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        var (certificate, key) = MakeCertificate(deployment.Root, names);
        var runs = new List<Run>();
        foreach (var (chain, isBenign, model, hosts) in chains)
        {
            var outDir = deployment.Emit(() => chain.Run() as Platform ?? throw new InvalidOperationException("the description does not end with a platform:\n" + chain));
            runs.AddRange(hosts.Select(h => new Run(isBenign, model, h, Path.Combine(outDir, h))));
        }

        using var lab = LabNetwork.Create();
        using var host = SandboxHost.Start("hostile-" + target, Path.Combine(deployment.Root, "sandbox"), target, deployment.Shared, lab, overlaidOnDebian12: Overlaid);
        var prepared = new HashSet<string>(StringComparer.Ordinal);
        host.Must($"echo {Command.ShellQuote("127.0.0.1 " + string.Join(" ", names.Where(n => !Addresses.IsIPv6(n))))} >> /etc/hosts", "naming the hosts");
        var report = new StringBuilder();
        var problems = new List<string>();
        HashSet<string>? afterBenign = null;
        var named = new HashSet<string>(StringComparer.Ordinal);
        var outcomes = new List<string>();
        foreach (var run in runs)
        {
            if (!run.Benign && afterBenign is null) afterBenign = host.Written().ToHashSet(StringComparer.Ordinal);
            var env = Prepare(host, run.Model, certificate, key, prepared);
            var script = File.ReadAllText(Path.Combine(run.HostDir, "install.sh"));
            foreach (Match m in NamedPath.Matches(script)) named.Add(m.Groups[1].Value.TrimEnd('/'));
            var watch = System.Diagnostics.Stopwatch.StartNew();
            var result = host.Run($"cd {Command.ShellQuote(run.HostDir)} && {env}bash ./install.sh", TimeSpan.FromMinutes(4));
            var said = result.Succeeded ? "installed" : Reason(result.Output);
            outcomes.Add($"{(run.Benign ? "benign" : "hostile")} {run.Host} ({watch.Elapsed.TotalSeconds:F0} s): {said}");
            if (run.Benign && !result.Succeeded) problems.Add($"the benign description's {run.Host} did not install:\n{result}");
            if (!result.Succeeded && !said.StartsWith("install.sh: ", StringComparison.Ordinal))
                problems.Add($"install.sh of {run.Host} failed without saying why in its own words:\n{result}");
        }

        // Commands: the marker any payload's command would create, wherever it ran.
        // A path the test made itself (a certificate at a path a value names, marker and all) is not a command's doing, nor
        // are the layers' own copies of what the host wrote (listed by Written below).
        var layers = Path.Combine(deployment.Root, "sandbox") + "/";
        bool Ours(string p) => prepared.Contains(p) || prepared.Any(x => x.StartsWith(p + "/", StringComparison.Ordinal)) || p.StartsWith(layers, StringComparison.Ordinal);
        var markers = host.Run($"find / -xdev -name '{HostileCorpus.Marker}*' 2>/dev/null; find /tmp {Command.ShellQuote(deployment.Root)} -name '{HostileCorpus.Marker}*' 2>/dev/null; true").Output
            .Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(p => !Ours(p)).ToList();
        var outside = Command.Run("find", "/tmp", "/", "-maxdepth", "1", "-name", HostileCorpus.Marker + "*").Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var written = host.Written();
        foreach (var p in markers.Concat(outside).Concat(written.Where(p => p.Contains(HostileCorpus.Marker, StringComparison.Ordinal) && !Ours(p))).Distinct())
            problems.Add("a command named by a value ran: " + p);

        // Paths: the hostile runs wrote only what the benign runs wrote, or what an install.sh names (and its folders).
        named.UnionWith(prepared);
        var unnamed = written.Where(p => !afterBenign!.Contains(p) && !Named(p, named) && !DaemonState.Any(d => p.StartsWith(d, StringComparison.Ordinal))).ToList();
        if (unnamed.Count > 0) problems.Add($"install.sh wrote {unnamed.Count} path(s) no install.sh names:\n  " + string.Join("\n  ", unnamed.Take(40)));

        var hostile = runs.Count(r => !r.Benign);
        // A value is run when it is written into a file of a host installed (the hosts are chosen by the values bash reads).
        var carried = packed.Sum(p => p.Cases.Count(c => HostileDescriptions.Reach(p.Files.Where(f => p.ShellHosts.Contains(f.Host)).ToList(), c.Value) > 0));
        report.AppendLine($"{TargetSystems.DisplayName(target)}: {packing.Accepted} hostile values accepted ({packing.Refused} refused), {packing.ShellValues} of them read by bash; {carried} written into the files of the hosts installed from {packed.Count} descriptions, "
            + $"{packing.Accepted - carried} not (read only by daemons; not packed: {packing.LeftOut.Count} (read only by daemons: {string.Join(", ", packing.LeftOut.GroupBy(c => c.Entry.Parameter.Method.Method.Name + "." + c.Entry.Parameter.Info.Name).Select(g => g.Key + " " + g.Count()))}); "
            + $"{hostile} hostile install.sh runs ({outcomes.Count(o => o.StartsWith("hostile", StringComparison.Ordinal) && o.EndsWith(": installed", StringComparison.Ordinal))} to their end) after {runs.Count - hostile} benign ones; {written.Count} paths written, {named.Count} named");
        foreach (var o in outcomes) report.AppendLine("  " + o);
        output.WriteLine(report.ToString());
        Assert.True(problems.Count == 0, report + "\n" + string.Join("\n\n", problems));
    }

    private sealed record Run(bool Benign, PlatformModel Model, string Host, string HostDir);

    // The playbook's order: the mailstore first (the others deliver to it), webmail last.
    // Only the hosts where bash reads a value (all of a benign description's).
    private static IReadOnlyList<string> HostsInOrder(PlatformModel model, IReadOnlyList<string>? only)
        => PlatformTopology.Of(model).Hosts
            .Where(h => only is null || only.Contains(h.Name))
            .OrderBy(h => h.Layer<MailstoreLayer>() is not null ? 0 : h.Layer<WebmailLayer>() is not null ? 2 : 1)
            .Select(h => h.Name).ToList();

    // What the operator does before install.sh: the certificate, key and CA at the description's paths, and each secret in
    // its file or variable. Returns the variables as a command prefix.
    private static string Prepare(SandboxHost host, PlatformModel model, string certificate, string key, HashSet<string> prepared)
    {
        var q = Command.ShellQuote;
        var steps = new List<string> { "set -e" };
        void Put(string from, string path, string mode)
        {
            if (!path.StartsWith('/')) return;
            steps.Add($"install -D -m {mode} -- {q(from)} {q(path)}");
            prepared.Add(path);
        }
        if (model.Certificate is { } c)
        {
            Put(certificate, c.CertificateFile, "0644");
            Put(key, c.KeyFile, "0600");
        }
        if (model.CertificateAuthority is { Length: > 0 } ca) Put(certificate, ca, "0644");
        // A new host: the mail user of an earlier description (another name, the same uid and gid) is not on it.
        if (model.Mailstore is { } store)
        {
            var storage = MailDsl.Directories.PlatformDirectory.StorageOf(store);
            var owner = q(storage.User);
            steps.Add($"for u in $(getent passwd | awk -F: '$3 == {storage.Uid} {{print $1}}'); do [[ $u == {owner} ]] || userdel -- \"$u\"; done");
            steps.Add($"for g in $(getent group | awk -F: '$3 == {storage.Gid} {{print $1}}'); do [[ $g == {owner} ]] || groupdel -- \"$g\"; done");
        }
        // The interface keepalived holds the VIPs on, as the operator's balancer host has it (here a veth whose peer stays
        // unused): keepalived -t refuses a configuration naming an interface the host lacks ("Non-existent interface").
        if (model.Balancers is { Kind: BalancerKind.Emitted, Interface: { Length: > 0 } nic })
            steps.Add($"ip link show dev {q(nic)} >/dev/null 2>&1 || ip link add {q(nic)} type veth peer name maildsl-nic{Interlocked.Increment(ref _interfaces)}");
        var env = new StringBuilder();
        foreach (var secret in PlatformSecrets.Of(model))
        {
            if (secret.Source.Source == SecretSource.Environment) env.Append(secret.Source.Name).Append('=').Append(q(SecretValue)).Append(' ');
            else if (secret.Source.Name.StartsWith('/'))
            {
                steps.Add($"install -D -m 0600 /dev/null {q(secret.Source.Name)} && printf '%s\\n' {q(SecretValue)} > {q(secret.Source.Name)}");
                prepared.Add(secret.Source.Name);
            }
        }
        host.Must(string.Join("\n", steps), "putting the certificate and secrets in place");
        return env.Length == 0 ? "" : "env " + env;
    }

    private static int _interfaces;

    // Whether the path is named by an install.sh, is a folder holding one, or is under a named folder it makes (never
    // under a top folder such as /etc, which a dry run's overlay list names).
    private static bool Named(string path, HashSet<string> named)
    {
        if (named.Contains(path) || named.Contains(StripSuffix(path))) return true;
        return named.Any(n => n.StartsWith(path + "/", StringComparison.Ordinal)
            || (n.Count(ch => ch == '/') >= 2 && path.StartsWith(n + "/", StringComparison.Ordinal)));
    }

    // A file install.sh writes beside its target before renaming it over it.
    private static string StripSuffix(string path)
    {
        foreach (var suffix in new[] { ".maildsl-new", ".maildsl-secret", ".maildsl-restore" })
            if (path.EndsWith(suffix, StringComparison.Ordinal)) return path.Substring(0, path.Length - suffix.Length);
        return path;
    }

    // install.sh's own last words on standard error (or the daemon's, after them).
    private static string Reason(string said)
    {
        var lines = said.Split('\n');
        var own = lines.LastOrDefault(l => l.StartsWith("install.sh: ", StringComparison.Ordinal)
            && !l.Contains("putting back", StringComparison.Ordinal) && !l.Contains("put back", StringComparison.Ordinal)
            && !l.Contains("read its previous", StringComparison.Ordinal) && !l.Contains("stopped ", StringComparison.Ordinal));
        return own ?? lines.LastOrDefault(l => l.Trim().Length > 0) ?? "(nothing)";
    }

    private static (string Certificate, string Key) MakeCertificate(string root, IReadOnlyList<string> names)
    {
        var certificate = Path.Combine(root, "pki", "hostile.crt");
        var key = Path.Combine(root, "pki", "hostile.key");
        var san = string.Join(",", names.Select(n => (Addresses.IsIPv6(n) || System.Net.IPAddress.TryParse(n, out _) ? "IP:" : "DNS:") + n));
        var made = Command.Run("openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
            "-keyout", key, "-out", certificate, "-subj", "/CN=example.org", "-days", "2", "-addext", "subjectAltName=" + san);
        if (!made.Succeeded) throw new InvalidOperationException("openssl could not make the certificate:\n" + made);
        return (certificate, key);
    }
}

/// <summary><see cref="HostileInstallTests"/> on Debian 12.</summary>
[OnTarget(Distro.Debian12)]
public sealed class HostileInstallTestsOnDebian12(ITestOutputHelper output) : HostileInstallTests(output);

/// <summary><see cref="HostileInstallTests"/> on Debian 13.</summary>
[OnTarget(Distro.Debian13)]
public sealed class HostileInstallTestsOnDebian13(ITestOutputHelper output) : HostileInstallTests(output);
