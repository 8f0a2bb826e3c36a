using System.Reflection;

namespace MailDsl.TestPlatform;

/// <summary>
/// The guide's platform described well, once: examples/CorporateCloud's own <c>Describe()</c>, the description the example
/// emits. The tests that check the guide's platform start from it and say what they change (a target, the certificate's
/// paths, the guide's raw settings), so the example and the tests cannot drift apart.
/// </summary>
public static class GuidePlatform
{
    /// <summary>examples/CorporateCloud's description, as its generated <c>Run(args)</c> builds it.</summary>
    public static Platform Describe()
        => (Platform)typeof(Examples.CorporateCloud).GetMethod("Describe", BindingFlags.NonPublic | BindingFlags.Static)!.Invoke(null, null)!;

    /// <summary>
    /// The example with what the operator's guide (shared/reference) writes by hand that the example leaves to MailDsl:
    /// Postfix's <c>tls_disable_workarounds</c> and <c>tls_ssl_options</c> on SMTP-in, Dovecot's
    /// <c>ssl_prefer_server_ciphers</c> on the mailstore (a Dovecot 2.3 name, replaced in 2.4) and the guide's nginx location
    /// for SOGo's resources. The rules must take each where it is right and name it where the target has moved on.
    /// </summary>
    public static Platform WithGuidesRawSettings() => Describe()
        .SmtpIn(s => s
            .PostfixSetting("tls_disable_workarounds", "CVE-2010-4180")
            .PostfixSetting("tls_ssl_options", "no_ticket, no_compression"))
        .Mailstore(m => m.DovecotSetting("ssl_prefer_server_ciphers", "no"))
        .Webmail(w => w.NginxLocation("~ ^/SOGo/so/ControlPanel/Products/([^/]*)/Resources/(.*)$",
            "alias /usr/lib64/GNUstep/SOGo/$1.SOGo/Resources/$2;"));
}
