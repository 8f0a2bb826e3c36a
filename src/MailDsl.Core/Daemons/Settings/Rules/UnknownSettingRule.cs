using System.Collections.Generic;
using System.Linq;
using MailDsl.Model;
using MailDsl.Rules;

namespace MailDsl.Daemons.Settings.Rules
{
    /// <summary>
    /// MAIL4010: a raw Postfix, Dovecot or SOGo setting whose name the target's version does not take: not in its
    /// catalogue, removed, or the name of a section. Postfix ignores such a parameter ("unused parameter"); doveconf refuses
    /// the whole file ("Unknown setting"), so Dovecot does not start; sogod never reads it, silently. What each daemon does
    /// comes from its module (<see cref="DaemonModule.RawSettings"/>). Like <c>dovecot_config_version</c> on Dovecot 2.3, or
    /// <c>tls_ffdhe_auto_groups</c> on Postfix 3.7. The message says which versions do know it and the nearest known
    /// name; where one name is clearly meant, it is carried in <see cref="FixProperties.FixedValue"/>.
    /// (Postfix would accept a user-defined parameter that another one expands as <c>$name</c>, but MailDsl refuses
    /// <c>$</c> in raw Postfix values, MAIL3001, so every parameter here must be Postfix's own.)
    /// </summary>
    internal sealed class UnknownSettingRule : Rule
    {
        /// <inheritdoc/>
        public override RuleDescriptor Descriptor => RuleCatalog.UnknownSetting;

        /// <inheritdoc/>
        public override IEnumerable<Finding> Check(PlatformModel platform)
        {
            foreach (var c in CheckedSetting.Of(platform))
            {
                if (c.Info.Status is not (SettingStatus.Unknown or SettingStatus.Removed or SettingStatus.Section)) continue;
                var (message, fix) = Describe(c);
                var finding = Report(c.KeyOrigin, message);
                yield return fix is null ? finding : finding with { Properties = EquatableArray.Of(new FindingProperty(FixProperties.FixedValue, fix)) };
            }
        }

        private static (string Message, string? Fix) Describe(CheckedSetting c)
        {
            var key = c.Setting.Key;
            var daemon = SettingsCatalog.DaemonName(c.Setting.Daemon);
            var reaction = c.Facts.UnknownReaction;
            var what = c.Info.Status switch
            {
                SettingStatus.Removed => $"is gone in {c.VersionPhrase} ({CheckedSetting.Clause(c.Info.Note)})",
                SettingStatus.Section => $"is not a 'name = value' setting in {c.VersionPhrase} but the name of a section ({CheckedSetting.Clause(c.Info.Note)}), which a raw setting cannot write",
                _ => $"is unknown to {c.VersionPhrase}",
            };
            var message = $"{c.Subject} {what}: {reaction}.";

            // What to write instead, from the most certain to the least.
            string? fix = null;
            if (c.Info.Replacement is { } replacement && c.Catalog.IsKnown(replacement))
            {
                fix = replacement;
                message += $" Write '{replacement}' instead.";
            }
            else if (OldNameOf(c) is { } old)
            {
                fix = old.Name;
                message += $" It is {old.In.DisplayName}'s name for '{old.Name}', which {daemon} {c.Version} knows: write '{old.Name}'.";
            }
            else
            {
                var elsewhere = CheckedSetting.KnownElsewhere(c.Catalog, key);
                var earlier = Verdict(c, key);
                if (earlier is not null) message += " " + earlier;
                if (elsewhere.Count > 0)
                {
                    var newest = elsewhere[elsewhere.Count - 1].Version;
                    message += $" {CheckedSetting.Versions(elsewhere)} know{(elsewhere.Count == 1 ? "s" : "")} it: remove it, or run a version that has it "
                        + $"(.Target(distro, t => t.With{c.Setting.Daemon}(\"{newest.MajorMinor}\"))" + (newest > c.Version ? " or a newer distro)." : ").");
                }
                else if (c.Catalog.Nearest(key) is { } nearest && !CheckedSetting.Same(nearest, key))
                {
                    fix = nearest;
                    message += $" Did you mean '{nearest}'?";
                }
                else if (earlier is null)
                    message += $" Remove it, or write a setting {c.Facts.NamesListedBy} lists.";
            }
            return (message, fix);
        }

        // A new name of another version (2.4's ssl_server_cert_file) whose old name this version knows (2.3's ssl_cert).
        private static (string Name, SettingsCatalog In)? OldNameOf(CheckedSetting c)
        {
            foreach (var other in SettingsCatalog.All(c.Catalog.Daemon))
            {
                if (ReferenceEquals(other, c.Catalog)) continue;
                foreach (var entry in other.Listed)
                    if (entry.Status is SettingStatus.Moved or SettingStatus.Renamed && CheckedSetting.Same(entry.Replacement, c.Setting.Key)
                        && c.Catalog.IsKnown(entry.Name))
                        return (entry.Name, other);
            }
            return null;
        }

        // What another version's catalogue already said about the name (2.3 called ssl_protocols obsolete), with its replacement.
        private static string? Verdict(CheckedSetting c, string key)
        {
            foreach (var other in SettingsCatalog.All(c.Catalog.Daemon).Reverse())
            {
                if (ReferenceEquals(other, c.Catalog)) continue;
                var info = other.Lookup(key);
                if (info.Status is SettingStatus.Known or SettingStatus.Unknown or SettingStatus.Section) continue;
                var text = $"{other.DisplayName} lists it as {info.Status.ToString().ToLowerInvariant()} ({CheckedSetting.Clause(info.Note)}).";
                if (info.Replacement is { } r && c.Catalog.IsKnown(r)) text += $" Write '{r}' instead.";
                return text;
            }
            return null;
        }
    }
}
