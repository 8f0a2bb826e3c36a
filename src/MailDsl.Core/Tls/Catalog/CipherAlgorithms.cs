using System;

namespace MailDsl.Tls.Catalog
{
    /// <summary>The oldest protocol a suite can be negotiated on (OpenSSL's <c>min_tls</c>).</summary>
    public enum CipherProtocol
    {
        /// <summary>SSLv3 (and therefore every TLS version).</summary>
        Ssl3,
        /// <summary>TLS 1.0.</summary>
        Tls1,
        /// <summary>TLS 1.2 (SHA-256/384 PRF and AEAD suites).</summary>
        Tls12,
    }

    /// <summary>Key exchange, one bit per algorithm as in OpenSSL's <c>algorithm_mkey</c>, so aliases can be masks.</summary>
    [Flags]
    public enum KeyExchange
    {
        /// <summary>Static RSA key transport: no forward secrecy.</summary>
        Rsa = 1 << 0,
        /// <summary>Finite-field ephemeral Diffie-Hellman.</summary>
        Dhe = 1 << 1,
        /// <summary>Elliptic-curve ephemeral Diffie-Hellman.</summary>
        Ecdhe = 1 << 2,
        /// <summary>Pre-shared key only.</summary>
        Psk = 1 << 3,
        /// <summary>RSA-encrypted pre-shared key.</summary>
        RsaPsk = 1 << 4,
        /// <summary>ECDHE with pre-shared key.</summary>
        EcdhePsk = 1 << 5,
        /// <summary>DHE with pre-shared key.</summary>
        DhePsk = 1 << 6,
        /// <summary>Secure Remote Password.</summary>
        Srp = 1 << 7,
        /// <summary>GOST key exchange (needs an engine; never available in OpenSSL 3.0's default provider).</summary>
        Gost = 1 << 8,
        /// <summary>Every pre-shared-key exchange (OpenSSL's <c>SSL_PSK</c>).</summary>
        AnyPsk = Psk | RsaPsk | EcdhePsk | DhePsk,
    }

    /// <summary>Server authentication, as OpenSSL's <c>algorithm_auth</c>.</summary>
    [Flags]
    public enum Authentication
    {
        /// <summary>RSA certificate.</summary>
        Rsa = 1 << 0,
        /// <summary>DSA certificate.</summary>
        Dss = 1 << 1,
        /// <summary>No authentication (anonymous): any active attacker can sit in the middle.</summary>
        Null = 1 << 2,
        /// <summary>ECDSA certificate.</summary>
        Ecdsa = 1 << 3,
        /// <summary>Pre-shared key.</summary>
        Psk = 1 << 4,
        /// <summary>SRP.</summary>
        Srp = 1 << 6,
        /// <summary>GOST R 34.10-2001 (engine only).</summary>
        Gost01 = 1 << 5,
        /// <summary>GOST R 34.10-2012 (engine only).</summary>
        Gost12 = 1 << 7,
    }

    /// <summary>Bulk encryption, as OpenSSL's <c>algorithm_enc</c>.</summary>
    [Flags]
    public enum Encryption
    {
        /// <summary>Single DES (56-bit).</summary>
        Des = 1 << 0,
        /// <summary>Triple DES.</summary>
        TripleDes = 1 << 1,
        /// <summary>RC4 stream cipher.</summary>
        Rc4 = 1 << 2,
        /// <summary>RC2.</summary>
        Rc2 = 1 << 3,
        /// <summary>IDEA.</summary>
        Idea = 1 << 4,
        /// <summary>No encryption at all.</summary>
        Null = 1 << 5,
        /// <summary>AES-128-CBC.</summary>
        Aes128 = 1 << 6,
        /// <summary>AES-256-CBC.</summary>
        Aes256 = 1 << 7,
        /// <summary>Camellia-128-CBC.</summary>
        Camellia128 = 1 << 8,
        /// <summary>Camellia-256-CBC.</summary>
        Camellia256 = 1 << 9,
        /// <summary>GOST 28147-89 (engine only).</summary>
        Gost89 = 1 << 10,
        /// <summary>SEED.</summary>
        Seed = 1 << 11,
        /// <summary>AES-128-GCM.</summary>
        Aes128Gcm = 1 << 12,
        /// <summary>AES-256-GCM.</summary>
        Aes256Gcm = 1 << 13,
        /// <summary>AES-128-CCM.</summary>
        Aes128Ccm = 1 << 14,
        /// <summary>AES-256-CCM.</summary>
        Aes256Ccm = 1 << 15,
        /// <summary>AES-128-CCM with 8-byte tag.</summary>
        Aes128Ccm8 = 1 << 16,
        /// <summary>AES-256-CCM with 8-byte tag.</summary>
        Aes256Ccm8 = 1 << 17,
        /// <summary>GOST 28147-89 in TLS 1.2 mode (engine only).</summary>
        Gost89Tls12 = 1 << 18,
        /// <summary>ChaCha20-Poly1305.</summary>
        ChaCha20Poly1305 = 1 << 19,
        /// <summary>ARIA-128-GCM.</summary>
        Aria128Gcm = 1 << 20,
        /// <summary>ARIA-256-GCM.</summary>
        Aria256Gcm = 1 << 21,
        /// <summary>Magma (engine only).</summary>
        Magma = 1 << 22,
        /// <summary>Kuznyechik (engine only).</summary>
        Kuznyechik = 1 << 23,

        /// <summary>Every AES mode (OpenSSL's <c>SSL_AES</c>).</summary>
        AnyAes = Aes128 | Aes256 | Aes128Gcm | Aes256Gcm | Aes128Ccm | Aes256Ccm | Aes128Ccm8 | Aes256Ccm8,
        /// <summary>Both Camellia sizes.</summary>
        AnyCamellia = Camellia128 | Camellia256,
        /// <summary>Both ARIA sizes.</summary>
        AnyAria = Aria128Gcm | Aria256Gcm,
        /// <summary>Every GOST cipher.</summary>
        AnyGost = Gost89 | Gost89Tls12 | Magma | Kuznyechik,
        /// <summary>Block ciphers in CBC mode (OpenSSL's <c>SSL_CBC</c>).</summary>
        Cbc = Des | TripleDes | Rc2 | Idea | Aes128 | Aes256 | Camellia128 | Camellia256 | Seed,
    }

    /// <summary>Record MAC, as OpenSSL's <c>algorithm_mac</c>.</summary>
    [Flags]
    public enum MacAlgorithm
    {
        /// <summary>HMAC-MD5.</summary>
        Md5 = 1 << 0,
        /// <summary>HMAC-SHA1.</summary>
        Sha1 = 1 << 1,
        /// <summary>GOST R 34.11-94 (engine only).</summary>
        Gost94 = 1 << 2,
        /// <summary>GOST 28147-89 MAC (engine only).</summary>
        Gost89Mac = 1 << 3,
        /// <summary>HMAC-SHA256.</summary>
        Sha256 = 1 << 4,
        /// <summary>HMAC-SHA384.</summary>
        Sha384 = 1 << 5,
        /// <summary>Authenticated encryption: no separate MAC.</summary>
        Aead = 1 << 6,
        /// <summary>GOST R 34.11-2012 256-bit (engine only).</summary>
        Gost12_256 = 1 << 7,
        /// <summary>GOST 28147-89 MAC, TLS 1.2 mode (engine only).</summary>
        Gost89Mac12 = 1 << 8,
        /// <summary>GOST R 34.11-2012 512-bit (engine only).</summary>
        Gost12_512 = 1 << 9,
    }

    /// <summary>OpenSSL's <c>algo_strength</c> flags: the strength class, FIPS approval and "not in DEFAULT".</summary>
    [Flags]
    public enum CipherStrength
    {
        /// <summary>No encryption (eNULL suites).</summary>
        None = 1 << 0,
        /// <summary>The LOW class (single DES and worse; empty in OpenSSL 3.0).</summary>
        Low = 1 << 1,
        /// <summary>The MEDIUM class (SEED, RC4, 3DES in OpenSSL 3.0).</summary>
        Medium = 1 << 2,
        /// <summary>The HIGH class (128-bit keys and up).</summary>
        High = 1 << 3,
        /// <summary>FIPS 140 approved algorithms.</summary>
        Fips = 1 << 4,
        /// <summary>Left out of DEFAULT: what COMPLEMENTOFDEFAULT selects (the anonymous suites).</summary>
        NotDefault = 1 << 5,

        /// <summary>OpenSSL's <c>SSL_STRONG_MASK</c>: the bits a strength alias is matched on.</summary>
        StrongMask = None | Low | Medium | High | Fips,
        /// <summary>OpenSSL's <c>SSL_DEFAULT_MASK</c>.</summary>
        DefaultMask = NotDefault,
    }
}
