using System.Collections.Generic;

namespace MailDsl.Tls.Catalog
{
    /// <summary>What a key-exchange group is built on, read from its TLS code point.</summary>
    public enum GroupKind
    {
        /// <summary>An elliptic curve (secp256r1, x25519, brainpool...): serves ECDHE in TLS 1.2 and/or TLS 1.3.</summary>
        EllipticCurve,
        /// <summary>An RFC 7919 finite-field group (ffdhe2048...): OpenSSL uses them in TLS 1.3 only.</summary>
        FiniteField,
        /// <summary>Pure ML-KEM (post-quantum, TLS 1.3 only).</summary>
        PostQuantum,
        /// <summary>A hybrid of a classical curve and ML-KEM, e.g. X25519MLKEM768 (TLS 1.3 only).</summary>
        Hybrid,
    }

    /// <summary>
    /// One TLS key-exchange group as an OpenSSL version knows it, with what a real handshake showed it can do.
    /// </summary>
    /// <param name="Id">Its TLS code point (IANA Supported Groups), e.g. 23 for secp256r1, 4588 for X25519MLKEM768.</param>
    /// <param name="Name">The name MailDsl writes (the IANA registry's spelling), e.g. <c>secp256r1</c>.</param>
    /// <param name="Aliases">Other names OpenSSL accepts for it, e.g. <c>P-256</c>, <c>prime256v1</c>.</param>
    /// <param name="Tls12">Whether a TLS 1.2 ECDHE handshake completes with it (what TLS 1.2's key exchange can use).</param>
    /// <param name="Tls13">Whether a TLS 1.3 handshake completes with it.</param>
    public sealed record KeyExchangeGroup(int Id, string Name, IReadOnlyList<string> Aliases, bool Tls12, bool Tls13)
    {
        /// <summary>What the group is built on.</summary>
        public GroupKind Kind => Id switch
        {
            >= 256 and <= 511 => GroupKind.FiniteField,
            >= 512 and <= 767 => GroupKind.PostQuantum,
            >= 4587 and <= 4607 => GroupKind.Hybrid,
            _ => GroupKind.EllipticCurve,
        };

        /// <summary>Whether this is NIST P-256 (secp256r1, prime256v1), the one curve every TLS client supports.</summary>
        public bool IsP256 => Id == 23;

        /// <summary>Every name OpenSSL accepts for it, <see cref="Name"/> first.</summary>
        public IEnumerable<string> AllNames
        {
            get
            {
                yield return Name;
                foreach (var a in Aliases) yield return a;
            }
        }

        /// <inheritdoc/>
        public override string ToString() => Name;
    }
}
