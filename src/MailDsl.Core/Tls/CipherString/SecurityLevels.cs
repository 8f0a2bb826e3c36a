using MailDsl.Tls.Catalog;

namespace MailDsl.Tls.CipherString
{
    /// <summary>
    /// What OpenSSL's security level (<c>@SECLEVEL=n</c>, else the build's default) lets a server negotiate, as OpenSSL 3's
    /// <c>ssl_security_default_callback</c> decides it for <c>SSL_SECOP_CIPHER_SUPPORTED</c>: a cipher string still
    /// <em>selects</em> a suite the level refuses (<c>openssl ciphers STRING</c> lists it), but no handshake uses it
    /// (<c>openssl ciphers -s STRING</c> leaves it out). Held to both binaries' <c>openssl ciphers -s</c> on the whole
    /// corpus by the differential tests.
    /// </summary>
    public static class SecurityLevels
    {
        /// <summary>
        /// The level when a string sets none: 2. Seen on Debian 12 (OpenSSL 3.0, built with level 2 as Debian's default)
        /// and Debian 13 (3.5): both refuse a 1024-bit RSA certificate ("ee key too small"), which level 1 takes; 2 is also
        /// upstream's default from 3.2 (RHEL 9.5+, RHEL 10).
        /// </summary>
        public const int Default = 2;

        /// <summary>The strength in bits a suite needs at <paramref name="level"/>: 0, 80, 112, 128, 192, 256 (levels above 5 read as 5).</summary>
        public static int MinimumBits(int level) => level <= 0 ? 0 : level switch { 1 => 80, 2 => 112, 3 => 128, 4 => 192, _ => 256 };

        /// <summary>Why <paramref name="level"/> keeps <paramref name="suite"/> out of every handshake, or null when it allows it.</summary>
        public static string? Refuses(CipherSuite suite, int level)
        {
            if (level <= 0) return null;
            var bits = MinimumBits(level);
            if (suite.StrengthBits < bits) return $"{suite.StrengthBits} bits of strength, below the {bits} of security level {level}";
            if ((suite.Authentication & Authentication.Null) != 0) return $"anonymous (no authentication), refused at every security level above 0";
            if ((suite.Mac & MacAlgorithm.Md5) != 0) return "an MD5 MAC, refused at every security level above 0";
            // SHA-1's HMAC counts as 160 bits.
            if (bits > 160 && (suite.Mac & MacAlgorithm.Sha1) != 0) return $"a SHA-1 MAC (160 bits), below the {bits} of security level {level}";
            if (level >= 3 && !suite.HasForwardSecrecy) return $"no forward secrecy, refused from security level 3";
            return null;
        }

        /// <summary>
        /// Whether a server can use <paramref name="suite"/> at all without more than a certificate: PSK and SRP suites need a
        /// pre-shared key or an SRP verifier callback, which nginx, Postfix and Dovecot never set (<c>openssl ciphers -s</c>
        /// drops them unless given <c>-psk</c> or <c>-srp</c>).
        /// </summary>
        public static bool NeedsPskOrSrp(CipherSuite suite)
            => (suite.KeyExchange & (KeyExchange.AnyPsk | KeyExchange.Srp)) != 0 || (suite.Authentication & (Authentication.Psk | Authentication.Srp)) != 0;

        /// <summary>The strength of a TLS 1.3 suite OpenSSL enables by default (its table: AES-128-GCM 128 bits, AES-256-GCM and ChaCha20 256).</summary>
        public static int Tls13StrengthBits(string name) => name.Contains("AES_128") ? 128 : 256;
    }
}
