using System.Collections.Generic;
using System.Linq;
using MailDsl.Model;

namespace MailDsl
{
    /// <summary>Describes the MX layer: Postfix receiving mail from the Internet (SMTP on 25, STARTTLS).</summary>
    public sealed class SmtpInBuilder : LayerBuilder<SmtpInBuilder>
    {
        private TlsLevel _startTls = TlsLevel.May;
        private int _smtpPort = 25;

        internal SmtpInBuilder(OriginRecorder origins) : base(origins, OriginKeys.SmtpIn) { }

        /// <summary>Sets the STARTTLS level offered to senders: <see cref="TlsLevel.May"/> for a public MX (RFC 3207).</summary>
        /// <param name="level">The level.</param>
        public SmtpInBuilder StartTls(TlsLevel level)
        {
            Origins.Argument(OriginKeys.SmtpIn.StartTls, 0);
            _startTls = level;
            return this;
        }

        /// <summary>Moves the SMTP listener off port 25 (tests, or behind a load balancer).</summary>
        /// <param name="port">The TCP port.</param>
        public SmtpInBuilder Smtp(int port = 25)
        {
            Origins.Argument(Keys.Listener("smtp").Port, 0);
            _smtpPort = port;
            return this;
        }

        private protected override IEnumerable<Listener> DefaultListeners(IReadOnlyList<Listener> declared)
        {
            yield return new Listener("smtp", ServiceProtocol.Smtp, _smtpPort, ListenerSecurity.StartTls, false);
        }

        internal SmtpInLayer Build() => Fill(new SmtpInLayer { StartTls = _startTls });
    }

    /// <summary>Describes the outbound relay: Postfix sending to the Internet, with submission for users.</summary>
    public sealed class SmtpOutBuilder : LayerBuilder<SmtpOutBuilder>
    {
        private TlsLevel _outboundTls = TlsLevel.May;
        private int _smtpPort = 25;

        internal SmtpOutBuilder(OriginRecorder origins) : base(origins, OriginKeys.SmtpOut) { }

        /// <summary>Sets the TLS level used towards remote servers (smtp_tls_security_level).</summary>
        /// <param name="level">The level; <see cref="TlsLevel.May"/> is right for the open Internet.</param>
        public SmtpOutBuilder OutboundTls(TlsLevel level)
        {
            Origins.Argument(OriginKeys.SmtpOut.OutboundTls, 0);
            _outboundTls = level;
            return this;
        }

        /// <summary>Moves the relay's SMTP listener off port 25.</summary>
        /// <param name="port">The TCP port.</param>
        public SmtpOutBuilder Smtp(int port = 25)
        {
            Origins.Argument(Keys.Listener("smtp").Port, 0);
            _smtpPort = port;
            return this;
        }

        /// <summary>Adds mail submission with STARTTLS required before AUTH (RFC 6409, port 587).</summary>
        /// <param name="port">The TCP port.</param>
        public SmtpOutBuilder Submission(int port = 587)
        {
            Origins.Call(Keys.Listener("submission"));
            Origins.Argument(Keys.Listener("submission").Port, 0);
            return AddListener(new Listener("submission", ServiceProtocol.Submission, port, ListenerSecurity.StartTls, true));
        }

        /// <summary>Adds mail submission over implicit TLS (RFC 8314, port 465).</summary>
        /// <param name="port">The TCP port.</param>
        public SmtpOutBuilder Submissions(int port = 465)
        {
            Origins.Call(Keys.Listener("submissions"));
            Origins.Argument(Keys.Listener("submissions").Port, 0);
            return AddListener(new Listener("submissions", ServiceProtocol.Submission, port, ListenerSecurity.ImplicitTls, true));
        }

        private protected override IEnumerable<Listener> DefaultListeners(IReadOnlyList<Listener> declared)
        {
            yield return new Listener("smtp", ServiceProtocol.Smtp, _smtpPort, ListenerSecurity.StartTls, false);
        }

        internal SmtpOutLayer Build() => Fill(new SmtpOutLayer { OutboundTls = _outboundTls });
    }
}
