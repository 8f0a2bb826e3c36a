using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.RegularExpressions;
using MailDsl.Daemons.Settings;
using MailDsl.Daemons.Settings.Rules;
using MailDsl.Directories;
using MailDsl.Layers;
using MailDsl.Model;
using MailDsl.Rules;
using MailDsl.Rules.Values;

namespace MailDsl.Daemons.Dovecot
{
    /// <summary>
    /// The raw Dovecot values doveconf refuses for their setting's type (MAIL4019), or checks in a way of its own (MAIL4020),
    /// as the target version's catalogue records each setting's values (read off doveconf by scripts/catalogs/dovecot_catalog.py):
    /// <c>bool</c> (yes, y, no, any case, or 1), <c>uint</c> (decimal digits up to 4294967295), <c>size</c> (digits, then
    /// B, k, M, G or T, with an optional B, any case, a space allowed before), <c>time</c> (0, or digits and a unit from
    /// seconds to weeks; <c>time-ms</c> takes milliseconds too), <c>port</c> (0 to 65535), <c>enum:a|b</c> (one of them, as
    /// written), and <c>-unlimited</c> where doveconf takes "unlimited" too. doveconf trims blanks around a value.
    /// </summary>
    internal static class DovecotRawValues
    {
        private static readonly Regex Size = new(@"^[0-9]+ *([bkmgt]b?)?$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

        private static readonly Regex Time = new(@"^[0-9]+ *(s|secs?|seconds?|m|mins?|minutes?|h|hours?|d|days?|w|weeks?)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

        private static readonly Regex TimeMs = new(@"^[0-9]+ *(ms|msecs?|milliseconds?)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

        /// <summary>The problems of every raw Dovecot setting of <paramref name="platform"/>.</summary>
        public static IEnumerable<RawValueProblem> Of(PlatformModel platform)
        {
            foreach (var c in CheckedSetting.Of(platform))
            {
                if (c.Setting.Daemon != Daemon.Dovecot || c.Info.Status != SettingStatus.Known || c.Info.Values is not { } kind
                    || c.Setting.Value is not { } value || ValueSafety.Find(value, ValueKind.DovecotValue) is not null) continue;
                var origin = c.ValueOrigin;
                var shown = ValueSafety.Show(value);
                if (kind.StartsWith("checked:", StringComparison.Ordinal))
                {
                    if (RequirementMet(c, kind.Substring(8), value.Trim(' ', '\t'))) continue;
                    yield return new RawValueProblem(origin, $"{c.Subject} = '{shown}' is checked by doveconf in a way of its own that MailDsl does not repeat "
                        + $"(for 'x', {c.VersionPhrase} says: {kind.Substring(8)}), so MailDsl cannot promise Dovecot takes it; doveconf -n in install.sh will tell before Dovecot is reloaded.", Refused: false);
                    continue;
                }
                if (Why(kind, value.Trim(' ', '\t')) is { } why)
                    yield return new RawValueProblem(origin, $"{c.Subject} = '{shown}' is refused by {c.VersionPhrase}: {why}, so doveconf refuses the file and Dovecot does not start.", Refused: true);
            }
        }

        // doveconf's check of one setting against another ("mail_nfs_index=yes requires mmap_disable=yes"): nothing to say
        // when the value is not the one the check is about, or when what it requires is written, by MailDsl itself
        // (DovecotDirectory.StorageSettings: mmap_disable = yes on NFS) or by another raw setting on the same layer.
        private static readonly Regex Requires = new(@"^([a-z0-9_]+)=(\S+) requires ([a-z0-9_]+)=(\S+)$", RegexOptions.CultureInvariant);

        private static bool RequirementMet(CheckedSetting c, string said, string value)
        {
            if (Requires.Match(said) is not { Success: true } m || m.Groups[1].Value != c.Setting.Key) return false;
            // Only a yes/no check is read this way: another value is left to doveconf (MAIL4020).
            if (Why("bool", m.Groups[2].Value) is not null || Why("bool", value) is not null) return false;
            if (!SameBool(value, m.Groups[2].Value)) return true;
            var (name, wanted) = (m.Groups[3].Value, m.Groups[4].Value);
            bool Is(string? v) => v is not null && (v.Trim() == wanted || (Why("bool", wanted) is null && Why("bool", v.Trim()) is null && SameBool(v.Trim(), wanted)));
            var written = c.Layer is MailstoreLayer store ? DovecotDirectory.StorageSettings(PlatformDirectory.StorageOf(store)) : Array.Empty<(string, string)>();
            var raw = PlatformLayers.NumberedSettings(c.Layer).Where(s => s.Setting.Daemon == Daemon.Dovecot && s.Setting.Key == name).Select(s => s.Setting.Value).ToList();
            // A raw setting is written after MailDsl's own, so it wins where there is one.
            return raw.Count > 0 ? Is(raw[raw.Count - 1]) : written.Any(w => w.Item1 == name && Is(w.Item2));
        }

        private static bool SameBool(string a, string b) => IsYes(a) == IsYes(b);

        private static bool IsYes(string v) => v.Equals("yes", StringComparison.OrdinalIgnoreCase) || v.Equals("y", StringComparison.OrdinalIgnoreCase) || v == "1";

        /// <summary>Why doveconf refuses <paramref name="value"/> (trimmed) for a setting of <paramref name="kind"/>, or null when it takes it.</summary>
        internal static string? Why(string kind, string value)
        {
            var unlimited = kind.EndsWith("-unlimited", StringComparison.Ordinal);
            if (unlimited && value == "unlimited") return null;
            var baseKind = unlimited ? kind.Substring(0, kind.Length - "-unlimited".Length) : kind;
            switch (baseKind)
            {
                case "bool":
                    return value.Equals("yes", StringComparison.OrdinalIgnoreCase) || value.Equals("y", StringComparison.OrdinalIgnoreCase)
                        || value.Equals("no", StringComparison.OrdinalIgnoreCase) || value == "1"
                        ? null : "it takes yes or no (doveconf: 'Invalid boolean value')";
                case "uint":
                    return IsDigits(value) && (value.TrimStart('0').Length < 10 || (value.TrimStart('0').Length == 10 && string.CompareOrdinal(value.TrimStart('0'), "4294967295") <= 0))
                        ? null : "it takes a whole number from 0 to 4294967295" + (unlimited ? " or unlimited" : "") + " (doveconf: 'Invalid number')";
                case "size":
                    return Size.IsMatch(value) ? null : "it takes a size: a whole number with an optional unit, B, k, M, G or T (10M, 512 kB)" + (unlimited ? ", or unlimited" : "") + " (doveconf: 'Invalid size')";
                case "time":
                case "time-ms":
                    if (value == "0" || Time.IsMatch(value) || (baseKind == "time-ms" && TimeMs.IsMatch(value))) return null;
                    return IsDigits(value) ? "a time needs its unit, e.g. '" + value + "s' or '" + value + " mins' (doveconf: 'missing units')"
                        : TimeMs.IsMatch(value) ? "it takes seconds and longer, not milliseconds (doveconf: 'Milliseconds not supported for this setting')"
                        : "it takes a time: a whole number and a unit, s, mins, hours, days or weeks (30 secs, 5 mins)" + (baseKind == "time-ms" ? " or ms" : "") + " (doveconf: 'Invalid time interval')";
                case "port":
                    return IsDigits(value) && value.TrimStart('0').Length <= 5 && int.Parse("0" + value.TrimStart('0'), CultureInfo.InvariantCulture) <= 65535
                        ? null : "it takes a port number from 0 to 65535 (doveconf: 'Invalid port number')";
                default:
                    if (baseKind.StartsWith("enum:", StringComparison.Ordinal))
                    {
                        var values = baseKind.Substring(5).Split('|');
                        return Array.IndexOf(values, value) >= 0 ? null : "it takes one of " + string.Join(", ", values) + ", written so (doveconf: 'Invalid value')";
                    }
                    return null; // a kind this version of MailDsl does not know: the catalogue is newer; nothing to say
            }
        }

        private static bool IsDigits(string value)
        {
            if (value.Length == 0) return false;
            foreach (var c in value) if (c < '0' || c > '9') return false;
            return true;
        }
    }
}
