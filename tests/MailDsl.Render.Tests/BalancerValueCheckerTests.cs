using MailDsl.Daemons.Haproxy;
using MailDsl.Daemons.Keepalived;
using MailDsl.Model;
using MailDsl.Render.Tests.Support;
using MailDsl.Rules;
using MailDsl.Topology;
using Xunit;

namespace MailDsl.Render.Tests;

/// <summary>
/// MAIL7014 and MAIL7006 against the balancers' own checkers of each target: a value the rule refuses is one haproxy -c
/// -dW or keepalived -t refuses when the renderers write it (the rule's threshold is theirs, the value just inside passes),
/// and a described health-check greeting is written as a start-anchored match HAProxy accepts.
/// </summary>
public sealed class BalancerValueCheckerTests
{
    public static TheoryData<Distro> Runnable => TargetData.Runnable();

    private const string Balancer = "lb-01.mycompany.dom";

    private static Action<BalancerBuilder> Hosts(Action<BalancerBuilder> more)
        => b => more(b.Host(Balancer, "172.16.10.2").Host("lb-02.mycompany.dom", "172.16.10.3"));

    [TargetTheory("haproxy", "keepalived"), MemberData(nameof(Runnable))]
    public void The_balancer_values_MAIL7014_refuses_are_the_ones_the_checkers_refuse(Distro target)
    {
        using var emitted = EmittedPlatform.Emit((c, k) => TestPlatforms.Balanced(target, c, k));
        var cases = new (Action<BalancerBuilder> Value, bool Refused, string Checker, string Said)[]
        {
            (b => b.IdleTimeout(0), true, "haproxy -c", "missing timeouts"),
            (b => b.IdleTimeout(-5), true, "haproxy -c", "unexpected character '-'"),
            (b => b.IdleTimeout(MailDsl.Rules.Balancers.BalancerValueOutOfRangeRule.MaxIdleTimeoutMinutes + 1), true, "haproxy -c", "timer overflow"),
            (b => b.IdleTimeout(MailDsl.Rules.Balancers.BalancerValueOutOfRangeRule.MaxIdleTimeoutMinutes), false, "haproxy -c", ""),
            (b => b.IdleTimeout(1), false, "haproxy -c", ""),
            // Four VIPs: ids 253 to 256.
            (b => b.VirtualRouterId(253), true, "keepalived -t", "VRID '256' not valid"),
            (b => b.VirtualRouterId(252), false, "keepalived -t", ""),
            (b => b.VirtualRouterId(0), true, "keepalived -t", "VRID '0' not valid"),
        };
        foreach (var (value, refused, checker, said) in cases)
        {
            var model = TestPlatforms.Balanced(target, emitted.CertificateFile, emitted.KeyFile, balancers: Hosts(value)).Build();
            Assert.Equal(refused, RuleSet.Check(model).Any(f => f.RuleId == "MAIL7014"));
            var topology = PlatformTopology.Of(model);
            var host = topology.Hosts.Single(h => h.Name == Balancer);
            var dir = emitted.HostDir(Balancer);
            File.WriteAllText(Path.Combine(dir, "etc/haproxy/haproxy.cfg"), HaproxyConfigRenderer.Render(topology, host));
            File.WriteAllText(Path.Combine(dir, "etc/keepalived/keepalived.conf"), KeepalivedConfigRenderer.Render(topology, host));
            var result = DaemonChecks.All(target, dir, new[] { emitted.Root }).Single(r => r.Checker == checker);
            Assert.True(refused != result.Passed, result.ToString());
            if (refused) Assert.Contains(said, result.Result.Output, StringComparison.Ordinal);
        }
    }

    [TargetTheory("haproxy", "keepalived"), MemberData(nameof(Runnable))]
    public void A_described_greeting_is_written_anchored_and_haproxy_accepts_it(Distro target)
    {
        using var emitted = EmittedPlatform.Emit((c, k) => TestPlatforms.Balanced(target, c, k,
            balancers: Hosts(b => b.HealthCheck("mailstore", "imaps", "* OK").HealthCheck("smtpOut", "submission", "220 "))));
        var results = DaemonChecks.All(target, emitted);
        Assert.Equal(2, results.Count(r => r.Checker == "haproxy -c"));
        Assert.All(results, r => Assert.True(r.Passed, r.ToString()));
        var cfg = File.ReadAllText(Path.Combine(emitted.HostDir(Balancer), "etc/haproxy/haproxy.cfg"));
        Assert.Contains(@"tcp-check expect rstring ^\\*\ OK", cfg, StringComparison.Ordinal);
        Assert.Contains(@"tcp-check expect rstring ^220\ ", cfg, StringComparison.Ordinal);
        // Once each, where the description sets them: no unanchored "expect string" of them is left.
        Assert.Equal(1, cfg.Split('\n').Count(l => l.Trim() == @"tcp-check expect rstring ^\\*\ OK"));
        Assert.DoesNotContain(@"tcp-check expect string 220\ ", cfg, StringComparison.Ordinal);
    }

    [TargetTheory("haproxy"), MemberData(nameof(Runnable))]
    public void Tls_to_each_host_offers_that_hosts_layers_own_profile_and_haproxy_accepts_it(Distro target)
    {
        // The mailstore TLS 1.3 only, the webmail its default: the checks of the IMAPS/POP3S hosts and the webmail's
        // re-encryption each offer their own layer's versions and suites, not the webmail's for all.
        using var emitted = EmittedPlatform.Emit((c, k) => TestPlatforms.Balanced(target, c, k, HttpsBalancing.Terminate, store: m => m.Tls(TlsProfile.Modern)));
        var result = DaemonChecks.All(target, emitted).First(r => r.Checker == "haproxy -c");
        Assert.True(result.Passed, result.ToString());
        var servers = File.ReadAllLines(Path.Combine(emitted.HostDir(Balancer), "etc/haproxy/haproxy.cfg")).Select(l => l.Trim()).Where(l => l.StartsWith("server ", StringComparison.Ordinal)).ToList();
        var stores = servers.Where(l => l.StartsWith("server store-", StringComparison.Ordinal) && l.Contains(" check-ssl", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(stores);
        Assert.All(stores, l => Assert.EndsWith(" ssl-min-ver TLSv1.3", l, StringComparison.Ordinal));
        var webs = servers.Where(l => l.StartsWith("server web-", StringComparison.Ordinal) && l.Contains(" ssl ", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(webs);
        Assert.All(webs, l => Assert.EndsWith(" ssl-min-ver TLSv1.2", l, StringComparison.Ordinal));
    }
}
