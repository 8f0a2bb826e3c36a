using System.Text.Json;
using System.Text.Json.Nodes;
using MailDsl.Daemons.Sogo;
using MailDsl.Layers;
using MailDsl.Model;
using MailDsl.Targets;
using MailDsl.TestPlatform;
using MailDsl.TestPlatform.Directories;
using MailDsl.TestPlatform.Network;
using MailDsl.TestPlatform.Sandbox;
using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;
using Xunit;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace MailDsl.Integration.Tests;

/// <summary>
/// The webmail in the browser its users open: Debian's own Chromium (package chromium, this machine's; never a downloaded
/// browser), headless, driven by puppeteer-core (npm, pinned in Browser/package-lock.json) from Browser/webmail.js,
/// through the webmail VIP to nginx on the running platform. The browser verifies the platform's certificate against the test CA, put in an
/// NSS database of its own (no --ignore-certificate-errors), and runs in the test's network namespace, which has no route
/// out: it reaches loopback and lab addresses only.
/// </summary>
/// <remarks>Run once per target: <see cref="WebmailBrowserTestsOnDebian12"/>, <see cref="WebmailBrowserTestsOnDebian13"/>.</remarks>
public abstract class WebmailBrowserTests(PlatformFixture fixture, ITestOutputHelper output)
{
    /// <summary>The driver's folder: package.json, its lock file and webmail.js.</summary>
    public static readonly string DriverDir = Path.Combine(RepoRoot(), "tests", "MailDsl.Integration.Tests", "Browser");

    /// <summary>Debian's Chromium.</summary>
    public const string Chromium = "/usr/bin/chromium";

    [BrowserFact]
    public async Task A_directory_user_logs_in_reads_what_the_mx_delivered_and_sends_a_message_that_arrives()
    {
        Assert.True(LabNetwork.UnsafeReason() is null, "the browser must run in a network namespace with no route out: " + LabNetwork.UnsafeReason());
        InstallDriver();

        // A message for alice through the MX, in her mailbox before the browser opens it.
        var delivered = "Browser test, delivered by the MX " + Guid.NewGuid().ToString("N")[..12];
        using (var smtp = fixture.Client<SmtpClient>())
        {
            await smtp.ConnectAsync(fixture.Vip(LayerDescriptors.SmtpIn).ToString(), fixture.Port(LayerDescriptors.SmtpIn, "smtp"), SecureSocketOptions.StartTls);
            var message = new MimeMessage();
            message.From.Add(MailboxAddress.Parse("sender@example.org"));
            message.To.Add(MailboxAddress.Parse(TestDirectory.Alice.Address));
            message.Subject = delivered;
            message.Body = new TextPart("plain") { Text = "For the browser test to find in the inbox." };
            await smtp.SendAsync(message);
            await smtp.DisconnectAsync(true);
        }
        await fixture.DeliveredAsync(TestDirectory.Alice, delivered, "INBOX", LayerDescriptors.SmtpIn, LayerDescriptors.Mailstore);

        var work = Directory.CreateTempSubdirectory("maildsl-browser-");
        try
        {
            var home = TrustingHome(work.FullName);
            var screenshot = ArtifactPath($"webmail-inbox-{fixture.Target.ToString().ToLowerInvariant()}.png");
            var sent = "Browser test, sent from SOGo " + Guid.NewGuid().ToString("N")[..12];
            var input = new JsonObject
            {
                ["executable"] = Chromium,
                ["userDataDir"] = Path.Combine(work.FullName, "profile"),
                // The webmail's VIP by its address (the test's namespace has no /etc/hosts for the lab; the certificate covers it).
                ["baseUrl"] = $"https://{fixture.Vip(LayerDescriptors.Webmail)}:{fixture.Port(LayerDescriptors.Webmail, "https")}",
                ["user"] = TestDirectory.Alice.Uid,
                ["password"] = TestDirectory.Alice.Password,
                ["expectSubject"] = delivered,
                ["sendTo"] = TestDirectory.Bob.Address,
                ["sendSubject"] = sent,
                ["screenshot"] = screenshot,
                ["report"] = Path.Combine(work.FullName, "report.json"),
            };
            var ran = Command.Run("env", new[] { "HOME=" + home, "node", Path.Combine(DriverDir, "webmail.js"), input.ToJsonString() },
                timeout: TimeSpan.FromMinutes(5));
            var reportFile = (string)input["report"]!;
            Assert.True(File.Exists(reportFile), $"the browser driver wrote no report:\n{ran}");
            var report = JsonNode.Parse(File.ReadAllText(reportFile))!.AsObject();
            output.WriteLine(report.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
            Assert.True((bool)report["ok"]!, $"the browser stopped at '{report["step"]}': {report["error"]}\n" +
                $"requests since the last step: {report["after"]?.ToJsonString()}\n{ran.Output}\n{fixture.Logs(LayerDescriptors.Webmail)}");

            // The login page rendered with its scripts and styles: nothing failed, nothing answered an error, no console error.
            var login = report["loginPage"]!.AsObject();
            string[] List(string name) => login[name]!.AsArray().Select(n => (string)n!).ToArray();
            Assert.Empty(List("failed"));
            Assert.Empty(List("httpErrors"));
            Assert.Empty(List("consoleErrors"));
            Assert.Empty(List("pageErrors"));
            Assert.True((bool)login["angular"]!, "AngularJS did not boot SOGo's login application");
            var requests = List("requests");
            static bool Resource(string url, string extension)
                => new Uri(url).AbsolutePath is var path && path.Contains("/WebServerResources/", StringComparison.Ordinal) && path.EndsWith(extension, StringComparison.Ordinal);
            Assert.Contains(requests, r => Resource(r, ".js"));
            Assert.Contains(List("stylesheets"), s => Resource(s, ".css"));

            // Logged in, reading and writing: no script error, and every WebServerResources or product resource the pages
            // asked for was served, but for a file the target's SOGo package does not ship (Debian 12's lacks the skin of
            // CKEditor's autocomplete plugin, which its emoji plugin asks for): nginx cannot serve what is not there.
            var after = report["after"]!.AsObject();
            Assert.Empty(after["pageErrors"]!.AsArray());
            var resources = SogoModule.Paths(TargetTable.For(fixture.Platform.Model)).WebServerResources;
            var unserved = after["failed"]!.AsArray().Concat(after["httpErrors"]!.AsArray()).Select(n => (string)n!)
                .Where(r => r.Contains("/WebServerResources/", StringComparison.Ordinal) || r.Contains("/Products/", StringComparison.Ordinal))
                .Where(r => !r.Contains("/WebServerResources/", StringComparison.Ordinal) || Shipped(resources, r)).ToList();
            Assert.True(unserved.Count == 0, "resources the package ships were not served:\n" + string.Join("\n", unserved) + "\n" + fixture.Logs(LayerDescriptors.Webmail));

            // The inbox, as the browser showed it.
            var png = await File.ReadAllBytesAsync(screenshot);
            Assert.True(png.Length > 10_000 && png.AsSpan(1, 3).SequenceEqual("PNG"u8), $"{screenshot} is no screenshot ({png.Length} bytes)");
            output.WriteLine("inbox screenshot: " + screenshot);

            // What alice sent from SOGo reached bob's mailbox, read through the mailstore's VIP over IMAPS; from alice, through a relay host.
            var arrived = await fixture.DeliveredAsync(TestDirectory.Bob, sent, "INBOX",
                LayerDescriptors.Webmail, LayerDescriptors.SmtpOut, LayerDescriptors.SmtpIn, LayerDescriptors.Mailstore);
            Assert.Equal(TestDirectory.Alice.Address, Assert.Single(arrived.From.Mailboxes).Address);
            Assert.Contains(arrived.Headers.Where(h => h.Id == HeaderId.Received), h => fixture.Platform.HostsOf(LayerDescriptors.SmtpOut).Any(relay => h.Value.Contains(relay, StringComparison.OrdinalIgnoreCase)));
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }

    // Whether the file a WebServerResources URL (in a failure line: "URL: error" or "STATUS URL") names is in the target's package.
    private bool Shipped(string resources, string failure)
    {
        var url = failure.Split(' ').First(w => w.StartsWith("https://", StringComparison.Ordinal)).TrimEnd(':');
        var relative = new Uri(url).AbsolutePath.Split("/WebServerResources/", 2)[1];
        var root = TargetSystems.RootOf(fixture.Platform.Model.Target) ?? "/";
        return File.Exists(Path.Combine(root, resources.TrimStart('/'), Uri.UnescapeDataString(relative)));
    }

    // npm ci from the lock file where scripts/test.sh has not run it yet: the registry CI has, no browser download
    // (puppeteer-core downloads none).
    private static void InstallDriver()
    {
        if (Directory.Exists(Path.Combine(DriverDir, "node_modules", "puppeteer-core"))) return;
        var installed = Command.Run("npm", new[] { "ci", "--prefix", DriverDir, "--no-audit", "--no-fund", "--loglevel=error" }, timeout: TimeSpan.FromMinutes(5));
        Assert.True(installed.Succeeded, "npm ci of the browser driver failed:\n" + installed);
    }

    // A HOME whose NSS database (Chromium's on Linux: ~/.pki/nssdb) trusts the platform's certificate as a CA for servers.
    private string TrustingHome(string work)
    {
        var home = Path.Combine(work, "home");
        var db = "sql:" + Path.Combine(home, ".pki", "nssdb");
        Directory.CreateDirectory(Path.Combine(home, ".pki", "nssdb"));
        foreach (var args in new[]
        {
            new[] { "-N", "-d", db, "--empty-password" },
            new[] { "-A", "-d", db, "-n", "maildsl-test-ca", "-t", "C,,", "-i", fixture.Platform.CertificateFile },
        })
        {
            var ran = Command.Run("certutil", args);
            Assert.True(ran.Succeeded, "certutil failed:\n" + ran);
        }
        return home;
    }

    // Kept after the run, under the test results folder: MAILDSL_TEST_ARTIFACTS (scripts/test.sh), else this project's TestResults.
    private static string ArtifactPath(string name)
    {
        var dir = Environment.GetEnvironmentVariable("MAILDSL_TEST_ARTIFACTS") is { Length: > 0 } set
            ? set : Path.Combine(RepoRoot(), "tests", "MailDsl.Integration.Tests", "TestResults");
        Directory.CreateDirectory(dir);
        return Path.Combine(dir, name);
    }

    private static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "MailDsl.sln"))) return dir.FullName;
        throw new InvalidOperationException("no MailDsl.sln above " + AppContext.BaseDirectory);
    }
}

/// <summary>
/// A <see cref="PlatformFactAttribute"/> that also needs the browser and its driver's tools (chromium, certutil, node,
/// npm): skipped, with the reason, where they are missing, unless MAILDSL_REQUIRE_DAEMONS=1 (CI), where it runs and fails.
/// </summary>
[XunitTestCaseDiscoverer("MailDsl.Integration.Tests.BrowserFactDiscoverer", "MailDsl.Integration.Tests")]
public sealed class BrowserFactAttribute : FactAttribute;

/// <summary>Discovers a <see cref="BrowserFactAttribute"/> test.</summary>
public sealed class BrowserFactDiscoverer(IMessageSink diagnosticMessageSink) : FactDiscoverer(diagnosticMessageSink)
{
    private static readonly string[] Tools = { "chromium", "certutil", "node", "npm" };

    /// <inheritdoc/>
    public override IEnumerable<IXunitTestCase> Discover(ITestFrameworkDiscoveryOptions discoveryOptions, ITestMethod testMethod, IAttributeInfo factAttribute)
        => (PlatformSkip.Reason(testMethod) ?? Command.SkipReason(Tools)
                ?? (Environment.GetEnvironmentVariable("MAILDSL_REQUIRE_DAEMONS") == "1" ? null : LabNetwork.UnsafeReason())) is { } reason
            ? new[] { PlatformSkip.Skipped(DiagnosticMessageSink, discoveryOptions, testMethod, reason) }
            : base.Discover(discoveryOptions, testMethod, factAttribute);
}
