using System.Text;

namespace MailDsl.Render.Tests.Support;

/// <summary>Reads an OpenStep property list (sogo.conf) as far as the tests need: the keys of its outermost dictionary.</summary>
public static class PropertyList
{
    /// <summary>
    /// The keys of the outermost dictionary, in order: the names before '=' at depth one, outside quoted strings and
    /// comments. Nested dictionaries and arrays (SOGoUserSources' entries) are skipped.
    /// </summary>
    public static IReadOnlyList<string> TopLevelKeys(string text)
    {
        var keys = new List<string>();
        var depth = 0;
        var token = new StringBuilder();
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '/' && i + 1 < text.Length && text[i + 1] == '*')
            {
                var end = text.IndexOf("*/", i + 2, StringComparison.Ordinal);
                i = end < 0 ? text.Length : end + 1;
                continue;
            }
            if (c == '/' && i + 1 < text.Length && text[i + 1] == '/')
            {
                var end = text.IndexOf('\n', i);
                i = end < 0 ? text.Length : end;
                continue;
            }
            if (c == '"')
            {
                for (i++; i < text.Length && text[i] != '"'; i++)
                    if (text[i] == '\\') i++;
                token.Clear();
                continue;
            }
            switch (c)
            {
                case '{' or '(':
                    depth++;
                    token.Clear();
                    break;
                case '}' or ')':
                    depth--;
                    token.Clear();
                    break;
                case '=':
                    if (depth == 1 && token.Length > 0) keys.Add(token.ToString());
                    token.Clear();
                    break;
                case ';' or ',':
                    token.Clear();
                    break;
                default:
                    if (char.IsLetterOrDigit(c) || c == '_') token.Append(c);
                    else if (!char.IsWhiteSpace(c)) token.Clear();
                    break;
            }
        }
        return keys;
    }
}
