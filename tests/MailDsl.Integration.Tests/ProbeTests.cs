using System.Net;
using MailDsl.Daemons.Nginx;
using MailDsl.Daemons.Sogo;
using MailDsl.Model;
using MailDsl.Targets;
using MailDsl.TestPlatform;
using MailDsl.TestPlatform.Directories;
using MailDsl.TestPlatform.Network;
using Xunit;
using Xunit.Abstractions;

namespace MailDsl.Integration.Tests;

/// <summary>
/// The <c>probe</c> verb, run for real (<see cref="Hosting.PlatformHost.Run(string[], Func{Platform}, TextWriter?, TextWriter?)"/>)
/// against a lab platform on each target's daemons: two MX hosts behind a VIP, a relay with submission, a mailstore, two
/// webmail hosts (nginx in front of SOGo) behind a VIP. As installed it reports no difference; then one daemon's file is
/// changed behind MailDsl's back at a time (a weaker cipher string, TLS 1.1 enabled, a foreign certificate, nginx without
/// HSTS, port 80 serving a page instead of the redirect, a stopped sogod, a stopped Dovecot), and probe reports exactly
/// that difference, at that host and port, and exits 1. One platform per target serves every step; each change is
/// undone before the next.
/// </summary>
public sealed class ProbeTests(ITestOutputHelper output)
{
    private const string Mx1 = "mx1." + IntegrationPlatform.Domain;
    private const string Mx2 = "mx2." + IntegrationPlatform.Domain;
    private const string MxVip = "mx." + IntegrationPlatform.Domain;
    private const string Relay = "relay1." + IntegrationPlatform.Domain;
    private const string Store = "store1." + IntegrationPlatform.Domain;
    private const string Web1 = "web1." + IntegrationPlatform.Domain;
    private const string Web2 = "web2." + IntegrationPlatform.Domain;
    private const string WebVip = "webmail." + IntegrationPlatform.Domain;

    [LabFact]
    public void Probe_finds_what_was_changed_behind_maildsls_back_on_debian12() => ProbeAndBreak(Distro.Debian12);

    [LabFact]
    public void Probe_finds_what_was_changed_behind_maildsls_back_on_debian13() => ProbeAndBreak(Distro.Debian13);

    private void ProbeAndBreak(Distro target)
    {
        using var lab = LabPlatform.Start(target, _ => Describe(target), LabPlatformOptions.WithTestDirectory(sogoDatabase: true));

        // As installed: every endpoint (3 hosts' ports, the other MX's and the VIP's) as described.
        var clean = Probe(lab);
        Assert.True(clean.Exit == 0, "probe found differences on the platform as installed:\n" + clean.Text);
        Assert.Contains("no differences: ", clean.Text);
        Assert.Contains($"{Store}:993", clean.Text);
        Assert.Contains($"{MxVip}:25", clean.Text);
        Assert.Contains("tls1.2 suites", clean.Text);
        // The webmail's own checks ran, on every host and the VIP, and passed.
        foreach (var (where, check) in new[] { ($"{Web2}:443", "hsts"), ($"{Web2}:443", "webmail login page"), ($"{Web2}:80", "redirect"), ($"{WebVip}:443", "webmail login page"), ($"{WebVip}:80", "redirect") })
            Assert.Contains(clean.Passed, p => p == (where, check));

        // A weaker cipher string in Dovecot's file: a static-RSA CBC suite added. Only the IMAPS port's suites differ.
        var dovecot = lab.Host(Store);
        dovecot.Must("cp /etc/dovecot/dovecot.conf /root/dovecot.conf.maildsl && sed -i 's/^ssl_cipher_list = \\(.*\\)$/ssl_cipher_list = \\1:AES256-SHA/' /etc/dovecot/dovecot.conf && grep -q 'AES256-SHA$' /etc/dovecot/dovecot.conf && doveadm reload", "weaken Dovecot's ciphers");
        AssertDifferences(Probe(lab), ($"{Store}:993", "tls1.2 suites"));
        dovecot.Must("cp /root/dovecot.conf.maildsl /etc/dovecot/dovecot.conf && doveadm reload", "put Dovecot's file back");

        // TLS 1.1 enabled on one MX's Postfix, with what it takes to be usable: a suite TLS 1.1 has (CBC with SHA-1; the
        // profile's are TLS 1.2's AEAD suites, "no shared cipher") and security level 0 (OpenSSL 3 refuses TLS 1.1's
        // SHA-1 signatures above it). Both show: the protocols and the suites.
        // Mx2: the lab resolves the VIP to the layer's first host, Mx1, which stays as installed.
        var mx = lab.Host(Mx2);
        mx.Must("cp /etc/postfix/main.cf /root/main.cf.maildsl && postconf -e 'smtpd_tls_protocols = >=TLSv1.1' 'smtpd_tls_mandatory_protocols = >=TLSv1.1' "
            + "\"tls_high_cipherlist = $(postconf -h tls_high_cipherlist):ECDHE-RSA-AES128-SHA:@SECLEVEL=0\" && postfix reload", "enable TLS 1.1 on the MX");
        AssertDifferences(Probe(lab), ($"{Mx2}:25", "protocols"), ($"{Mx2}:25", "tls1.2 suites"));
        mx.Must("cp /root/main.cf.maildsl /etc/postfix/main.cf && postfix reload", "put the MX's main.cf back");

        // A foreign certificate on the same MX: its names, its chain and its key (the VIP's other backend, and the VIP, keep the platform's).
        mx.Must("openssl req -x509 -newkey rsa:2048 -nodes -keyout /root/foreign.key -out /root/foreign.crt -days 30 -subj /CN=foreign.example.net 2>&1 "
            + "&& postconf -e smtpd_tls_cert_file=/root/foreign.crt smtpd_tls_key_file=/root/foreign.key && postfix reload", "serve a foreign certificate");
        AssertDifferences(Probe(lab), ($"{Mx2}:25", "certificate names"), ($"{Mx2}:25", "certificate chain"), ($"{Mx2}:25", "same key"));
        mx.Must("cp /root/main.cf.maildsl /etc/postfix/main.cf && postfix reload", "put the MX's main.cf back");

        // The webmail: nginx's file on web2 changed, then sogod stopped there (web1, which the VIP resolves to, stays as installed).
        var web = lab.Host(Web2);
        var nginx = NginxModule.Instance.Service(TargetTable.Of(lab.Target));
        var sogo = SogoModule.Instance.Service(TargetTable.Of(lab.Target));
        var site = NginxSiteRenderer.SitePath;
        web.Must($"cp {site} /root/sogo.conf.maildsl", "keep nginx's site");

        // No HSTS: the header taken out of the HTTPS server. Only that check of web2's HTTPS port differs.
        web.Must($"sed -i '/Strict-Transport-Security/d' {site} && nginx -t 2>&1 && {ReloadAndWait(nginx.Reload)}", "take HSTS out of nginx's site");
        WaitUntil(lab, Web2, $"https://{Web2}{SogoModule.LoginPagePath}", r => !r.Headers.Contains("Strict-Transport-Security"), "nginx sends no HSTS");
        AssertDifferences(Probe(lab), ($"{Web2}:443", "hsts"));
        RestoreSite(lab, web, ReloadAndWait(nginx.Reload));

        // Port 80 serves a page instead of the redirect to HTTPS.
        web.Must($"sed -i 's|return {NginxSiteRenderer.HttpRedirectStatus} https://.*;|return 200 \"no redirect\";|' {site} && grep -q 'return 200' {site} && nginx -t 2>&1 && {ReloadAndWait(nginx.Reload)}", "serve 200 on port 80");
        WaitUntil(lab, Web2, $"http://{Web2}/", r => r.StatusCode == HttpStatusCode.OK, "port 80 answers 200");
        var page = Probe(lab);
        AssertDifferences(page, ($"{Web2}:80", "redirect"));
        Assert.Contains("200 without a Location", page.Text);
        RestoreSite(lab, web, ReloadAndWait(nginx.Reload));

        // sogod stopped: nginx answers for it (502), without SOGo's login page.
        web.Must(sogo.Stop, "stop sogod");
        var noSogo = Probe(lab);
        AssertDifferences(noSogo, ($"{Web2}:443", "webmail login page"));
        Assert.Contains("502 without SOGo's login page", noSogo.Text);
        // As install.sh starts it: its output to a log, so the daemon holds none of the command's pipes.
        web.Must($"({sogo.Start}) </dev/null >>/var/log/maildsl-sogo-start.log 2>&1", "start sogod again");
        WaitUntil(lab, Web2, $"https://{Web2}{SogoModule.LoginPagePath}", r => r.StatusCode == HttpStatusCode.OK, "SOGo's login page is back");
        Assert.Equal(0, Probe(lab, "--layer", "webmail").Exit);

        // A stopped service: Dovecot on the mailstore.
        dovecot.Must("doveadm stop", "stop Dovecot");
        var stopped = Probe(lab);
        AssertDifferences(stopped, ($"{Store}:993", "reachable"));
        Assert.Contains("connection refused", stopped.Text);

        // The same in JSON, scoped to the mailstore, for CI.
        var json = Probe(lab, "--layer", "mailstore", "--format", "json");
        Assert.Equal(1, json.Exit);
        using var doc = System.Text.Json.JsonDocument.Parse(json.Out);
        Assert.Equal(1, doc.RootElement.GetProperty("differences").GetInt32());
        var first = doc.RootElement.GetProperty("results")[0];
        Assert.Equal(Store, first.GetProperty("host").GetString());
        Assert.Equal(993, first.GetProperty("port").GetInt32());
        Assert.Equal("reachable", first.GetProperty("check").GetString());
        Assert.True(first.GetProperty("differs").GetBoolean());
    }

    private sealed record ProbeRun(int Exit, string Out, string Err)
    {
        public string Text => Out + Err;

        /// <summary>The (host:port, check) of every line that passed.</summary>
        public IReadOnlyList<(string Where, string Check)> Passed => Rows("ok");

        /// <summary>The (host:port, check) of every line that differs.</summary>
        public IReadOnlyList<(string Where, string Check)> Differences => Rows("differs");

        private IReadOnlyList<(string Where, string Check)> Rows(string status) => Out.Split('\n')
            .Where(l => l.StartsWith(status + " ", StringComparison.Ordinal))
            .Select(l => l.Split("  ", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .Select(p => (p[1], p[2]))
            .ToList();
    }

    private ProbeRun Probe(LabPlatform lab, params string[] extra)
    {
        var args = new List<string> { "probe", "--ca", lab.CertificateFile, "--timeout", "10" };
        foreach (var (name, address) in lab.Addresses.All) args.AddRange(new[] { "--resolve", name + "=" + address });
        // No balancer on the lab: the VIP is the layer's first host, as the hosts' /etc/hosts say.
        if (!lab.Addresses.Has(MxVip)) args.AddRange(new[] { "--resolve", MxVip + "=" + lab.AddressOf(Mx1) });
        if (!lab.Addresses.Has(WebVip)) args.AddRange(new[] { "--resolve", WebVip + "=" + lab.AddressOf(Web1) });
        args.AddRange(extra);
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var started = DateTime.UtcNow;
        var exit = Hosting.PlatformHost.Run(args.ToArray(), () => Describe(lab.Target), stdout, stderr);
        output.WriteLine($"$ probe {string.Join(" ", extra)} (exit {exit}, {(DateTime.UtcNow - started).TotalSeconds:0.0} s)\n{stdout}{stderr}");
        return new ProbeRun(exit, stdout.ToString(), stderr.ToString());
    }

    /// <summary>
    /// nginx's reload, then a wait until every process the master had before it has exited: the reload is a signal, and
    /// an old worker still accepts connections for a moment under load (seen: a probe after the change answered by the
    /// configuration before it). The sandbox shares the machine's PIDs, so the master is found by its pid file.
    /// </summary>
    private static string ReloadAndWait(string reload)
        => "master=$(cat /run/nginx.pid) && old=$(ps -o pid= --ppid \"$master\" | xargs) && " + reload
            + " && for i in $(seq 300); do still=0; for p in $old; do if [ -e /proc/$p ] && [ \"$(ps -o ppid= -p $p | xargs)\" = \"$master\" ]; then still=1; fi; done;"
            + " [ $still = 0 ] && break; sleep 0.1; done && [ $still = 0 ]";

    /// <summary>nginx's site on <paramref name="web"/> as installed again, and in effect (HSTS sent, port 80 redirecting).</summary>
    private static void RestoreSite(LabPlatform lab, TestPlatform.Sandbox.SandboxHost web, string reload)
    {
        web.Must($"cp /root/sogo.conf.maildsl {NginxSiteRenderer.SitePath} && {reload}", "put nginx's site back");
        WaitUntil(lab, web.Name, $"https://{web.Name}{SogoModule.LoginPagePath}", r => r.Headers.Contains("Strict-Transport-Security"), "nginx sends HSTS again");
        WaitUntil(lab, web.Name, $"http://{web.Name}/", r => r.StatusCode == HttpStatusCode.MovedPermanently, "port 80 redirects again");
    }

    /// <summary>
    /// Asks <paramref name="url"/> at <paramref name="host"/>'s lab address until <paramref name="done"/> (nginx's reload
    /// is a signal: its new workers take over a moment after the command returns), for at most 20 s.
    /// </summary>
    private static void WaitUntil(LabPlatform lab, string host, string url, Func<HttpResponseMessage, bool> done, string what)
    {
        var address = lab.AddressOf(host);
        using var http = new HttpClient(new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            ConnectCallback = async (context, cancel) =>
            {
                var socket = new System.Net.Sockets.Socket(address.AddressFamily, System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Tcp);
                await socket.ConnectAsync(address, context.DnsEndPoint.Port, cancel);
                return new System.Net.Sockets.NetworkStream(socket, ownsSocket: true);
            },
            SslOptions = { RemoteCertificateValidationCallback = lab.TrustsLabCertificate },
        }) { Timeout = TimeSpan.FromSeconds(10) };
        var deadline = DateTime.UtcNow.AddSeconds(20);
        string last = "";
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                using var response = http.GetAsync(url).GetAwaiter().GetResult();
                if (done(response)) return;
                last = $"{(int)response.StatusCode} {response.ReasonPhrase}";
            }
            catch (HttpRequestException ex)
            {
                last = ex.Message;
            }
            Thread.Sleep(200);
        }
        Assert.Fail($"{what}: not so 20 s after the change ({url} at {address}: {last})\n{lab.Logs(host)}");
    }

    private static void AssertDifferences(ProbeRun run, params (string Where, string Check)[] expected)
    {
        Assert.True(run.Exit == 1, $"probe exited {run.Exit}, not 1:\n{run.Text}");
        Assert.Equal(expected.OrderBy(e => e.Where).ThenBy(e => e.Check), run.Differences.OrderBy(e => e.Where).ThenBy(e => e.Check));
    }

    private static Platform Describe(Distro target) => LabPlatform.Describe(target, "MailDsl probe test platform")
        .AddMailDomain(TestDirectory.SecondDomain)
        .SmtpIn(s => s.Hosts(Mx1, Mx2).Vip(MxVip).Smtp().StartTls(TlsLevel.May)
            .PostfixSetting("maillog_file", "/var/log/postfix.log")
            .PostfixSetting("smtp_host_lookup", "native"))
        .SmtpOut(s => s.Hosts(Relay).Submission().Submissions()
            .PostfixSetting("maillog_file", "/var/log/postfix.log")
            .PostfixSetting("smtp_host_lookup", "native"))
        .Mailstore(m => m.Hosts(Store).Smtp().Imaps()
            .PostfixSetting("maillog_file", "/var/log/postfix.log")
            .DovecotSetting("log_path", "/var/log/dovecot.log"))
        .Webmail(w => w.Hosts(Web1, Web2).Vip(WebVip)
            .Database(db => db.PostgreSql(TestDirectory.DbHost).Name(TestDirectory.SogoDbName)
                .Login(TestDirectory.SogoDbUser, Secret.File(TestDirectory.SogoSecretPath))));
}
