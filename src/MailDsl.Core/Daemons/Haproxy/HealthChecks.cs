using System.Collections.Generic;
using System.Linq;
using System.Text;
using MailDsl.Model;

namespace MailDsl.Daemons.Haproxy
{
    /// <summary>
    /// What each protocol's server says first, and how HAProxy's health check speaks that protocol (configuration
    /// manual: "option tcp-check", "tcp-check expect", "tcp-check send", "option httpchk", "http-check send",
    /// "http-check expect"; "check-ssl" puts the same exchange inside TLS on a port that is TLS from the first byte, and
    /// "check-send-proxy" sends the PROXY header first where the port expects one). A check that speaks the protocol
    /// marks a host down when its daemon stops answering, not only when its port closes.
    /// </summary>
    public static class HealthChecks
    {
        /// <summary>
        /// The start of the first thing each protocol's server sends, as its standard says: SMTP's 220 greeting (RFC 5321
        /// 4.2), IMAP's untagged OK (RFC 9051 7.1.1), POP3's +OK (RFC 1939 4), ManageSieve's capability list, which starts
        /// with IMPLEMENTATION as Pigeonhole sends it (RFC 5804 1.7), HTTP's status line.
        /// </summary>
        public static string Greeting(ServiceProtocol protocol) => protocol switch
        {
            ServiceProtocol.Smtp or ServiceProtocol.Submission => "220",
            ServiceProtocol.Imap => "* OK",
            ServiceProtocol.Pop3 => "+OK",
            ServiceProtocol.ManageSieve => "\"IMPLEMENTATION\"",
            _ => "HTTP/1.",
        };

        /// <summary>The protocols whose greeting <paramref name="expect"/> starts like: what a check expecting it was written for.</summary>
        public static IReadOnlyList<ServiceProtocol> GreetingsLike(string expect)
            => new[] { ServiceProtocol.Smtp, ServiceProtocol.Imap, ServiceProtocol.Pop3, ServiceProtocol.ManageSieve, ServiceProtocol.Https }
                .Where(p => expect.Length > 0 && (Greeting(p).StartsWith(expect, System.StringComparison.Ordinal) || expect.StartsWith(Greeting(p), System.StringComparison.Ordinal)))
                .ToList();

        /// <summary>
        /// The check lines of one listen section: the protocol's own exchange, or <paramref name="expect"/> when the
        /// description sets the greeting. <paramref name="postscreen"/>: the port is Postfix's postscreen, which counts a
        /// client speaking before its greeting is complete as a spambot (postscreen(8), "pregreet" test), so the check only
        /// reads the banner there. <paramref name="helo"/> is the balancer's own name for EHLO; <paramref name="host"/> the
        /// name asked for in an HTTP check's Host header.
        /// </summary>
        public static IEnumerable<string> Lines(Listener listener, string? expect, bool postscreen, string helo, string host)
        {
            switch (listener.Protocol)
            {
                case ServiceProtocol.Https:
                case ServiceProtocol.Http:
                    // nginx serves SOGo's login page over HTTPS, and answers plain HTTP with the redirect to it.
                    yield return "option httpchk";
                    yield return "http-check send meth GET uri /SOGo/ ver HTTP/1.1 hdr Host " + host;
                    yield return "http-check expect status " + (listener.Protocol == ServiceProtocol.Https ? "200" : "301");
                    yield break;
            }
            yield return "option tcp-check";
            if (expect is not null)
            {
                yield return "tcp-check expect string " + Escape(expect);
                yield break;
            }
            switch (listener.Protocol)
            {
                case ServiceProtocol.Smtp:
                case ServiceProtocol.Submission:
                    yield return "tcp-check expect rstring ^220";
                    if (postscreen) yield break;
                    yield return "tcp-check send EHLO\\ " + helo + "\\r\\n";
                    yield return "tcp-check expect rstring ^250";
                    yield return "tcp-check send QUIT\\r\\n";
                    yield return "tcp-check expect rstring ^221";
                    break;
                case ServiceProtocol.Imap:
                    yield return "tcp-check expect string *\\ OK";
                    yield return "tcp-check send a\\ LOGOUT\\r\\n";
                    yield return "tcp-check expect string *\\ BYE";
                    break;
                case ServiceProtocol.Pop3:
                    yield return "tcp-check expect string +OK";
                    yield return "tcp-check send QUIT\\r\\n";
                    yield return "tcp-check expect string +OK";
                    break;
                case ServiceProtocol.ManageSieve:
                    // The capability list ends with an OK line once complete.
                    yield return "tcp-check expect string \"IMPLEMENTATION\"";
                    yield return "tcp-check expect rstring \\r\\nOK";
                    yield return "tcp-check send LOGOUT\\r\\n";
                    yield return "tcp-check expect string OK";
                    break;
                default:
                    yield return "tcp-check connect";
                    break;
            }
        }

        /// <summary>
        /// <paramref name="text"/> as one word of HAProxy's configuration: a backslash before each space, tab, '#',
        /// backslash and quote (configuration manual 2.2, "Quoting and escaping"). The rules keep control characters out.
        /// </summary>
        public static string Escape(string text)
        {
            var b = new StringBuilder();
            foreach (var c in text)
            {
                if (c is ' ' or '\t' or '#' or '\\' or '"' or '\'') b.Append('\\');
                b.Append(c);
            }
            return b.ToString();
        }
    }
}
