using System.Globalization;
using System.Text;

namespace MailDsl.Hosting
{
    /// <summary>
    /// The little JSON the CLI writes (<c>check --format json</c>). netstandard2.0 has no JSON writer and the library
    /// takes no dependency for one: strings are escaped as RFC 8259 requires, numbers are invariant.
    /// </summary>
    internal static class JsonText
    {
        /// <summary><paramref name="value"/> as a JSON string literal, quotes included.</summary>
        public static string String(string? value)
        {
            if (value is null) return "null";
            var s = new StringBuilder(value.Length + 2).Append('"');
            foreach (var c in value)
            {
                switch (c)
                {
                    case '"': s.Append("\\\""); break;
                    case '\\': s.Append("\\\\"); break;
                    case '\n': s.Append("\\n"); break;
                    case '\r': s.Append("\\r"); break;
                    case '\t': s.Append("\\t"); break;
                    case '\b': s.Append("\\b"); break;
                    case '\f': s.Append("\\f"); break;
                    default:
                        if (c < ' ' || c == '\u2028' || c == '\u2029') s.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                        else s.Append(c);
                        break;
                }
            }
            return s.Append('"').ToString();
        }

        /// <summary><paramref name="value"/> as a JSON number.</summary>
        public static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);
    }
}
