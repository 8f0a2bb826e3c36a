using System.Collections.Generic;

namespace MailDsl.Tls.Catalog
{
    /// <summary>One TLS 1.2-and-below cipher suite as OpenSSL 3.0 knows it.</summary>
    /// <param name="Id">The IANA two-byte code, e.g. 0xC02F.</param>
    /// <param name="Name">OpenSSL's name, e.g. <c>ECDHE-RSA-AES128-GCM-SHA256</c>.</param>
    /// <param name="IanaName">The IANA (RFC) name, e.g. <c>TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256</c>.</param>
    /// <param name="MinProtocol">The oldest protocol it works on.</param>
    /// <param name="KeyExchange">Its key exchange.</param>
    /// <param name="Authentication">Its server authentication.</param>
    /// <param name="Encryption">Its bulk cipher.</param>
    /// <param name="KeyBits">The cipher's key size (OpenSSL's <c>alg_bits</c>).</param>
    /// <param name="StrengthBits">The effective strength OpenSSL sorts by (<c>strength_bits</c>).</param>
    /// <param name="Mac">Its record MAC.</param>
    /// <param name="Strength">Strength class and flags.</param>
    public sealed record CipherSuite(
        int Id,
        string Name,
        string IanaName,
        CipherProtocol MinProtocol,
        KeyExchange KeyExchange,
        Authentication Authentication,
        Encryption Encryption,
        int KeyBits,
        int StrengthBits,
        MacAlgorithm Mac,
        CipherStrength Strength)
    {
        /// <summary>Whether a compromised server key later reveals recorded sessions (no ephemeral key exchange).</summary>
        public bool HasForwardSecrecy => (KeyExchange & (KeyExchange.Dhe | KeyExchange.Ecdhe | KeyExchange.EcdhePsk | KeyExchange.DhePsk)) != 0;

        /// <summary>Whether the record layer is an AEAD (GCM, CCM, ChaCha20-Poly1305).</summary>
        public bool IsAead => Mac == MacAlgorithm.Aead;

        /// <summary>Whether the bulk cipher is a block cipher in CBC mode.</summary>
        public bool IsCbc => (Encryption & Encryption.Cbc) != 0;

        /// <inheritdoc/>
        public override string ToString() => Name;
    }

    /// <summary>
    /// A name the cipher-string language knows besides suite names: an alias such as <c>HIGH</c>,
    /// <c>kRSA</c> or <c>AESGCM</c>, as a set of masks (OpenSSL's <c>cipher_aliases</c>).
    /// A zero mask means "any"; non-zero masks must overlap the suite's algorithm.
    /// </summary>
    /// <param name="Name">The alias as written (case-sensitive).</param>
    /// <param name="KeyExchange">Key-exchange mask, or 0.</param>
    /// <param name="Authentication">Authentication mask, or 0.</param>
    /// <param name="Encryption">Encryption mask, or 0.</param>
    /// <param name="Mac">MAC mask, or 0.</param>
    /// <param name="MinProtocol">The exact minimum protocol it selects, or null.</param>
    /// <param name="Strength">Strength mask, or 0.</param>
    /// <param name="Meaning">What it selects, in words, for messages and docs.</param>
    public sealed record CipherAlias(
        string Name,
        KeyExchange KeyExchange,
        Authentication Authentication,
        Encryption Encryption,
        MacAlgorithm Mac,
        CipherProtocol? MinProtocol,
        CipherStrength Strength,
        string Meaning);
}
