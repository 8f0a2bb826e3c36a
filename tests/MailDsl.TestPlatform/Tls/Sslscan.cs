using System.Xml.Linq;
using MailDsl.TestPlatform.Sandbox;

namespace MailDsl.TestPlatform.Tls;

/// <summary>One suite sslscan saw a server accept.</summary>
/// <param name="Protocol">TLSv1.2, TLSv1.3.</param>
/// <param name="Name">The suite's OpenSSL name (IANA's for TLS 1.3).</param>
/// <param name="Bits">Its symmetric strength.</param>
/// <param name="Preferred">Whether the server chose it first when offered every suite of the protocol.</param>
public sealed record SslscanSuite(string Protocol, string Name, int Bits, bool Preferred);

/// <summary>What sslscan (Debian package sslscan), a second scanner beside testssl.sh, saw of one endpoint, from its XML.</summary>
/// <param name="Endpoint">What was scanned.</param>
/// <param name="Protocols">The protocols it found enabled, by OpenSSL's names (SSLv2, SSLv3, TLSv1, TLSv1.1 ... TLSv1.3).</param>
/// <param name="Suites">Every suite the server accepted, by protocol.</param>
/// <param name="HeartbleedVulnerable">The protocols sslscan found vulnerable to Heartbleed.</param>
/// <param name="InsecureRenegotiation">Whether the server allows renegotiation without RFC 5746.</param>
/// <param name="KeyBits">The certificate's public key size.</param>
/// <param name="Expired">Whether sslscan found the certificate expired.</param>
/// <param name="Run">The command and its output.</param>
public sealed record SslscanReport(TlsEndpoint Endpoint, IReadOnlyList<string> Protocols, IReadOnlyList<SslscanSuite> Suites,
    IReadOnlyList<string> HeartbleedVulnerable, bool InsecureRenegotiation, int KeyBits, bool Expired, CommandResult Run)
{
    /// <summary>The suites accepted at <paramref name="protocol"/>.</summary>
    public IEnumerable<SslscanSuite> At(string protocol) => Suites.Where(s => s.Protocol == protocol);
}

/// <summary>Runs sslscan against an endpoint: it offers every suite and protocol its OpenSSL knows, one at a time.</summary>
public static class Sslscan
{
    /// <summary>Whether sslscan can speak to <paramref name="endpoint"/>: its STARTTLS list has SMTP, IMAP and POP3, not ManageSieve.</summary>
    public static bool CanScan(TlsEndpoint endpoint) => endpoint.Start != TlsStart.Sieve;

    /// <summary>Scans <paramref name="endpoint"/> (a second or so) and reads what sslscan reports.</summary>
    public static SslscanReport Scan(TlsEndpoint endpoint)
    {
        var args = new List<string> { "--no-colour", "--xml=-", "--sni-name=" + endpoint.Host };
        if (endpoint.OpenSslStartTls is { } starttls) args.Add("--starttls-" + starttls);
        args.Add(endpoint.Target);
        var run = Command.Run("sslscan", args, timeout: TimeSpan.FromMinutes(2));
        var start = run.Output.IndexOf("<?xml", StringComparison.Ordinal);
        if (!run.Succeeded || start < 0) throw new InvalidOperationException($"sslscan gave no XML for {endpoint}:\n{run}");
        var end = run.Output.IndexOf("</document>", start, StringComparison.Ordinal);
        var test = XDocument.Parse(run.Output[start..(end + "</document>".Length)]).Root!.Element("ssltest")
            ?? throw new InvalidOperationException($"sslscan's XML for {endpoint} has no ssltest (it could not connect):\n{run}");
        // By OpenSSL's names (TLSv1 for 1.0), as the daemons and MailDsl.Tls.TlsProtocolNames write them.
        var protocols = test.Elements("protocol").Where(p => (string?)p.Attribute("enabled") == "1")
            .Select(p => ((string)p.Attribute("type")! == "ssl" ? "SSLv" : "TLSv") + ((string)p.Attribute("version")! is "1.0" ? "1" : (string)p.Attribute("version")!)).ToList();
        var suites = test.Elements("cipher").Select(c => new SslscanSuite((string)c.Attribute("sslversion")!, (string)c.Attribute("cipher")!,
            (int)c.Attribute("bits")!, (string?)c.Attribute("status") == "preferred")).ToList();
        var heartbleed = test.Elements("heartbleed").Where(h => (string?)h.Attribute("vulnerable") == "1").Select(h => (string)h.Attribute("sslversion")!).ToList();
        var renegotiation = test.Element("renegotiation");
        var insecure = renegotiation is not null && (string?)renegotiation.Attribute("supported") == "1" && (string?)renegotiation.Attribute("secure") != "1";
        var certificate = test.Element("certificates")?.Element("certificate");
        var keyBits = (int?)certificate?.Element("pk")?.Attribute("bits") ?? 0;
        var expired = (string?)certificate?.Element("expired") == "true";
        return new SslscanReport(endpoint, protocols, suites, heartbleed, insecure, keyBits, expired, run);
    }
}
