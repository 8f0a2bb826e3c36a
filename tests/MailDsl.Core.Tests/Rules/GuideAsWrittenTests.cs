using MailDsl.Model;
using Xunit;

namespace MailDsl.Core.Tests.Rules;

public class GuideAsWrittenTests
{
    /// <summary>The guide's settings as literally written (what examples/SeedAsWritten describes).</summary>
    private static PlatformModel GuideAsWritten() => Platform.Create("mycompany.dom")
        .Banner("MYCOMPANY Mail System")
        .Certificate("/etc/pki/CA/certs/allservers.crt", "/etc/pki/CA/private/allservers.key")
        .SmtpIn(s => s.Hosts("vm-172-16-10-142.cloud0.hc.mycompany.dom")
            .PostfixSetting("smtpd_tls_security_level", "may")
            .PostfixSetting("smtpd_tls_mandatory_ciphers", "high")
            .PostfixSetting("smtpd_tls_mandatory_exclude_ciphers", "aNULL, MD5")
            .PostfixSetting("smtpd_tls_mandatory_protocols", "!SSLv2, !SSLv3")
            .PostfixSetting("smtpd_starttls_timeout", "300s")
            .PostfixSetting("tls_disable_workarounds", "0xFFFFFFFF")
            .PostfixSetting("tls_disable_workarounds", "CVE-2010-4180")
            .PostfixSetting("tls_ssl_options", "no_ticket, no_compression"))
        .Mailstore(m => m.Hosts("vm-172-16-10-143.cloud0.hc.mycompany.dom")
            .Ciphers("ALL:!LOW:!SSLv2:!SSLv3:!EXP:!aNULL")
            .DovecotSetting("ssl", "yes")
            .Imap(143).Imaps(993).Pop3(110).Pop3s(995)
            .Listener("imap-nopass", ServiceProtocol.Imap, 144, ListenerSecurity.Plain, allowPlaintextAuth: true))
        .Webmail(w => w.Hosts("webmail-01.cloud0.mycompany.dom")
            .Imap("imaps://imap.cloud0.mycompany.dom:993")
            .NginxLocation("^/SOGo/so/ControlPanel/Products/([^/]*)/Resources/(.*)$", "alias /usr/lib64/GNUstep/SOGo/$1.SOGo/Resources/$2;"))
        .Build();

    [Fact]
    public void The_guides_own_mistakes_are_each_found_where_they_were_written()
    {
        // Its protocol and cipher strings are the TLS rules' (MAIL1xxx); these are the platform rules' part.
        var found = RuleTesting.AllFindings(GuideAsWritten()).Select(f => f.RuleId + " " + f.OriginKey).OrderBy(s => s, StringComparer.Ordinal);

        Assert.Equal(new[]
        {
            "MAIL2001 mailstore.listener.imap-nopass.auth",
            "MAIL4001 smtpIn.setting.postfix.tls_disable_workarounds.1.key",
            "MAIL4002 webmail.location.0.match",
            "MAIL4003 mailstore.setting.dovecot.ssl.0.value",
            // Under security level may, Postfix never applies the mandatory settings the guide tunes.
            "MAIL4013 smtpIn.setting.postfix.smtpd_tls_mandatory_ciphers.0.key",
            "MAIL4013 smtpIn.setting.postfix.smtpd_tls_mandatory_exclude_ciphers.0.key",
            "MAIL4013 smtpIn.setting.postfix.smtpd_tls_mandatory_protocols.0.key",
        }, found);
    }
}
