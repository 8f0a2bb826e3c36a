using System;
using System.Collections.Generic;
using System.Globalization;

namespace MailDsl.Daemons.Nginx
{
    /// <summary>What <see cref="PcreSyntax.Check"/> found: a place PCRE2 refuses, or a construct MailDsl cannot judge.</summary>
    /// <param name="Start">Offset in the pattern.</param>
    /// <param name="Length">Length of the part at fault (at least 1 where there is one).</param>
    /// <param name="Message">PCRE2's reason, in its own words where MailDsl knows them.</param>
    /// <param name="Refused">True when pcre2_compile refuses the pattern; false when MailDsl cannot tell.</param>
    internal sealed record PcreProblem(int Start, int Length, string Message, bool Refused);

    /// <summary>
    /// The syntax pcre2_compile accepts, as nginx compiles a location's regular expression (no options but caseless for
    /// <c>~*</c>; 8-bit, not UTF). Seen with nginx -t on Debian 12 (PCRE2 10.42) and Debian 13 (10.45), whose answers the
    /// fuzz tests compare with this on every generated pattern: groups and their <c>(?</c> forms, classes and POSIX names,
    /// escapes (PCRE2 refuses an unknown letter after '\' and \L, \l, \U, \u), quantifiers (none after nothing, an assertion
    /// or another quantifier but one '?' or '+'; <c>{n,m}</c> in order and at most 65535), back references to groups that
    /// exist, names unique, lookbehinds of fixed length (PCRE2 before 10.43, Debian 12's). A Unicode property name MailDsl
    /// does not list is reported as not checked rather than guessed.
    /// </summary>
    internal static class PcreSyntax
    {
        private const int MaxQuantifier = 65535;

        private static readonly HashSet<string> PosixClasses = new(StringComparer.Ordinal)
        {
            "alnum", "alpha", "ascii", "blank", "cntrl", "digit", "graph", "lower", "print", "punct", "space", "upper", "word", "xdigit",
        };

        // Unicode general categories and PCRE2's special properties; script names are not listed (not checked).
        private static readonly HashSet<string> Properties = new(StringComparer.Ordinal)
        {
            "Any", "L&", "Xan", "Xps", "Xsp", "Xwd", "Xuc", "C", "Cc", "Cf", "Cn", "Co", "Cs", "L", "Ll", "Lm", "Lo", "Lt", "Lu", "M", "Mc",
            "Me", "Mn", "N", "Nd", "Nl", "No", "P", "Pc", "Pd", "Pe", "Pf", "Pi", "Po", "Ps", "S", "Sc", "Sk", "Sm", "So", "Z", "Zl", "Zp", "Zs",
        };

        private sealed class State
        {
            public State(string pattern) { P = pattern; }
            public readonly string P;
            public int At;
            public int Groups;
            public readonly List<(int Number, int Start, int Length)> NumberRefs = new();
            public readonly List<(string Name, int Start, int Length)> NameRefs = new();
            public readonly HashSet<string> Names = new(StringComparer.Ordinal);
            public PcreProblem? Unchecked;
        }

        private sealed class RegexError : Exception
        {
            public RegexError(int start, int length, string message) : base(message) { Start = start; Length = length; }
            public int Start { get; }
            public int Length { get; }
        }

        /// <summary>Where pcre2_compile refuses <paramref name="pattern"/>, or what MailDsl cannot judge in it; null when it compiles.</summary>
        public static PcreProblem? Check(string pattern)
        {
            var st = new State(pattern);
            try
            {
                Alternatives(st, depth: 0, lookbehind: false);
                if (st.At < pattern.Length) throw new RegexError(st.At, 1, "unmatched closing parenthesis");
                foreach (var (number, start, length) in st.NumberRefs)
                    if (number > st.Groups) throw new RegexError(start, length, "reference to non-existent subpattern");
                foreach (var (name, start, length) in st.NameRefs)
                    if (!st.Names.Contains(name)) throw new RegexError(start, length, "reference to non-existent subpattern");
                return st.Unchecked;
            }
            catch (RegexError e)
            {
                return new PcreProblem(e.Start, Math.Max(1, Math.Min(e.Length, Math.Max(1, pattern.Length - e.Start))), e.Message, true);
            }
        }

        private static char Peek(State st, int ahead = 0) => st.At + ahead < st.P.Length ? st.P[st.At + ahead] : '\0';

        private static bool More(State st) => st.At < st.P.Length;

        // Alternatives up to an unmatched ')' or the end. In a lookbehind, returns its length when fixed, else -1: at the
        // top of a lookbehind each branch must be fixed (PCRE2 10.42 takes branches of different lengths there), inside a
        // group within one every branch must have the same length. In a branch-reset group each branch numbers its groups
        // from the same start.
        private static int Alternatives(State st, int depth, bool lookbehind, bool topOfLookbehind = false, bool branchReset = false)
        {
            var groupsAtStart = st.Groups;
            var maxGroups = st.Groups;
            int? common = null;
            var allFixed = true;
            var longest = 0;
            while (true)
            {
                if (branchReset) st.Groups = groupsAtStart;
                var branch = Sequence(st, depth, lookbehind);
                maxGroups = Math.Max(maxGroups, st.Groups);
                if (branch < 0) allFixed = false;
                else
                {
                    longest = Math.Max(longest, branch);
                    common = common is null ? branch : common == branch ? branch : -1;
                }
                if (Peek(st) != '|') break;
                st.At++;
            }
            st.Groups = maxGroups;
            if (!lookbehind || !allFixed) return -1;
            return topOfLookbehind ? longest : common ?? 0;
        }

        // Items up to '|', ')' or the end; with lookbehind, the sequence's fixed length or -1.
        private static int Sequence(State st, int depth, bool lookbehind)
        {
            var total = 0;
            var previous = ItemKind.None;
            var previousLength = 0;
            while (More(st) && Peek(st) != '|' && Peek(st) != ')')
            {
                var start = st.At;
                if (IsQuantifierStart(st, out var quantifierLength))
                {
                    var fixedCount = QuantifierFixedCount(st.P.Substring(st.At, quantifierLength));
                    if (previous is ItemKind.None or ItemKind.Assertion or ItemKind.Quantifier)
                        throw new RegexError(start, 1, "quantifier does not follow a repeatable item");
                    st.At += quantifierLength;
                    // One '?' (lazy) or '+' (possessive) may follow; any further quantifier is refused.
                    if (Peek(st) == '?' || Peek(st) == '+') st.At++;
                    if (lookbehind && total >= 0)
                        total = fixedCount is { } n && previousLength >= 0 ? total - previousLength + previousLength * n : -1;
                    previous = ItemKind.Quantifier;
                    continue;
                }
                var (kind, length) = Item(st, depth, lookbehind);
                if (kind == ItemKind.Nothing) continue; // \E, \Q\E, a comment: nothing to repeat, nothing to count
                if (kind == ItemKind.Barrier)
                {
                    previous = ItemKind.None;
                    continue;
                }
                previous = kind;
                previousLength = length;
                if (lookbehind) total = total < 0 || length < 0 ? -1 : total + length;
            }
            return total;
        }

        private enum ItemKind { None, Atom, Assertion, Quantifier, Nothing, Barrier }

        private static bool IsQuantifierStart(State st, out int length)
        {
            length = 0;
            var c = Peek(st);
            if (c is '*' or '+' or '?') { length = 1; return true; }
            if (c != '{') return false;
            // {n} {n,} {n,m}, and {,m} (PCRE2 10.43+ reads it as a quantifier; 10.42 as text: both compile).
            var i = st.At + 1;
            var p = st.P;
            var lo = i;
            while (i < p.Length && char.IsDigit(p[i]) && p[i] <= '9') i++;
            var hasLow = i > lo;
            var hasComma = false;
            var hasHigh = false;
            if (i < p.Length && p[i] == ',')
            {
                hasComma = true;
                i++;
                var hi = i;
                while (i < p.Length && p[i] >= '0' && p[i] <= '9') i++;
                hasHigh = i > hi;
            }
            if (i >= p.Length || p[i] != '}' || (!hasLow && !(hasComma && hasHigh))) return false;
            if (!hasLow) return false; // {,m}: text on 10.42, a quantifier on 10.45; either way it compiles after an atom
            length = i - st.At + 1;
            var body = p.Substring(st.At + 1, length - 2).Split(',');
            var low = Number(body[0]);
            var high = body.Length > 1 && body[1].Length > 0 ? Number(body[1]) : low;
            if (low > MaxQuantifier || high > MaxQuantifier) throw new RegexError(st.At, length, "number too big in {} quantifier");
            if (body.Length > 1 && body[1].Length > 0 && high < low) throw new RegexError(st.At, length, "numbers out of order in {} quantifier");
            _ = hasComma;
            return true;
        }

        private static int? QuantifierFixedCount(string quantifier)
        {
            if (quantifier.Length < 3 || quantifier[0] != '{') return null;
            var body = quantifier.Substring(1, quantifier.Length - 2).Split(',');
            if (body.Length == 1) return Number(body[0]);
            return body[1].Length > 0 && Number(body[1]) == Number(body[0]) ? Number(body[0]) : null;
        }

        private static int Number(string digits)
            => digits.Length > 6 ? int.MaxValue : int.Parse(digits, NumberStyles.None, CultureInfo.InvariantCulture);

        private static (ItemKind Kind, int Length) Item(State st, int depth, bool lookbehind)
        {
            var c = Peek(st);
            switch (c)
            {
                case '^':
                case '$':
                    st.At++;
                    return (ItemKind.Assertion, 0);
                case '.':
                    st.At++;
                    return (ItemKind.Atom, 1);
                case '[':
                    Class(st);
                    return (ItemKind.Atom, 1);
                case '(':
                    return Group(st, depth, lookbehind);
                case '\\':
                    return Escape(st, lookbehind);
                default:
                    st.At++;
                    return (ItemKind.Atom, 1);
            }
        }

        private static (ItemKind Kind, int Length) Group(State st, int depth, bool lookbehind)
        {
            var open = st.At;
            if (depth > 250) throw new RegexError(open, 1, "parentheses are too deeply nested");
            st.At++;
            if (Peek(st) == '*')
            {
                // (*VERB) and start-of-pattern options: the ones PCRE2 knows.
                var close = st.P.IndexOf(')', st.At);
                if (close < 0) throw new RegexError(open, 2, "(*VERB) not recognized or malformed");
                var verb = st.P.Substring(st.At + 1, close - st.At - 1);
                var name = verb.Split(':')[0];
                var known = new[] { "ACCEPT", "FAIL", "F", "COMMIT", "PRUNE", "SKIP", "THEN", "MARK", "", "UTF", "UCP", "NO_AUTO_POSSESS", "NO_START_OPT",
                    "NO_DOTSTAR_ANCHOR", "NO_JIT", "NOTEMPTY", "NOTEMPTY_ATSTART", "CR", "LF", "CRLF", "ANYCRLF", "ANY", "NUL", "BSR_ANYCRLF", "BSR_UNICODE" };
                if (Array.IndexOf(known, name) < 0 && !name.StartsWith("LIMIT_", StringComparison.Ordinal))
                    throw new RegexError(open, close - open + 1, "(*VERB) not recognized or malformed");
                st.At = close + 1;
                return (ItemKind.Nothing, 0);
            }
            var capturing = true;
            var inner = lookbehind;
            var isLookbehind = false;
            var assertion = false;
            var branchReset = false;
            if (Peek(st) == '?')
            {
                st.At++;
                var c = Peek(st);
                capturing = false;
                switch (c)
                {
                    case ':':
                    case '>':
                        st.At++;
                        break;
                    case '|':
                        st.At++;
                        branchReset = true;
                        break;
                    case '=':
                    case '!':
                        st.At++;
                        assertion = true;
                        break;
                    case '#':
                        var end = st.P.IndexOf(')', st.At);
                        if (end < 0) throw new RegexError(open, 3, "missing ) after (?# comment");
                        st.At = end + 1;
                        return (ItemKind.Nothing, 0);
                    case '<' when Peek(st, 1) is '=' or '!':
                        st.At += 2;
                        isLookbehind = true;
                        assertion = true;
                        break;
                    case '<':
                    case '\'':
                        st.At++;
                        Name(st, c == '<' ? '>' : '\'', define: true);
                        capturing = true;
                        break;
                    case 'P':
                        st.At++;
                        if (Peek(st) == '<')
                        {
                            st.At++;
                            Name(st, '>', define: true);
                            capturing = true;
                        }
                        else if (Peek(st) is '=' or '>')
                        {
                            var reference = Peek(st) == '=';
                            st.At++;
                            var nameStart = st.At;
                            var name = Name(st, ')', define: false);
                            st.NameRefs.Add((name, nameStart, name.Length));
                            return (ItemKind.Atom, reference || !lookbehind ? -1 : -1);
                        }
                        else throw new RegexError(open, st.At - open + 1, "unrecognized character after (?P");
                        break;
                    case '&':
                    {
                        st.At++;
                        var nameStart = st.At;
                        var name = Name(st, ')', define: false);
                        st.NameRefs.Add((name, nameStart, name.Length));
                        return (ItemKind.Atom, -1);
                    }
                    case 'R':
                    case '0':
                    case '1': case '2': case '3': case '4': case '5': case '6': case '7': case '8': case '9':
                    case '+':
                    case '-' when char.IsDigit(Peek(st, 1)):
                    {
                        // (?R), (?n), (?+n), (?-n): recursion into a group.
                        var numberStart = st.At;
                        if (c is '+' or '-') st.At++;
                        if (c == 'R') st.At++;
                        else
                        {
                            var digits = st.At;
                            while (char.IsDigit(Peek(st)) && Peek(st) <= '9') st.At++;
                            if (st.At == digits) throw new RegexError(open, st.At - open + 1, "digit expected after (?+ or (?-");
                            var n = Number(st.P.Substring(digits, st.At - digits));
                            if (c == '+') st.NumberRefs.Add((st.Groups + n, numberStart, st.At - numberStart));
                            else if (c == '-') { if (n > st.Groups || n == 0) throw new RegexError(numberStart, st.At - numberStart, "reference to non-existent subpattern"); }
                            else st.NumberRefs.Add((n, numberStart, st.At - numberStart));
                        }
                        if (Peek(st) != ')') throw new RegexError(open, st.At - open + 1, "missing closing parenthesis");
                        st.At++;
                        return (ItemKind.Atom, -1);
                    }
                    case '(':
                        // A condition: (?(n)...), (?(<name>)...), (?(R)...), (?(DEFINE)...), or an assertion.
                        st.Unchecked ??= new PcreProblem(open, 3, "a conditional group (?(...)...), which MailDsl does not check", false);
                        SkipBalanced(st, open);
                        return (ItemKind.Atom, -1);
                    case 'C':
                        st.Unchecked ??= new PcreProblem(open, 3, "a callout (?C...), which MailDsl does not check", false);
                        SkipBalanced(st, open);
                        return (ItemKind.Nothing, 0);
                    default:
                        // Option settings: (?imnrsxJU-imnrsx) alone or before ':', and (?^...).
                        var optionsStart = st.At;
                        if (Peek(st) == '^') st.At++;
                        while ("imnrsxJUaD-".IndexOf(Peek(st)) >= 0 && More(st)) st.At++;
                        if (Peek(st) == ')')
                        {
                            // An option setting is no item, and nothing before it can be repeated after it: "(?i)+" is refused.
                            st.At++;
                            return (ItemKind.Barrier, 0);
                        }
                        if (Peek(st) == ':' && st.At > optionsStart)
                        {
                            st.At++;
                            break;
                        }
                        throw new RegexError(open, Math.Max(3, st.At - open + 1), "unrecognized character after (? or (?-");
                }
            }
            if (capturing) st.Groups++;
            var length = Alternatives(st, depth + 1, inner || isLookbehind, topOfLookbehind: isLookbehind, branchReset: branchReset);
            if (Peek(st) != ')') throw new RegexError(open, 1, "missing closing parenthesis");
            st.At++;
            if (isLookbehind && length < 0) throw new RegexError(open, st.At - open, "lookbehind assertion is not fixed length");
            return assertion ? (ItemKind.Atom, 0) : (ItemKind.Atom, length);
        }

        private static void SkipBalanced(State st, int open)
        {
            var depth = 1;
            while (More(st) && depth > 0)
            {
                if (Peek(st) == '\\') st.At++;
                else if (Peek(st) == '(') depth++;
                else if (Peek(st) == ')') depth--;
                st.At++;
            }
            if (depth > 0) throw new RegexError(open, 1, "missing closing parenthesis");
        }

        // A group name up to its terminator: letters, digits and '_', not starting with a digit, at most 32 characters.
        private static string Name(State st, char terminator, bool define)
        {
            var start = st.At;
            while (More(st) && (char.IsLetterOrDigit(Peek(st)) && Peek(st) < 128 || Peek(st) == '_')) st.At++;
            var name = st.P.Substring(start, st.At - start);
            if (name.Length == 0) throw new RegexError(start, 1, "subpattern name expected");
            if (char.IsDigit(name[0])) throw new RegexError(start, 1, "subpattern name must start with a non-digit");
            if (name.Length > 32) throw new RegexError(start, name.Length, "subpattern name is too long (maximum 32 code units)");
            if (Peek(st) != terminator) throw new RegexError(st.At, 1, "syntax error in subpattern name (missing terminator?)");
            st.At++;
            if (define && !st.Names.Add(name)) throw new RegexError(start, name.Length, "two named subpatterns have the same name (PCRE2_DUPNAMES not set)");
            return name;
        }

        private static (ItemKind Kind, int Length) Escape(State st, bool lookbehind)
        {
            var start = st.At;
            st.At++;
            if (!More(st)) throw new RegexError(start, 1, "\\ at end of pattern");
            var c = Peek(st);
            st.At++;
            switch (c)
            {
                case 'Q':
                {
                    var end = st.P.IndexOf("\\E", st.At, StringComparison.Ordinal);
                    var literal = (end < 0 ? st.P.Length : end) - st.At;
                    st.At = end < 0 ? st.P.Length : end + 2;
                    return literal == 0 ? (ItemKind.Nothing, 0) : (ItemKind.Atom, literal);
                }
                case 'E':
                    return (ItemKind.Nothing, 0);
                case 'b': case 'B': case 'A': case 'Z': case 'z': case 'G':
                    return (ItemKind.Assertion, 0);
                case 'K':
                    return (ItemKind.Assertion, 0);
                case 'R': case 'X':
                    return (ItemKind.Atom, -1);
                case 'N':
                    if (Peek(st) == '{')
                    {
                        if (Peek(st, 1) == 'U' && Peek(st, 2) == '+')
                            throw new RegexError(start, 3, "\\N{U+dddd} is supported only in Unicode (UTF) mode");
                        // \N{n} is a quantifier on \N: the quantifier check reads it next.
                    }
                    return (ItemKind.Atom, 1);
                case 'C':
                    return (ItemKind.Atom, 1);
                case 'g':
                case 'k':
                    return Reference(st, start, c);
                case '0':
                    for (var k = 0; k < 2 && Peek(st) >= '0' && Peek(st) <= '7'; k++) st.At++;
                    return (ItemKind.Atom, 1);
                default:
                    if (c >= '1' && c <= '9')
                    {
                        // \1-\9 always refer to a group; \10 and up do when that many groups exist, else they are octal.
                        var digitsStart = st.At - 1;
                        while (char.IsDigit(Peek(st)) && Peek(st) <= '9') st.At++;
                        var text = st.P.Substring(digitsStart, st.At - digitsStart);
                        var n = Number(text);
                        if (text.Length == 1 || n <= st.Groups)
                        {
                            st.NumberRefs.Add((n, start, st.At - start));
                            return (ItemKind.Atom, -1);
                        }
                        st.At = digitsStart + 1; // an octal escape or a character: PCRE2 reads it as text either way
                        if (c <= '7') while (st.At < digitsStart + 3 && Peek(st) >= '0' && Peek(st) <= '7') st.At++;
                        return (ItemKind.Atom, 1);
                    }
                    CharacterEscape(st, start, c);
                    return (ItemKind.Atom, 1);
            }
        }

        /// <summary>
        /// The escapes that read the same inside a character class and outside one (st.At is past <paramref name="c"/>, the
        /// character after the '\\' at <paramref name="start"/>): a set of characters (\\d, \\p{..}), a character (\\n, \\x41,
        /// \\o{101}, \\cA, or a non-letter taken as itself), or PCRE2's error for a letter it does not know. Octal digits
        /// and the letters whose meaning depends on where they are (\\b, \\Q, \\N, references) are the callers'.
        /// </summary>
        private static (int? Code, bool IsSet) CharacterEscape(State st, int start, char c)
        {
            switch (c)
            {
                case 'd': case 'D': case 'h': case 'H': case 's': case 'S': case 'v': case 'V': case 'w': case 'W':
                    return (null, true);
                case 'p':
                case 'P':
                {
                    string name;
                    if (Peek(st) == '{')
                    {
                        var close = st.P.IndexOf('}', st.At);
                        if (close < 0) throw new RegexError(start, 2, "malformed \\P or \\p sequence");
                        name = st.P.Substring(st.At + 1, close - st.At - 1).TrimStart('^');
                        st.At = close + 1;
                    }
                    else
                    {
                        if (!More(st)) throw new RegexError(start, 2, "malformed \\P or \\p sequence");
                        name = Peek(st).ToString();
                        st.At++;
                    }
                    if (!Properties.Contains(name))
                        st.Unchecked ??= new PcreProblem(start, st.At - start, $"the Unicode property '{name}', which MailDsl does not check (nginx -t does)", false);
                    return (null, true);
                }
                case 'a': return (7, false);
                case 'e': return (27, false);
                case 'f': return (12, false);
                case 'n': return (10, false);
                case 'r': return (13, false);
                case 't': return (9, false);
                case 'L': case 'l': case 'U': case 'u': case 'F':
                    throw new RegexError(start, 2, "PCRE2 does not support \\F, \\L, \\l, \\N{name}, \\U, or \\u");
                case 'c':
                {
                    if (!More(st)) throw new RegexError(start, 2, "\\c at end of pattern");
                    if (Peek(st) < 32 || Peek(st) > 126) throw new RegexError(start, 3, "\\c must be followed by a printable ASCII character");
                    var code = char.ToUpperInvariant(Peek(st)) ^ 0x40;
                    st.At++;
                    return (code, false);
                }
                case 'x':
                    if (Peek(st) == '{')
                    {
                        var close = st.P.IndexOf('}', st.At);
                        var digits = close < 0 ? "" : st.P.Substring(st.At + 1, close - st.At - 1);
                        if (close < 0 || digits.Length == 0 || !AllHex(digits)) throw new RegexError(start, 2, "non-hex character in \\x{} (closing brace missing?)");
                        if (digits.TrimStart('0').Length > 2) throw new RegexError(start, close - start + 1, "character code point value in \\x{} or \\o{} is too large");
                        st.At = close + 1;
                        return (Convert.ToInt32(digits, 16), false);
                    }
                    else
                    {
                        var hs = st.At;
                        for (var k = 0; k < 2 && IsHex(Peek(st)); k++) st.At++;
                        return (st.At > hs ? Convert.ToInt32(st.P.Substring(hs, st.At - hs), 16) : 0, false);
                    }
                case 'o':
                {
                    if (Peek(st) != '{') throw new RegexError(start, 2, "missing opening brace after \\o");
                    var close = st.P.IndexOf('}', st.At);
                    var digits = close < 0 ? "" : st.P.Substring(st.At + 1, close - st.At - 1);
                    if (close < 0 || digits.Length == 0 || digits.IndexOfAny("89abcdefABCDEF".ToCharArray()) >= 0 || !AllHex(digits))
                        throw new RegexError(start, 2, "non-octal character in \\o{} (closing brace missing?)");
                    var code = Convert.ToInt64(digits.Length > 20 ? "7777777" : digits, 8);
                    if (code > 255) throw new RegexError(start, close - start + 1, "character code point value in \\x{} or \\o{} is too large");
                    st.At = close + 1;
                    return ((int)code, false);
                }
                default:
                    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))
                        throw new RegexError(start, 2, "unrecognized character follows \\");
                    return (c, false);
            }
        }

        /// <summary>
        /// An escape inside a character class, st.At on its '\\': a character's code or a set; null for \\Q and \\E, which are
        /// no member (the caller reads \\Q's text). \\b is a backspace there; \\N, \\B, \\R, \\X are refused; octal digits
        /// are read up to three.
        /// </summary>
        private static (int? Code, bool IsSet)? ClassEscape(State st)
        {
            var start = st.At;
            st.At++;
            if (!More(st)) throw new RegexError(start, 1, "\\ at end of pattern");
            var e = Peek(st);
            st.At++;
            switch (e)
            {
                case 'Q':
                case 'E':
                    return null;
                case 'b':
                    return (8, false);
                case 'N': case 'B': case 'R': case 'X':
                    throw new RegexError(start, 2, "escape sequence is invalid in character class");
                default:
                    if (e >= '0' && e <= '7')
                    {
                        var os = st.At - 1;
                        while (st.At < os + 3 && Peek(st) >= '0' && Peek(st) <= '7') st.At++;
                        return (Convert.ToInt32(st.P.Substring(os, st.At - os), 8), false);
                    }
                    if (e is '8' or '9') throw new RegexError(start, 2, "unrecognized character follows \\");
                    return CharacterEscape(st, start, e);
            }
        }

        // \g{n} \gn \g{-n} \g+n \g<name> \g'name' \g{name} \k<name> \k'name' \k{name}
        private static (ItemKind Kind, int Length) Reference(State st, int start, char kind)
        {
            var open = Peek(st);
            if (kind == 'k' && open is not ('<' or '\'' or '{'))
                throw new RegexError(start, 2, "\\k is not followed by a braced, angle-bracketed, or quoted name");
            if (open is '<' or '\'' || (open == '{' && !(char.IsDigit(Peek(st, 1)) || Peek(st, 1) is '-' or '+')))
            {
                st.At++;
                var nameStart = st.At;
                var name = Name(st, open == '<' ? '>' : open == '{' ? '}' : '\'', define: false);
                if (char.IsDigit(name[0])) throw new RegexError(nameStart, name.Length, "subpattern name must start with a non-digit");
                st.NameRefs.Add((name, nameStart, name.Length));
                return (ItemKind.Atom, -1);
            }
            var braced = open == '{';
            if (braced) st.At++;
            var sign = Peek(st) is '-' or '+' ? Peek(st) : '\0';
            if (sign != '\0') st.At++;
            var digits = st.At;
            while (char.IsDigit(Peek(st)) && Peek(st) <= '9') st.At++;
            if (st.At == digits) throw new RegexError(start, 2, "a numbered reference must not be zero");
            var n = Number(st.P.Substring(digits, st.At - digits));
            if (braced)
            {
                if (Peek(st) != '}') throw new RegexError(start, st.At - start + 1, "\\g is not followed by a braced, angle-bracketed, or quoted name/number or by a plain number");
                st.At++;
            }
            if (n == 0) throw new RegexError(start, st.At - start, "a numbered reference must not be zero");
            if (sign == '-')
            {
                if (n > st.Groups) throw new RegexError(start, st.At - start, "reference to non-existent subpattern");
            }
            else st.NumberRefs.Add((sign == '+' ? st.Groups + n : n, start, st.At - start));
            return (ItemKind.Atom, -1);
        }

        // A character class, from '[' to its closing ']'.
        private static void Class(State st)
        {
            var open = st.At;
            st.At++;
            if (Peek(st) == '^') st.At++;
            var first = true;
            while (true)
            {
                if (!More(st)) throw new RegexError(open, 1, "missing terminating ] for character class");
                var c = Peek(st);
                if (c == ']' && !first) { st.At++; return; }
                first = false;
                if (c == '[' && Peek(st, 1) is ':' or '.' or '=')
                {
                    var kind = Peek(st, 1);
                    var close = st.P.IndexOf(kind + "]", st.At + 2, StringComparison.Ordinal);
                    if (close >= 0)
                    {
                        var name = st.P.Substring(st.At + 2, close - st.At - 2);
                        if (kind != ':') throw new RegexError(st.At, close - st.At + 2, "POSIX collating elements are not supported");
                        if (!PosixClasses.Contains(name.TrimStart('^'))) throw new RegexError(st.At, close - st.At + 2, "unknown POSIX class name");
                        st.At = close + 2;
                        continue;
                    }
                }
                int? single;
                var isClass = false;
                if (c == '\\')
                {
                    if (ClassEscape(st) is not { } member)
                    {
                        // \Q...\E: text up to \E; a lone \E: nothing.
                        if (st.P[st.At - 1] == 'Q') { var end = st.P.IndexOf("\\E", st.At, StringComparison.Ordinal); st.At = end < 0 ? st.P.Length : end + 2; }
                        continue;
                    }
                    (single, isClass) = member;
                }
                else
                {
                    st.At++;
                    single = c;
                }
                // A range: previous '-' this.
                if (Peek(st) == '-' && Peek(st, 1) != ']' && More(st))
                {
                    // Look at what follows the '-': a range end.
                    var dash = st.At;
                    st.At++;
                    var (end, endIsClass, consumed) = RangeEnd(st);
                    if (consumed)
                    {
                        if (isClass || endIsClass) throw new RegexError(dash, 1, "invalid range in character class");
                        if (single is { } low && end is { } high && high < low) throw new RegexError(dash, 1, "range out of order in character class");
                        continue;
                    }
                    st.At = dash; // '-' then end of class or something else: read '-' as a character next time round
                }
            }
        }

        // The character after a range's '-', as a code; consumed=false when it cannot end a range (PCRE2 then reads '-' literally).
        private static (int? Code, bool IsClass, bool Consumed) RangeEnd(State st)
        {
            if (!More(st)) return (null, false, false);
            var c = Peek(st);
            if (c == '[' && Peek(st, 1) == ':')
            {
                var close = st.P.IndexOf(":]", st.At + 2, StringComparison.Ordinal);
                if (close >= 0) { st.At = close + 2; return (null, true, true); }
            }
            if (c != '\\') { st.At++; return (c, false, true); }
            var start = st.At;
            if (ClassEscape(st) is not { } member)
            {
                st.At = start; // PCRE2 reads \Q...\E after '-' as text; treat the '-' as literal
                return (null, false, false);
            }
            return (member.Code, member.IsSet, true);
        }

        private static bool IsHex(char c) => (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');

        private static bool AllHex(string s)
        {
            foreach (var c in s) if (!IsHex(c)) return false;
            return true;
        }
    }
}
