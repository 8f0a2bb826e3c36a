using System.Collections.Generic;

namespace MailDsl.Rules
{
    /// <summary>
    /// Every diagnostic MailDsl reports, in one place. IDs come from
    /// <c>generators/MailDsl.Generators/AnalyzerReleases.Shipped.md</c> and are never reused.
    /// MAIL1xxx: TLS (ciphers, protocols, certificates). MAIL2xxx: authentication and listeners.
    /// MAIL3xxx: values the target files cannot hold. MAIL4xxx: daemon-specific mistakes.
    /// MAIL5xxx: the directory, databases, mail storage and secrets. MAIL6xxx: certificates' lives and the DNS side of
    /// mail TLS (DANE, MTA-STS). MAIL7xxx: load balancers (balancers, VIPs and the PROXY protocol). MAIL9xxx: evaluating
    /// the DSL itself.
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

        /// <summary>MAIL1031: a SOGo server URL without TLS.</summary>
        public static readonly RuleDescriptor SogoUrlWithoutTls = new("MAIL1031", "SOGo server URL without TLS", Severity.Error, "Tls",
            "SOGo logs in to IMAP, SMTP and ManageSieve with each user's own password; a URL without TLS (imap://host:143 without ?tls=YES, smtp://host:587) sends it in the clear.");

        /// <summary>MAIL1032: tlsVerifyMode=none in a SOGo server URL.</summary>
        public static readonly RuleDescriptor SogoTlsVerifyNone = new("MAIL1032", "SOGo does not verify the server's certificate", Severity.Error, "Tls",
            "tlsVerifyMode=none makes SOGo accept any certificate, so whoever answers in the server's place gets every user's password and mail.");

        /// <summary>MAIL1033: tlsVerifyMode=allowInsecureLocalhost in a SOGo URL to a host that is not local by name.</summary>
        public static readonly RuleDescriptor SogoAllowInsecureLocalhost = new("MAIL1033", "SOGo verification left to name resolution", Severity.Warning, "Tls",
            "tlsVerifyMode=allowInsecureLocalhost stops SOGo verifying whenever the name resolves to a loopback address: on a name that is not localhost, /etc/hosts or DNS decides whether the certificate is checked.");

        /// <summary>MAIL1034: a hop between layers that encrypts without verifying the next layer's certificate.</summary>
        public static readonly RuleDescriptor UnverifiedHop = new("MAIL1034", "Mail between layers without certificate verification", Severity.Error, "Tls",
            "Mail between the platform's layers goes through a transport that requires TLS and verifies the next layer's certificate against the platform's CA and the name dialled; a raw setting that takes it off that transport lets whoever answers in the next layer's place receive the mail.");

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

        /// <summary>MAIL3006: a distinguished name that RFC 4514 does not read as one.</summary>
        public static readonly RuleDescriptor InvalidDistinguishedName = new("MAIL3006", "Not a distinguished name", Severity.Error, "Syntax",
            "A base or bind DN is comma-separated type=value pairs (RFC 4514), with \\ \" + , ; < > escaped inside a value. MailDsl writes it re-escaped into every file, so it must first read as one DN.");

        /// <summary>MAIL3007: an alias or alias target that is not one mail address.</summary>
        public static readonly RuleDescriptor InvalidMailAddress = new("MAIL3007", "Not a mail address", Severity.Error, "Syntax",
            "An alias and each of its targets is one address local@domain: Postfix's alias table separates targets with commas and spaces, so anything more would add entries.");

        /// <summary>MAIL4001: the same daemon setting written twice (the last one silently wins).</summary>
        public static readonly RuleDescriptor DuplicateSetting = new("MAIL4001", "Setting written twice", Severity.Warning, "Configuration",
            "The daemon keeps only the last value; the first one is dead and misleads whoever reads the file.");

        /// <summary>MAIL4002: an nginx location that looks like a regular expression but is a prefix match.</summary>
        public static readonly RuleDescriptor NginxRegexWithoutTilde = new("MAIL4002", "nginx location is a literal prefix, not a regex", Severity.Error, "Nginx",
            "Without ~ or ~*, nginx compares the location as a literal prefix: ^, $, ( and [ never match a request, so the block never runs; MailDsl leaves it out of the site.");

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
            "The raw setting's name is not one the target's version of the daemon takes, according to its settings catalogue (generated from postconf -d and doveconf -d, and from the SOGo packages' files): Postfix ignores it as an unused parameter, doveconf refuses the whole file, sogod never reads it.");

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

        /// <summary>MAIL4017: an nginx location nginx refuses beside another (duplicate location), or never reaches after the same regex.</summary>
        public static readonly RuleDescriptor DuplicateNginxLocation = new("MAIL4017", "nginx location duplicates another", Severity.Error, "Nginx",
            "nginx refuses two exact locations or two prefix locations (plain or ^~) of the same path ('duplicate location'), MailDsl's own included, and never reaches a regex location written after the same regular expression.");

        /// <summary>MAIL4018: an nginx location no request can reach (its path does not start with '/').</summary>
        public static readonly RuleDescriptor NginxLocationNeverMatches = new("MAIL4018", "nginx location never matches", Severity.Error, "Nginx",
            "nginx compares exact and prefix locations with the request's path, which always starts with '/': a location whose path does not never runs, and MailDsl leaves it out of the site.");

        /// <summary>MAIL4019: a raw value the target's daemon refuses for what it is (a type, an argument count, a regular expression).</summary>
        public static readonly RuleDescriptor RefusedValue = new("MAIL4019", "Value the daemon refuses", Severity.Error, "Configuration",
            "The target's daemon refuses the raw value for what it is, as its own checker would: a Dovecot setting's type, a value postconf checks, an nginx directive's arguments or a location's regular expression. The daemon does not start with it.");

        /// <summary>MAIL4020: a raw value the daemon checks in a way MailDsl does not repeat.</summary>
        public static readonly RuleDescriptor UncheckedValue = new("MAIL4020", "Value MailDsl cannot check", Severity.Warning, "Configuration",
            "The daemon checks this raw value in a way MailDsl does not repeat (against another setting, the host, or a grammar of its own), so MailDsl cannot promise the daemon takes it; install.sh's check of the daemon runs before anything is reloaded.");

        /// <summary>MAIL5001: a directory server dialled without TLS, while passwords cross the connection.</summary>
        public static readonly RuleDescriptor PlaintextDirectory = new("MAIL5001", "Directory server without TLS", Severity.Error, "Directory",
            "Dovecot checks every login by binding to the directory as the user (auth_bind), and every daemon binds with the bind account: without LDAPS or StartTLS, all those passwords cross the network in clear text.");

        /// <summary>MAIL5002: a database dialled without TLS from another host.</summary>
        public static readonly RuleDescriptor PlaintextDatabase = new("MAIL5002", "Database connection without TLS", Severity.Error, "Directory",
            "The database password and every row (sessions, users' password hashes) cross the network in clear text.");

        /// <summary>MAIL5003: TLS to a directory or database server without verifying its certificate.</summary>
        public static readonly RuleDescriptor UnverifiedServer = new("MAIL5003", "Directory or database certificate not verified", Severity.Error, "Directory",
            "TLS without verifying the server's certificate against the platform's CA and the name dialled lets anyone in the path pose as the server and collect every password sent to it.");

        /// <summary>MAIL5004: a secret written into the description itself.</summary>
        public static readonly RuleDescriptor SecretInDescription = new("MAIL5004", "Secret written in the description", Severity.Error, "Directory",
            "A password in the C# source ends up in the repository, the build's generated code and every copy of both. Name where it lives on the hosts instead: Secret.File(path) or Secret.Environment(name).");

        /// <summary>MAIL5005: a secret's file path or variable name install.sh cannot read.</summary>
        public static readonly RuleDescriptor InvalidSecretSource = new("MAIL5005", "Secret source cannot be read on the host", Severity.Error, "Directory",
            "install.sh reads each secret from an absolute file path or an environment variable; a relative path or an invalid variable name reads nothing.");

        /// <summary>MAIL5006: several mailstore hosts, but mail or its indexes on each host's own disk.</summary>
        public static readonly RuleDescriptor MailboxOnOneHost = new("MAIL5006", "A user's mail lives on one mailstore host", Severity.Warning, "Directory",
            "With several mailstore hosts behind one VIP, mail (or Dovecot's index files) on each host's own disk means a user's mail is split between hosts unless every connection and delivery for that user reaches the same host.");

        /// <summary>MAIL5007: SOGo without a user source or without its database.</summary>
        public static readonly RuleDescriptor IncompleteWebmail = new("MAIL5007", "SOGo has no user source or no database", Severity.Warning, "Directory",
            "SOGo logs users in from a user source (the platform's directory) and keeps profiles and sessions in its database; without either it serves a login page and logs no one in.");

        /// <summary>MAIL5008: SOGo's database on MariaDB over the network with a SOGo that cannot use TLS to it.</summary>
        public static readonly RuleDescriptor SogoMariaDbWithoutTls = new("MAIL5008", "SOGo cannot use TLS to MariaDB on this target", Severity.Error, "Directory",
            "SOGo before 5.11 (SOPE's MySQL adaptor) has no TLS to MariaDB at all, so the database password would cross the network in clear text.");

        /// <summary>MAIL5009: an alias outside the platform's mail domains.</summary>
        public static readonly RuleDescriptor AliasOutsideDomains = new("MAIL5009", "Alias outside the platform's mail domains", Severity.Warning, "Directory",
            "The MX refuses mail for domains the platform does not serve, so an alias in another domain never receives anything.");

        /// <summary>MAIL5010: a login name the directory's schema does not have.</summary>
        public static readonly RuleDescriptor LoginNotInSchema = new("MAIL5010", "Login name the directory does not have", Severity.Error, "Directory",
            "The login name must be an attribute or column of the directory; userPrincipalName exists only in Active Directory.");

        /// <summary>MAIL5011: something that needs the user directory, on a platform without one.</summary>
        public static readonly RuleDescriptor NeedsDirectory = new("MAIL5011", "Needs the user directory", Severity.Error, "Directory",
            "Virtual mail storage, ManageSieve and extra mail domains are served through the user directory (LMTP delivery, one virtual mail user); without a directory nothing would use them.");

        /// <summary>MAIL5012: a directory description missing what daemons need to reach it.</summary>
        public static readonly RuleDescriptor IncompleteDirectory = new("MAIL5012", "Directory description incomplete", Severity.Error, "Directory",
            "Daemons need at least one server, where to search (base DN or table) and an account with its password to reach the directory or database.");

        /// <summary>MAIL5013: a secret read from an environment variable install.sh or bash uses itself, or one not in upper case.</summary>
        public static readonly RuleDescriptor ReservedSecretVariable = new("MAIL5013", "Secret variable install.sh or bash uses itself", Severity.Error, "Directory",
            "install.sh reads a secret's environment variable by name; a name it or bash uses itself (lower-case names, MAILDSL_KEEP_BACKUPS, PATH, RANDOM, ...) gives install.sh's or bash's value instead of the environment's.");

        /// <summary>MAIL5020: several mailstore hosts share the storage and each opens any user's mailbox.</summary>
        public static readonly RuleDescriptor NoBackendPerUser = new("MAIL5020", "Mailstore hosts share storage without one backend per user", Severity.Error, "Directory",
            "Dovecot's NFS guide: \"Dovecot does not support accessing the same user simultaneously by different servers. That will result in more or less severe mailbox corruption.\" Users must be assigned to backends, for logins and deliveries alike.");

        /// <summary>MAIL5021: mail_nfs_storage or mail_nfs_index set on the mailstore.</summary>
        public static readonly RuleDescriptor NfsCacheFlush = new("MAIL5021", "mail_nfs_storage or mail_nfs_index set", Severity.Error, "Directory",
            "Dovecot's NFS guide: \"Do not set mail_nfs_index or mail_nfs_storage (keep them as no)\". With one backend per user no second host reads a mailbox; the flushes cost NFS round trips and make concurrent access no safer.");

        /// <summary>MAIL5022: several webmail hosts, each with a SOGo cache of its own.</summary>
        public static readonly RuleDescriptor PerHostCache = new("MAIL5022", "Each webmail host has its own SOGo cache", Severity.Error, "Directory",
            "SOGo keeps failed-login counts, ACLs, user defaults and SSO data in memcached (SOGoCache.m); a cache per host multiplies the brute-force limit by the number of hosts and leaves changes stale on the others.");

        /// <summary>MAIL5023: several webmail hosts, each with SOGo's database on itself.</summary>
        public static readonly RuleDescriptor PerHostDatabase = new("MAIL5023", "Each webmail host has its own SOGo database", Severity.Error, "Directory",
            "SOGo keeps sessions, profiles and preferences in its database; a database per host (localhost) loses the session when the VIP sends the next request to another host.");

        /// <summary>MAIL5024: a delivery path that bypasses the user's backend.</summary>
        public static readonly RuleDescriptor DeliveryBypass = new("MAIL5024", "Delivery bypasses the user's backend", Severity.Error, "Directory",
            "With one backend per user, Postfix delivers through Dovecot's LMTP with lmtp_proxy = yes, which hands each recipient to the user's backend; a raw setting that delivers otherwise writes into a mailbox another host is serving.");
        /// <summary>MAIL7001: a balancer that terminates TLS and forwards the connection in clear text.</summary>
        public static readonly RuleDescriptor BalancerForwardsClearText = new("MAIL7001", "Balancer terminates TLS and forwards in clear text", Severity.Error, "Balancing",
            "Between the balancer and the hosts every password and message would cross the network unencrypted, and Dovecot counts a connection whose PROXY header says TLS as secured whatever the leg behind it.");

        /// <summary>MAIL7002: the PROXY protocol expected where nothing sends it.</summary>
        public static readonly RuleDescriptor ProxyWithoutSender = new("MAIL7002", "PROXY protocol expected where no balancer sends it", Severity.Error, "Balancing",
            "A port that expects the PROXY header waits for it and hangs up on every client that does not send one; Postfix applies a main.cf value to every port of the host, the direct ones included.");

        /// <summary>MAIL7003: the balancers send the PROXY protocol where the backend does not take it from them.</summary>
        public static readonly RuleDescriptor ProxyNotTrusted = new("MAIL7003", "PROXY protocol sent where the backend does not take it", Severity.Error, "Balancing",
            "Dovecot aborts a connection with a PROXY header from an address outside haproxy_trusted_networks, and a described LBaaS that sends PROXY from no named network is let in nowhere.");

        /// <summary>MAIL7004: a trusted-network setting that covers more than the balancers, or a balancer where no balancer belongs.</summary>
        public static readonly RuleDescriptor TrustedNetworkTooWide = new("MAIL7004", "Trusted network wider than the balancers", Severity.Error, "Balancing",
            "A balancer's address in mynetworks makes every client it passes on a trusted relay client; in login_trusted_networks it may claim any client address; a haproxy_trusted_networks wider than the balancers lets any host there claim any client address.");

        /// <summary>MAIL7005: TLS terminated by the balancer for a port where TLS starts with STARTTLS.</summary>
        public static readonly RuleDescriptor StartTlsTerminated = new("MAIL7005", "TLS terminated for a STARTTLS port", Severity.Error, "Balancing",
            "On SMTP, submission, IMAP, POP3 and ManageSieve with STARTTLS the client starts TLS inside the protocol; a balancer that terminates TLS does not speak the protocol and cannot take part, so those ports must be passed through.");

        /// <summary>MAIL7006: a health check that expects another daemon's greeting, or one no server sends.</summary>
        public static readonly RuleDescriptor HealthCheckGreeting = new("MAIL7006", "Health check expects another daemon's greeting", Severity.Error, "Balancing",
            "A health check that never sees what it expects marks every host of the layer down, and the VIP serves nobody.");

        /// <summary>MAIL7007: a balancer idle timeout shorter than IMAP IDLE's silence.</summary>
        public static readonly RuleDescriptor IdleTimeoutTooShort = new("MAIL7007", "Balancer timeout breaks IMAP IDLE", Severity.Warning, "Balancing",
            "IMAP clients in IDLE stay silent for up to 29 minutes (RFC 2177) and servers may not log them out sooner than 30 (RFC 9051); a shorter idle timeout on the balancer cuts every such session.");

        /// <summary>MAIL7008: a VIP in front of a layer with no hosts.</summary>
        public static readonly RuleDescriptor VipWithoutBackend = new("MAIL7008", "VIP with no backend", Severity.Error, "Balancing",
            "The balancers would hold the VIP and accept connections with nowhere to send them.");

        /// <summary>MAIL7009: one listen address for a layer of several hosts.</summary>
        public static readonly RuleDescriptor LayerHostsDisagree = new("MAIL7009", "A layer's hosts cannot all serve its ports", Severity.Error, "Balancing",
            "A layer's listen address is bound by every host of the layer; one address belongs to one host, so the others cannot bind their ports and the balancers send them connections nobody accepts.");

        /// <summary>MAIL7010: one emitted balancer host.</summary>
        public static readonly RuleDescriptor SingleBalancer = new("MAIL7010", "One balancer host: no failover", Severity.Warning, "Balancing",
            "keepalived moves a VIP to another balancer host when its holder fails; with one host, its failure takes every VIP down.");

        /// <summary>MAIL7011: a balancer, VIP or host address that is missing, is not an address, or names no one host (0.0.0.0, ::, a group).</summary>
        public static readonly RuleDescriptor BalancerAddress = new("MAIL7011", "Balancer or VIP address missing or invalid", Severity.Error, "Balancing",
            "keepalived holds each VIP's address, HAProxy binds it, and the backends trust and let in the balancers by their addresses: each must be one host's IP address (not 0.0.0.0, :: or a group; for an LBaaS, a network).");

        /// <summary>MAIL7012: Dovecot behind the PROXY protocol without ssl = required.</summary>
        public static readonly RuleDescriptor ProxiedSslNotRequired = new("MAIL7012", "Dovecot counts the balancer's connections as secured", Severity.Error, "Balancing",
            "Dovecot 2.3 and 2.4 count a connection from a trusted balancer as secured unless ssl = required, so a client on the clear-text leg of a STARTTLS port could log in with its password before TLS.");

        /// <summary>MAIL7013: a listener whose PROXY port would be above 65535.</summary>
        public static readonly RuleDescriptor ProxyPortOutOfRange = new("MAIL7013", "PROXY port out of range", Severity.Error, "Balancing",
            "The balancers feed each listener on its port plus 10000; a port above 55535 has no PROXY port.");

        /// <summary>MAIL7014: a balancer value the daemons refuse or read as something else (idle timeout, VRRP virtual router ids).</summary>
        public static readonly RuleDescriptor BalancerValueOutOfRange = new("MAIL7014", "Balancer value out of range", Severity.Error, "Balancing",
            "HAProxy takes an idle timeout from 1 millisecond to about 24.8 days (0 means none at all), and keepalived a virtual router id from 1 to 255 for each VIP; a value outside fails haproxy -c or keepalived -t at install, or is read as something else.");

        /// <summary>MAIL7015: an emitted balancer host that is also a host of another layer and binds its ports.</summary>
        public static readonly RuleDescriptor BalancerHostServesLayer = new("MAIL7015", "Balancer host also serves a layer's port", Severity.Error, "Balancing",
            "HAProxy binds each VIP's ports on every balancer host; a balancer host that also runs a layer whose daemon binds the same port on every address cannot start both.");

        /// <summary>MAIL7016: emitted balancers with no host.</summary>
        public static readonly RuleDescriptor NoBalancerHost = new("MAIL7016", "Emitted balancers have no host", Severity.Error, "Balancing",
            "Without a balancer host nothing runs HAProxy or keepalived: no VIP is held and every client of every VIP is refused.");

        /// <summary>MAIL7017: HAProxy's statistics page bound on every address or on a VIP.</summary>
        public static readonly RuleDescriptor StatsOnClientAddress = new("MAIL7017", "Statistics page where clients reach", Severity.Error, "Balancing",
            "HAProxy's statistics page and /metrics ask for no password; bound on every address (0.0.0.0, ::) or on a VIP, every client of the VIP reads the platform's hosts, their state and its traffic.");

        /// <summary>MAIL7018: HAProxy's statistics page on an address outside the private ranges.</summary>
        public static readonly RuleDescriptor StatsOnPublicAddress = new("MAIL7018", "Statistics page on a public address", Severity.Warning, "Balancing",
            "HAProxy's statistics page and /metrics ask for no password; an address outside loopback and the private ranges (RFC 1918, RFC 6598, fc00::/7) is likely reachable from outside.");

        /// <summary>MAIL6001: TLSA records pinning the whole certificate of an MX certificate that renews.</summary>
        public static readonly RuleDescriptor PinnedRenewingCertificate = new("MAIL6001", "TLSA pins a certificate that renews", Severity.Error, "Dns",
            "A TLSA record over the whole certificate (3 0 1) stops matching at every renewal; publish 3 1 1 (the public key) and renew keeping the key.");

        /// <summary>MAIL6002: MTA-STS mx patterns (testing mode) leave out an MX.</summary>
        public static readonly RuleDescriptor MtaStsUncoveredMx = new("MAIL6002", "MTA-STS mx patterns leave out an MX", Severity.Warning, "Dns",
            "Every MX the domain publishes must match one of the policy's mx patterns (RFC 8461 section 4.1); in testing mode senders report it as a failure.");

        /// <summary>MAIL6003: an MTA-STS max_age out of range.</summary>
        public static readonly RuleDescriptor MtaStsMaxAge = new("MAIL6003", "MTA-STS max_age out of range", Severity.Error, "Dns",
            "RFC 8461 section 3.2 allows max_age from 0 to 31557600 seconds; senders discard a policy outside it.");

        /// <summary>MAIL6004: an MTA-STS policy in enforce mode leaves out an MX.</summary>
        public static readonly RuleDescriptor MtaStsEnforceUncoveredMx = new("MAIL6004", "MTA-STS policy in enforce mode leaves out an MX", Severity.Error, "Dns",
            "In enforce mode senders refuse every MX the policy's mx patterns do not cover (RFC 8461 sections 4.1 and 5), and mail to it defers.");

        /// <summary>MAIL6005: TLSA records for an MX certificate certbot renews with a new key.</summary>
        public static readonly RuleDescriptor TlsaKeyChangesOnRenewal = new("MAIL6005", "TLSA records broken by a renewal that changes the key", Severity.Warning, "Dns",
            "certbot makes a new key at each renewal unless run with --reuse-key; TLSA 3 1 1 records then stop matching until DNS is updated.");

        /// <summary>MAIL6006: DANE with a resolver that is not on the relay.</summary>
        public static readonly RuleDescriptor DaneResolverNotLocal = new("MAIL6006", "DANE resolver is not on the relay", Severity.Error, "Dns",
            "Postfix trusts its resolver's AD bit (postconf(5), smtp_dns_support_level); a resolver across a network can be spoofed on the way, so the validating resolver must listen on the relay's loopback.");

        /// <summary>MAIL6007: a raw dane security level with no validating resolver on the host.</summary>
        public static readonly RuleDescriptor DaneWithoutResolver = new("MAIL6007", "DANE asked with no validating resolver", Severity.Error, "Dns",
            "smtp_tls_security_level = dane needs DNSSEC-validated answers; without a validating resolver on the host every TLSA lookup is insecure and DANE silently becomes opportunistic TLS.");

        /// <summary>MAIL6008: a raw setting that turns off the DANE the description asks for.</summary>
        public static readonly RuleDescriptor DaneUndone = new("MAIL6008", "Raw setting undoes outbound DANE", Severity.Error, "Dns",
            "DANE needs smtp_dns_support_level = dnssec, DNS host lookups and smtp_tls_security_level = dane (or dane-only); a raw setting changing one of them turns verification off.");

        /// <summary>MAIL6010: an outbound TLS level beside DANE, which replaces it.</summary>
        public static readonly RuleDescriptor OutboundTlsUnderDane = new("MAIL6010", "Outbound TLS level ignored under DANE", Severity.Error, "Dns",
            "Postfix has one smtp_tls_security_level, and .OutboundDane() sets it to dane: a destination without DNSSEC-validated TLSA records then gets may (postconf(5)), so encrypt written beside it is not what Postfix does, nor none.");

        /// <summary>MAIL9001: a DSL argument that is not a compile-time constant.</summary>
        public static readonly RuleDescriptor NotConstant = new("MAIL9001", "Value is not a compile-time constant", Severity.Warning, "Evaluation",
            "The generator can only check values it can evaluate at compile time; this one is checked again at run time, before anything is written.");

        /// <summary>MAIL9002: the DSL could not be evaluated (an unsupported construct or an exception in the builder).</summary>
        public static readonly RuleDescriptor EvaluationFailed = new("MAIL9002", "Platform description could not be evaluated", Severity.Error, "Evaluation",
            "The generator could not evaluate this part of the description; nothing is generated for the platform.");

        /// <summary>
        /// IDs no rule reports any more, each with what reports its mistake now. They are never given to another rule; each
        /// keeps its page under docs/diagnostics, which says it is retired.
        /// </summary>
        public static IReadOnlyList<RetiredRule> Retired { get; } = new[]
        {
            // Never fired alone: the Postfix value grammar refuses every raw lookup table, so MAIL3001 stood at the same
            // argument; MAIL3001 now says what MAIL6009 said about postfix-mta-sts-resolver's socketmap.
            new RetiredRule("MAIL6009", "MTA-STS resolver asked on a host that does not run it", "MAIL3001"),
        };

        /// <summary>Every descriptor, ordered by ID.</summary>
        public static IReadOnlyList<RuleDescriptor> All { get; } = new[]
        {
            BrokenCipher, CipherOutsideProfile, UnknownCipherName, InvalidCipherString, ProfileNotInGuideline, UnknownGroup,
            GroupsWithoutP256, GroupsLeaveKeyExchange, SecurityLevelLowered, ObsoleteProtocol, DeprecatedProtocol, ExclusionUndone,
            MissingCertificate, RequiredTlsOnPublicMx, SogoUrlWithoutTls, SogoTlsVerifyNone, SogoAllowInsecureLocalhost, UnverifiedHop, PlaintextAuthWithoutTls, PortClash, InvalidPort, UnsafeValue, RelativePath, InvalidHostName,
            UnnormalizedPath, InvalidListenAddress, InvalidDistinguishedName, InvalidMailAddress, DuplicateSetting, NginxRegexWithoutTilde, WeakenedTlsOption, NginxLocationReach, UnknownVersion,
            UnknownSetting, RenamedSetting, ObsoleteSetting, IneffectiveSetting, NginxUnknownDirective, NginxDirectiveNotAllowed, RefusedOldSetting,
            DuplicateNginxLocation, NginxLocationNeverMatches, RefusedValue, UncheckedValue,
            PlaintextDirectory, PlaintextDatabase, UnverifiedServer, SecretInDescription, InvalidSecretSource, MailboxOnOneHost,
            IncompleteWebmail, SogoMariaDbWithoutTls, AliasOutsideDomains, LoginNotInSchema, NeedsDirectory, IncompleteDirectory, ReservedSecretVariable,
            NoBackendPerUser, NfsCacheFlush, PerHostCache, PerHostDatabase, DeliveryBypass,
            PinnedRenewingCertificate, MtaStsUncoveredMx, MtaStsMaxAge, MtaStsEnforceUncoveredMx, TlsaKeyChangesOnRenewal,
            BalancerForwardsClearText, ProxyWithoutSender, ProxyNotTrusted, TrustedNetworkTooWide, StartTlsTerminated, HealthCheckGreeting,
            IdleTimeoutTooShort, VipWithoutBackend, LayerHostsDisagree, SingleBalancer, BalancerAddress, ProxiedSslNotRequired, ProxyPortOutOfRange,
            BalancerValueOutOfRange, BalancerHostServesLayer, NoBalancerHost, StatsOnClientAddress, StatsOnPublicAddress,
            DaneResolverNotLocal, DaneWithoutResolver, DaneUndone, OutboundTlsUnderDane,
            NotConstant, EvaluationFailed,
        };
    }
}
