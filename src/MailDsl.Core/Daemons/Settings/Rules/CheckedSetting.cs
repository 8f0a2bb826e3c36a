using System;
using System.Collections.Generic;
using System.Text;
using MailDsl.Layers;
using MailDsl.Model;
using MailDsl.Rules;
using MailDsl.Targets;
using MailDsl.Topology;

namespace MailDsl.Daemons.Settings.Rules
{
    /// <summary>
    /// One raw Postfix, Dovecot or SOGo setting of a layer, with the catalogue of the version the target runs and what that
    /// catalogue makes of its name: what the MAIL4010-MAIL4016 rules share.
    /// </summary>
    /// <param name="Layer">The layer the setting is written on.</param>
    /// <param name="Setting">The setting.</param>
    /// <param name="Occurrence">Its number among the layer's settings of the same daemon and key (origin keys count them).</param>
    /// <param name="Version">The daemon version the target runs (its own, or the platform's override).</param>
    /// <param name="Overridden">Whether the platform overrides the target's version of this daemon.</param>
    /// <param name="Target">The target's name as messages say it, e.g. <c>Debian 12</c>.</param>
    /// <param name="Catalog">The catalogue checked against.</param>
    /// <param name="Info">What the catalogue makes of the name.</param>
    /// <param name="Facts">How the daemon takes raw settings, from its module.</param>
    internal sealed record CheckedSetting(Layer Layer, RawSetting Setting, int Occurrence, SoftwareVersion Version, bool Overridden, string Target,
        SettingsCatalog Catalog, SettingInfo Info, RawSettingFacts Facts)
    {
        /// <summary>The origin key of the setting's name argument, where findings point.</summary>
        public string KeyOrigin => OriginKeys.Of(Layer).Setting(Setting.Daemon, Setting.Key, Occurrence).Key;

        /// <summary>The origin key of the setting's value argument, where findings on the value point.</summary>
        public string ValueOrigin => OriginKeys.Of(Layer).Setting(Setting.Daemon, Setting.Key, Occurrence).Value;

        /// <summary>How a message opens: <c>The SMTP-in Postfix setting 'x'</c>.</summary>
        public string Subject => $"The {LayerDescriptors.Of(Layer).DisplayName} {SettingsCatalog.DaemonName(Setting.Daemon)} setting '{Setting.Key}'";

        /// <summary>
        /// The version and where it comes from: <c>Postfix 3.7.11 on Debian 12</c>, <c>Dovecot 2.4.1 (this platform's version
        /// on Debian 12)</c>, with a word on the catalogue when it is another version's or reasoned.
        /// </summary>
        public string VersionPhrase => Phrase(Catalog, Version, Overridden, Target);

        /// <summary>See <see cref="VersionPhrase"/>.</summary>
        public static string Phrase(SettingsCatalog catalog, SoftwareVersion version, bool overridden, string target)
        {
            var text = new StringBuilder(SettingsCatalog.DaemonName(catalog.Daemon) + " " + version);
            text.Append(overridden ? $" (this platform's version on {target})" : $" on {target}");
            if (!catalog.Covers(version))
                text.Append($" (checked against {catalog.DisplayName}'s catalogue, the nearest MailDsl has)");
            else if (catalog.Provenance == Provenance.Reasoned)
                text.Append(" (its catalogue is reasoned from upstream sources, not read off the daemon)");
            return text.ToString();
        }

        /// <summary>Every raw setting of <paramref name="platform"/> whose daemon has catalogues (<see cref="DaemonModule.RawSettings"/>), with a name the catalogue can answer for.</summary>
        public static IEnumerable<CheckedSetting> Of(PlatformModel platform)
        {
            var facts = PlatformTopology.Of(platform).Target;
            var own = TargetTable.Of(platform.Target);
            foreach (var layer in PlatformLayers.Of(platform))
            {
                foreach (var (setting, n) in PlatformLayers.NumberedSettings(layer))
                {
                    if (setting is null || !IsName(setting.Key) || DaemonModules.Of(setting.Daemon)?.RawSettings is not { } taken) continue;
                    if (facts.VersionOf(setting.Daemon) is not { } version || SettingsCatalog.For(setting.Daemon, version) is not { } catalog) continue;
                    yield return new CheckedSetting(layer, setting, n, version, version != own.VersionOf(setting.Daemon), facts.DisplayName,
                        catalog, catalog.Lookup(setting.Key), taken);
                }
            }
        }

        /// <summary>
        /// Whether <paramref name="key"/> is a plain setting name. Anything else (Dovecot 2.4's <c>filter/name</c> paths,
        /// spaces, braces) is not the catalogues' to judge; MAIL3001 reports what a file cannot hold.
        /// </summary>
        public static bool IsName(string? key)
        {
            if (string.IsNullOrEmpty(key)) return false;
            foreach (var c in key!)
                if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_')) return false;
            return true;
        }

        /// <summary>The other versions' catalogues of the same daemon where <paramref name="name"/> is known, oldest first.</summary>
        public static List<SettingsCatalog> KnownElsewhere(SettingsCatalog catalog, string name)
        {
            var found = new List<SettingsCatalog>();
            foreach (var other in SettingsCatalog.All(catalog.Daemon))
                if (!ReferenceEquals(other, catalog) && other.IsKnown(name)) found.Add(other);
            return found;
        }

        /// <summary>Names a list of catalogues: <c>Postfix 3.8.5 and 3.10.13</c>.</summary>
        public static string Versions(IReadOnlyList<SettingsCatalog> catalogs)
        {
            var text = new StringBuilder(SettingsCatalog.DaemonName(catalogs[0].Daemon) + " ");
            for (var i = 0; i < catalogs.Count; i++)
            {
                if (i > 0) text.Append(i == catalogs.Count - 1 ? " and " : ", ");
                text.Append(catalogs[i].Version);
            }
            return text.ToString();
        }

        /// <summary>A note from a catalogue, as a clause: trimmed, no final full stop.</summary>
        public static string Clause(string? note) => (note ?? "").Trim().TrimEnd('.');

        /// <summary>
        /// How MailDsl's own DSL says what a replacement setting does, when it has a verb for it (Postfix's security
        /// levels come from StartTls and OutboundTls), else null.
        /// </summary>
        public static string? DslFor(string? replacement) => replacement switch
        {
            "smtpd_tls_security_level" => "describe the level with .StartTls(TlsLevel.May or TlsLevel.Encrypt) on the SMTP-in layer: MailDsl writes smtpd_tls_security_level from it",
            "smtp_tls_security_level" => "describe the level with .OutboundTls(...) on the SMTP-out layer: MailDsl writes smtp_tls_security_level from it",
            _ => null,
        };

        /// <summary>Compares names as the daemons do (case matters: Postfix's smtp_tls_CAfile).</summary>
        public static bool Same(string? a, string? b) => string.Equals(a, b, StringComparison.Ordinal);
    }
}
