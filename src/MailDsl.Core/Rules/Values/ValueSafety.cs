using System.Globalization;

namespace MailDsl.Rules.Values
{
    /// <summary>
    /// Which characters each kind of value may hold, given the syntaxes it is written into: nginx ends a
    /// directive at ';' and opens blocks with braces, Dovecot starts a comment at '#' anywhere in a value
    /// (doveconf drops <c>maildir:~/Mail#x</c> to <c>maildir:~/Mail</c>), Postfix and nginx expand <c>$name</c>,
    /// install.sh runs backquotes, and every line-based format ends a setting at a line break. Postfix reads '#',
    /// '$name' references and spaces inside a value literally (postconf -h gives them back), so raw Postfix values may hold them.
    /// </summary>
    internal static class ValueSafety
    {
        /// <summary>The first place <paramref name="value"/> cannot be written safely as a <paramref name="kind"/>, or null.</summary>
        public static UnsafeSpot? Find(string? value, ValueKind kind)
        {
            if (value is null) return null;
            switch (kind)
            {
                case ValueKind.Name:
                case ValueKind.Path:
                case ValueKind.Url:
                case ValueKind.CipherString:
                    return FindAny(value);
                case ValueKind.Banner:
                    return FindBanner(value);
                case ValueKind.MailLocation:
                    return Daemons.Dovecot.DovecotValueGrammar.FindInMailLocation(value);
                case ValueKind.DovecotValue:
                    return Daemons.Dovecot.DovecotValueGrammar.FindInValue(value);
                case ValueKind.PostfixValue:
                    return Daemons.Postfix.PostfixValueGrammar.FindInValue(value);
                case ValueKind.DirectoryValue:
                    return FindControl(value);
                case ValueKind.MailAddress:
                    return FindAny(value);
                case ValueKind.Identifier:
                    return FindOutsideWord(value, allowHyphen: true, "a database, table, column, attribute or user name is written bare into SQL queries, URLs and install.sh, which read other characters as syntax");
                case ValueKind.SogoValue:
                    return Daemons.Sogo.SogoValueGrammar.FindInValue(value);
                case ValueKind.ListenerName:
                    return FindOutsideWord(value, allowHyphen: true, "a listener name becomes a Dovecot section name and a master.cf service name, which are single words");
                case ValueKind.SettingKey:
                    return FindOutsideWord(value, allowHyphen: false, "a setting name is one word of letters, digits and '_' in main.cf and dovecot.conf");
                case ValueKind.NginxMatch:
                    return Daemons.Nginx.NginxValueGrammar.Find(value, isDirective: false);
                case ValueKind.NginxDirective:
                    return Daemons.Nginx.NginxValueGrammar.Find(value, isDirective: true);
                default:
                    return null;
            }
        }

        /// <summary>Names a character as a reader would, e.g. <c>';'</c> or <c>a line feed (\n)</c>.</summary>
        public static string Describe(char c) => c switch
        {
            '\n' => "a line feed (\\n)",
            '\r' => "a carriage return (\\r)",
            '\0' => "a NUL character (\\0)",
            '\t' => "a tab",
            ' ' => "a space",
            _ when char.IsControl(c) || char.IsWhiteSpace(c) => "the character U+" + ((int)c).ToString("X4", CultureInfo.InvariantCulture),
            _ => "'" + c + "'",
        };

        /// <summary>The value as it can be quoted in a message: control characters shown as escapes.</summary>
        public static string Show(string? value)
        {
            if (value is null) return "(null)";
            var sb = new System.Text.StringBuilder(value.Length + 8);
            foreach (var c in value)
            {
                switch (c)
                {
                    case '\n': sb.Append("\\n"); break;
                    case '\r': sb.Append("\\r"); break;
                    case '\t': sb.Append("\\t"); break;
                    case '\0': sb.Append("\\0"); break;
                    default:
                        if (char.IsControl(c)) sb.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                        else sb.Append(c);
                        break;
                }
            }
            return sb.ToString();
        }

        internal static UnsafeSpot Control(string value, int i)
        {
            var c = value[i];
            if (c == '\n' || c == '\r')
                return Spot(i, c, "a line break ends the setting, so the rest of the value would be read as a directive of its own");
            if (c == '\0')
                return Spot(i, c, "the daemons read their configuration as C strings, which end at NUL, so the rest would be lost");
            return Spot(i, c, "configuration files hold printable text only");
        }

        /// <summary>A distinguished name: any character but a control one (the renderers quote and escape the rest).</summary>
        private static UnsafeSpot? FindControl(string value)
        {
            for (var i = 0; i < value.Length; i++)
                if (char.IsControl(value[i])) return Control(value, i);
            return null;
        }

        private static UnsafeSpot? FindAny(string value)
        {
            for (var i = 0; i < value.Length; i++)
            {
                var c = value[i];
                if (char.IsControl(c)) return Control(value, i);
                switch (c)
                {
                    case ';': return Spot(i, c, "nginx and SOGo end a directive at ';', so the rest would be read as a new directive");
                    case '{':
                    case '}': return Spot(i, c, "nginx opens and closes a block at a brace");
                    case '#': return Spot(i, c, "Dovecot reads '#' as the start of a comment and drops the rest of the line");
                    case '"':
                    case '\'': return Spot(i, c, "a quote starts or ends a quoted string in nginx, Dovecot, SOGo and install.sh");
                    case '\\': return Spot(i, c, "a backslash escapes the next character in nginx, SOGo and install.sh");
                    case '`': return Spot(i, c, "install.sh would run the text between backquotes as a command");
                    case '$': return Spot(i, c, "Postfix and nginx expand '$name' as a variable");
                }
                if (char.IsWhiteSpace(c))
                    return Spot(i, c, "whitespace splits the value into separate arguments in nginx and install.sh");
            }
            return null;
        }

        private static UnsafeSpot? FindBanner(string value)
        {
            for (var i = 0; i < value.Length; i++)
            {
                var c = value[i];
                if (char.IsControl(c)) return Control(value, i);
                if (c == '$') return Spot(i, c, "Postfix expands '$name' in smtpd_banner as a parameter");
            }
            return null;
        }

        private static UnsafeSpot? FindOutsideWord(string value, bool allowHyphen, string why)
        {
            if (value.Length == 0) return new UnsafeSpot(0, 0, "is empty", why);
            for (var i = 0; i < value.Length; i++)
            {
                var c = value[i];
                var ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || (allowHyphen && c == '-');
                if (!ok) return char.IsControl(c) ? Control(value, i) : Spot(i, c, why);
            }
            return null;
        }

        internal static UnsafeSpot Spot(int index, char c, string why)
            => new(index, 1, "contains " + Describe(c) + " at character " + (index + 1).ToString(CultureInfo.InvariantCulture), why);
    }
}
