using System.Text.Json;
using System.Text.RegularExpressions;
using MailDsl.Package.Tests.Support;
using MailDsl.Topology;
using Xunit;
using Xunit.Abstractions;

namespace MailDsl.Package.Tests;

/// <summary>
/// The emitted README's Mermaid picture, read by Mermaid's own parser (the <c>mermaid</c> package from npm, under jsdom):
/// it parses as a flowchart, names every host and VIP of the example, and draws every hop with its protocol and port,
/// which agree with what the emitted Postfix and SOGo files dial.
/// </summary>
public sealed class ReadmePictureTests : IDisposable
{
    private static readonly string MermaidDir = Path.Combine(Tools.RepoRoot, "tests", "MailDsl.Package.Tests", "Mermaid");
    private static readonly object InstallLock = new();
    private readonly string _out = Path.Combine(Path.GetTempPath(), "maildsl-readme-" + Guid.NewGuid().ToString("N"));
    private readonly ITestOutputHelper _log;

    public ReadmePictureTests(ITestOutputHelper log) => _log = log;

    public void Dispose()
    {
        if (Directory.Exists(_out)) Directory.Delete(_out, recursive: true);
    }

    /// <summary>Installs the parser from the lock file once (scripts/test.sh does it first; this covers a bare dotnet test).</summary>
    private string? EnsureParser()
    {
        if (Tools.Missing("node", "nodejs") is { } noNode) return noNode;
        if (Tools.Missing("npm", "npm") is { } noNpm) return noNpm;
        lock (InstallLock)
        {
            if (!Directory.Exists(Path.Combine(MermaidDir, "node_modules", "mermaid")))
            {
                var installed = Tools.Run(MermaidDir, "npm", new[] { "ci", "--no-audit", "--no-fund" }, timeout: TimeSpan.FromMinutes(5));
                _log.WriteLine($"npm ci: {installed.Took.TotalSeconds:F1} s");
                Assert.True(installed.ExitCode == 0, "npm ci failed: " + installed);
            }
        }
        return null;
    }

    private static JsonElement Parse(string diagram, out Ran ran)
    {
        ran = Tools.Run(MermaidDir, "node", new[] { "parse.mjs" }, diagram, TimeSpan.FromMinutes(2));
        return ran.ExitCode == 0 ? JsonDocument.Parse(ran.Stdout).RootElement.Clone() : default;
    }

    [Fact]
    public void The_examples_picture_parses_and_names_every_host_VIP_and_hop()
    {
        if (EnsureParser() is { } skip)
        {
            _log.WriteLine("skipped: " + skip);
            return;
        }
        Assert.Equal(0, Example.Run(new[] { "emit", "--out", _out }, TextWriter.Null, TextWriter.Null));
        var readme = File.ReadAllText(Path.Combine(_out, "README.md"));
        var block = Regex.Match(readme, "```mermaid\n(.*?)```", RegexOptions.Singleline);
        Assert.True(block.Success, "no mermaid block in README.md");

        var parsed = Parse(block.Groups[1].Value, out var ran);
        _log.WriteLine($"mermaid parse: {ran.Took.TotalSeconds:F1} s");
        Assert.True(ran.ExitCode == 0, ran.ToString());
        Assert.Equal("flowchart-v2", parsed.GetProperty("type").GetString());
        var vertices = parsed.GetProperty("vertices").EnumerateArray().Select(v => v.GetProperty("text").GetString()!).ToList();
        var edges = parsed.GetProperty("edges").EnumerateArray()
            .Select(e => (Start: e.GetProperty("start").GetString()!, End: e.GetProperty("end").GetString()!, Text: e.GetProperty("text").GetString()!)).ToList();
        var subgraphs = parsed.GetProperty("subgraphs").EnumerateArray().Select(s => s.GetProperty("title").GetString()!).ToList();

        var model = Example.CorporateCloudModel();
        Assert.Equal(new[] { "SMTP-in", "SMTP-out", "mailstore", "webmail", "balancers" }, subgraphs);
        foreach (var host in HostPlan.Of(model)) Assert.Contains(host.Name, vertices);
        foreach (var vip in new[] { model.SmtpIn!.Vip, model.SmtpOut!.Vip, model.Mailstore!.Vip, model.Webmail!.Vip })
            Assert.Contains("VIP " + vip, vertices);

        // Every hop is an arrow labelled with its protocol, port, TLS and verification; a balancer's leg with what it carries.
        var labelled = edges.Where(e => e.Text.Length > 0).ToList();
        var hops = PlatformHops.Of(model);
        foreach (var hop in hops)
            Assert.Contains(labelled, e => e.Text == (hop.IsBalancerLeg
                ? $"{hop.Protocol} {hop.Port} · {hop.Through!.Carries} · client address {(hop.Through.Port.Proxy ? "kept" : "lost")}"
                : $"{hop.Protocol} {hop.Port} · {hop.TlsText} · {hop.VerificationText}"));
        Assert.Equal(hops.Count, labelled.Count);

        // The balancers' legs agree with what the emitted HAProxy sends: each VIP port to the layer's hosts' PROXY port.
        var haproxy = File.ReadAllText(Path.Combine(_out, model.Balancers!.Hosts[0], "etc", "haproxy", "haproxy.cfg"));
        foreach (Match server in Regex.Matches(haproxy, @"(?m)^\s+server (?<host>\S+) \S+:(?<port>\d+) .*send-proxy-v2"))
        {
            var layer = new MailDsl.Model.Layer[] { model.SmtpIn, model.SmtpOut, model.Mailstore, model.Webmail }.Single(l => l.Hosts.Contains(server.Groups["host"].Value));
            Assert.Contains(labelled, e => e.Start == layer.Key + "_vip" && e.End == layer.Key
                && e.Text.Contains(" " + server.Groups["port"].Value + " · ", StringComparison.Ordinal)
                && e.Text.EndsWith("+ PROXY v2 · client address kept", StringComparison.Ordinal));
        }
        Assert.Contains(labelled, e => e.Start == "users" && e.End == "mailstore_vip");

        // What the picture says agrees with what the emitted files dial.
        var mxMainCf = File.ReadAllText(Path.Combine(_out, model.SmtpIn.Hosts[0], "etc", "postfix", "main.cf"));
        var relay = Regex.Match(mxMainCf, @"relay_transport = maildsl-internal:\[(?<host>[^\]]+)\]:(?<port>\d+)");
        // Between layers Postfix uses the verifying transport, and the picture says so.
        Assert.Contains(labelled, e => e.Start == "smtpIn" && e.End == "mailstore_vip" && e.Text == "SMTP " + relay.Groups["port"].Value + " · STARTTLS (required) · certificate verified");
        Assert.Equal(model.Mailstore.Vip, relay.Groups["host"].Value);
        var sogo = File.ReadAllText(Path.Combine(_out, model.Webmail.Hosts[0], "etc", "sogo", "sogo.conf"));
        var imap = Regex.Match(sogo, @"SOGoIMAPServer = ""imaps://(?<host>[^:]+):(?<port>\d+)""");
        Assert.Contains(labelled, e => e.Start == "webmail" && e.Text.StartsWith("IMAP " + imap.Groups["port"].Value + " · TLS", StringComparison.Ordinal));
        var smtp = Regex.Match(sogo, @"SOGoSMTPServer = ""smtp://(?<host>[^:]+):(?<port>\d+)/\?tls=YES""");
        Assert.Contains(labelled, e => e.Start == "webmail" && e.End == "smtpOut_vip" && e.Text.StartsWith("submission " + smtp.Groups["port"].Value + " · STARTTLS (required)", StringComparison.Ordinal));
        var transport = File.ReadAllText(Path.Combine(_out, model.SmtpOut.Hosts[0], "etc", "postfix", "transport"));
        var inside = Regex.Match(transport, @" maildsl-internal:\[(?<host>[^\]]+)\]:(?<port>\d+)");
        Assert.Equal(model.SmtpIn.Vip, inside.Groups["host"].Value);
        Assert.Contains(labelled, e => e.Start == "smtpOut" && e.End == "smtpIn_vip" && e.Text == "SMTP " + inside.Groups["port"].Value + " · STARTTLS (required) · certificate verified");
        var master = File.ReadAllText(Path.Combine(_out, model.SmtpOut.Hosts[0], "etc", "postfix", "master.cf"));
        Assert.Matches(@"(?m)^maildsl-internal\s+unix(.|\n)*-o smtp_tls_security_level=secure", master);
    }

    [Fact]
    public void The_parser_refuses_a_broken_picture()
    {
        if (EnsureParser() is { } skip)
        {
            _log.WriteLine("skipped: " + skip);
            return;
        }
        // The near miss: the check would prove nothing if the parser accepted anything.
        Parse("flowchart LR\n  a -->|\"SMTP 25| b\n", out var ran);
        Assert.Equal(1, ran.ExitCode);
        Assert.Contains("Parse error", ran.Stderr);
    }
}

/// <summary>The example platform's model, built as its Run(args) builds it.</summary>
internal static class Example
{
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr) => global::Examples.CorporateCloud.Run(args, stdout, stderr);

    public static MailDsl.Model.PlatformModel CorporateCloudModel()
    {
        var describe = typeof(global::Examples.CorporateCloud).GetMethod("Describe", System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static)!;
        return ((MailDsl.Platform)describe.Invoke(null, null)!).Build();
    }
}
