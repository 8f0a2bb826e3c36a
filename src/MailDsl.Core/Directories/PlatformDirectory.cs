using System;
using System.Collections.Generic;
using System.Linq;
using MailDsl.Model;
using MailDsl.Targets;
using MailDsl.Text;
using MailDsl.Topology;

namespace MailDsl.Directories
{
    /// <summary>The directory facts every daemon module shares: the mail domains, where the CA is, what a host dials locally.</summary>
    public static class PlatformDirectory
    {
        /// <summary>The mail domains: the platform's own first, then those added, each once (ordinal, case-insensitive).</summary>
        public static IReadOnlyList<string> MailDomains(PlatformModel platform)
        {
            var all = new List<string>();
            foreach (var domain in new[] { platform.Domain }.Concat(platform.MailDomains))
                if (!string.IsNullOrEmpty(domain) && !all.Contains(domain, StringComparer.OrdinalIgnoreCase)) all.Add(domain);
            return all;
        }

        /// <summary>The CA file daemons verify the platform's servers against: the platform's, else the target's system bundle.</summary>
        public static string CaFile(PlatformModel platform, TargetFacts target)
            => !string.IsNullOrEmpty(platform.CertificateAuthority) ? platform.CertificateAuthority! : SystemCaFile(target);

        /// <summary>The target's system CA bundle (Debian's ca-certificates, RHEL's ca-bundle): what the Internet's servers are verified against.</summary>
        public static string SystemCaFile(TargetFacts target)
            => target.Family == DistroFamily.Rhel ? "/etc/pki/tls/certs/ca-bundle.crt" : "/etc/ssl/certs/ca-certificates.crt";

        /// <summary>
        /// Whether <paramref name="host"/> is the dialling host itself (<c>localhost</c>, an address in 127.0.0.0/8, ::1), decided by
        /// parsing it (<see cref="Addresses.IsLoopback"/>): nothing crosses a network, so TLS protects nothing there. A name that
        /// merely starts like one (<c>127.evil.example</c>) is another host.
        /// </summary>
        public static bool IsLocal(string? host) => Addresses.IsLoopback(host);

        /// <summary>The LDAP URL of <paramref name="server"/>: <c>ldaps://host:636</c>, or <c>ldap://host:389</c> (StartTLS or plain).</summary>
        public static string Url(LdapServer server)
            => (server.Security == LdapSecurity.Ldaps ? "ldaps://" : "ldap://") + UriText.Host(server.Host) + ":" + server.Port;

        /// <summary>The mail storage of a mailstore: the one described, or local disk under /var/vmail owned by vmail 5000:5000.</summary>
        public static MailStorage StorageOf(MailstoreLayer store) => store.Storage ?? new MailStorage();
    }
}
