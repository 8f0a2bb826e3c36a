using System.Collections.Generic;
using System.Linq;
using System.Text;
using MailDsl.Model;
using MailDsl.Topology;

namespace MailDsl.Daemons.Haproxy
{
    /// <summary>
    /// What each protocol's server says first, how a balancer's health check speaks that protocol
    /// (<see cref="Plan"/>: the exchange, shared by emitted HAProxy and what a described LBaaS is told), and how HAProxy writes
    /// it (<see cref="Lines"/>; configuration manual: "option tcp-check", "tcp-check expect", "tcp-check send", "option
    /// httpchk", "http-check send", "http-check expect"; "check-ssl" puts the same exchange inside TLS on a port that is TLS
    /// from the first byte, and "check-send-proxy" sends the PROXY header first where the port expects one). A check that
    /// speaks the protocol marks a host down when its daemon stops answering, not only when its port closes.
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
        /// The exchange of a listener's check: the protocol's own, or <paramref name="expect"/> alone when the description
        /// sets the greeting (an HTTP listener's check is an HTTP request; the rules refuse a greeting there). <paramref name="postscreen"/>: the port is Postfix's postscreen, which counts a client speaking
        /// before its greeting is complete as a spambot (postscreen(8), "pregreet" test), so the check only reads the banner
        /// there. <paramref name="helo"/> is the checker's own name for EHLO; <paramref name="host"/> the name asked for in an
        /// HTTP check's Host header. TLS, SNI and PROXY are the caller's (<see cref="BalancerPlan"/>).
        /// </summary>
        public static HealthCheckPlan Plan(Listener listener, string? expect, bool postscreen, string helo, string host)
        {
            var none = new List<HealthCheckStep>();
            switch (listener.Protocol)
            {
                case ServiceProtocol.Https:
                case ServiceProtocol.Http:
                    // nginx serves SOGo's login page over HTTPS, and answers plain HTTP with the redirect to it.
                    return new HealthCheckPlan(none, "/SOGo/", host, listener.Protocol == ServiceProtocol.Https ? 200 : 301, false, host, "", false);
            }
            var steps = new List<HealthCheckStep>();
            void Expect(string text) => steps.Add(new HealthCheckStep(HealthCheckAction.ExpectContains, text));
            void Start(string text) => steps.Add(new HealthCheckStep(HealthCheckAction.ExpectStart, text));
            void Send(string text) => steps.Add(new HealthCheckStep(HealthCheckAction.Send, text));
            // The description's greeting is what the first answer must start with (BalancerBuilder.HealthCheck), so it is
            // anchored: a greeting merely held somewhere in the answer would pass a server that refuses with it in its text.
            if (expect is not null) Start(expect);
            else
                switch (listener.Protocol)
                {
                    case ServiceProtocol.Smtp:
                    case ServiceProtocol.Submission:
                        Start("220");
                        if (postscreen) break;
                        Send("EHLO " + helo + "\r\n");
                        Start("250");
                        Send("QUIT\r\n");
                        Start("221");
                        break;
                    case ServiceProtocol.Imap:
                        Expect("* OK");
                        Send("a LOGOUT\r\n");
                        Expect("* BYE");
                        break;
                    case ServiceProtocol.Pop3:
                        Expect("+OK");
                        Send("QUIT\r\n");
                        Expect("+OK");
                        break;
                    case ServiceProtocol.ManageSieve:
                        // The capability list ends with an OK line once complete.
                        Expect("\"IMPLEMENTATION\"");
                        Expect("\r\nOK");
                        Send("LOGOUT\r\n");
                        Expect("OK");
                        break;
                }
            return new HealthCheckPlan(steps, null, host, 0, false, host, "", false);
        }

        /// <summary>The check lines of one listen section, as HAProxy writes <paramref name="check"/>.</summary>
        public static IEnumerable<string> Lines(HealthCheckPlan check)
        {
            if (check.HttpPath is { } path)
            {
                yield return "option httpchk";
                yield return "http-check send meth GET uri " + path + " ver HTTP/1.1 hdr Host " + check.HttpHost;
                yield return "http-check expect status " + check.HttpStatus.ToString(System.Globalization.CultureInfo.InvariantCulture);
                yield break;
            }
            yield return "option tcp-check";
            if (check.Steps.Count == 0) yield return "tcp-check connect";
            foreach (var step in check.Steps)
                yield return step.Action switch
                {
                    HealthCheckAction.ExpectStart => "tcp-check expect rstring ^" + Escape(RegexLiteral(step.Text)),
                    HealthCheckAction.ExpectContains => "tcp-check expect string " + Escape(step.Text),
                    _ => "tcp-check send " + Escape(step.Text),
                };
        }

        // A literal as a PCRE pattern: a backslash before each character a pattern reads as an operator.
        private static string RegexLiteral(string text)
        {
            var b = new StringBuilder();
            foreach (var c in text)
            {
                if ("\\^$.|?*+()[]{}".IndexOf(c) >= 0) b.Append('\\');
                b.Append(c);
            }
            return b.ToString();
        }

        /// <summary>
        /// <paramref name="text"/> as one word of HAProxy's configuration: a backslash before each space, tab, '#',
        /// backslash and quote, and CR and LF as <c>\r</c> and <c>\n</c> (configuration manual 2.2, "Quoting and escaping").
        /// The rules keep other control characters out.
        /// </summary>
        public static string Escape(string text)
        {
            var b = new StringBuilder();
            foreach (var c in text)
            {
                if (c == '\r') b.Append("\\r");
                else if (c == '\n') b.Append("\\n");
                else
                {
                    if (c is ' ' or '\t' or '#' or '\\' or '"' or '\'') b.Append('\\');
                    b.Append(c);
                }
            }
            return b.ToString();
        }
    }
}
