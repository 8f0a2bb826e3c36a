using System.Collections.Generic;
using MailDsl.Layers;
using MailDsl.Model;
using MailDsl.Rules;

namespace MailDsl.Daemons.Postfix
{
    /// <summary>
    /// MAIL1030: the MX requires TLS (<c>StartTls(TlsLevel.Encrypt)</c>, <c>smtpd_tls_security_level = encrypt</c>). Port 25
    /// is where the whole Internet delivers: RFC 3207 says a publicly-referenced SMTP server must not require STARTTLS,
    /// and Postfix's own documentation says the same of <c>encrypt</c> on a public MX. Senders without TLS get a 530 and
    /// bounce their mail instead of delivering it in the clear to the same server that would have received it. TLS on
    /// port 25 is opportunistic; submission, IMAPS and webmail are where MailDsl requires it.
    /// </summary>
    internal sealed class RequiredTlsOnPublicMxRule : Rule
    {
        /// <inheritdoc/>
        public override RuleDescriptor Descriptor => RuleCatalog.RequiredTlsOnPublicMx;

        /// <inheritdoc/>
        public override IEnumerable<Finding> Check(PlatformModel platform)
        {
            if (platform.SmtpIn is not { } mx) yield break;
            if (mx.StartTls == TlsLevel.Encrypt)
                yield return Report(OriginKeys.SmtpIn.StartTls,
                    "The MX requires TLS (TlsLevel.Encrypt) on the port the Internet delivers to: every sender without STARTTLS gets "
                    + "'530 Must issue a STARTTLS command first' and its mail bounces (RFC 3207 forbids requiring TLS on a publicly-referenced "
                    + "server). Write StartTls(TlsLevel.May): TLS stays on offer to every sender, and submission still requires it.");
            foreach (var (setting, n) in PlatformLayers.NumberedSettings(mx))
                if (setting.Daemon == Daemon.Postfix && setting.Key == "smtpd_tls_security_level" && (setting.Value ?? "").Trim() == "encrypt")
                    yield return Report(OriginKeys.SmtpIn.Setting(setting.Daemon, setting.Key, n).Value,
                        "The MX's smtpd_tls_security_level = encrypt refuses mail from every sender without STARTTLS (RFC 3207 forbids requiring TLS "
                        + "on a publicly-referenced server). Remove it and describe the level with StartTls(TlsLevel.May).");
        }
    }
}
