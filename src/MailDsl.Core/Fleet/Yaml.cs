using System.Collections.Generic;
using System.Linq;
using System.Text;

namespace MailDsl.Fleet
{
    /// <summary>How the fleet files write values in YAML: every string double-quoted, so no value is read as a number, a boolean or YAML syntax.</summary>
    public static class Yaml
    {
        /// <summary><paramref name="value"/> as a double-quoted YAML scalar (backslash, quote and control characters escaped).</summary>
        public static string Quote(string value)
        {
            var b = new StringBuilder("\"");
            foreach (var c in value)
            {
                switch (c)
                {
                    case '"': b.Append("\\\""); break;
                    case '\\': b.Append("\\\\"); break;
                    case '\n': b.Append("\\n"); break;
                    case '\t': b.Append("\\t"); break;
                    default:
                        // Control characters, which YAML readers refuse, and the characters YAML reads as line breaks
                        // or a byte-order mark, which would change the value: escaped.
                        if (c < ' ' || (c >= '\u007f' && c <= '\u009f')) b.Append("\\x").Append(((int)c).ToString("x2", System.Globalization.CultureInfo.InvariantCulture));
                        else if (c is '\u2028' or '\u2029' or '\ufeff' or '\ufffe' or '\uffff') b.Append("\\u").Append(((int)c).ToString("x4", System.Globalization.CultureInfo.InvariantCulture));
                        else b.Append(c);
                        break;
                }
            }
            return b.Append('"').ToString();
        }

        /// <summary>
        /// <paramref name="value"/> as a double-quoted YAML scalar folded onto lines of about <paramref name="width"/>
        /// characters, continuation lines indented by <paramref name="indent"/>. Each break is an escaped line break
        /// between two characters' escapes, before one that is not white space (a continuation line's leading white space
        /// is not part of the value), so the value reads back unchanged.
        /// </summary>
        public static string Quote(string value, string indent, int width)
        {
            if (Quote(value).Length <= width) return Quote(value);
            var b = new StringBuilder("\"");
            var line = 1;
            var previous = '\0';
            foreach (var c in value)
            {
                // Near the end of a line, at a word's start; else at the width, wherever the next character is not white space.
                var atWord = previous == ' ' && line >= width - 30;
                var token = Quote(c.ToString());
                token = token.Substring(1, token.Length - 2);
                if ((atWord || line + token.Length > width) && c != ' ' && c != '\t' && !char.IsLowSurrogate(c))
                {
                    b.Append("\\\n").Append(indent);
                    line = indent.Length;
                }
                b.Append(token);
                line += token.Length;
                previous = c;
            }
            return b.Append('"').ToString();
        }

        /// <summary>
        /// <paramref name="value"/> as a YAML string that Ansible never templates (<c>!unsafe</c>): for shell commands and
        /// anything written in the description, which may hold braces.
        /// </summary>
        public static string Unsafe(string value) => "!unsafe " + Quote(value);

        /// <summary><see cref="Unsafe(string)"/>, folded as <see cref="Quote(string, string, int)"/> does.</summary>
        public static string Unsafe(string value, string indent, int width) => "!unsafe " + Quote(value, indent, width);

        /// <summary>A flow list of quoted strings, e.g. <c>["a", "b"]</c>.</summary>
        public static string List(IEnumerable<string> values) => "[" + string.Join(", ", values.Select(Quote)) + "]";

        /// <summary>
        /// <paramref name="key"/> and its list of quoted strings: a flow list when the line fits within
        /// <paramref name="width"/> characters, else a block list, an item a line indented by <paramref name="indent"/>
        /// (linters refuse long lines; both read back as the same list).
        /// </summary>
        public static string List(string key, IEnumerable<string> values, string indent, int width)
        {
            var items = values.ToList();
            var flow = key + ": " + List(items);
            return flow.Length <= width || items.Count == 0 ? flow : key + ":" + string.Concat(items.Select(i => "\n" + indent + "- " + Quote(i)));
        }
    }
}
