using MailDsl.Model;
using MailDsl.Topology;

namespace MailDsl.TestPlatform.Tls;

/// <summary>How a client reaches TLS on a port: from the first byte, or after a protocol's STARTTLS.</summary>
public enum TlsStart
{
    /// <summary>TLS from the first byte.</summary>
    Implicit,
    /// <summary>SMTP's STARTTLS.</summary>
    Smtp,
    /// <summary>IMAP's STARTTLS.</summary>
    Imap,
    /// <summary>POP3's STLS.</summary>
    Pop3,
    /// <summary>ManageSieve's STARTTLS.</summary>
    Sieve,
}

/// <summary>One port of the running platform where a client gets TLS, and the layer whose policy it follows.</summary>
/// <param name="Host">The host serving it (for a VIP's endpoint, the VIP's name: what the client asks for by SNI).</param>
/// <param name="Listener">The listener's name in the model (imaps, submission, https, ...).</param>
/// <param name="Port">The port, on <see cref="Address"/>.</param>
/// <param name="Start">How TLS starts.</param>
/// <param name="Layer">The layer whose TLS policy the daemon was rendered with.</param>
public sealed record TlsEndpoint(string Host, string Listener, int Port, TlsStart Start, Layer Layer)
{
    /// <summary>The address a client dials: 127.0.0.1 unless the platform's hosts have addresses of their own (a lab network).</summary>
    public string Address { get; init; } = "127.0.0.1";

    /// <summary>Whether this is a VIP's endpoint (reached through whatever holds the VIP) rather than one host's.</summary>
    public bool IsVip { get; init; }

    /// <summary>The endpoints of every TLS listener in <paramref name="platform"/>, from the model itself, on 127.0.0.1.</summary>
    public static IReadOnlyList<TlsEndpoint> Of(PlatformModel platform) => Of(platform, _ => "127.0.0.1");

    /// <summary>The endpoints of every TLS listener on every host of <paramref name="platform"/>, each host at <paramref name="addressOf"/> its name.</summary>
    public static IReadOnlyList<TlsEndpoint> Of(PlatformModel platform, Func<string, string> addressOf)
    {
        return HostPlan.Of(platform)
            .SelectMany(host => host.Layers.SelectMany(layer => Tls(layer)
                .Select(l => new TlsEndpoint(host.Name, l.Name, l.Port, StartOf(l), layer) { Address = addressOf(host.Name) })))
            .ToList();
    }

    /// <summary>The endpoints of every TLS listener of every layer with a VIP, at <paramref name="addressOf"/> the VIP's name: what a client outside reaches.</summary>
    public static IReadOnlyList<TlsEndpoint> OfVips(PlatformModel platform, Func<string, string> addressOf)
    {
        return MailDsl.Layers.LayerDescriptors.All.Select(d => d.Of(platform)).OfType<Layer>()
            .Where(layer => layer.Vip is not null && layer.Hosts.Count > 0)
            .SelectMany(layer => Tls(layer)
                .Select(l => new TlsEndpoint(layer.Vip!, l.Name, l.Port, StartOf(l), layer) { Address = addressOf(layer.Vip!), IsVip = true }))
            .ToList();
    }

    // sogod's own port is plain HTTP on loopback; every other listener with TLS is a client's.
    private static IEnumerable<Listener> Tls(Layer layer) => layer.Listeners.Where(l => l.Security != ListenerSecurity.Plain);

    /// <summary>openssl s_client's <c>-starttls</c> argument, or null for implicit TLS.</summary>
    public string? OpenSslStartTls => Start switch
    {
        TlsStart.Smtp => "smtp",
        TlsStart.Imap => "imap",
        TlsStart.Pop3 => "pop3",
        TlsStart.Sieve => "sieve",
        _ => null,
    };

    /// <summary>
    /// Whether testssl.sh can scan it: Debian's testssl.sh 3.0 speaks STARTTLS for SMTP, IMAP and POP3 but not ManageSieve
    /// (its --starttls list has no sieve). The ManageSieve port's TLS is still probed with openssl s_client -starttls sieve.
    /// </summary>
    public bool TestsslCanScan => Start != TlsStart.Sieve;

    /// <summary>A short name for test output: host (or VIP), listener and port.</summary>
    public override string ToString() => $"{Host.Split('.')[0]}/{Listener}:{Port}";

    /// <summary>Where a client connects, <c>address:port</c>, as openssl, sslscan and testssl.sh take it.</summary>
    public string Target => (Address.Contains(':') ? "[" + Address + "]" : Address) + ":" + Port.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static TlsStart StartOf(Listener listener) => listener.Security == ListenerSecurity.ImplicitTls
        ? TlsStart.Implicit
        : listener.Protocol switch
        {
            ServiceProtocol.Imap => TlsStart.Imap,
            ServiceProtocol.Pop3 => TlsStart.Pop3,
            ServiceProtocol.ManageSieve => TlsStart.Sieve,
            _ => TlsStart.Smtp,
        };
}
