using MailDsl.Dns;
using MailDsl.Model;
using MailDsl.Render;
using MailDsl.TestPlatform;
using MailDsl.TestPlatform.Directories;
using MailDsl.TestPlatform.Network;
using MailDsl.TestPlatform.Sandbox;
using MailDsl.TestPlatform.Tls;
using Xunit;

namespace MailDsl.Integration.Tests;

/// <summary>
/// The DNS side of mail TLS on a lab network, with the real tools: the zone fragment emit writes (TLSA from the deployed
/// certificate, MX, MTA-STS, TLS-RPT, CAA) loaded by nsd on a lab host and read back with dig, the TLSA value equal to
/// openssl's SPKI digest of the certificate the MX serves, and the MTA-STS policy fetched from the webmail's nginx over
/// HTTPS and parsed by postfix-mta-sts-resolver's own client (mta-sts-query), the test CA trusted.
/// </summary>
public sealed class DnsRecordTests
{
    private const string Domain = IntegrationPlatform.Domain;
    private const string Mx = "mx1." + Domain;
    private const string Store = "store1." + Domain;
    private const string Web = "web1." + Domain;
    private const string NameServer = "ns1." + Domain;
    private const string Client = "client." + Domain;

    [LabFact]
    public void Zone_fragment_loads_in_nsd_and_the_policy_parses_on_debian12() => ZoneAndPolicy(Distro.Debian12);

    [LabFact]
    public void Zone_fragment_loads_in_nsd_and_the_policy_parses_on_debian13() => ZoneAndPolicy(Distro.Debian13);

    private static void ZoneAndPolicy(Distro target)
    {
        using var lab = LabPlatform.Start(target, _ => Describe(target), new LabPlatformOptions
        {
            Directory = true,
            Secrets = new Dictionary<string, string>
            {
                [TestDirectory.BindSecretPath] = TestDirectory.BindPassword,
                [TestDirectory.SogoSecretPath] = TestDirectory.SogoDbPassword,
            },
        });
        var q = Command.ShellQuote;

        // install.sh on the MX printed the TLSA record of the key it serves; openssl says what it must be.
        var expected = TestPki.Tlsa311(lab.CertificateFile);
        Assert.Contains($"tlsa: _25._tcp.{Mx}. IN TLSA 3 1 1 {expected}", lab.InstallLogs[Mx]);

        // What emit writes where the certificate is readable at its path on the hosts.
        var certificate = File.ReadAllText(lab.CertificateFile);
        var artifacts = PlatformRenderer.Render(lab.Model, path => path == LabPlatform.CertificatePath ? certificate : null);
        var fragment = artifacts.Single(a => a.Host == "" && a.Path == DnsRecords.PathOf(Domain)).Content;
        Assert.Contains($"_25._tcp.{Mx}. 3600 IN TLSA 3 1 1 {expected}", fragment);

        // nsd on a lab host of its own serves both mail domains' zones: an SOA and NS of the test's, then each fragment as emitted.
        var nsAddress = lab.Addresses[NameServer];
        var folder = Path.Combine(lab.Root, "nsd");
        Directory.CreateDirectory(folder);
        var conf = $"server:\n  ip-address: {nsAddress}\n  port: 53\n  username: \"\"\n  chroot: \"\"\n  zonesdir: \"{folder}\"\n"
            + $"  pidfile: \"{folder}/nsd.pid\"\n  database: \"\"\n  xfrdfile: \"{folder}/xfrd.state\"\n  zonelistfile: \"{folder}/zone.list\"\n  logfile: \"{folder}/nsd.log\"\n"
            + "remote-control:\n  control-enable: no\n";
        foreach (var zone in new[] { Domain, TestDirectory.SecondDomain })
        {
            var zoneFragment = artifacts.Single(a => a.Host == "" && a.Path == DnsRecords.PathOf(zone)).Content;
            var glue = zone == Domain ? $"{NameServer}. IN A {nsAddress}\n{Web}. IN A {lab.AddressOf(Web)}\n{Mx}. IN A {lab.AddressOf(Mx)}\n" : "";
            File.WriteAllText(Path.Combine(folder, zone + ".zone"), $"$ORIGIN {zone}.\n$TTL 3600\n@ IN SOA {NameServer}. hostmaster.{zone}. 1 3600 600 86400 300\n@ IN NS {NameServer}.\n" + glue + zoneFragment);
            conf += $"zone:\n  name: {zone}\n  zonefile: \"{zone}.zone\"\n";
        }
        File.WriteAllText(Path.Combine(folder, "nsd.conf"), conf);
        using var ns = SandboxHost.Start(NameServer, Path.Combine(lab.Root, "hosts", NameServer), Distro.Debian12, new[] { folder }, lab.Network, nsAddress);
        foreach (var zone in new[] { Domain, TestDirectory.SecondDomain })
            ns.Must($"nsd-checkzone {zone} {q(Path.Combine(folder, zone + ".zone"))}", "nsd-checkzone reading the zone with the fragment");
        ns.Must($"nsd -c {q(Path.Combine(folder, "nsd.conf"))}", "nsd starting");

        string Dig(string type, string name)
        {
            for (var i = 0; ; i++)
            {
                var result = Command.Run("dig", new[] { "@" + nsAddress, "+short", "+norecurse", "+time=2", "+tries=1", type, name });
                if (result.Succeeded && result.Output.Trim().Length > 0 || i == 20) return result.Output.Trim();
                Thread.Sleep(250);
            }
        }

        var tlsa = Dig("TLSA", $"_25._tcp.{Mx}");
        Assert.Equal("3 1 1 " + expected, tlsa.Replace(" ", "").Insert(1, " ").Insert(3, " ").Insert(5, " ").ToLowerInvariant());
        Assert.Equal($"10 {Mx}.", Dig("MX", Domain));
        Assert.Equal($"10 {Mx}.", Dig("MX", TestDirectory.SecondDomain));
        Assert.Equal($"\"v=STSv1; id={MtaSts.Id(File.ReadAllText(Path.Combine(lab.OutDir, Web, "etc", "nginx", "maildsl", "mta-sts.txt")))}\"", Dig("TXT", "_mta-sts." + TestDirectory.SecondDomain));
        var policy = File.ReadAllText(Path.Combine(lab.OutDir, Web, "etc", "nginx", "maildsl", "mta-sts.txt"));
        Assert.Equal($"\"v=STSv1; id={MtaSts.Id(policy)}\"", Dig("TXT", "_mta-sts." + Domain));
        Assert.Equal($"\"v=TLSRPTv1; rua=mailto:tlsrpt@{Domain}\"", Dig("TXT", "_smtp._tls." + Domain));
        Assert.Equal("0 issue \"letsencrypt.org\"", Dig("CAA", Domain));
        Assert.Equal(Web + ".", Dig("CNAME", "mta-sts." + Domain));

        // The policy over HTTPS from the webmail's nginx: 200, text/plain, no redirect, its name on the certificate.
        var curl = Command.Run("curl", new[] { "-sS", "-D", "-", "--cacert", lab.CertificateFile, "--resolve", $"mta-sts.{Domain}:443:{lab.AddressOf(Web)}", $"https://mta-sts.{Domain}/.well-known/mta-sts.txt" });
        Assert.True(curl.Succeeded, curl.ToString());
        Assert.StartsWith("HTTP/1.1 200", curl.Output);
        Assert.Contains("Content-Type: text/plain", curl.Output);
        Assert.EndsWith(policy, curl.Output.Replace("\r\n", "\n"));

        // postfix-mta-sts-resolver's own client on a host of the target: its resolver is nsd, the test CA its trust store.
        using var client = SandboxHost.Start(Client, Path.Combine(lab.Root, "hosts", Client), target, new[] { Path.GetDirectoryName(lab.CertificateFile)! }, lab.Network, lab.Addresses[Client]);
        client.Must($"echo 'nameserver {nsAddress}' > /etc/resolv.conf && echo '{lab.AddressOf(Web)} mta-sts.{Domain}' >> /etc/hosts", "pointing the client at nsd");
        var query = client.Run($"SSL_CERT_FILE={q(lab.CertificateFile)} mta-sts-query {Domain}", TimeSpan.FromMinutes(1));
        Assert.True(query.Succeeded, query.ToString());
        Assert.Contains("STSFetchResult.VALID", query.Output);
        Assert.Contains(MtaSts.Id(policy), query.Output);
        Assert.Contains("'mode': 'enforce'", query.Output);
        Assert.Contains($"'mx': ['{Mx}']", query.Output);
        Assert.Contains("'max_age': 604800", query.Output);
        ns.Run($"kill \"$(cat {q(Path.Combine(folder, "nsd.pid"))})\"");
    }

    private static Platform Describe(Distro target) => Platform.Create(Domain)
        .AddMailDomain(TestDirectory.SecondDomain)
        .Banner("MailDsl lab DNS test")
        .Target(target)
        .Certificate(LabPlatform.CertificatePath, LabPlatform.KeyPath)
        .CertificateAuthority(LabPlatform.CertificatePath)
        .Directory(d => d.Ldap(LdapSchema.InetOrgPerson)
            .Server(TestDirectory.LdapHost, LdapSecurity.Ldaps, 636)
            .BaseDn("ou=people," + TestDirectory.BaseDn)
            .BindAs(TestDirectory.BindDn, Secret.File(TestDirectory.BindSecretPath)))
        .Dns(d => d.Tlsa().MtaSts(MtaStsMode.Enforce, 604800).TlsReports("mailto:tlsrpt@" + Domain).Caa("letsencrypt.org"))
        .SmtpIn(s => s.Hosts(Mx).Smtp().StartTls(TlsLevel.May)
            .PostfixSetting("maillog_file", "/var/log/postfix.log")
            .PostfixSetting("smtp_host_lookup", "native"))
        .Mailstore(m => m.Hosts(Store).Smtp().Imaps()
            .PostfixSetting("maillog_file", "/var/log/postfix.log")
            .DovecotSetting("log_path", "/var/log/dovecot.log"))
        .Webmail(w => w.Hosts(Web).Sogo(20000).Https(443)
            .Database(db => db.PostgreSql(TestDirectory.DbHost, 5432).Name(TestDirectory.SogoDbName)
                .Login(TestDirectory.SogoDbUser, Secret.File(TestDirectory.SogoSecretPath))));
}
