namespace MailDsl.Rules.Values
{
    /// <summary>What a value is, which decides the files it is written into and so the characters it may hold.</summary>
    internal enum ValueKind
    {
        /// <summary>A domain, host, VIP or address: written into nginx, Postfix, Dovecot, SOGo files and install.sh.</summary>
        Name,
        /// <summary>A file or directory path (certificate, key, CA, mail storage, a secret's file): written into daemons' files and install.sh.</summary>
        Path,
        /// <summary>A server URL SOGo dials, written into sogo.conf.</summary>
        Url,
        /// <summary>An OpenSSL cipher string, written into nginx, Dovecot and Postfix files.</summary>
        CipherString,
        /// <summary>The SMTP greeting text, written into Postfix's smtpd_banner.</summary>
        Banner,
        /// <summary>Dovecot's mail_location.</summary>
        MailLocation,
        /// <summary>A listener name: a Dovecot section name and a master.cf service name.</summary>
        ListenerName,
        /// <summary>The name of a raw setting.</summary>
        SettingKey,
        /// <summary>The value of a raw Postfix main.cf setting.</summary>
        PostfixValue,
        /// <summary>The value of a raw Dovecot setting.</summary>
        DovecotValue,
        /// <summary>The value of a raw SOGo setting, in sogo.conf's property-list syntax.</summary>
        SogoValue,
        /// <summary>An nginx location match (what stands between <c>location</c> and <c>{</c>).</summary>
        NginxMatch,
        /// <summary>One nginx directive inside a location block, ending in <c>;</c>.</summary>
        NginxDirective,
        /// <summary>A distinguished name, written quoted (escaped) into Dovecot and SOGo files and as the rest of a line into Postfix tables.</summary>
        DirectoryValue,
        /// <summary>A mail address (an alias or its target), written into Postfix's alias table.</summary>
        MailAddress,
        /// <summary>A database, table, column, attribute or user name, written bare into SQL queries, URLs and install.sh.</summary>
        Identifier,
    }
}
