using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using MailDsl.Directories;
using MailDsl.Layers;
using MailDsl.Model;
using MailDsl.Rules;

namespace MailDsl.Daemons.Sogo
{
    /// <summary>Which of SOGo's mail servers a URL names.</summary>
    public enum SogoServer
    {
        /// <summary><c>SOGoIMAPServer</c>: where SOGo reads mail.</summary>
        Imap,
        /// <summary><c>SOGoSMTPServer</c>: where SOGo sends mail.</summary>
        Smtp,
        /// <summary><c>SOGoSieveServer</c>: ManageSieve, for filters and vacation.</summary>
        Sieve,
    }

    /// <summary>
    /// A SOGo server URL as SOPE's IMAP, SMTP and ManageSieve clients read it: <c>imaps://host:993</c>,
    /// <c>smtp://host:587/?tls=YES</c>, <c>sieve://host:4190/?tls=YES&amp;tlsVerifyMode=none</c>, or a bare
    /// <c>host[:port]</c>. TLS is the scheme (<c>imaps</c>, <c>smtps</c>) or the query's <c>tls=YES</c> (STARTTLS); SOPE
    /// verifies the server against OpenSSL's default store and the host name unless <c>tlsVerifyMode</c> is <c>none</c>,
    /// or <c>allowInsecureLocalhost</c> and the name resolves to a loopback address (read in SOPE's NGActiveSSLSocket and
    /// NGInternetSocketAddress; both modes exist in SOGo 5.8 and 5.12, seen in their libraries).
    /// </summary>
    /// <param name="Server">Which server.</param>
    /// <param name="Text">The URL as written (surrounding quotes removed).</param>
    /// <param name="Host">The host dialled, without brackets; "" when there is none.</param>
    /// <param name="Port">The port dialled (the scheme's default when none is written).</param>
    /// <param name="ImplicitTls">TLS from the first byte (<c>imaps</c>, <c>smtps</c>).</param>
    /// <param name="StartTls">STARTTLS required (<c>tls=YES</c>).</param>
    /// <param name="VerifyMode">The <c>tlsVerifyMode</c> written, or "" for SOPE's default (verify).</param>
    /// <param name="OriginKey">Where the description wrote it: the argument of <c>Imap(...)</c>/<c>Smtp(...)</c> or a raw setting's value; "" when MailDsl chose it.</param>
    public sealed record SogoServerUrl(SogoServer Server, string Text, string Host, int Port, bool ImplicitTls, bool StartTls, string VerifyMode, string OriginKey)
    {
        /// <summary>The sogo.conf setting that holds a server's URL.</summary>
        public static string SettingName(SogoServer server) => server switch
        {
            SogoServer.Imap => "SOGoIMAPServer",
            SogoServer.Smtp => "SOGoSMTPServer",
            _ => "SOGoSieveServer",
        };

        /// <summary>The setting this URL goes into.</summary>
        public string Setting => SettingName(Server);

        /// <summary>Whether the connection is encrypted at all.</summary>
        public bool Encrypted => ImplicitTls || StartTls;

        /// <summary>Whether SOPE is told not to verify at all (<c>tlsVerifyMode=none</c>).</summary>
        public bool VerifyNone => VerifyMode.Equals("none", StringComparison.OrdinalIgnoreCase);

        /// <summary>Whether SOPE is told to skip verification when the name resolves to loopback (<c>allowInsecureLocalhost</c>).</summary>
        public bool AllowInsecureLocalhost => VerifyMode.Equals("allowInsecureLocalhost", StringComparison.OrdinalIgnoreCase);

        /// <summary>Whether the host is the webmail host itself by name or address (nothing crosses a network).</summary>
        public bool IsLocal => PlatformDirectory.IsLocal(Host);

        /// <summary>Whether SOPE checks the server's certificate and name on this connection, as far as the description says.</summary>
        public bool Verified => Encrypted && !VerifyNone && !(AllowInsecureLocalhost && IsLocal);

        /// <summary>Reads <paramref name="text"/> (quotes around it, as sogo.conf may have them, are removed); null when it names no host.</summary>
        public static SogoServerUrl? Parse(SogoServer server, string? text, string originKey)
        {
            var value = (text ?? "").Trim();
            if (value.Length >= 2 && value[0] == '"' && value[value.Length - 1] == '"') value = value.Substring(1, value.Length - 2).Trim();
            if (value.Length == 0) return null;
            var rest = value;
            var scheme = "";
            var sep = rest.IndexOf("://", StringComparison.Ordinal);
            if (sep >= 0)
            {
                scheme = rest.Substring(0, sep).ToLowerInvariant();
                rest = rest.Substring(sep + 3);
            }
            var query = "";
            var q = rest.IndexOf('?');
            if (q >= 0)
            {
                query = rest.Substring(q + 1);
                rest = rest.Substring(0, q);
            }
            var slash = rest.IndexOf('/');
            var authority = slash >= 0 ? rest.Substring(0, slash) : rest;
            var at = authority.LastIndexOf('@');
            if (at >= 0) authority = authority.Substring(at + 1);
            string host;
            var portText = "";
            if (authority.StartsWith("[", StringComparison.Ordinal) && authority.IndexOf(']') is var close and > 0)
            {
                host = authority.Substring(1, close - 1);
                if (close + 1 < authority.Length && authority[close + 1] == ':') portText = authority.Substring(close + 2);
            }
            else
            {
                var colon = authority.LastIndexOf(':');
                host = colon >= 0 ? authority.Substring(0, colon) : authority;
                if (colon >= 0) portText = authority.Substring(colon + 1);
            }
            if (host.Length == 0) return null;
            var parameters = query.Split('&').Select(p => p.Split(new[] { '=' }, 2)).Where(p => p.Length == 2)
                .Select(p => (Key: p[0].Trim(), Value: p[1].Trim())).ToList();
            string Param(string key) => parameters.LastOrDefault(p => p.Key.Equals(key, StringComparison.OrdinalIgnoreCase)).Value ?? "";
            var implicitTls = scheme is "imaps" or "smtps";
            var startTls = Param("tls").Equals("YES", StringComparison.OrdinalIgnoreCase);
            var port = int.TryParse(portText, NumberStyles.None, CultureInfo.InvariantCulture, out var p) ? p : scheme switch
            {
                "imaps" => 993,
                "imap" => 143,
                "smtps" => 465,
                "sieve" => 4190,
                _ => server switch { SogoServer.Imap => 143, SogoServer.Sieve => 4190, _ => 25 },
            };
            return new SogoServerUrl(server, value, host, port, implicitTls, startTls, Param("tlsVerifyMode"), originKey);
        }

        /// <summary>
        /// Every server URL the webmail layer's description writes itself, with where: <c>Imap(...)</c>, <c>Smtp(...)</c>,
        /// and raw <c>SOGoIMAPServer</c>, <c>SOGoSMTPServer</c>, <c>SOGoSieveServer</c> settings (those replace MailDsl's
        /// value in place).
        /// </summary>
        public static IEnumerable<SogoServerUrl> Written(WebmailLayer webmail)
        {
            if (Parse(SogoServer.Imap, webmail.ImapServer, OriginKeys.Webmail.ImapServer) is { } imap) yield return imap;
            if (Parse(SogoServer.Smtp, webmail.SmtpServer, OriginKeys.Webmail.SmtpServer) is { } smtp) yield return smtp;
            foreach (var (setting, n) in PlatformLayers.NumberedSettings(webmail))
            {
                if (setting.Daemon != Daemon.Sogo || RawServer(setting.Key) is not { } server) continue;
                if (Parse(server, setting.Value, OriginKeys.Webmail.Setting(setting.Daemon, setting.Key, n).Value) is { } raw) yield return raw;
            }
        }

        /// <summary>Which server a raw SOGo setting's key names, or null for any other setting.</summary>
        public static SogoServer? RawServer(string? key)
        {
            foreach (var server in new[] { SogoServer.Imap, SogoServer.Smtp, SogoServer.Sieve })
                if (string.Equals(key, SettingName(server), StringComparison.Ordinal)) return server;
            return null;
        }
    }
}
