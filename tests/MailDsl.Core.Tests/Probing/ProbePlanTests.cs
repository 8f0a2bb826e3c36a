using System;
using System.Linq;
using System.Text.RegularExpressions;
using MailDsl.Core.Tests.Tls;
using MailDsl.Daemons.Nginx;
using MailDsl.Model;
using MailDsl.Probing;
using MailDsl.TestPlatform;
using MailDsl.Tls.Catalog;
using MailDsl.Topology;
using Xunit;

namespace MailDsl.Core.Tests.Probing
{
    /// <summary>
    /// What <c>probe</c> expects, read from the description: every endpoint, and for each the suites the target's own
    /// <c>openssl ciphers -s -tls1_2</c> lists for the string the daemon was given; and how a finding is compared.
    /// </summary>
    public class ProbePlanTests
    {
        [OpenSslFact(OpenSslTarget.Debian12)]
        public void Debian_12_expected_suites_are_what_its_openssl_negotiates_of_each_layers_string() => SuitesAsOpenSslLists(Distro.Debian12, OpenSslCli.Debian12);

        [OpenSslFact(OpenSslTarget.Debian13)]
        public void Debian_13_expected_suites_are_what_its_openssl_negotiates_of_each_layers_string() => SuitesAsOpenSslLists(Distro.Debian13, OpenSslCli.Debian13);

        private static void SuitesAsOpenSslLists(Distro target, OpenSslCli openssl)
        {
            var model = GuidePlatform.Describe().Target(target).Build();
            var topology = PlatformTopology.Of(model);
            var checkedOnes = 0;
            foreach (var e in ProbePlan.Of(model).Where(e => e.UsesTls && e.Layer is "mailstore" or "webmail"))
            {
                var layer = topology.Layers.Single(l => l.Key == e.Layer);
                var (exit, stdout, stderr) = openssl.Ciphers(topology.TlsOf(layer).Ciphers, "-s", "-tls1_2");
                Assert.True(exit == 0, stderr);
                var listed = stdout.Split(':', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Where(n => !n.StartsWith("TLS_", StringComparison.Ordinal));
                Assert.Equal(listed, e.Tls12Suites.Select(s => s.Name));
                checkedOnes++;
            }
            Assert.True(checkedOnes >= 2, "no mailstore or webmail TLS endpoint in the guide's platform");
        }

        [Fact]
        public void Every_listener_of_every_host_and_every_vip_is_an_endpoint_but_sogods_own()
        {
            var model = GuidePlatform.Describe().Build();
            var endpoints = ProbePlan.Of(model);
            foreach (var host in HostPlan.Of(model))
                foreach (var l in host.Listeners.Where(l => l.Protocol != ServiceProtocol.Sogo))
                    Assert.Contains(endpoints, e => e.Host == host.Name && e.Port == l.Port && !e.IsVip);
            Assert.DoesNotContain(endpoints, e => e.Protocol == ServiceProtocol.Sogo);
            foreach (var layer in PlatformTopology.Of(model).Layers.Where(l => l.Vip is not null))
            {
                Assert.Contains(endpoints, e => e.Host == layer.Vip && e.IsVip);
                // A backend's certificate must cover the VIP clients dial, as well as its own name.
                Assert.All(endpoints.Where(e => e.Layer == layer.Key && !e.IsVip && e.UsesTls), e => Assert.Contains(layer.Vip!, e.CertificateNames));
            }
            Assert.Equal(ProbePlan.Of(model, layers: new[] { "mailstore" }).Select(e => e.Layer).Distinct(), new[] { "mailstore" });
        }

        [Fact]
        public void A_finding_as_described_has_no_difference_and_one_protocol_more_is_exactly_one_difference_listed_first()
        {
            var model = GuidePlatform.Describe().Build();
            var e = ProbePlan.Of(model).First(x => x.UsesTls && x.Tls12Suites.Count > 0);
            var cert = new ObservedCertificate("CN=" + e.Host, e.CertificateNames, DateTime.UtcNow.AddDays(90), Authentication.Rsa, "sha256:1", null);
            var asDescribed = new ProbeObservation(e)
            {
                Protocols = e.Protocols,
                Tls12Suites = e.Tls12Suites.Where(s => s.Authentication == Authentication.Rsa).Select(s => s.Name).ToList(),
                Groups = e.Groups,
                Certificate = cert,
                AuthBeforeTls = e.RefusesAuthBeforeTls ? "" : null,
            };
            Assert.DoesNotContain(ProbeComparison.Compare(new[] { asDescribed }, DateTime.UtcNow), r => r.Differs);

            var withTls11 = asDescribed with { Protocols = e.Protocols.Prepend(TlsVersion.Tls11).ToList() };
            var results = ProbeComparison.Compare(new[] { withTls11 }, DateTime.UtcNow);
            var difference = Assert.Single(results, r => r.Differs);
            Assert.Same(difference, results[0]);
            Assert.Equal("protocols", difference.Check);
            Assert.StartsWith("TLSv1.1 ", difference.Found);

            var expiring = asDescribed with { Certificate = cert with { NotAfter = DateTime.UtcNow.AddDays(3) } };
            Assert.Equal("certificate days", Assert.Single(ProbeComparison.Compare(new[] { expiring }, DateTime.UtcNow), r => r.Differs).Check);
        }

        [Theory]
        [InlineData(63072000)]
        [InlineData(31536000)]
        [InlineData(0)]
        public void The_webmail_ports_expect_the_hsts_and_redirect_nginx_is_written_with(int maxAge)
        {
            var guide = GuidePlatform.Describe().Build();
            var model = guide with { Webmail = guide.Webmail! with { HstsMaxAgeSeconds = maxAge } };
            var topology = PlatformTopology.Of(model);
            var host = HostPlan.Of(model).First(h => h.Layers.Contains(model.Webmail!)).Name;
            var site = NginxSiteRenderer.Render(topology, model.Webmail!, host);
            var endpoints = ProbePlan.Of(model, hosts: new[] { host });

            // HSTS: the value of the site's add_header line, or none when the site has none.
            var https = Assert.Single(endpoints, e => e.Protocol == ServiceProtocol.Https);
            var header = Regex.Matches(site, "add_header Strict-Transport-Security \"([^\"]*)\" always;").Select(m => m.Groups[1].Value).Distinct().ToList();
            Assert.Equal(header.SingleOrDefault(), https.WebmailPage!.StrictTransportSecurity);
            Assert.Equal(maxAge > 0, header.Count == 1);
            Assert.Equal("/SOGo/", https.WebmailPage.Path);

            // The redirect: the status and HTTPS port of the site's plain-HTTP server.
            var http = Assert.Single(endpoints, e => e.Protocol == ServiceProtocol.Http);
            var redirect = Regex.Match(site, @"return (\d+) https://\$host(:\d+)?\$request_uri;");
            Assert.True(redirect.Success, site);
            Assert.Equal(int.Parse(redirect.Groups[1].Value), http.Redirect!.Status);
            Assert.Equal(redirect.Groups[2].Success ? int.Parse(redirect.Groups[2].Value.Substring(1)) : 443, http.Redirect.HttpsPort);
            Assert.Null(http.WebmailPage);
            Assert.Null(https.Redirect);
            Assert.All(endpoints.Where(e => e.Layer != "webmail"), e => Assert.True(e.Redirect is null && e.WebmailPage is null));
        }

        [Fact]
        public void A_webmail_answer_as_written_has_no_difference_and_each_break_is_its_own_check()
        {
            var model = GuidePlatform.Describe().Build();
            var https = ProbePlan.Of(model).First(e => e.WebmailPage is not null && !e.IsVip);
            var http = ProbePlan.Of(model).First(e => e.Redirect is not null && e.Host == https.Host);
            var cert = new ObservedCertificate("CN=" + https.Host, https.CertificateNames, DateTime.UtcNow.AddDays(90), Authentication.Rsa, "sha256:1", null);
            var page = new HttpAnswer("/SOGo/", 200, null, https.WebmailPage!.StrictTransportSecurity, "<body ng-app=\"SOGo.MainUI\">", null);
            var secure = new ProbeObservation(https)
            {
                Protocols = https.Protocols,
                Tls12Suites = https.Tls12Suites.Where(s => s.Authentication == Authentication.Rsa).Select(s => s.Name).ToList(),
                Groups = https.Groups,
                Certificate = cert,
                WebmailPage = page,
            };
            var location = "https://" + http.Host + "/SOGo/?x=1";
            var plain = new ProbeObservation(http) { PlainHttp = new HttpAnswer("/SOGo/?x=1", 301, location, null, "", null) };
            ProbeResult Only(ProbeObservation a, ProbeObservation b) => Assert.Single(ProbeComparison.Compare(new[] { a, b }, DateTime.UtcNow), r => r.Differs);

            Assert.DoesNotContain(ProbeComparison.Compare(new[] { secure, plain }, DateTime.UtcNow), r => r.Differs);
            Assert.DoesNotContain(ProbeComparison.Compare(new[] { secure, plain with { PlainHttp = plain.PlainHttp! with { Status = 308 } } }, DateTime.UtcNow), r => r.Differs);
            Assert.Equal("hsts", Only(secure with { WebmailPage = page with { StrictTransportSecurity = null } }, plain).Check);
            Assert.Equal("hsts", Only(secure with { WebmailPage = page with { StrictTransportSecurity = "max-age=300" } }, plain).Check);
            var gateway = Only(secure with { WebmailPage = page with { Status = 502, Body = "<title>502 Bad Gateway</title>" } }, plain);
            Assert.Equal(("webmail login page", "502 without SOGo's login page (\"502 Bad Gateway\")"), (gateway.Check, gateway.Found));
            Assert.Equal("webmail login page", Only(secure with { WebmailPage = page with { Body = "<title>Welcome to nginx!</title>" } }, plain).Check);
            Assert.Equal("redirect", Only(secure, plain with { PlainHttp = plain.PlainHttp! with { Status = 200, Location = null } }).Check);
            Assert.Equal("redirect", Only(secure, plain with { PlainHttp = plain.PlainHttp! with { Location = "https://elsewhere.example/SOGo/?x=1" } }).Check);
            Assert.Equal("redirect", Only(secure, plain with { PlainHttp = plain.PlainHttp! with { Status = 302 } }).Check);
        }

        [Theory]
        [InlineData("*.example.com", "mx1.example.com", true)]
        [InlineData("*.example.com", "a.b.example.com", false)]
        [InlineData("*.example.com", "example.com", false)]
        [InlineData("MX1.example.com", "mx1.example.com", true)]
        [InlineData("198.18.0.10", "198.18.0.10", true)]
        [InlineData("other.example.com", "mx1.example.com", false)]
        public void A_certificate_name_covers_a_name_as_RFC_6125_says(string certificateName, string dialled, bool covers)
            => Assert.Equal(covers, ProbeComparison.Covers(new[] { certificateName }, dialled));
    }
}
