using System.Net;
using System.Net.Sockets;
using MailDsl.Model;

namespace MailDsl.TestPlatform;

/// <summary>The ports the loopback platform's listeners get: free high ports, picked when it starts.</summary>
public sealed record LoopbackPorts(
    int MxSmtp, int RelaySmtp, int Submission, int Submissions, int StoreSmtp,
    int Imap, int Imaps, int Pop3s, int Https, int Http, int Sogo)
{
    private static readonly HashSet<int> Handed = new();

    /// <summary>
    /// Asks the kernel for eleven distinct free ports on 127.0.0.1, none of them handed out before in this process:
    /// platforms of different targets start side by side, and a port one of them was given but has not bound yet is
    /// free to the kernel.
    /// </summary>
    public static LoopbackPorts PickFree()
    {
        lock (Handed)
        {
            // Every listener stays open until all are picked, so no port is handed out twice in one call.
            var listeners = new List<TcpListener>();
            var picked = new List<int>();
            while (picked.Count < 11)
            {
                var l = new TcpListener(IPAddress.Loopback, 0);
                l.Start();
                listeners.Add(l);
                var port = ((IPEndPoint)l.LocalEndpoint).Port;
                if (Handed.Add(port)) picked.Add(port);
            }
            listeners.ForEach(l => l.Stop());
            var p = picked.ToArray();
            return new LoopbackPorts(p[0], p[1], p[2], p[3], p[4], p[5], p[6], p[7], p[8], p[9], p[10]);
        }
    }
}

/// <summary>
/// The test platform, described with the DSL as an operator would: one host per layer, every daemon bound to
/// 127.0.0.1, the layers dialling each other by name (the sandboxes' /etc/hosts say 127.0.0.1), Mozilla's
/// intermediate profile, for a target that runs here (Debian 12: this machine; Debian 13: the cached root). The raw
/// settings only send the daemons' logs to files (there is no syslog here) and let Postfix resolve host names from
/// /etc/hosts (there is no DNS).
/// </summary>
public static class LoopbackPlatform
{
    /// <summary>The mail domain.</summary>
    public const string Domain = "test.maildsl.internal";

    /// <summary>The MX host.</summary>
    public const string Mx = "mx." + Domain;

    /// <summary>The outbound relay with submission.</summary>
    public const string Relay = "relay." + Domain;

    /// <summary>The mailstore: Dovecot and Postfix's final delivery.</summary>
    public const string Store = "store." + Domain;

    /// <summary>The webmail host: nginx in front of sogod.</summary>
    public const string Web = "web." + Domain;

    /// <summary>Where every host keeps the certificate chain, as the platform names it.</summary>
    public const string CertificatePath = "/etc/ssl/maildsl/allservers.crt";

    /// <summary>Where every host keeps the private key, as the platform names it.</summary>
    public const string KeyPath = "/etc/ssl/maildsl/allservers.key";

    /// <summary>Where Postfix logs on every host.</summary>
    public const string PostfixLog = "/var/log/postfix.log";

    /// <summary>Where Dovecot logs on every host that runs it.</summary>
    public const string DovecotLog = "/var/log/dovecot.log";

    /// <summary>Every host name, for the sandboxes' /etc/hosts.</summary>
    public static readonly IReadOnlyList<string> HostNames = new[] { Mx, Relay, Store, Web };

    /// <summary>Describes the platform on <paramref name="ports"/>, for <paramref name="target"/>.</summary>
    public static Platform Describe(LoopbackPorts ports, Distro target) => Platform.Create(Domain)
        .Banner("MailDsl loopback test platform")
        .Target(target)
        .Certificate(CertificatePath, KeyPath)
        .Tls(TlsProfile.Intermediate)
        .SmtpIn(s => s.Hosts(Mx).ListenOn("127.0.0.1").Smtp(ports.MxSmtp).StartTls(TlsLevel.May)
            .PostfixSetting("maillog_file", PostfixLog)
            .PostfixSetting("smtp_host_lookup", "dns, native"))
        .SmtpOut(s => s.Hosts(Relay).ListenOn("127.0.0.1").Smtp(ports.RelaySmtp)
            .Submission(ports.Submission).Submissions(ports.Submissions)
            .PostfixSetting("maillog_file", PostfixLog)
            .PostfixSetting("smtp_host_lookup", "dns, native")
            .DovecotSetting("log_path", DovecotLog))
        .Mailstore(m => m.Hosts(Store).ListenOn("127.0.0.1").Smtp(ports.StoreSmtp)
            .Imap(ports.Imap).Imaps(ports.Imaps).Pop3s(ports.Pop3s)
            .PostfixSetting("maillog_file", PostfixLog)
            .DovecotSetting("log_path", DovecotLog))
        .Webmail(w => w.Hosts(Web).ListenOn("127.0.0.1")
            .Sogo(ports.Sogo).Https(ports.Https).HttpRedirect(ports.Http));
}
