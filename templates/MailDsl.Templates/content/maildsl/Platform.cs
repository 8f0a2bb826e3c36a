using MailDsl;
using MailDsl.Model;

/// <summary>
/// The mail platform of example.com. Every argument is checked while you type; `dotnet run -- check` checks it again,
/// `dotnet run -- emit --out out` writes each host's nginx, Dovecot, Postfix and SOGo files and an install script.
/// </summary>
[MailPlatform]
public static partial class ContosoMail
{
    static Platform Describe() => Platform.Create("example.com")
        .Banner("example.com Mail")
        .Target(Distro.Debian12)
        // Paths on the hosts; MailDsl never reads the key.
        .Certificate("/etc/ssl/certs/mail.example.com.pem", "/etc/ssl/private/mail.example.com.key")
        .Tls(TlsProfile.Intermediate)
        // The users, once for every layer: Active Directory over LDAPS, verified. The bind password stays on the hosts,
        // in a file install.sh reads there (one line, mode 0600).
        .Directory(d => d
            .Ldap(LdapSchema.ActiveDirectory)
            .Server("dc-01.example.com", LdapSecurity.Ldaps)
            .BaseDn("dc=example,dc=com")
            .BindAs("CN=mail-bind,CN=Users,dc=example,dc=com", Secret.File("/etc/maildsl/secrets/ldap-bind")))
        .SmtpIn(s => s
            .Hosts("mx-01.example.com", "mx-02.example.com")
            .Vip("mx.example.com"))
        .SmtpOut(s => s
            .Hosts("relay-01.example.com")
            .Vip("relay.example.com")
            .Submission().Submissions())
        .Mailstore(m => m
            .Hosts("store-01.example.com")
            .Vip("imap.example.com")
            .Imaps().Pop3s())
        .Webmail(w => w
            .Hosts("webmail-01.example.com")
            .Vip("webmail.example.com")
            .Https().HttpRedirect()
            // SOGo keeps its users' profiles and sessions here.
            .Database(db => db
                .PostgreSql("db-01.example.com")
                .Name("sogo")
                .Login("sogo", Secret.File("/etc/maildsl/secrets/sogo-db"))));
}
