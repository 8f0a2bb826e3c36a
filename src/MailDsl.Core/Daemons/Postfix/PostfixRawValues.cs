using System;
using System.Collections.Generic;
using System.Linq;
using System.Globalization;
using System.Net;
using MailDsl.Daemons.Settings;
using MailDsl.Daemons.Settings.Rules;
using MailDsl.Model;
using MailDsl.Rules;
using MailDsl.Rules.Values;

namespace MailDsl.Daemons.Postfix
{
    /// <summary>
    /// The raw Postfix values Postfix itself refuses (MAIL4019) or checks in a way of its own (MAIL4020). postconf checks few
    /// values when it reads main.cf: <c>inet_protocols</c>, <c>mynetworks_style</c>, an <c>inet_interfaces</c> name it cannot
    /// resolve, and a restriction class that names no parameter (a warning). <c>postfix check</c> (and <c>postfix start</c>)
    /// refuses more, as the target version's catalogue records each parameter's values (read off postfix(1) and post-install
    /// by scripts/catalogs/postfix_catalog.py): <c>bool</c> (yes or no, any case), <c>int</c> and <c>long</c> (what C's strtol
    /// reads whole: an optional sign and decimal digits, within the type, and within <c>:MIN..MAX</c> where the catalogue
    /// gives bounds), <c>time/U</c> (strtol's number, not negative, then one unit letter s, m, h, d or w, U for a bare number;
    /// Postfix ignores what follows the letter; the seconds within an int and the bounds), <c>path</c> (absolute) and
    /// <c>path-or-no</c>, and <c>checked:WHY</c> for a check of its own. A parameter only its daemon converts has no kind: the
    /// daemon reads it at run time; MailDsl's grammar keeps its syntax safe.
    /// </summary>
    internal static class PostfixRawValues
    {
        /// <summary>The problems of every raw Postfix setting of <paramref name="platform"/>.</summary>
        public static IEnumerable<RawValueProblem> Of(PlatformModel platform)
        {
            foreach (var c in CheckedSetting.Of(platform))
            {
                if (c.Setting.Daemon != Daemon.Postfix || c.Setting.Value is not { } value || ValueSafety.Find(value, ValueKind.PostfixValue) is not null) continue;
                var origin = c.ValueOrigin;
                var words = value.Split(new[] { ' ', '\t', ',' }, StringSplitOptions.RemoveEmptyEntries);
                string? why = null;
                switch (c.Setting.Key)
                {
                    case "inet_protocols":
                        if (words.Length == 0 || words.Any(w => w is not ("all" or "ipv4" or "ipv6")))
                            why = "postconf stops with 'unknown inet_protocols value': write all, ipv4, ipv6 or 'ipv4, ipv6'";
                        break;
                    case "mynetworks_style":
                        if (words.Length != 1 || words[0] is not ("host" or "subnet" or "class"))
                            why = "postconf stops with 'unknown mynetworks mask style value': write host, subnet or class";
                        break;
                    case "inet_interfaces":
                        if (words.Any(w => w is not ("all" or "loopback-only") && !IPAddress.TryParse(w.Trim('[', ']'), out _)))
                            why = "postconf resolves a name here when it reads main.cf and stops with 'host not found' where it does not resolve; "
                                + "write IP addresses, all or loopback-only, or describe the address with .ListenOn(...)";
                        break;
                    case "smtpd_restriction_classes":
                        if (words.FirstOrDefault(w => !c.Catalog.IsKnown(w)) is { } undefined)
                            why = $"each word names a parameter holding the class's restrictions, and '{undefined}' is none (postconf warns 'undefined parameter'); "
                                + "MailDsl takes no parameter of your own (MAIL4010), so leave restriction classes out";
                        break;
                }
                if (why is not null)
                {
                    yield return new RawValueProblem(origin, $"{c.Subject} = '{ValueSafety.Show(value)}' is refused by {c.VersionPhrase}: {why}.", Refused: true);
                    continue;
                }
                if (c.Info.Status != SettingStatus.Known || c.Info.Values is not { } kind || Judged.Contains(c.Setting.Key)) continue;
                if (kind.StartsWith("checked:", StringComparison.Ordinal))
                    yield return new RawValueProblem(origin, $"{c.Subject} = '{ValueSafety.Show(value)}' is checked by postfix check in a way of its own that MailDsl does not repeat "
                        + $"(for 'x', {c.VersionPhrase} says: {kind.Substring(8)}), so MailDsl cannot promise Postfix takes it; postfix check in install.sh will tell before Postfix is reloaded.", Refused: false);
                else if (Why(kind, value.Trim(' ', '\t')) is { } refused)
                    yield return new RawValueProblem(origin, $"{c.Subject} = '{ValueSafety.Show(value)}' is refused by {c.VersionPhrase}: {refused}, so postfix check refuses main.cf and Postfix does not start.", Refused: true);
            }
        }

        // The parameters whose values the checks above judge themselves.
        private static readonly HashSet<string> Judged = new(StringComparer.Ordinal) { "inet_protocols", "mynetworks_style", "inet_interfaces", "smtpd_restriction_classes" };

        /// <summary>Why postfix check refuses <paramref name="value"/> (trimmed) for a parameter of <paramref name="kind"/>, or null when it takes it.</summary>
        internal static string? Why(string kind, string value)
        {
            var colon = kind.IndexOf(':');
            var type = colon < 0 ? kind : kind.Substring(0, colon);
            var (min, max) = colon < 0 ? (null, null) : Bounds(kind.Substring(colon + 1));
            switch (type)
            {
                case "bool":
                    return value.Equals("yes", StringComparison.OrdinalIgnoreCase) || value.Equals("no", StringComparison.OrdinalIgnoreCase)
                        ? null : "it takes yes or no (postfix: 'bad boolean configuration')";
                case "int":
                case "long":
                    {
                        var limit = type == "int" ? int.MaxValue : long.MaxValue;
                        if (StrtolWhole(value) is not { } n || n > limit || n < -limit - 1)
                            return $"it takes a whole number (up to {limit.ToString(CultureInfo.InvariantCulture)}), written in decimal digits alone (postfix: 'bad numerical configuration')";
                        return OutOf((long)n, min, max, "");
                    }
                case "path":
                    return value.StartsWith("/", StringComparison.Ordinal) ? null : "it takes an absolute path (post-install, which postfix check runs: 'should be an absolute path name')";
                case "path-or-no":
                    return value == "no" || value.StartsWith("/", StringComparison.Ordinal) ? null : "it takes no or an absolute path (post-install, which postfix check runs: 'should be \"no\" or an absolute path name')";
                default:
                    if (type.StartsWith("time/", StringComparison.Ordinal) && type.Length == 6 && Seconds(type[5]) is { } bareUnit)
                    {
                        if (Time(value, bareUnit) is not { } seconds)
                            return "it takes a time: a whole number and a unit, s, m, h, d or w (300s, 5m, 1d), the seconds within 2147483647 (postfix: 'bad time value or unit')";
                        return OutOf(seconds, min, max, " seconds");
                    }
                    return null; // a kind this version of MailDsl does not know: the catalogue is newer; nothing to say
            }
        }

        private static string? OutOf(long n, long? min, long? max, string unit)
        {
            if (min is { } low && n < low) return $"it takes {low.ToString(CultureInfo.InvariantCulture)}{unit} or more (postfix: 'invalid ... value')";
            if (max is { } high && n > high) return $"it takes {high.ToString(CultureInfo.InvariantCulture)}{unit} or less (postfix: 'invalid ... value')";
            return null;
        }

        // ':MIN..MAX' with either side empty (Postfix checks a bound only where it is not 0).
        private static (long? Min, long? Max) Bounds(string range)
        {
            var dots = range.IndexOf("..", StringComparison.Ordinal);
            if (dots < 0) return (null, null);
            static long? Read(string s) => long.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n != 0 ? n : null;
            return (Read(range.Substring(0, dots)), Read(range.Substring(dots + 2)));
        }

        // What C's strtol reads of the whole value (an optional sign, decimal digits, nothing after), or null; clamped
        // past long's range so an overflow still reads as too large.
        private static decimal? StrtolWhole(string value)
        {
            var (n, end) = Strtol(value);
            return n is not null && end == value.Length ? n : null;
        }

        private static (decimal? Number, int End) Strtol(string value)
        {
            var i = 0;
            var negative = false;
            if (i < value.Length && value[i] is '+' or '-') negative = value[i++] == '-';
            var start = i;
            decimal n = 0;
            while (i < value.Length && value[i] is >= '0' and <= '9')
            {
                if (n < 1e20m) n = n * 10 + (value[i] - '0');
                i++;
            }
            return i == start ? (null, 0) : (negative ? -n : n, i);
        }

        private static long? Seconds(char unit) => unit switch { 's' => 1, 'm' => 60, 'h' => 3600, 'd' => 86400, 'w' => 604800, _ => null };

        // Postfix's conv_time: strtol's number (none reads as 0), not negative, then one unit letter or none (the
        // parameter's own unit); what follows the letter is ignored. Seen with postfix 3.7: '10sfoo' and 'hello' (0 h) taken,
        // '10 s', '5S', '-1' refused; the seconds must stay below an int's largest value over the unit (2147483647 s taken).
        private static long? Time(string value, long bareUnit)
        {
            var (n, end) = Strtol(value);
            if (n is null)
            {
                if (value.Length == 0 || value[0] is '+' or '-') return null;
                n = 0;
                end = 0;
            }
            if (n < 0 || n > int.MaxValue) return null;
            var unit = end < value.Length ? Seconds(value[end]) : bareUnit;
            if (unit is not { } u) return null;
            var whole = (long)n.Value;
            if (u > 1 && whole >= int.MaxValue / u) return null;
            return whole * u;
        }
    }
}
