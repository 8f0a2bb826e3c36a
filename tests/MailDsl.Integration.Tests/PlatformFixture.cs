using System.Security.Cryptography.X509Certificates;
using MailDsl.Model;
using MailDsl.TestPlatform;
using MailDsl.TestPlatform.Sandbox;
using MailDsl.TestPlatform.Tls;
using Xunit;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace MailDsl.Integration.Tests;

/// <summary>
/// The loopback platform on one target's daemons, started once for every test in that target's collection and
/// stopped after them: <see cref="Debian12Platform"/> (this machine) and <see cref="Debian13Platform"/> (the cached
/// root). Each test class is abstract and has one concrete class per target, so every test runs, and is named, once
/// per target (<c>MailboxTestsOnDebian13.Imaps_logs_in_and_opens_the_inbox</c>).
/// </summary>
public abstract class PlatformFixture : IDisposable
{
    private readonly Lazy<RunningPlatform> _platform;
    private readonly Lazy<IReadOnlyList<TestsslReport>> _testssl;

    /// <summary>Starts nothing yet: the platform starts on first use, and testssl.sh runs once, for every port, on first use.</summary>
    protected PlatformFixture(Distro target)
    {
        Target = target;
        _platform = new(() => RunningPlatform.Start(target));
        _testssl = new(() => Testssl.ScanAll(Platform.TlsEndpoints, Platform.CertificateFile, Path.Combine(Platform.Root, "testssl")));
    }

    /// <summary>Whose daemons run the platform.</summary>
    public Distro Target { get; }

    /// <summary>What testssl.sh said of every TLS port.</summary>
    public IReadOnlyList<TestsslReport> TestsslReports => _testssl.Value;

    /// <summary>The running platform (started on first use, so skipped tests start nothing).</summary>
    public RunningPlatform Platform => _platform.Value;

    /// <summary>The certificate every daemon must present.</summary>
    public X509Certificate2 Certificate => _certificate ??= X509Certificate2.CreateFromPem(File.ReadAllText(Platform.CertificateFile));
    private X509Certificate2? _certificate;

    /// <summary>Whether <paramref name="presented"/> is the platform's certificate (the only one a test trusts).</summary>
    public bool IsPlatformCertificate(X509Certificate? presented)
        => presented is not null && presented.GetCertHashString() == Certificate.GetCertHashString();

    /// <summary>A MailKit client (ImapClient, Pop3Client, SmtpClient) that trusts exactly the platform's certificate.</summary>
    public T Client<T>() where T : MailKit.MailService, new()
        => new() { ServerCertificateValidationCallback = (_, certificate, _, _) => IsPlatformCertificate(certificate) };

    /// <summary>
    /// Reads <paramref name="user"/>'s <paramref name="folder"/> over IMAPS on <paramref name="imapsPort"/> until a message with
    /// <paramref name="subject"/> is there (60 s at most), and returns it; fails with the logs of the <paramref name="hops"/>.
    /// </summary>
    public async Task<MimeKit.MimeMessage> DeliveredAsync(int imapsPort, MailDsl.TestPlatform.Directories.TestUser user, string subject, string folder, params string[] hops)
    {
        using var imap = Client<MailKit.Net.Imap.ImapClient>();
        await imap.ConnectAsync("127.0.0.1", imapsPort, MailKit.Security.SecureSocketOptions.SslOnConnect);
        try
        {
            await imap.AuthenticateAsync(user.Uid, user.Password);
        }
        catch (MailKit.Security.AuthenticationException ex)
        {
            Assert.Fail($"{user.Uid} could not log in on port {imapsPort}: {ex.Message}\n{string.Join("\n", hops.Select(Platform.Logs))}");
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
        Assert.Fail($"'{subject}' did not reach {user.Address}'s {folder} in 60 s:\n{string.Join("\n", hops.Select(Platform.Logs))}");
        throw new InvalidOperationException("unreachable");
    }

    /// <summary>Logs the platform's user in on <paramref name="client"/>, or fails with <paramref name="host"/>'s daemon logs.</summary>
    public void LogIn(MailKit.MailService client, string host)
    {
        try
        {
            client.Authenticate(RunningPlatform.User, RunningPlatform.Password);
        }
        catch (Exception ex) when (ex is MailKit.Security.AuthenticationException or MailKit.CommandException or MailKit.ProtocolException)
        {
            Assert.Fail($"login on {host} failed: {ex.Message}\n{Platform.Logs(host)}");
        }
    }

    /// <summary>The running endpoint for a key from <see cref="Endpoints.Keys"/>.</summary>
    public TlsEndpoint Endpoint(string key) => Platform.TlsEndpoints.Single(e => Endpoints.Key(e) == key);

    /// <inheritdoc/>
    public void Dispose()
    {
        _certificate?.Dispose();
        if (_platform.IsValueCreated) _platform.Value.Dispose();
    }
}

/// <summary>The loopback platform on Debian 12's daemons (this machine).</summary>
public sealed class Debian12Platform() : PlatformFixture(Distro.Debian12);

/// <summary>The loopback platform on Debian 13's daemons (the root scripts/debian13-root.sh builds).</summary>
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

/// <summary>The platform's TLS endpoints as theory data: host/listener keys, the same whatever ports are picked.</summary>
public static class Endpoints
{
    /// <summary>A stable key for an endpoint.</summary>
    public static string Key(TlsEndpoint e) => e.Host.Split('.')[0] + "/" + e.Listener;

    /// <summary>The TLS endpoints testssl.sh can scan (<see cref="TlsEndpoint.TestsslCanScan"/>).</summary>
    public static TheoryData<string> Scannable() => Where(e => e.TestsslCanScan);

    /// <summary>Every TLS endpoint of the loopback platform, as the model lists them.</summary>
    public static TheoryData<string> All() => Where(_ => true);

    /// <summary>The TLS endpoints of the loopback platform that <paramref name="include"/> keeps.</summary>
    public static TheoryData<string> Where(Func<TlsEndpoint, bool> include)
    {
        // The listeners are the description's, the same on every target.
        var model = LoopbackPlatform.Describe(new LoopbackPorts(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11), Distro.Debian12).Build();
        var data = new TheoryData<string>();
        foreach (var e in TlsEndpoint.Of(model).Where(include)) data.Add(Key(e));
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
    private static readonly string[] Probes = { "openssl", "unshare", "nsenter", "testssl", "sslscan" };

    /// <summary>The target whose platform a test class runs against: the fixture its constructor takes.</summary>
    public static Distro TargetOf(Type testClass)
        => testClass.GetConstructors().SelectMany(c => c.GetParameters()).Any(p => p.ParameterType == typeof(Debian13Platform))
            ? Distro.Debian13 : Distro.Debian12;

    public static string? Reason(ITestMethod testMethod)
    {
        var target = TargetOf(testMethod.TestClass.Class.ToRuntimeType());
        return TargetSystems.SkipReason(target, Daemons, needsRoot: true) ?? Command.SkipReason(Probes, needsRoot: true);
    }

    public static IXunitTestCase Skipped(IMessageSink sink, ITestFrameworkDiscoveryOptions options, ITestMethod testMethod, string reason)
        => new XunitSkippedDataRowTestCase(sink, options.MethodDisplayOrDefault(), options.MethodDisplayOptionsOrDefault(), testMethod, reason);
}
