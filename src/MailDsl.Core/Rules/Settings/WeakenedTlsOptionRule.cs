using System;
using System.Collections.Generic;
using System.Linq;
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
    /// <item>Postfix <c>*_tls_protocols</c> / <c>*_tls_mandatory_protocols</c> that leave SSLv2, SSLv3, TLSv1 or TLSv1.1 on
    /// (the guide's <c>!SSLv2, !SSLv3</c> does).</item>
    /// <item>Postfix <c>*_tls_ciphers</c> grades <c>export</c>, <c>low</c>, <c>null</c>.</item>
    /// <item>Postfix <c>tls_ssl_options</c> with <c>LEGACY_SERVER_CONNECT</c> (connects to servers without secure renegotiation).</item>
    /// <item>Dovecot <c>ssl = no</c> (no TLS) or <c>ssl = yes</c> (TLS optional: mail and non-plaintext logins without it; <c>required</c> is what MailDsl writes).</item>
    /// <item>Dovecot <c>disable_plaintext_auth = no</c>: passwords accepted before TLS.</item>
    /// <item>Dovecot <c>ssl_min_protocol</c> below TLSv1.2.</item>
    /// <item>Dovecot <c>ssl_prefer_server_ciphers = no</c> where the layer's policy is Mozilla's old profile or a custom cipher
    /// string (then weak suites are on the list and the client may pick them; under intermediate and modern every suite is
    /// strong and Mozilla itself writes <c>no</c>).</item>
    /// </list>
    /// Not counted: <c>tls_disable_workarounds</c>. postconf(5) explains it disables OpenSSL's interoperability
    /// work-arounds, which makes OpenSSL stricter, not weaker.
    /// </summary>
    internal sealed class WeakenedTlsOptionRule : Rule
    {
        private static readonly string[] ProtocolOrder = { "SSLv2", "SSLv3", "TLSv1", "TLSv1.1", "TLSv1.2", "TLSv1.3" };

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
                    var message = $"The {PlatformLayers.DisplayName(layer)} {setting.Daemon} setting '{setting.Key} = {ValueSafety.Show(setting.Value)}' {why}";
                    yield return Report(PlatformLayers.SettingKey(layer, setting, n, "value"), message);
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
            if (key.EndsWith("tls_protocols", StringComparison.Ordinal) || key.EndsWith("tls_mandatory_protocols", StringComparison.Ordinal))
            {
                var weak = EnabledPostfixProtocols(value).Where(p => Array.IndexOf(ProtocolOrder, p) < 4).ToList();
                if (weak.Count > 0)
                    return $"leaves {string.Join(", ", weak)} enabled: SSLv2 and SSLv3 are broken, TLS 1.0 and 1.1 are deprecated (RFC 8996). "
                        + "Write >=TLSv1.2, or remove it and let the TLS profile decide.";
            }
            if ((key.EndsWith("tls_ciphers", StringComparison.Ordinal) || key.EndsWith("tls_mandatory_ciphers", StringComparison.Ordinal))
                && (value.Equals("export", StringComparison.OrdinalIgnoreCase) || value.Equals("low", StringComparison.OrdinalIgnoreCase) || value.Equals("null", StringComparison.OrdinalIgnoreCase)))
                return $"selects Postfix's '{value}' cipher grade: export-grade, low-strength or unencrypted suites. Write high (or medium for the open Internet), or remove it.";
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
                    return "lets clients log in with plaintext passwords before TLS is up, in the clear. Remove it: Dovecot's default (yes) refuses them.";
                case "ssl_min_protocol" when !(value.Equals("TLSv1.2", StringComparison.OrdinalIgnoreCase) || value.Equals("TLSv1.3", StringComparison.OrdinalIgnoreCase)):
                    return "accepts protocols older than TLS 1.2: SSLv3 is broken, TLS 1.0 and 1.1 are deprecated (RFC 8996). Write TLSv1.2, or remove it and let the TLS profile decide.";
                case "ssl_prefer_server_ciphers" when IsNo(value) && (policy.Profile == TlsProfile.Old || policy.Ciphers is not null):
                    return "lets the client choose the suite, and this layer's cipher list "
                        + (policy.Ciphers is not null ? "is a custom string" : "follows Mozilla's old profile")
                        + " with weak suites on it, so a client may pick the weakest. Write yes.";
                default:
                    return null;
            }
        }

        /// <summary>The protocols a Postfix protocol list leaves on: an inclusion list, or all minus <c>!</c> exclusions, narrowed by <c>&gt;=</c> and <c>&lt;=</c> bounds.</summary>
        private static IEnumerable<string> EnabledPostfixProtocols(string value)
        {
            var tokens = Tokens(value).ToList();
            var included = tokens.Where(t => Index(t) >= 0).ToList();
            var on = included.Count > 0 ? ProtocolOrder.Where(p => included.Any(i => Index(i) == Array.IndexOf(ProtocolOrder, p))).ToList() : ProtocolOrder.ToList();
            foreach (var t in tokens)
            {
                if (t.StartsWith("!", StringComparison.Ordinal) && Index(t.Substring(1)) is var ex && ex >= 0) on.Remove(ProtocolOrder[ex]);
                else if (t.StartsWith(">=", StringComparison.Ordinal) && Index(t.Substring(2)) is var lo && lo >= 0) on.RemoveAll(p => Array.IndexOf(ProtocolOrder, p) < lo);
                else if (t.StartsWith("<=", StringComparison.Ordinal) && Index(t.Substring(2)) is var hi && hi >= 0) on.RemoveAll(p => Array.IndexOf(ProtocolOrder, p) > hi);
            }
            return on;
        }

        private static int Index(string protocol)
        {
            for (var i = 0; i < ProtocolOrder.Length; i++)
                if (string.Equals(ProtocolOrder[i], protocol, StringComparison.OrdinalIgnoreCase)) return i;
            return -1;
        }

        private static IEnumerable<string> Tokens(string value)
            => value.Split(new[] { ' ', '\t', ',', ':' }, StringSplitOptions.RemoveEmptyEntries);

        private static bool IsNo(string value)
            => value.Equals("no", StringComparison.OrdinalIgnoreCase) || value.Equals("false", StringComparison.OrdinalIgnoreCase)
               || value.Equals("n", StringComparison.OrdinalIgnoreCase) || value == "0";
    }
}
