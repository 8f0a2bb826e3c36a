using System.Collections.Generic;
using MailDsl.Model;

namespace MailDsl.Tls
{
    /// <summary>
    /// The server-side TLS guideline profiles MailDsl knows, as data. TLSRef 6.0 is the default: its JSON is published at
    /// https://data.tlsref.org/guidelines/6.0.json (the same file as mozilla/ssl-config-generator's
    /// src/static/guidelines/6.0.json, https://ssl-config.mozilla.org/guidelines/6.0.json, before that repository moved
    /// to tlsref/configurator). 6.0 has modern and intermediate only ("remove Old configuration", ssl-config-generator
    /// release v6.0); 5.8 had removed the DHE suites from intermediate and added X25519MLKEM768 to the groups. Mozilla's
    /// 5.7 (modern, intermediate, old) stays selectable for operators who pinned it.
    /// </summary>
    public static class GuidelineProfiles
    {
        private const string Tls13Suites = "TLS_AES_128_GCM_SHA256:TLS_AES_256_GCM_SHA384:TLS_CHACHA20_POLY1305_SHA256";
        private const string TlsRef60Source = "https://data.tlsref.org/guidelines/6.0.json";
        private const string Mozilla57Source = "https://ssl-config.mozilla.org/guidelines/5.7.json";
        private const int TwoYears = 63072000;

        /// <summary>TLSRef 6.0 modern: TLS 1.3 only; X25519MLKEM768 first where OpenSSL has it.</summary>
        public static readonly GuidelineProfile TlsRef60Modern = new(
            TlsGuideline.TlsRef60, TlsProfile.Modern, "6.0",
            EquatableArray.Of(TlsVersion.Tls13), "", Tls13Suites,
            EquatableArray.Of("X25519MLKEM768", "X25519", "prime256v1", "secp384r1"),
            0, TwoYears, false, 2, TlsRef60Source);

        /// <summary>TLSRef 6.0 intermediate: TLS 1.2 and 1.3, ECDHE with AES-GCM or ChaCha20 only (no DHE suites).</summary>
        public static readonly GuidelineProfile TlsRef60Intermediate = new(
            TlsGuideline.TlsRef60, TlsProfile.Intermediate, "6.0",
            EquatableArray.Of(TlsVersion.Tls12, TlsVersion.Tls13),
            "ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-GCM-SHA256:ECDHE-ECDSA-AES256-GCM-SHA384:ECDHE-RSA-AES256-GCM-SHA384:ECDHE-ECDSA-CHACHA20-POLY1305:ECDHE-RSA-CHACHA20-POLY1305",
            Tls13Suites,
            EquatableArray.Of("X25519MLKEM768", "X25519", "prime256v1", "secp384r1"),
            2048, TwoYears, false, 2, TlsRef60Source);

        /// <summary>Mozilla 5.7 modern: TLS 1.3 only.</summary>
        public static readonly GuidelineProfile Mozilla57Modern = new(
            TlsGuideline.Mozilla57, TlsProfile.Modern, "5.7",
            EquatableArray.Of(TlsVersion.Tls13), "", Tls13Suites,
            EquatableArray.Of("X25519", "prime256v1", "secp384r1"),
            0, TwoYears, false, 2, Mozilla57Source);

        /// <summary>Mozilla 5.7 intermediate: TLS 1.2 and 1.3, forward-secret AEAD suites including three DHE ones.</summary>
        public static readonly GuidelineProfile Mozilla57Intermediate = new(
            TlsGuideline.Mozilla57, TlsProfile.Intermediate, "5.7",
            EquatableArray.Of(TlsVersion.Tls12, TlsVersion.Tls13),
            "ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-GCM-SHA256:ECDHE-ECDSA-AES256-GCM-SHA384:ECDHE-RSA-AES256-GCM-SHA384:ECDHE-ECDSA-CHACHA20-POLY1305:ECDHE-RSA-CHACHA20-POLY1305:DHE-RSA-AES128-GCM-SHA256:DHE-RSA-AES256-GCM-SHA384:DHE-RSA-CHACHA20-POLY1305",
            Tls13Suites,
            EquatableArray.Of("X25519", "prime256v1", "secp384r1"),
            2048, TwoYears, false, 2, Mozilla57Source);

        /// <summary>
        /// Mozilla 5.7 old: TLS 1.0 to 1.3 with CBC, static RSA and 3DES, for ancient clients. It works only at OpenSSL
        /// security level 0 on OpenSSL 3 (the TLSRef configurator prepends <c>@SECLEVEL=0</c> for it).
        /// </summary>
        public static readonly GuidelineProfile Mozilla57Old = new(
            TlsGuideline.Mozilla57, TlsProfile.Old, "5.7",
            EquatableArray.Of(TlsVersion.Tls10, TlsVersion.Tls11, TlsVersion.Tls12, TlsVersion.Tls13),
            "ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-GCM-SHA256:ECDHE-ECDSA-AES256-GCM-SHA384:ECDHE-RSA-AES256-GCM-SHA384:ECDHE-ECDSA-CHACHA20-POLY1305:ECDHE-RSA-CHACHA20-POLY1305:DHE-RSA-AES128-GCM-SHA256:DHE-RSA-AES256-GCM-SHA384:DHE-RSA-CHACHA20-POLY1305:ECDHE-ECDSA-AES128-SHA256:ECDHE-RSA-AES128-SHA256:ECDHE-ECDSA-AES128-SHA:ECDHE-RSA-AES128-SHA:ECDHE-ECDSA-AES256-SHA384:ECDHE-RSA-AES256-SHA384:ECDHE-ECDSA-AES256-SHA:ECDHE-RSA-AES256-SHA:DHE-RSA-AES128-SHA256:DHE-RSA-AES256-SHA256:AES128-GCM-SHA256:AES256-GCM-SHA384:AES128-SHA256:AES256-SHA256:AES128-SHA:AES256-SHA:DES-CBC3-SHA",
            Tls13Suites,
            EquatableArray.Of("X25519", "prime256v1", "secp384r1"),
            1024, TwoYears, true, 0, Mozilla57Source);

        /// <summary>Every profile, newest guideline first.</summary>
        public static IReadOnlyList<GuidelineProfile> All { get; } = new[]
        {
            TlsRef60Modern, TlsRef60Intermediate, Mozilla57Modern, Mozilla57Intermediate, Mozilla57Old,
        };

        /// <summary>The guideline a policy follows when it names none.</summary>
        public const TlsGuideline DefaultGuideline = TlsGuideline.TlsRef60;

        /// <summary>The profile <paramref name="name"/> of <paramref name="guideline"/>, or null when that guideline has no such profile (old in 6.0).</summary>
        public static GuidelineProfile? Find(TlsGuideline guideline, TlsProfile name)
        {
            foreach (var p in All)
                if (p.Guideline == guideline && p.Name == name) return p;
            return null;
        }

        /// <summary>
        /// The profile <paramref name="name"/> of <paramref name="guideline"/>; where the guideline has none (old in
        /// TLSRef 6.0), the newest guideline that has it (Mozilla 5.7's old), so resolving stays total. MAIL1005 reports
        /// the choice, and as an error it keeps anything from being written with it.
        /// </summary>
        public static GuidelineProfile Get(TlsGuideline guideline, TlsProfile name)
        {
            if (Find(guideline, name) is { } exact) return exact;
            foreach (var p in All)
                if (p.Name == name) return p;
            return TlsRef60Intermediate;
        }
    }
}
