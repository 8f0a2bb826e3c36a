using MailDsl.Model;

namespace MailDsl.TestPlatform.Surface;

/// <summary>One value tried at one entry point.</summary>
/// <param name="Entry">Where it enters the DSL.</param>
/// <param name="Value">The value.</param>
public sealed record HostileCase(DslEntryPoint Entry, string Value)
{
    /// <summary>Whether this is the entry point's benign twin.</summary>
    public bool IsTwin => Value == Entry.Benign;
}

/// <summary>
/// The hostile values MailDsl is tried with, generated from the DSL's public surface (<see cref="DslDescriptions.EntryPoints"/>):
/// every string parameter of every public method, in every place it can be called, gets its benign twin, the generic
/// payloads (every syntax character of every target file, inserted into the twin), the values of its kind (the review's
/// classes: shell metacharacters, '%' sequences, SQL comment tokens, list separators, a leading '-', IPv6 literals,
/// loopback look-alikes, URI parameters, line breaks, ...) and the values aimed at its method. A new entry point gets them
/// all without anyone listing it; one without a grammar fails DslSurfaceTests.
/// </summary>
public static class HostileCorpus
{
    /// <summary>A file any shell command these values try to run would create, relative to where it runs and in /tmp.</summary>
    public const string Marker = "maildsl-pwned";

    /// <summary>Payloads every entry point gets, inserted into its benign value: each one a syntax character of some target file.</summary>
    private static readonly string[] Generic =
    {
        ";", "\n", "\r\n", "{", "}", "#", "$", "`", "'", "\"", "\\", "\0", " ", "\t", "<", ">", "|", "&", "(", ",", ":", "=", "?",
        "%", "%u", "--", "/*", "..", "//", "$(touch " + Marker + ")", "\u202e", "\u2028", "\u00e9", new string('a', 300),
    };

    /// <summary>The values of each kind: what a value of that kind must never make a file say, and near misses it may.</summary>
    private static readonly Dictionary<ValueKind, string[]> ByKind = new()
    {
        [ValueKind.Path] = new[]
        {
            "/etc/ssl/maildsl/ca.crt>/tmp/" + Marker, "/etc/ssl/maildsl/ca.crt>" + Marker, "/etc/ssl/maildsl/ca.crt&sslmode=disable",
            "/etc/ssl/maildsl/ca.crt?sslmode=disable", "/etc/ssl/maildsl/ca.crt#x", "/etc/ssl/maildsl/$(touch " + Marker + ")",
            "/etc/ssl/maildsl/`touch " + Marker + "`", "/etc/ssl/maildsl/ca.crt|tee", "/etc/ssl/maildsl/ca(1).crt", "/etc/ssl/maildsl/*.crt",
            "/etc/ssl/~root/ca.crt", "/var/vmail,=uid=0", "/var/vmail:INDEX=MEMORY", "/var/vmail%u", "/var/vmail%{user}",
            "/etc/ssl/maildsl/ca.crt\ntouch " + Marker, "etc/ssl/maildsl/ca.crt", "/etc/ssl/maildsl/../../shadow", "/etc/ssl/maildsl/c+a.crt",
            "/etc/ssl/maildsl/-ca.crt", "/etc/ssl/maildsl/ca_2.crt",
        },
        [ValueKind.HostName] = HostNames(),
        [ValueKind.DnsName] = HostNames(),
        [ValueKind.DistinguishedName] = new[]
        {
            "ou=%d,dc=example,dc=org", "ou=%{user},dc=example,dc=org", "ou=a$b,dc=example,dc=org", "ou=$(touch " + Marker + "),dc=example,dc=org",
            "ou=a)(uid=*,dc=example,dc=org", "dc=example,,dc=org", "dc=example;dc=org", "dc=ex\"ample,dc=org", "cn=a\\,b,dc=example,dc=org",
            "ou=Soci\u00e9t\u00e9,dc=example,dc=org", "dc=example,dc=org\nbase = dc=evil", "dc=example,dc=org\\", "dc=example,dc=org,",
            "=x,dc=org", "ou=#41,dc=example,dc=org", "ou=a<b,dc=example,dc=org", "ou=a b , dc=example, dc=org",
        },
        [ValueKind.MailAddress] = new[]
        {
            "it@example.org,root@example.org", "it@example.org root@example.org", "-it@example.org", "it@example.org:x", "it", "@example.org",
            "it@127.0.0.1", "it@[127.0.0.1]", "it+tag@example.org", "it.team@example.org", "it@example.org\nroot@example.org", "it..x@example.org",
            "it@-example.org", "it@example.org;x", "\"it\"@example.org", "it%example.org@example.org",
        },
        [ValueKind.SqlIdentifier] = SqlNames(),
        [ValueKind.LdapAttribute] = Attributes(),
        [ValueKind.DirectoryField] = Attributes().Concat(SqlNames()).Distinct().ToArray(),
        [ValueKind.DatabaseName] = new[]
        {
            "sogo&sslmode=disable", "sogo?sslmode=disable", "sogo/../x", "sogo db", "sogo'x", "-sogo", "sogo%20x", "sogo.db", "mail-db2", "sogo@evil", "sogo:x",
        },
        [ValueKind.SystemUser] = new[] { "-ovmail", "--help", "vmail$", "Vmail", "v mail", "vmail;id", new string('v', 33), "_vmail", "v-mail", "vmail\n" },
        [ValueKind.EnvironmentName] = new[]
        {
            "host", "key", "PATH", "IFS", "RANDOM", "BASH_ENV", "MAILDSL_KEEP_BACKUPS", "DEBIAN_FRONTEND", "LC_ALL", "SECONDS", "lower",
            "1ABC", "", "A B", "X;touch " + Marker, "LDAP_BIND_PASSWORD",
        },
        [ValueKind.Version] = new[] { "2.4.1", "2.2.36", "2.4.1; rm -rf /", "3.5", "1.26", "-1", "3.10\n", "5.12.1" },
        [ValueKind.TlsGroup] = new[] { "X25519:prime256v1", "X25519;", "x25519", "secp384r1", "P-256" },
        [ValueKind.Url] = new[]
        {
            "imap://imap.example.org:143", "imaps://IMAP_VIP_OR_FQDN:993", "imaps://imap.example.org:993/?tlsVerifyMode=none", "smtp://smtp.example.org:587",
            "imaps://[2001:db8::1]:993", "imaps://127.evil.example:993/?tlsVerifyMode=none", "imaps://imap.example.org:993/?tls=YES&x=$(id)",
        },
        [ValueKind.Secret] = new[] { "Pass2016Mail", "x" },
        // One 'mx:' line of the MTA-STS policy file: what would add a line, another pattern or a field, and the near misses.
        [ValueKind.MtaStsMxPattern] = new[]
        {
            "*.example.org\nmode: none", "*.example.org\r\nmax_age: 0", "mx-01.example.org\nmx: evil.example", "*.example.org mx-02.example.org",
            "*.example.org,evil.example", "mx-01.example.org:25", "*.*.example.org", "mx*.example.org", "*", "*.", "*example.org", ".example.org",
            "example.org.", "MX-01.Example.ORG", "mx-01.ex\u00e4mple.org", "xn--exmple-cua.org", "mx_01.example.org", "*.example.org#x", "-mx.example.org",
        },
        // Inside the quoted _smtp._tls TXT record: what would end the string, add a URI or a field, and the near misses.
        [ValueKind.TlsRptUri] = new[]
        {
            "mailto:tls@example.org,mailto:evil@evil.example", "mailto:tls@example.org; rua=mailto:evil@evil.example", "mailto:tls@example.org\" \"v=TLSRPTv1",
            "mailto:tls@example.org\\", "mailto:tls@example.org\n_smtp._tls IN TXT x", "https://reports.example.org/tlsrpt", "https://reports.example.org:8443/tls?a=1&b=2",
            "https://evil@reports.example.org/", "https://reports.example.org/a//evil.example", "http://reports.example.org/", "javascript:alert(1)", "mailto:",
            "mailto:tls%2Cx@example.org", "https://reports.example.org/a%2", "https://reports.example.org/a%2Cb", "https://reports.example.org/a b",
            "mailto:tls@ex\u00e4mple.org", "https://reports.example.org:99999/", "https://127.0.0.1/", "mailto:tls@example.org!10m", "https://reports.example.org/(x)",
        },
        [ValueKind.IpAddress] = new[]
        {
            "192.0.2.9 ", "192.0.2.9\n", "192.0.2.9/24", "192.0.2.9:25", "[2001:db8::9]", "fe80::1%eth0", "lb.example.org", "0x7f.0.0.1", "127.1",
            "192.0.2.09", "192.0.2.9;touch " + Marker, "2001:db8::9", "127.0.0.1", "0.0.0.0", "",
        },
        [ValueKind.Network] = new[]
        {
            "192.0.2.0/33", "192.0.2.0/24 ", "192.0.2.0/24\n", "192.0.2.0/24,10.0.0.0/8", "192.0.2.0/ 24", "192.0.2.0/-1", "2001:db8::/129",
            "2001:db8::/64", "192.0.2.7", "0.0.0.0/0", "lb.example.org/32", "192.0.2.0/24;touch " + Marker,
        },
        [ValueKind.InterfaceName] = new[]
        {
            "eth0 ", "eth0\nvirtual_ipaddress { 10.0.0.1 }", "eth0#x", "eth0}", "eth0!x", "\"eth0\"", "verylonginterface0", "0eth", "-eth0", "eth/0",
            "eth0:1", "bond0.100", "br-lan", "vlan_10", "",
        },
        [ValueKind.LayerKey] = new[] { "Mailstore", "mailstore ", "mailstore\n", "balancers", "smtpIn", "webmail", "", "mail store" },
        [ValueKind.Greeting] = new[]
        {
            "* OK $HOME", "* OK\r\n", "* OK \"x\"", "* OK #x", "* OK \\", "* OK 'x'", "* OK Dovecot ready.", "* OK\t", "* OK \u00e9", "220", "+OK",
        },
    };

    private static string[] HostNames() => new[]
    {
        "127.evil.example", "127.0.0.1.evil.example", "localhost.evil.example", "2001:db8::5", "::1", "fe80::1%eth0", "-oProxyCommand=id",
        "db.example.org:5432", "db.example.org/x", "db.example.org?sslmode=disable", "db.example.org&sslmode=disable", "[2001:db8::5]",
        "127.1", "0x7f.0.0.1", "db.example.org,evil.example", "db.example.org%2f", "mx_01.example.org", "Mx-07.Example.ORG",
    };

    private static string[] SqlNames() => new[]
    {
        "mail_users--", "mail_users -- ", "mail_users/*x*/", "mail_users;DROP TABLE x", "mail_users'", "mail_users\"", "-mail_users", "1users",
        "Mixed_Case9", "mail_users%u", "mail-users", new string('a', 64), "grant",
    };

    private static string[] Attributes() => new[] { "quota}", "quota:0", "quota,x", "quota%u", "-quota", "quota-bytes", "mailQuota", "quota--", "quota x" };

    /// <summary>Values aimed at one method's parameter (in every place it is called): the review's classes and their near misses.</summary>
    private static readonly (string Method, string Parameter, string Value)[] Aimed =
    {
        ("Certificate", "certificateFile", "/etc/pki/tls/certs/../../../shadow"),
        ("Certificate", "certificateFile", "/etc/pki/tls/./certs/mail.crt"),
        ("Certificate", "certificateFile", "certs/mail.crt"),
        ("Certificate", "keyFile", "/etc/shadow\n"),
        ("MailLocation", "location", "</etc/passwd"),
        ("MailLocation", "location", "maildir:%{env:HOME}/Maildir"),
        ("MailLocation", "location", "maildir:/var/vmail/%d/%n/Maildir"),
        ("DovecotSetting", "value", "$ssl_key"),
        ("DovecotSetting", "value", "$SET:ssl_server_key_file"),
        ("DovecotSetting", "value", "$ENV:HOME"),
        ("DovecotSetting", "value", "</etc/shadow"),
        ("DovecotSetting", "value", "x %{env:HOME}"),
        ("DovecotSetting", "value", "Welcome to <our> mail"),
        ("DovecotSetting", "value", "100% ready"),
        ("DovecotSetting", "key", "!include"),
        ("DovecotSetting", "key", "passdb {"),
        ("PostfixSetting", "value", "$smtpd_tls_key_file"),
        ("PostfixSetting", "value", "${myhostname}"),
        ("PostfixSetting", "value", "hash:/etc/shadow"),
        ("PostfixSetting", "value", "environ:HOME"),
        ("PostfixSetting", "value", "proxy:unix:passwd.byname"),
        ("PostfixSetting", "value", "Mail #1, for all"),
        ("PostfixSetting", "key", "smtpd_banner = x\nsmtpd_tls_security_level"),
        ("NginxLocation", "body", "try_files $uri\\;"),
        ("NginxLocation", "body", "include /etc/nginx/snippets/x.conf;"),
        ("NginxLocation", "body", "alias /etc/ssl/private/;"),
        ("NginxLocation", "body", "auth_basic_user_file /etc/shadow;"),
        ("NginxLocation", "body", "access_log /etc/cron.d/job;"),
        ("NginxLocation", "body", "add_header X-Note \"a;b\" always;"),
        ("NginxLocation", "body", "return 301 https://$host$request_uri;"),
        ("NginxLocation", "match", "^/SOGo/so/(.*)$"),
        ("NginxLocation", "match", "/x/ { } location /y/"),
        ("NginxLocation", "match", "~ \"^/a{2}\""),
        ("ListenOn", "address", "127.0.0.1, 0.0.0.0"),
        ("ListenOn", "address", "0.0.0.0"),
        ("ListenOn", "address", "all"),
        ("ListenOn", "address", "-o smtpd_tls_security_level=none"),
        ("ListenOn", "address", "</etc/hostname"),
        ("ListenOn", "address", "127.0.0.1:25"),
        ("ListenOn", "address", "fe80::1%eth0"),
        ("ListenOn", "address", "010.0.0.1"),
        ("ListenOn", "address", "::1"),
        ("Ciphers", "openSslCipherString", "HIGH:@SECLEVEL=0"),
        ("Ciphers", "openSslCipherString", "ECDHE+AESGCM:!aNULL:eNULL"),
        ("Ciphers", "openSslCipherString", "DEFAULT"),
        ("Banner", "text", "Mail ${myhostname}"),
        ("Banner", "text", "Example <Mail> (ESMTP)"),
        ("Listener", "name", "imap;ssl"),
        ("Listener", "name", "imap internal"),
        ("Create", "domain", "example.org\nmydestination = *"),
        ("Create", "domain", "mail-2.example.org"),
        ("SogoSetting", "value", "\"a\"; SOGoSuperUsernames = (admin)"),
        ("SogoSetting", "key", "SOGoSuperUsernames"),
    };

    /// <summary>Every case, entry point by entry point: the benign twin first, then the generic payloads, the kind's values and the aimed ones, each once.</summary>
    public static IEnumerable<HostileCase> All()
    {
        foreach (var entry in DslDescriptions.EntryPoints)
        {
            var values = new List<string> { entry.Benign };
            values.AddRange(Generic.Select(p => Insert(entry.Benign, p)));
            if (ByKind.TryGetValue(entry.Kind, out var kind)) values.AddRange(kind);
            values.AddRange(Aimed.Where(a => a.Method == entry.Parameter.Method.Method.Name && a.Parameter == entry.Parameter.Info.Name).Select(a => a.Value));
            foreach (var value in values.Distinct(StringComparer.Ordinal)) yield return new HostileCase(entry, value);
        }
    }

    // The payload in the middle of the benign value, where it is hardest to spot.
    private static string Insert(string benign, string payload) => benign.Substring(0, benign.Length / 2) + payload + benign.Substring(benign.Length / 2);
}
