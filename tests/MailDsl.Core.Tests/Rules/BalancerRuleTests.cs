using MailDsl.Model;
using MailDsl.Rules;
using MailDsl.Topology;
using Xunit;
using static MailDsl.Core.Tests.Rules.RuleTesting;

namespace MailDsl.Core.Tests.Rules;

/// <summary>MAIL7001-MAIL7013: balancers, VIPs and the PROXY protocol, each reported at the value at fault, and silent on a platform that is right.</summary>
public class BalancerRuleTests
{
    // Two hosts per layer, each with an address, VIPs with addresses, two emitted balancer hosts.
    private static Platform Balanced(Action<BalancerBuilder>? balancers = null, Action<MailstoreBuilder>? store = null, Action<SmtpInBuilder>? mx = null)
        => Minimal()
            .SmtpIn(s => { s.Host("mx1.example.org", "10.0.0.11").Host("mx2.example.org", "10.0.0.12").Vip("mx.example.org", "10.0.0.100"); mx?.Invoke(s); })
            .Mailstore(m => { m.Host("store1.example.org", "10.0.0.21").Host("store2.example.org", "10.0.0.22").Vip("imap.example.org", "10.0.0.101").Imap().Imaps(); store?.Invoke(m); })
            .Balancers(b => { b.Host("lb1.example.org", "10.0.0.2").Host("lb2.example.org", "10.0.0.3"); balancers?.Invoke(b); });

    private static IEnumerable<Finding> Balancing(PlatformModel model) => AllFindings(model).Where(f => f.RuleId.StartsWith("MAIL70", StringComparison.Ordinal));

    [Fact]
    public void A_platform_behind_two_emitted_balancers_is_clean_and_every_vip_port_is_fed_with_proxy()
    {
        var model = Balanced().Build();
        Assert.Empty(Balancing(model));
        var balancing = PlatformBalancing.Of(model);
        Assert.Equal(new[] { "10.0.0.2", "10.0.0.3" }, balancing.Trusted);
        Assert.Equal(new[] { "smtpIn:smtp:10025", "mailstore:smtp:10025", "mailstore:imap:10143", "mailstore:imaps:10993" },
            balancing.Ports.Select(p => p.Layer.Key + ":" + p.Listener.Name + ":" + p.BackendPort));
        Assert.All(balancing.Ports, p => Assert.True(p.Proxy));
    }

    [Fact]
    public void An_lbaas_forwarding_clear_text_is_an_error_at_the_behaviour()
    {
        var f = Assert.Single(Findings(Minimal().Mailstore(m => m.Hosts("s.example.org").Vip("imap.example.org").Imaps())
            .Balancers(b => b.Lbaas(LbaasBehaviour.TerminateClear).From("10.20.0.0/28")).Build(), "MAIL7001"));
        Assert.Equal("balancers.behaviour", f.OriginKey);
        Assert.Contains("PassThroughProxy", f.Message);
    }

    [Fact]
    public void Proxy_in_main_cf_is_an_error_whether_or_not_a_balancer_sends_it()
    {
        var behind = Assert.Single(Findings(Balanced(mx: s => s.PostfixSetting("smtpd_upstream_proxy_protocol", "haproxy")).Build(), "MAIL7002"));
        Assert.Equal("smtpIn.setting.postfix.smtpd_upstream_proxy_protocol.0.value", behind.OriginKey);
        Assert.Contains("direct", behind.Message);
        var nobody = Assert.Single(Findings(Minimal().SmtpIn(s => s.Hosts("mx.example.org").PostfixSetting("postscreen_upstream_proxy_protocol", "haproxy")).Build(), "MAIL7002"));
        Assert.Contains("no balancer sends one", nobody.Message);
        Assert.Contains("describes no balancers", nobody.Message);
        // The near miss: empty is Postfix's default, which expects nothing.
        Assert.Empty(Findings(Balanced(mx: s => s.PostfixSetting("smtpd_upstream_proxy_protocol", "")).Build(), "MAIL7002"));
    }

    [Fact]
    public void Haproxy_trusted_networks_leaving_out_a_balancer_is_an_error_and_naming_both_is_not()
    {
        var f = Assert.Single(Findings(Balanced(store: m => m.DovecotSetting("haproxy_trusted_networks", "10.0.0.2")).Build(), "MAIL7003"));
        Assert.Equal("mailstore.setting.dovecot.haproxy_trusted_networks.0.value", f.OriginKey);
        Assert.Contains("10.0.0.3", f.Message);
        Assert.Empty(Findings(Balanced(store: m => m.DovecotSetting("haproxy_trusted_networks", "10.0.0.2 10.0.0.3")).Build(), "MAIL7003"));
    }

    [Fact]
    public void An_lbaas_sending_proxy_from_no_named_network_is_an_error()
    {
        var f = Assert.Single(Findings(Minimal().Mailstore(m => m.Hosts("s.example.org").Vip("imap.example.org").Imaps())
            .Balancers(b => b.Lbaas(LbaasBehaviour.PassThroughProxy)).Build(), "MAIL7003"));
        Assert.Equal("balancers", f.OriginKey); // nothing written: the .Balancers(...) call that leaves .From(...) out
    }

    [Theory]
    [InlineData("Postfix", "mynetworks", "127.0.0.0/8 10.0.0.0/24")]
    [InlineData("Dovecot", "login_trusted_networks", "10.0.0.3")]
    [InlineData("Dovecot", "haproxy_trusted_networks", "10.0.0.0/24")]
    public void A_trusted_network_covering_more_than_the_balancers_is_an_error_at_the_value(string daemon, string key, string value)
    {
        var model = Balanced(store: m => { if (daemon == "Postfix") m.PostfixSetting(key, value); else m.DovecotSetting(key, value); }).Build();
        var f = Assert.Single(Findings(model, "MAIL7004"));
        Assert.Equal($"mailstore.setting.{daemon.ToLowerInvariant()}.{key}.0.value", f.OriginKey);
    }

    [Fact]
    public void Mynetworks_without_the_balancers_is_silent()
        => Assert.Empty(Findings(Balanced(store: m => m.PostfixSetting("mynetworks", "127.0.0.0/8 [::1]/128")).Build(), "MAIL7004"));

    [Fact]
    public void An_lbaas_terminating_tls_in_front_of_starttls_ports_is_an_error_naming_them()
    {
        var f = Assert.Single(Findings(Minimal().Mailstore(m => m.Hosts("s.example.org").Vip("imap.example.org").Imap().Imaps())
            .Balancers(b => b.Lbaas(LbaasBehaviour.TerminateReencrypt).From("10.20.0.0/28")).Build(), "MAIL7005"));
        Assert.Contains("imap (143)", f.Message);
        Assert.Contains("smtp (25)", f.Message);
    }

    [Theory]
    [InlineData("220", "SMTP")]
    [InlineData("+OK", "Pop3")]
    [InlineData("hello", "no Imap server")]
    public void A_health_check_expecting_another_greeting_is_an_error_at_the_expectation(string expect, string said)
    {
        var f = Assert.Single(Findings(Balanced(b => b.HealthCheck("mailstore", "imaps", expect)).Build(), "MAIL7006"));
        Assert.Equal("balancers.check.0.expect", f.OriginKey);
        Assert.Contains(said, f.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Empty(Findings(Balanced(b => b.HealthCheck("mailstore", "imaps", "* OK")).Build(), "MAIL7006"));
    }

    [Fact]
    public void A_health_check_of_a_listener_the_layer_lacks_is_an_error_at_the_listener()
        => Assert.Equal("balancers.check.0.listener", Assert.Single(Findings(Balanced(b => b.HealthCheck("mailstore", "pop3s", "+OK")).Build(), "MAIL7006")).OriginKey);

    [Fact]
    public void An_idle_timeout_of_thirty_minutes_or_less_in_front_of_imap_is_a_warning_and_thirty_one_is_not()
    {
        var f = Assert.Single(Findings(Balanced(b => b.IdleTimeout(5)).Build(), "MAIL7007"));
        Assert.Equal(("balancers.idleTimeout", Severity.Warning), (f.OriginKey, f.Severity));
        Assert.Single(Findings(Balanced(b => b.IdleTimeout(30)).Build(), "MAIL7007"));
        Assert.Empty(Findings(Balanced(b => b.IdleTimeout(31)).Build(), "MAIL7007"));
    }

    [Fact]
    public void A_vip_with_no_host_is_an_error_at_the_vip()
        => Assert.Equal("smtpOut.vip", Assert.Single(Findings(Balanced().SmtpOut(s => s.Vip("relay.example.org", "10.0.0.102")).Build(), "MAIL7008")).OriginKey);

    [Fact]
    public void One_listen_address_for_two_hosts_is_an_error_and_loopback_is_not()
    {
        Assert.Equal("mailstore.listenAddress", Assert.Single(Findings(Balanced(store: m => m.ListenOn("10.0.0.21")).Build(), "MAIL7009")).OriginKey);
        Assert.Empty(Findings(Balanced(store: m => m.ListenOn("127.0.0.1")).Build(), "MAIL7009"));
    }

    [Fact]
    public void One_balancer_host_is_a_warning()
    {
        var f = Assert.Single(Findings(Minimal().Mailstore(m => m.Hosts("s.example.org").Vip("imap.example.org", "10.0.0.101").Imaps())
            .Balancers(b => b.Host("lb1.example.org", "10.0.0.2")).Build(), "MAIL7010"));
        Assert.Equal(("balancers.hosts.0", Severity.Warning), (f.OriginKey, f.Severity));
    }

    [Fact]
    public void Addresses_that_are_none_and_a_vip_emitted_balancers_cannot_hold_are_errors_at_each()
    {
        var model = Minimal()
            .SmtpIn(s => s.Host("mx1.example.org", "mx1.example.org").Vip("mx.example.org"))
            .Mailstore(m => m.Hosts("s.example.org").Vip("imap.example.org", "10.0.0.300").Imaps())
            .Balancers(b => b.Host("lb1.example.org", "10.0.0.2").Host("lb2.example.org", "10.0.0.3")).Build();
        Assert.Equal(new[] { "mailstore.vipAddress", "smtpIn.hostAddress.0", "smtpIn.vip" }, Findings(model, "MAIL7011").Select(f => f.OriginKey).OrderBy(k => k, StringComparer.Ordinal));
        var lbaas = Minimal().Mailstore(m => m.Hosts("s.example.org").Vip("imap.example.org").Imaps()).Balancers(b => b.Lbaas(LbaasBehaviour.PassThroughProxy).From("10.20.0.0/33")).Build();
        Assert.Equal("balancers.sources.0", Assert.Single(Findings(lbaas, "MAIL7011")).OriginKey);
    }

    [Fact]
    public void A_balancer_host_or_vip_address_of_another_family_than_the_first_balancer_hosts_is_an_error_at_it()
    {
        // keepalived -t refuses both (a unicast peer of the other family; a VIP its instance's family does not hold).
        var peer = Balanced(b => b.Host("lb3.example.org", "2001:db8::9")).Build();
        var f = Assert.Single(Findings(peer, "MAIL7011"));
        Assert.Equal("balancers.hostAddress.2", f.OriginKey);
        Assert.Contains("'2001:db8::9'", f.Message, StringComparison.Ordinal);
        var vip = Balanced(store: m => m.Vip("imap.example.org", "2001:db8::101")).Build();
        f = Assert.Single(Findings(vip, "MAIL7011"));
        Assert.Equal("mailstore.vipAddress", f.OriginKey);
        Assert.Contains("'2001:db8::101'", f.Message, StringComparison.Ordinal);
        // The near miss: every address of one family, IPv6 alike.
        Assert.Empty(Findings(Minimal()
            .Mailstore(m => m.Host("store1.example.org", "2001:db8::21").Vip("imap.example.org", "2001:db8::101").Imaps())
            .Balancers(b => b.Host("lb1.example.org", "2001:db8::2").Host("lb2.example.org", "2001:db8::3")).Build(), "MAIL7011"));
        Assert.Empty(Findings(Balanced().Build(), "MAIL7011"));
    }

    [Fact]
    public void Dovecot_ssl_other_than_required_behind_proxy_is_an_error_and_without_balancers_it_is_not()
    {
        var f = Assert.Single(Findings(Balanced(store: m => m.DovecotSetting("ssl", "yes")).Build(), "MAIL7012"));
        Assert.Equal("mailstore.setting.dovecot.ssl.0.value", f.OriginKey);
        Assert.Empty(Findings(Minimal().Mailstore(m => m.Hosts("s.example.org").Imaps().DovecotSetting("ssl", "yes")).Build(), "MAIL7012"));
    }

    [Fact]
    public void A_listener_whose_proxy_port_is_no_port_is_an_error_at_its_port()
        => Assert.Equal("mailstore.listener.imaps.port", Assert.Single(Findings(Balanced(store: m => m.Imaps(60993)).Build(), "MAIL7013")).OriginKey);

    [Fact]
    public void A_proxy_port_clashing_with_a_listener_is_a_port_clash_at_the_fed_listener()
    {
        var f = Assert.Single(Findings(Balanced(store: m => m.Listener("alt", ServiceProtocol.Imap, 10993, ListenerSecurity.ImplicitTls)).Build(), "MAIL2002"));
        Assert.Contains("10993", f.Message);
    }
}
