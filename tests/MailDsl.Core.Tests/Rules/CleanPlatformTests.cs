using MailDsl.Rules;
using Xunit;

namespace MailDsl.Core.Tests.Rules;

public class CleanPlatformTests
{
    [Fact]
    public void The_guide_platform_described_well_has_no_findings_from_the_platform_rules()
    {
        var findings = RuleTesting.AllFindings(GuidePlatform.Describe().Build());

        Assert.True(findings.Count == 0, "unexpected findings:\n" + string.Join("\n", findings));
    }

    [Fact]
    public void Every_platform_rule_has_a_descriptor_from_the_catalog_and_its_own_id()
    {
        var ids = PlatformRules.All.Select(r => r.Descriptor.Id).ToList();

        Assert.Equal(ids.Distinct().Count(), ids.Count);
        Assert.All(PlatformRules.All, r => Assert.Contains(r.Descriptor, RuleCatalog.All));
        Assert.Equal(
            new[] { "MAIL1020", "MAIL2001", "MAIL2002", "MAIL2003", "MAIL3001", "MAIL3002", "MAIL3003", "MAIL4001", "MAIL4002", "MAIL4003",
                "MAIL4010", "MAIL4011", "MAIL4012", "MAIL4013", "MAIL4014", "MAIL4015", "MAIL4016" },
            ids.OrderBy(i => i, StringComparer.Ordinal));
    }

    [Fact]
    public void Findings_carry_the_severity_of_their_descriptor()
    {
        var model = Platform.Create("bad domain")
            .Mailstore(m => m.Hosts("store").Listener("imap-nopass", MailDsl.Model.ServiceProtocol.Imap, 70000, MailDsl.Model.ListenerSecurity.Plain, true)
                .PostfixSetting("smtpd_tls_auth_only", "no").PostfixSetting("smtpd_tls_auth_only", "no"))
            .Build();

        var findings = RuleTesting.AllFindings(model);

        Assert.NotEmpty(findings);
        Assert.All(findings, f => Assert.Equal(RuleCatalog.All.Single(d => d.Id == f.RuleId).DefaultSeverity, f.Severity));
    }
}
