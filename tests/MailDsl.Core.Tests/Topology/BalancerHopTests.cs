using MailDsl.Fleet;
using MailDsl.Model;
using MailDsl.Topology;
using Xunit;
using static MailDsl.Core.Tests.Rules.RuleTesting;

namespace MailDsl.Core.Tests.Topology;

/// <summary>
/// The balancers in the hops and the emitted README: each VIP port is a leg of its own from the VIP to the layer's hosts,
/// saying what it carries (TCP pass-through, TLS terminated and re-encrypted, PROXY v2) and whether the client's address
/// survives; the hops that dial a VIP name the port they pass through; a described LBaaS gets what it must be set to, once,
/// in the README and in <c>check</c> alike.
/// </summary>
public class BalancerHopTests
{
    private static Platform Layers(Action<BalancerBuilder> balancers) => Minimal()
        .SmtpIn(s => s.Host("mx1.example.org", "10.0.0.11").Host("mx2.example.org", "10.0.0.12").Vip("mx.example.org", "10.0.0.100"))
        .Mailstore(m => m.Host("store1.example.org", "10.0.0.21").Host("store2.example.org", "10.0.0.22").Vip("imap.example.org", "10.0.0.101").Imaps().ManageSieve())
        .Webmail(w => w.Host("web1.example.org", "10.0.0.31").Vip("webmail.example.org", "10.0.0.102").Https())
        .Balancers(balancers);

    private static PlatformModel Emitted(HttpsBalancing https = HttpsBalancing.PassThrough)
        => Layers(b => b.Host("lb1.example.org", "10.0.0.2").Host("lb2.example.org", "10.0.0.3").Https(https)).Build();

    private static PlatformModel Lbaas(LbaasBehaviour behaviour) => Layers(b => b.Lbaas(behaviour).From("10.0.9.0/29")).Build();

    [Fact]
    public void Each_vip_port_is_a_leg_from_the_balancers_to_its_layer_with_what_it_carries()
    {
        var model = Emitted(HttpsBalancing.Terminate);
        var hops = PlatformHops.Of(model);
        var legs = hops.Where(h => h.IsBalancerLeg).ToList();

        Assert.Equal(PlatformBalancing.Of(model).Ports.Count(), legs.Count);
        Assert.All(legs, l => Assert.Equal("balancers", l.From.Key));
        var smtp = Assert.Single(legs, l => l.To.Key == "smtpIn");
        Assert.Equal(("SMTP", 10025), (smtp.Protocol, smtp.Port));
        Assert.Equal("TCP pass-through (STARTTLS end to end) + PROXY v2", smtp.Through!.Carries);
        Assert.Equal(HopTls.OpportunisticStartTls, smtp.Tls);
        Assert.Equal(HopVerification.ClientsOwn, smtp.Verification);
        Assert.StartsWith("kept", smtp.Through.ClientAddress, StringComparison.Ordinal);
        var imaps = Assert.Single(legs, l => l.To.Key == "mailstore" && l.Protocol == "IMAP");
        Assert.Equal("TCP pass-through (TLS end to end) + PROXY v2", imaps.Through!.Carries);
        // Terminated HTTPS is a new TLS connection, verified by HAProxy against the platform's CA (here none: the system's).
        var https = Assert.Single(legs, l => l.To.Key == "webmail" && l.Protocol == "HTTPS");
        Assert.Equal((HopTls.ImplicitTls, HopVerification.Verified, 10443), (https.Tls, https.Verification, https.Port));
        Assert.Equal("TLS terminated, re-encrypted (verified against @system-ca) + PROXY v2", https.Through!.Carries);
        // The legs come right after the ways in, before the hops between layers.
        var firstLeg = hops.ToList().FindIndex(h => h.IsBalancerLeg);
        Assert.All(hops.Take(firstLeg), h => Assert.Contains(h.From.Key, new[] { "internet", "users" }));
    }

    [Fact]
    public void A_hop_that_dials_a_vip_names_the_port_it_passes_through_and_a_hop_to_a_host_none()
    {
        var model = Emitted();
        var hops = PlatformHops.Of(model);

        var users = Assert.Single(hops, h => h.From == HopEnd.Users && h.Protocol == "IMAP");
        Assert.Equal(10993, users.Through!.Port.BackendPort);
        var delivery = Assert.Single(hops, h => h.Purpose == "delivery to the mailstore");
        Assert.Equal("imap.example.org", delivery.Dials);
        Assert.Equal(10025, delivery.Through!.Port.BackendPort);
        // SOGo's ManageSieve goes to a mailstore host directly (Pigeonhole names no VIP), so no balancer carries it.
        var sieve = Assert.Single(hops, h => h.Protocol == "ManageSieve" && !h.IsBalancerLeg);
        Assert.True(sieve.Dials != "imap.example.org" ? sieve.Through is null : sieve.Through is not null);
    }

    [Fact]
    public void Without_proxy_the_client_address_is_lost_and_the_hosts_own_ports_are_dialled()
    {
        var hops = PlatformHops.Of(Lbaas(LbaasBehaviour.PassThrough));
        var legs = hops.Where(h => h.IsBalancerLeg).ToList();
        Assert.NotEmpty(legs);
        Assert.All(legs, l => Assert.StartsWith("lost", l.Through!.ClientAddress, StringComparison.Ordinal));
        Assert.Equal(993, Assert.Single(legs, l => l.Protocol == "IMAP").Port);
    }

    [Fact]
    public void The_balancers_read_no_directory()
    {
        var model = Emitted();
        Assert.DoesNotContain(PlatformHops.Of(model), h => h.From.Key == "balancers" && !h.IsBalancerLeg);
    }

    [Fact]
    public void The_readme_draws_the_vips_in_the_balancers_box_and_an_arrow_per_port_to_the_hosts()
    {
        var model = Emitted();
        var readme = FleetRenderer.RenderReadme(PlatformTopology.Of(model));
        var picture = readme[readme.IndexOf("```mermaid", StringComparison.Ordinal)..readme.IndexOf("## Hops", StringComparison.Ordinal)];
        var box = picture[picture.IndexOf("subgraph balancers", StringComparison.Ordinal)..];
        box = box[..box.IndexOf("  end", StringComparison.Ordinal)];
        foreach (var vip in new[] { "mx.example.org", "imap.example.org", "webmail.example.org" })
            Assert.Contains("{{\"VIP " + vip + "\"}}", box);
        Assert.Contains("  mailstore_vip -->|\"IMAP 10993 · TCP pass-through (TLS end to end) + PROXY v2 · client address kept\"| mailstore", picture);
        Assert.Contains("  users -->|\"IMAP 993 · TLS · certificate checked by the client\"| mailstore_vip", picture);
        // The table says the same, with what the hop passes through and whether the host learns the client's address.
        Assert.Contains("| through the balancers | client's address at the host |", readme);
        Assert.Contains("| users | mailstore | IMAP | 993 | - | TLS | certificate checked by the client | users read mail | VIP port 993 to port 10993 of a host | kept: PROXY v2, read by the host |", readme);
        Assert.DoesNotContain("What the LBaaS must be set to", readme);
    }

    [Fact]
    public void A_described_lbaas_is_told_per_vip_its_listeners_backends_proxy_checks_timeouts_and_sources()
    {
        var model = Lbaas(LbaasBehaviour.PassThroughProxy);
        var lbaas = LbaasRequirements.Of(model)!;
        var text = string.Join("\n", lbaas.Markdown());

        Assert.Equal(new[] { "10.0.9.0/29" }, lbaas.Sources);
        Assert.Contains("`10.0.9.0/29` only", text);
        Assert.Contains("idle 31 minutes on the client side and on the server side", text);
        Assert.Contains("### VIP imap.example.org (10.0.0.101): mailstore", text);
        Assert.Contains("| 993 | imaps | TCP | least connections | store1.example.org 10.0.0.21:10993, store2.example.org 10.0.0.22:10993 | on, health check too | "
            + "over a PROXY v2 header first, then TLS (SNI imap.example.org, certificate verified against @system-ca): expect \"* OK\", then send \"a LOGOUT\\r\\n\", then expect \"* BYE\" |", text);
        // postscreen counts a client that speaks first as a bot: the MX's check only reads the banner.
        Assert.Contains("| 25 | smtp | TCP | least connections | mx1.example.org 10.0.0.11:10025, mx2.example.org 10.0.0.12:10025 | on, health check too | "
            + "over a PROXY v2 header first: expect a reply starting \"220\" |", text);
        Assert.Contains("over a PROXY v2 header first, then TLS (SNI webmail.example.org, certificate verified against @system-ca): GET /SOGo/ HTTP/1.1 with Host: webmail.example.org, expect status 200", text);
        // The README carries the same lines.
        var readme = FleetRenderer.RenderReadme(PlatformTopology.Of(model));
        Assert.Contains(text, readme);
        Assert.Contains("_lbaas[\"LBaaS: TCP pass-through with the PROXY protocol v2\"]", readme);
    }

    [Fact]
    public void An_lbaas_that_reencrypts_is_told_to_terminate_tls_ports_only_and_to_verify_the_hosts()
    {
        var model = Minimal()
            .Mailstore(m => m.Host("store1.example.org", "10.0.0.21").Vip("imap.example.org", "10.0.0.101").Imaps())
            .Webmail(w => w.Host("web1.example.org", "10.0.0.31").Vip("webmail.example.org", "10.0.0.102").Https().HttpRedirect())
            .Balancers(b => b.Lbaas(LbaasBehaviour.TerminateReencrypt).From("10.0.9.0/29")).Build();
        var lbaas = LbaasRequirements.Of(model)!;
        var text = string.Join("\n", lbaas.Markdown());

        Assert.Empty(lbaas.Sources);
        Assert.Contains("| 993 | imaps | TLS terminated with the platform's certificate, re-encrypted to the host | least connections | store1.example.org 10.0.0.21:993 | off |", text);
        Assert.Contains("| 443 | https | HTTPS terminated with the platform's certificate, re-encrypted to the host | by source address |", text);
        // Plain HTTP (the redirect) is relayed as it is, and checked for the redirect.
        Assert.Contains("| 80 | http | TCP | by source address | web1.example.org 10.0.0.31:80 | off | GET /SOGo/ HTTP/1.1 with Host: webmail.example.org, expect status 301 |", text);
        Assert.Contains("verifies each host's against `@system-ca`", text);
        Assert.Contains("cannot tell clients apart", text);
        Assert.Null(LbaasRequirements.Of(Emitted()));
    }
}
