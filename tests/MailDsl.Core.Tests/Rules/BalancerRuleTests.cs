using MailDsl.Model;
using MailDsl.Rules;
using MailDsl.Topology;
using Xunit;
using static MailDsl.Core.Tests.Rules.RuleTesting;

namespace MailDsl.Core.Tests.Rules;

/// <summary>MAIL7001-MAIL7018: balancers, VIPs and the PROXY protocol, each reported at the value at fault, and silent on a platform that is right.</summary>
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

    [Theory]
    [InlineData("0.0.0.0")]
    [InlineData("::")]
    [InlineData("224.0.0.18")]
    [InlineData("ff02::12")]
    [InlineData("255.255.255.255")]
    public void A_host_vip_or_balancer_address_that_is_no_one_host_is_an_error_at_it(string address)
    {
        // bind() reads 0.0.0.0 and :: as every address, and nftables and Dovecot would trust every client by them; a group
        // address is no host TCP can dial. Each is refused where it is written, naming it.
        var store = Balanced(store: m => m.Host("store9.example.org", address)).Build();
        var f = Assert.Single(Findings(store, "MAIL7011"), x => x.Message.Contains("'" + address + "'", StringComparison.Ordinal));
        Assert.StartsWith("mailstore.hostAddress.", f.OriginKey, StringComparison.Ordinal);
        var vip = Balanced(store: m => m.Vip("imap.example.org", address)).Build();
        f = Assert.Single(Findings(vip, "MAIL7011"), x => x.OriginKey == "mailstore.vipAddress");
        Assert.Contains("'" + address + "'", f.Message, StringComparison.Ordinal);
        var balancer = Balanced(b => b.Host("lb3.example.org", address)).Build();
        Assert.Contains(Findings(balancer, "MAIL7011"), x => x.OriginKey == "balancers.hostAddress.2" && x.Message.Contains("'" + address + "'", StringComparison.Ordinal));
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

    [Theory]
    [InlineData("subnet")]
    [InlineData("class")]
    public void Mynetworks_style_subnet_or_class_behind_balancers_is_an_error_at_the_value_and_host_is_not(string style)
    {
        var f = Assert.Single(Findings(Balanced(mx: s => s.PostfixSetting("mynetworks_style", style)).Build(), "MAIL7004"));
        Assert.Equal("smtpIn.setting.postfix.mynetworks_style.0.value", f.OriginKey);
        Assert.Contains("open relay", f.Message, StringComparison.Ordinal);
        Assert.Empty(Findings(Balanced(mx: s => s.PostfixSetting("mynetworks_style", "host")).Build(), "MAIL7004"));
        // Postfix reads the style only while mynetworks is unset; an explicit mynetworks without the balancers is the fix.
        Assert.Empty(Findings(Balanced(mx: s => s.PostfixSetting("mynetworks_style", style).PostfixSetting("mynetworks", "127.0.0.0/8")).Build(), "MAIL7004"));
    }

    [Fact]
    public void Postfix_bracketed_ipv6_mynetworks_covering_a_balancer_is_an_error()
    {
        Platform V6(string mynetworks) => Minimal()
            .Mailstore(m => m.Host("store1.example.org", "2001:db8::21").Host("store2.example.org", "2001:db8::22").Vip("imap.example.org", "2001:db8::101").Imaps()
                .PostfixSetting("mynetworks", mynetworks))
            .Balancers(b => b.Host("lb1.example.org", "2001:db8::2").Host("lb2.example.org", "2001:db8::3"));
        var f = Assert.Single(Findings(V6("[::1]/128 [2001:db8::]/64").Build(), "MAIL7004"));
        Assert.Contains("2001:db8::2", f.Message, StringComparison.Ordinal);
        Assert.Empty(Findings(V6("[::1]/128 [2001:db8:1::]/64").Build(), "MAIL7004"));
    }

    [Theory]
    [InlineData(0, "no timeout at all")]
    [InlineData(-5, "no timeout at all")]
    [InlineData(35792, "timer overflow")]
    public void An_idle_timeout_haproxy_refuses_or_reads_as_none_is_an_error_at_it(int minutes, string said)
    {
        var f = Assert.Single(Findings(Balanced(b => b.IdleTimeout(minutes)).Build(), "MAIL7014"));
        Assert.Equal(("balancers.idleTimeout", Severity.Error), (f.OriginKey, f.Severity));
        Assert.Contains(said, f.Message, StringComparison.Ordinal);
        Assert.Empty(Findings(Balanced(b => b.IdleTimeout(35791)).Build(), "MAIL7014"));
        Assert.Empty(Findings(Balanced(b => b.IdleTimeout(1)).Build(), "MAIL7014"));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(256)]
    [InlineData(255)] // two VIPs: 255 and 256
    public void A_virtual_router_id_keepalived_refuses_for_some_vip_is_an_error_at_it(int id)
    {
        var f = Assert.Single(Findings(Balanced(b => b.VirtualRouterId(id)).Build(), "MAIL7014"));
        Assert.Equal("balancers.virtualRouterId", f.OriginKey);
        Assert.Contains("VRID not valid", f.Message, StringComparison.Ordinal);
        Assert.Empty(Findings(Balanced(b => b.VirtualRouterId(254)).Build(), "MAIL7014"));
        Assert.Empty(Findings(Balanced(b => b.VirtualRouterId(1)).Build(), "MAIL7014"));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(65536)]
    public void A_statistics_port_that_is_no_port_is_the_port_rule_at_the_stats_port(int port)
        => Assert.Equal("balancers.listener.stats.port", Assert.Single(Findings(Balanced(b => b.Stats(port)).Build(), "MAIL2003")).OriginKey);

    [Fact]
    public void Emitted_balancers_with_no_host_are_an_error_at_the_call_not_the_single_host_warning()
    {
        var model = Minimal().Mailstore(m => m.Hosts("s.example.org").Vip("imap.example.org", "10.0.0.101").Imaps()).Balancers(b => b.Stats(8404)).Build();
        var f = Assert.Single(Findings(model, "MAIL7016"));
        Assert.Equal(("balancers", Severity.Error), (f.OriginKey, f.Severity));
        Assert.Contains("imap.example.org", f.Message, StringComparison.Ordinal);
        Assert.Empty(Findings(model, "MAIL7010"));
        Assert.Empty(Findings(Balanced().Build(), "MAIL7016"));
        Assert.Empty(Findings(Minimal().Mailstore(m => m.Hosts("s.example.org").Vip("imap.example.org").Imaps())
            .Balancers(b => b.Lbaas(LbaasBehaviour.PassThroughProxy).From("10.20.0.0/28")).Build(), "MAIL7016"));
    }

    [Theory]
    [InlineData("0.0.0.0", "every address")]
    [InlineData("::", "every address")]
    [InlineData("10.0.0.101", "Mailstore VIP")]
    public void A_statistics_page_where_clients_reach_is_an_error_at_its_address(string address, string said)
    {
        var f = Assert.Single(Findings(Balanced(b => b.Stats(8404, address)).Build(), "MAIL7017"));
        Assert.Equal(("balancers.stats.address", Severity.Error), (f.OriginKey, f.Severity));
        Assert.Contains(said, f.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Empty(Findings(Balanced(b => b.Stats(8404, address)).Build(), "MAIL7018"));
    }

    [Theory]
    [InlineData("192.0.2.10", true)]
    [InlineData("2001:db8::10", true)]
    [InlineData("172.32.0.1", true)]
    [InlineData("127.0.0.1", false)]
    [InlineData("::1", false)]
    [InlineData("10.0.0.2", false)]
    [InlineData("172.31.255.1", false)]
    [InlineData("192.168.1.1", false)]
    [InlineData("100.64.0.1", false)]
    [InlineData("fd00::1", false)]
    public void A_statistics_page_on_a_public_address_is_a_warning_and_internal_ones_are_not(string address, bool warned)
    {
        var found = Findings(Balanced(b => b.Stats(8404, address)).Build(), "MAIL7018");
        Assert.Equal(warned, found.Count == 1);
        Assert.All(found, f => Assert.Equal(("balancers.stats.address", Severity.Warning), (f.OriginKey, f.Severity)));
        Assert.Empty(Findings(Balanced(b => b.Stats(8404, address)).Build(), "MAIL7017"));
    }

    [Fact]
    public void A_balancer_host_that_is_also_a_host_binding_a_vip_port_is_an_error_at_its_name()
    {
        // store1 runs Dovecot on *:993 (and Postfix on *:25); HAProxy binds 10.0.0.101:993 there.
        var f = Assert.Single(Findings(Balanced(b => b.Host("store1.example.org", "10.0.0.21")).Build(), "MAIL7015"));
        Assert.Equal("balancers.hosts.2", f.OriginKey);
        Assert.Contains("10.0.0.101:993", f.Message, StringComparison.Ordinal);
        // The near miss: the layer binds one address of its own, not the VIP.
        Assert.Empty(Findings(Balanced(b => b.Host("store1.example.org", "10.0.0.21"), store: m => m.ListenOn("127.0.0.1")).Build(), "MAIL7015"));
        Assert.Empty(Findings(Balanced().Build(), "MAIL7015"));
    }

    [Fact]
    public void A_greeting_for_an_http_listener_is_an_error_at_the_expectation()
    {
        var model = Balanced(b => b.HealthCheck("webmail", "https", "HTTP/1.1"))
            .Webmail(w => w.Host("web1.example.org", "10.0.0.31").Host("web2.example.org", "10.0.0.32").Vip("webmail.example.org", "10.0.0.102")).Build();
        var f = Assert.Single(Findings(model, "MAIL7006"));
        Assert.Equal("balancers.check.0.expect", f.OriginKey);
        Assert.Contains("request", f.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_described_greeting_is_checked_at_the_start_of_the_answer()
    {
        var listener = Balanced().Build().Mailstore!.Listeners.First(l => l!.Name == "imaps")!;
        var plan = MailDsl.Daemons.Haproxy.HealthChecks.Plan(listener, "* OK", postscreen: false, helo: "lb1.example.org", host: "imap.example.org");
        Assert.Equal(new[] { new HealthCheckStep(HealthCheckAction.ExpectStart, "* OK") }, plan.Steps);
        Assert.Equal(new[] { "option tcp-check", @"tcp-check expect rstring ^\\*\ OK" }, MailDsl.Daemons.Haproxy.HealthChecks.Lines(plan));
    }
}
