using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using MailDsl.Rules.Values;

namespace MailDsl.Daemons.Nginx
{
    /// <summary>What nginx's tokenizer does with a raw location match or directive (checked with <c>nginx -t</c> and <c>nginx -T</c>).</summary>
    internal static class NginxValueGrammar
    {
        /// <summary>
        /// Reads the value as nginx's tokenizer would: quoted strings may hold anything but line breaks; outside
        /// them a brace opens or closes a block, ';' ends the directive and '#' at the start of a word is a comment
        /// (inside a word it is literal: <c>nginx -t</c> accepts <c>location /a#b</c>).
        /// </summary>
        public static UnsafeSpot? Find(string value, bool isDirective)
        {
            var end = value.Length;
            while (end > 0 && char.IsWhiteSpace(value[end - 1]) && !char.IsControl(value[end - 1])) end--;
            char quote = '\0';
            var quoteStart = -1;
            var wordStart = true;
            var terminated = false;
            for (var i = 0; i < value.Length; i++)
            {
                var c = value[i];
                if (char.IsControl(c) && c != '\t') return ValueSafety.Control(value, i);
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
                if (c == '\\')
                {
                    // "\;" is a literal ';' inside the word: nginx reads on, into the next line (seen: 'try_files $uri\;'
                    // followed by 'deny all;' is one directive to nginx, so the deny is gone).
                    if (i + 1 < value.Length && value[i + 1] == ';')
                        return new UnsafeSpot(i, 2, "escapes a ';' with a backslash at character " + (i + 1).ToString(CultureInfo.InvariantCulture),
                            "nginx reads '\\;' as a literal ';' inside a word, not the end of the directive, so it would read the next line as part of this one");
                    i++;
                    wordStart = false;
                    continue;
                }
                if (c == '#' && wordStart)
                    return ValueSafety.Spot(i, c, "nginx reads '#' at the start of a word as a comment and drops the rest of the line");
                if (c == '{' || c == '}')
                    return ValueSafety.Spot(i, c, "nginx opens and closes a block at a brace outside quotes");
                if (c == ';' && isDirective && i == end - 1) terminated = true;
                else if (c == ';')
                    return ValueSafety.Spot(i, c, isDirective
                        ? "nginx ends the directive at ';', so the rest would be read as a new directive"
                        : "nginx ends a directive at ';', so the location block would be cut short");
                wordStart = false;
            }
            if (quote != '\0')
                return new UnsafeSpot(quoteStart, 1, "opens a quote with " + ValueSafety.Describe(quote) + " at character " + (quoteStart + 1).ToString(CultureInfo.InvariantCulture) + " that is never closed", "the quoted string is never closed, so nginx would read the rest of the file as part of it");
            if (isDirective && !terminated)
                return new UnsafeSpot(end, 0, "does not end in ';'", "nginx would join this directive with the next line");
            return isDirective ? null : FindInMatch(value);
        }

        /// <summary>
        /// A location match is one word (a URI, '@name', or a URI with its modifier attached such as '=/x'), or a modifier
        /// ('=', '~', '~*', '^~') and one word: nginx refuses anything else ("invalid location modifier", "invalid number of
        /// arguments"). Words are split where the tokenizer splits them, outside quotes.
        /// </summary>
        private static UnsafeSpot? FindInMatch(string value)
        {
            var words = new List<(int Start, int Length)>();
            var i = 0;
            while (i < value.Length)
            {
                while (i < value.Length && (value[i] == ' ' || value[i] == '\t')) i++;
                if (i >= value.Length) break;
                var start = i;
                if (value[i] == '"' || value[i] == '\'')
                {
                    var quote = value[i++];
                    while (i < value.Length && value[i] != quote) i += value[i] == '\\' ? 2 : 1;
                    i++;
                }
                else
                {
                    while (i < value.Length && value[i] != ' ' && value[i] != '\t') i += value[i] == '\\' ? 2 : 1;
                }
                words.Add((start, Math.Min(i, value.Length) - start));
            }
            if (words.Count == 0)
                return new UnsafeSpot(0, 0, "is empty", "nginx needs a location to match");
            if (words.Count == 2 && value.Substring(words[0].Start, words[0].Length) is not ("=" or "~" or "~*" or "^~"))
                return new UnsafeSpot(words[0].Start, words[0].Length, "has two words, and '" + value.Substring(words[0].Start, words[0].Length) + "' is not a location modifier",
                    "nginx reads the first of two words as a modifier ('=', '~', '~*' or '^~') and refuses anything else");
            if (words.Count > 2)
                return new UnsafeSpot(words[2].Start, words[2].Length, "has more than a modifier and one match",
                    "nginx refuses a location with more words than that (quote a regular expression that holds a space)");
            return null;
        }

        /// <summary>
        /// The words of <paramref name="text"/> as ngx_conf_read_token gives them: split at blanks outside quotes, quotes
        /// dropped, escapes read (<c>\"</c>, <c>\'</c>, <c>\\</c>, <c>\t</c>, <c>\r</c>, <c>\n</c>; any other backslash stays). For
        /// text the grammar (<see cref="Find"/>) takes: one directive, its ';' left off by the caller.
        /// </summary>
        public static List<string> Tokens(string text)
        {
            var words = new List<string>();
            var i = 0;
            while (i < text.Length)
            {
                while (i < text.Length && (text[i] == ' ' || text[i] == '\t')) i++;
                if (i >= text.Length) break;
                var word = new StringBuilder();
                var quote = text[i] == '"' || text[i] == '\'' ? text[i++] : '\0';
                while (i < text.Length)
                {
                    var c = text[i];
                    if (quote == '\0' && (c == ' ' || c == '\t')) break;
                    if (quote != '\0' && c == quote) { i++; break; }
                    if (c == '\\' && i + 1 < text.Length)
                    {
                        var next = text[i + 1];
                        if (next is '"' or '\'' or '\\') { word.Append(next); i += 2; continue; }
                        if (next is 't' or 'r' or 'n') { word.Append(next == 't' ? '\t' : next == 'r' ? '\r' : '\n'); i += 2; continue; }
                    }
                    word.Append(c);
                    i++;
                }
                words.Add(word.ToString());
            }
            return words;
        }
    }
}
