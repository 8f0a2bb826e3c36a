using System;
using System.Collections.Generic;
using System.Linq;
using MailDsl.Tls;
using MailDsl.Tls.Catalog;

namespace MailDsl.Rules.Tls
{
    /// <summary>Wording shared by the cipher rules: short suite lists and the exclusions that fix them.</summary>
    internal static class CipherMessages
    {
        /// <summary>The cipher-string exclusions that remove suites with these problems.</summary>
        public static string Exclusions(IEnumerable<CipherSuite> suites, bool brokenOnly = false)
        {
            var ex = new List<string>();
            void Add(string e) { if (!ex.Contains(e)) ex.Add(e); }
            foreach (var s in suites)
            {
                if (s.Authentication == Authentication.Null) Add("!aNULL");
                if (s.Encryption == Encryption.Null) Add("!eNULL");
                if (s.Mac == MacAlgorithm.Md5) Add("!MD5");
                if (s.Encryption == Encryption.Rc4) Add("!RC4");
                if (s.Encryption == Encryption.TripleDes) Add("!3DES");
                if (s.Encryption == Encryption.Des) Add("!DES");
                if (brokenOnly) continue;
                if (s.KeyExchange == KeyExchange.Rsa) Add("!kRSA");
                if ((s.KeyExchange & KeyExchange.AnyPsk) != 0) Add("!PSK");
                if (s.KeyExchange == KeyExchange.Srp) Add("!SRP");
                if (s.Authentication == Authentication.Dss) Add("!aDSS");
                if (s.IsCbc) Add("!CBC");
                if (s.Mac == MacAlgorithm.Sha1) Add("!SHA1");
                if ((s.Encryption & Encryption.AnyCamellia) != 0) Add("!CAMELLIA");
                if ((s.Encryption & Encryption.AnyAria) != 0) Add("!ARIA");
                if ((s.Encryption & (Encryption.Aes128Ccm | Encryption.Aes256Ccm | Encryption.Aes128Ccm8 | Encryption.Aes256Ccm8)) != 0) Add("!AESCCM");
            }
            return string.Join(":", ex);
        }

        /// <summary>"N static RSA key exchange: no forward secrecy, N CBC mode ..." over <paramref name="suites"/>' reasons, most frequent first.</summary>
        public static string ReasonCounts(IEnumerable<CipherClassification> suites)
            => string.Join(", ", suites.SelectMany(c => c.Reasons).GroupBy(r => r).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal)
                .Select(g => $"{g.Count()} {g.Key}"));

        /// <summary>"NAME (reason; reason)" for each classified suite, those with the most problems first (OrderBy is stable).</summary>
        public static IReadOnlyList<string> Describe(IEnumerable<CipherClassification> suites)
            => suites.OrderByDescending(c => c.Reasons.Count).Select(c => $"{c.Suite.Name} ({string.Join("; ", c.Reasons)})").ToList();

        /// <summary>The known name closest to <paramref name="unknown"/> (edit distance at most 2), or null.</summary>
        public static string? ClosestName(string unknown, CipherCatalog catalog)
        {
            string? best = null;
            var bestDistance = 3;
            var candidates = CipherCatalog.Aliases.Where(CipherCatalog.IsAvailable).Select(a => a.Name)
                .Concat(catalog.Suites.Select(s => s.Name));
            foreach (var c in candidates)
            {
                var d = Distance(unknown, c, bestDistance);
                if (d < bestDistance) { bestDistance = d; best = c; }
            }
            return best;
        }

        private static int Distance(string a, string b, int limit)
        {
            if (Math.Abs(a.Length - b.Length) >= limit) return limit;
            var prev = new int[b.Length + 1];
            var cur = new int[b.Length + 1];
            for (var j = 0; j <= b.Length; j++) prev[j] = j;
            for (var i = 1; i <= a.Length; i++)
            {
                cur[0] = i;
                for (var j = 1; j <= b.Length; j++)
                {
                    var cost = char.ToUpperInvariant(a[i - 1]) == char.ToUpperInvariant(b[j - 1]) ? (a[i - 1] == b[j - 1] ? 0 : 1) : 1;
                    cur[j] = Math.Min(Math.Min(prev[j] + 1, cur[j - 1] + 1), prev[j - 1] + cost);
                }
                (prev, cur) = (cur, prev);
            }
            return prev[b.Length];
        }
    }
}
