using System.Text;
using MailDsl.Model;
using MailDsl.Render.Tests.Support;
using MailDsl.Topology;
using Xunit;

namespace MailDsl.Render.Tests;

/// <summary>
/// What a described LBaaS is told (the emitted README and <c>check</c>) is what MailDsl's own balancers do: the same
/// platform with two emitted balancer hosts is emitted, its haproxy.cfg accepted by the target's <c>haproxy -c</c>, and read
/// back word by word as HAProxy's parser splits and unescapes them; every VIP port, backend, PROXY setting, TLS of the
/// check, check exchange and timeout in it must be what the LBaaS of that platform is told, and nothing more or less.
/// </summary>
public sealed class LbaasRequirementsTests
{
    public static TheoryData<Distro> Runnable => TargetData.Runnable();

    [TargetTheory("haproxy"), MemberData(nameof(Runnable))]
    public void What_an_lbaas_is_told_is_what_the_emitted_haproxy_does(Distro target)
    {
        using var emitted = EmittedPlatform.Emit((c, k) => TestPlatforms.Balanced(target, c, k));
        var checks = DaemonChecks.All(target, emitted).Where(r => r.Checker == "haproxy -c").ToList();
        Assert.Equal(2, checks.Count);
        Assert.All(checks, r => Assert.True(r.Passed, r.ToString()));
        var config = HaproxyConfig.Read(File.ReadAllText(Path.Combine(emitted.HostDir("lb-01.mycompany.dom"), "etc", "haproxy", "haproxy.cfg")));

        var described = TestPlatforms.Balanced(target, emitted.CertificateFile, emitted.KeyFile,
            balancers: b => b.Lbaas(LbaasBehaviour.PassThroughProxy).From("172.16.10.2/31")).Build();
        var told = LbaasRequirements.Of(described)!;

        var defaults = config.Single(s => s.Name == "defaults");
        var idle = told.Plan.IdleTimeoutMinutes + "m";
        Assert.Equal(idle, defaults.Value("timeout", "client"));
        Assert.Equal(idle, defaults.Value("timeout", "server"));
        Assert.Equal(BalancerPlan.ConnectTimeoutSeconds + "s", defaults.Value("timeout", "connect"));
        Assert.Equal(BalancerPlan.CheckTimeoutSeconds + "s", defaults.Value("timeout", "check"));
        var server = defaults.Line("default-server")!;
        Assert.Equal(BalancerPlan.CheckIntervalSeconds + "s", After(server, "inter"));
        Assert.Equal(BalancerPlan.Fall.ToString(), After(server, "fall"));
        Assert.Equal(BalancerPlan.Rise.ToString(), After(server, "rise"));

        var listens = config.Where(s => s.Name.StartsWith("listen ", StringComparison.Ordinal) && s.Name != "listen stats").ToList();
        Assert.Equal(told.Plan.Listeners.Count, listens.Count);
        foreach (var section in listens)
        {
            var bind = section.Line("bind")![1];
            var l = Assert.Single(told.Plan.Listeners, l => bind == l.Layer.VipAddress + ":" + l.Listener.Port);
            var what = $"{section.Name} ({bind})";
            Assert.True(l.Leg == BalancerLeg.PassThrough, what);
            Assert.Equal("tcp", section.Value("mode") ?? defaults.Value("mode"));
            Assert.Equal(LbaasRequirements.Balance(l), section.Value("balance") switch { "leastconn" => "least connections", "source" => "by source address", var b => b });

            var servers = section.Lines("server").ToList();
            Assert.Equal(l.Backends.Select(b => (b.Host, b.Endpoint)), servers.Select(s => (s[1], s[2])));
            foreach (var s in servers)
            {
                Assert.Equal(l.Port.Proxy, s.Contains("send-proxy-v2"));
                Assert.Equal(l.Check.Proxy, s.Contains("check-send-proxy"));
                Assert.Equal(l.Check.OverTls, s.Contains("check-ssl"));
                if (l.Check.OverTls)
                {
                    Assert.Equal(l.Check.Sni, After(s, "check-sni"));
                    Assert.Equal("required", After(s, "verify"));
                    Assert.Equal(l.Check.TlsCa, After(s, "ca-file"));
                }
            }

            if (section.Line("option", "httpchk") is not null)
            {
                var send = section.Line("http-check", "send")!;
                Assert.Equal(("GET", l.Check.HttpPath, "HTTP/1.1", l.Check.HttpHost), (After(send, "meth"), After(send, "uri"), After(send, "ver"), After(send, "Host")));
                Assert.Equal(l.Check.HttpStatus.ToString(), After(section.Line("http-check", "expect")!, "status"));
                continue;
            }
            Assert.NotNull(section.Line("option", "tcp-check"));
            var steps = section.Lines("tcp-check").Where(w => w[1] != "connect").Select(w => w[1] == "send"
                    ? new HealthCheckStep(HealthCheckAction.Send, w[2])
                    : w[2] == "rstring" && w[3].StartsWith('^') ? new HealthCheckStep(HealthCheckAction.ExpectStart, w[3][1..])
                    : w[2] == "string" ? new HealthCheckStep(HealthCheckAction.ExpectContains, w[3])
                    : throw new Xunit.Sdk.XunitException($"{what}: a check step this test does not read: {string.Join(" ", w)}"))
                .Select(Helo).ToList();
            Assert.Equal(l.Check.Steps.Select(Helo), steps);
        }
    }

    // An EHLO names the checker: a balancer host's own name in haproxy.cfg, the platform's domain for an LBaaS.
    private static HealthCheckStep Helo(HealthCheckStep step)
        => step.Action == HealthCheckAction.Send && step.Text.StartsWith("EHLO ", StringComparison.Ordinal) ? step with { Text = "EHLO <checker>\r\n" } : step;

    private static string? After(IReadOnlyList<string> words, string word)
    {
        var i = words.ToList().IndexOf(word);
        return i >= 0 && i + 1 < words.Count ? words[i + 1] : null;
    }

    /// <summary>
    /// haproxy.cfg as HAProxy's parser reads it (configuration manual 2.1 and 2.2): a section starts at a keyword line
    /// without indentation, '#' starts a comment outside quotes, words split on blanks, a backslash escapes a blank, '#',
    /// a quote or itself and makes \r \n \t control characters, double quotes group with escapes, single quotes without.
    /// </summary>
    private sealed record HaproxyConfig(string Name, List<List<string>> Body)
    {
        public static List<HaproxyConfig> Read(string text)
        {
            var sections = new List<HaproxyConfig>();
            foreach (var raw in text.Split('\n'))
            {
                var words = Words(raw);
                if (words.Count == 0) continue;
                if (!char.IsWhiteSpace(raw[0])) sections.Add(new HaproxyConfig(string.Join(" ", words), new List<List<string>>()));
                else sections[^1].Body.Add(words);
            }
            return sections;
        }

        public IEnumerable<List<string>> Lines(params string[] start) => Body.Where(w => w.Count >= start.Length && start.Select((s, i) => w[i] == s).All(b => b));

        public List<string>? Line(params string[] start) => Lines(start).FirstOrDefault();

        public string? Value(params string[] start) => Line(start) is { } w && w.Count > start.Length ? w[start.Length] : null;

        private static List<string> Words(string line)
        {
            var words = new List<string>();
            StringBuilder? word = null;
            var quote = '\0';
            for (var i = 0; i < line.Length; i++)
            {
                var c = line[i];
                if (quote == '\'')
                {
                    if (c == '\'') quote = '\0';
                    else word!.Append(c);
                    continue;
                }
                if (c == '\\' && i + 1 < line.Length)
                {
                    var n = line[++i];
                    (word ??= new StringBuilder()).Append(n switch { 'r' => '\r', 'n' => '\n', 't' => '\t', _ => n });
                    continue;
                }
                if (c == '"' || (c == '\'' && quote == '\0'))
                {
                    word ??= new StringBuilder();
                    quote = quote == c ? '\0' : c;
                    continue;
                }
                if (quote == '\0' && c == '#') break;
                if (quote == '\0' && char.IsWhiteSpace(c))
                {
                    if (word is not null) words.Add(word.ToString());
                    word = null;
                    continue;
                }
                (word ??= new StringBuilder()).Append(c);
            }
            if (word is not null) words.Add(word.ToString());
            return words;
        }
    }
}
