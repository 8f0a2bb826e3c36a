using System.Globalization;
using MailDsl.Model;

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
        /// <summary>
        /// The first place <paramref name="value"/> cannot be written safely as a <paramref name="kind"/>, or null. Kinds whose
        /// whole grammar another rule holds return null here: <see cref="ValueKind.TlsGroup"/> (MAIL1006: a name of the target's
        /// OpenSSL), <see cref="ValueKind.Version"/> (MAIL4005), <see cref="ValueKind.ListenAddress"/> (MAIL3005),
        /// <see cref="ValueKind.IpAddress"/> and <see cref="ValueKind.Network"/> (MAIL7011), <see cref="ValueKind.LayerKey"/> and
        /// <see cref="ValueKind.Greeting"/> (MAIL7006),
        /// <see cref="ValueKind.Secret"/> (MAIL5004, never kept), <see cref="ValueKind.EnvironmentName"/> (MAIL5004 for what no name
        /// holds, which looks like the password itself and is never quoted; MAIL5005 and MAIL5013 for the rest).
        /// </summary>
        public static UnsafeSpot? Find(string? value, ValueKind kind)
        {
            if (value is null) return null;
            switch (kind)
            {
                case ValueKind.HostName:
                case ValueKind.DnsName:
                case ValueKind.Url:
                case ValueKind.CipherString:
                case ValueKind.MailAddress:
                    return FindAny(value);
                case ValueKind.Path:
                    return FindAny(value) ?? FindInPath(value);
                case ValueKind.Text:
                    return FindBanner(value);
                case ValueKind.MailLocation:
                    return Daemons.Dovecot.DovecotValueGrammar.FindInMailLocation(value);
                case ValueKind.DovecotValue:
                    return Daemons.Dovecot.DovecotValueGrammar.FindInValue(value);
                case ValueKind.PostfixValue:
                    return Daemons.Postfix.PostfixValueGrammar.FindInValue(value);
                case ValueKind.DistinguishedName:
                    return FindControl(value);
                case ValueKind.SqlIdentifier:
                    return FindOutsideName(value, SqlIdentifier);
                case ValueKind.LdapAttribute:
                    return FindOutsideName(value, LdapAttribute);
                case ValueKind.DirectoryField:
                    return FindOutsideName(value, LdapAttribute) ?? FindOutsideName(value, SqlIdentifier);
                case ValueKind.DatabaseName:
                    return FindOutsideName(value, DatabaseName);
                case ValueKind.SystemUser:
                    return FindOutsideName(value, SystemUser);
                case ValueKind.InterfaceName:
                    return FindOutsideName(value, InterfaceName);
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
                case ValueKind.MtaStsMxPattern:
                    return Dns.DnsValueGrammar.FindInMxPattern(value);
                case ValueKind.TlsRptUri:
                    return Dns.DnsValueGrammar.FindInTlsRptUri(value);
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

        /// <summary>
        /// A path holds letters, digits and <c>/ . - _</c> only (after <see cref="FindAny"/>'s checks): every other character is
        /// syntax in one of the places a path is written, each named in the reason.
        /// </summary>
        private static UnsafeSpot? FindInPath(string value)
        {
            // Linux's limits: 255 bytes a name (NAME_MAX), 4095 a path (PATH_MAX less its NUL); no file has a longer one.
            if (value.Length > 4095) return new UnsafeSpot(4095, value.Length - 4095, "is " + value.Length.ToString(CultureInfo.InvariantCulture) + " characters long", "Linux opens no path longer than 4095 bytes (PATH_MAX)");
            var segment = 0;
            for (var i = 0; i <= value.Length; i++)
            {
                if (i < value.Length && value[i] != '/') continue;
                if (i - segment > 255)
                    return new UnsafeSpot(segment, i - segment, "has a name of " + (i - segment).ToString(CultureInfo.InvariantCulture) + " characters", "Linux allows 255 bytes in one file or directory name (NAME_MAX), so no file has this path");
                segment = i + 1;
            }
            for (var i = 0; i < value.Length; i++)
            {
                var c = value[i];
                if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c is '/' or '.' or '-' or '_') continue;
                return Spot(i, c, c switch
                {
                    '%' => "Dovecot and Postfix expand '%' sequences in the settings a path is written into (base, home, mail_location, search_base), and URLs read '%' as an escape",
                    ',' or '=' => "a path is written into Dovecot's user_attrs, where ',' starts another field and '=' names one",
                    ':' => "a path is written into Dovecot's mail_location, where ':' starts another option (INDEX=, CONTROL=), and into URLs",
                    '&' or '?' or '+' => "a path is written into libpq connection URLs, where '&' and '?' start another parameter and '+' may read as a space",
                    '>' or '<' or '|' or '(' or ')' or '*' or '[' or ']' or '~' or '!' or '^' =>
                        "a path is written into /etc/default/sogo, which install.sh and the init script source as shell as root: there it is a redirection, a pipe, a subshell or a pattern",
                    _ => "a path is written into daemons' files, URLs, Dovecot's lists and files a shell sources, so it holds letters, digits and / . - _ only",
                });
            }
            return null;
        }

        /// <summary>The grammar of a name: which characters may start and continue it, how long it may be, and why.</summary>
        private sealed record NameGrammar(System.Func<char, bool> First, System.Func<char, bool> Rest, int MaxLength, string What, string Why);

        private static bool IsLetter(char c) => (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');

        private static bool IsDigit(char c) => c >= '0' && c <= '9';

        private static readonly NameGrammar SqlIdentifier = new(c => IsLetter(c) || c == '_', c => IsLetter(c) || IsDigit(c) || c == '_', 63,
            "a SQL name starts with a letter or '_' and holds letters, digits and '_' (63 at most)",
            "it is written into the SQL queries of Postfix, Dovecot and SOGo, where '--' starts a comment, '-' is minus, a quote ends a string and '%' is a variable");

        private static readonly NameGrammar LdapAttribute = new(IsLetter, c => IsLetter(c) || IsDigit(c) || c == '-', 127,
            "an LDAP attribute name (RFC 4512) starts with a letter and holds letters, digits and '-'",
            "it is written into Dovecot's %{ldap:...} and Postfix's and SOGo's attribute lists, where ':', ',', '}' and spaces are syntax");

        private static readonly NameGrammar DatabaseName = new(c => IsLetter(c) || c == '_', c => IsLetter(c) || IsDigit(c) || c is '_' or '.' or '-', 63,
            "a database or user name starts with a letter or '_' and holds letters, digits and _ . - (63 at most)",
            "it is written into libpq URLs and connection strings, Dovecot's connect strings, Postfix's tables and install.sh, where other characters are syntax");

        private static readonly NameGrammar SystemUser = new(c => (c >= 'a' && c <= 'z') || c == '_', c => (c >= 'a' && c <= 'z') || IsDigit(c) || c is '_' or '-', 32,
            "a user name useradd takes starts with a lower-case letter or '_' and holds lower-case letters, digits, '_' and '-' (32 at most)",
            "install.sh passes it to useradd, groupadd, getent and id, which read a leading '-' as an option and refuse other characters");

        private static readonly NameGrammar InterfaceName = new(IsLetter, c => IsLetter(c) || IsDigit(c) || c is '.' or '-' or '_', 15,
            "a network interface name starts with a letter and holds letters, digits and . - _ (15 at most, Linux's IFNAMSIZ less its NUL)",
            "keepalived.conf names it in 'interface' and after 'dev', where a space, '#', '!', a quote or a brace is syntax, and Linux names no interface longer");

        private static UnsafeSpot? FindOutsideName(string value, NameGrammar grammar)
        {
            if (value.Length == 0) return new UnsafeSpot(0, 0, "is empty", grammar.What);
            for (var i = 0; i < value.Length; i++)
            {
                var c = value[i];
                if (char.IsControl(c)) return Control(value, i);
                if (i == 0 ? grammar.First(c) : grammar.Rest(c)) continue;
                var where = i == 0 ? "starts with " + Describe(c) : "contains " + Describe(c) + " at character " + (i + 1).ToString(CultureInfo.InvariantCulture);
                return new UnsafeSpot(i, 1, where, grammar.What + ": " + grammar.Why);
            }
            if (value.Length > grammar.MaxLength)
                return new UnsafeSpot(grammar.MaxLength, value.Length - grammar.MaxLength,
                    "is " + value.Length.ToString(CultureInfo.InvariantCulture) + " characters long", grammar.What);
            return null;
        }

        private static UnsafeSpot? FindBanner(string value)
        {
            for (var i = 0; i < value.Length; i++)
            {
                var c = value[i];
                if (char.IsControl(c)) return Control(value, i);
                if (c == '$') return Spot(i, c, "Postfix expands '$name' in smtpd_banner as a parameter");
                if (c > '~')
                    return Spot(i, c, "the SMTP greeting is ASCII (RFC 5321), and sogo.conf, where the banner is SOGo's page title, is read in GNUstep's C-string encoding (plparse refuses the character)");
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
