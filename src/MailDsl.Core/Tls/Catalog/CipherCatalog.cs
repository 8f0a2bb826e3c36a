using System.Collections.Generic;
using MailDsl.Targets;

namespace MailDsl.Tls.Catalog
{
    /// <summary>
    /// What one OpenSSL version knows about TLS 1.2-and-below cipher suites: the suites (generated from the real
    /// binary by <c>scripts/gen-cipher-catalog.py</c>), the aliases of its cipher-string language (OpenSSL's
    /// <c>ssl/ssl_ciph.c</c> <c>cipher_aliases</c>, the same in 3.0, 3.2 and 3.5), the TLS 1.3 suites it lists first,
    /// and whether its parser takes IANA names. One catalogue per version MailDsl knows: <see cref="OpenSsl30"/> and
    /// <see cref="OpenSsl35"/> are seen (Debian 12's binary and the Debian 13 root's), <see cref="OpenSsl32"/> is
    /// reasoned (see there). <see cref="For"/> picks the one a target's OpenSSL reads cipher strings with.
    /// </summary>
    public sealed class CipherCatalog
    {
        private CipherCatalog(SoftwareVersion version, Provenance provenance, string source, IReadOnlyList<CipherSuite> suites,
            IReadOnlyList<string> defaultTls13, IReadOnlyList<string> allTls13, bool acceptsIanaNames)
        {
            Version = version; Provenance = provenance; Source = source; Suites = suites;
            DefaultTls13Suites = defaultTls13; AllTls13Suites = allTls13; AcceptsIanaNames = acceptsIanaNames;
            _byName = Index(suites, s => s.Name);
            _byIana = Index(suites, s => s.IanaName);
        }

        /// <summary>OpenSSL 3.0, seen: Debian 12's <c>openssl</c> (also Ubuntu 24.04's and RHEL 9.0-9.4's minor).</summary>
        public static CipherCatalog OpenSsl30 { get; } = new(OpenSsl30Data.Version, Provenance.Seen, OpenSsl30Data.Source, OpenSsl30Data.Suites,
            OpenSsl30Data.DefaultTls13Suites, OpenSsl30Data.AllTls13Suites, OpenSsl30Data.AcceptsIanaNames);

        /// <summary>
        /// OpenSSL 3.2 (RHEL 9.5+, RHEL 10), reasoned, not seen: no 3.2 binary can be installed here. The two ways the
        /// 3.5 binary reads cipher strings differently from 3.0 (CCM8 suites moved from HIGH to MEDIUM with 64 strength
        /// bits; IANA names accepted in cipher strings) are both listed under "Changes between 3.1 and 3.2.0" in
        /// OpenSSL's CHANGES.md (as shipped in Debian 13's /usr/share/doc/openssl/changelog.gz), and the entries for
        /// 3.3, 3.4 and 3.5 change no TLS 1.2 suite, alias or rule-parser behaviour; so 3.2 uses the TLS 1.2 suite
        /// table seen on 3.5. Its TLS 1.3 suites are 3.0's: TLS_SHA256_SHA256 and TLS_SHA384_SHA384 arrived in 3.4.
        /// </summary>
        public static CipherCatalog OpenSsl32 { get; } = new(new SoftwareVersion(3, 2), Provenance.Reasoned,
            "reasoned from OpenSSL's CHANGES.md 3.1 to 3.5 and the 3.5 binary's suite table", OpenSsl35Data.Suites,
            OpenSsl30Data.DefaultTls13Suites, OpenSsl30Data.AllTls13Suites, acceptsIanaNames: true);

        /// <summary>OpenSSL 3.5, seen: the Debian 13 root's <c>openssl</c>.</summary>
        public static CipherCatalog OpenSsl35 { get; } = new(OpenSsl35Data.Version, Provenance.Seen, OpenSsl35Data.Source, OpenSsl35Data.Suites,
            OpenSsl35Data.DefaultTls13Suites, OpenSsl35Data.AllTls13Suites, OpenSsl35Data.AcceptsIanaNames);

        /// <summary>Every catalogue, oldest first.</summary>
        public static IReadOnlyList<CipherCatalog> All { get; } = new[] { OpenSsl30, OpenSsl32, OpenSsl35 };

        /// <summary>
        /// The catalogue for <paramref name="openSsl"/>: the newest known version not newer than it (3.3 reads as 3.2,
        /// 3.6 as 3.5); a version older than every known one reads as the oldest (3.0).
        /// </summary>
        public static CipherCatalog For(SoftwareVersion openSsl)
        {
            var chosen = All[0];
            foreach (var c in All)
                if (c.Version.Major < openSsl.Major || c.Version.Major == openSsl.Major && c.Version.Minor <= openSsl.Minor) chosen = c;
            return chosen;
        }

        /// <summary>The version the catalogue describes (major.minor.patch of the binary it was read from; patch 0 when reasoned).</summary>
        public SoftwareVersion Version { get; }

        /// <summary>How messages name it, e.g. <c>OpenSSL 3.5</c>.</summary>
        public string Name => "OpenSSL " + Version.MajorMinor;

        /// <summary>Whether the facts were read off a real binary or reasoned from OpenSSL's sources and changelog.</summary>
        public Provenance Provenance { get; }

        /// <summary>Where the facts come from, in a sentence.</summary>
        public string Source { get; }

        /// <summary>Every TLS 1.2-and-below suite this OpenSSL offers with its default provider, in its default preference order.</summary>
        public IReadOnlyList<CipherSuite> Suites { get; }

        /// <summary>The TLS 1.3 suites this OpenSSL enables by default, in the order <c>openssl ciphers</c> prints them before the TLS 1.2 list.</summary>
        public IReadOnlyList<string> DefaultTls13Suites { get; }

        /// <summary>Every TLS 1.3 suite this OpenSSL implements (valid in a <c>-ciphersuites</c> list).</summary>
        public IReadOnlyList<string> AllTls13Suites { get; }

        /// <summary>Whether its cipher strings take IANA names such as <c>TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256</c> (OpenSSL 3.2+).</summary>
        public bool AcceptsIanaNames { get; }

        private readonly Dictionary<string, CipherSuite> _byName;
        private readonly Dictionary<string, CipherSuite> _byIana;

        private static Dictionary<string, CipherSuite> Index(IReadOnlyList<CipherSuite> suites, System.Func<CipherSuite, string> key)
        {
            var d = new Dictionary<string, CipherSuite>(System.StringComparer.Ordinal);
            foreach (var s in suites)
            {
                var k = key(s);
                if (k.Length > 0 && !d.ContainsKey(k)) d[k] = s;
            }
            return d;
        }

        /// <inheritdoc/>
        public override string ToString() => Name;

        /// <summary>OpenSSL's DEFAULT rule string (<c>OSSL_default_cipher_list</c>; the same in 3.0, 3.2 and 3.5: their DEFAULT lists agree).</summary>
        public const string DefaultCipherString = "ALL:!COMPLEMENTOFDEFAULT:!eNULL";

        /// <summary>Algorithms the default provider of OpenSSL 3.x lacks; aliases made only of them are dropped, exactly as <c>ssl_cipher_collect_aliases</c> does.</summary>
        internal const Encryption DisabledEncryption = Encryption.Des | Encryption.Rc4 | Encryption.Rc2 | Encryption.Idea | Encryption.Seed | Encryption.AnyGost;

        /// <summary>Key exchanges OpenSSL 3.x has no implementation for without an engine.</summary>
        internal const KeyExchange DisabledKeyExchange = KeyExchange.Gost;

        /// <summary>Authentication OpenSSL 3.x has no implementation for without an engine.</summary>
        internal const Authentication DisabledAuthentication = Authentication.Gost01 | Authentication.Gost12;

        /// <summary>MACs OpenSSL 3.x has no implementation for without an engine.</summary>
        internal const MacAlgorithm DisabledMac = MacAlgorithm.Gost94 | MacAlgorithm.Gost89Mac | MacAlgorithm.Gost12_256 | MacAlgorithm.Gost89Mac12 | MacAlgorithm.Gost12_512;

        private static CipherAlias A(string name, string meaning, KeyExchange kx = 0, Authentication au = 0, Encryption enc = 0, MacAlgorithm mac = 0, CipherProtocol? proto = null, CipherStrength strength = 0)
            => new(name, kx, au, enc, mac, proto, strength, meaning);

        /// <summary>Every alias of OpenSSL 3.x's cipher-string language, in OpenSSL's table order (including those the default provider cannot serve; see <see cref="IsAvailable"/>).</summary>
        public static IReadOnlyList<CipherAlias> Aliases { get; } = new[]
        {
            A("ALL", "every suite except the unencrypted (eNULL) ones", enc: ~Encryption.Null),
            A("COMPLEMENTOFALL", "the unencrypted suites ALL leaves out", enc: Encryption.Null),
            A("COMPLEMENTOFDEFAULT", "the suites in ALL but not in DEFAULT (anonymous ones)", strength: CipherStrength.NotDefault),
            A("kRSA", "static RSA key exchange (no forward secrecy)", kx: KeyExchange.Rsa),
            A("kEDH", "ephemeral DH key exchange, including anonymous", kx: KeyExchange.Dhe),
            A("kDHE", "ephemeral DH key exchange, including anonymous", kx: KeyExchange.Dhe),
            A("DH", "ephemeral DH key exchange, including anonymous", kx: KeyExchange.Dhe),
            A("kEECDH", "ephemeral ECDH key exchange, including anonymous", kx: KeyExchange.Ecdhe),
            A("kECDHE", "ephemeral ECDH key exchange, including anonymous", kx: KeyExchange.Ecdhe),
            A("ECDH", "ephemeral ECDH key exchange, including anonymous", kx: KeyExchange.Ecdhe),
            A("kPSK", "plain PSK key exchange", kx: KeyExchange.Psk),
            A("kRSAPSK", "RSA-PSK key exchange", kx: KeyExchange.RsaPsk),
            A("kECDHEPSK", "ECDHE-PSK key exchange", kx: KeyExchange.EcdhePsk),
            A("kDHEPSK", "DHE-PSK key exchange", kx: KeyExchange.DhePsk),
            A("kSRP", "SRP key exchange", kx: KeyExchange.Srp),
            A("kGOST", "GOST key exchange", kx: KeyExchange.Gost),
            A("kGOST18", "GOST 2018 key exchange", kx: KeyExchange.Gost),
            A("aRSA", "RSA authentication", au: Authentication.Rsa),
            A("aDSS", "DSS authentication", au: Authentication.Dss),
            A("DSS", "DSS authentication", au: Authentication.Dss),
            A("aNULL", "no authentication (anonymous)", au: Authentication.Null),
            A("aECDSA", "ECDSA authentication", au: Authentication.Ecdsa),
            A("ECDSA", "ECDSA authentication", au: Authentication.Ecdsa),
            A("aPSK", "PSK authentication", au: Authentication.Psk),
            A("aGOST01", "GOST 2001 authentication", au: Authentication.Gost01),
            A("aGOST12", "GOST 2012 authentication", au: Authentication.Gost12),
            A("aGOST", "GOST authentication", au: Authentication.Gost01 | Authentication.Gost12),
            A("aSRP", "SRP authentication", au: Authentication.Srp),
            A("EDH", "authenticated ephemeral DH", kx: KeyExchange.Dhe, au: ~Authentication.Null),
            A("DHE", "authenticated ephemeral DH", kx: KeyExchange.Dhe, au: ~Authentication.Null),
            A("EECDH", "authenticated ephemeral ECDH", kx: KeyExchange.Ecdhe, au: ~Authentication.Null),
            A("ECDHE", "authenticated ephemeral ECDH", kx: KeyExchange.Ecdhe, au: ~Authentication.Null),
            A("NULL", "no encryption", enc: Encryption.Null),
            A("RSA", "static RSA key exchange with RSA authentication", kx: KeyExchange.Rsa, au: Authentication.Rsa),
            A("ADH", "anonymous DH", kx: KeyExchange.Dhe, au: Authentication.Null),
            A("AECDH", "anonymous ECDH", kx: KeyExchange.Ecdhe, au: Authentication.Null),
            A("PSK", "every pre-shared-key suite", kx: KeyExchange.AnyPsk),
            A("SRP", "SRP suites", kx: KeyExchange.Srp),
            A("3DES", "triple DES", enc: Encryption.TripleDes),
            A("RC4", "RC4", enc: Encryption.Rc4),
            A("RC2", "RC2", enc: Encryption.Rc2),
            A("IDEA", "IDEA", enc: Encryption.Idea),
            A("SEED", "SEED", enc: Encryption.Seed),
            A("eNULL", "no encryption", enc: Encryption.Null),
            A("GOST", "GOST encryption", enc: Encryption.AnyGost),
            A("AES128", "128-bit AES in any mode", enc: Encryption.Aes128 | Encryption.Aes128Gcm | Encryption.Aes128Ccm | Encryption.Aes128Ccm8),
            A("AES256", "256-bit AES in any mode", enc: Encryption.Aes256 | Encryption.Aes256Gcm | Encryption.Aes256Ccm | Encryption.Aes256Ccm8),
            A("AES", "AES in any mode", enc: Encryption.AnyAes),
            A("AESGCM", "AES-GCM", enc: Encryption.Aes128Gcm | Encryption.Aes256Gcm),
            A("AESCCM", "AES-CCM (including CCM8)", enc: Encryption.Aes128Ccm | Encryption.Aes256Ccm | Encryption.Aes128Ccm8 | Encryption.Aes256Ccm8),
            A("AESCCM8", "AES-CCM with 8-byte tags", enc: Encryption.Aes128Ccm8 | Encryption.Aes256Ccm8),
            A("CAMELLIA128", "128-bit Camellia", enc: Encryption.Camellia128),
            A("CAMELLIA256", "256-bit Camellia", enc: Encryption.Camellia256),
            A("CAMELLIA", "Camellia", enc: Encryption.AnyCamellia),
            A("CHACHA20", "ChaCha20-Poly1305", enc: Encryption.ChaCha20Poly1305),
            A("GOST2012-GOST8912-GOST8912", "GOST 2012 suites", enc: Encryption.Gost89Tls12),
            A("ARIA", "ARIA", enc: Encryption.AnyAria),
            A("ARIAGCM", "ARIA-GCM", enc: Encryption.AnyAria),
            A("ARIA128", "128-bit ARIA", enc: Encryption.Aria128Gcm),
            A("ARIA256", "256-bit ARIA", enc: Encryption.Aria256Gcm),
            A("CBC", "block ciphers in CBC mode", enc: Encryption.Cbc),
            A("MD5", "HMAC-MD5", mac: MacAlgorithm.Md5),
            A("SHA1", "HMAC-SHA1", mac: MacAlgorithm.Sha1),
            A("SHA", "HMAC-SHA1", mac: MacAlgorithm.Sha1),
            A("GOST94", "GOST 94 MAC", mac: MacAlgorithm.Gost94),
            A("GOST89MAC", "GOST 89 MAC", mac: MacAlgorithm.Gost89Mac | MacAlgorithm.Gost89Mac12),
            A("SHA256", "HMAC-SHA256", mac: MacAlgorithm.Sha256),
            A("SHA384", "HMAC-SHA384", mac: MacAlgorithm.Sha384),
            A("GOST12", "GOST 2012 MAC", mac: MacAlgorithm.Gost12_256),
            A("SSLv3", "suites usable since SSLv3 (the protocol itself is not affected)", proto: CipherProtocol.Ssl3),
            A("TLSv1", "suites introduced with TLS 1.0", proto: CipherProtocol.Tls1),
            A("TLSv1.0", "suites introduced with TLS 1.0", proto: CipherProtocol.Tls1),
            A("TLSv1.2", "suites introduced with TLS 1.2", proto: CipherProtocol.Tls12),
            A("LOW", "the LOW strength class", strength: CipherStrength.Low),
            A("MEDIUM", "the MEDIUM strength class", strength: CipherStrength.Medium),
            A("HIGH", "the HIGH strength class", strength: CipherStrength.High),
            A("FIPS", "FIPS-approved encrypted suites", enc: ~Encryption.Null, strength: CipherStrength.Fips),
            A("EDH-DSS-DES-CBC3-SHA", "old name of DHE-DSS-DES-CBC3-SHA", KeyExchange.Dhe, Authentication.Dss, Encryption.TripleDes, MacAlgorithm.Sha1, null, CipherStrength.High | CipherStrength.Fips),
            A("EDH-RSA-DES-CBC3-SHA", "old name of DHE-RSA-DES-CBC3-SHA", KeyExchange.Dhe, Authentication.Rsa, Encryption.TripleDes, MacAlgorithm.Sha1, null, CipherStrength.High | CipherStrength.Fips),
        };

        /// <summary>
        /// Whether OpenSSL 3.x keeps <paramref name="alias"/> in its alias list: every mask it has must
        /// name at least one algorithm the default provider implements (else the alias is an unknown name).
        /// </summary>
        public static bool IsAvailable(CipherAlias alias)
            => (alias.KeyExchange == 0 || (alias.KeyExchange & ~DisabledKeyExchange) != 0)
            && (alias.Authentication == 0 || (alias.Authentication & ~DisabledAuthentication) != 0)
            && (alias.Encryption == 0 || (alias.Encryption & ~DisabledEncryption) != 0)
            && (alias.Mac == 0 || (alias.Mac & ~DisabledMac) != 0);

        /// <summary>
        /// Suite names older OpenSSL releases knew that OpenSSL 3.x no longer offers (removed, or needing the
        /// legacy provider), with why; OpenSSL 3.x silently ignores them in a cipher string.
        /// </summary>
        public static IReadOnlyDictionary<string, string> RetiredNames { get; } = new Dictionary<string, string>(System.StringComparer.Ordinal)
        {
            ["DES-CBC3-SHA"] = "3DES: compiled only with enable-weak-ssl-ciphers, off in OpenSSL 3.x builds such as Debian's",
            ["ECDHE-RSA-DES-CBC3-SHA"] = "3DES: compiled only with enable-weak-ssl-ciphers, off in OpenSSL 3.x builds such as Debian's",
            ["ECDHE-ECDSA-DES-CBC3-SHA"] = "3DES: compiled only with enable-weak-ssl-ciphers, off in OpenSSL 3.x builds such as Debian's",
            ["EDH-RSA-DES-CBC3-SHA"] = "3DES: compiled only with enable-weak-ssl-ciphers, off in OpenSSL 3.x builds such as Debian's",
            ["DHE-RSA-DES-CBC3-SHA"] = "3DES: compiled only with enable-weak-ssl-ciphers, off in OpenSSL 3.x builds such as Debian's",
            ["RC4-SHA"] = "RC4: only in OpenSSL's legacy provider",
            ["RC4-MD5"] = "RC4: only in OpenSSL's legacy provider",
            ["ECDHE-RSA-RC4-SHA"] = "RC4: only in OpenSSL's legacy provider",
            ["ECDHE-ECDSA-RC4-SHA"] = "RC4: only in OpenSSL's legacy provider",
            ["DES-CBC-SHA"] = "single DES: removed in OpenSSL 1.1.0",
            ["EDH-RSA-DES-CBC-SHA"] = "single DES: removed in OpenSSL 1.1.0",
            ["IDEA-CBC-SHA"] = "IDEA: only in OpenSSL's legacy provider",
            ["SEED-SHA"] = "SEED: only in OpenSSL's legacy provider",
            ["DHE-RSA-SEED-SHA"] = "SEED: only in OpenSSL's legacy provider",
            ["EXP-RC4-MD5"] = "export grade: removed in OpenSSL 1.1.0",
            ["EXP-DES-CBC-SHA"] = "export grade: removed in OpenSSL 1.1.0",
            ["EXP"] = "export grade: removed in OpenSSL 1.1.0",
            ["EXPORT"] = "export grade: removed in OpenSSL 1.1.0",
            ["EXPORT40"] = "export grade: removed in OpenSSL 1.1.0",
            ["EXPORT56"] = "export grade: removed in OpenSSL 1.1.0",
            ["SSLv2"] = "SSLv2 suites: removed in OpenSSL 1.1.0",
            ["kECDH"] = "static ECDH: removed in OpenSSL 1.1.0",
            ["aECDH"] = "static ECDH: removed in OpenSSL 1.1.0",
            ["kDH"] = "static DH: removed in OpenSSL 1.1.0",
            ["aDH"] = "static DH: removed in OpenSSL 1.1.0",
            ["kDHr"] = "static DH: removed in OpenSSL 1.1.0",
            ["kDHd"] = "static DH: removed in OpenSSL 1.1.0",
            ["kECDHr"] = "static ECDH: removed in OpenSSL 1.1.0",
            ["kECDHe"] = "static ECDH: removed in OpenSSL 1.1.0",
            ["kKRB5"] = "Kerberos suites: removed in OpenSSL 1.1.0",
            ["aKRB5"] = "Kerberos suites: removed in OpenSSL 1.1.0",
            ["KRB5"] = "Kerberos suites: removed in OpenSSL 1.1.0",
            ["aFZA"] = "Fortezza: removed",
            ["kFZA"] = "Fortezza: removed",
            ["eFZA"] = "Fortezza: removed",
            ["FZA"] = "Fortezza: removed",
            ["DES"] = "single DES: removed in OpenSSL 1.1.0",
            ["RC4"] = "RC4: only in OpenSSL's legacy provider",
            ["RC2"] = "RC2: only in OpenSSL's legacy provider",
            ["IDEA"] = "IDEA: only in OpenSSL's legacy provider",
            ["SEED"] = "SEED: only in OpenSSL's legacy provider",
            ["GOST"] = "GOST: needs an engine OpenSSL 3.x does not ship",
        };

        /// <summary>Whether <paramref name="alias"/> on its own selects <paramref name="suite"/> (OpenSSL's rule matching for one alias).</summary>
        public static bool Selects(CipherAlias alias, CipherSuite suite)
        {
            if (alias.KeyExchange != 0 && (alias.KeyExchange & suite.KeyExchange) == 0) return false;
            if (alias.Authentication != 0 && (alias.Authentication & suite.Authentication) == 0) return false;
            if (alias.Encryption != 0 && (alias.Encryption & suite.Encryption) == 0) return false;
            if (alias.Mac != 0 && (alias.Mac & suite.Mac) == 0) return false;
            if (alias.MinProtocol is { } p && p != suite.MinProtocol) return false;
            var strong = alias.Strength & CipherStrength.StrongMask;
            if (strong != 0 && (strong & suite.Strength) == 0) return false;
            var notDefault = alias.Strength & CipherStrength.DefaultMask;
            if (notDefault != 0 && (notDefault & suite.Strength) == 0) return false;
            return true;
        }

        /// <summary>The names of the available aliases that select <paramref name="suite"/> (its alias groups), in OpenSSL's table order.</summary>
        public static IReadOnlyList<string> AliasGroupsOf(CipherSuite suite)
        {
            var names = new List<string>();
            foreach (var a in Aliases)
                if (IsAvailable(a) && Selects(a, suite)) names.Add(a.Name);
            return names;
        }

        /// <summary>The suite called <paramref name="name"/> (OpenSSL name, case-sensitive), or null.</summary>
        public CipherSuite? FindSuite(string name)
            => _byName.TryGetValue(name, out var s) ? s : null;

        /// <summary>The suite whose IANA name is <paramref name="ianaName"/>, or null.</summary>
        public CipherSuite? FindByIanaName(string ianaName)
            => _byIana.TryGetValue(ianaName, out var s) ? s : null;

        /// <summary>The alias called <paramref name="name"/> (case-sensitive), available or not, or null.</summary>
        public static CipherAlias? FindAlias(string name)
            => AliasIndex.TryGetValue(name, out var a) ? a : null;

        private static readonly Dictionary<string, CipherAlias> AliasIndex = BuildAliases();

        private static Dictionary<string, CipherAlias> BuildAliases()
        {
            var d = new Dictionary<string, CipherAlias>(System.StringComparer.Ordinal);
            foreach (var a in Aliases)
                if (!d.ContainsKey(a.Name)) d[a.Name] = a;
            return d;
        }
    }
}
