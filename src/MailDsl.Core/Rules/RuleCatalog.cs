using System.Collections.Generic;

namespace MailDsl.Rules
{
    /// <summary>
    /// Every diagnostic MailDsl reports, in one place. IDs come from
    /// <c>generators/MailDsl.Generators/AnalyzerReleases.Shipped.md</c> and are never reused.
    /// MAIL1xxx: TLS (ciphers, protocols, certificates). MAIL2xxx: authentication and listeners.
    /// MAIL3xxx: values the target files cannot hold. MAIL4xxx: daemon-specific mistakes.
    /// MAIL9xxx: evaluating the DSL itself.
    /// </summary>
    public static class RuleCatalog
    {
        /// <summary>MAIL1001: a cipher string enables broken cryptography.</summary>
        public static readonly RuleDescriptor BrokenCipher = new("MAIL1001", "Cipher string enables broken cryptography", Severity.Error, "Tls",
            "The cipher string selects suites with no encryption, no authentication, export-grade keys, RC4, DES, 3DES or MD5. Any client that offers them can be downgraded and read.");

        /// <summary>MAIL1002: a cipher string enables suites outside the chosen guideline profile.</summary>
        public static readonly RuleDescriptor CipherOutsideProfile = new("MAIL1002", "Cipher string enables suites outside the TLS profile", Severity.Warning, "Tls",
            "The cipher string selects suites the chosen guideline profile (TLSRef 6.0 unless pinned) leaves out: no forward secrecy, CBC mode or SHA-1 MACs. A TLS scanner will flag them.");

        /// <summary>MAIL1003: a cipher string names something OpenSSL does not know (and silently ignores).</summary>
        public static readonly RuleDescriptor UnknownCipherName = new("MAIL1003", "Cipher string names something OpenSSL does not know", Severity.Warning, "Tls",
            "OpenSSL silently ignores names it does not know, so a misspelled exclusion such as !aNUL excludes nothing.");

        /// <summary>MAIL1004: OpenSSL refuses the cipher string (it selects nothing).</summary>
        public static readonly RuleDescriptor InvalidCipherString = new("MAIL1004", "OpenSSL refuses the cipher string", Severity.Error, "Tls",
            "OpenSSL rejects the string or it selects no suite at all; the daemon will not start or will offer no TLS 1.2 suite.");

        /// <summary>MAIL1005: a profile the chosen guideline does not have (old in TLSRef 6.0).</summary>
        public static readonly RuleDescriptor ProfileNotInGuideline = new("MAIL1005", "Profile not in the chosen TLS guideline", Severity.Error, "Tls",
            "TLSRef guideline 6.0 has modern and intermediate profiles only; the old one is gone. Choose intermediate, or pin Mozilla's guideline 5.7 for old.");

        /// <summary>MAIL1006: a key-exchange group the target's OpenSSL refuses.</summary>
        public static readonly RuleDescriptor UnknownGroup = new("MAIL1006", "Key-exchange group the target's OpenSSL refuses", Severity.Error, "Tls",
            "OpenSSL refuses a whole group list when it does not know one name (e.g. X25519MLKEM768 before OpenSSL 3.5), or, on 3.0 and 3.2, when it names one group twice; nginx and Dovecot then do not start.");

        /// <summary>MAIL1007: a key-exchange group list without P-256.</summary>
        public static readonly RuleDescriptor GroupsWithoutP256 = new("MAIL1007", "Key-exchange groups leave out P-256", Severity.Warning, "Tls",
            "P-256 (secp256r1, prime256v1) is the one group every TLS client implements; a list without it loses the clients that offer nothing else.");

        /// <summary>MAIL1008: a key-exchange group list that leaves a protocol's key exchange without a group.</summary>
        public static readonly RuleDescriptor GroupsLeaveKeyExchange = new("MAIL1008", "Key-exchange groups leave a protocol without a key exchange", Severity.Error, "Tls",
            "Every TLS 1.2 suite the cipher string allows is ECDHE and no group in the list is an elliptic curve TLS 1.2 can use, or TLS 1.3 is on and no group serves it: every client of that protocol fails the handshake.");

        /// <summary>MAIL1009: a cipher string lowers OpenSSL's security level below the profile's.</summary>
        public static readonly RuleDescriptor SecurityLevelLowered = new("MAIL1009", "Cipher string lowers OpenSSL's security level", Severity.Warning, "Tls",
            "@SECLEVEL=0 or 1 in a cipher string lets OpenSSL accept short keys, SHA-1 signatures, old protocol versions and, at 0, anonymous and unencrypted suites, below what the profile works at.");

        /// <summary>MAIL1010: an obsolete protocol (SSLv2, SSLv3) is enabled.</summary>
        public static readonly RuleDescriptor ObsoleteProtocol = new("MAIL1010", "Obsolete SSL protocol enabled", Severity.Error, "Tls",
            "SSLv2 and SSLv3 are broken (DROWN, POODLE) and removed from current OpenSSL.");

        /// <summary>MAIL1011: a deprecated protocol (TLS 1.0, 1.1) is enabled.</summary>
        public static readonly RuleDescriptor DeprecatedProtocol = new("MAIL1011", "Deprecated TLS protocol enabled", Severity.Warning, "Tls",
            "TLS 1.0 and 1.1 are deprecated by RFC 8996 and outside every TLSRef 6.0 profile.");

        /// <summary>MAIL1012: a later token adds back broken suites an earlier '-' excludes.</summary>
        public static readonly RuleDescriptor ExclusionUndone = new("MAIL1012", "Cipher string adds back suites a '-' excludes", Severity.Warning, "Tls",
            "'-' removes only what is selected at that point, so a later token that matches the suites adds them back (-aNULL:HIGH lets the anonymous HIGH suites in); '!' removes them for good.");

        /// <summary>MAIL1020: a service has TLS listeners but no certificate is described.</summary>
        public static readonly RuleDescriptor MissingCertificate = new("MAIL1020", "No certificate for TLS services", Severity.Error, "Tls",
            "A TLS listener needs a certificate and key; describe them with Certificate(certFile, keyFile).");

        /// <summary>MAIL1030: the MX requires TLS on port 25.</summary>
        public static readonly RuleDescriptor RequiredTlsOnPublicMx = new("MAIL1030", "The MX requires TLS from the Internet", Severity.Warning, "Tls",
            "Port 25 is where every sender delivers; requiring STARTTLS there bounces mail from senders without TLS (RFC 3207). TLS on the MX is opportunistic; submission, IMAPS and webmail require it.");

        /// <summary>MAIL2001: plaintext authentication on a listener without TLS.</summary>
        public static readonly RuleDescriptor PlaintextAuthWithoutTls = new("MAIL2001", "Plaintext login on a listener without TLS", Severity.Error, "Authentication",
            "Passwords sent on a listener without TLS cross the network in the clear.");

        /// <summary>MAIL2002: two listeners on one port of one host.</summary>
        public static readonly RuleDescriptor PortClash = new("MAIL2002", "Two listeners on one port", Severity.Error, "Listeners",
            "Two services on the same host cannot bind the same port; the second daemon fails to start.");

        /// <summary>MAIL2003: a port outside 1..65535.</summary>
        public static readonly RuleDescriptor InvalidPort = new("MAIL2003", "Port out of range", Severity.Error, "Listeners",
            "A TCP port is a number from 1 to 65535.");

        /// <summary>MAIL3001: a value the target file's syntax cannot hold safely.</summary>
        public static readonly RuleDescriptor UnsafeValue = new("MAIL3001", "Value cannot be written safely into the target file", Severity.Error, "Syntax",
            "The value contains a character (newline, ';', quote, brace, space) that the daemon's configuration syntax would read as the end of the value or a new directive.");

        /// <summary>MAIL3002: a path that is not absolute.</summary>
        public static readonly RuleDescriptor RelativePath = new("MAIL3002", "Path is not absolute", Severity.Error, "Syntax",
            "Daemons resolve relative paths against their own working directory; write an absolute path.");

        /// <summary>MAIL3003: a host name that is not a valid DNS name.</summary>
        public static readonly RuleDescriptor InvalidHostName = new("MAIL3003", "Not a valid host name", Severity.Error, "Syntax",
            "Host names are DNS names: labels of letters, digits and hyphens separated by dots.");

        /// <summary>MAIL3004: a path with '.' or '..' segments, doubled slashes or a trailing slash.</summary>
        public static readonly RuleDescriptor UnnormalizedPath = new("MAIL3004", "Path is not in normal form", Severity.Error, "Syntax",
            "A path with '.' or '..' segments or doubled slashes does not say plainly which file it names; '../../etc/shadow' under a certificate directory is /etc/shadow. Write the path without them.");

        /// <summary>MAIL3005: a listen address that is not one IPv4 or IPv6 address.</summary>
        public static readonly RuleDescriptor InvalidListenAddress = new("MAIL3005", "Not a listen address", Severity.Error, "Syntax",
            "A daemon binds one IP address: a dotted IPv4 address or an IPv6 address, without a port, zone, brackets or list. A name, a list or an option would make a daemon bind every address, or fail.");

        /// <summary>MAIL4001: the same daemon setting written twice (the last one silently wins).</summary>
        public static readonly RuleDescriptor DuplicateSetting = new("MAIL4001", "Setting written twice", Severity.Warning, "Configuration",
            "The daemon keeps only the last value; the first one is dead and misleads whoever reads the file.");

        /// <summary>MAIL4002: an nginx location that looks like a regular expression but is a prefix match.</summary>
        public static readonly RuleDescriptor NginxRegexWithoutTilde = new("MAIL4002", "nginx location is a literal prefix, not a regex", Severity.Warning, "Nginx",
            "Without ~ or ~*, nginx compares the location as a literal prefix: ^, $, ( and [ never match a request.");

        /// <summary>MAIL4003: a raw Postfix or Dovecot setting that turns a TLS protection off.</summary>
        public static readonly RuleDescriptor WeakenedTlsOption = new("MAIL4003", "TLS protection disabled", Severity.Warning, "Configuration",
            "The raw setting turns a TLS protection off or lets passwords and mail travel without TLS (e.g. smtpd_tls_auth_only = no, Dovecot ssl = yes instead of required, protocols below TLS 1.2).");

        /// <summary>MAIL4004: a raw nginx location directive that includes, reads or serves files outside the site.</summary>
        public static readonly RuleDescriptor NginxLocationReach = new("MAIL4004", "nginx location reaches outside the site", Severity.Error, "Nginx",
            "A raw location may not include files, name or write files on the host, or serve a directory other than SOGo's resources: nginx reads them as root and serves them to anyone.");

        /// <summary>MAIL4005: a version override that is not a version MailDsl renders for.</summary>
        public static readonly RuleDescriptor UnknownVersion = new("MAIL4005", "Unknown daemon version", Severity.Error, "Configuration",
            "A version override must be a version (major.minor[.patch]) of a release MailDsl renders for; otherwise the files would be written for another version's syntax.");
        /// <summary>MAIL4010: a raw setting the target's daemon version does not know (Postfix ignores it, doveconf refuses the file).</summary>
        public static readonly RuleDescriptor UnknownSetting = new("MAIL4010", "Setting unknown to the target's daemon version", Severity.Error, "Configuration",
            "The raw setting's name is not one the target's version of the daemon takes, according to its settings catalogue (generated from postconf -d and doveconf -d): Postfix ignores it as an unused parameter, doveconf refuses the whole file.");

        /// <summary>MAIL4011: a raw setting under an old name the daemon still reads for compatibility.</summary>
        public static readonly RuleDescriptor RenamedSetting = new("MAIL4011", "Setting has a new name", Severity.Warning, "Configuration",
            "The daemon still reads the old name for compatibility, as the new setting; write the new name before a version drops the old one.");

        /// <summary>MAIL4012: a raw setting the daemon calls deprecated, obsolete or ignored.</summary>
        public static readonly RuleDescriptor ObsoleteSetting = new("MAIL4012", "Setting is deprecated, obsolete or ignored", Severity.Warning, "Configuration",
            "The target's version of the daemon still takes the setting, but warns that it will be removed, calls it obsolete, or ignores its value (postconf's deprecation warnings, postconf(5), doveconf's Obsolete setting).");

        /// <summary>MAIL4013: a raw setting with no effect where it is written (smtpd_tls_mandatory_* under security level may).</summary>
        public static readonly RuleDescriptor IneffectiveSetting = new("MAIL4013", "Setting has no effect", Severity.Warning, "Postfix",
            "Postfix applies the *_tls_mandatory_* settings only to mandatory TLS (security level encrypt or stronger); under may they change nothing and mislead whoever reads the file.");

        /// <summary>MAIL4014: a directive in a raw nginx location that the target's nginx does not have.</summary>
        public static readonly RuleDescriptor NginxUnknownDirective = new("MAIL4014", "Unknown nginx directive", Severity.Error, "Nginx",
            "The target's nginx has no such directive (a typo, or a module its build leaves out); nginx -t fails with 'unknown directive' and nginx does not start.");

        /// <summary>MAIL4015: a directive nginx does not allow inside a location.</summary>
        public static readonly RuleDescriptor NginxDirectiveNotAllowed = new("MAIL4015", "nginx directive not allowed in a location", Severity.Error, "Nginx",
            "nginx knows the directive, but not inside a location block; nginx -t fails with 'directive is not allowed here' and nginx does not start.");

        /// <summary>MAIL4016: a raw setting under a name the target's version renamed or replaced and no longer reads.</summary>
        public static readonly RuleDescriptor RefusedOldSetting = new("MAIL4016", "Setting renamed or replaced in the target's version", Severity.Error, "Configuration",
            "The target's version renamed or replaced the setting and refuses the old name (Dovecot 2.4 renamed most of 2.3's: ssl_cert is ssl_server_cert_file); the daemon does not start until the new name is written.");

        /// <summary>MAIL9001: a DSL argument that is not a compile-time constant.</summary>
        public static readonly RuleDescriptor NotConstant = new("MAIL9001", "Value is not a compile-time constant", Severity.Warning, "Evaluation",
            "The generator can only check values it can evaluate at compile time; this one is checked again at run time, before anything is written.");

        /// <summary>MAIL9002: the DSL could not be evaluated (an unsupported construct or an exception in the builder).</summary>
        public static readonly RuleDescriptor EvaluationFailed = new("MAIL9002", "Platform description could not be evaluated", Severity.Error, "Evaluation",
            "The generator could not evaluate this part of the description; nothing is generated for the platform.");

        /// <summary>Every descriptor, ordered by ID.</summary>
        public static IReadOnlyList<RuleDescriptor> All { get; } = new[]
        {
            BrokenCipher, CipherOutsideProfile, UnknownCipherName, InvalidCipherString, ProfileNotInGuideline, UnknownGroup,
            GroupsWithoutP256, GroupsLeaveKeyExchange, SecurityLevelLowered, ObsoleteProtocol, DeprecatedProtocol, ExclusionUndone,
            MissingCertificate, RequiredTlsOnPublicMx, PlaintextAuthWithoutTls, PortClash, InvalidPort, UnsafeValue, RelativePath, InvalidHostName,
            UnnormalizedPath, InvalidListenAddress, DuplicateSetting, NginxRegexWithoutTilde, WeakenedTlsOption, NginxLocationReach, UnknownVersion,
            UnknownSetting, RenamedSetting, ObsoleteSetting, IneffectiveSetting, NginxUnknownDirective, NginxDirectiveNotAllowed, RefusedOldSetting,
            NotConstant, EvaluationFailed,
        };
    }
}
