using System.Security.Cryptography.X509Certificates;
using MailDsl.TestPlatform;
using MailDsl.TestPlatform.Sandbox;
using MailDsl.TestPlatform.Tls;
using Xunit;

namespace MailDsl.Integration.Tests;

/// <summary>The loopback platform, started once for every test in <see cref="PlatformCollection"/> and stopped after them.</summary>
public sealed class PlatformFixture : IDisposable
{
    private readonly Lazy<RunningPlatform> _platform = new(() => RunningPlatform.Start());
    private readonly Lazy<IReadOnlyList<TestsslReport>> _testssl;

    /// <summary>Starts nothing yet: the platform starts on first use, and testssl.sh runs once, for every port, on first use.</summary>
    public PlatformFixture()
        => _testssl = new(() => Testssl.ScanAll(Platform.TlsEndpoints, Platform.CertificateFile, Path.Combine(Platform.Root, "testssl")));

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

/// <summary>The tests that share one running platform.</summary>
[CollectionDefinition(Name)]
public sealed class PlatformCollection : ICollectionFixture<PlatformFixture>
{
    /// <summary>The collection's name.</summary>
    public const string Name = "running platform";
}

/// <summary>The platform's TLS endpoints as theory data: host/listener keys, the same whatever ports are picked.</summary>
public static class Endpoints
{
    /// <summary>A stable key for an endpoint.</summary>
    public static string Key(TlsEndpoint e) => e.Host.Split('.')[0] + "/" + e.Listener;

    /// <summary>Every TLS endpoint of the loopback platform, as the model lists them.</summary>
    public static TheoryData<string> All()
    {
        var model = LoopbackPlatform.Describe(new LoopbackPorts(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11)).Build();
        var data = new TheoryData<string>();
        foreach (var e in TlsEndpoint.Of(model)) data.Add(Key(e));
        return data;
    }
}

/// <summary>
/// A fact that needs the running platform. Where a daemon or root is missing it is skipped with the package's name,
/// unless MAILDSL_REQUIRE_DAEMONS=1 (CI, scripts/test.sh), where it runs and fails: CI must skip nothing.
/// </summary>
public sealed class PlatformFactAttribute : FactAttribute
{
    /// <summary>Skipped where the platform cannot run.</summary>
    public PlatformFactAttribute() => Skip = PlatformSkip.Reason();
}

/// <summary>A theory that needs the running platform; see <see cref="PlatformFactAttribute"/>.</summary>
public sealed class PlatformTheoryAttribute : TheoryAttribute
{
    /// <summary>Skipped where the platform cannot run.</summary>
    public PlatformTheoryAttribute() => Skip = PlatformSkip.Reason();
}

internal static class PlatformSkip
{
    private static readonly string[] Needed = { "nginx", "dovecot", "postfix", "sogod", "openssl", "unshare", "nsenter", "testssl" };

    public static string? Reason() => Command.SkipReason(Needed, needsRoot: true);
}
