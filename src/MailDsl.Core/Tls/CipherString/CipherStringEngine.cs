using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using MailDsl.Targets;
using MailDsl.Tls.Catalog;

namespace MailDsl.Tls.CipherString
{
    /// <summary>
    /// Reads an OpenSSL cipher string exactly as a given OpenSSL version's <c>ssl_create_cipher_list</c> does:
    /// the default preference ordering, the rule language, <c>DEFAULT</c> and <c>SUITEB</c> prefixes, IANA names
    /// where the version takes them (3.2+), and failure where OpenSSL fails. The version's facts come from its
    /// <see cref="CipherCatalog"/>. Pure and total: never throws, whatever the input.
    /// </summary>
    public static class CipherStringEngine
    {
        private const int RuleAdd = 1, RuleKill = 2, RuleDel = 3, RuleOrd = 4, RuleBump = 5;

        private sealed class Node
        {
            public Node(CipherSuite suite) { Suite = suite; }
            public CipherSuite Suite { get; }
            public bool Active;
            public CipherToken? AddedBy;
        }

        /// <summary>A rule pattern: OpenSSL's masks, or an exact suite, or a strength-bits value.</summary>
        private struct Pattern
        {
            public int CipherId;
            public KeyExchange Kx;
            public Authentication Au;
            public Encryption Enc;
            public MacAlgorithm Mac;
            public CipherProtocol? MinProtocol;
            public CipherStrength Strength;
            public int StrengthBits; // -1: not a strength-bits rule

            public bool Matches(CipherSuite c)
            {
                if (CipherId != 0 && c.Id != CipherId) return false; // an exact suite still has to fit the other masks
                if (StrengthBits >= 0) return c.StrengthBits == StrengthBits;
                if (Kx != 0 && (Kx & c.KeyExchange) == 0) return false;
                if (Au != 0 && (Au & c.Authentication) == 0) return false;
                if (Enc != 0 && (Enc & c.Encryption) == 0) return false;
                if (Mac != 0 && (Mac & c.Mac) == 0) return false;
                if (MinProtocol is { } p && p != c.MinProtocol) return false;
                if ((Strength & CipherStrength.StrongMask) != 0 && (Strength & CipherStrength.StrongMask & c.Strength) == 0) return false;
                if ((Strength & CipherStrength.DefaultMask) != 0 && (Strength & CipherStrength.DefaultMask & c.Strength) == 0) return false;
                return true;
            }
        }

        private sealed class State
        {
            public State(CipherCatalog catalog) { Catalog = catalog; }
            public readonly CipherCatalog Catalog;
            public readonly List<Node> Order = new();
            public readonly List<CipherToken> Tokens = new();
            public int? SecLevel;
            public string? Error;
            public int ErrorStart = -1, ErrorLength;
        }

        /// <summary>
        /// Reads <paramref name="cipherString"/> (null reads as empty) as OpenSSL <paramref name="openSsl"/> would, with
        /// the catalogue of the newest version MailDsl knows that is not newer (<see cref="CipherCatalog.For"/>).
        /// </summary>
        /// <param name="cipherString">The cipher string, as written in a daemon's configuration.</param>
        /// <param name="openSsl">The OpenSSL the daemon links against, e.g. <c>TargetTable.For(platform).OpenSsl</c>.</param>
        public static CipherStringResult Parse(string? cipherString, SoftwareVersion openSsl)
            => Parse(cipherString, CipherCatalog.For(openSsl));

        /// <summary>Reads <paramref name="cipherString"/> (null reads as empty) with <paramref name="catalog"/>'s OpenSSL.</summary>
        /// <param name="cipherString">The cipher string.</param>
        /// <param name="catalog">The OpenSSL version's catalogue.</param>
        public static CipherStringResult Parse(string? cipherString, CipherCatalog catalog)
        {
            var input = cipherString ?? "";
            try
            {
                return ParseCore(input, catalog);
            }
            catch (Exception e)
            {
                // Defensive only: the engine is meant to be total; a bug must become a finding, not a crash.
                return new CipherStringResult(input, catalog, false, "internal error reading the cipher string: " + e.Message, -1, 0,
                    Array.Empty<SelectedSuite>(), Array.Empty<CipherToken>(), null);
            }
        }

        private static CipherStringResult ParseCore(string input, CipherCatalog catalog)
        {
            var st = new State(catalog);
            foreach (var s in DefaultOrder(catalog)) st.Order.Add(new Node(s));

            // Suite B modes replace the whole string when it starts with them (check_suiteb_cipher_list).
            var rules = input;
            CipherToken? replacedBy = null;
            foreach (var (prefix, replacement) in SuiteB)
            {
                if (input.StartsWith(prefix, StringComparison.Ordinal))
                {
                    var len = TokenEnd(input, 0);
                    replacedBy = new CipherToken(0, len, input.Substring(0, len), CipherTokenAction.Add, CipherTokenKind.Known);
                    rules = replacement;
                    break;
                }
            }

            var ok = true;
            var start = 0;
            if (replacedBy is null && rules.StartsWith("DEFAULT", StringComparison.Ordinal))
            {
                var defaultToken = new CipherToken(0, 7, "DEFAULT", CipherTokenAction.Add, CipherTokenKind.Known);
                st.Tokens.Add(defaultToken);
                ok = ProcessRules(st, CipherCatalog.DefaultCipherString, defaultToken);
                start = 7;
                if (start < rules.Length && rules[start] == ':') start++;
            }
            if (ok && start < rules.Length)
                ok = ProcessRules(st, rules.Substring(start), replacedBy, start);

            var tokens = st.Tokens.ToArray();
            if (!ok)
                return new CipherStringResult(input, catalog, false, st.Error ?? "invalid command", st.ErrorStart, st.ErrorLength, Array.Empty<SelectedSuite>(), tokens, st.SecLevel);

            var selected = new List<SelectedSuite>();
            foreach (var n in st.Order)
                if (n.Active) selected.Add(new SelectedSuite(n.Suite, n.AddedBy!));
            if (selected.Count == 0)
                return new CipherStringResult(input, catalog, false,
                    "no cipher match: the string selects no TLS 1.2 suite, so OpenSSL refuses it (SSL_CTX_set_cipher_list fails)",
                    -1, 0, Array.Empty<SelectedSuite>(), tokens, st.SecLevel);
            return new CipherStringResult(input, catalog, true, null, -1, 0, selected, tokens, st.SecLevel);
        }

        private static readonly (string Prefix, string Replacement)[] SuiteB =
        {
            ("SUITEB128ONLY", "ECDHE-ECDSA-AES128-GCM-SHA256"),
            ("SUITEB128C2", "ECDHE-ECDSA-AES256-GCM-SHA384"),
            ("SUITEB128", "ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-ECDSA-AES256-GCM-SHA384"),
            ("SUITEB192", "ECDHE-ECDSA-AES256-GCM-SHA384"),
        };

        /// <summary>OpenSSL's preference order before any rule: ECDHE first, AEAD, AES, strength, TLS 1.2, then (EC)DHE+AEAD on top.</summary>
        // The default ordering depends on the catalogue alone and is most of a parse's cost (each rule walks and relinks
        // every suite): worked out once per catalogue, every parse starts from it, every suite inactive as OpenSSL leaves them.
        private static readonly ConditionalWeakTable<CipherCatalog, CipherSuite[]> DefaultOrders = new();

        private static CipherSuite[] DefaultOrder(CipherCatalog catalog) => DefaultOrders.GetValue(catalog, c =>
        {
            var st = new State(c);
            foreach (var s in c.Suites) st.Order.Add(new Node(s));
            ApplyDefaultOrdering(st);
            var order = new CipherSuite[st.Order.Count];
            for (var i = 0; i < order.Length; i++) order[i] = st.Order[i].Suite;
            return order;
        });

        private static void ApplyDefaultOrdering(State st)
        {
            Apply(st, new Pattern { Kx = KeyExchange.Ecdhe, Au = Authentication.Ecdsa, StrengthBits = -1 }, RuleAdd, null);
            Apply(st, new Pattern { Kx = KeyExchange.Ecdhe, StrengthBits = -1 }, RuleAdd, null);
            Apply(st, new Pattern { Kx = KeyExchange.Ecdhe, StrengthBits = -1 }, RuleDel, null);
            Apply(st, new Pattern { Enc = Encryption.Aes128Gcm | Encryption.Aes256Gcm, StrengthBits = -1 }, RuleAdd, null);
            Apply(st, new Pattern { Enc = Encryption.ChaCha20Poly1305, StrengthBits = -1 }, RuleAdd, null);
            Apply(st, new Pattern { Enc = Encryption.AnyAes & ~(Encryption.Aes128Gcm | Encryption.Aes256Gcm), StrengthBits = -1 }, RuleAdd, null);
            Apply(st, new Pattern { StrengthBits = -1 }, RuleAdd, null);
            Apply(st, new Pattern { Mac = MacAlgorithm.Md5, StrengthBits = -1 }, RuleOrd, null);
            Apply(st, new Pattern { Au = Authentication.Null, StrengthBits = -1 }, RuleOrd, null);
            Apply(st, new Pattern { Kx = KeyExchange.Rsa, StrengthBits = -1 }, RuleOrd, null);
            Apply(st, new Pattern { Kx = KeyExchange.Psk, StrengthBits = -1 }, RuleOrd, null);
            Apply(st, new Pattern { Enc = Encryption.Rc4, StrengthBits = -1 }, RuleOrd, null);
            StrengthSort(st);
            Apply(st, new Pattern { MinProtocol = CipherProtocol.Tls12, StrengthBits = -1 }, RuleBump, null);
            Apply(st, new Pattern { Mac = MacAlgorithm.Aead, StrengthBits = -1 }, RuleBump, null);
            Apply(st, new Pattern { Kx = KeyExchange.Dhe | KeyExchange.Ecdhe, StrengthBits = -1 }, RuleBump, null);
            Apply(st, new Pattern { Kx = KeyExchange.Dhe | KeyExchange.Ecdhe, Mac = MacAlgorithm.Aead, StrengthBits = -1 }, RuleBump, null);
            Apply(st, new Pattern { StrengthBits = -1 }, RuleDel, null);
        }

        /// <summary><c>ssl_cipher_apply_rule</c>: ADD/ORD walk forward, DEL/BUMP backward, KILL unlinks.</summary>
        private static void Apply(State st, Pattern p, int rule, CipherToken? token)
        {
            var snapshot = st.Order.ToArray();
            var reverse = rule == RuleDel || rule == RuleBump;
            for (var k = 0; k < snapshot.Length; k++)
            {
                var n = snapshot[reverse ? snapshot.Length - 1 - k : k];
                if (!p.Matches(n.Suite)) continue;
                switch (rule)
                {
                    case RuleAdd:
                        if (!n.Active) { MoveToTail(st, n); n.Active = true; n.AddedBy = token; }
                        break;
                    case RuleOrd:
                        if (n.Active) MoveToTail(st, n);
                        break;
                    case RuleDel:
                        if (n.Active) { MoveToHead(st, n); n.Active = false; }
                        break;
                    case RuleBump:
                        if (n.Active) MoveToHead(st, n);
                        break;
                    case RuleKill:
                        st.Order.Remove(n);
                        n.Active = false;
                        break;
                }
            }
        }

        private static void MoveToTail(State st, Node n) { st.Order.Remove(n); st.Order.Add(n); }

        private static void MoveToHead(State st, Node n) { st.Order.Remove(n); st.Order.Insert(0, n); }

        /// <summary><c>ssl_cipher_strength_sort</c>: stable sort of the active suites by descending strength bits.</summary>
        private static void StrengthSort(State st)
        {
            var used = new SortedSet<int>();
            foreach (var n in st.Order) if (n.Active) used.Add(n.Suite.StrengthBits);
            var bits = new List<int>(used);
            for (var i = bits.Count - 1; i >= 0; i--)
                Apply(st, new Pattern { StrengthBits = bits[i] }, RuleOrd, null);
        }

        private static bool IsSeparator(char c) => c == ':' || c == ' ' || c == ';' || c == ',';

        /// <summary>The characters OpenSSL reads as part of a name; 3.2 added '_' with IANA names.</summary>
        private static bool IsNameChar(char c, bool underscore)
            => (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '='
               || (underscore && c == '_');

        private static int TokenEnd(string s, int from)
        {
            var i = from;
            while (i < s.Length && !IsSeparator(s[i])) i++;
            return i - from;
        }

        /// <summary>
        /// <c>ssl_cipher_process_rulestr</c>. <paramref name="origin"/> stands for every token when the rules
        /// were not written by the user (DEFAULT, SUITEB); <paramref name="offset"/> maps positions back to the input.
        /// </summary>
        private static bool ProcessRules(State st, string s, CipherToken? origin, int offset = 0)
        {
            var retval = true;
            var l = 0;
            var underscore = st.Catalog.AcceptsIanaNames;
            char At(int i) => i < s.Length ? s[i] : '\0';

            while (true)
            {
                var ch = At(l);
                if (ch == '\0') break;
                var tokenStart = l;
                int rule;
                var action = CipherTokenAction.Add;
                var special = false;
                switch (ch)
                {
                    case '-': rule = RuleDel; action = CipherTokenAction.Delete; l++; break;
                    case '+': rule = RuleOrd; action = CipherTokenAction.MoveToEnd; l++; break;
                    case '!': rule = RuleKill; action = CipherTokenAction.Kill; l++; break;
                    case '@': rule = 0; special = true; action = CipherTokenAction.Command; l++; break;
                    default: rule = RuleAdd; break;
                }
                if (IsSeparator(ch)) { l++; continue; }

                var p = new Pattern { StrengthBits = -1 };
                var found = false;
                var invalid = false;
                string? unknown = null;
                int bufStart, bufLen;
                while (true)
                {
                    ch = At(l);
                    bufStart = l;
                    bufLen = 0;
                    while (IsNameChar(ch, underscore)) { ch = At(++l); bufLen++; }
                    if (bufLen == 0)
                    {
                        // A character that is neither name, prefix nor separator: OpenSSL fails the whole string.
                        retval = false; found = false; invalid = true;
                        l++;
                        break;
                    }
                    if (special) break;
                    var multi = false;
                    if (ch == '+') { multi = true; l++; }
                    var name = s.Substring(bufStart, bufLen);
                    if (!Lookup(st.Catalog, name, out var suite, out var alias))
                    {
                        found = false; unknown = name;
                        break;
                    }
                    found = Combine(ref p, suite, alias);
                    if (!found) break;
                    if (!multi) break;
                }

                CipherTokenKind kind;
                string? failure = null;
                var badChar = bufStart < s.Length ? "'" + s[bufStart] + "'" : "an empty name";
                if (special)
                {
                    kind = CipherTokenKind.Command;
                    var ok = false;
                    var cmd = bufLen > 0 ? s.Substring(bufStart, bufLen) : "";
                    if (!invalid && cmd == "STRENGTH") { StrengthSort(st); ok = true; }
                    else if (!invalid && cmd.Length == 10 && cmd.StartsWith("SECLEVEL=", StringComparison.Ordinal))
                    {
                        var level = cmd[9] - '0';
                        if (level >= 0 && level <= 5) { st.SecLevel = level; ok = true; }
                    }
                    if (!ok)
                    {
                        kind = CipherTokenKind.Invalid;
                        retval = false;
                        failure = "invalid command: OpenSSL knows only @STRENGTH and @SECLEVEL=0..5, not '{0}'";
                    }
                    while (l < s.Length && !IsSeparator(s[l])) l++;
                }
                else if (invalid)
                {
                    kind = CipherTokenKind.Invalid;
                    failure = "invalid command: OpenSSL rejects " + badChar.Replace("{", "{{").Replace("}", "}}")
                        + " in '{0}'; names are letters, digits, '-', '.'" + (underscore ? ", '_'" : "") + " and '=', joined by '+', prefixed by ! - + or @, separated by ':'";
                    while (l < s.Length && !IsSeparator(s[l])) l++;
                }
                else if (found)
                {
                    kind = CipherTokenKind.Known;
                }
                else
                {
                    kind = unknown is null ? CipherTokenKind.EmptyCombination : CipherTokenKind.Unknown;
                    while (l < s.Length && !IsSeparator(s[l])) l++;
                }

                // The token spans from its prefix to where OpenSSL stopped reading it.
                var tokenLength = Math.Max(0, Math.Min(l, s.Length) - tokenStart);
                var text = s.Substring(tokenStart, tokenLength);
                if (failure is not null) Fail(st, origin, offset + tokenStart, tokenLength, string.Format(failure, text));

                var token = origin ?? new CipherToken(offset + tokenStart, tokenLength, text, action, kind, unknown);
                if (origin is null) st.Tokens.Add(token);
                else if (kind == CipherTokenKind.Unknown || kind == CipherTokenKind.Invalid)
                    st.Tokens.Add(new CipherToken(origin.Start, origin.Length, origin.Text, action, kind, unknown, FromDefault: true));
                if (kind == CipherTokenKind.Known) Apply(st, p, rule, token);
                if (l >= s.Length) break;
            }
            return retval;
        }

        private static void Fail(State st, CipherToken? origin, int start, int length, string message)
        {
            if (st.Error is not null) return;
            st.Error = message;
            st.ErrorStart = origin?.Start ?? start;
            st.ErrorLength = origin?.Length ?? length;
        }

        /// <summary>OpenSSL searches the suites (by OpenSSL name, and by IANA name from 3.2), then the aliases its providers can serve.</summary>
        private static bool Lookup(CipherCatalog catalog, string name, out CipherSuite? suite, out CipherAlias? alias)
        {
            suite = catalog.FindSuite(name) ?? (catalog.AcceptsIanaNames ? catalog.FindByIanaName(name) : null);
            alias = null;
            if (suite is not null) return true;
            alias = CipherCatalog.FindAlias(name);
            if (alias is not null && !CipherCatalog.IsAvailable(alias)) alias = null;
            return alias is not null;
        }

        /// <summary>One <c>+</c> component: intersect masks per category; an empty intersection matches nothing.</summary>
        private static bool Combine(ref Pattern p, CipherSuite? suite, CipherAlias? alias)
        {
            var kx = suite?.KeyExchange ?? alias!.KeyExchange;
            var au = suite?.Authentication ?? alias!.Authentication;
            var enc = suite?.Encryption ?? alias!.Encryption;
            var mac = suite?.Mac ?? alias!.Mac;
            var strength = suite?.Strength ?? alias!.Strength;
            p.CipherId = 0;
            if (kx != 0) { if (p.Kx != 0) { p.Kx &= kx; if (p.Kx == 0) return false; } else p.Kx = kx; }
            if (au != 0) { if (p.Au != 0) { p.Au &= au; if (p.Au == 0) return false; } else p.Au = au; }
            if (enc != 0) { if (p.Enc != 0) { p.Enc &= enc; if (p.Enc == 0) return false; } else p.Enc = enc; }
            if (mac != 0) { if (p.Mac != 0) { p.Mac &= mac; if (p.Mac == 0) return false; } else p.Mac = mac; }
            var strong = strength & CipherStrength.StrongMask;
            if (strong != 0)
            {
                if ((p.Strength & CipherStrength.StrongMask) != 0)
                {
                    p.Strength &= strong | ~CipherStrength.StrongMask;
                    if ((p.Strength & CipherStrength.StrongMask) == 0) return false;
                }
                else p.Strength = strong;
            }
            var def = strength & CipherStrength.DefaultMask;
            if (def != 0)
            {
                if ((p.Strength & CipherStrength.DefaultMask) != 0)
                {
                    p.Strength &= def | ~CipherStrength.DefaultMask;
                    if ((p.Strength & CipherStrength.DefaultMask) == 0) return false;
                }
                else p.Strength |= def;
            }
            if (suite is not null)
            {
                // An explicit suite: its protocol version is not part of the pattern.
                p.CipherId = suite.Id;
            }
            else if (alias!.MinProtocol is { } proto)
            {
                if (p.MinProtocol is { } have && have != proto) return false;
                p.MinProtocol = proto;
            }
            return true;
        }
    }
}
