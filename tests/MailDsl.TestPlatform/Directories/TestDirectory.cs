using System.Security.Cryptography;
using System.Text;

namespace MailDsl.TestPlatform.Directories;

/// <summary>A user of the test directory: login name, password, and the addresses mail is accepted for.</summary>
/// <param name="Uid">The login name (the inetOrgPerson <c>uid</c>) and mailbox folder.</param>
/// <param name="Password">The password the directory checks.</param>
/// <param name="Mail">The primary address, then any further ones (more values of <c>mail</c>).</param>
public sealed record TestUser(string Uid, string Password, params string[] Mail)
{
    /// <summary>The primary address.</summary>
    public string Address => Mail[0];
}

/// <summary>
/// What the test directory (OpenLDAP's slapd) and SOGo's database (PostgreSQL) hold: users in two mail domains, the
/// read-only bind account, and the secrets the platform reads from files on its hosts. The bind and database passwords hold
/// quotes, a backslash, '%{', '#', '$', '@', ':' and '/': install.sh must write them into Postfix's table, Dovecot's args
/// file and sogo.conf (in a URL) so that each daemon reads them back exactly.
/// </summary>
public static class TestDirectory
{
    /// <summary>The second mail domain.</summary>
    public const string SecondDomain = "second.maildsl.internal";

    /// <summary>Where users live.</summary>
    public const string BaseDn = "dc=test,dc=maildsl,dc=internal";

    /// <summary>The read-only account the daemons bind as.</summary>
    public const string BindDn = "cn=mailapps,ou=services," + BaseDn;

    /// <summary>Its password.</summary>
    public const string BindPassword = "Bind \"pa$$\" \\ %{user} #1:/@x";

    /// <summary>SOGo's database user.</summary>
    public const string SogoDbUser = "sogo";

    /// <summary>Its password.</summary>
    public const string SogoDbPassword = "Sogo's \"db\" p@ss:w/rd%{x}#\\end";

    /// <summary>SOGo's database.</summary>
    public const string SogoDbName = "sogo";

    /// <summary>The directory server's name (its certificate names it).</summary>
    public const string LdapHost = "ldap." + IntegrationPlatform.Domain;

    /// <summary>The database server's name.</summary>
    public const string DbHost = "db." + IntegrationPlatform.Domain;

    /// <summary>Where every host keeps the bind password (mode 0600), as the platform names it.</summary>
    public const string BindSecretPath = "/etc/maildsl/secrets/ldap-bind";

    /// <summary>Where the webmail host keeps SOGo's database password.</summary>
    public const string SogoSecretPath = "/etc/maildsl/secrets/sogo-db";

    /// <summary>Alice, in the platform's own domain (the user the older tests log in as).</summary>
    public static readonly TestUser Alice = new("alice", "Loopback-Test-Password-1", "alice@" + IntegrationPlatform.Domain);

    /// <summary>Bob, in the second domain.</summary>
    public static readonly TestUser Bob = new("bob", "Loopback-Test-Password-2", "bob@" + SecondDomain);

    /// <summary>Carol, with an address in each domain (the second is another value of <c>mail</c>).</summary>
    public static readonly TestUser Carol = new("carol", "Loopback-Test-Password-3", "carol@" + SecondDomain, "c.smith@" + IntegrationPlatform.Domain);

    /// <summary>Every user.</summary>
    public static readonly IReadOnlyList<TestUser> Users = new[] { Alice, Bob, Carol };

    /// <summary>Every password a test knows: none may appear in an emitted file.</summary>
    public static IEnumerable<string> Secrets => Users.Select(u => u.Password).Append(BindPassword).Append(SogoDbPassword);

    /// <summary>The directory's content, as LDIF for slapadd.</summary>
    public static string Ldif()
    {
        var s = new StringBuilder();
        void Entry(params string[] lines)
        {
            foreach (var line in lines) s.Append(line).Append('\n');
            s.Append('\n');
        }
        Entry("dn: " + BaseDn, "objectClass: top", "objectClass: dcObject", "objectClass: organization", "o: MailDsl test", "dc: test");
        Entry("dn: ou=services," + BaseDn, "objectClass: organizationalUnit", "ou: services");
        Entry("dn: ou=people," + BaseDn, "objectClass: organizationalUnit", "ou: people");
        Entry("dn: " + BindDn, "objectClass: person", "cn: mailapps", "sn: mailapps", "userPassword: " + Ssha(BindPassword));
        foreach (var u in Users)
            Entry(new[] { "dn: uid=" + u.Uid + ",ou=people," + BaseDn, "objectClass: inetOrgPerson", "uid: " + u.Uid, "cn: " + u.Uid, "sn: " + u.Uid, "userPassword: " + Ssha(u.Password) }
                .Concat(u.Mail.Select(m => "mail: " + m)).ToArray());
        return s.ToString();
    }

    /// <summary>An RFC 2307 <c>{SSHA}</c> value: SHA-1 of the password and a random salt, then the salt, in base64.</summary>
    public static string Ssha(string password)
    {
        var salt = RandomNumberGenerator.GetBytes(8);
        var hash = SHA1.HashData(Encoding.UTF8.GetBytes(password).Concat(salt).ToArray());
        return "{SSHA}" + Convert.ToBase64String(hash.Concat(salt).ToArray());
    }
}
