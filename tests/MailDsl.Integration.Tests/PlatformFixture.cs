using System.Net;
using System.Security.Cryptography.X509Certificates;
using MailDsl.Layers;
using MailDsl.Model;
using MailDsl.TestPlatform;
using MailDsl.TestPlatform.Network;
using MailDsl.TestPlatform.Sandbox;
using MailDsl.TestPlatform.Tls;
using Xunit;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace MailDsl.Integration.Tests;

/// <summary>
/// The integration platform (<see cref="IntegrationPlatform"/>: two hosts per layer, each with an address of its own on a
/// lab network) on one target's daemons, started once for every test in that target's collection and stopped after them:
/// <see cref="Debian12Platform"/> (this machine) and <see cref="Debian13Platform"/> (the cached root). Tests reach the
/// platform as its users do, through the layers' VIPs, and a host directly where the test is about that host. Each test
/// class is abstract and has one concrete class per target, so every test runs, and is named, once per target
/// (<c>MailboxTestsOnDebian13.Imaps_logs_in_and_opens_the_inbox</c>).
/// </summary>
public abstract class PlatformFixture : IDisposable
{
    private readonly Lazy<LabPlatform> _platform;
    private readonly Lazy<IReadOnlyList<TestsslReport>> _testssl;

    /// <summary>Starts nothing yet: the platform starts on first use, and testssl.sh runs once, for every VIP port, on first use.</summary>
    protected PlatformFixture(Distro target)
    {
        Target = target;
        _platform = new(() => IntegrationPlatform.Start(target));
        _testssl = new(() => Testssl.ScanAll(Platform.VipEndpoints, Platform.CertificateFile, Path.Combine(Platform.Root, "testssl")));
    }

    /// <summary>Whose daemons run the platform.</summary>
    public Distro Target { get; }

    /// <summary>What testssl.sh said of every TLS port of every VIP.</summary>
    public IReadOnlyList<TestsslReport> TestsslReports => _testssl.Value;

    /// <summary>The running platform (started on first use, so skipped tests start nothing).</summary>
    public LabPlatform Platform => _platform.Value;

    /// <summary>The address of a layer's VIP, as a client outside the platform reaches it.</summary>
    public IPAddress Vip(LayerDescriptor layer) => Platform.AddressOf(layer.Of(Platform.Model)!.Vip!);

    /// <summary>The address of one host of the platform.</summary>
    public IPAddress AddressOf(string host) => Platform.AddressOf(host);

    /// <summary>The port the model gives <paramref name="layer"/>'s listener <paramref name="listener"/>.</summary>
    public int Port(LayerDescriptor layer, string listener) => layer.Of(Platform.Model)!.Listeners.Single(l => l.Name == listener).Port;

    /// <summary>The last lines of every daemon log on every host of <paramref name="layers"/>, for failure messages.</summary>
    public string Logs(params LayerDescriptor[] layers) => Platform.Logs(layers.SelectMany(Platform.HostsOf));

    /// <summary>The certificate every daemon must present.</summary>
    public X509Certificate2 Certificate => _certificate ??= X509Certificate2.CreateFromPem(File.ReadAllText(Platform.CertificateFile));
    private X509Certificate2? _certificate;

    /// <summary>Whether <paramref name="presented"/> is the platform's certificate (the only one a test trusts).</summary>
    public bool IsPlatformCertificate(X509Certificate? presented) => Platform.IsLabCertificate(presented);

    /// <summary>A MailKit client (ImapClient, Pop3Client, SmtpClient) that trusts exactly the platform's certificate.</summary>
    public T Client<T>() where T : MailKit.MailService, new()
        => new() { ServerCertificateValidationCallback = (_, certificate, _, _) => IsPlatformCertificate(certificate) };

    /// <summary>
    /// Reads <paramref name="user"/>'s <paramref name="folder"/> over IMAPS through the mailstore's VIP until a message with
    /// <paramref name="subject"/> is there (60 s at most), and returns it; fails with the logs of the <paramref name="hops"/>' hosts.
    /// </summary>
    public Task<MimeKit.MimeMessage> DeliveredAsync(MailDsl.TestPlatform.Directories.TestUser user, string subject, string folder, params LayerDescriptor[] hops)
        => DeliveredAsync(Vip(LayerDescriptors.Mailstore), user, subject, folder, hops);

    /// <summary>
    /// Reads <paramref name="user"/>'s <paramref name="folder"/> over IMAPS at <paramref name="imaps"/> (a VIP's address or
    /// one mailstore host's) until a message with <paramref name="subject"/> is there (60 s at most), and returns it; fails
    /// with the logs of the <paramref name="hops"/>' hosts.
    /// </summary>
    public async Task<MimeKit.MimeMessage> DeliveredAsync(IPAddress imaps, MailDsl.TestPlatform.Directories.TestUser user, string subject, string folder, params LayerDescriptor[] hops)
    {
        var port = Port(LayerDescriptors.Mailstore, "imaps");
        using var imap = Client<MailKit.Net.Imap.ImapClient>();
        await imap.ConnectAsync(imaps.ToString(), port, MailKit.Security.SecureSocketOptions.SslOnConnect);
        try
        {
            await imap.AuthenticateAsync(user.Uid, user.Password);
        }
        catch (MailKit.Security.AuthenticationException ex)
        {
            Assert.Fail($"{user.Uid} could not log in on {imaps}:{port}: {ex.Message}\n{Logs(hops)}");
        }
        for (var deadline = DateTime.UtcNow.AddSeconds(60); DateTime.UtcNow < deadline; await Task.Delay(500))
        {
            var box = folder == "INBOX" ? imap.Inbox : (await imap.GetFoldersAsync(imap.PersonalNamespaces[0])).FirstOrDefault(f => f.FullName == folder);
            if (box is null) continue;
            await box.OpenAsync(MailKit.FolderAccess.ReadOnly);
            var found = await box.SearchAsync(MailKit.Search.SearchQuery.SubjectContains(subject));
            if (found.Count > 0) return await box.GetMessageAsync(found[0]);
            await box.CloseAsync();
        }
        Assert.Fail($"'{subject}' did not reach {user.Address}'s {folder} in 60 s:\n{Logs(hops)}");
        throw new InvalidOperationException("unreachable");
    }

    /// <summary>Logs the platform's user in on <paramref name="client"/>, or fails with the daemon logs of <paramref name="layer"/>'s hosts.</summary>
    public void LogIn(MailKit.MailService client, LayerDescriptor layer)
    {
        try
        {
            client.Authenticate(User, Password);
        }
        catch (Exception ex) when (ex is MailKit.Security.AuthenticationException or MailKit.CommandException or MailKit.ProtocolException)
        {
            Assert.Fail($"login on the {layer.DisplayName} layer failed: {ex.Message}\n{Logs(layer)}");
        }
    }

    /// <summary>
    /// Waits until each of <paramref name="stores"/> (every mailstore host when none is named) says on the shared storage
    /// that it serves its users (issue 22's watcher: a host that starts, or whose Dovecot reloads, answers "try again"
    /// until the others let go) and the balancers count every host up again (a host whose daemons restarted is out of
    /// HAProxy's rotation until two health checks pass); fails with the mailstores' logs after 40 s.
    /// </summary>
    public void WaitUntilServing(params string[] stores)
    {
        if (stores.Length == 0) stores = Platform.HostsOf(LayerDescriptors.Mailstore).ToArray();
        foreach (var store in stores)
            for (var deadline = DateTime.UtcNow.AddSeconds(40); ; Thread.Sleep(200))
            {
                var line = Platform.Host(store).Run($"cat {IntegrationPlatform.SharedStorage}/.maildsl-backends/{store}").Output.Trim().Split(' ');
                if (line.Length > 1 && long.TryParse(line[0], out var epoch) && DateTimeOffset.UtcNow.ToUnixTimeSeconds() - epoch <= 10 && line[1] == "serving") break;
                if (DateTime.UtcNow > deadline) Assert.Fail($"waited 40 s for {store} to serve its users:\n{Logs(LayerDescriptors.Mailstore)}");
            }
        Platform.WaitUntilBalanced();
    }

    /// <summary>
    /// Sends a message to <paramref name="to"/> with <paramref name="subject"/> through <paramref name="address"/>:<paramref name="port"/>
    /// over STARTTLS, logged in as the platform's user when <paramref name="login"/> (submission), and returns once the
    /// server took it, with the message's Message-ID (which Postfix logs: <see cref="MailTrace"/>).
    /// </summary>
    public async Task<string> SendAsync(IPAddress address, int port, string to, string subject, bool login = false)
    {
        var message = new MimeKit.MimeMessage();
        message.From.Add(MimeKit.MailboxAddress.Parse(login ? Address : "sender@example.org"));
        message.To.Add(MimeKit.MailboxAddress.Parse(to));
        message.Subject = subject;
        message.Body = new MimeKit.TextPart("plain") { Text = "Sent by the integration tests." };
        using var smtp = Client<MailKit.Net.Smtp.SmtpClient>();
        await smtp.ConnectAsync(address.ToString(), port, MailKit.Security.SecureSocketOptions.StartTls);
        if (login) await smtp.AuthenticateAsync(User, Password);
        await smtp.SendAsync(message);
        await smtp.DisconnectAsync(true);
        return message.MessageId ?? "";
    }

    /// <summary>
    /// Where the messages with <paramref name="messageIds"/> went on every host that runs Postfix: each log line of the
    /// queue ids Postfix gave them, and what each queue holds; for failure messages.
    /// </summary>
    public string MailTrace(IEnumerable<string> messageIds)
    {
        var q = Command.ShellQuote;
        var ids = string.Join(" ", messageIds.Select(id => q("message-id=<" + id + ">")));
        var script = $"for m in {ids}; do for i in $(grep -F -- \"$m\" {IntegrationPlatform.PostfixLog} | sed -E 's/.*: ([0-9A-Za-z]+): message-id=.*/\\1/'); do grep -F -- \"$i:\" {IntegrationPlatform.PostfixLog}; done; done; postqueue -p";
        return string.Join("\n", new LayerDescriptor[] { LayerDescriptors.SmtpOut, LayerDescriptors.SmtpIn, LayerDescriptors.Mailstore }.SelectMany(Platform.HostsOf)
            .Select(h => $"--- {h}\n{Platform.Host(h).Run(script).Output}"));
    }

    /// <summary>The mail user the older tests log in as: alice, in the directory.</summary>
    public static string User => MailDsl.TestPlatform.Directories.TestDirectory.Alice.Uid;

    /// <summary>Her password.</summary>
    public static string Password => MailDsl.TestPlatform.Directories.TestDirectory.Alice.Password;

    /// <summary>Her address.</summary>
    public static string Address => MailDsl.TestPlatform.Directories.TestDirectory.Alice.Address;

    /// <summary>The running endpoint for a key from <see cref="Endpoints.Keys"/>: one host's port, or a VIP's.</summary>
    public TlsEndpoint Endpoint(string key) => Platform.TlsEndpoints.Concat(Platform.VipEndpoints).Single(e => Endpoints.Key(e) == key);

    /// <inheritdoc/>
    public void Dispose()
    {
        _certificate?.Dispose();
        if (_platform.IsValueCreated) _platform.Value.Dispose();
    }
}

/// <summary>The integration platform on Debian 12's daemons (this machine).</summary>
public sealed class Debian12Platform() : PlatformFixture(Distro.Debian12);

/// <summary>The integration platform on Debian 13's daemons (the root scripts/debian13-root.sh builds).</summary>
public sealed class Debian13Platform() : PlatformFixture(Distro.Debian13);

/// <summary>The tests that share the Debian 12 platform. Collections run side by side, so both targets' platforms run at once.</summary>
[CollectionDefinition(Name)]
public sealed class Debian12Collection : ICollectionFixture<Debian12Platform>
{
    /// <summary>The collection's name.</summary>
    public const string Name = "running platform on Debian 12";
}

/// <summary>The tests that share the Debian 13 platform.</summary>
[CollectionDefinition(Name)]
public sealed class Debian13Collection : ICollectionFixture<Debian13Platform>
{
    /// <summary>The collection's name.</summary>
    public const string Name = "running platform on Debian 13";
}

/// <summary>
/// The platform's TLS endpoints as theory data: <c>host/listener</c> keys for each host's own ports (<c>store2/imaps</c>),
/// <c>vip/listener</c> for the VIPs' (<c>store/imaps</c>), the same whatever addresses the lab gives.
/// </summary>
public static class Endpoints
{
    /// <summary>A stable key for an endpoint: its host's (or VIP's) first label and its listener.</summary>
    public static string Key(TlsEndpoint e) => e.Host.Split('.')[0] + "/" + e.Listener;

    /// <summary>The VIPs' TLS endpoints testssl.sh can scan (<see cref="TlsEndpoint.TestsslCanScan"/>): each VIP port once.</summary>
    public static TheoryData<string> Scannable() => Data(TlsEndpoint.OfVips(Model, Planned).Where(e => e.TestsslCanScan));

    /// <summary>Every TLS endpoint of every host of the platform, as the model lists them.</summary>
    public static TheoryData<string> All() => Where(_ => true);

    /// <summary>The TLS endpoints of the platform's hosts that <paramref name="include"/> keeps.</summary>
    public static TheoryData<string> Where(Func<TlsEndpoint, bool> include) => Data(TlsEndpoint.Of(Model, Planned).Where(include));

    // The listeners are the description's, the same on every target and lab.
    private static readonly PlatformModel Model = IntegrationPlatform.PlannedModel();

    private static string Planned(string name) => "198.18.0.1";

    private static TheoryData<string> Data(IEnumerable<TlsEndpoint> endpoints)
    {
        var data = new TheoryData<string>();
        foreach (var e in endpoints) data.Add(Key(e));
        return data;
    }
}

/// <summary>
/// A fact that needs the running platform of its class's target. Where a daemon of that target, the target's root or
/// root here is missing it is skipped with the reason, unless MAILDSL_REQUIRE_DAEMONS=1 (CI, scripts/test.sh), where
/// it runs and fails: CI must skip nothing.
/// </summary>
[XunitTestCaseDiscoverer("MailDsl.Integration.Tests.PlatformFactDiscoverer", "MailDsl.Integration.Tests")]
public sealed class PlatformFactAttribute : FactAttribute;

/// <summary>A theory that needs the running platform of its class's target; see <see cref="PlatformFactAttribute"/>.</summary>
[XunitTestCaseDiscoverer("MailDsl.Integration.Tests.PlatformTheoryDiscoverer", "MailDsl.Integration.Tests")]
public sealed class PlatformTheoryAttribute : TheoryAttribute;

/// <summary>Discovers a <see cref="PlatformFactAttribute"/> test: skipped, with the reason, where its target cannot run.</summary>
public sealed class PlatformFactDiscoverer(IMessageSink diagnosticMessageSink) : FactDiscoverer(diagnosticMessageSink)
{
    /// <inheritdoc/>
    public override IEnumerable<IXunitTestCase> Discover(ITestFrameworkDiscoveryOptions discoveryOptions, ITestMethod testMethod, IAttributeInfo factAttribute)
        => PlatformSkip.Reason(testMethod) is { } reason
            ? new[] { PlatformSkip.Skipped(DiagnosticMessageSink, discoveryOptions, testMethod, reason) }
            : base.Discover(discoveryOptions, testMethod, factAttribute);
}

/// <summary>Discovers a <see cref="PlatformTheoryAttribute"/> theory: skipped as a whole, with the reason, where its target cannot run.</summary>
public sealed class PlatformTheoryDiscoverer(IMessageSink diagnosticMessageSink) : TheoryDiscoverer(diagnosticMessageSink)
{
    /// <inheritdoc/>
    public override IEnumerable<IXunitTestCase> Discover(ITestFrameworkDiscoveryOptions discoveryOptions, ITestMethod testMethod, IAttributeInfo theoryAttribute)
        => PlatformSkip.Reason(testMethod) is { } reason
            ? new[] { PlatformSkip.Skipped(DiagnosticMessageSink, discoveryOptions, testMethod, reason) }
            : base.Discover(discoveryOptions, testMethod, theoryAttribute);
}

internal static class PlatformSkip
{
    // The target's daemons, and this machine's tools that make sandboxes and probe them.
    private static readonly string[] Daemons = { "nginx", "dovecot", "postfix", "sogod", "openssl" };
    private static readonly string[] Probes = { "openssl", "unshare", "nsenter", "ip", "testssl", "sslscan" };

    /// <summary>The target whose platform a test class runs against: the fixture its constructor takes.</summary>
    public static Distro TargetOf(Type testClass)
        => testClass.GetConstructors().SelectMany(c => c.GetParameters()).Any(p => p.ParameterType == typeof(Debian13Platform))
            ? Distro.Debian13 : Distro.Debian12;

    public static string? Reason(ITestMethod testMethod)
    {
        var target = TargetOf(testMethod.TestClass.Class.ToRuntimeType());
        // The platform's hosts are on a lab network, made only where no packet can leave the machine (as LabFactAttribute).
        return TargetSystems.SkipReason(target, Daemons, needsRoot: true) ?? Command.SkipReason(Probes, needsRoot: true)
            ?? (Environment.GetEnvironmentVariable("MAILDSL_REQUIRE_DAEMONS") == "1" ? null : LabNetwork.UnsafeReason());
    }

    public static IXunitTestCase Skipped(IMessageSink sink, ITestFrameworkDiscoveryOptions options, ITestMethod testMethod, string reason)
        => new XunitSkippedDataRowTestCase(sink, options.MethodDisplayOrDefault(), options.MethodDisplayOptionsOrDefault(), testMethod, reason);
}
