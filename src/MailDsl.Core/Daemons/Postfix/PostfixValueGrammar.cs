using System;
using System.Collections.Generic;
using MailDsl.Rules.Values;

namespace MailDsl.Daemons.Postfix
{
    /// <summary>
    /// What Postfix does with a main.cf value, and so what a raw value may not hold. Postfix reads '#' (inside a
    /// value), spaces and quotes literally (<c>postconf -h</c> gives them back), but:
    /// <list type="bullet">
    /// <item>it expands <c>$name</c>, <c>${name}</c> and <c>$(name)</c> into other parameters' values;</item>
    /// <item>a lookup table (<c>hash:/path</c>, <c>regexp:/path</c>, <c>texthash:</c>, <c>environ:</c>, <c>unix:passwd.byname</c>,
    /// <c>ldap:</c>, ...) reads a file, the environment or the system's users;</item>
    /// <item>a control character changes the line (a tab or CR reads back as a space, a NUL ends the value);</item>
    /// <item>a word that starts with '#' (at the start of the value or after a blank) is a comment to Postfix 3.9 and later,
    /// and postconf 3.10 warns "#comment after other text is not allowed" (3.7 kept it: seen on both);</item>
    /// <item>a word that starts with '{' is a group up to its matching '}', which must end the word: postconf warns "missing
    /// '}'" or "syntax error after '}'" otherwise, for every parameter (seen with postconf 3.7 and 3.10).</item>
    /// </list>
    /// A raw value may do none of these: MailDsl writes the tables it needs itself, through typed verbs.
    /// </summary>
    internal static class PostfixValueGrammar
    {
        // Lookup table types that read a file, the environment, a directory or another server (postconf(5), "DATABASE_README").
        private static readonly HashSet<string> TableTypes = new(StringComparer.OrdinalIgnoreCase)
        {
            "btree", "cdb", "cidr", "dbm", "environ", "hash", "internal", "lmdb", "ldap", "memcache", "mysql", "netinfo",
            "nis", "nisplus", "pcre", "pgsql", "pipemap", "proxy", "randmap", "regexp", "sdbm", "socketmap", "sqlite",
            "tcp", "texthash", "unionmap", "unix",
        };

        /// <summary>The first place a raw Postfix value cannot be written safely, or null.</summary>
        public static UnsafeSpot? FindInValue(string value)
        {
            for (var i = 0; i < value.Length; i++)
            {
                var c = value[i];
                if (char.IsControl(c)) return ValueSafety.Control(value, i);
                if (c == '$')
                    return ValueSafety.Spot(i, c, "Postfix expands '$name', '${name}' and '$(name)' into another parameter's value");
            }
            return FindWords(value) ?? FindTable(value);
        }

        // Words as Postfix splits a value: a '#' word is a comment (3.9+), a '{' word a group to its matching '}'.
        private static UnsafeSpot? FindWords(string value)
        {
            var i = 0;
            while (i < value.Length)
            {
                while (i < value.Length && IsSeparator(value[i])) i++;
                if (i >= value.Length) break;
                if (value[i] == '#')
                    return ValueSafety.Spot(i, '#', "Postfix 3.9 and later read a word that starts with '#' as a comment (postconf 3.10 warns '#comment after other text is not allowed'), so the rest of the value would be dropped; write it inside another word, or leave it out");
                if (value[i] == '{')
                {
                    var open = i;
                    var depth = 0;
                    for (; i < value.Length; i++)
                    {
                        if (value[i] == '{') depth++;
                        else if (value[i] == '}' && --depth == 0) break;
                    }
                    if (i >= value.Length)
                        return new UnsafeSpot(open, 1, "opens a group with '{' at character " + (open + 1).ToString(System.Globalization.CultureInfo.InvariantCulture) + " that is never closed",
                            "Postfix reads a word that starts with '{' as a group up to its matching '}' (postconf warns \"missing '}'\")");
                    i++;
                    if (i < value.Length && !IsSeparator(value[i]))
                        return ValueSafety.Spot(i, value[i], "Postfix ends a '{...}' group at its matching '}', and a character right after it is a syntax error (postconf warns \"syntax error after '}'\")");
                    continue;
                }
                while (i < value.Length && !IsSeparator(value[i])) i++;
            }
            return null;
        }

        // A token (between spaces or commas) "type:..." whose type is a lookup table.
        private static UnsafeSpot? FindTable(string value)
        {
            var start = 0;
            while (start < value.Length)
            {
                while (start < value.Length && IsSeparator(value[start])) start++;
                var end = start;
                while (end < value.Length && !IsSeparator(value[end])) end++;
                var colon = value.IndexOf(':', start);
                if (colon > start && colon < end && TableTypes.Contains(value.Substring(start, colon - start)))
                {
                    var table = value.Substring(start, end - start);
                    // postfix-mta-sts-resolver's socketmap: the one table an operator is likely to copy from its README.
                    if (MtaSts.MtaStsResolverModule.IsPolicyMap(table))
                        return new UnsafeSpot(start, end - start, "names postfix-mta-sts-resolver's socketmap '" + table + "'",
                            "only an SMTP-out layer with .OutboundMtaSts() runs mta-sts-daemon, and MailDsl then names it in smtp_tls_policy_maps itself (after the DANE-first lookup where "
                            + ".OutboundDane() is written too); on any other host, or on another port, every policy lookup fails and Postfix defers the mail it sends (\"TLS policy lookup error\"). "
                            + "Remove the raw setting and write .OutboundMtaSts() on the SMTP-out layer");
                    return new UnsafeSpot(start, end - start, "names the lookup table '" + table + "'",
                        "Postfix would read a file, the environment or another server that the platform does not describe (MailDsl writes every table it needs itself)");
                }
                start = end;
            }
            return null;
        }

        private static bool IsSeparator(char c) => c == ' ' || c == '\t' || c == ',';
    }
}
