using MailDsl.Model;
using MailDsl.Rules;

namespace MailDsl.Core.Tests.Rules;

/// <summary>Runs the platform rules over models built with the run-time DSL.</summary>
internal static class RuleTesting
{
    /// <summary>Every rule but the cipher and protocol rules (MAIL10xx, tested on their own): the cross-daemon platform rules and the daemon modules' rules.</summary>
    public static IReadOnlyList<Rule> PlatformAndDaemonRules { get; } = RuleSet.All.Except(MailDsl.Rules.Tls.TlsRules.All).ToList();

    /// <summary>The findings of rule <paramref name="ruleId"/> only.</summary>
    public static List<Finding> Findings(PlatformModel model, string ruleId)
        => RuleSet.All.Where(r => r.Descriptor.Id == ruleId).SelectMany(r => r.Check(model)).ToList();

    /// <summary>The findings of every platform and daemon rule.</summary>
    public static List<Finding> AllFindings(PlatformModel model)
        => PlatformAndDaemonRules.SelectMany(r => r.Check(model)).ToList();

    /// <summary>A property of a finding, or null.</summary>
    public static string? Property(Finding finding, string name)
        => finding.Properties.FirstOrDefault(p => p.Name == name)?.Value;

    /// <summary>A minimal clean platform to start a test from.</summary>
    public static Platform Minimal(string domain = "example.org")
        => Platform.Create(domain)
            .Certificate("/etc/pki/tls/certs/mail.crt", "/etc/pki/tls/private/mail.key");
}
