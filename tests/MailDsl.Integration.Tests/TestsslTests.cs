using MailDsl.TestPlatform.Tls;
using Xunit;

namespace MailDsl.Integration.Tests;

/// <summary>
/// The product's promise, judged by a scanner: testssl.sh, run against every TLS port of the running platform,
/// marks nothing NOT ok or VULNERABLE and reports nothing of MEDIUM severity or worse.
/// </summary>
/// <remarks>Run once per target: <see cref="TestsslTestsOnDebian12"/>, <see cref="TestsslTestsOnDebian13"/>.</remarks>
public abstract class TestsslTests(PlatformFixture fixture)
{
    public static TheoryData<string> Endpoints => Integration.Tests.Endpoints.All();

    [PlatformTheory, MemberData(nameof(Endpoints))]
    public void Testssl_flags_nothing(string endpoint)
    {
        var report = fixture.TestsslReports.Single(r => Integration.Tests.Endpoints.Key(r.Endpoint) == endpoint);
        // A scan that could not talk TLS would flag nothing: it must have seen the protocols and the certificate.
        Assert.True(report.Findings.Any(f => f.Id == "TLS1_3" && f.Finding.StartsWith("offered", StringComparison.Ordinal)),
            $"{endpoint}: testssl.sh did not see TLS 1.3 offered:\n{report.Run}");
        Assert.Contains(report.Findings, f => f.Id == "cert_chain_of_trust" && f.Severity == "OK");
        var flagged = report.Flagged.ToList();
        Assert.True(flagged.Count == 0, $"testssl.sh flags {endpoint}:\n{string.Join("\n", flagged)}\n\n{Testssl.Summary(new[] { report })}");
    }
}
