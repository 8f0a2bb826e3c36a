using System;
using System.Collections.Generic;
using System.Text;

namespace MailDsl.Daemons.Nginx
{
    /// <summary>How nginx compares a location with a request (<c>ngx_http_core_location</c>).</summary>
    internal enum NginxLocationKind
    {
        /// <summary><c>= /x</c>: the URI is exactly the name.</summary>
        Exact,
        /// <summary><c>/x</c>: the URI starts with the name; the longest such prefix is chosen, then regexes are tried.</summary>
        Prefix,
        /// <summary><c>^~ /x</c>: a prefix that, when it is the longest, stops nginx from trying the regexes.</summary>
        PrefixNoRegex,
        /// <summary><c>~ re</c>: a case-sensitive regular expression, tried in the order written.</summary>
        Regex,
        /// <summary><c>~* re</c>: a case-insensitive regular expression.</summary>
        RegexCaseless,
        /// <summary><c>@name</c>: reached only by internal redirects (try_files, error_page), never by a request's URI.</summary>
        Named,
    }

    /// <summary>
    /// A location's match as nginx reads it: its kind and the name (or regular expression) it compares, after nginx's
    /// tokenizer has taken the quotes off and read its escapes (<c>\"</c>, <c>\'</c>, <c>\\</c>, <c>\t</c>, <c>\r</c>,
    /// <c>\n</c>; any other backslash stays). Seen with <c>nginx -t</c> 1.22 and 1.26: <c>"/SOGo"</c> and <c>^~ /SOGo</c> are
    /// both the prefix <c>/SOGo</c> (a duplicate of it); <c>=/x</c> is <c>= /x</c>; <c>^~/x</c> is the literal prefix <c>^~/x</c>.
    /// </summary>
    /// <param name="Kind">How nginx compares it.</param>
    /// <param name="Name">The name or regular expression compared, unquoted and unescaped.</param>
    internal sealed record NginxLocationMatch(NginxLocationKind Kind, string Name)
    {
        /// <summary>Whether nginx tries it as a regular expression.</summary>
        public bool IsRegex => Kind is NginxLocationKind.Regex or NginxLocationKind.RegexCaseless;

        /// <summary>
        /// Whether nginx refuses it beside <paramref name="other"/> (<c>ngx_http_join_exact_locations</c>: "duplicate
        /// location"): two exact locations with the same name, or two prefixes (plain or <c>^~</c>) with the same name.
        /// An exact and a prefix location of the same name live side by side.
        /// </summary>
        public bool Duplicates(NginxLocationMatch other)
            => Name == other.Name
               && ((Kind == NginxLocationKind.Exact && other.Kind == NginxLocationKind.Exact)
                   || (Kind is NginxLocationKind.Prefix or NginxLocationKind.PrefixNoRegex && other.Kind is NginxLocationKind.Prefix or NginxLocationKind.PrefixNoRegex));

        /// <summary>
        /// Whether this regex location, written after <paramref name="earlier"/>, can never be chosen: nginx tries regexes
        /// in the order written and takes the first that matches, and <paramref name="earlier"/> is the same expression,
        /// case-insensitive or as case-sensitive as this one.
        /// </summary>
        public bool ShadowedBy(NginxLocationMatch earlier)
            => IsRegex && earlier.IsRegex && Name == earlier.Name && (earlier.Kind == NginxLocationKind.RegexCaseless || Kind == NginxLocationKind.Regex);

        /// <summary>
        /// Why no request can ever reach it, or null: nginx compares exact and prefix names with the request's normalized
        /// path, which always starts with '/' (an empty prefix matches everything).
        /// </summary>
        public string? NeverMatches
            => Kind is NginxLocationKind.Exact or NginxLocationKind.Prefix or NginxLocationKind.PrefixNoRegex && !Name.StartsWith("/", StringComparison.Ordinal)
               && !(Name.Length == 0 && Kind != NginxLocationKind.Exact)
                ? (Name.Length == 0 ? "an exact match for the empty path" : $"its {(Kind == NginxLocationKind.Exact ? "exact name" : "prefix")} '{Name}' does not start with '/'")
                : null;

        /// <summary>How nginx reads <paramref name="match"/>; null when its tokenizer refuses the text (MAIL3001's to report).</summary>
        public static NginxLocationMatch? Read(string? match)
        {
            if (match is null || NginxValueGrammar.Find(match, isDirective: false) is not null) return null;
            var words = NginxValueGrammar.Tokens(match);
            if (words.Count == 2)
            {
                var kind = words[0] switch
                {
                    "=" => NginxLocationKind.Exact,
                    "^~" => NginxLocationKind.PrefixNoRegex,
                    "~" => NginxLocationKind.Regex,
                    "~*" => NginxLocationKind.RegexCaseless,
                    _ => (NginxLocationKind?)null,
                };
                return kind is { } k ? new NginxLocationMatch(k, words[1]) : null;
            }
            if (words.Count != 1) return null;
            var name = words[0];
            if (name.StartsWith("=", StringComparison.Ordinal)) return new NginxLocationMatch(NginxLocationKind.Exact, name.Substring(1));
            if (name.StartsWith("@", StringComparison.Ordinal)) return new NginxLocationMatch(NginxLocationKind.Named, name);
            if (name.StartsWith("~*", StringComparison.Ordinal)) return new NginxLocationMatch(NginxLocationKind.RegexCaseless, name.Substring(2));
            if (name.StartsWith("~", StringComparison.Ordinal)) return new NginxLocationMatch(NginxLocationKind.Regex, name.Substring(1));
            return new NginxLocationMatch(NginxLocationKind.Prefix, name);
        }
    }
}
