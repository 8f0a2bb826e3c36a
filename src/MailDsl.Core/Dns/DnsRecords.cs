using System;
using System.Collections.Generic;
using System.Linq;
using MailDsl.Certificates;
using MailDsl.Model;
using MailDsl.Topology;

namespace MailDsl.Dns
{
    /// <summary>One DNS record the platform implies.</summary>
    /// <param name="Zone">The mail domain whose zone fragment holds it.</param>
    /// <param name="Name">Its owner name, absolute (ending in a dot).</param>
    /// <param name="Type">MX, CNAME, TXT, TLSA, CAA.</param>
    /// <param name="Value">Its data in zone-file syntax, or null when it is known only where the certificate is (TLSA).</param>
    /// <param name="Note">Why it is there, or what to do, in a few words.</param>
    public sealed record DnsRecord(string Zone, string Name, string Type, string? Value, string Note);

    /// <summary>
    /// The DNS records a platform implies for each of its mail domains (<c>DIR/dns/&lt;domain&gt;.zone</c>): MX, the
    /// MTA-STS policy host and TXT record (RFC 8461), TLS-RPT (RFC 8460), CAA (RFC 8659) and DANE TLSA for the MX names
    /// (RFC 7672), computed from the certificates the MX hosts present when they can be read where emit runs.
    /// </summary>
    public static class DnsRecords
    {
        /// <summary>The zone fragments' folder in the output.</summary>
        public const string Folder = "/dns/";

        /// <summary>The fragment of <paramref name="domain"/> in the output.</summary>
        public static string PathOf(string domain) => Folder + domain + ".zone";

        /// <summary>Every record, domain by domain; <paramref name="readFile"/> reads a certificate file where emit runs (null: not readable).</summary>
        public static IReadOnlyList<DnsRecord> Of(PlatformTopology topology, Func<string, string?>? readFile)
        {
            var platform = topology.Platform;
            var records = new List<DnsRecord>();
            var mxNames = MtaSts.MxNames(platform);
            var dns = platform.Dns;
            foreach (var domain in HostCertificates.MailDomains(platform))
            {
                var zone = domain;
                foreach (var mx in mxNames)
                    records.Add(new DnsRecord(zone, domain + ".", "MX", "10 " + mx + ".", "the MX layer " + (platform.SmtpIn?.Vip is null ? "host" : "VIP")));
                if (dns?.MtaSts is { } policy)
                {
                    var web = platform.Webmail?.DialName;
                    if (web is not null)
                        records.Add(new DnsRecord(zone, HostCertificates.MtaStsName(domain) + ".", "CNAME", web + ".", "the webmail's nginx serves the MTA-STS policy"));
                    records.Add(new DnsRecord(zone, "_mta-sts." + domain + ".", "TXT", "\"v=STSv1; id=" + MtaSts.Id(MtaSts.PolicyText(platform, policy)) + "\"",
                        "MTA-STS, mode " + policy.Mode.ToString().ToLowerInvariant() + "; the id changes with the policy"));
                }
                if (dns is not null && dns.TlsReports.Count > 0)
                    records.Add(new DnsRecord(zone, "_smtp._tls." + domain + ".", "TXT", "\"v=TLSRPTv1; rua=" + string.Join(",", dns.TlsReports.Where(u => u is not null)) + "\"", "TLS-RPT: where senders report"));
                if (dns is not null)
                    foreach (var issuer in dns.CaaIssuers.Where(i => i is not null))
                        records.Add(new DnsRecord(zone, domain + ".", "CAA", "0 issue \"" + issuer + "\"", "only this CA may issue"));
            }
            if (dns is { Tlsa: true })
                records.AddRange(TlsaRecords(topology, mxNames, readFile));
            return records;
        }

        // TLSA 3 1 1 (or 3 0 1) for every MX name: the union of the keys the MX hosts present (each host behind a VIP may have
        // its own, and a second key type beside the first), each in the zone of the mail domain that holds the name.
        private static IEnumerable<DnsRecord> TlsaRecords(PlatformTopology topology, IReadOnlyList<string> mxNames, Func<string, string?>? readFile)
        {
            var platform = topology.Platform;
            var selector = platform.Dns!.TlsaSelector == TlsaSelector.FullCertificate ? "0" : "1";
            var domains = HostCertificates.MailDomains(platform);
            var mxHosts = topology.Hosts.Where(h => h.Layer<SmtpInLayer>() is not null).ToList();
            foreach (var name in mxNames)
            {
                var zone = domains.FirstOrDefault(d => name.Equals(d, StringComparison.OrdinalIgnoreCase) || name.EndsWith("." + d, StringComparison.OrdinalIgnoreCase)) ?? domains[0];
                var owner = "_25._tcp." + name + ".";
                var seen = new HashSet<string>(StringComparer.Ordinal);
                foreach (var host in mxHosts)
                {
                    if (HostCertificates.For(platform, host, Daemon.Postfix) is not { } certificate) continue;
                    foreach (var pair in certificate.Pairs())
                    {
                        var text = readFile?.Invoke(pair.CertificateFile);
                        var hash = text is null ? null : Tlsa.Sha256(text, platform.Dns.TlsaSelector);
                        if (hash is null)
                        {
                            yield return new DnsRecord(zone, owner, "TLSA", null, pair.CertificateFile + " of " + host.Name + " was not readable where emit ran: install.sh and check --certs on the host print this record");
                            continue;
                        }
                        if (!seen.Add(hash)) continue;
                        yield return new DnsRecord(zone, owner, "TLSA", "3 " + selector + " 1 " + hash, "DANE-EE, " + (selector == "1" ? "SPKI" : "whole certificate") + " SHA-256 of " + pair.CertificateFile + " on " + host.Name
                            + (certificate.Renewal is { Client: RenewalClient.Certbot, ReuseKey: false } r ? "; certbot renews " + r.Name + " without --reuse-key, which changes the key and breaks this record: renew with --reuse-key" : ""));
                    }
                }
            }
        }

        /// <summary>The zone-file fragment of <paramref name="domain"/>: each record on its line, its note beside it; unknown values as comments.</summary>
        public static string Fragment(PlatformModel platform, string domain, IEnumerable<DnsRecord> records)
        {
            var w = new Text.ConfigWriter();
            w.Line("; Generated by MailDsl: the DNS records the " + platform.Domain + " mail platform implies for " + domain + ".");
            w.Line("; Add them to the zone " + domain + ". (owner names are absolute). The hosts' and VIPs' own A/AAAA records are not here:");
            w.Line("; their addresses are not in the description.");
            foreach (var r in records.Where(r => r.Zone == domain))
            {
                var line = r.Name + " 3600 IN " + r.Type + " ";
                if (r.Value is null) w.Line("; " + line + "? ; " + r.Note);
                else w.Line(line + r.Value + " ; " + r.Note);
            }
            return w.ToString();
        }
    }
}
