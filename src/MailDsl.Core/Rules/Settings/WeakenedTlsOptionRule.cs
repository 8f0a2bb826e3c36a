using System;
using System.Collections.Generic;
using System.Linq;
using MailDsl.Layers;
using MailDsl.Model;
using MailDsl.Rules.Values;

namespace MailDsl.Rules.Settings
{
    /// <summary>
    /// MAIL4003: a raw Postfix or Dovecot setting that turns a TLS protection off or lets passwords or mail
    /// travel without TLS. What counts, from the daemons' own documentation (postconf(5), Dovecot 2.3's
    /// settings):
    /// <list type="bullet">
    /// <item>Postfix <c>smtpd_tls_auth_only = no</c>: AUTH is offered before STARTTLS.</item>
    /// <item>Postfix <c>*_tls_security_level = none</c>: no TLS at all.</item>
    /// <item>Postfix <c>tls_ssl_options</c> with <c>LEGACY_SERVER_CONNECT</c> (connects to servers without secure renegotiation).</item>
    /// <item>Dovecot <c>ssl = no</c> (no TLS) or <c>ssl = yes</c> (TLS optional: mail and non-plaintext logins without it; <c>required</c> is what MailDsl writes).</item>
    /// <item>Dovecot <c>disable_plaintext_auth = no</c>: passwords accepted before TLS.</item>
    /// <item>Dovecot <c>ssl_prefer_server_ciphers = no</c> where the layer's policy is Mozilla's old profile or a custom cipher
    /// string (then weak suites are on the list and the client may pick them; under intermediate and modern every suite is
    /// strong and Mozilla itself writes <c>no</c>).</item>
    /// </list>
    /// Protocol versions and cipher lists in raw settings (Postfix <c>*_tls_protocols</c> and cipher grades, Dovecot
    /// <c>ssl_min_protocol</c>, nginx <c>ssl_protocols</c>) are the TLS rules' (MAIL1001-MAIL1011), which point at the token.
    /// Not counted: <c>tls_disable_workarounds</c>. postconf(5) explains it disables OpenSSL's interoperability
    /// work-arounds, which makes OpenSSL stricter, not weaker.
    /// </summary>
    internal sealed class WeakenedTlsOptionRule : Rule
    {
        /// <inheritdoc/>
        public override RuleDescriptor Descriptor => RuleCatalog.WeakenedTlsOption;

        /// <inheritdoc/>
        public override IEnumerable<Finding> Check(PlatformModel platform)
        {
            foreach (var layer in PlatformLayers.Of(platform))
            {
                var policy = (platform.Tls ?? new TlsPolicy()).With(layer.Tls);
                foreach (var (setting, n) in PlatformLayers.NumberedSettings(layer))
                {
                    var why = setting.Daemon switch
                    {
                        Daemon.Postfix => Postfix(setting.Key ?? "", (setting.Value ?? "").Trim()),
                        Daemon.Dovecot => Dovecot(setting.Key ?? "", (setting.Value ?? "").Trim(), policy),
                        _ => null,
                    };
                    if (why is null) continue;
                    var message = $"The {LayerDescriptors.Of(layer).DisplayName} {setting.Daemon} setting '{setting.Key} = {ValueSafety.Show(setting.Value)}' {why}";
                    yield return Report(OriginKeys.Of(layer).Setting(setting.Daemon, setting.Key, n).Value, message);
                }
            }
        }

        private static string? Postfix(string key, string value)
        {
            if (key == "smtpd_tls_auth_only" && IsNo(value))
                return "lets clients send AUTH PLAIN and LOGIN passwords before STARTTLS, in the clear. Remove it: MailDsl writes smtpd_tls_auth_only = yes.";
            if ((key == "smtpd_tls_security_level" || key == "smtp_tls_security_level" || key == "lmtp_tls_security_level")
                && string.Equals(value, "none", StringComparison.OrdinalIgnoreCase))
                return "turns TLS off, so mail and passwords travel in the clear. Remove it and describe the level with StartTls(...) or OutboundTls(...) (may for the open Internet).";
            if (key == "tls_ssl_options" && Tokens(value).Any(t => t.Equals("LEGACY_SERVER_CONNECT", StringComparison.OrdinalIgnoreCase)))
                return "enables LEGACY_SERVER_CONNECT: the SMTP client connects to servers without secure renegotiation (RFC 5746), open to renegotiation attacks. Remove that option.";
            return null;
        }

        private static string? Dovecot(string key, string value, TlsPolicy policy)
        {
            switch (key)
            {
                case "ssl" when IsNo(value):
                    return "turns TLS off in Dovecot: IMAP and POP3 logins and mail travel in the clear. Remove it: MailDsl writes ssl = required.";
                case "ssl" when value.Equals("yes", StringComparison.OrdinalIgnoreCase):
                    return "makes TLS optional: a client may read mail and log in with non-plaintext mechanisms without TLS. Write required, or remove it: MailDsl writes ssl = required.";
                case "disable_plaintext_auth" when IsNo(value):
                    return "lets clients log in with plaintext passwords before TLS is up, in the clear. Remove it: MailDsl writes disable_plaintext_auth = yes.";
                case "ssl_prefer_server_ciphers" when IsNo(value) && (policy.Profile == TlsProfile.Old || policy.Ciphers is not null):
                    return "lets the client choose the suite, and this layer's cipher list "
                        + (policy.Ciphers is not null ? "is a custom string" : "follows Mozilla's old profile")
                        + " with weak suites on it, so a client may pick the weakest. Write yes.";
                default:
                    return null;
            }
        }

        private static IEnumerable<string> Tokens(string value)
            => value.Split(new[] { ' ', '\t', ',', ':' }, StringSplitOptions.RemoveEmptyEntries);

        private static bool IsNo(string value)
            => value.Equals("no", StringComparison.OrdinalIgnoreCase) || value.Equals("false", StringComparison.OrdinalIgnoreCase)
               || value.Equals("n", StringComparison.OrdinalIgnoreCase) || value == "0";
    }
}
