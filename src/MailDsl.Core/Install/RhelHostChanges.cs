using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using MailDsl.Daemons;
using MailDsl.Model;
using MailDsl.Targets;
using MailDsl.Topology;

namespace MailDsl.Install
{
    /// <summary>
    /// What a RHEL host needs beside the daemons' files, reasoned from RHEL's documentation and SELinux policy, since RHEL
    /// cannot run here: each port not in its protocol's SELinux port type labelled (a confined daemon may not bind it
    /// otherwise), nginx allowed to connect to sogod (<c>httpd_can_network_connect</c>), and the ports clients reach
    /// opened in firewalld when it runs. Files placed are relabelled with <c>restorecon</c> by install.sh itself.
    /// </summary>
    public static class RhelHostChanges
    {
        /// <summary>The package that provides <c>semanage</c> on RHEL 9 and 10 (reasoned).</summary>
        public const string SemanagePackage = "policycoreutils-python-utils";

        // The ports the targeted policy already gives each type (RHEL 9's `semanage port -l`, reasoned).
        private static readonly Dictionary<string, int[]> PolicyPorts = new()
        {
            ["smtp_port_t"] = new[] { 25, 465, 587 },
            ["pop_port_t"] = new[] { 106, 109, 110, 143, 220, 993, 995, 1109 },
            ["http_port_t"] = new[] { 80, 81, 443, 488, 8008, 8009, 8443, 9000 },
        };

        /// <summary>The SELinux port type a listener's daemon may bind, or null for one the policy does not confine here.</summary>
        public static string? PortType(ServiceProtocol protocol) => protocol switch
        {
            ServiceProtocol.Smtp or ServiceProtocol.Submission => "smtp_port_t",
            ServiceProtocol.Imap or ServiceProtocol.Pop3 => "pop_port_t",
            ServiceProtocol.Https or ServiceProtocol.Http => "http_port_t",
            _ => null,
        };

        /// <summary>The host changes of <paramref name="host"/> on <paramref name="target"/>: none off RHEL.</summary>
        public static IReadOnlyList<HostChange> Of(TargetFacts target, HostPlan host)
        {
            var changes = new List<HostChange>();
            if (target.Family != DistroFamily.Rhel) return changes;
            foreach (var (listener, layer) in host.Layers.SelectMany(l => l.Listeners.Select(x => (x, l))).Distinct())
            {
                if (PortType(listener.Protocol) is not { } type || PolicyPorts[type].Contains(listener.Port)) continue;
                var port = listener.Port.ToString(CultureInfo.InvariantCulture);
                changes.Add(new HostChange(
                    "label port " + port + " " + type + " for SELinux (" + listener.Name + ")",
                    "selinuxenabled && ! semanage port -l | awk '$1 == \"" + type + "\" && $2 == \"tcp\"' | grep -qw " + port,
                    "semanage port -a -t " + type + " -p tcp " + port + " || semanage port -m -t " + type + " -p tcp " + port,
                    new string[0]));
            }
            if (host.Layer<WebmailLayer>() is not null)
                changes.Add(new HostChange("allow nginx to connect to sogod for SELinux (httpd_can_network_connect)",
                    "selinuxenabled && [[ $(getsebool httpd_can_network_connect) != *' on' ]]",
                    "setsebool -P httpd_can_network_connect 1", new string[0]));
            // Clients reach every port but sogod's and those bound to loopback.
            var open = host.Layers
                .Where(l => !Addresses.IsLoopback(l.ListenAddress))
                .SelectMany(l => l.Listeners)
                .Where(x => x.Protocol != ServiceProtocol.Sogo)
                .Select(x => x.Port).Distinct().OrderBy(p => p);
            foreach (var p in open)
            {
                var port = p.ToString(CultureInfo.InvariantCulture);
                changes.Add(new HostChange("open port " + port + "/tcp in firewalld",
                    "firewall-cmd --state >/dev/null 2>&1 && ! firewall-cmd --permanent --query-port=" + port + "/tcp >/dev/null 2>&1",
                    "firewall-cmd --permanent --add-port=" + port + "/tcp && firewall-cmd --reload", new string[0]));
            }
            return changes;
        }
    }
}
