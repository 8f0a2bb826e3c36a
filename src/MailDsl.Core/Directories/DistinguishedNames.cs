using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace MailDsl.Directories
{
    /// <summary>
    /// Distinguished names (RFC 4514) as the description writes them (a base DN, a bind DN): read by RFC 4514's grammar, and
    /// written back in its escaped form, so every file holds the same DN whatever the daemon does with the text around it.
    /// <para>
    /// Each attribute value is written with RFC 4514's escapes for the characters its grammar reserves (<c>\ " + , ; &lt; &gt;</c>,
    /// a leading <c>#</c> or space, a trailing space), and, beyond RFC 4514's minimum, as <c>\XX</c> hex pairs (also RFC 4514)
    /// for <c>%</c> and <c>$</c>, which Postfix's search_base and Dovecot's base and 2.4 settings expand as variables, and for
    /// every byte outside printable ASCII (sogo.conf is read in GNUstep's C-string encoding). The directory server decodes the
    /// pairs, so it searches the DN that was written; no daemon sees a character it reads as syntax.
    /// </para>
    /// </summary>
    public static class DistinguishedNames
    {
        /// <summary>Why <paramref name="dn"/> is not an RFC 4514 distinguished name, with where (offset, length); null when it is one or empty.</summary>
        public static (string Why, int Start, int Length)? Problem(string? dn)
        {
            var parsed = Parse(dn ?? "");
            return parsed.Problem;
        }

        /// <summary><paramref name="dn"/> in RFC 4514's escaped form, as written above; the value itself when it is not a DN (rules refuse it).</summary>
        public static string Escape(string dn)
        {
            var parsed = Parse(dn);
            if (parsed.Problem is not null) return dn;
            var text = new StringBuilder(dn.Length + 8);
            for (var i = 0; i < parsed.Rdns.Count; i++)
            {
                if (i > 0) text.Append(',');
                var rdn = parsed.Rdns[i];
                for (var j = 0; j < rdn.Count; j++)
                {
                    if (j > 0) text.Append('+');
                    text.Append(rdn[j].Type).Append('=');
                    if (rdn[j].Hex is { } hex) text.Append(hex);
                    else AppendValue(text, rdn[j].Value);
                }
            }
            return text.ToString();
        }

        private static void AppendValue(StringBuilder text, byte[] value)
        {
            for (var i = 0; i < value.Length; i++)
            {
                var b = value[i];
                var c = (char)b;
                var first = i == 0;
                var last = i == value.Length - 1;
                if (c is '\\' or '"' or '+' or ',' or ';' or '<' or '>' || (first && c is '#' or ' ') || (last && c == ' '))
                    text.Append('\\').Append(c);
                else if (b < 0x21 && c != ' ' || b > 0x7e || c is '%' or '$')
                    text.Append('\\').Append(b.ToString("X2", CultureInfo.InvariantCulture));
                else
                    text.Append(c);
            }
        }

        private sealed record Attribute(string Type, byte[] Value, string? Hex);

        private sealed record Parsed(List<List<Attribute>> Rdns, (string Why, int Start, int Length)? Problem);

        private static Parsed Parse(string dn)
        {
            var rdns = new List<List<Attribute>>();
            Parsed Fail(string why, int start, int length) => new(rdns, (why, start, length));
            if (dn.Length == 0) return new Parsed(rdns, null);
            var i = 0;
            var rdn = new List<Attribute>();
            while (true)
            {
                // Spaces around the separators are read as most directories read them (RFC 4514 writes none).
                while (i < dn.Length && dn[i] == ' ') i++;
                var typeStart = i;
                while (i < dn.Length && dn[i] != '=' && dn[i] != ',' && dn[i] != '+') i++;
                var type = dn.Substring(typeStart, i - typeStart).TrimEnd(' ');
                if (i >= dn.Length || dn[i] != '=')
                    return type.Length == 0
                        ? Fail(typeStart >= dn.Length ? "it ends with a separator, leaving an empty relative name" : "it has an empty relative name (two separators in a row)", typeStart, 1)
                        : Fail($"'{type}' has no '=': each part of a DN is type=value, e.g. dc=example", typeStart, type.Length);
                if (TypeProblem(type) is { } typeWhy) return Fail(typeWhy, typeStart, type.Length);
                i++; // '='
                while (i < dn.Length && dn[i] == ' ') i++;
                var valueStart = i;
                string? hex = null;
                var value = new List<byte>();
                if (i < dn.Length && dn[i] == '#')
                {
                    // A BER-encoded value in hex: '#' and pairs of hex digits.
                    i++;
                    while (i < dn.Length && IsHex(dn[i])) i++;
                    var digits = i - valueStart - 1;
                    if (digits == 0 || digits % 2 != 0) return Fail("a value starting with '#' is hex pairs (RFC 4514's BER form); write '\\#' for a literal '#'", valueStart, i - valueStart);
                    hex = dn.Substring(valueStart, i - valueStart).ToUpperInvariant();
                    while (i < dn.Length && dn[i] == ' ') i++;
                }
                else
                {
                    var trailingSpaces = 0;
                    while (i < dn.Length && dn[i] != ',' && dn[i] != '+')
                    {
                        var c = dn[i];
                        if (c == '\\')
                        {
                            if (i + 1 >= dn.Length) return Fail("it ends with a lone '\\'; write '\\\\' for a backslash", i, 1);
                            var next = dn[i + 1];
                            if (IsHex(next) && i + 2 < dn.Length && IsHex(dn[i + 2]))
                            {
                                value.Add(byte.Parse(dn.Substring(i + 1, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture));
                                i += 3;
                            }
                            else if (next is '\\' or '"' or '+' or ',' or ';' or '<' or '>' or ' ' or '#' or '=')
                            {
                                value.Add((byte)next);
                                i += 2;
                            }
                            else return Fail($"'\\{next}' is not an escape: RFC 4514 escapes \\ \" + , ; < > # = and space, or a byte as two hex digits", i, 2);
                            trailingSpaces = 0;
                            continue;
                        }
                        if (c is '"' or ';' or '<' or '>')
                            return Fail($"it holds {Describe(c)} unescaped, which RFC 4514 reserves; write \\{c} inside a value", i, 1);
                        if (char.IsControl(c)) return Fail("it holds a control character", i, 1);
                        trailingSpaces = c == ' ' ? trailingSpaces + 1 : 0;
                        var width = char.IsHighSurrogate(c) && i + 1 < dn.Length && char.IsLowSurrogate(dn[i + 1]) ? 2 : 1;
                        if (width == 1 && char.IsSurrogate(c)) return Fail("it holds half of a UTF-16 surrogate pair, which is no character", i, 1);
                        value.AddRange(Encoding.UTF8.GetBytes(dn.Substring(i, width)));
                        i += width;
                    }
                    // Unescaped spaces before a separator belong to the separator.
                    if (trailingSpaces > 0) value.RemoveRange(value.Count - trailingSpaces, trailingSpaces);
                    if (!IsUtf8(value.ToArray())) return Fail("its hex escapes do not spell UTF-8 text", valueStart, i - valueStart);
                }
                if (i < dn.Length && dn[i] != ',' && dn[i] != '+')
                    return Fail("a '#' value is hex pairs only; write '\\#' for a literal '#'", valueStart, i - valueStart + 1);
                rdn.Add(new Attribute(type, value.ToArray(), hex));
                if (i >= dn.Length)
                {
                    rdns.Add(rdn);
                    return new Parsed(rdns, null);
                }
                if (dn[i] == ',')
                {
                    rdns.Add(rdn);
                    rdn = new List<Attribute>();
                }
                i++;
                if (i >= dn.Length) return Fail("it ends with a separator, leaving an empty relative name", i - 1, 1);
            }
        }

        // descr (a letter, then letters, digits and '-') or a numeric OID, as RFC 4512 defines an attribute type.
        private static string? TypeProblem(string type)
        {
            if (type.Length == 0) return "a part has no attribute type before '='";
            if (type[0] >= '0' && type[0] <= '9')
            {
                foreach (var part in type.Split('.'))
                {
                    if (part.Length == 0 || (part.Length > 1 && part[0] == '0')) return $"'{type}' is not a numeric OID (digits separated by dots)";
                    foreach (var c in part)
                        if (c < '0' || c > '9') return $"'{type}' is not a numeric OID (digits separated by dots)";
                }
                return null;
            }
            var first = type[0];
            if (!((first >= 'a' && first <= 'z') || (first >= 'A' && first <= 'Z'))) return $"the attribute type '{type}' does not start with a letter";
            foreach (var c in type)
                if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-'))
                    return $"the attribute type '{type}' holds {Describe(c)}: a type is letters, digits and '-'";
            return null;
        }

        private static bool IsHex(char c) => (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');

        private static string Describe(char c) => Rules.Values.ValueSafety.Describe(c);

        private static bool IsUtf8(byte[] bytes)
        {
            try
            {
                new UTF8Encoding(false, true).GetString(bytes);
                return true;
            }
            catch (DecoderFallbackException)
            {
                return false;
            }
        }
    }
}
