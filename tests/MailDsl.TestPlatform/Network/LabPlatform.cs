using System.Net;
using System.Net.Sockets;
using MailDsl.Hosting;
using MailDsl.Model;
using MailDsl.TestPlatform.Directories;
using MailDsl.TestPlatform.Sandbox;
using MailDsl.TestPlatform.Tls;
using MailDsl.Topology;

namespace MailDsl.TestPlatform.Network;

/// <summary>What a lab platform runs beside the described hosts, and what it puts on them.</summary>
public sealed record LabPlatformOptions
{
    /// <summary>
    /// Whether the test directory and SOGo's database run (<see cref="DirectoryServers"/>: slapd and PostgreSQL, TLS only) on
    /// a host of their own, named <see cref="TestDirectory.LdapHost"/> and <see cref="TestDirectory.DbHost"/>.
    /// </summary>
    public bool Directory { get; init; }

    /// <summary>Files the operator puts on every host before install.sh (mode 0600): the secrets the description reads, by path.</summary>
    public IReadOnlyDictionary<string, string> Secrets { get; init; } = new Dictionary<string, string>();

    /// <summary>
    /// Shell commands to run on a host after it is prepared and before its install.sh (null for none): what a test needs
    /// there that the operator would not have done, e.g. something already holding a port.
    /// </summary>
    public Func<HostPlan, string?>? BeforeInstall { get; init; }

    /// <summary>Called with the platform as soon as it exists, before any host starts: a test that expects the start to fail can still see what it made.</summary>
    public Action<LabPlatform>? Observe { get; init; }

    /// <summary>Log files worth showing when a host fails, besides install.sh's own.</summary>
    public IReadOnlyList<string> Logs { get; init; } = new[] { "/var/log/postfix.log", "/var/log/dovecot.log", "/var/log/nginx/error.log", "/var/log/sogo/sogo.log" };

    /// <summary>
    /// The test directory running, with the secrets <see cref="LabPlatform.Describe"/>'s directory block reads (the bind
    /// password), and SOGo's database password when <paramref name="sogoDatabase"/>.
    /// </summary>
    public static LabPlatformOptions WithTestDirectory(bool sogoDatabase = false)
    {
        var secrets = new Dictionary<string, string> { [TestDirectory.BindSecretPath] = TestDirectory.BindPassword };
        if (sogoDatabase) secrets[TestDirectory.SogoSecretPath] = TestDirectory.SogoDbPassword;
        return new LabPlatformOptions { Directory = true, Secrets = secrets };
    }
}

/// <summary>
/// A described platform running on a <see cref="LabNetwork"/>, on one target's own daemons: every host of the
/// description in a <see cref="SandboxHost"/> of the target with a network namespace and an address of its own, every
/// daemon listening on the ports the description gives it (the standard ones, unless it says otherwise), the names of the
/// hosts, VIPs and directory in every host's /etc/hosts, the test certificate (for every name and address) and the secrets
/// where the description says, the mail storage shared between the mailstore hosts when the description shares it; then
/// each host's own emitted install.sh installs, checks and starts everything, nothing stood in for. Disposing stops every
/// daemon and removes the network and everything made.
/// </summary>
/// <remarks>
/// A VIP the description gives an address is that address (emitted balancers hold it: <see cref="Start"/> returns once
/// they do and every backend is up behind them, <see cref="WaitUntilBalanced"/>); a VIP without one (no balancer on the
/// lab) resolves, on every host, to its layer's first host.
/// </remarks>
public sealed class LabPlatform : IDisposable
{
    /// <summary>Where every host keeps the certificate chain; the description must name these paths.</summary>
    public const string CertificatePath = "/etc/ssl/maildsl/allservers.crt";

    /// <summary>Where every host keeps the private key.</summary>
    public const string KeyPath = "/etc/ssl/maildsl/allservers.key";

    private readonly List<SandboxHost> _hosts = new();
    private bool _disposed;
    private readonly LabPlatformOptions _options;

    private LabPlatform(Distro target, string root, LabNetwork network, LabAddresses addresses, LabPlatformOptions options)
    {
        Target = target;
        Root = root;
        Network = network;
        Addresses = addresses;
        _options = options;
    }

    /// <summary>Whose daemons run the platform.</summary>
    public Distro Target { get; }

    /// <summary>The temporary folder holding the emit output, the certificate and the hosts' layers.</summary>
    public string Root { get; }

    /// <summary>The lab network every host is on.</summary>
    public LabNetwork Network { get; }

    /// <summary>The address of every name on the lab.</summary>
    public LabAddresses Addresses { get; }

    /// <summary>The platform model, as the DSL built it.</summary>
    public PlatformModel Model { get; private set; } = null!;

    /// <summary>Every host of the description with its layers.</summary>
    public IReadOnlyList<HostPlan> Plans { get; private set; } = Array.Empty<HostPlan>();

    /// <summary>Every TLS port of every described host, at the host's own address.</summary>
    public IReadOnlyList<TlsEndpoint> TlsEndpoints => TlsEndpoint.Of(Model, name => AddressOf(name).ToString());

    /// <summary>Every TLS port of every layer's VIP, at the address the VIP resolves to: what a client outside reaches.</summary>
    public IReadOnlyList<TlsEndpoint> VipEndpoints => TlsEndpoint.OfVips(Model, name => AddressOf(name).ToString());

    /// <summary>The directory and database servers, when <see cref="LabPlatformOptions.Directory"/> asked for them.</summary>
    public DirectoryServers? DirectoryServers { get; private set; }

    /// <summary>The emit output folder.</summary>
    public string OutDir => Path.Combine(Root, "out");

    /// <summary>The test certificate (PEM), as the daemons present it: the platform's CA too.</summary>
    public string CertificateFile => Path.Combine(Root, "pki", "allservers.crt");

    /// <summary>The test key (PEM).</summary>
    public string KeyFile => Path.Combine(Root, "pki", "allservers.key");

    /// <summary>The mail storage the mailstore hosts share, on this machine (bind-mounted at the description's path on each).</summary>
    public string SharedStorageDir => Path.Combine(Root, "shared-storage");

    /// <summary>What each host's install.sh printed.</summary>
    public IReadOnlyDictionary<string, string> InstallLogs => _installLogs;
    private readonly Dictionary<string, string> _installLogs = new(StringComparer.Ordinal);

    /// <summary>Every running host.</summary>
    public IReadOnlyList<SandboxHost> Hosts
    {
        get
        {
            lock (_hosts) return _hosts.ToList();
        }
    }

    /// <summary>The sandbox of <paramref name="name"/>.</summary>
    public SandboxHost Host(string name) => Hosts.Single(h => h.Name == name);

    /// <summary>
    /// What every lab description starts with: the test domain, <paramref name="banner"/>, <paramref name="target"/>, the lab's
    /// certificate (its own CA) at the paths every host has it, and the test directory over LDAPS with its bind secret
    /// (start the platform with <see cref="LabPlatformOptions.WithTestDirectory"/>). Tests add their layers.
    /// </summary>
    public static Platform Describe(Distro target, string banner) => Platform.Create(IntegrationPlatform.Domain)
        .Banner(banner)
        .Target(target)
        .Certificate(CertificatePath, KeyPath)
        .CertificateAuthority(CertificatePath)
        .Directory(d => d.Ldap(LdapSchema.InetOrgPerson)
            .Server(TestDirectory.LdapHost, LdapSecurity.Ldaps, 636)
            .BaseDn("ou=people," + TestDirectory.BaseDn)
            .BindAs(TestDirectory.BindDn, Secret.File(TestDirectory.BindSecretPath)));

    /// <summary>
    /// A certificate check for clients (MailKit, HttpClient) that trusts exactly the lab's certificate, and nothing else: the
    /// certificate every host serves, whatever name or address was dialled.
    /// </summary>
    public bool IsLabCertificate(System.Security.Cryptography.X509Certificates.X509Certificate? certificate)
    {
        _labCertificateHash ??= System.Security.Cryptography.X509Certificates.X509Certificate2.CreateFromPem(File.ReadAllText(CertificateFile)).GetCertHashString();
        return certificate is not null && certificate.GetCertHashString() == _labCertificateHash;
    }

    /// <summary><see cref="IsLabCertificate"/> as MailKit's and SslStream's callback.</summary>
    public bool TrustsLabCertificate(object sender, System.Security.Cryptography.X509Certificates.X509Certificate? certificate,
        System.Security.Cryptography.X509Certificates.X509Chain? chain, System.Net.Security.SslPolicyErrors errors) => IsLabCertificate(certificate);

    private string? _labCertificateHash;

    /// <summary>The address <paramref name="name"/> (a host, a VIP, the directory) resolves to on the lab's hosts.</summary>
    public IPAddress AddressOf(string name)
        => _names.TryGetValue(name, out var address) ? address
            : Addresses.Has(name) ? Addresses[name] : throw new ArgumentException($"'{name}' has no address on the lab", nameof(name));

    /// <summary>The hosts of the described layer that <paramref name="layer"/>'s descriptor finds, in the order described.</summary>
    public IReadOnlyList<string> HostsOf(MailDsl.Layers.LayerDescriptor layer) => layer.Of(Model)?.Hosts.ToList() ?? new List<string>();

    private SortedDictionary<string, IPAddress> _names = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Every name the lab's hosts resolve (/etc/hosts on each), with its address: hosts, VIPs, the directory's names.</summary>
    public IReadOnlyDictionary<string, IPAddress> Names => _names;

    /// <summary>
    /// Describes the platform with <paramref name="describe"/> (which asks <see cref="LabAddresses"/> for the addresses it
    /// names), emits it for <paramref name="target"/> with the real <c>emit</c> verb and starts every host on a new lab
    /// network; throws with the daemons' own words if any of them does not come up. Needs a namespace with no route out
    /// (<see cref="LabNetwork.UnsafeReason"/>).
    /// </summary>
    public static LabPlatform Start(Distro target, Func<LabAddresses, Platform> describe, LabPlatformOptions? options = null)
    {
        TargetSystems.RootOf(target); // throws, naming the targets that run here, for one that does not
        options ??= new LabPlatformOptions();
        var network = LabNetwork.Create();
        LabPlatform? platform = null;
        try
        {
            var addresses = new LabAddresses(network);
            platform = new LabPlatform(target, System.IO.Directory.CreateTempSubdirectory("maildsl-lab-").FullName, network, addresses, options);
            options.Observe?.Invoke(platform);
            platform.Model = describe(addresses).Build();
            platform.Plans = HostPlan.Of(platform.Model);
            platform.Emit(() => describe(addresses));
            var names = platform._names = platform.NameAll();
            TestCertificate.Make(platform.CertificateFile, platform.KeyFile, names.Keys.Prepend(platform.Model.Domain), names.Values.Select(a => a.ToString()));
            System.IO.Directory.CreateDirectory(platform.SharedStorageDir);
            // One line per address, the host's own name first: the name a reverse lookup answers (Postfix's 'connect from
            // NAME[address]'), never a VIP that resolves to it for want of a balancer.
            var hostsFile = string.Join("\n", names.GroupBy(n => n.Value).Select(g => g.Key + " "
                + string.Join(" ", g.Select(n => n.Key).OrderBy(n => platform.Plans.Any(p => string.Equals(p.Name, n, StringComparison.OrdinalIgnoreCase)) ? 0 : 1))));
            if (options.Directory)
                platform.DirectoryServers = DirectoryServers.Start(platform.Root, DirectoryServers.StandardPorts, platform.CertificateFile, platform.KeyFile,
                    hostsFile, network, addresses[TestDirectory.LdapHost]);
            // In the order the layers depend on each other: the mailstores first (the others hand mail to them), the web last;
            // the hosts of one rank at once.
            foreach (var rank in platform.Plans.GroupBy(StartRank).OrderBy(g => g.Key))
                AllOrNothing(rank, plan => platform.StartHost(plan, hostsFile));
            AllOrNothing(platform.Hosts, platform.WaitForListeners);
            platform.WaitUntilBalanced();
            return platform;
        }
        catch
        {
            if (platform is null) network.Dispose();
            else platform.Dispose();
            throw;
        }
    }

    /// <summary>The last lines of every daemon log on each of <paramref name="hosts"/>, for failure messages.</summary>
    public string Logs(IEnumerable<string> hosts) => string.Join("\n", hosts.Select(Logs));

    /// <summary>The last lines of every daemon log on <paramref name="host"/>, for failure messages.</summary>
    public string Logs(string host)
    {
        if (DirectoryServers is not null && host == DirectoryServers.Host.Name)
            return $"--- slapd\n{DirectoryServers.Host.Tail(DirectoryServers.SlapdLog)}\n--- postgresql\n{DirectoryServers.Host.Tail(DirectoryServers.PostgresLog)}";
        var sandbox = Hosts.FirstOrDefault(h => h.Name == host);
        if (sandbox is null) return $"({host} was not started)";
        var logs = _options.Logs.Prepend(MailDsl.Install.InstallScriptRenderer.StartLog)
            .Select(path => (path, text: WithoutHealthChecks(sandbox.Tail(path, 1000))))
            .Where(l => l.text is not null)
            .Select(l => $"--- {host}:{l.path}\n{l.text}");
        return string.Join("\n", logs);
    }

    // The last 40 lines of a log but those of the balancers' health checks (every few seconds on every port, from each
    // balancer): behind balancers every line naming a balancer's address as the client is one, as the PROXY header names
    // every other client.
    private string? WithoutHealthChecks(string? log)
    {
        if (log is null) return null;
        var balancers = Plans.Where(p => p.Layer<BalancerLayer>() is not null).Select(p => AddressOf(p.Name).ToString()).ToList();
        var lines = log.Split('\n').Where(l => !balancers.Any(b => l.Contains("[" + b + "]", StringComparison.Ordinal)
            || l.Contains("rip=" + b + ",", StringComparison.Ordinal) || l.Contains("client: " + b + ",", StringComparison.Ordinal)
            || l.Contains("sogod [", StringComparison.Ordinal) && l.Contains("]: " + b + " ", StringComparison.Ordinal))).ToList();
        return string.Join("\n", lines.Skip(Math.Max(0, lines.Count - 40)));
    }

    /// <summary>The last lines of every daemon log on every host.</summary>
    public string AllLogs() => string.Join("\n", Hosts.Select(h => Logs(h.Name)).Append(DirectoryServers is null ? "" : Logs(DirectoryServers.Host.Name)));

    /// <inheritdoc/>
    public void Dispose()
    {
        // The hosts stay listed (each disposed once), so a caller can see that every one of them is gone.
        lock (_hosts)
        {
            if (_disposed) return;
            _disposed = true;
        }
        foreach (var host in Hosts) host.Dispose();
        DirectoryServers?.Dispose();
        Network.Dispose();
        try { System.IO.Directory.Delete(Root, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    // Every name a host resolves: the hosts, the directory's names, and each VIP (its own address, or its layer's first host's).
    private SortedDictionary<string, IPAddress> NameAll()
    {
        foreach (var plan in Plans) _ = Addresses[plan.Name];
        if (_options.Directory) _ = Addresses[TestDirectory.LdapHost];
        var names = new SortedDictionary<string, IPAddress>(Addresses.All.ToDictionary(n => n.Key, n => n.Value), StringComparer.OrdinalIgnoreCase);
        if (_options.Directory) names[TestDirectory.DbHost] = Addresses[TestDirectory.LdapHost];
        foreach (var layer in Plans.SelectMany(p => p.Layers).Distinct())
            if (layer.Vip is { } vip && !names.ContainsKey(vip) && layer.Hosts.Count > 0) names[vip] = Addresses[layer.Hosts[0]];
        // Any other name a host's certificate must cover (mta-sts.<domain> on the webmail): that host's address, a host that
        // serves it itself before a balancer (which answers on the VIP's address only, already named above).
        foreach (var plan in Plans.OrderBy(p => p.Layer<BalancerLayer>() is null ? 0 : 1))
            foreach (var name in MailDsl.Certificates.HostCertificates.On(Model, plan).SelectMany(c => c.Names))
                if (!names.ContainsKey(name)) names[name] = Addresses[plan.Name];
        return names;
    }

    // Runs each at once; a failure is thrown as the one InvalidOperationException it was (or one naming them all), not an
    // AggregateException, so a caller reads the daemons' own words.
    private static void AllOrNothing<T>(IEnumerable<T> items, Action<T> start)
    {
        try
        {
            Parallel.ForEach(items, start);
        }
        catch (AggregateException all)
        {
            var inner = all.Flatten().InnerExceptions;
            if (inner.Count == 1) System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(inner[0]).Throw();
            throw new InvalidOperationException(string.Join("\n\n", inner.Select(e => e.Message)), all);
        }
    }

    private void Emit(Func<Platform> describe)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var exit = PlatformHost.Run(new[] { "emit", "--out", OutDir }, describe, stdout, stderr);
        if (exit != 0) throw new InvalidOperationException($"emit refused the lab platform (exit {exit}):\n{stdout}{stderr}");
    }

    // The balancers first (the VIPs' addresses are theirs, whatever dials a VIP reaches them), then the mailstores, the
    // relay, the MX, the webmail, and any other layer last.
    private static int StartRank(HostPlan plan) => plan.Layers.Min(l => l switch
    {
        BalancerLayer => -1,
        MailstoreLayer => 0,
        SmtpOutLayer => 1,
        SmtpInLayer => 2,
        WebmailLayer => 3,
        _ => 4,
    });

    private void StartHost(HostPlan plan, string hostsFile)
    {
        var emitted = Path.Combine(OutDir, plan.Name);
        if (!System.IO.Directory.Exists(emitted)) throw new InvalidOperationException($"emit wrote no folder for {plan.Name}");
        var secrets = Path.Combine(Root, "secrets");
        System.IO.Directory.CreateDirectory(secrets);
        var host = SandboxHost.Start(plan.Name, Path.Combine(Root, "hosts", plan.Name), Target,
            new[] { OutDir, Path.GetDirectoryName(CertificateFile)!, secrets, SharedStorageDir }, Network, Addresses[plan.Name]);
        lock (_hosts) _hosts.Add(host);
        var q = Command.ShellQuote;
        var steps = new List<string>
        {
            "set -e",
            $"install -D -m 0644 {q(CertificateFile)} {q(CertificatePath)}",
            $"install -D -m 0600 {q(KeyFile)} {q(KeyPath)}",
            $"cat >> /etc/hosts <<'HOSTS'\n{hostsFile}\nHOSTS",
        };
        foreach (var (path, content) in _options.Secrets)
        {
            // A copy per host: hosts of one layer start at once, and a copy another host rewrites (File.WriteAllText truncates
            // first) was read empty by install -D.
            var copy = Path.Combine(secrets, plan.Name + "." + Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(path)))[..16]);
            File.WriteAllText(copy, content + "\n");
            steps.Add($"install -D -m 0600 {q(copy)} {q(path)}");
        }
        // What the operator does before install.sh on a mailstore sharing its storage: the export mounted.
        if (plan.Layer<MailstoreLayer>()?.Storage is { Kind: StorageKind.Nfs } storage)
            steps.Add($"mkdir -p {q(storage.Root)} && mount --bind {q(SharedStorageDir)} {q(storage.Root)}");
        host.Must(string.Join("\n", steps), "preparing the host");
        if (_options.BeforeInstall?.Invoke(plan) is { } before) host.Must(before, "what the test does before install.sh");
        var installed = host.Run($"cd {q(emitted)} && bash ./install.sh", TimeSpan.FromMinutes(3));
        if (!installed.Succeeded)
            throw new InvalidOperationException($"install.sh failed on {plan.Name}:\n{installed}\n{Logs(plan.Name)}");
        lock (_installLogs) _installLogs[plan.Name] = installed.Output;
    }

    private void WaitForListeners(SandboxHost host)
    {
        var plan = Plans.Single(p => p.Name == host.Name);
        var deadline = DateTime.UtcNow.AddSeconds(30);
        foreach (var listener in plan.Listeners)
        {
            // sogod serves nginx alone, on the host's loopback: asked from inside.
            var inside = listener.Protocol == ServiceProtocol.Sogo;
            while (!(inside ? host.Run($"exec 3<>/dev/tcp/127.0.0.1/{listener.Port}").Succeeded : Accepts(host.Address!, listener.Port)))
            {
                if (DateTime.UtcNow > deadline)
                    throw new InvalidOperationException(
                        $"nothing listens on {(inside ? "127.0.0.1" : host.Address)}:{listener.Port} ({host.Name} {listener.Name}) 30 s after the daemons started:\n{Logs(host.Name)}");
                Thread.Sleep(200);
            }
        }
    }

    /// <summary>
    /// Waits until the emitted balancers serve every VIP as described, or throws with the balancers' own words after
    /// <paramref name="timeout"/> (90 s by default): each VIP held by exactly one running balancer (keepalived starts in
    /// BACKUP and takes a VIP only after three silent advertisement intervals), HAProxy on each running balancer counting
    /// every backend up by its health checks (a backend answers its protocol only some seconds after its daemons start),
    /// and each port of each VIP accepting a connection from here. <paramref name="down"/> names hosts a test stopped:
    /// balancers that must hold no VIP, backends HAProxy must count down. Returns at once without emitted balancers.
    /// </summary>
    public void WaitUntilBalanced(IReadOnlyCollection<string>? down = null, TimeSpan? timeout = null)
    {
        var balancing = PlatformBalancing.Of(Model);
        if (!balancing.Emitted) return;
        down ??= Array.Empty<string>();
        var balancers = Plans.Where(p => p.Layer<BalancerLayer>() is not null).Select(p => p.Name).Where(n => !down.Contains(n)).ToList();
        var stats = StatsCommand(balancing.Balancers!);
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(90));
        string? waitingFor;
        do
        {
            waitingFor = NotYetBalanced(balancing, balancers, stats, down);
            if (waitingFor is null) return;
            Thread.Sleep(500);
        }
        while (DateTime.UtcNow < deadline);
        // The balancers' view, and the logs of the hosts the last problem names.
        var named = Plans.Select(p => p.Name).Where(n => !balancers.Contains(n) && waitingFor.Contains(" " + n + " ", StringComparison.Ordinal));
        throw new InvalidOperationException($"the balancers did not serve every VIP within {(timeout ?? TimeSpan.FromSeconds(90)).TotalSeconds:F0} s: {waitingFor}\n"
            + string.Join("\n", balancers.Select(b => $"--- {b}: ip addr, HAProxy's servers\n" + Host(b).Run("ip -4 -o addr show; " + stats).Output + "\n" + Logs(b)))
            + "\n" + Logs(named));
    }

    // What the balancers do not do yet (null once they serve every VIP).
    private string? NotYetBalanced(PlatformBalancing balancing, IReadOnlyList<string> balancers, string statsCommand, IReadOnlyCollection<string> down)
    {
        var held = balancers.ToDictionary(b => b, b => Host(b).Run("ip -4 -o addr show").Output);
        foreach (var layer in balancing.Fronted)
        {
            var vip = AddressOf(layer.Vip!);
            var holders = held.Where(h => h.Value.Contains($"inet {vip}/", StringComparison.Ordinal)).Select(h => h.Key).ToList();
            if (holders.Count != 1) return $"{layer.Vip} ({vip}) is held by {(holders.Count == 0 ? "no running balancer" : string.Join(" and ", holders))}";
        }
        foreach (var balancer in balancers)
        {
            var stats = Host(balancer).Run(statsCommand);
            var lines = StatsBody(stats.Output).Split('\n').Select(l => l.TrimEnd('\r')).ToList();
            var header = lines.FirstOrDefault(l => l.StartsWith("# pxname,", StringComparison.Ordinal))?.Substring(2).Split(',');
            if (header is null) return $"HAProxy on {balancer} gives no statistics: {stats.Output}";
            int Column(string name) => Array.IndexOf(header, name);
            var (proxy, server, status, check) = (Column("pxname"), Column("svname"), Column("status"), Column("check_status"));
            foreach (var row in lines.Where(l => l.Length > 0 && !l.StartsWith('#')).Select(l => l.Split(',')))
            {
                if (row.Length < header.Length || row[server] is "FRONTEND" or "BACKEND" || row[proxy] == "stats") continue;
                var mustBeUp = !down.Contains(row[server]);
                var up = row[status] == "UP" && row[check].StartsWith('L') && row[check].EndsWith("OK", StringComparison.Ordinal);
                if (mustBeUp ? !up : !row[status].StartsWith("DOWN", StringComparison.Ordinal))
                    return $"HAProxy on {balancer} counts {row[server]} in {row[proxy]} {row[status]} ({row[check]}), not {(mustBeUp ? "up" : "down")}";
            }
        }
        foreach (var port in balancing.Ports)
            if (!Accepts(AddressOf(port.Layer.Vip!), port.Listener.Port)) return $"nothing answers on {port.Layer.Vip}:{port.Listener.Port}";
        return null;
    }

    // The body of HAProxy's HTTP answer, its chunks joined (HAProxy chunks the statistics, a line may span two chunks).
    private static string StatsBody(string response)
    {
        var split = response.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        if (split < 0) return response;
        var head = response[..split];
        var body = response[(split + 4)..];
        if (!head.Contains("transfer-encoding: chunked", StringComparison.OrdinalIgnoreCase)) return body;
        var joined = new System.Text.StringBuilder();
        for (var at = 0; at < body.Length;)
        {
            var end = body.IndexOf("\r\n", at, StringComparison.Ordinal);
            if (end < 0 || !int.TryParse(body[at..end], System.Globalization.NumberStyles.HexNumber, null, out var size) || size == 0) break;
            joined.Append(body, end + 2, Math.Min(size, body.Length - end - 2));
            at = end + 2 + size + 2;
        }
        return joined.ToString();
    }

    // HAProxy's statistics as CSV, asked on the balancer itself (bash alone: no HTTP client needed there).
    private static string StatsCommand(BalancerLayer balancers)
        => $"exec 3<>/dev/tcp/{MailDsl.Daemons.ServedPorts.Dial(balancers.StatsAddress)}/{balancers.StatsPort} && printf 'GET /stats;csv HTTP/1.0\\r\\n\\r\\n' >&3 && timeout 5 cat <&3";

    private static bool Accepts(IPAddress address, int port)
    {
        try
        {
            using var client = new TcpClient();
            client.Connect(address, port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
