using MailDsl.Topology;
using MailDsl.Model;
using MailDsl.Render;
using MailDsl.Tls;
using MailDsl.Tls.CipherString;
using MailDsl.TestPlatform.Tls;
using Xunit;

namespace MailDsl.Integration.Tests;

/// <summary>
/// On every TLS port of the running platform, what <c>openssl s_client</c> gets: old protocols and suites outside the
/// profile are refused by the server (the client offered them), and what is agreed is what our cipher engine says
/// the emitted configuration allows.
/// </summary>
/// <remarks>Run once per target: <see cref="TlsPolicyTestsOnDebian12"/>, <see cref="TlsPolicyTestsOnDebian13"/>.</remarks>
public abstract class TlsPolicyTests(PlatformFixture fixture)
{
    public static TheoryData<string> Endpoints => Integration.Tests.Endpoints.All();

    [PlatformTheory, MemberData(nameof(Endpoints))]
    public void Tls_1_0_is_refused(string endpoint) => AssertRefused(endpoint, "-tls1", cipher: null);

    [PlatformTheory, MemberData(nameof(Endpoints))]
    public void Tls_1_1_is_refused(string endpoint) => AssertRefused(endpoint, "-tls1_1", cipher: null);

    /// <summary>AES128-GCM-SHA256: an AEAD suite whose only fault is static RSA key exchange (no forward secrecy).</summary>
    [PlatformTheory, MemberData(nameof(Endpoints))]
    public void Static_rsa_key_exchange_is_refused(string endpoint) => AssertRefused(endpoint, "-tls1_2", "AES128-GCM-SHA256");

    /// <summary>ECDHE-RSA-AES128-SHA256: forward secret, but CBC mode, which Mozilla's intermediate profile leaves out.</summary>
    [PlatformTheory, MemberData(nameof(Endpoints))]
    public void Cbc_suite_is_refused(string endpoint) => AssertRefused(endpoint, "-tls1_2", "ECDHE-RSA-AES128-SHA256");

    /// <summary>ECDHE-RSA-AES256-SHA: CBC with a SHA-1 MAC, the suite old clients fall back to.</summary>
    [PlatformTheory, MemberData(nameof(Endpoints))]
    public void Sha1_cbc_suite_is_refused(string endpoint) => AssertRefused(endpoint, "-tls1_2", "ECDHE-RSA-AES256-SHA");

    /// <summary>The control for the refusals above: the same client, the same protocol, a suite of the profile.</summary>
    [PlatformTheory, MemberData(nameof(Endpoints))]
    public void Profile_suite_is_accepted_at_tls_1_2(string endpoint)
    {
        var handshake = OpenSslProbe.Try(fixture.Endpoint(endpoint), "-tls1_2", "ECDHE-RSA-AES128-GCM-SHA256");
        Assert.True(handshake.Completed, $"{endpoint}: the profile's ECDHE-RSA-AES128-GCM-SHA256 at TLS 1.2 was refused:\n{handshake}\n{Logs(endpoint)}");
        Assert.Equal(("TLSv1.2", "ECDHE-RSA-AES128-GCM-SHA256"), (handshake.Protocol, handshake.Cipher));
    }

    /// <summary>A client offering all of TLS 1.2 gets a suite the engine selects from the cipher string the daemon was given.</summary>
    [PlatformTheory, MemberData(nameof(Endpoints))]
    public void Tls_1_2_suite_is_one_the_engine_allows(string endpoint)
    {
        var e = fixture.Endpoint(endpoint);
        var handshake = OpenSslProbe.Try(e, "-tls1_2", "ALL:COMPLEMENTOFALL");
        Assert.True(handshake.Completed, $"{endpoint}: no TLS 1.2 handshake:\n{handshake}\n{Logs(endpoint)}");
        var allowed = Effective(e).ReadCiphers().Suites.Select(s => s.Suite.Name).ToList();
        Assert.True(allowed.Contains(handshake.Cipher!),
            $"{endpoint} agreed on {handshake.Cipher}, which the engine does not select from '{Effective(e).Ciphers}' ({string.Join(", ", allowed)})");
    }

    /// <summary>A client with OpenSSL's defaults gets TLS 1.3 and one of the profile's TLS 1.3 suites.</summary>
    [PlatformTheory, MemberData(nameof(Endpoints))]
    public void Default_client_gets_tls_1_3_with_a_profile_suite(string endpoint)
    {
        var e = fixture.Endpoint(endpoint);
        var handshake = OpenSslProbe.Try(e);
        Assert.True(handshake.Completed, $"{endpoint}: no handshake with OpenSSL's defaults:\n{handshake}\n{Logs(endpoint)}");
        Assert.Contains(TlsVersion.Tls13, Effective(e).Protocols);
        Assert.Equal("TLSv1.3", handshake.Protocol);
        Assert.Contains(handshake.Cipher!, Effective(e).Profile.Tls13Ciphersuites.Split(':'));
    }

    /// <summary>
    /// The string is not just a ceiling: every TLS 1.2 suite the engine selects from it that an RSA certificate can
    /// serve (ECDHE and DHE alike) really completes a handshake, offered alone.
    /// </summary>
    [PlatformTheory, MemberData(nameof(Endpoints))]
    public void Every_rsa_suite_of_the_string_is_accepted(string endpoint)
    {
        var e = fixture.Endpoint(endpoint);
        var suites = Effective(e).ReadCiphers().Suites.Select(s => s.Suite)
            .Where(s => s.Authentication == MailDsl.Tls.Catalog.Authentication.Rsa).Select(s => s.Name).ToList();
        Assert.NotEmpty(suites);
        var refused = suites.Select(suite => (suite, handshake: OpenSslProbe.Try(e, "-tls1_2", suite)))
            .Where(r => r.handshake.Cipher != r.suite).ToList();
        Assert.True(refused.Count == 0, $"{endpoint} refuses suites its cipher string selects: "
            + string.Join("\n", refused.Select(r => r.suite + ": " + r.handshake)) + "\n" + Logs(endpoint));
    }

    /// <summary>Offered ChaCha20 first and AES-GCM second, the server picks by its own order (the profile's), not the client's.</summary>
    [PlatformTheory, MemberData(nameof(Endpoints))]
    public void Server_picks_the_suite_by_its_own_order(string endpoint)
    {
        var e = fixture.Endpoint(endpoint);
        var offered = new[] { "ECDHE-RSA-CHACHA20-POLY1305", "ECDHE-RSA-AES128-GCM-SHA256" };
        var handshake = OpenSslProbe.Try(e, "-tls1_2", string.Join(":", offered));
        var serverOrder = Effective(e).ReadCiphers().Suites.Select(s => s.Suite.Name).Where(offered.Contains).ToList();
        Assert.True(handshake.Completed, $"{endpoint}: no handshake:\n{handshake}");
        Assert.Equal(serverOrder[0], handshake.Cipher);
    }

    private void AssertRefused(string endpoint, string version, string? cipher)
    {
        var handshake = OpenSslProbe.Try(fixture.Endpoint(endpoint), version, cipher);
        Assert.True(handshake.ClientHelloSent, $"{endpoint}: the client never sent its hello, so the server was not asked:\n{handshake.Transcript}");
        Assert.False(handshake.ServerHelloReceived || handshake.Completed,
            $"{endpoint} accepted {version} {cipher}:\n{handshake}");
    }

    private EffectiveTls Effective(TlsEndpoint e) => PlatformTopology.Of(fixture.Platform.Model).TlsOf(e.Layer);

    private string Logs(string endpoint) => fixture.Platform.Logs(fixture.Endpoint(endpoint).Host);
}
