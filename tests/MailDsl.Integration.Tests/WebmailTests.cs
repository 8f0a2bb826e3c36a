using System.Net;
using System.Net.Sockets;
using MailDsl.Daemons.Sogo;
using MailDsl.Layers;
using MailDsl.Targets;
using Xunit;

namespace MailDsl.Integration.Tests;

/// <summary>nginx in front of sogod, as emitted, through the webmail VIP: HTTPS reaches SOGo, HTTP only redirects, HSTS is sent.</summary>
/// <remarks>Run once per target: <see cref="WebmailTestsOnDebian12"/>, <see cref="WebmailTestsOnDebian13"/>.</remarks>
public abstract class WebmailTests(PlatformFixture fixture) : IDisposable
{
    private readonly HttpClient _http = new(new HttpClientHandler
    {
        AllowAutoRedirect = false,
        // Trust exactly the platform's certificate: a daemon presenting anything else fails the test.
        ServerCertificateCustomValidationCallback = (_, certificate, _, _) => fixture.IsPlatformCertificate(certificate),
    });

    private string Https => Url("https", "https", 443);

    // The VIP's URL for a webmail listener; the port is left out where it is the scheme's own, as nginx leaves it out of a redirect.
    private string Url(string scheme, string listener, int standard)
    {
        var port = fixture.Port(LayerDescriptors.Webmail, listener);
        return $"{scheme}://{fixture.Vip(LayerDescriptors.Webmail)}" + (port == standard ? "" : ":" + port);
    }

    [PlatformFact]
    public async Task Https_serves_the_SOGo_login_page()
    {
        using var response = await _http.GetAsync(Https + "/SOGo/");
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET /SOGo/ gave {(int)response.StatusCode}:\n{body}\n{Logs()}");
        // The page is SOGo's own login application, rendered by sogod behind the proxy.
        Assert.Contains("ng-app=\"SOGo.MainUI\"", body, StringComparison.Ordinal);
        Assert.Contains("SOGo.woa/WebServerResources/", body, StringComparison.Ordinal);
    }

    [PlatformFact]
    public async Task Root_sends_the_browser_to_SOGo()
    {
        using var response = await _http.GetAsync(Https + "/");
        Assert.Equal(HttpStatusCode.Found, response.StatusCode);
        Assert.Equal(Https + "/SOGo/", response.Headers.Location?.OriginalString);
    }

    [PlatformFact]
    public async Task WebServerResources_are_served_from_the_GNUstep_bundle()
    {
        var file = FirstFile(SogoModule.Paths(TargetTable.For(fixture.Platform.Model)).WebServerResources, "*.png");
        foreach (var prefix in new[] { "/SOGo.woa/WebServerResources/", "/SOGo/WebServerResources/" })
        {
            using var response = await _http.GetAsync(Https + prefix + file.Relative);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {prefix}{file.Relative} gave {(int)response.StatusCode}\n{Logs()}");
            Assert.Equal(file.Bytes, await response.Content.ReadAsByteArrayAsync());
        }
    }

    /// <summary>The guide's 'location ^/SOGo/so/...' never matched; the emitted regex location serves product resources.</summary>
    [PlatformFact]
    public async Task Product_resources_are_served_by_the_regex_location()
    {
        var products = SogoModule.Paths(TargetTable.For(fixture.Platform.Model)).Bundles;
        var file = FirstFile(Path.Combine(products, "MainUI.SOGo", "Resources"), "*.strings");
        using var response = await _http.GetAsync($"{Https}/SOGo/so/ControlPanel/Products/MainUI/Resources/{file.Relative}");
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"product resource {file.Relative} gave {(int)response.StatusCode}\n{Logs()}");
        Assert.Equal(file.Bytes, await response.Content.ReadAsByteArrayAsync());
    }

    [PlatformFact]
    public async Task Plain_http_redirects_to_https()
    {
        using var response = await _http.GetAsync(Url("http", "http", 80) + "/SOGo/?x=1");
        Assert.Equal(HttpStatusCode.MovedPermanently, response.StatusCode);
        Assert.Equal(Https + "/SOGo/?x=1", response.Headers.Location?.OriginalString);
    }

    [PlatformFact]
    public async Task Https_sends_hsts()
    {
        using var response = await _http.GetAsync(Https + "/SOGo/");
        Assert.True(response.Headers.TryGetValues("Strict-Transport-Security", out var values), "no Strict-Transport-Security header");
        Assert.Equal($"max-age={fixture.Platform.Model.Webmail!.HstsMaxAgeSeconds}", Assert.Single(values));
    }

    [PlatformFact]
    public async Task Https_sends_the_security_headers_on_pages_and_redirects()
    {
        foreach (var path in new[] { "/SOGo/", "/" })
        {
            using var response = await _http.GetAsync(Https + path);
            string Header(string name) => response.Headers.TryGetValues(name, out var v) ? string.Join(", ", v) : "(missing)";
            Assert.Equal("nosniff", Header("X-Content-Type-Options"));
            Assert.Equal("SAMEORIGIN", Header("X-Frame-Options"));
            Assert.Equal("same-origin", Header("Referrer-Policy"));
        }
    }

    [PlatformFact]
    public void Sogod_itself_is_reachable_only_on_loopback_behind_nginx()
    {
        var port = fixture.Port(LayerDescriptors.Webmail, "sogo");
        foreach (var web in fixture.Platform.HostsOf(LayerDescriptors.Webmail))
        {
            // sogod answers nginx on its WOPort, on the host's own loopback...
            var host = fixture.Platform.Host(web);
            var inside = host.Run($"exec 3<>/dev/tcp/127.0.0.1/{port} && printf 'GET /SOGo/ HTTP/1.0\\r\\nHost: {web}\\r\\n\\r\\n' >&3 && head -n 1 <&3");
            Assert.True(inside.Succeeded && inside.Output.StartsWith("HTTP/1.", StringComparison.Ordinal) && inside.Output.Contains(" 200 ", StringComparison.Ordinal),
                $"{web}: sogod did not answer on 127.0.0.1:{port}: {inside}\n{fixture.Platform.Logs(web)}");
            // ...and nowhere else: it listens on loopback only, and the host's own address refuses the test process.
            var listening = host.Run($"ss -Hltn 'sport = :{port}'");
            Assert.NotEmpty(listening.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries));
            Assert.All(listening.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries),
                line => Assert.Contains("127.0.0.1:" + port, line, StringComparison.Ordinal));
            using var outside = new TcpClient();
            Assert.Throws<SocketException>(() => outside.Connect(fixture.AddressOf(web), port));
        }
    }

    public void Dispose() => _http.Dispose();

    private string Logs() => fixture.Logs(LayerDescriptors.Webmail);

    // A file the target's SOGo package installed, read from that target's own root (the machine, or the Debian 13 root).
    private (string Relative, byte[] Bytes) FirstFile(string directory, string pattern)
    {
        var root = TestPlatform.Sandbox.TargetSystems.RootOf(fixture.Platform.Model.Target) ?? "/";
        var onDisk = Path.Combine(root, directory.TrimStart('/'));
        var path = Directory.EnumerateFiles(onDisk, pattern, SearchOption.AllDirectories).Order(StringComparer.Ordinal).First();
        return (Path.GetRelativePath(onDisk, path), File.ReadAllBytes(path));
    }
}
