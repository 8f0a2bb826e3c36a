using System.Text.RegularExpressions;
using MailDsl.Deploy.Tests.Support;
using MailDsl.Install;
using MailDsl.Model;
using MailDsl.TestPlatform;
using MailDsl.TestPlatform.Tls;
using Xunit;

namespace MailDsl.Deploy.Tests;

/// <summary>
/// Certificates for their whole life, with the real certbot against Let's Encrypt's test server (pebble) on loopback: the
/// all-in-one host installed by its install.sh, which also places the host's certbot deploy hook; then certbot renews one
/// lineage (a new key and serial) and its deploy hook installs it: every TLS port of the daemons that present it serves
/// the new serial, the daemons that do not were not reloaded, and a renewal whose key is not the certificate's changes
/// nothing.
/// </summary>
public abstract partial class RenewalTests
{
    private const string DatabasePassword = "renewal-db";

    [DeployFact]
    public void A_certbot_renewal_is_served_on_every_TLS_port_by_exactly_the_daemons_that_present_it()
    {
        if (Pebble.SkipReason() is { } skip) throw new InvalidOperationException(skip);
        var target = DeployFactDiscoverer.TargetOf(GetType());
        using var deployment = Deployment.Create();
        using var pebble = Pebble.Start(Path.Combine(deployment.Root, "pebble"));
        var ports = LoopbackPorts.PickFree();
        var model = DeployPlatforms.DescribeRenewal(target, ports).Build();
        var hostDir = Path.Combine(deployment.Emit(() => DeployPlatforms.DescribeRenewal(target, ports)), DeployPlatforms.AllInOne);
        using var host = InstalledHost.Prepare(deployment, DeployPlatforms.AllInOne, target);
        var q = Command.ShellQuote;

        // The operator's first issue: certbot's two lineages, copied to the paths the platform names.
        host.Sandbox.Must(pebble.Issue("mail", DeployPlatforms.Names), "certbot issuing the lineage mail");
        host.Sandbox.Must(pebble.Issue("web", new[] { DeployPlatforms.AllInOne }), "certbot issuing the lineage web");
        host.Sandbox.Must(string.Join("\n", "set -e",
            $"install -m 0644 /etc/letsencrypt/live/mail/fullchain.pem {DeployPlatforms.CertificatePath}",
            $"install -m 0600 /etc/letsencrypt/live/mail/privkey.pem {DeployPlatforms.KeyPath}",
            $"install -m 0644 /etc/letsencrypt/live/web/fullchain.pem {DeployPlatforms.WebCertificatePath}",
            $"install -m 0600 /etc/letsencrypt/live/web/privkey.pem {DeployPlatforms.WebKeyPath}",
            $"install -D -m 0600 /dev/stdin {DeployPlatforms.BindSecretPath} <<<bind-password"), "placing the certificates");
        var install = host.Sandbox.Run($"cd {q(hostDir)} && {DeployPlatforms.DatabaseSecretVariable}={DatabasePassword} bash ./install.sh", TimeSpan.FromMinutes(3));
        Assert.True(install.Succeeded, $"{install}\n{host.Logs()}");
        Assert.Contains("add " + RenewHookRenderer.CertbotPath, install.Output);

        var endpoints = Probe.Endpoints(model, DeployPlatforms.AllInOne);
        var https = endpoints.Single(e => e.Listener == "https");
        var mailPorts = endpoints.Where(e => e != https).ToList();
        // 25 (the MX), 587, 465, 993, 995, 4190, IMAP with STARTTLS and the mailstore's own SMTP, all Postfix's and Dovecot's.
        Assert.Equal(new[] { "imap", "imaps", "pop3s", "sieve", "smtp", "smtp", "smtp", "submission", "submissions" }, mailPorts.Select(e => e.Listener).Order());
        var mailSerial = LineageSerial(host, "mail");
        var webSerial = LineageSerial(host, "web");
        foreach (var endpoint in mailPorts) Assert.Equal(mailSerial, ServedSerial(endpoint));
        Assert.Equal(webSerial, ServedSerial(https));
        var nginxWorkers = Workers(host, "/run/nginx.pid");
        var pids = host.DaemonPids();
        var (postfixReloads, dovecotReloads) = Reloads(host);

        // certbot renews the lineage mail, with a new key; its deploy hook installs it.
        var mailKey = host.Sha256(DeployPlatforms.KeyPath);
        var renewed = host.Sandbox.Run(pebble.Renew("mail"), TimeSpan.FromMinutes(3));
        Assert.True(renewed.Succeeded, $"{renewed}\n{host.Sandbox.Tail("/var/log/letsencrypt/letsencrypt.log", 40)}\n{host.Logs()}");
        var newMailSerial = LineageSerial(host, "mail");
        Assert.NotEqual(mailSerial, newMailSerial);
        Assert.NotEqual(mailKey, host.Sha256(DeployPlatforms.KeyPath));
        Assert.Equal(host.Sha256("/etc/letsencrypt/live/mail/privkey.pem"), host.Sha256(DeployPlatforms.KeyPath));
        foreach (var endpoint in mailPorts) Assert.Equal(newMailSerial, ServedSerial(endpoint, newMailSerial));
        // nginx and sogod do not present it: not reloaded (the same nginx workers, the same sogod), the webmail's certificate still served.
        Assert.Equal(webSerial, ServedSerial(https));
        Assert.Equal(nginxWorkers, Workers(host, "/run/nginx.pid"));
        Assert.Equal(pids["sogo"], host.DaemonPids()["sogo"]);
        // Postfix and Dovecot read it again: each logged one reload more.
        var (postfixAfter, dovecotAfter) = Reloads(host);
        Assert.Equal(postfixReloads + 1, postfixAfter);
        Assert.Equal(dovecotReloads + 1, dovecotAfter);

        // certbot renews the webmail's lineage: nginx serves it; Postfix and Dovecot were not reloaded.
        var web = host.Sandbox.Run(pebble.Renew("web"), TimeSpan.FromMinutes(3));
        Assert.True(web.Succeeded, web.ToString());
        var newWebSerial = LineageSerial(host, "web");
        Assert.NotEqual(webSerial, newWebSerial);
        Assert.Equal(newWebSerial, ServedSerial(https, newWebSerial));
        Assert.NotEqual(nginxWorkers, Workers(host, "/run/nginx.pid"));
        Assert.Equal((postfixAfter, dovecotAfter), Reloads(host));
        foreach (var endpoint in mailPorts) Assert.Equal(newMailSerial, ServedSerial(endpoint));

        // A broken renewal: the lineage's certificate with another key. The hook refuses it and changes nothing.
        var certificate = host.Sha256(DeployPlatforms.CertificatePath);
        var key = host.Sha256(DeployPlatforms.KeyPath);
        var backups = host.Backups();
        host.Sandbox.Must(string.Join("\n", "set -e", "mkdir -p /tmp/broken/mail",
            "cp -L /etc/letsencrypt/live/mail/fullchain.pem /tmp/broken/mail/fullchain.pem",
            $"install -m 0600 {q(deployment.OtherKeyFile)} /tmp/broken/mail/privkey.pem"), "a broken lineage");
        var broken = host.Sandbox.Run("RENEWED_LINEAGE=/tmp/broken/mail " + RenewHookRenderer.CertbotPath, TimeSpan.FromMinutes(1));
        Assert.False(broken.Succeeded, broken.ToString());
        Assert.Contains("the renewed certificate /tmp/broken/mail/fullchain.pem is not installed", broken.Output);
        Assert.Contains("the key /tmp/broken/mail/privkey.pem does not belong to the certificate /tmp/broken/mail/fullchain.pem", broken.Output);
        Assert.DoesNotContain("PRIVATE KEY", broken.Output);
        Assert.Equal(certificate, host.Sha256(DeployPlatforms.CertificatePath));
        Assert.Equal(key, host.Sha256(DeployPlatforms.KeyPath));
        Assert.Equal(backups, host.Backups());
        Assert.Equal((postfixAfter, dovecotAfter), Reloads(host));
        foreach (var endpoint in mailPorts) Assert.Equal(newMailSerial, ServedSerial(endpoint));
    }

    // The serial of the lineage's current certificate, as openssl prints it.
    private static string LineageSerial(InstalledHost host, string lineage)
        => host.Sandbox.Must($"openssl x509 -in /etc/letsencrypt/live/{lineage}/cert.pem -noout -serial", "the lineage's serial").Output.Trim();

    // The serial of the certificate served on the endpoint, after STARTTLS where it speaks it; waits up to 10 s for
    // `expected` (a reloaded daemon's old processes finish their connections first).
    private static string ServedSerial(TlsEndpoint endpoint, string? expected = null)
    {
        var starttls = endpoint.OpenSslStartTls is { } s ? " -starttls " + s : "";
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            var result = Command.Run("bash", "-c", $"openssl s_client -connect 127.0.0.1:{endpoint.Port} -servername {endpoint.Host}{starttls} </dev/null 2>/dev/null | openssl x509 -noout -serial");
            var serial = result.Output.Trim();
            if (expected is null || serial == expected || DateTime.UtcNow > deadline) return serial.Length > 0 ? serial : $"(nothing: {result})";
            Thread.Sleep(200);
        }
    }

    // nginx's worker processes: a reload starts new ones.
    private static string Workers(InstalledHost host, string pidFile)
        => host.Sandbox.Run($"pgrep -P \"$(cat {pidFile})\" | sort").Output.Trim();

    // How often Postfix's master and Dovecot's master logged reading their configuration again.
    private static (int Postfix, int Dovecot) Reloads(InstalledHost host)
    {
        var postfix = host.Sandbox.Run($"grep -c 'reload -- version' {DeployPlatforms.PostfixLog}; true").Output.Trim();
        var dovecot = host.Sandbox.Run($"grep -c 'SIGHUP received' {DeployPlatforms.DovecotLog}; true").Output.Trim();
        return (int.Parse(postfix.Length == 0 ? "0" : postfix, System.Globalization.CultureInfo.InvariantCulture),
            int.Parse(dovecot.Length == 0 ? "0" : dovecot, System.Globalization.CultureInfo.InvariantCulture));
    }
}

/// <summary><see cref="RenewalTests"/> on Debian 12.</summary>
[OnTarget(Distro.Debian12)]
public sealed class RenewalTestsOnDebian12 : RenewalTests;

/// <summary><see cref="RenewalTests"/> on Debian 13.</summary>
[OnTarget(Distro.Debian13)]
public sealed class RenewalTestsOnDebian13 : RenewalTests;
