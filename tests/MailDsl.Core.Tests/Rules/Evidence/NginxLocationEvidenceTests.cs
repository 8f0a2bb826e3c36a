using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using MailDsl.Rules;
using Xunit;

namespace MailDsl.Core.Tests.Rules.Evidence;

/// <summary>
/// MAIL4002's claim, seen on a running nginx (loopback, a free port): the guide's <c>location ^/SOGo/so/...</c>
/// never matches its request, and the match the rule proposes (its FixedValue) does.
/// </summary>
public class NginxLocationEvidenceTests
{
    private const string GuideMatch = "^/SOGo/so/ControlPanel/Products/([^/]*)/Resources/(.*)$";
    private const string Request = "/SOGo/so/ControlPanel/Products/MainUI/Resources/logo.png";

    [DaemonFact("nginx", "nginx")]
    public async Task The_guides_caret_location_never_matches_and_the_proposed_fix_does()
    {
        var model = RuleTesting.Minimal().Webmail(w => w.Hosts("web-01.example.org")
            .NginxLocation(GuideMatch, "return 200 \"matched $1 $2\";")).Build();
        var finding = Assert.Single(RuleTesting.Findings(model, "MAIL4002"));
        var fixedMatch = RuleTesting.Property(finding, FixProperties.FixedValue)!;

        var (asWritten, _) = await ServeAndGet(GuideMatch, Request);
        var (asFixed, body) = await ServeAndGet(fixedMatch, Request);

        Assert.Equal(HttpStatusCode.NotFound, asWritten);
        Assert.Equal(HttpStatusCode.OK, asFixed);
        Assert.Equal("matched MainUI logo.png", body);
    }

    /// <summary>Starts nginx with one location (and a 404 fallback), requests <paramref name="path"/>, stops nginx.</summary>
    private static async Task<(HttpStatusCode Status, string Body)> ServeAndGet(string match, string path)
    {
        var nginx = DaemonTools.Require("nginx", "nginx");
        using var dir = new DaemonTools.TempDir();
        var port = FreePort();
        var conf = Path.Combine(dir.Path, "nginx.conf");
        File.WriteAllText(conf, $$"""
            daemon off;
            master_process off;
            pid {{dir.Path}}/nginx.pid;
            error_log {{dir.Path}}/error.log info;
            events { worker_connections 16; }
            http {
                access_log off;
                client_body_temp_path {{dir.Path}}/body;
                proxy_temp_path {{dir.Path}}/proxy;
                fastcgi_temp_path {{dir.Path}}/fastcgi;
                uwsgi_temp_path {{dir.Path}}/uwsgi;
                scgi_temp_path {{dir.Path}}/scgi;
                server {
                    listen 127.0.0.1:{{port}};
                    location {{match}} { return 200 "matched $1 $2"; }
                    location / { return 404; }
                }
            }
            """);
        var psi = new ProcessStartInfo(nginx) { UseShellExecute = false, RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var a in new[] { "-p", dir.Path, "-c", conf }) psi.ArgumentList.Add(a);
        using var process = Process.Start(psi)!;
        try
        {
            await WaitForPort(port, process, dir.Path);
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
            using var response = await http.GetAsync($"http://127.0.0.1:{port}{path}");
            return (response.StatusCode, await response.Content.ReadAsStringAsync());
        }
        finally
        {
            if (!process.HasExited) process.Kill(entireProcessTree: true);
            process.WaitForExit(5000);
        }
    }

    private static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    private static async Task WaitForPort(int port, Process process, string dir)
    {
        for (var i = 0; i < 100; i++)
        {
            if (process.HasExited)
                throw new InvalidOperationException($"nginx exited with {process.ExitCode}: {await process.StandardError.ReadToEndAsync()} {ErrorLog(dir)}");
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, port);
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(50);
            }
        }
        throw new TimeoutException($"nginx did not listen on 127.0.0.1:{port} within 5 s. {ErrorLog(dir)}");
    }

    private static string ErrorLog(string dir)
    {
        var log = Path.Combine(dir, "error.log");
        return File.Exists(log) ? "error.log: " + File.ReadAllText(log) : "(no error.log)";
    }
}
