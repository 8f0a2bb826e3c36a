using System.Text.RegularExpressions;
using MailDsl.Model;
using MailDsl.TestPlatform.Tls;
using MailDsl.Tls;
using MailDsl.Topology;
using Xunit;

namespace MailDsl.Integration.Tests;

/// <summary>
/// The key-exchange groups every TLS port of the running platform agrees on, asked with the target's own
/// <c>openssl s_client</c> (run inside a host of the platform: Debian 12's OpenSSL 3.0 here, Debian 13's 3.5 in its root):
/// on Debian 13 the hybrid post-quantum X25519MLKEM768 is agreed when a client offers only it; on Debian 12 the emitted
/// files name no post-quantum group and X25519 is agreed; everywhere a client offering only a group outside the list is
/// refused by the server.
/// </summary>
/// <remarks>Run once per target: <see cref="GroupTestsOnDebian12"/>, <see cref="GroupTestsOnDebian13"/>.</remarks>
public abstract partial class GroupTests(PlatformFixture fixture)
{
    public static TheoryData<string> Endpoints => Integration.Tests.Endpoints.All();

    /// <summary>TLSRef 6.0's hybrid group, first in the profile where OpenSSL is 3.5 or newer.</summary>
    private const string PostQuantum = "X25519MLKEM768";

    /// <summary>The group each target's ports must agree on when a client offers only it.</summary>
    private string Expected => fixture.Target == Distro.Debian13 ? PostQuantum : "X25519";

    [PlatformTheory, MemberData(nameof(Endpoints))]
    public void A_client_offering_only_the_targets_first_group_gets_it(string endpoint)
    {
        var e = fixture.Endpoint(endpoint);
        Assert.Equal(Expected, Effective(e).Groups.First());
        var run = SClient(e, Expected, tls13Only: false);
        Assert.True(Completed(run.Output), $"{endpoint}: no handshake offering only {Expected}:\n{run}\n{fixture.Platform.Logs(e.Host)}");
        Assert.Equal(Expected, AgreedGroup(run.Output));
    }

    /// <summary>secp521r1 is a group every OpenSSL knows and no profile lists: offered alone, the server finds nothing it shares.</summary>
    [PlatformTheory, MemberData(nameof(Endpoints))]
    public void A_client_offering_only_a_group_outside_the_list_is_refused(string endpoint)
    {
        var e = fixture.Endpoint(endpoint);
        Assert.DoesNotContain("secp521r1", Effective(e).Groups);
        var run = SClient(e, "secp521r1", tls13Only: false);
        Assert.True(run.Output.Contains(", ClientHello", StringComparison.Ordinal), $"{endpoint}: the client never sent its hello:\n{run}");
        Assert.False(Completed(run.Output), $"{endpoint} completed a handshake with only secp521r1 offered:\n{run}");
    }

    /// <summary>
    /// Debian 12's OpenSSL 3.0 has no ML-KEM: naming it in a setting would stop the daemons, so no emitted setting does
    /// (a comment may say it was left out).
    /// </summary>
    [PlatformFact]
    public void Debian_12_files_name_no_post_quantum_group_and_debian_13_files_do()
    {
        var files = Directory.EnumerateFiles(fixture.Platform.OutDir, "*", SearchOption.AllDirectories)
            .Where(f => f.Contains("/etc/", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(files);
        var naming = files.Where(f => File.ReadLines(f).Any(l => !l.TrimStart().StartsWith('#') && l.Contains("MLKEM", StringComparison.OrdinalIgnoreCase))).ToList();
        if (fixture.Target == Distro.Debian12) Assert.Empty(naming);
        else
            // nginx, Dovecot and Postfix each have a group setting on Debian 13.
            foreach (var daemonFile in new[] { "/etc/nginx/", "/etc/dovecot/dovecot.conf", "/etc/postfix/main.cf" })
                Assert.Contains(naming, f => f.Contains(daemonFile, StringComparison.Ordinal));
    }

    // One s_client run inside the endpoint's host, to the host's own address, so it is the target's OpenSSL; -msg shows the hello going out.
    private TestPlatform.Sandbox.CommandResult SClient(TlsEndpoint e, string groups, bool tls13Only)
    {
        var q = TestPlatform.Sandbox.Command.ShellQuote;
        var starttls = e.OpenSslStartTls is { } s ? " -starttls " + s : "";
        return fixture.Platform.Host(e.Host).Run(
            $"openssl s_client -connect {q(e.Target)} -servername {q(e.Host)}{starttls} -groups {q(groups)}{(tls13Only ? " -tls1_3" : "")} -msg </dev/null 2>&1",
            TimeSpan.FromSeconds(30));
    }

    private static bool Completed(string output)
        => NewSession().Match(output) is { Success: true } m && m.Groups[1].Value != "(NONE)";

    // OpenSSL 3.5 prints "Negotiated TLS1.3 group: NAME"; 3.0 prints the key-exchange key as "Server Temp Key: NAME, N bits".
    private static string? AgreedGroup(string output)
    {
        var negotiated = Regex.Match(output, @"^Negotiated TLS1\.3 group: (\S+)", RegexOptions.Multiline);
        if (negotiated.Success) return negotiated.Groups[1].Value;
        var temp = Regex.Match(output, @"^Server Temp Key: ([^,\s]+)", RegexOptions.Multiline);
        return temp.Success ? temp.Groups[1].Value : null;
    }

    [GeneratedRegex(@"^New, (\S+), Cipher is (\S+)", RegexOptions.Multiline)]
    private static partial Regex NewSession();

    private EffectiveTls Effective(TlsEndpoint e) => PlatformTopology.Of(fixture.Platform.Model).TlsOf(e.Layer);
}
