using System;
using System.Collections.Generic;
using MailDsl.Model;
using MailDsl.Tls.Catalog;

namespace MailDsl.Probing
{
    /// <summary>The certificate an endpoint served, as the probe read it.</summary>
    /// <param name="Subject">Its subject, for the table.</param>
    /// <param name="Names">Its subject alternative names (DNS names and IP addresses), or the subject's CN when it has none.</param>
    /// <param name="NotAfter">When it expires (UTC).</param>
    /// <param name="KeyType">The key's certificate type: RSA, ECDSA (or DSA).</param>
    /// <param name="KeyHash">A hash of its public key: the same on every backend of a VIP.</param>
    /// <param name="ChainError">Why the chain does not verify against the trusted CAs, or null when it does.</param>
    public sealed record ObservedCertificate(string Subject, IReadOnlyList<string> Names, DateTime NotAfter, Authentication KeyType, string KeyHash, string? ChainError);

    /// <summary>What an HTTP request to an endpoint was answered with.</summary>
    /// <param name="Request">The path and query asked for.</param>
    /// <param name="Status">The status code, or 0 when no answer came (<paramref name="Failure"/> says why).</param>
    /// <param name="Location">The <c>Location</c> header, or null.</param>
    /// <param name="StrictTransportSecurity">The <c>Strict-Transport-Security</c> headers' values, joined by ", " when several, or null when none.</param>
    /// <param name="Body">The body (its first 256 KiB).</param>
    /// <param name="Failure">Why no answer came, or null when one did.</param>
    public sealed record HttpAnswer(string Request, int Status, string? Location, string? StrictTransportSecurity, string Body, string? Failure);

    /// <summary>What the probe found at one endpoint. Lists are empty when the step that fills them could not run.</summary>
    /// <param name="Endpoint">The endpoint probed.</param>
    public sealed record ProbeObservation(ProbeEndpoint Endpoint)
    {
        /// <summary>Why no TCP connection could be made (refused, timed out, no such name), or null when one was.</summary>
        public string? Unreachable { get; init; }

        /// <summary>Why no TLS session could be set up (STARTTLS refused, handshake failed), or null when one was.</summary>
        public string? TlsFailure { get; init; }

        /// <summary>The protocol versions the server takes (it answered a hello offering them with that version), oldest first.</summary>
        public IReadOnlyList<TlsVersion> Protocols { get; init; } = Array.Empty<TlsVersion>();

        /// <summary>The TLS 1.2 suites the server chose, in the order it chose them when offered everything not yet chosen.</summary>
        public IReadOnlyList<string> Tls12Suites { get; init; } = Array.Empty<string>();

        /// <summary>The groups the server chose, each when offered every group not chosen yet (names of the target's catalogue).</summary>
        public IReadOnlyList<string> Groups { get; init; } = Array.Empty<string>();

        /// <summary>The certificate served, or null when no handshake succeeded.</summary>
        public ObservedCertificate? Certificate { get; init; }

        /// <summary>What the plain-HTTP port answered a request with (where a redirect is expected), or null when not asked.</summary>
        public HttpAnswer? PlainHttp { get; init; }

        /// <summary>What the HTTPS port answered for the webmail's login page (where one is expected), or null when not asked.</summary>
        public HttpAnswer? WebmailPage { get; init; }

        /// <summary>
        /// What the cleartext greeting offered for logging in before STARTTLS (e.g. <c>250-AUTH PLAIN LOGIN</c>), empty
        /// when it offered nothing, null when not asked (implicit TLS, or the greeting could not be read).
        /// </summary>
        public string? AuthBeforeTls { get; init; }
    }
}
