using System.Collections.Generic;
using MailDsl.Model;
using MailDsl.Tls.Catalog;
using MailDsl.Tls.CipherString;

namespace MailDsl.Tls
{
    /// <summary>How a suite stands against a policy.</summary>
    public enum CipherVerdict
    {
        /// <summary>In the chosen guideline profile.</summary>
        InProfile,
        /// <summary>Not broken, but left out of the profile (no forward secrecy, CBC, SHA-1 MAC, ...).</summary>
        OutsideProfile,
        /// <summary>Broken cryptography: no encryption, no authentication, export grade, RC4, DES, 3DES, MD5.</summary>
        Broken,
    }

    /// <summary>A suite's verdict with the reasons, in words an operator understands.</summary>
    /// <param name="Suite">The suite.</param>
    /// <param name="Verdict">Broken, outside the profile, or in it.</param>
    /// <param name="Reasons">Why (empty when in the profile).</param>
    public sealed record CipherClassification(CipherSuite Suite, CipherVerdict Verdict, IReadOnlyList<string> Reasons);

    /// <summary>Sorts suites into broken / outside the profile / in the profile, with a reason for each.</summary>
    public static class CipherClassifier
    {
        /// <summary>Why <paramref name="suite"/> is broken, or an empty list when it is not.</summary>
        public static IReadOnlyList<string> BrokenReasons(CipherSuite suite)
        {
            var r = new List<string>();
            if (suite.Encryption == Encryption.Null) r.Add("no encryption (eNULL)");
            if (suite.Authentication == Authentication.Null) r.Add("no authentication (aNULL): anyone can sit in the middle");
            if (suite.Encryption == Encryption.Rc4) r.Add("RC4 (RFC 7465 forbids it)");
            if (suite.Encryption == Encryption.Des) r.Add("single DES (56-bit)");
            if (suite.Encryption == Encryption.TripleDes) r.Add("3DES (64-bit blocks: Sweet32)");
            if (suite.Encryption == Encryption.Rc2 || suite.Encryption == Encryption.Idea) r.Add("obsolete 64-bit block cipher");
            if (suite.Mac == MacAlgorithm.Md5) r.Add("MD5 MAC");
            // The key size, not OpenSSL's strength bits: from 3.2 the CCM8 suites count 64 strength bits for their short tag.
            if (suite.KeyBits > 0 && suite.KeyBits < 112) r.Add("export-grade key size");
            return r;
        }

        /// <summary>Why <paramref name="suite"/> falls outside a guideline profile that does not list it.</summary>
        public static IReadOnlyList<string> OutsideProfileReasons(CipherSuite suite)
        {
            var r = new List<string>();
            if (!suite.HasForwardSecrecy) r.Add(suite.KeyExchange == KeyExchange.Rsa ? "static RSA key exchange: no forward secrecy" : "no forward secrecy");
            if ((suite.KeyExchange & (KeyExchange.AnyPsk | KeyExchange.Srp)) != 0) r.Add("pre-shared key or SRP: no certificate authentication");
            if (suite.IsCbc) r.Add("CBC mode (Lucky13-style padding oracles)");
            if (suite.Mac == MacAlgorithm.Sha1) r.Add("SHA-1 MAC");
            if (suite.Authentication == Authentication.Dss) r.Add("DSA certificate");
            if ((suite.Encryption & (Encryption.AnyCamellia | Encryption.AnyAria)) != 0) r.Add("Camellia/ARIA: in no guideline profile");
            if ((suite.Encryption & (Encryption.Aes128Ccm | Encryption.Aes256Ccm | Encryption.Aes128Ccm8 | Encryption.Aes256Ccm8)) != 0) r.Add("AES-CCM: in no guideline profile");
            if (r.Count == 0) r.Add("not in the profile's list");
            return r;
        }

        /// <summary>Classifies <paramref name="suite"/> against <paramref name="profile"/> (its suites as <paramref name="catalog"/>'s OpenSSL reads the profile's string).</summary>
        public static CipherClassification Classify(CipherSuite suite, GuidelineProfile profile, CipherCatalog catalog)
        {
            var broken = BrokenReasons(suite);
            if (broken.Count > 0) return new CipherClassification(suite, CipherVerdict.Broken, broken);
            if (ProfileSuites(profile, catalog).Contains(suite.Id)) return new CipherClassification(suite, CipherVerdict.InProfile, new string[0]);
            return new CipherClassification(suite, CipherVerdict.OutsideProfile, OutsideProfileReasons(suite));
        }

        private static readonly Dictionary<(GuidelineProfile, CipherCatalog), HashSet<int>> ProfileCache = new();

        /// <summary>The ids of the TLS 1.2 suites <paramref name="profile"/>'s cipher string selects on <paramref name="catalog"/>'s OpenSSL.</summary>
        public static HashSet<int> ProfileSuites(GuidelineProfile profile, CipherCatalog catalog)
        {
            lock (ProfileCache)
            {
                if (ProfileCache.TryGetValue((profile, catalog), out var set)) return set;
                set = new HashSet<int>();
                foreach (var s in CipherStringEngine.Parse(profile.Ciphers, catalog).Suites) set.Add(s.Suite.Id);
                ProfileCache[(profile, catalog)] = set;
                return set;
            }
        }
    }
}
