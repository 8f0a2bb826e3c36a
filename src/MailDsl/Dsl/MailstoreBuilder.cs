using System.Collections.Generic;
using System.Linq;
using MailDsl.Model;

namespace MailDsl
{
    /// <summary>
    /// Describes the mailstore: Dovecot serving IMAP/POP3 and Postfix delivering into it. With no IMAP or
    /// POP3 verb, it serves IMAPS on 993 and POP3S on 995.
    /// </summary>
    public sealed class MailstoreBuilder : LayerBuilder<MailstoreBuilder>
    {
        private string _mailLocation = "maildir:~/Maildir";
        private int _smtpPort = 25;
        private MailStorage? _storage;

        internal MailstoreBuilder(OriginRecorder origins) : base(origins, OriginKeys.Mailstore) { }

        /// <summary>Serves IMAP over implicit TLS (RFC 8314).</summary>
        /// <param name="port">The TCP port.</param>
        public MailstoreBuilder Imaps(int port = 993) => Typed("imaps", ServiceProtocol.Imap, port, ListenerSecurity.ImplicitTls);

        /// <summary>Serves POP3 over implicit TLS (RFC 8314).</summary>
        /// <param name="port">The TCP port.</param>
        public MailstoreBuilder Pop3s(int port = 995) => Typed("pop3s", ServiceProtocol.Pop3, port, ListenerSecurity.ImplicitTls);

        /// <summary>Serves IMAP with STARTTLS; a login is refused until TLS is up.</summary>
        /// <param name="port">The TCP port.</param>
        public MailstoreBuilder Imap(int port = 143) => Typed("imap", ServiceProtocol.Imap, port, ListenerSecurity.StartTls);

        /// <summary>Serves POP3 with STARTTLS (STLS); a login is refused until TLS is up.</summary>
        /// <param name="port">The TCP port.</param>
        public MailstoreBuilder Pop3(int port = 110) => Typed("pop3", ServiceProtocol.Pop3, port, ListenerSecurity.StartTls);

        /// <summary>Moves Postfix's delivery listener (SMTP with STARTTLS) off port 25.</summary>
        /// <param name="port">The TCP port.</param>
        public MailstoreBuilder Smtp(int port = 25)
        {
            Origins.Argument(Keys.Listener("smtp").Port, 0);
            _smtpPort = port;
            return this;
        }

        /// <summary>Sets where mailboxes live, in Dovecot's mail_location syntax.</summary>
        /// <param name="location">E.g. <c>maildir:~/Maildir</c>.</param>
        public MailstoreBuilder MailLocation([ValueGrammar(ValueKind.MailLocation)] string location)
        {
            Origins.Argument(OriginKeys.Mailstore.MailLocation, 0);
            _mailLocation = location;
            return this;
        }

        /// <summary>
        /// Serves ManageSieve (RFC 5804) with STARTTLS, where users (and SOGo's filters and vacation pages) upload Sieve
        /// scripts; Dovecot's Pigeonhole runs them when mail is delivered.
        /// </summary>
        /// <param name="port">The TCP port.</param>
        public MailstoreBuilder ManageSieve(int port = 4190) => Typed("sieve", ServiceProtocol.ManageSieve, port, ListenerSecurity.StartTls);

        /// <summary>Describes where mailboxes live and who owns them (with a directory; default: local disk, <c>vmail</c> 5000:5000).</summary>
        /// <param name="configure">Local disk or NFS, the mail user, index placement.</param>
        public MailstoreBuilder Storage(System.Action<StorageBuilder> configure)
        {
            Origins.Call(OriginKeys.Mailstore.Storage);
            // A second Storage(...) refines the first.
            var builder = new StorageBuilder(Origins, _storage ?? new MailStorage());
            configure(builder);
            _storage = builder.Storage;
            return this;
        }

        private MailstoreBuilder Typed(string name, ServiceProtocol protocol, int port, ListenerSecurity security)
        {
            Origins.Call(Keys.Listener(name));
            Origins.Argument(Keys.Listener(name).Port, 0);
            // Passwords are allowed on every typed listener: Dovecot refuses them until TLS is up.
            return AddListener(new Listener(name, protocol, port, security, true));
        }

        private protected override IEnumerable<Listener> DefaultListeners(IReadOnlyList<Listener> declared)
        {
            yield return new Listener("smtp", ServiceProtocol.Smtp, _smtpPort, ListenerSecurity.StartTls, false);
            if (!declared.Any(l => l.Protocol is ServiceProtocol.Imap or ServiceProtocol.Pop3))
            {
                yield return new Listener("imaps", ServiceProtocol.Imap, 993, ListenerSecurity.ImplicitTls, true);
                yield return new Listener("pop3s", ServiceProtocol.Pop3, 995, ListenerSecurity.ImplicitTls, true);
            }
        }

        internal MailstoreLayer Build() => Fill(new MailstoreLayer { MailLocation = _mailLocation, Storage = _storage });
    }
}
