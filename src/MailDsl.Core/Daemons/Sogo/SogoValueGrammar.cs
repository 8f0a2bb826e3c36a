using System.Globalization;
using System.Text;
using MailDsl.Rules.Values;

namespace MailDsl.Daemons.Sogo
{
    /// <summary>
    /// What sogo.conf's property-list parser (GNUstep's, as <c>plparse</c> and sogod read it) takes as one value, and how
    /// MailDsl writes text into it. Seen with <c>plparse</c> of Debian 12 and 13, character by character: outside quotes a
    /// value is one word of letters, digits and <c>!#$%&amp;*+-./:?@^_|~</c> (a blank ends it, and anything after it but the
    /// closing ';' is refused); a quoted string holds anything, with <c>\"</c> and <c>\\</c>; an array is
    /// <c>( value, value )</c> (a last ',' is allowed); data is <c>&lt;hex&gt;</c>. A character beyond ASCII is "bad char"
    /// to plparse even inside quotes: MailDsl writes it as <c>\UXXXX</c>, which GNUstep reads back as the character.
    /// </summary>
    internal static class SogoValueGrammar
    {
        /// <summary>The first place a raw SOGo value cannot be written safely, or null.</summary>
        public static UnsafeSpot? FindInValue(string value) => FindSogo(value);

        /// <summary>The first place <paramref name="value"/> is not one property-list value, or null.</summary>
        internal static UnsafeSpot? FindSogo(string value)
        {
            for (var i = 0; i < value.Length; i++)
                if (char.IsControl(value[i]) && value[i] != '\t') return ValueSafety.Control(value, i);
            var at = Blanks(value, 0);
            if (at >= value.Length) return null; // nothing: sogo.conf reads "KEY = ;" as an empty value
            var spot = Item(value, ref at, depth: 0);
            if (spot is not null) return spot;
            at = Blanks(value, at);
            if (at < value.Length)
                return Unexpected(value, at, "sogo.conf takes one value per setting and expects ';' after it, so the rest would be refused (quote a value with blanks)");
            return null;
        }

        /// <summary>A property-list quoted string of <paramref name="text"/>: quotes and backslashes escaped, every character beyond ASCII as <c>\UXXXX</c>.</summary>
        public static string Quote(string text) => "\"" + EscapeNonAscii(text.Replace("\\", "\\\\").Replace("\"", "\\\"")) + "\"";

        /// <summary>
        /// A raw value as written into sogo.conf: the same value, every character beyond ASCII (allowed only inside quotes,
        /// <see cref="FindSogo"/>) written as <c>\UXXXX</c>, which GNUstep reads back as that character.
        /// </summary>
        public static string Encode(string value) => EscapeNonAscii(value);

        private static string EscapeNonAscii(string text)
        {
            var plain = true;
            foreach (var c in text) plain &= c <= '~';
            if (plain) return text;
            var b = new StringBuilder(text.Length + 16);
            foreach (var c in text)
            {
                if (c <= '~') b.Append(c);
                else b.Append("\\U").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture));
            }
            return b.ToString();
        }

        // One value at at: a quoted string, a word, an array or data.
        private static UnsafeSpot? Item(string value, ref int at, int depth)
        {
            var c = value[at];
            if (c == '"')
            {
                var start = at++;
                while (at < value.Length && value[at] != '"') at += value[at] == '\\' ? 2 : 1;
                if (at >= value.Length)
                    return new UnsafeSpot(start, 1, "opens a quote at character " + (start + 1).ToString(CultureInfo.InvariantCulture) + " that is never closed",
                        "sogo.conf would read the rest of the file as part of the string");
                at++;
                return null;
            }
            if (c == '(')
            {
                if (depth > 8) return Unexpected(value, at, "arrays nested this deep are not what a SOGo setting takes");
                at = Blanks(value, at + 1);
                while (at < value.Length && value[at] != ')')
                {
                    var spot = Item(value, ref at, depth + 1);
                    if (spot is not null) return spot;
                    at = Blanks(value, at);
                    if (at < value.Length && value[at] == ',') at = Blanks(value, at + 1);
                    else if (at < value.Length && value[at] != ')')
                        return Unexpected(value, at, "sogo.conf separates array values with ',' and closes the array with ')'");
                }
                if (at >= value.Length) return new UnsafeSpot(value.Length, 0, "opens an array with '(' that is never closed", "sogo.conf would read the rest of the file into the array");
                at++;
                return null;
            }
            if (c == '<')
            {
                var start = at++;
                while (at < value.Length && (IsHex(value[at]) || value[at] == ' ' || value[at] == '\t')) at++;
                if (at >= value.Length || value[at] != '>')
                    return at >= value.Length
                        ? new UnsafeSpot(start, 1, "opens data with '<' that is never closed", "sogo.conf reads <...> as hexadecimal data")
                        : Unexpected(value, at, "sogo.conf reads <...> as hexadecimal data: only hex digits go inside");
                at++;
                return null;
            }
            if (!IsWord(c))
                return Unexpected(value, at, c > '~'
                    ? "sogo.conf's parser takes only ASCII outside quotes: quote the value (MailDsl writes the character so sogod reads it back)"
                    : "sogo.conf reads a value as a quoted string, a word of letters, digits and !#$%&*+-./:?@^_|~, an array '( , )' or data '<hex>'");
            var first = at;
            while (at < value.Length && IsWord(value[at]))
            {
                if (value[at] == '/' && at + 1 < value.Length && (value[at + 1] == '/' || value[at + 1] == '*'))
                    return ValueSafety.Spot(at, '/', "sogo.conf reads '//' and '/*' outside quotes as a comment");
                at++;
            }
            return at > first ? null : Unexpected(value, at, "sogo.conf expects a value here");
        }

        private static UnsafeSpot Unexpected(string value, int at, string why)
            => value[at] switch
            {
                ';' => ValueSafety.Spot(at, ';', "sogo.conf ends an entry at ';' outside quotes, so the rest would be read as a new setting"),
                '{' or '}' => ValueSafety.Spot(at, value[at], "sogo.conf opens and closes a dictionary at a brace outside quotes"),
                '=' => ValueSafety.Spot(at, '=', "sogo.conf reads '=' outside quotes as the start of another key"),
                _ => ValueSafety.Spot(at, value[at], why),
            };

        private static int Blanks(string value, int at)
        {
            while (at < value.Length && (value[at] == ' ' || value[at] == '\t')) at++;
            return at;
        }

        // The characters plparse takes in an unquoted word (tried one by one between 'a' and 'b').
        private static bool IsWord(char c)
            => (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || "!#$%&*+-./:?@^_|~".IndexOf(c) >= 0;

        private static bool IsHex(char c) => (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }
}
