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
        private string? _daneResolver;
        private int? _mtaStsPort;

        internal SmtpOutBuilder(OriginRecorder origins) : base(origins, OriginKeys.SmtpOut) { }

        /// <summary>
        /// Sets the TLS level used towards remote servers (smtp_tls_security_level). With <see cref="OutboundDane"/> the level
        /// is <c>dane</c>, which falls back to <c>may</c> where no TLSA records are published: <see cref="TlsLevel.Encrypt"/>
        /// or <see cref="TlsLevel.None"/> beside it is an error (MAIL6010).
        /// </summary>
        /// <param name="level">The level; <see cref="TlsLevel.May"/> is right for the open Internet.</param>
        public SmtpOutBuilder OutboundTls(TlsLevel level)
        {
            Origins.Argument(OriginKeys.SmtpOut.OutboundTls, 0);
            _outboundTls = level;
            return this;
        }

        /// <summary>
        /// Verifies destinations that publish DANE TLSA records (RFC 7672): Postfix looks MX, address and TLSA records up with
        /// DNSSEC (<c>smtp_dns_support_level = dnssec</c>, <c>smtp_tls_security_level = dane</c>) and requires a certificate
        /// matching a TLSA record where one is published; TLS stays opportunistic where none is. MailDsl installs unbound on the
        /// relay as a validating resolver on <paramref name="resolver"/> (root trust anchor kept by unbound-anchor) and points the
        /// host's resolv.conf at it: Postfix trusts its resolver's AD bit, so the resolver must be on the host.
        /// </summary>
        /// <param name="resolver">Grammar: a loopback IPv4 or IPv6 address (<c>127.0.0.1</c>, <c>::1</c>) where unbound listens and resolv.conf points.</param>
        public SmtpOutBuilder OutboundDane([ValueGrammar(ValueKind.ListenAddress)] string resolver = "127.0.0.1")
        {
            Origins.Call(OriginKeys.SmtpOut.OutboundDane);
            Origins.Argument(OriginKeys.SmtpOut.OutboundDane.Resolver, 0);
            _daneResolver = resolver;
            return this;
        }

        /// <summary>
        /// Verifies destinations that publish an MTA-STS policy (RFC 8461) through postfix-mta-sts-resolver: mta-sts-daemon on
        /// loopback answers Postfix's <c>smtp_tls_policy_maps</c> socketmap with <c>secure</c> and the policy's mx patterns for a
        /// domain in enforce mode, against the system's CAs. With <see cref="OutboundDane"/>, DANE is asked first (RFC 8461
        /// section 2): the emitted README says where postfix-mta-sts-resolver's answer would override it.
        /// </summary>
        /// <param name="resolverPort">
        /// The loopback TCP port mta-sts-daemon listens on (its default 8461); with <see cref="OutboundDane"/>, the DANE-first
        /// lookup listens on the port after it, so at most 65534. Neither may be a port the relay's hosts already bind (MAIL2002).
        /// </param>
        public SmtpOutBuilder OutboundMtaSts(int resolverPort = 8461)
        {
            Origins.Call(OriginKeys.SmtpOut.OutboundMtaSts);
            Origins.Argument(OriginKeys.SmtpOut.OutboundMtaSts.Port, 0);
            _mtaStsPort = resolverPort;
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

        internal SmtpOutLayer Build() => Fill(new SmtpOutLayer { OutboundTls = _outboundTls, DaneResolver = _daneResolver, MtaStsResolverPort = _mtaStsPort });
    }
}
