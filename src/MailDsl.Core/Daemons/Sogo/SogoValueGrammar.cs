using System.Globalization;
using MailDsl.Rules.Values;

namespace MailDsl.Daemons.Sogo
{
    /// <summary>What sogo.conf's property-list parser does with a raw value (checked with <c>plparse</c>).</summary>
    internal static class SogoValueGrammar
    {
        /// <summary>The first place a raw SOGo value cannot be written safely, or null.</summary>
        public static UnsafeSpot? FindInValue(string value) => FindSogo(value);

        /// <summary>
        /// sogo.conf is a property list: outside a double-quoted string ';' ends the entry, braces open or close a
        /// dictionary, '=' starts another key and '//' or '/*' a comment. Inside quotes a backslash escapes.
        /// </summary>
        internal static UnsafeSpot? FindSogo(string value)
        {
            var quoteStart = -1;
            for (var i = 0; i < value.Length; i++)
            {
                var c = value[i];
                if (char.IsControl(c) && c != '\t') return ValueSafety.Control(value, i);
                // plparse refuses any byte outside ASCII ("bad char"): sogo.conf is read in GNUstep's C-string encoding.
                if (c > '~') return ValueSafety.Spot(i, c, "sogo.conf is read in GNUstep's C-string encoding, and plparse refuses a character outside ASCII (\"bad char\")");
                if (quoteStart >= 0)
                {
                    if (c == '\\') i++;
                    else if (c == '"') quoteStart = -1;
                    continue;
                }
                switch (c)
                {
                    case '"': quoteStart = i; break;
                    case ';': return ValueSafety.Spot(i, c, "sogo.conf ends an entry at ';' outside quotes, so the rest would be read as a new setting");
                    case '{':
                    case '}': return ValueSafety.Spot(i, c, "sogo.conf opens and closes a dictionary at a brace outside quotes");
                    case '=': return ValueSafety.Spot(i, c, "sogo.conf reads '=' outside quotes as the start of another key");
                    case '/' when i + 1 < value.Length && (value[i + 1] == '/' || value[i + 1] == '*'):
                        return ValueSafety.Spot(i, c, "sogo.conf reads '//' and '/*' outside quotes as a comment");
                }
            }
            if (quoteStart >= 0)
                return new UnsafeSpot(quoteStart, 1, "opens a quote at character " + (quoteStart + 1).ToString(CultureInfo.InvariantCulture) + " that is never closed",
                    "sogo.conf would read the rest of the file as part of the string");
            return null;
        }
    }
}
