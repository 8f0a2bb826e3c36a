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
                    return FindDovecot(value, strict: true);
                case ValueKind.DovecotValue:
                    return FindDovecot(value, strict: false);
                case ValueKind.PostfixValue:
                case ValueKind.DirectoryValue:
                    return FindControl(value);
                case ValueKind.MailAddress:
                    return FindAny(value);
                case ValueKind.Identifier:
                    return FindOutsideWord(value, allowHyphen: true, "a database, table, column, attribute or user name is written bare into SQL queries, URLs and install.sh, which read other characters as syntax");
                case ValueKind.SogoValue:
                    return FindSogo(value);
                case ValueKind.ListenerName:
                    return FindOutsideWord(value, allowHyphen: true, "a listener name becomes a Dovecot section name and a master.cf service name, which are single words");
                case ValueKind.SettingKey:
                    return FindOutsideWord(value, allowHyphen: false, "a setting name is one word of letters, digits and '_' in main.cf and dovecot.conf");
                case ValueKind.NginxMatch:
                    return FindNginx(value, isDirective: false);
                case ValueKind.NginxDirective:
                    return FindNginx(value, isDirective: true);
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

        private static UnsafeSpot? Control(string value, int i)
        {
            var c = value[i];
            if (c == '\n' || c == '\r')
                return Spot(i, c, "a line break ends the setting, so the rest of the value would be read as a directive of its own");
            if (c == '\0')
                return Spot(i, c, "the daemons read their configuration as C strings, which end at NUL, so the rest would be lost");
            return Spot(i, c, "configuration files hold printable text only");
        }

        /// <summary>Postfix: any control character (postconf reads a tab or CR back as a space, a NUL ends the value).</summary>
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

        private static UnsafeSpot? FindDovecot(string value, bool strict)
        {
            for (var i = 0; i < value.Length; i++)
            {
                var c = value[i];
                if (char.IsControl(c) && c != '\t') return Control(value, i);
                // In "key = value" Dovecot reads braces literally (doveconf keeps "x {"), but '#' anywhere starts a comment.
                if (c == '#') return Spot(i, c, "Dovecot reads '#' as the start of a comment and drops the rest of the line");
                if (strict && (c == '"' || c == '\''))
                    return Spot(i, c, "Dovecot strips quotes around a value, so a quoted mail location would change");
            }
            return null;
        }

        /// <summary>
        /// sogo.conf is a property list: outside a double-quoted string ';' ends the entry, braces open or close a
        /// dictionary, '=' starts another key and '//' or '/*' a comment. Inside quotes a backslash escapes.
        /// </summary>
        private static UnsafeSpot? FindSogo(string value)
        {
            var quoteStart = -1;
            for (var i = 0; i < value.Length; i++)
            {
                var c = value[i];
                if (char.IsControl(c) && c != '\t') return Control(value, i);
                if (quoteStart >= 0)
                {
                    if (c == '\\') i++;
                    else if (c == '"') quoteStart = -1;
                    continue;
                }
                switch (c)
                {
                    case '"': quoteStart = i; break;
                    case ';': return Spot(i, c, "sogo.conf ends an entry at ';' outside quotes, so the rest would be read as a new setting");
                    case '{':
                    case '}': return Spot(i, c, "sogo.conf opens and closes a dictionary at a brace outside quotes");
                    case '=': return Spot(i, c, "sogo.conf reads '=' outside quotes as the start of another key");
                    case '/' when i + 1 < value.Length && (value[i + 1] == '/' || value[i + 1] == '*'):
                        return Spot(i, c, "sogo.conf reads '//' and '/*' outside quotes as a comment");
                }
            }
            if (quoteStart >= 0)
                return new UnsafeSpot(quoteStart, 1, "opens a quote at character " + (quoteStart + 1).ToString(CultureInfo.InvariantCulture) + " that is never closed",
                    "sogo.conf would read the rest of the file as part of the string");
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

        /// <summary>
        /// Reads the value as nginx's tokenizer would: quoted strings may hold anything but line breaks; outside
        /// them a brace opens or closes a block, ';' ends the directive and '#' at the start of a word is a comment
        /// (inside a word it is literal: <c>nginx -t</c> accepts <c>location /a#b</c>).
        /// </summary>
        private static UnsafeSpot? FindNginx(string value, bool isDirective)
        {
            var end = value.Length;
            while (end > 0 && char.IsWhiteSpace(value[end - 1]) && !char.IsControl(value[end - 1])) end--;
            char quote = '\0';
            var quoteStart = -1;
            var wordStart = true;
            for (var i = 0; i < value.Length; i++)
            {
                var c = value[i];
                if (char.IsControl(c) && c != '\t') return Control(value, i);
                if (quote != '\0')
                {
                    if (c == '\\') i++;
                    else if (c == quote) { quote = '\0'; wordStart = false; }
                    continue;
                }
                if (c == ' ' || c == '\t') { wordStart = true; continue; }
                if (wordStart && (c == '"' || c == '\''))
                {
                    quote = c;
                    quoteStart = i;
                    wordStart = false;
                    continue;
                }
                if (c == '\\') { i++; wordStart = false; continue; }
                if (c == '#' && wordStart)
                    return Spot(i, c, "nginx reads '#' at the start of a word as a comment and drops the rest of the line");
                if (c == '{' || c == '}')
                    return Spot(i, c, "nginx opens and closes a block at a brace outside quotes");
                if (c == ';' && !(isDirective && i == end - 1))
                    return Spot(i, c, isDirective
                        ? "nginx ends the directive at ';', so the rest would be read as a new directive"
                        : "nginx ends a directive at ';', so the location block would be cut short");
                wordStart = false;
            }
            if (quote != '\0')
                return new UnsafeSpot(quoteStart, 1, "opens a quote with " + Describe(quote) + " at character " + (quoteStart + 1).ToString(CultureInfo.InvariantCulture) + " that is never closed", "the quoted string is never closed, so nginx would read the rest of the file as part of it");
            if (isDirective && (end == 0 || value[end - 1] != ';'))
                return new UnsafeSpot(end, 0, "does not end in ';'", "nginx would join this directive with the next line");
            return null;
        }

        private static UnsafeSpot Spot(int index, char c, string why)
            => new(index, 1, "contains " + Describe(c) + " at character " + (index + 1).ToString(CultureInfo.InvariantCulture), why);
    }
}
