using System.Collections.Generic;
using MailDsl.Tls.Catalog;

namespace MailDsl.Tls.CipherString
{
    /// <summary>What a token of a cipher string does (OpenSSL's rule: add, <c>-</c> delete, <c>+</c> move to end, <c>!</c> kill, <c>@</c> command).</summary>
    public enum CipherTokenAction
    {
        /// <summary>No prefix: add the matching suites at the end.</summary>
        Add,
        /// <summary><c>-</c>: remove them (a later token may add them back).</summary>
        Delete,
        /// <summary><c>+</c>: move the already-selected ones to the end.</summary>
        MoveToEnd,
        /// <summary><c>!</c>: remove them for good.</summary>
        Kill,
        /// <summary><c>@</c>: a command such as <c>@STRENGTH</c> or <c>@SECLEVEL=n</c>.</summary>
        Command,
    }

    /// <summary>How OpenSSL read a token.</summary>
    public enum CipherTokenKind
    {
        /// <summary>Aliases and/or suite names it knows (possibly joined with <c>+</c>).</summary>
        Known,
        /// <summary>A name OpenSSL does not know: it silently skips the whole token.</summary>
        Unknown,
        /// <summary>Known names whose <c>+</c> combination can match nothing (OpenSSL skips it).</summary>
        EmptyCombination,
        /// <summary>A valid <c>@</c> command.</summary>
        Command,
        /// <summary>Something OpenSSL rejects: the whole string fails.</summary>
        Invalid,
    }

    /// <summary>One token of a cipher string, with its place in the string.</summary>
    /// <param name="Start">Offset of the token in the string, its prefix included.</param>
    /// <param name="Length">Length up to the next separator.</param>
    /// <param name="Text">The token as written.</param>
    /// <param name="Action">What its prefix asks for.</param>
    /// <param name="Kind">How OpenSSL read it.</param>
    /// <param name="UnknownName">For <see cref="CipherTokenKind.Unknown"/>: the part OpenSSL did not know.</param>
    /// <param name="FromDefault">Whether the token came from expanding a leading <c>DEFAULT</c> (its span is then that word's).</param>
    public sealed record CipherToken(int Start, int Length, string Text, CipherTokenAction Action, CipherTokenKind Kind, string? UnknownName = null, bool FromDefault = false);

    /// <summary>A selected suite and the token that brought it into the list.</summary>
    /// <param name="Suite">The suite.</param>
    /// <param name="AddedBy">The token whose addition selected it last.</param>
    public sealed record SelectedSuite(CipherSuite Suite, CipherToken AddedBy);

    /// <summary>The outcome of reading a cipher string the way one OpenSSL version does.</summary>
    public sealed class CipherStringResult
    {
        internal CipherStringResult(string input, CipherCatalog catalog, bool ok, string? error, int errorStart, int errorLength,
            IReadOnlyList<SelectedSuite> suites, IReadOnlyList<CipherToken> tokens, int? securityLevel)
        {
            Input = input; Catalog = catalog; IsValid = ok; Error = error; ErrorStart = errorStart; ErrorLength = errorLength;
            Suites = suites; Tokens = tokens; SecurityLevel = securityLevel;
        }

        /// <summary>The OpenSSL version the string was read as (its <see cref="CipherCatalog.Name"/> names it in messages).</summary>
        public CipherCatalog Catalog { get; }

        /// <summary>The string as given.</summary>
        public string Input { get; }

        /// <summary>Whether OpenSSL accepts the string (<c>SSL_CTX_set_cipher_list</c> succeeds).</summary>
        public bool IsValid { get; }

        /// <summary>When not valid: OpenSSL's reason (<c>invalid command</c> or <c>no cipher match</c>) with an explanation.</summary>
        public string? Error { get; }

        /// <summary>Offset of the token at fault, or -1 when the string as a whole is (no cipher match).</summary>
        public int ErrorStart { get; }

        /// <summary>Length of the token at fault.</summary>
        public int ErrorLength { get; }

        /// <summary>The TLS 1.2-and-below suites, in OpenSSL's order (empty when not valid).</summary>
        public IReadOnlyList<SelectedSuite> Suites { get; }

        /// <summary>Every token, in the order written.</summary>
        public IReadOnlyList<CipherToken> Tokens { get; }

        /// <summary>The level an <c>@SECLEVEL=n</c> asked for, if any.</summary>
        public int? SecurityLevel { get; }

        /// <summary>The security level a daemon reading the string runs at: the last <c>@SECLEVEL=n</c>, else <see cref="SecurityLevels.Default"/>.</summary>
        public int EffectiveSecurityLevel => SecurityLevel ?? SecurityLevels.Default;

        /// <summary>Tokens OpenSSL silently ignored because it does not know a name in them.</summary>
        public IEnumerable<CipherToken> UnknownTokens
        {
            get
            {
                foreach (var t in Tokens)
                    if (t.Kind == CipherTokenKind.Unknown && !t.FromDefault) yield return t;
            }
        }

        /// <summary>
        /// The lines <c>openssl ciphers STRING</c> prints, colon-joined: OpenSSL lists its default TLS 1.3
        /// suites first, then the TLS 1.2-and-below ones the string selects. Null when OpenSSL refuses the string.
        /// </summary>
        public IReadOnlyList<string>? OpenSslListing
        {
            get
            {
                if (!IsValid) return null;
                var list = new List<string>(Catalog.DefaultTls13Suites);
                foreach (var s in Suites) list.Add(s.Suite.Name);
                return list;
            }
        }

        /// <summary>
        /// The lines <c>openssl ciphers -s STRING</c> prints (<c>-s -psk -srp</c> with <paramref name="withPskAndSrp"/>): of
        /// <see cref="OpenSslListing"/>, the suites a server can negotiate, those <see cref="EffectiveSecurityLevel"/> allows
        /// (<see cref="SecurityLevels.Refuses"/>) and, unless asked for, none that needs a pre-shared key or SRP. Null when
        /// OpenSSL refuses the string.
        /// </summary>
        /// <param name="withPskAndSrp">Keep PSK and SRP suites, as a server with a PSK or SRP callback would.</param>
        public IReadOnlyList<string>? SupportedListing(bool withPskAndSrp = false)
        {
            if (!IsValid) return null;
            var level = EffectiveSecurityLevel;
            var list = new List<string>();
            foreach (var name in Catalog.DefaultTls13Suites)
                if (SecurityLevels.Tls13StrengthBits(name) >= SecurityLevels.MinimumBits(level)) list.Add(name);
            foreach (var s in Suites)
                if (SecurityLevels.Refuses(s.Suite, level) is null && (withPskAndSrp || !SecurityLevels.NeedsPskOrSrp(s.Suite))) list.Add(s.Suite.Name);
            return list;
        }
    }
}
