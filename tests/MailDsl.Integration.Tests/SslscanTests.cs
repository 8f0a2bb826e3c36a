using MailDsl.Render;
using MailDsl.Tls;
using MailDsl.TestPlatform.Tls;
using MailDsl.Topology;
using Xunit;

namespace MailDsl.Integration.Tests;

/// <summary>
/// A second scanner's view of every TLS port (sslscan, beside testssl.sh): offered every protocol and every suite its
/// OpenSSL knows, one at a time, the server accepts exactly the protocols of the profile and, at TLS 1.2, exactly the
/// suites our cipher engine selects from the string the daemon was given (for the RSA certificate), first by its own
/// order; and it shows no Heartbleed, no insecure renegotiation, and a key of 2048 bits or more in a valid certificate.
/// </summary>
/// <remarks>Run once per target: <see cref="SslscanTestsOnDebian12"/>, <see cref="SslscanTestsOnDebian13"/>.</remarks>
public abstract class SslscanTests(PlatformFixture fixture)
{
    public static TheoryData<string> Endpoints => Integration.Tests.Endpoints.Where(Sslscan.CanScan);

    [PlatformTheory, MemberData(nameof(Endpoints))]
    public void Sslscan_sees_exactly_the_profiles_protocols_and_the_engines_suites(string endpoint)
    {
        var e = fixture.Endpoint(endpoint);
        var tls = PlatformTopology.Of(fixture.Platform.Model).TlsOf(e.Layer);
        var report = Sslscan.Scan(e);

        Assert.Equal(tls.Protocols.Select(TlsProtocolNames.OpenSsl).OrderBy(p => p, StringComparer.Ordinal), report.Protocols.OrderBy(p => p, StringComparer.Ordinal));

        // TLS 1.2: the engine's suites an RSA certificate can serve, the set and the server's first choice.
        var engine = tls.ReadCiphers().Suites.Select(s => s.Suite).Where(s => s.Authentication == MailDsl.Tls.Catalog.Authentication.Rsa).Select(s => s.Name).ToList();
        var accepted = report.At("TLSv1.2").ToList();
        Assert.True(engine.OrderBy(n => n, StringComparer.Ordinal).SequenceEqual(accepted.Select(s => s.Name).OrderBy(n => n, StringComparer.Ordinal)),
            $"{endpoint}: sslscan saw {string.Join(", ", accepted.Select(s => s.Name))} accepted at TLS 1.2; the engine selects {string.Join(", ", engine)} from '{tls.Ciphers}'\n{report.Run.Output}");
        Assert.Equal(engine[0], Assert.Single(accepted, s => s.Preferred).Name);
        // TLS 1.3: the profile's suites.
        Assert.Equal(tls.Profile.Tls13Ciphersuites.Split(':').OrderBy(n => n, StringComparer.Ordinal),
            report.At("TLSv1.3").Select(s => s.Name).OrderBy(n => n, StringComparer.Ordinal));
        Assert.All(report.Suites, s => Assert.True(s.Bits >= 128, $"{endpoint}: {s.Name} at {s.Protocol} has {s.Bits} bits"));

        Assert.Empty(report.HeartbleedVulnerable);
        Assert.False(report.InsecureRenegotiation, $"{endpoint}: sslscan found insecure renegotiation\n{report.Run.Output}");
        Assert.True(report.KeyBits >= 2048, $"{endpoint}: a {report.KeyBits}-bit key");
        Assert.False(report.Expired);
    }
}
