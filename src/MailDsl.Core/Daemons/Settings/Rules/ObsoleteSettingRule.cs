using System.Collections.Generic;
using MailDsl.Model;
using MailDsl.Rules;

namespace MailDsl.Daemons.Settings.Rules
{
    /// <summary>
    /// MAIL4012: a raw setting the target's version still takes but calls deprecated, obsolete or ignored, as the
    /// daemon itself or its shipped documentation says: Postfix 3.10's "support for parameter ... will be removed"
    /// (<c>smtpd_use_tls</c>, <c>smtpd_tls_eecdh_grade</c>), postconf(5)'s "this parameter is silently ignored"
    /// (<c>smtpd_tls_dh512_param_file</c> from Postfix 3.6), doveconf 2.3's "Obsolete setting" (<c>ssl_protocols</c>,
    /// <c>ssl_dh_parameters_length</c>). The message gives the replacement, or says to leave it out.
    /// </summary>
    internal sealed class ObsoleteSettingRule : Rule
    {
        /// <inheritdoc/>
        public override RuleDescriptor Descriptor => RuleCatalog.ObsoleteSetting;

        /// <inheritdoc/>
        public override IEnumerable<Finding> Check(PlatformModel platform)
        {
            foreach (var c in CheckedSetting.Of(platform))
            {
                var status = c.Info.Status;
                if (status is not (SettingStatus.Deprecated or SettingStatus.Obsolete or SettingStatus.Ignored)) continue;
                var note = CheckedSetting.Clause(c.Info.Note);
                var message = status switch
                {
                    SettingStatus.Ignored => $"{c.Subject} has no effect in {c.VersionPhrase}: the daemon ignores its value ({note}).",
                    SettingStatus.Obsolete => $"{c.Subject} is obsolete in {c.VersionPhrase} ({note}).",
                    _ => $"{c.Subject} is deprecated in {c.VersionPhrase} ({note}): it still works, and a later version drops it.",
                };
                if (c.Info.Replacement is { } replacement && c.Catalog.IsKnown(replacement))
                    message += CheckedSetting.DslFor(replacement) is { } dsl
                        ? $" Remove it and {dsl}."
                        : $" Write '{replacement}' instead.";
                else
                    message += status switch
                    {
                        SettingStatus.Ignored => " Remove it: it changes nothing.",
                        SettingStatus.Obsolete => " Remove it, or write what the daemon names in its place.",
                        _ => " Remove it and leave the default, as the daemon asks.",
                    };
                yield return Report(c.KeyOrigin, message);
            }
        }
    }
}
