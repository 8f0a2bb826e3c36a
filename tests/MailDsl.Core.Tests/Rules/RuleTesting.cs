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

/// <summary>The guide's platform described well: what examples/CorporateCloud describes.</summary>
internal static class GuidePlatform
{
    public static Platform Describe() => Platform.Create("mycompany.dom")
        .Banner("MYCOMPANY Mail System")
        .Target(Distro.Rhel9)
        .Certificate("/etc/pki/CA/certs/allservers.crt", "/etc/pki/CA/private/allservers.key")
        .Tls(TlsProfile.Intermediate)
        .SmtpIn(s => s.Hosts("smtp-in-01.cloud0.mycompany.dom", "smtp-in-02.cloud0.mycompany.dom")
            .Vip("smtp-in.cloud0.mycompany.dom")
            .StartTls(TlsLevel.May)
            .PostfixSetting("smtpd_starttls_timeout", "300s")
            .PostfixSetting("tls_disable_workarounds", "CVE-2010-4180")
            .PostfixSetting("tls_ssl_options", "no_ticket, no_compression"))
        .SmtpOut(s => s.Hosts("smtp-out-01.cloud0.mycompany.dom").Vip("smtp-out.cloud0.mycompany.dom").Submission(587).Submissions(465))
        .Mailstore(m => m.Hosts("vm-172-16-10-142.cloud0.hc.mycompany.dom")
            .Vip("imap.cloud0.mycompany.dom")
            .Imaps(993).Pop3s(995)
            .DovecotSetting("ssl_prefer_server_ciphers", "no"))
        .Webmail(w => w.Hosts("webmail-01.cloud0.mycompany.dom").Vip("webmail.cloud0.mycompany.dom")
            .Sogo(20000).Https(443).HttpRedirect(80)
            .Imap("imaps://imap.cloud0.mycompany.dom:993")
            .NginxLocation("~ ^/SOGo/so/ControlPanel/Products/([^/]*)/Resources/(.*)$",
                "alias /usr/lib64/GNUstep/SOGo/$1.SOGo/Resources/$2;"));
}
