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
/// <param name="Host">The host serving it.</param>
/// <param name="Listener">The listener's name in the model (imaps, submission, https, ...).</param>
/// <param name="Port">The port on 127.0.0.1.</param>
/// <param name="Start">How TLS starts.</param>
/// <param name="Layer">The layer whose TLS policy the daemon was rendered with.</param>
public sealed record TlsEndpoint(string Host, string Listener, int Port, TlsStart Start, Layer Layer)
{
    /// <summary>The endpoints of every TLS listener in <paramref name="platform"/>, from the model itself.</summary>
    public static IReadOnlyList<TlsEndpoint> Of(PlatformModel platform)
    {
        return HostPlan.Of(platform)
            .SelectMany(host => host.Layers.SelectMany(layer => layer.Listeners
                .Where(l => l.Security != ListenerSecurity.Plain)
                .Select(l => new TlsEndpoint(host.Name, l.Name, l.Port, StartOf(l), layer))))
            .ToList();
    }

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

    /// <summary>A short name for test output: host, listener and port.</summary>
    public override string ToString() => $"{Host.Split('.')[0]}/{Listener}:{Port}";

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
