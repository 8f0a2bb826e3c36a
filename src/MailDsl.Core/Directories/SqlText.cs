using MailDsl.Model;

namespace MailDsl.Directories
{
    /// <summary>
    /// Names and values written into SQL queries and libpq connection strings: identifiers quoted for the database's dialect
    /// (so a name is never read as a keyword, an operator or a comment), conninfo values single-quoted.
    /// </summary>
    public static class SqlText
    {
        /// <summary>
        /// A table or column name quoted for <paramref name="engine"/>: <c>"mail_users"</c> for PostgreSQL, folded to lower case
        /// as PostgreSQL folds a bare name (SOGo names the table bare, so both find the same one); <c>`mail_users`</c> for
        /// MariaDB, whose quoting keeps case as its bare names do. The grammar (letters, digits, '_') keeps quotes out of it.
        /// </summary>
        public static string Identifier(string name, SqlEngine engine) => engine == SqlEngine.MariaDb
            ? "`" + name.Replace("`", "``") + "`"
            : "\"" + name.ToLowerInvariant().Replace("\"", "\"\"") + "\"";

        /// <summary>A libpq keyword/value connection string's value in single quotes, <c>\</c> and <c>'</c> escaped (libpq's conninfo syntax).</summary>
        public static string ConninfoValue(string value) => "'" + value.Replace("\\", "\\\\").Replace("'", "\\'") + "'";
    }
}
