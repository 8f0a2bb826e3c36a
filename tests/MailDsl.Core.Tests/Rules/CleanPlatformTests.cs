using MailDsl.Rules;
using MailDsl.TestPlatform;
using Xunit;

namespace MailDsl.Core.Tests.Rules;

public class CleanPlatformTests
{
    [Fact]
    public void The_guide_platform_described_well_has_no_findings_from_the_platform_rules()
    {
        var findings = RuleTesting.AllFindings(GuidePlatform.WithGuidesRawSettings().Build());

        Assert.True(findings.Count == 0, "unexpected findings:\n" + string.Join("\n", findings));
    }

    [Fact]
    public void Every_rule_has_a_descriptor_from_the_catalog_and_every_descriptor_one_rule()
    {
        var ids = RuleSet.All.Select(r => r.Descriptor.Id).ToList();

        Assert.Equal(ids.Distinct().Count(), ids.Count);
        Assert.All(RuleSet.All, r => Assert.Contains(r.Descriptor, RuleCatalog.All));
        // MAIL9xxx are the evaluator's own (the generator reports them), not rules over a model.
        Assert.Equal(
            RuleCatalog.All.Select(d => d.Id).Where(id => !id.StartsWith("MAIL9", StringComparison.Ordinal)).OrderBy(i => i, StringComparer.Ordinal),
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
