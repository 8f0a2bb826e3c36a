using MailDsl.Model;
using Microsoft.CodeAnalysis.CSharp;

namespace MailDsl.Generators.Tests.Security;

/// <summary>Which real tool reads a value back once MailDsl accepts it, and how.</summary>
public enum ReadBack
{
    /// <summary>No daemon file holds it on its own; bash's parse of install.sh is compared with a benign twin's.</summary>
    InstallScript,
    /// <summary><c>postconf -x -h</c> of the parameter, on the emitted main.cf.</summary>
    Postfix,
    /// <summary><c>doveconf -x -h</c> of the setting, on the emitted dovecot.conf.</summary>
    Dovecot,
    /// <summary><c>nginx -t</c> on the emitted site.</summary>
    Nginx,
}

/// <summary>
/// One string entry point of the DSL: how a value reaches it in source (compile time, a literal in the chain) and at
/// run time (the same builder call with a string only known then), a benign value, and who reads the value back.
/// </summary>
/// <param name="Name">How the table names it, e.g. <c>DovecotSetting value</c>.</param>
/// <param name="Benign">A value every check accepts, the twin hostile values are compared with.</param>
/// <param name="ReadBack">Who reads an accepted value back.</param>
/// <param name="Parameter">The daemon parameter read back (Postfix, Dovecot), or null.</param>
/// <param name="Host">The host whose files hold the value.</param>
public sealed record EntryPoint(string Name, string Benign, ReadBack ReadBack, string? Parameter, string Host)
{
    /// <summary>The platform built at run time from <paramref name="value"/>, through the same DSL calls.</summary>
    public Platform Build(string value, string certificate, string key) => HostileCorpus.RunTime[Name](
        Platform.Create(Name == "Create domain" ? value : "example.org").Target(Distro.Debian12).Certificate(
            Name == "Certificate file" ? value : certificate,
            Name == "Certificate key" ? value : key), value);
}

/// <summary>
/// The hostile values MailDsl is tried with, at every string entry point of the DSL: the classes of the security review
/// (paths that climb, Dovecot's '&lt;file' and '$setting', Postfix's '$name' and tables, nginx's escaped ';' and
/// includes, listen lists, zones, weakening cipher tokens) and generic ones (every syntax character of every target file,
/// control characters, long and odd Unicode text).
/// </summary>
public static class HostileCorpus
{
    /// <summary>Where every value is written in a web/store/MX platform.</summary>
    public const string Store = "store-01.maildsl.test", Mx = "mx-01.maildsl.test", Web = "web-01.maildsl.test";

    /// <summary>The entry points.</summary>
    public static readonly IReadOnlyList<EntryPoint> EntryPoints = new EntryPoint[]
    {
        new("Create domain", "example.org", ReadBack.InstallScript, null, Mx),
        new("Banner", "Example Mail", ReadBack.Postfix, "smtpd_banner", Mx),
        new("Certificate file", "/etc/pki/tls/certs/mail.crt", ReadBack.InstallScript, null, Mx),
        new("Certificate key", "/etc/pki/tls/private/mail.key", ReadBack.InstallScript, null, Mx),
        new("Ciphers", "ECDHE+AESGCM:!aNULL", ReadBack.Postfix, "tls_high_cipherlist", Mx),
        new("Hosts", "mx-01.example.org", ReadBack.InstallScript, null, Mx),
        new("Vip", "mx.example.org", ReadBack.InstallScript, null, Mx),
        new("ListenOn", "127.0.0.1", ReadBack.Postfix, "inet_interfaces", Mx),
        new("Listener name", "imap-internal", ReadBack.Dovecot, null, Store),
        new("PostfixSetting key", "smtpd_starttls_timeout", ReadBack.Postfix, null, Mx),
        new("PostfixSetting value", "Contact postmaster", ReadBack.Postfix, "smtpd_reject_footer", Mx),
        new("DovecotSetting key", "auth_verbose", ReadBack.Dovecot, null, Store),
        new("DovecotSetting value", "Example IMAP ready", ReadBack.Dovecot, "login_greeting", Store),
        new("MailLocation", "maildir:~/Maildir", ReadBack.Dovecot, "mail_location", Store),
        new("Webmail Imap", "imaps://imap.example.org:993", ReadBack.InstallScript, null, Web),
        new("Webmail Smtp", "smtp://smtp.example.org:587/?tls=YES", ReadBack.InstallScript, null, Web),
        new("NginxLocation match", "/private/", ReadBack.Nginx, null, Web),
        new("NginxLocation directive", "return 403;", ReadBack.Nginx, null, Web),
        new("WithDovecot version", "2.3.19", ReadBack.InstallScript, null, Store),
    };

    // The rest of each entry point's chain, as source (after .Certificate(...)) and as the run-time builder calls.
    private static readonly Dictionary<string, string> Chains = new()
    {
        ["Create domain"] = """.SmtpIn(s => s.Hosts("mx-01.maildsl.test"))""",
        ["Banner"] = """.Banner({V}).SmtpIn(s => s.Hosts("mx-01.maildsl.test"))""",
        ["Certificate file"] = """.SmtpIn(s => s.Hosts("mx-01.maildsl.test"))""",
        ["Certificate key"] = """.SmtpIn(s => s.Hosts("mx-01.maildsl.test"))""",
        ["Ciphers"] = """.Ciphers({V}).SmtpIn(s => s.Hosts("mx-01.maildsl.test"))""",
        ["Hosts"] = """.SmtpIn(s => s.Hosts({V}))""",
        ["Vip"] = """.SmtpIn(s => s.Hosts("mx-01.maildsl.test").Vip({V}))""",
        ["ListenOn"] = """.SmtpIn(s => s.Hosts("mx-01.maildsl.test").ListenOn({V}))""",
        ["Listener name"] = """.Mailstore(m => m.Hosts("store-01.maildsl.test").Listener({V}, ServiceProtocol.Imap, 1143, ListenerSecurity.StartTls))""",
        ["PostfixSetting key"] = """.SmtpIn(s => s.Hosts("mx-01.maildsl.test").PostfixSetting({V}, "300s"))""",
        ["PostfixSetting value"] = """.SmtpIn(s => s.Hosts("mx-01.maildsl.test").PostfixSetting("smtpd_reject_footer", {V}))""",
        ["DovecotSetting key"] = """.Mailstore(m => m.Hosts("store-01.maildsl.test").DovecotSetting({V}, "yes"))""",
        ["DovecotSetting value"] = """.Mailstore(m => m.Hosts("store-01.maildsl.test").DovecotSetting("login_greeting", {V}))""",
        ["MailLocation"] = """.Mailstore(m => m.Hosts("store-01.maildsl.test").MailLocation({V}))""",
        ["Webmail Imap"] = """.Webmail(w => w.Hosts("web-01.maildsl.test").Imap({V}))""",
        ["Webmail Smtp"] = """.Webmail(w => w.Hosts("web-01.maildsl.test").Smtp({V}))""",
        ["NginxLocation match"] = """.Webmail(w => w.Hosts("web-01.maildsl.test").NginxLocation({V}, "return 403;"))""",
        ["NginxLocation directive"] = """.Webmail(w => w.Hosts("web-01.maildsl.test").NginxLocation("/private/", {V}))""",
        ["WithDovecot version"] = """.Mailstore(m => m.Hosts("store-01.maildsl.test"))""",
    };

    /// <summary>Each entry point's calls after <c>.Certificate(...)</c>, made at run time with the value.</summary>
    public static readonly IReadOnlyDictionary<string, Func<Platform, string, Platform>> RunTime = new Dictionary<string, Func<Platform, string, Platform>>
    {
        ["Create domain"] = (p, v) => p.SmtpIn(s => s.Hosts(Mx)),
        ["Banner"] = (p, v) => p.Banner(v).SmtpIn(s => s.Hosts(Mx)),
        ["Certificate file"] = (p, v) => p.SmtpIn(s => s.Hosts(Mx)),
        ["Certificate key"] = (p, v) => p.SmtpIn(s => s.Hosts(Mx)),
        ["Ciphers"] = (p, v) => p.Ciphers(v).SmtpIn(s => s.Hosts(Mx)),
        ["Hosts"] = (p, v) => p.SmtpIn(s => s.Hosts(v)),
        ["Vip"] = (p, v) => p.SmtpIn(s => s.Hosts(Mx).Vip(v)),
        ["ListenOn"] = (p, v) => p.SmtpIn(s => s.Hosts(Mx).ListenOn(v)),
        ["Listener name"] = (p, v) => p.Mailstore(m => m.Hosts(Store).Listener(v, ServiceProtocol.Imap, 1143, ListenerSecurity.StartTls)),
        ["PostfixSetting key"] = (p, v) => p.SmtpIn(s => s.Hosts(Mx).PostfixSetting(v, "300s")),
        ["PostfixSetting value"] = (p, v) => p.SmtpIn(s => s.Hosts(Mx).PostfixSetting("smtpd_reject_footer", v)),
        ["DovecotSetting key"] = (p, v) => p.Mailstore(m => m.Hosts(Store).DovecotSetting(v, "yes")),
        ["DovecotSetting value"] = (p, v) => p.Mailstore(m => m.Hosts(Store).DovecotSetting("login_greeting", v)),
        ["MailLocation"] = (p, v) => p.Mailstore(m => m.Hosts(Store).MailLocation(v)),
        ["Webmail Imap"] = (p, v) => p.Webmail(w => w.Hosts(Web).Imap(v)),
        ["Webmail Smtp"] = (p, v) => p.Webmail(w => w.Hosts(Web).Smtp(v)),
        ["NginxLocation match"] = (p, v) => p.Webmail(w => w.Hosts(Web).NginxLocation(v, "return 403;")),
        ["NginxLocation directive"] = (p, v) => p.Webmail(w => w.Hosts(Web).NginxLocation("/private/", v)),
        ["WithDovecot version"] = (p, v) => p.Target(Distro.Debian12, t => t.WithDovecot(v)).Mailstore(m => m.Hosts(Store)),
    };

    /// <summary>The source of a whole platform with <paramref name="value"/> at <paramref name="entry"/>, certificate paths as given.</summary>
    public static string Source(EntryPoint entry, string value, string certificate, string key)
    {
        string Lit(string s) => SymbolDisplay.FormatLiteral(s, quote: true);
        var domain = entry.Name == "Create domain" ? Lit(value) : "\"example.org\"";
        var cert = entry.Name == "Certificate file" ? Lit(value) : Lit(certificate);
        var keyLit = entry.Name == "Certificate key" ? Lit(value) : Lit(key);
        var target = entry.Name == "WithDovecot version" ? $".Target(Distro.Debian12, t => t.WithDovecot({Lit(value)}))" : ".Target(Distro.Debian12)";
        var chain = Chains[entry.Name].Replace("{V}", Lit(value));
        return $$"""
            using MailDsl;
            using MailDsl.Model;

            [MailPlatform]
            public static partial class HostilePlatform
            {
                static Platform Describe() => Platform.Create({{domain}})
                    {{target}}
                    .Certificate({{cert}}, {{keyLit}})
                    {{chain}};
            }
            """;
    }

    /// <summary>Payloads every entry point gets, inserted into its benign value: each one a syntax character of some target file.</summary>
    private static readonly string[] Generic =
    {
        ";", "\n", "\r\n", "{", "}", "#", "$", "`", "'", "\"", "\\", "\0", " ", "\t", "<", "%", "..", "//",
        "$(id)", "\u202e", "\u2028", "\u00e9", new string('a', 300),
    };

    /// <summary>Values aimed at one entry point: the review's classes and their near misses.</summary>
    private static readonly (string Entry, string Value)[] Aimed =
    {
        ("Certificate file", "/etc/pki/tls/certs/../../../shadow"),
        ("Certificate file", "/etc/pki/tls/./certs/mail.crt"),
        ("Certificate file", "certs/mail.crt"),
        ("Certificate file", "/etc/pki/tls/certs/mail..crt"),
        ("Certificate key", "/etc/pki/tls/private/../../../passwd"),
        ("Certificate key", "/etc/shadow\n"),
        ("Certificate key", "/etc/pki/tls/private/mail.key; chmod 777 /etc/shadow"),
        ("MailLocation", "</etc/passwd"),
        ("MailLocation", "maildir:%{env:HOME}/Maildir"),
        ("MailLocation", "maildir:/var/vmail/%d/%n/Maildir"),
        ("DovecotSetting value", "$ssl_key"),
        ("DovecotSetting value", "$SET:ssl_server_key_file"),
        ("DovecotSetting value", "$ENV:HOME"),
        ("DovecotSetting value", "</etc/shadow"),
        ("DovecotSetting value", "x %{env:HOME}"),
        ("DovecotSetting value", "Welcome to <our> mail"),
        ("DovecotSetting value", "100% ready"),
        ("DovecotSetting key", "!include"),
        ("DovecotSetting key", "passdb {"),
        ("PostfixSetting value", "$smtpd_tls_key_file"),
        ("PostfixSetting value", "${myhostname}"),
        ("PostfixSetting value", "hash:/etc/shadow"),
        ("PostfixSetting value", "environ:HOME"),
        ("PostfixSetting value", "proxy:unix:passwd.byname"),
        ("PostfixSetting value", "Mail #1, for all"),
        ("PostfixSetting key", "smtpd_banner = x\nsmtpd_tls_security_level"),
        ("NginxLocation directive", "try_files $uri\\;"),
        ("NginxLocation directive", "include /etc/nginx/snippets/x.conf;"),
        ("NginxLocation directive", "alias /etc/ssl/private/;"),
        ("NginxLocation directive", "alias /usr/lib/GNUstep/SOGo/WebServerResources/../../../../etc/;"),
        ("NginxLocation directive", "auth_basic_user_file /etc/shadow;"),
        ("NginxLocation directive", "access_log /etc/cron.d/job;"),
        ("NginxLocation directive", "add_header X-Note \"a;b\" always;"),
        ("NginxLocation directive", "return 301 https://$host$request_uri;"),
        ("NginxLocation match", "^/SOGo/so/(.*)$"),
        ("NginxLocation match", "/x/ { } location /y/"),
        ("NginxLocation match", "~ \"^/a{2}\""),
        ("ListenOn", "127.0.0.1, 0.0.0.0"),
        ("ListenOn", "0.0.0.0"),
        ("ListenOn", "all"),
        ("ListenOn", "-o smtpd_tls_security_level=none"),
        ("ListenOn", "</etc/hostname"),
        ("ListenOn", "127.0.0.1:25"),
        ("ListenOn", "fe80::1%eth0"),
        ("ListenOn", "010.0.0.1"),
        ("ListenOn", "::1"),
        ("Vip", "fe80::1%eth0"),
        ("Vip", "mx.example.org:25"),
        ("Vip", "2001:db8::25"),
        ("Hosts", "-oProxyCommand=id"),
        ("Hosts", "mx_01.example.org"),
        ("Hosts", "mx-02.example.org"),
        ("Hosts", "MX-01.Example.ORG"),
        ("Ciphers", "HIGH:@SECLEVEL=0"),
        ("Ciphers", "ECDHE+AESGCM:!aNULL:eNULL"),
        ("Ciphers", "DEFAULT"),
        ("Webmail Imap", "imap://imap.example.org:143"),
        ("Webmail Imap", "imaps://IMAP_VIP_OR_FQDN:993"),
        ("Webmail Imap", "imaps://imap.example.org:993/?tlsVerifyMode=none"),
        ("Webmail Smtp", "smtp://smtp.example.org:587"),
        ("WithDovecot version", "2.4.1"),
        ("WithDovecot version", "2.2.36"),
        ("WithDovecot version", "2.4.1; rm -rf /"),
        ("Banner", "Mail ${myhostname}"),
        ("Banner", "Example <Mail> (ESMTP)"),
        ("Listener name", "imap;ssl"),
        ("Listener name", "imap internal"),
        ("Create domain", "example.org\nmydestination = *"),
        ("Create domain", "mail-2.example.org"),
    };

    /// <summary>Every (entry point, value) the corpus tries: each entry point's benign twin and generic payloads, then the aimed values.</summary>
    public static IEnumerable<(EntryPoint Entry, string Value)> All()
    {
        foreach (var entry in EntryPoints)
        {
            yield return (entry, entry.Benign);
            foreach (var payload in Generic)
                yield return (entry, Insert(entry.Benign, payload));
        }
        foreach (var (name, value) in Aimed)
            yield return (EntryPoints.Single(e => e.Name == name), value);
    }

    // The payload in the middle of the benign value, where it is hardest to spot.
    private static string Insert(string benign, string payload) => benign.Substring(0, benign.Length / 2) + payload + benign.Substring(benign.Length / 2);
}
