namespace MailDsl.Secrets
{
    /// <summary>
    /// Where a secret is written, which decides how install.sh encodes it (or refuses it) so no character of it can end the
    /// value, start a comment or become syntax. Each is the target's own reading of a value, checked against its source.
    /// </summary>
    public enum SecretSyntax
    {
        /// <summary>
        /// A Postfix lookup-table file (<c>bind_pw = ...</c>, <c>password = ...</c>): the rest of the line, as is, with leading
        /// and trailing whitespace stripped (cfg_parser, dict_load_file); no quoting exists, so such whitespace is refused.
        /// </summary>
        PostfixTable,

        /// <summary>
        /// Inside double quotes in a Dovecot 2.3 file (dovecot.conf or an args file such as dovecot-ldap.conf.ext): a
        /// backslash escapes any character (str_unescape), so <c>\</c> and <c>"</c> are escaped.
        /// </summary>
        Dovecot23,

        /// <summary>
        /// Inside double quotes in a Dovecot 2.4 file: escaped as <see cref="Dovecot23"/>, and <c>%{</c> written <c>%%{</c>, since
        /// 2.4 expands <c>%{variables}</c> in every string setting (its var-expand lexer reads <c>%%{</c> as a literal <c>%{</c>).
        /// </summary>
        Dovecot24,

        /// <summary>Inside double quotes in a GNUstep property list (sogo.conf): <c>\</c> and <c>"</c> are escaped.</summary>
        Plist,

        /// <summary>
        /// The password in a URL's userinfo (SOGo's database URLs), inside a property-list string: every byte but RFC 3986's
        /// unreserved characters is percent-encoded (GNUstep's NSURL -password decodes it).
        /// </summary>
        UrlUserinfo,

        /// <summary>
        /// A libpq conninfo value in single quotes (<c>password='...'</c>, Dovecot 2.3's pgsql <c>connect</c>), itself inside a
        /// double-quoted Dovecot 2.3 value: <c>\</c> and <c>'</c> are escaped for libpq, then the result for Dovecot.
        /// </summary>
        PgConninfoInDovecot23,

        /// <summary>
        /// A value in Dovecot 2.3's mysql <c>connect</c> string (split at spaces, no quoting), inside a double-quoted Dovecot
        /// value: whitespace is refused, <c>\</c> and <c>"</c> escaped.
        /// </summary>
        MysqlInDovecot23,
    }
}
