using System.Collections.Generic;
using System.Linq;
using MailDsl.Daemons.Dovecot;
using MailDsl.Daemons.Haproxy;
using MailDsl.Daemons.Keepalived;
using MailDsl.Daemons.Memcached;
using MailDsl.Daemons.MtaSts;
using MailDsl.Daemons.Nftables;
using MailDsl.Daemons.Nginx;
using MailDsl.Daemons.Postfix;
using MailDsl.Daemons.Sogo;
using MailDsl.Daemons.Unbound;
using MailDsl.Model;
using MailDsl.Topology;

namespace MailDsl.Daemons
{
    /// <summary>Every daemon module, in the order a host's daemons are installed and started.</summary>
    public static class DaemonModules
    {
        /// <summary>
        /// The PROXY ports' firewall first (up before anything listens there), unbound and postfix-mta-sts-resolver (what the
        /// relay's Postfix asks), then Postfix, Dovecot, memcached, SOGo, nginx: the mail transport first, SOGo's cache before
        /// SOGo, the web front last (it dials the others); on a balancer host HAProxy before keepalived (a host takes a VIP
        /// only once HAProxy answers).
        /// </summary>
        public static IReadOnlyList<DaemonModule> All { get; } = new DaemonModule[]
        {
            NftablesModule.Instance,
            UnboundModule.Instance,
            MtaStsResolverModule.Instance,
            PostfixModule.Instance,
            DovecotModule.Instance,
            MemcachedModule.Instance,
            SogoModule.Instance,
            NginxModule.Instance,
            HaproxyModule.Instance,
            KeepalivedModule.Instance,
        };

        /// <summary>The module of <paramref name="daemon"/>; null for a value no module serves (a cast out of range).</summary>
        public static DaemonModule? Of(Daemon daemon) => All.FirstOrDefault(m => m.Daemon == daemon);

        /// <summary>The modules whose daemon runs on <paramref name="host"/>, in <see cref="All"/>'s order.</summary>
        public static IEnumerable<DaemonModule> On(HostPlan host) => All.Where(m => m.RunsOn(host));
    }
}
