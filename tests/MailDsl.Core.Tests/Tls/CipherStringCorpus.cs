using MailDsl.Tls.Catalog;

namespace MailDsl.Core.Tests.Tls
{
    /// <summary>
    /// The strings the engine is compared with openssl on (Debian 12's 3.0 and the Debian 13 root's 3.5): real-world ones,
    /// edge cases, strings where 3.0 and 3.5 disagree, and generated ones (fixed seed).
    /// </summary>
    public static class CipherStringCorpus
    {
        /// <summary>Strings from the guide, Mozilla, daemon defaults and public configs.</summary>
        public static readonly string[] RealWorld =
        {
            // The operator's guide (nginx, Dovecot) and Postfix's grade lists (postconf -d, Postfix 3.7).
            "HIGH:!aNULL:!MD5",
            "ALL:!LOW:!SSLv2:!SSLv3:!EXP:!aNULL",
            "aNULL:-aNULL:HIGH:@STRENGTH",
            "aNULL:-aNULL:HIGH:MEDIUM:+RC4:@STRENGTH",
            "aNULL:-aNULL:HIGH:MEDIUM:LOW:+RC4:@STRENGTH",
            "aNULL:-aNULL:HIGH:MEDIUM:LOW:EXPORT:+RC4:@STRENGTH",
            "eNULL:!aNULL",
            "aNULL:-aNULL:HIGH:@STRENGTH:!aNULL:!MD5",
            "aNULL:-aNULL:HIGH:MEDIUM:+RC4:@STRENGTH:!aNULL",
            // Mozilla guideline 5.7 intermediate / old, and older Mozilla generations.
            "ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-GCM-SHA256:ECDHE-ECDSA-AES256-GCM-SHA384:ECDHE-RSA-AES256-GCM-SHA384:ECDHE-ECDSA-CHACHA20-POLY1305:ECDHE-RSA-CHACHA20-POLY1305:DHE-RSA-AES128-GCM-SHA256:DHE-RSA-AES256-GCM-SHA384:DHE-RSA-CHACHA20-POLY1305",
            "ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-GCM-SHA256:ECDHE-ECDSA-AES256-GCM-SHA384:ECDHE-RSA-AES256-GCM-SHA384:ECDHE-ECDSA-CHACHA20-POLY1305:ECDHE-RSA-CHACHA20-POLY1305:DHE-RSA-AES128-GCM-SHA256:DHE-RSA-AES256-GCM-SHA384:DHE-RSA-CHACHA20-POLY1305:ECDHE-ECDSA-AES128-SHA256:ECDHE-RSA-AES128-SHA256:ECDHE-ECDSA-AES128-SHA:ECDHE-RSA-AES128-SHA:ECDHE-ECDSA-AES256-SHA384:ECDHE-RSA-AES256-SHA384:ECDHE-ECDSA-AES256-SHA:ECDHE-RSA-AES256-SHA:DHE-RSA-AES128-SHA256:DHE-RSA-AES256-SHA256:AES128-GCM-SHA256:AES256-GCM-SHA384:AES128-SHA256:AES256-SHA256:AES128-SHA:AES256-SHA:DES-CBC3-SHA",
            "ECDHE-ECDSA-CHACHA20-POLY1305:ECDHE-RSA-CHACHA20-POLY1305:ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-GCM-SHA256:ECDHE-ECDSA-AES256-GCM-SHA384:ECDHE-RSA-AES256-GCM-SHA384:DHE-RSA-AES128-GCM-SHA256:DHE-RSA-AES256-GCM-SHA384:ECDHE-ECDSA-AES128-SHA256:ECDHE-RSA-AES128-SHA256:ECDHE-ECDSA-AES128-SHA:ECDHE-RSA-AES256-SHA384:ECDHE-RSA-AES128-SHA:ECDHE-ECDSA-AES256-SHA384:ECDHE-ECDSA-AES256-SHA:ECDHE-RSA-AES256-SHA:DHE-RSA-AES128-SHA256:DHE-RSA-AES128-SHA:DHE-RSA-AES256-SHA256:DHE-RSA-AES256-SHA:ECDHE-ECDSA-DES-CBC3-SHA:ECDHE-RSA-DES-CBC3-SHA:EDH-RSA-DES-CBC3-SHA:AES128-GCM-SHA256:AES256-GCM-SHA384:AES128-SHA256:AES256-SHA256:AES128-SHA:AES256-SHA:DES-CBC3-SHA:!DSS",
            "EECDH+AESGCM:EDH+AESGCM:AES256+EECDH:AES256+EDH",
            "EECDH+AESGCM:EDH+AESGCM",
            "EECDH+AESGCM:EDH+AESGCM:AES256+EECDH:AES256+EDH:!aNULL:!MD5:!DSS",
            "EECDH+CHACHA20:EECDH+AES128:RSA+AES128:EECDH+AES256:RSA+AES256:EECDH+3DES:RSA+3DES:!MD5",
            "ECDH+AESGCM:DH+AESGCM:ECDH+AES256:DH+AES256:ECDH+AES128:DH+AES:RSA+AESGCM:RSA+AES:!aNULL:!MD5:!DSS",
            "ECDH+AESGCM:ECDH+CHACHA20:DH+AESGCM:ECDH+AES256:DH+AES256:ECDH+AES128:DH+AES:RSA+AESGCM:RSA+AES:!aNULL:!MD5:!DSS",
            "kEECDH:+kEECDH+SHA:kEDH:+kEDH+SHA:+kEDH+CAMELLIA:kECDH:+kECDH+SHA:kRSA:+kRSA+SHA:+kRSA+CAMELLIA:!aNULL:!eNULL:!SSLv2:!RC4:!MD5:!DES:!EXP:!SEED:!IDEA:!3DES",
            "HIGH:MEDIUM:!aNULL:!MD5:!RC4",
            "HIGH:!aNULL:!MD5:!RC4",
            "HIGH:!aNULL:!eNULL:!EXPORT:!DES:!MD5:!PSK:!RC4",
            "HIGH:!MEDIUM:!LOW:!aNULL:!NULL:!SHA",
            "HIGH:MEDIUM:+3DES:!aNULL",
            "PROFILE=SYSTEM",
            "DEFAULT",
            "DEFAULT:!EXP:!LOW",
            "DEFAULT:!MEDIUM:!3DES",
            "DEFAULT:@SECLEVEL=2",
            "DEFAULT@SECLEVEL=1",
            "DEFAULT:!aNULL:!eNULL:!MD5:!3DES:!DES:!RC4:!IDEA:!SEED:!aDSS:!SRP:!PSK",
            "ALL:!aNULL:!ADH:!eNULL:!LOW:!EXP:RC4+RSA:+HIGH:+MEDIUM",
            "ALL:!ADH:!EXPORT:!SSLv2:RC4+RSA:+HIGH:+MEDIUM:+LOW",
            "ALL:!ADH:RC4+RSA:+HIGH:+MEDIUM:-LOW:-SSLv2:-EXP",
            "ALL:!ADH:+HIGH:+MEDIUM:-LOW:-SSLv2:-EXP",
            "ALL:!EXPORT:!LOW:!aNULL:!eNULL:!SSLv2",
            "ALL:!aNULL:!eNULL:!EXPORT:!DES:!RC4:!MD5:!PSK:!aECDH:!EDH-DSS-DES-CBC3-SHA:!EDH-RSA-DES-CBC3-SHA:!KRB5-DES-CBC3-SHA",
            "RC4:HIGH:!aNULL:!MD5",
            "RC4-SHA:HIGH:!ADH",
            "ECDHE-RSA-AES256-SHA384:AES256-SHA256:RC4:HIGH:!MD5:!aNULL:!EDH:!AESGCM",
            "ECDHE-RSA-AES128-SHA256:AES128-GCM-SHA256:RC4:HIGH:!MD5:!aNULL:!EDH",
            "HIGH:!aNULL:!kRSA:!PSK:!SRP:!MD5:!RC4",
            "EECDH+ECDSA+AESGCM:EECDH+aRSA+AESGCM:EECDH+ECDSA+SHA384:EECDH+ECDSA+SHA256:EECDH+aRSA+SHA384:EECDH+aRSA+SHA256:EECDH:EDH+aRSA:!aNULL:!eNULL:!LOW:!3DES:!MD5:!EXP:!PSK:!SRP:!DSS:!RC4",
            "EECDH+ECDSA+AESGCM:EECDH+aRSA+AESGCM:EECDH+ECDSA+SHA384:EECDH+ECDSA+SHA256:EECDH+aRSA+SHA384:EECDH+aRSA+SHA256:EECDH+aRSA+RC4:EECDH:EDH+aRSA:RC4:!aNULL:!eNULL:!LOW:!3DES:!MD5:!EXP:!PSK:!SRP:!DSS",
            "AES128+EECDH:AES128+EDH",
            "AES256+EECDH:AES256+EDH",
            "EECDH+AES:EDH+AES:-SHA1:EECDH+RC4:EDH+RC4:RC4-SHA:EECDH+AES256:EDH+AES256:AES256-SHA:!aNULL:!eNULL:!EXP:!LOW:!MD5",
            "ECDHE+AESGCM:ECDHE+CHACHA20:DHE+AESGCM:DHE+CHACHA20:!aNULL:!MD5:!DSS",
            "TLSv1.2+FIPS:kRSA+FIPS:!eNULL:!aNULL",
            "FIPS@STRENGTH:!aNULL:!eNULL",
            "HIGH:!aNULL:!eNULL:!kECDH:!aDH:!RC4:!3DES:!CAMELLIA:!MD5:!PSK:!SRP:!KRB5:@STRENGTH",
            "HIGH:!SSLv2:!aNULL:!eNULL:!3DES",
            "ECDHE-RSA-AES256-GCM-SHA384:ECDHE-RSA-AES128-GCM-SHA256:DHE-RSA-AES256-GCM-SHA384",
            "SUITEB128",
            "SUITEB128ONLY",
            "SUITEB128C2",
            "SUITEB192",
            "SUITEB192:ALL",
            "ALL:SUITEB128",
            "CHACHA20:AESGCM:!aNULL",
            "CHACHA20",
            "ECDHE+CHACHA20:ECDHE+AESGCM",
            "kECDHE+aECDSA+AESGCM:kECDHE+aRSA+AESGCM",
            "PSK",
            "ECDHE-PSK-CHACHA20-POLY1305:PSK-AES128-GCM-SHA256",
            "SRP",
            "ARIA:CAMELLIA",
            "AESCCM:AESCCM8",
            "HIGH:!aNULL:!MD5:!RC4:!CBC",
            "HIGH:!SHA1:!aNULL",
            "MEDIUM",
            "LOW",
            "3DES",
            "MEDIUM:LOW",
            "EXP",
            "EXPORT:LOW",
            "NULL",
            "eNULL",
            "COMPLEMENTOFALL",
            "COMPLEMENTOFDEFAULT",
            "ALL:COMPLEMENTOFALL",
            "ALL:!COMPLEMENTOFDEFAULT:!eNULL",
            "ALL:COMPLEMENTOFALL:@STRENGTH",
            "ALL:+kRSA",
            "ALL:-kRSA:kRSA",
            "ALL:!kRSA:kRSA",
            "aNULL",
            "ADH:AECDH",
            "aNULL:-aNULL:eNULL",
            "SSLv3",
            "TLSv1",
            "TLSv1.0",
            "TLSv1.2",
            "TLSv1.3",
            "TLSv1.2:!aNULL:!eNULL",
            "SSLv3:TLSv1:@STRENGTH",
            "SHA256:SHA384",
            "SHA:SHA1",
            "MD5",
            "AES128-SHA",
            "AES128-SHA:AES128-SHA",
            "AES128-SHA+AES",
            "AES+AES128-SHA",
            "HIGH+AES128-SHA",
            "ECDHE-RSA-AES128-GCM-SHA256+AES",
            "EDH-RSA-DES-CBC3-SHA",
            "EDH-DSS-DES-CBC3-SHA",
            "HIGH+FIPS",
            "FIPS",
            "FIPS:!aNULL",
            "FIPS+kRSA",
            "HIGH+MEDIUM",
            "AES+CAMELLIA",
            "kRSA+aRSA",
            "kRSA+aECDSA",
            "TLSv1+TLSv1.2",
            "TLSv1.2+AES128-SHA",
            "COMPLEMENTOFDEFAULT+HIGH",
            "HIGH+COMPLEMENTOFDEFAULT",
            "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
            "TLS_AES_128_GCM_SHA256",
            "ALL",
            "HIGH",
            "",
            " ",
            ":",
            ":::",
            "ALL:",
            ":ALL",
            "ALL,!aNULL",
            "ALL;!aNULL",
            "ALL !aNULL",
            "ALL, !aNULL",
            "ALL:!aNUL",
            "HIGH:!aNULL:!MD5:!RC4:!3DES",
            "ALL!aNULL",
            "ALL-aNULL",
            "ALL+",
            "+ALL",
            "-ALL",
            "!ALL",
            "!ALL:HIGH",
            "ALL:!",
            "ALL:-",
            "ALL:+",
            "ALL:@",
            "@STRENGTH",
            "ALL:@STRENGTH",
            "ALL:@strength",
            "ALL:@SECLEVEL=0",
            "ALL:@SECLEVEL=5",
            "ALL:@SECLEVEL=6",
            "ALL:@SECLEVEL=9",
            "ALL:@SECLEVEL=",
            "ALL:@SECLEVEL=10",
            "ALL:@SECLEVEL=a",
            "ALL:@FOO",
            "ALL:@STRENGTH+HIGH",
            "@SECLEVEL=1:ALL",
            "ALL$",
            "ALL:!a$NULL",
            "FOO+$:ALL",
            "ALL:FOO+$",
            "ALL:(HIGH)",
            "ALL:\"HIGH\"",
            "all",
            "high",
            "Default",
            "DEFAULTS",
            "DEFAULT:",
            "DEFAULT::",
            "DEFAULT+HIGH",
            "DEFAULT:DEFAULT",
            "HIGH:DEFAULT",
            "DEFAULT:+kRSA",
            "DEFAULT:-AES",
            "DEFAULT:!AES",
            "FOO",
            "FOO:BAR",
            "FOO:HIGH",
            "HIGH:FOO+BAR",
            "RC4+RSA",
            "RC4-MD5:RC4-SHA",
            "DES-CBC3-SHA",
            "DES-CBC3-SHA:AES128-SHA",
            "IDEA:SEED:RC2",
            "GOST:aGOST:kGOST",
            "kECDH:aECDH",
            "kDHE+aNULL",
            "DHE+aNULL",
            "DHE:ADH",
            "EDH+aRSA",
            "kEDH:!ADH",
            "ECDHE:!ECDSA",
            "ECDSA:DSS",
            "aDSS+SHA256",
            "AES256:AES128",
            "AES128:AES256:@STRENGTH",
            "AESGCM+kRSA:AESGCM",
            "CBC",
            "CBC:!SHA1",
            "ALL:!CBC:!SHA1",
            "AES:-AESGCM:+AESGCM",
            "ARIA128:ARIA256:ARIAGCM",
            "CAMELLIA128+SHA256",
            "ECDHE-ECDSA-AES256-GCM-SHA384:ECDHE-RSA-AES256-GCM-SHA384:ECDHE-ECDSA-AES128-GCM-SHA256",
            "ECDHE-RSA-AES128-SHA:@STRENGTH",
            "AES128-SHA:AES256-SHA:@STRENGTH",
            "ALL:+AES128:@STRENGTH",
            "ALL:+CHACHA20:+AESGCM",
            "ALL:-AESGCM:AESGCM",
            // Found in public Dovecot, nginx and Postfix configurations.
            "ALL:!kRSA:!SRP:!kDHd:!DSS:!aNULL:!eNULL:!EXPORT:!DES:!3DES:!MD5:!PSK:!RC4:!ADH",
            "ALL:!kRSA:!SRP:!kDHd:!DSS:!aNULL:!eNULL:!EXPORT:!DES:!3DES:!MD5:!PSK:!RC4:!ADH:!",
            "DEFAULT:!EXPORT:!LOW:!MEDIUM:!MD5",
            "ECDHE-RSA-AES128-GCM-SHA256:ECDHE-RSA-AES256-GCM-SHA384",
            "ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-GCM-SHA256",
            "TLS_AES_128_GCM_SHA256:TLS_AES_256_GCM_SHA384:ECDHE-RSA-AES128-GCM-SHA256:ECDHE-RSA-AES256-GCM-SHA384",
            "ECDHE-RSA-AES128-GCM-SHA256:ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-RSA-AES256-GCM-SHA384:ECDHE-ECDSA-AES256-GCM-SHA384:DHE-RSA-AES128-GCM-SHA256",
        };

        /// <summary>
        /// Strings where OpenSSL 3.0 and 3.5 read differently, found by running both binaries: CCM8 suites moved from HIGH
        /// to MEDIUM with 64 strength bits (3.2), IANA names and '_' in names (3.2), and the TLSRef 6.0 strings.
        /// </summary>
        public static readonly string[] AcrossVersions =
        {
            // TLSRef 6.0 intermediate, as OpenSSL names and as IANA names (the guideline publishes both).
            "ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-GCM-SHA256:ECDHE-ECDSA-AES256-GCM-SHA384:ECDHE-RSA-AES256-GCM-SHA384:ECDHE-ECDSA-CHACHA20-POLY1305:ECDHE-RSA-CHACHA20-POLY1305",
            "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256:TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256:TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384:TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384:TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256:TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256",
            // CCM8: HIGH on 3.0, MEDIUM (and 64 strength bits) from 3.2.
            "MEDIUM",
            "MEDIUM:!PSK",
            "MEDIUM:@STRENGTH",
            "MEDIUM+AES256",
            "HIGH:MEDIUM",
            "HIGH:MEDIUM:@STRENGTH",
            "MEDIUM:HIGH",
            "ALL:!MEDIUM",
            "ALL:-MEDIUM:MEDIUM",
            "ALL:+MEDIUM",
            "DEFAULT:MEDIUM",
            "HIGH:!MEDIUM",
            "AESCCM8:@STRENGTH",
            "AESCCM:AESCCM8:@STRENGTH",
            "AESCCM:+AESCCM8",
            "AESCCM8+HIGH",
            "AESCCM8+MEDIUM",
            "ECDHE-ECDSA-AES128-CCM8:ECDHE-ECDSA-AES256-GCM-SHA384:@STRENGTH",
            "ECDHE-ECDSA-AES256-CCM8:ECDHE-ECDSA-AES128-CCM8:ECDHE-ECDSA-AES128-CCM",
            "ECDHE-ECDSA-AES256-CCM8+MEDIUM",
            "AES256:@STRENGTH",
            "ALL:COMPLEMENTOFALL:-AESCCM8:AESCCM8",
            "aNULL:-aNULL:HIGH:MEDIUM:+RC4:@STRENGTH:!aNULL",
            "HIGH:!aNULL:!MD5:!CCM8",
            "kECDHE+MEDIUM:kDHE+MEDIUM",
            // IANA names and '_': unknown (3.0), or a suite (3.2+).
            "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
            "HIGH:!TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
            "HIGH:-TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
            "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256+AES",
            "AES+TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
            "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256+kRSA",
            "TLS_RSA_WITH_AES_128_CBC_SHA:TLS_RSA_WITH_AES_256_CBC_SHA",
            "ALL:!TLS_RSA_WITH_AES_128_CBC_SHA",
            "-TLS_RSA_WITH_AES_128_CBC_SHA:ALL",
            "TLS_DH_anon_WITH_AES_128_GCM_SHA256:!aNULL",
            "TLS_PSK_DHE_WITH_AES_128_CCM_8",
            "TLS_DHE_PSK_WITH_AES_128_CCM_8",
            "TLS_ECDHE_ECDSA_WITH_AES_128_CCM_8:@STRENGTH:HIGH",
            "TLS_AES_128_GCM_SHA256:ECDHE-RSA-AES128-GCM-SHA256",
            "TLS_AES_128_GCM_SHA256",
            "TLS_SHA256_SHA256:HIGH",
            "tls_ecdhe_rsa_with_aes_128_gcm_sha256",
            "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256:ECDHE-RSA-AES128-GCM-SHA256",
            "ECDHE-RSA-AES128-GCM-SHA256:TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256:@STRENGTH",
            "FOO_BAR:HIGH",
            "HIGH:FOO_BAR",
            "A_B",
            "_",
            "HIGH:_",
            "_:HIGH",
            "HIGH:!_aNULL",
            "HIGH:!a_NULL",
            "HIGH_:ALL",
            "DEFAULT_SUITE_B",
            "DEFAULT_X:HIGH",
            "DEFAULT__",
            "SUITEB128_",
            "SUITEB128ONLY_X:HIGH",
            "@SECLEVEL=0_",
            "ALL:@SECLEVEL_2",
            "HIGH:!TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256$",
        };

        /// <summary>Postfix grade settings seen in public main.cf files, expanded the way Postfix hands them to OpenSSL.</summary>
        public static IEnumerable<string> PostfixSettings()
        {
            var seen = new[]
            {
                ("high", "aNULL, RC4, MD5, DES"),
                ("high", "aNULL, MD5, RC4, 3DES"),
                ("high", "aNULL, eNULL, EXPORT, DES, RC4, MD5, PSK, aECDH, EDH-DSS-DES-CBC3-SHA, EDH-RSA-DES-CBC3-SHA, KRB5-DES-CBC3-SHA"),
                ("high", "aNULL,DES,3DES,MD5,DES+MD5,RC4"),
                ("high", "aNULL, MD5, DES, 3DES, RC4, eNULL"),
                ("medium", "RC4, aNULL"),
                ("medium", ""),
                ("low", "aNULL"),
                ("export", ""),
                ("null", ""),
            };
            foreach (var (grade, exclusions) in seen)
                yield return MailDsl.Daemons.Postfix.PostfixCipherGrades.Expand(grade, new[] { exclusions })!;
        }

        private static readonly string[] GenNames =
        {
            "ALL", "HIGH", "MEDIUM", "LOW", "aNULL", "eNULL", "NULL", "kRSA", "RSA", "aRSA", "DHE", "EDH", "kDHE", "ECDHE",
            "EECDH", "kECDHE", "ECDSA", "aECDSA", "DSS", "PSK", "SRP", "ADH", "AECDH", "AES", "AES128", "AES256", "AESGCM",
            "AESCCM", "AESCCM8", "CHACHA20", "CAMELLIA", "ARIA", "3DES", "RC4", "MD5", "SHA1", "SHA", "SHA256", "SHA384",
            "TLSv1", "TLSv1.2", "SSLv3", "CBC", "FIPS", "COMPLEMENTOFDEFAULT", "COMPLEMENTOFALL", "EXP", "aNUL", "SSLv2",
            "kEDH", "aDSS", "kPSK", "ECDH", "DH", "SEED", "IDEA",
        };

        /// <summary>Random strings from aliases, suite names (OpenSSL's and IANA's), prefixes and combinations; seed fixed so failures reproduce.</summary>
        public static IEnumerable<string> Generated(int count = 300, int seed = 20261125)
        {
            var rnd = new Random(seed);
            var suites = CipherCatalog.OpenSsl35.Suites.Select(s => s.Name).ToArray();
            var iana = CipherCatalog.OpenSsl35.Suites.Select(s => s.IanaName).ToArray();
            string Name() => rnd.Next(12) switch
            {
                0 or 1 or 2 => suites[rnd.Next(suites.Length)],
                3 => iana[rnd.Next(iana.Length)],
                _ => GenNames[rnd.Next(GenNames.Length)],
            };
            for (var i = 0; i < count; i++)
            {
                var tokens = new List<string>();
                var n = 1 + rnd.Next(6);
                if (rnd.Next(8) == 0) tokens.Add("DEFAULT");
                for (var t = 0; t < n; t++)
                {
                    var roll = rnd.Next(20);
                    if (roll == 0) { tokens.Add("@STRENGTH"); continue; }
                    if (roll == 1) { tokens.Add("@SECLEVEL=" + rnd.Next(7)); continue; }
                    var prefix = rnd.Next(10) switch { 0 or 1 => "!", 2 => "-", 3 => "+", _ => "" };
                    var name = Name();
                    if (rnd.Next(4) == 0) name += "+" + Name();
                    if (rnd.Next(15) == 0) name += "+" + Name();
                    tokens.Add(prefix + name);
                }
                var sep = rnd.Next(10) switch { 0 => " ", 1 => ",", 2 => ";", _ => ":" };
                yield return string.Join(sep, tokens);
            }
        }

        /// <summary>Every alias and suite name alone (OpenSSL's and IANA's), and every alias excluded from ALL: checks each catalogue entry.</summary>
        public static IEnumerable<string> CatalogueEntries()
            => CipherCatalog.Aliases.Select(a => a.Name)
                .Concat(CipherCatalog.Aliases.Select(a => "ALL:COMPLEMENTOFALL:!" + a.Name))
                .Concat(CipherCatalog.OpenSsl35.Suites.Select(s => s.Name))
                .Concat(CipherCatalog.OpenSsl35.Suites.Select(s => s.IanaName))
                .Concat(CipherCatalog.RetiredNames.Keys);

        /// <summary>
        /// Security levels and strength sorting where they change what a server offers (<c>openssl ciphers -s</c>): each level
        /// on everything, a level leading the string as users type it (<c>@SECLEVEL=3:HIGH</c>, which a shell or a command-line
        /// parser must not take for a file), the last level winning, levels that leave only TLS 1.3, forward-secret PSK
        /// exchanges at level 3, SHA-1 MACs at 4, and CCM8 (64 bits from OpenSSL 3.2).
        /// </summary>
        public static IEnumerable<string> SecurityLevelStrings()
        {
            for (var level = 0; level <= 5; level++)
            {
                yield return $"ALL:COMPLEMENTOFALL:@SECLEVEL={level}";
                yield return $"@SECLEVEL={level}:HIGH";
                yield return $"@SECLEVEL={level}:@STRENGTH:ALL";
                yield return $"HIGH:MEDIUM:@STRENGTH:@SECLEVEL={level}";
            }
            yield return "@SECLEVEL=3:HIGH:!aNULL";
            yield return "@SECLEVEL=3:HIGH:@SECLEVEL=1";
            yield return "@SECLEVEL=1:HIGH:@SECLEVEL=4";
            yield return "@SECLEVEL=3:kRSA";
            yield return "@SECLEVEL=5:AES128";
            yield return "@SECLEVEL=4:ECDHE+SHA1:ECDHE+SHA256";
            yield return "@SECLEVEL=3:DHEPSK:ECDHEPSK:PSK:RSAPSK";
            yield return "@SECLEVEL=3:SRP:aNULL";
            yield return "@SECLEVEL=1:AESCCM8:AESCCM";
            yield return "@SECLEVEL=0:aNULL:eNULL";
            yield return "@STRENGTH:@SECLEVEL=2:AES";
            yield return "@SECLEVEL=2:@SECLEVEL=3";
            yield return "@SECLEVEL=3";
            yield return "DEFAULT:@SECLEVEL=3";
            yield return "aNULL:-aNULL:HIGH:@STRENGTH:@SECLEVEL=3";
        }

        /// <summary>Every corpus string, deduplicated.</summary>
        public static IEnumerable<string> Strings()
            => RealWorld.Concat(AcrossVersions).Concat(PostfixSettings()).Concat(SecurityLevelStrings()).Concat(Generated()).Concat(CatalogueEntries())
                .Distinct(StringComparer.Ordinal);

        /// <summary>Every corpus string, for MemberData.</summary>
        public static IEnumerable<object[]> All() => Strings().Select(s => new object[] { s });
    }
}
