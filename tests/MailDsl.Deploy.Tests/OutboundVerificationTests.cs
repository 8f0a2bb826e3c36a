using System.Text.RegularExpressions;
using MailDsl.Deploy.Tests.Support;
using MailDsl.Model;
using MailDsl.TestPlatform;
using MailDsl.TestPlatform.Network;
using MailDsl.TestPlatform.Sandbox;
using MailDsl.TestPlatform.Tls;
using Xunit;

namespace MailDsl.Deploy.Tests;

/// <summary>
/// The relay verifying the Internet's servers, on a lab network with the real tools: a relay with <c>.OutboundDane()</c> and
/// <c>.OutboundMtaSts()</c>, emitted and installed by its own install.sh on the target (unbound on loopback, mta-sts-daemon,
/// Postfix), the test adding only what the Internet would provide: the trust anchor of a DNSSEC-signed test zone (keys
/// and signatures by ldns-keygen and ldns-signzone) served by nsd on a lab host of its own, five test MXes on five lab
/// addresses (one Postfix, one certificate per address), and an nginx serving two MTA-STS policies in enforce mode, its
/// certificates in the relay's system CA bundle. Postfix's own log says the rest: a verified TLS connection to the MX whose
/// TLSA record matches its key and to the MX an enforce policy covers, and mail deferred, with the reason, to the MX whose
/// TLSA record matches another key, to the MX the policy does not cover, and to the MX an enforce policy covers but whose
/// TLSA record matches another key (DANE first, RFC 8461 section 2).
/// </summary>
public abstract class OutboundVerificationTests
{
    private const string Zone = "lab.test";
    private const string PlatformDomain = "relay.test";
    /// <summary>The relay's name.</summary>
    internal const string Relay = "relay-01." + PlatformDomain;

    // Each destination domain, its MX and what must happen.
    private static readonly (string Domain, string Mx)[] Destinations =
    {
        ("good." + Zone, "mx-good." + Zone),   // TLSA 3 1 1 of the MX's own key: verified, delivered
        ("bad." + Zone, "mx-bad." + Zone),     // TLSA 3 1 1 of another key: deferred
        ("sts1." + Zone, "mx-sts." + Zone),    // enforce policy naming its MX: verified, delivered
        ("sts2." + Zone, "mx-other." + Zone),  // enforce policy naming another MX: deferred
        ("both." + Zone, "mx-both." + Zone),   // an enforce policy naming it, and TLSA of another key: DANE first, deferred
    };

    [DeployFact("nsd", "nsd-checkzone", "ldns-keygen", "ldns-signzone", "nginx", "dig")]
    public void The_relay_delivers_verified_where_DANE_or_an_enforce_policy_says_and_defers_where_they_fail()
    {
        if (LabNetwork.UnsafeReason() is { } unsafeReason) throw new InvalidOperationException(unsafeReason);
        var target = DeployFactDiscoverer.TargetOf(GetType());
        using var deployment = Deployment.Create();
        var outDir = deployment.Emit(() => Describe(target));
        var q = Command.ShellQuote;
        var work = Path.Combine(deployment.Root, "outbound");
        Directory.CreateDirectory(work);

        using var lab = LabNetwork.Create();
        var nsAddress = lab.Allocate();
        var webAddress = lab.Allocate();
        var relayAddress = lab.Allocate();
        var mxAddresses = Destinations.Select(_ => lab.Allocate()).ToArray();

        // A certificate per MX (its name only), the web's for both policy hosts, and a key no MX has.
        string Cert(string name) => Path.Combine(work, name + ".crt");
        string Key(string name) => Path.Combine(work, name + ".key");
        foreach (var (_, name) in Destinations) TestCertificate.Make(Cert(name), Key(name), new[] { name }, Array.Empty<string>());
        TestCertificate.Make(Cert("web"), Key("web"), new[] { "mta-sts.sts1." + Zone, "mta-sts.sts2." + Zone, "mta-sts.both." + Zone }, Array.Empty<string>());
        TestCertificate.Make(Cert("elsewhere"), Key("elsewhere"), new[] { "elsewhere." + Zone }, Array.Empty<string>());
        TestCertificate.Make(deployment.CertificateFile + ".relay", deployment.KeyFile + ".relay", new[] { Relay }, Array.Empty<string>());

        // The signed zone: MX, A, TLSA (the good MX's key; another key for the bad one), the MTA-STS TXT records.
        var goodTlsa = TestPki.Tlsa311(Cert("mx-good." + Zone));
        var otherTlsa = TestPki.Tlsa311(Cert("elsewhere"));
        var zone = $"$ORIGIN {Zone}.\n$TTL 300\n@ IN SOA ns1.{Zone}. hostmaster.{Zone}. 1 3600 600 86400 300\n@ IN NS ns1.{Zone}.\nns1 IN A {nsAddress}\n"
            + string.Concat(Destinations.Select((d, i) => $"{d.Domain}. IN MX 10 {d.Mx}.\n{d.Mx}. IN A {mxAddresses[i]}\n"))
            + $"_25._tcp.mx-good IN TLSA 3 1 1 {goodTlsa}\n_25._tcp.mx-bad IN TLSA 3 1 1 {otherTlsa}\n_25._tcp.mx-both IN TLSA 3 1 1 {otherTlsa}\n"
            + string.Concat(new[] { "sts1", "sts2", "both" }.Select(d => $"_mta-sts.{d} IN TXT \"v=STSv1; id=20261206\"\nmta-sts.{d} IN A {webAddress}\n"));
        File.WriteAllText(Path.Combine(work, Zone + ".zone"), zone);
        var signed = Command.Run("bash", new[] { "-c", "set -e; cd \"$1\"; zsk=$(ldns-keygen -a ECDSAP256SHA256 \"$2\"); ksk=$(ldns-keygen -a ECDSAP256SHA256 -k \"$2\"); "
            + "ldns-signzone \"$2.zone\" \"$zsk\" \"$ksk\"; cat \"$ksk.ds\"", "sign", work, Zone });
        Assert.True(signed.Succeeded, "ldns-keygen/ldns-signzone:\n" + signed);
        var ds = signed.Output.Trim().Split('\n').Last(l => Regex.IsMatch(l, @"\sDS\s")).Trim();

        // nsd on its own lab host serves the signed zone.
        var nsDir = Path.Combine(work, "nsd");
        Directory.CreateDirectory(nsDir);
        File.Copy(Path.Combine(work, Zone + ".zone.signed"), Path.Combine(nsDir, Zone + ".zone.signed"));
        File.WriteAllText(Path.Combine(nsDir, "nsd.conf"), $"server:\n  ip-address: {nsAddress}\n  port: 53\n  username: \"\"\n  chroot: \"\"\n  zonesdir: \"{nsDir}\"\n"
            + $"  pidfile: \"{nsDir}/nsd.pid\"\n  database: \"\"\n  xfrdfile: \"{nsDir}/xfrd.state\"\n  zonelistfile: \"{nsDir}/zone.list\"\n  logfile: \"{nsDir}/nsd.log\"\n"
            + $"remote-control:\n  control-enable: no\nzone:\n  name: {Zone}\n  zonefile: \"{Zone}.zone.signed\"\n");
        using var ns = SandboxHost.Start("ns1." + Zone, Path.Combine(work, "hosts", "ns"), Distro.Debian12, new[] { deployment.Root }, lab, nsAddress);
        ns.Must($"nsd-checkzone {Zone} {q(Path.Combine(nsDir, Zone + ".zone.signed"))} && nsd -c {q(Path.Combine(nsDir, "nsd.conf"))}", "nsd serving the signed zone");

        // The four MXes: one Postfix on four addresses, each address's smtpd with its own certificate; it accepts the
        // four domains and discards what it receives.
        using var mx = SandboxHost.Start("mx." + Zone, Path.Combine(work, "hosts", "mx"), Distro.Debian12, new[] { deployment.Root }, lab, mxAddresses[0]);
        var master = string.Concat(Destinations.Select((d, i) => $"{mxAddresses[i]}:25 inet n - n - - smtpd -o smtpd_tls_cert_file=/etc/ssl/lab/{d.Mx}.crt -o smtpd_tls_key_file=/etc/ssl/lab/{d.Mx}.key\n"))
            + string.Concat(new[]
            {
                "pickup unix n - n 60 1 pickup", "cleanup unix n - n - 0 cleanup", "qmgr unix n - n 300 1 qmgr", "tlsmgr unix - - n 1000? 1 tlsmgr",
                "rewrite unix - - n - - trivial-rewrite", "bounce unix - - n - 0 bounce", "defer unix - - n - 0 bounce", "trace unix - - n - 0 bounce",
                "verify unix - - n - 1 verify", "flush unix n - n 1000? 0 flush", "proxymap unix - - n - - proxymap", "smtp unix - - n - - smtp",
                "relay unix - - n - - smtp", "showq unix n - n - - showq", "error unix - - n - - error", "retry unix - - n - - error",
                "discard unix - - n - - discard", "anvil unix - - n - 1 anvil", "scache unix - - n - 1 scache", "postlog unix-dgram n - n - 1 postlogd",
            }.Select(l => l + "\n"));
        var main = $"compatibility_level = 3.6\nmyhostname = mx.{Zone}\nmydestination =\nalias_maps =\ninet_interfaces = all\ninet_protocols = ipv4\n"
            + $"relay_domains = {string.Join(", ", Destinations.Select(d => d.Domain))}\nrelay_transport = discard:\nsmtpd_tls_security_level = may\n"
            + "smtpd_tls_loglevel = 1\nmaillog_file = /var/log/postfix.log\n";
        mx.Must(string.Join("\n", new[] { "set -e", "install -d /etc/ssl/lab" }
            .Concat(Destinations.Select(d => $"install -m 0644 {q(Cert(d.Mx))} /etc/ssl/lab/{d.Mx}.crt && install -m 0600 {q(Key(d.Mx))} /etc/ssl/lab/{d.Mx}.key"))
            .Concat(mxAddresses.Skip(1).Select(a => $"ip addr add {a}/{LabNetwork.PrefixLength} dev eth0"))
            .Concat(new[]
            {
                $"cat > /etc/postfix/main.cf <<'EOF'\n{main}EOF",
                $"cat > /etc/postfix/master.cf <<'EOF'\n{master}EOF",
                "postfix start",
            })), "starting the test MXes");

        // nginx serves both policies in enforce mode, each naming mx-sts only.
        using var web = SandboxHost.Start("mta-sts." + Zone, Path.Combine(work, "hosts", "web"), Distro.Debian12, new[] { deployment.Root }, lab, webAddress);
        string Server(string names, string mx) => $"  server {{\n    listen {webAddress}:443 ssl;\n    server_name {names};\n"
            + "    ssl_certificate /etc/ssl/lab/web.crt;\n    ssl_certificate_key /etc/ssl/lab/web.key;\n"
            + $"    location = /.well-known/mta-sts.txt {{\n      default_type text/plain;\n      return 200 \"version: STSv1\\nmode: enforce\\nmx: {mx}\\nmax_age: 86400\\n\";\n    }}\n  }}\n";
        var nginx = "user www-data;\npid /run/nginx.pid;\nerror_log /var/log/nginx/error.log;\nevents {}\nhttp {\n"
            + Server($"mta-sts.sts1.{Zone} mta-sts.sts2.{Zone}", "mx-sts." + Zone) + Server($"mta-sts.both.{Zone}", "mx-both." + Zone) + "}\n";
        web.Must(string.Join("\n", "set -e", "install -d /etc/ssl/lab", $"install -m 0644 {q(Cert("web"))} /etc/ssl/lab/web.crt",
            $"install -m 0600 {q(Key("web"))} /etc/ssl/lab/web.key", $"cat > /etc/nginx/nginx.conf <<'EOF'\n{nginx}EOF", "nginx -t", "nginx"), "starting the MTA-STS web server");

        // The relay: installed by its own install.sh on the target.
        using var relay = SandboxHost.Start(Relay, Path.Combine(work, "hosts", "relay"), target, new[] { deployment.Root }, lab, relayAddress);
        relay.Must(string.Join("\n", "set -e",
            $"install -D -m 0644 {q(deployment.CertificateFile + ".relay")} {q(IntegrationPlatform.CertificatePath)}",
            $"install -D -m 0600 {q(deployment.KeyFile + ".relay")} {q(IntegrationPlatform.KeyPath)}",
            $"echo '{relayAddress} {Relay}' >> /etc/hosts"), "preparing the relay");
        var install = relay.Run($"cd {q(Path.Combine(outDir, Relay))} && bash ./install.sh", TimeSpan.FromMinutes(4));
        Assert.True(install.Succeeded, $"install.sh on the relay:\n{install}\n{relay.Tail(Install.InstallScriptRenderer.StartLog)}");
        Assert.Equal($"nameserver 127.0.0.1", relay.Run("grep ^nameserver /etc/resolv.conf").Output.Trim());
        Assert.True(relay.Run("pgrep -x unbound && pgrep -x mta-sts-daemon").Succeeded, "unbound and mta-sts-daemon run after install.sh");

        // What the Internet provides: the test zone's trust anchor and where its servers are (unbound, which otherwise answers
        // the special-use .test itself, RFC 6761), and the test
        // certificates in the system CA bundle (MTA-STS is PKIX: Postfix's smtp_tls_CAfile, mta-sts-daemon's HTTPS).
        relay.Must(string.Join("\n", "set -e",
            $"cat > /etc/unbound/unbound.conf.d/lab-test.conf <<'EOF'\nserver:\n    trust-anchor: \"{ds}\"\n    local-zone: \"test.\" nodefault\n    verbosity: 2\n    use-syslog: no\n    logfile: \"/var/lib/unbound/unbound.log\"\nstub-zone:\n    name: \"{Zone}\"\n    stub-addr: {nsAddress}\nEOF",
            "unbound-checkconf",
            "kill -HUP \"$(cat /run/unbound.pid)\"",
            $"cat {string.Join(" ", Destinations.Select(d => q(Cert(d.Mx))).Append(q(Cert("web"))))} >> /etc/ssl/certs/ca-certificates.crt",
            "/etc/init.d/postfix-mta-sts-resolver restart >/dev/null"), "giving the relay the test zone's trust anchor and the test CAs");

        // unbound validates: the answer carries the AD bit.
        var dig = "";
        for (var i = 0; i < 40 && !Regex.IsMatch(dig, @"flags:[a-z ]* ad[ ;]"); i++)
        {
            if (i > 0) Thread.Sleep(250);
            dig = relay.Run($"dig +dnssec +time=2 +tries=1 MX good.{Zone}").Output;
        }
        Assert.True(Regex.IsMatch(dig, @"flags:[a-z ]* ad[ ;]"), $"no AD bit from the relay's unbound:\n{dig}\n{relay.Tail("/var/lib/unbound/unbound.log", 60)}");
        // The policy as postfix-mta-sts-resolver fetches it, through the relay's own resolver.
        var query = relay.Run($"mta-sts-query sts1.{Zone}", TimeSpan.FromMinutes(1));
        Assert.True(query.Succeeded && query.Output.Contains("STSFetchResult.VALID", StringComparison.Ordinal), query.ToString());

        // DANE first: the relay's DANE lookup claims the destination with TLSA records, though its MTA-STS policy would pass.
        var daneFirst = "tcp:127.0.0.1:8462";
        Assert.Equal("dane-only", relay.Run($"postmap -q both.{Zone} {daneFirst}").Output.Trim());
        Assert.Equal("dane-only", relay.Run($"postmap -q good.{Zone} {daneFirst}").Output.Trim());
        Assert.False(relay.Run($"postmap -q sts1.{Zone} {daneFirst}").Succeeded, "no TLSA records for sts1: the MTA-STS table decides");
        Assert.StartsWith("secure match=mx-both." + Zone, relay.Run($"postmap -q both.{Zone} socketmap:inet:127.0.0.1:8461:postfix").Output.Trim(), StringComparison.Ordinal);

        foreach (var (domain, _) in Destinations)
            relay.Must($"printf 'Subject: outbound test\\n\\nto {domain}\\n' | sendmail -f postmaster@{PlatformDomain} user@{domain}", "submitting to " + domain);
        string log = "";
        string? Status(string domain) => Regex.Match(log, $@"to=<user@{Regex.Escape(domain)}>.*status=(sent|deferred|bounced) \(([^\n]*)\)") is { Success: true } m ? m.Groups[1].Value + " (" + m.Groups[2].Value + ")" : null;
        for (var i = 0; i < 240 && Destinations.Any(d => Status(d.Domain) is null); i++)
        {
            Thread.Sleep(500);
            log = relay.Run("cat /var/log/postfix.log").Output;
        }
        var said = $"the relay's Postfix log:\n{log}\nunbound/mta-sts:\n{relay.Tail(Install.InstallScriptRenderer.StartLog)}";
        Assert.StartsWith("sent", Status("good." + Zone) ?? "", StringComparison.Ordinal);
        Assert.Contains($"Verified TLS connection established to mx-good.{Zone}[{mxAddresses[0]}]:25", log);
        Assert.True(Status("bad." + Zone) is { } bad && bad.StartsWith("deferred", StringComparison.Ordinal) && bad.Contains("not verified", StringComparison.OrdinalIgnoreCase), said);
        Assert.StartsWith("sent", Status("sts1." + Zone) ?? "", StringComparison.Ordinal);
        Assert.Contains($"Verified TLS connection established to mx-sts.{Zone}[{mxAddresses[2]}]:25", log);
        Assert.True(Status("sts2." + Zone) is { } sts2 && sts2.StartsWith("deferred", StringComparison.Ordinal) && sts2.Contains("not verified", StringComparison.OrdinalIgnoreCase), said);
        Assert.True(Status("both." + Zone) is { } both && both.StartsWith("deferred", StringComparison.Ordinal) && both.Contains("not verified", StringComparison.OrdinalIgnoreCase), said);
        Assert.DoesNotContain($"Verified TLS connection established to mx-both.{Zone}", log);
        Assert.DoesNotContain($"Verified TLS connection established to mx-bad.{Zone}", log);
        Assert.DoesNotContain($"Verified TLS connection established to mx-other.{Zone}", log);
    }

    /// <summary>The relay alone, verifying with DANE and MTA-STS (also linted by <see cref="AnsibleTests"/>).</summary>
    internal static Platform Describe(Distro target) => Platform.Create(PlatformDomain)
        .Target(target)
        .Certificate(IntegrationPlatform.CertificatePath, IntegrationPlatform.KeyPath)
        .SmtpOut(s => s.Hosts(Relay).OutboundDane().OutboundMtaSts()
            .PostfixSetting("maillog_file", "/var/log/postfix.log"));
}

/// <summary><see cref="OutboundVerificationTests"/> with Debian 12's relay.</summary>
[OnTarget(Distro.Debian12)]
public sealed class OutboundVerificationTestsOnDebian12 : OutboundVerificationTests;

/// <summary><see cref="OutboundVerificationTests"/> with Debian 13's relay.</summary>
[OnTarget(Distro.Debian13)]
public sealed class OutboundVerificationTestsOnDebian13 : OutboundVerificationTests;
