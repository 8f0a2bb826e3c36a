using MailDsl.Model;

namespace MailDsl.Directories
{
    /// <summary>
    /// What an LDAP schema calls the things every daemon asks for, and the filters built from them. One place, so the MX's
    /// recipient map, Dovecot's passdb and userdb and SOGo's user source always agree on who a user is.
    /// </summary>
    public sealed class LdapAttributes
    {
        private LdapAttributes(string personFilter, string sogoFilter, string login, string address, string? alias, string? aliasPrefix, string displayName)
        {
            PersonFilter = personFilter;
            SogoFilter = sogoFilter;
            Login = login;
            Address = address;
            Alias = alias;
            AliasPrefix = aliasPrefix;
            DisplayName = displayName;
        }

        /// <summary>
        /// The LDAP filter every mail user matches: Active Directory's enabled person accounts (a disabled account has bit 2 of
        /// <c>userAccountControl</c>), or inetOrgPerson entries.
        /// </summary>
        public string PersonFilter { get; }

        /// <summary>The same users in SOGo's EOQualifier syntax (SOGo cannot test bits; Active Directory refuses a disabled account's bind).</summary>
        public string SogoFilter { get; }

        /// <summary>The attribute users log in with; its value is the user's name everywhere and their mailbox folder's name.</summary>
        public string Login { get; }

        /// <summary>The primary mail address attribute.</summary>
        public string Address { get; }

        /// <summary>The attribute holding further addresses, or null (inetOrgPerson keeps them as more values of <c>mail</c>).</summary>
        public string? Alias { get; }

        /// <summary>What precedes an address in <see cref="Alias"/> (Active Directory's <c>smtp:</c>; matched case-insensitively).</summary>
        public string? AliasPrefix { get; }

        /// <summary>The display name attribute SOGo shows.</summary>
        public string DisplayName { get; }

        /// <summary>The attributes of <paramref name="schema"/> with users logging in with <paramref name="login"/>.</summary>
        public static LdapAttributes For(LdapSchema schema, LoginName login) => schema == LdapSchema.ActiveDirectory
            ? new LdapAttributes(
                "(&(objectCategory=person)(objectClass=user)(!(userAccountControl:1.2.840.113556.1.4.803:=2)))",
                "objectClass='user'",
                login switch { LoginName.Address => "mail", LoginName.PrincipalName => "userPrincipalName", _ => "sAMAccountName" },
                "mail", "proxyAddresses", "smtp:", "displayName")
            : new LdapAttributes(
                "(objectClass=inetOrgPerson)",
                "objectClass='inetOrgPerson'",
                login == LoginName.Address ? "mail" : "uid",
                "mail", null, null, "cn");

        /// <summary>Whether <paramref name="login"/> names an attribute <paramref name="schema"/> has.</summary>
        public static bool Supports(LdapSchema schema, LoginName login) => login != LoginName.PrincipalName || schema == LdapSchema.ActiveDirectory;

        /// <summary>The filter that finds the user a mail address belongs to (primary or alias): Postfix's recipient maps and Dovecot's userdb.</summary>
        /// <param name="address">The daemon's variable for the address, e.g. <c>%s</c> (Postfix) or <c>%u</c> (Dovecot 2.3).</param>
        public string AddressFilter(string address)
            => "(&" + PersonFilter + "(|(" + Address + "=" + address + ")" + (Alias is null ? "" : "(" + Alias + "=" + AliasPrefix + address + ")") + "))";

        /// <summary>The filter that finds the user logging in: Dovecot's passdb (and SOGo's bind field).</summary>
        /// <param name="login">The daemon's variable for the login name.</param>
        public string LoginFilter(string login) => "(&" + PersonFilter + "(" + Login + "=" + login + "))";

        /// <summary>
        /// The filter Dovecot's userdb uses: the user by login name (IMAP, POP3, ManageSieve) or by any of their addresses
        /// (LMTP delivery, which knows only the recipient).
        /// </summary>
        /// <param name="name">The daemon's variable for the name being looked up.</param>
        public string UserFilter(string name)
            => "(&" + PersonFilter + "(|(" + Login + "=" + name + ")(" + Address + "=" + name + ")"
                + (Alias is null ? "" : "(" + Alias + "=" + AliasPrefix + name + ")") + "))";
    }
}
