using System;
using System.Collections.Generic;
using System.Linq;
using MailDsl.Daemons.Sogo;
using MailDsl.Layers;
using MailDsl.Model;

namespace MailDsl.Topology
{
    /// <summary>How a hop's connection is protected, as the client of that hop is configured.</summary>
    public enum HopTls
    {
        /// <summary>No TLS at all.</summary>
        None,
        /// <summary>STARTTLS when the server offers it; the message goes in the clear otherwise (Postfix <c>may</c>).</summary>
        OpportunisticStartTls,
        /// <summary>STARTTLS, and nothing moves without it (Postfix <c>encrypt</c>, submission, SOGo's <c>tls=YES</c>).</summary>
        RequiredStartTls,
        /// <summary>TLS from the first byte (imaps, pop3s, submissions, https).</summary>
        ImplicitTls,
    }

    /// <summary>Who verifies the server's certificate on a hop.</summary>
    public enum HopVerification
    {
        /// <summary>The client is not MailDsl's to configure (a sender on the Internet, a user's mail program or browser).</summary>
        ClientsOwn,
        /// <summary>MailDsl configures the client and it does not check the certificate (Postfix <c>may</c>/<c>encrypt</c>, no CA given).</summary>
        NotVerified,
        /// <summary>The client checks the certificate against a CA.</summary>
        Verified,
        /// <summary>No TLS, so nothing to verify.</summary>
        NoTls,
        /// <summary>
        /// The client verifies the certificate where the destination publishes how (DANE TLSA records over DNSSEC, an MTA-STS
        /// policy in enforce mode) and not elsewhere: the relay towards the Internet with <c>.OutboundDane()</c> or
        /// <c>.OutboundMtaSts()</c> (<see cref="Hop.Detail"/> says which).
        /// </summary>
        WherePublished,
    }

    /// <summary>One end of a hop: the Internet, the platform's users, or a layer.</summary>
    /// <param name="Key">
    /// <c>internet</c>, <c>users</c>, or the layer's key (<see cref="Layers.LayerDescriptor.Key"/>).
    /// </param>
    /// <param name="Name">How people name it: <c>the Internet</c>, <c>users</c>, or the layer's <see cref="Layers.LayerDescriptor.DisplayName"/>.</param>
    public sealed record HopEnd(string Key, string Name)
    {
        /// <summary>Senders and recipients outside the platform.</summary>
        public static readonly HopEnd Internet = new("internet", "the Internet");

        /// <summary>The platform's users: their mail programs and browsers.</summary>
        public static readonly HopEnd Users = new("users", "users");

        /// <summary>The user directory's servers (LDAP, or the SQL database users live in), outside the platform's layers.</summary>
        public static readonly HopEnd Directory = new("directory", "the directory");

        /// <summary>SOGo's database server, outside the platform's layers.</summary>
        public static readonly HopEnd Database = new("database", "SOGo's database");

        /// <summary>Whether the end is a layer of the platform (not the Internet, the users, the directory or a database).</summary>
        public bool IsLayer => Key is not ("internet" or "users" or "directory" or "database");

        /// <summary>The end for <paramref name="layer"/>.</summary>
        public static HopEnd Of(Layer layer) => new(layer.Key, LayerDescriptors.Of(layer).DisplayName);
    }

    /// <summary>One connection the platform makes or accepts, as the emitted files configure it.</summary>
    /// <param name="From">Who connects.</param>
    /// <param name="To">Who answers.</param>
    /// <param name="Protocol">The application protocol: SMTP, submission, IMAP, POP3, HTTPS, HTTP.</param>
    /// <param name="Port">The TCP port dialed.</param>
    /// <param name="Dials">The name dialed (a VIP, a host, 127.0.0.1), or "" when the client chooses (the Internet, users).</param>
    /// <param name="Tls">How the connection is protected.</param>
    /// <param name="Verification">Whether the client checks the server's certificate.</param>
    /// <param name="Purpose">What the hop is for, in a few words.</param>
    public sealed record Hop(HopEnd From, HopEnd To, string Protocol, int Port, string Dials, HopTls Tls, HopVerification Verification, string Purpose)
    {
        /// <summary>
        /// Where the description decides this hop's protection (a raw setting's value, a SOGo URL argument), for rules to point
        /// at; null when MailDsl chose it.
        /// </summary>
        public string? Origin { get; init; }

        /// <summary>
        /// The VIP port this hop passes through when balancers hold the VIP it dials: how the balancers carry it on and
        /// whether the host learns the client's address. Null for a hop no balancer carries.
        /// </summary>
        public BalancedListener? Through { get; init; }

        /// <summary>Whether the hop is a balancer's own leg, from the VIP to the layer's hosts (<see cref="Through"/> says what it carries).</summary>
        public bool IsBalancerLeg => From.Key == LayerDescriptors.Balancers.Key && Through is not null;
        /// <summary>For <see cref="HopVerification.WherePublished"/>, what the client verifies with, in words; null otherwise.</summary>
        public string? Detail { get; init; }

        /// <summary>Whether both ends are layers of the platform (not the Internet, the users, the directory or a database) on different hosts.</summary>
        public bool BetweenLayers => From.IsLayer && To.IsLayer && Dials != "127.0.0.1";

        /// <summary>The TLS in words, e.g. <c>STARTTLS (opportunistic)</c>.</summary>
        public string TlsText => Tls switch
        {
            HopTls.None => "no TLS",
            HopTls.OpportunisticStartTls => "STARTTLS (opportunistic)",
            HopTls.RequiredStartTls => "STARTTLS (required)",
            _ => "TLS",
        };

        /// <summary>The verification in words, e.g. <c>certificate not verified</c>.</summary>
        public string VerificationText => Verification switch
        {
            HopVerification.ClientsOwn => "certificate checked by the client",
            HopVerification.NotVerified => "certificate not verified",
            HopVerification.Verified => "certificate verified",
            HopVerification.WherePublished => Detail ?? "certificate verified where the destination publishes how",
            _ => "nothing to verify",
        };
    }

    /// <summary>
    /// Every hop of a platform: where mail, logins and web traffic enter from the Internet and the users, and every
    /// connection one layer makes to another, with its protocol, port, the name dialed, TLS and certificate verification,
    /// read from the same facts the renderers write (Postfix's relay and transport targets and TLS client level, SOGo's IMAP
    /// and SMTP URLs, nginx's upstream). The emitted README draws them; rules can ask them.
    /// </summary>
    public static class PlatformHops
    {
        /// <summary>
        /// What the relay verifies the Internet's servers with, in words (DANE, MTA-STS, in the order Postfix applies them), or
        /// null where it verifies nothing (opportunistic TLS).
        /// </summary>
        public static string? OutboundVerification(SmtpOutLayer smtpOut)
        {
            var dane = smtpOut.DaneResolver is not null;
            var mtaSts = smtpOut.MtaStsResolverPort is not null;
            if (!dane && !mtaSts) return null;
            var how = dane && mtaSts ? "DANE-verified where TLSA records are published (DNSSEC, local unbound), else MTA-STS-verified where an enforce policy is"
                : dane ? "DANE-verified where TLSA records are published (DNSSEC, local unbound)"
                : "MTA-STS-verified where an enforce policy is published (system CAs)";
            return how + "; not verified elsewhere";
        }

        /// <summary>The hops of <paramref name="platform"/>, in a fixed order: inbound from outside, then layer to layer.</summary>
        public static IReadOnlyList<Hop> Of(PlatformModel platform)
        {
            var hops = new List<Hop>();
            var smtpIn = platform.SmtpIn;
            var smtpOut = platform.SmtpOut;
            var store = platform.Mailstore;
            var web = platform.Webmail;
            // The Postfix client towards the Internet uses smtp_tls_security_level, set from the relay's level; between layers
            // Postfix uses MailDsl's own transport (master.cf), which verifies the next layer against the platform's CA.
            var postfixClient = Level(smtpOut?.OutboundTls ?? TlsLevel.May);
            var postfixVerification = postfixClient == HopTls.None ? HopVerification.NoTls : HopVerification.NotVerified;

            // The ways in from outside, as each layer's descriptor lists them, one hop per listener.
            foreach (var layer in PlatformLayers.Of(platform))
            {
                var descriptor = LayerDescriptors.Of(layer);
                foreach (var l in layer.Listeners)
                {
                    if (l is null || descriptor.Entrances.FirstOrDefault(e => e.Protocol == l.Protocol) is not { } entrance) continue;
                    hops.Add(new Hop(entrance.From, HopEnd.Of(layer), entrance.Name, l.Port, "", Server(l, descriptor.EntranceStartTls(layer)), Client(l), entrance.Purpose));
                }
            }

            // The MX relays the platform's domain to the mailstore (relay_transport), unless it is the mailstore itself.
            if (smtpIn is not null && store is not null && !smtpIn.Hosts.All(h => store.Hosts.Contains(h)))
                hops.Add(Internal(smtpIn, store, MailstoreSmtpPort(store), "relay_transport", postfixClient, "delivery to the mailstore"));
            if (smtpOut is not null)
            {
                // The relay keeps the platform's own domain inside (transport), and sends the rest to the Internet.
                var inbound = smtpIn ?? (Layer?)store;
                var inboundPort = smtpIn?.Listeners.FirstOrDefault(l => l?.Protocol == ServiceProtocol.Smtp)?.Port ?? (store is null ? 25 : MailstoreSmtpPort(store));
                if (inbound is not null && !smtpOut.Hosts.All(h => inbound.Hosts.Contains(h)))
                    hops.Add(Internal(smtpOut, inbound, inboundPort, "transport_maps", postfixClient, "the platform's own domain stays inside"));
                var outbound = OutboundVerification(smtpOut);
                hops.Add(new Hop(HopEnd.Of(smtpOut), HopEnd.Internet, "SMTP", 25, "", postfixClient,
                    outbound is null ? postfixVerification : HopVerification.WherePublished, "mail to the Internet") { Detail = outbound });
            }
            if (web is not null)
            {
                hops.Add(new Hop(HopEnd.Of(web), HopEnd.Of(web), "HTTP", web.SogoPort, "127.0.0.1", HopTls.None, HopVerification.NoTls, "nginx to sogod on the same host"));
                if (store is not null && Sogo(SogoServer.Imap, SogoConfRenderer.ImapServer(platform, web), web) is { } imap)
                    hops.Add(new Hop(HopEnd.Of(web), HopEnd.Of(store), "IMAP", imap.Url.Port, imap.Url.Host, imap.Tls, imap.Verification, "SOGo reads mail") { Origin = OriginOf(imap.Url) });
                if (smtpOut is not null && Sogo(SogoServer.Smtp, SogoConfRenderer.SmtpServer(platform, web), web) is { } smtp)
                    hops.Add(new Hop(HopEnd.Of(web), HopEnd.Of(smtpOut), smtp.Url.Port == 25 ? "SMTP" : "submission", smtp.Url.Port, smtp.Url.Host, smtp.Tls, smtp.Verification, "SOGo sends mail") { Origin = OriginOf(smtp.Url) });
                if (store is not null && SogoDirectory.SieveServer(platform) is { } sieveUrl && Sogo(SogoServer.Sieve, sieveUrl, web) is { } sieve)
                    hops.Add(new Hop(HopEnd.Of(web), HopEnd.Of(store), "ManageSieve", sieve.Url.Port, sieve.Url.Host, sieve.Tls, sieve.Verification, "SOGo edits filters and vacation") { Origin = OriginOf(sieve.Url) });
            }

            // The directory every layer's hosts read (Postfix's recipient maps, Dovecot's passdb and userdb, SOGo's user
            // source), one hop per layer and server, and SOGo's own database.
            // The balancers read no directory.
            foreach (var layer in PlatformLayers.Of(platform).Where(l => l.Hosts.Count > 0 && l is not BalancerLayer))
            {
                foreach (var server in platform.Directory?.Ldap?.Servers ?? EquatableArray<LdapServer>.Empty)
                {
                    if (server is null) continue;
                    var tls = server.Security switch { LdapSecurity.Ldaps => HopTls.ImplicitTls, LdapSecurity.StartTls => HopTls.RequiredStartTls, _ => HopTls.None };
                    var verification = tls == HopTls.None ? HopVerification.NoTls : server.VerifyCertificate ? HopVerification.Verified : HopVerification.NotVerified;
                    hops.Add(new Hop(HopEnd.Of(layer), HopEnd.Directory, server.Security == LdapSecurity.Ldaps ? "LDAPS" : "LDAP", server.Port, server.Host, tls, verification, "users, logins and recipients"));
                }
                if (platform.Directory?.Sql?.Database is { } users)
                    hops.Add(Database(HopEnd.Of(layer), HopEnd.Directory, users, "users, logins and recipients"));
            }
            if (web?.Database is { } sogoDb)
                hops.Add(Database(HopEnd.Of(web), HopEnd.Database, sogoDb, "SOGo's profiles, folders and sessions"));
            return Balanced(platform, hops);
        }

        /// <summary>
        /// The hops with the balancers in them: each hop that dials a VIP the balancers hold names the VIP port it passes
        /// through, and after the ways in come the balancers' own legs, one per VIP port, from the VIP to the layer's hosts:
        /// what they carry (TCP passed through, TLS terminated and re-encrypted), to which port, and whether the client's
        /// address survives (the PROXY header).
        /// </summary>
        private static IReadOnlyList<Hop> Balanced(PlatformModel platform, List<Hop> hops)
        {
            var plan = BalancerPlan.Of(platform, platform.Domain);
            if (plan.Listeners.Count == 0 || platform.Balancers is not { } balancers) return hops;
            BalancedListener? Through(Hop hop) => plan.Listeners.FirstOrDefault(l => l.Layer.Key == hop.To.Key && l.Listener.Port == hop.Port
                && ((hop.Dials.Length == 0 && hop.From.Key is "internet" or "users") || string.Equals(hop.Dials, l.Layer.Vip, StringComparison.OrdinalIgnoreCase)));
            var annotated = hops.Select(h => Through(h) is { } via ? h with { Through = via } : h).ToList();
            var legs = plan.Listeners.Select(l => Leg(balancers, l)).ToList();
            var inward = annotated.FindLastIndex(h => h.From == HopEnd.Internet || h.From == HopEnd.Users) + 1;
            annotated.InsertRange(inward, legs);
            return annotated;
        }

        private static Hop Leg(BalancerLayer balancers, BalancedListener leg)
        {
            var listener = leg.Listener;
            var (tls, verification) = leg.Leg switch
            {
                BalancerLeg.Reencrypted => (HopTls.ImplicitTls, HopVerification.Verified),
                BalancerLeg.Clear => (HopTls.None, HopVerification.NoTls),
                _ => (Server(listener, LayerDescriptors.Of(leg.Layer).EntranceStartTls(leg.Layer)), Client(listener)),
            };
            return new Hop(HopEnd.Of(balancers), HopEnd.Of(leg.Layer), ProtocolName(listener.Protocol), leg.Port.BackendPort, "", tls, verification,
                "VIP port " + listener.Port + " to each host" + (leg.Port.Proxy ? "'s PROXY port" : ""))
            { Through = leg };
        }

        private static string ProtocolName(ServiceProtocol protocol) => protocol switch
        {
            ServiceProtocol.Smtp => "SMTP",
            ServiceProtocol.Submission => "submission",
            ServiceProtocol.Imap => "IMAP",
            ServiceProtocol.Pop3 => "POP3",
            ServiceProtocol.Https => "HTTPS",
            ServiceProtocol.ManageSieve => "ManageSieve",
            _ => "HTTP",
        };

        /// <summary>A connection to a SQL server: TLS negotiated in the protocol (libpq's SSLRequest, MariaDB's SSL packet), verified as <c>sslmode</c> says.</summary>
        private static Hop Database(HopEnd from, HopEnd to, DatabaseConnection db, string purpose)
        {
            var tls = db.Tls == DatabaseTls.Disabled ? HopTls.None : HopTls.RequiredStartTls;
            var verification = db.Tls switch { DatabaseTls.VerifyFull => HopVerification.Verified, DatabaseTls.Required => HopVerification.NotVerified, _ => HopVerification.NoTls };
            return new Hop(from, to, db.Engine == SqlEngine.PostgreSql ? "PostgreSQL" : "MariaDB", db.Port, db.Host, tls, verification, purpose);
        }

        private static int MailstoreSmtpPort(MailstoreLayer store) => store.Listeners.FirstOrDefault(l => l?.Protocol == ServiceProtocol.Smtp)?.Port ?? 25;

        private static HopTls Level(TlsLevel level) => level switch
        {
            TlsLevel.None => HopTls.None,
            TlsLevel.Encrypt => HopTls.RequiredStartTls,
            _ => HopTls.OpportunisticStartTls,
        };

        /// <summary>A listener's protection as its server enforces it; <paramref name="startTls"/> says whether STARTTLS is required there.</summary>
        private static HopTls Server(Listener listener, TlsLevel startTls) => listener.Security switch
        {
            ListenerSecurity.ImplicitTls => HopTls.ImplicitTls,
            ListenerSecurity.StartTls => Level(startTls),
            _ => HopTls.None,
        };

        private static HopVerification Client(Listener listener) => listener.Security == ListenerSecurity.Plain ? HopVerification.NoTls : HopVerification.ClientsOwn;

        /// <summary>
        /// A Postfix hop between layers: MailDsl's own transport (<see cref="Daemons.Postfix.PostfixRenderer.InternalTransport"/>),
        /// which requires TLS and verifies the certificate against the platform's CA and the name dialled, unless a raw
        /// <paramref name="setting"/> on the client's layer replaces the table or transport that points there; then the hop
        /// is Postfix's ordinary smtp client at main.cf's level, which verifies nothing.
        /// </summary>
        private static Hop Internal(Layer from, Layer to, int port, string setting, HopTls ordinary, string purpose)
        {
            var over = PlatformLayers.NumberedSettings(from).LastOrDefault(s => s.Setting.Daemon == Daemon.Postfix && s.Setting.Key == setting);
            var overridden = over.Setting is not null
                && !(setting == "relay_transport" && Daemons.Postfix.PostfixRenderer.IsInternalTransport(over.Setting.Value));
            if (!overridden)
                return new Hop(HopEnd.Of(from), HopEnd.Of(to), "SMTP", port, to.DialName ?? "", HopTls.RequiredStartTls, HopVerification.Verified, purpose);
            return new Hop(HopEnd.Of(from), HopEnd.Of(to), "SMTP", port, to.DialName ?? "", ordinary,
                ordinary == HopTls.None ? HopVerification.NoTls : HopVerification.NotVerified, purpose)
            { Origin = OriginKeys.Of(from).Setting(over.Setting!.Daemon, over.Setting.Key, over.Occurrence).Value };
        }

        private static string? OriginOf(SogoServerUrl url) => url.OriginKey.Length > 0 ? url.OriginKey : null;

        /// <summary>
        /// A SOGo connection from its URL: TLS as the URL says; verified (SOPE checks the certificate against OpenSSL's default
        /// store, the platform's CA through SSL_CERT_FILE, and the host name) unless <c>tlsVerifyMode=none</c>, or
        /// <c>allowInsecureLocalhost</c> on a loopback name. The origin is where the description wrote that URL, if it did.
        /// </summary>
        private static (SogoServerUrl Url, HopTls Tls, HopVerification Verification)? Sogo(SogoServer server, string text, WebmailLayer web)
        {
            var written = SogoServerUrl.Written(web).LastOrDefault(u => u.Server == server);
            var url = SogoServerUrl.Parse(server, text, written?.OriginKey ?? "");
            if (url is null) return null;
            var tls = url.ImplicitTls ? HopTls.ImplicitTls : url.StartTls ? HopTls.RequiredStartTls : HopTls.None;
            var verification = tls == HopTls.None ? HopVerification.NoTls : url.Verified ? HopVerification.Verified : HopVerification.NotVerified;
            return (url, tls, verification);
        }
    }
}
