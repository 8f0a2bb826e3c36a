using System.Collections.Generic;
using MailDsl.Model;
using MailDsl.Rules;

namespace MailDsl.Daemons.Settings.Rules
{
    /// <summary>
    /// MAIL4011: a raw setting under an old name the target's version still reads for compatibility: Postfix's
    /// fallbacks (<c>virtual_maps</c> for virtual_alias_maps, <c>postscreen_blacklist_action</c> for
    /// postscreen_denylist_action), doveconf 2.3's renamed settings (<c>ssl_disable</c> for ssl). It works today and
    /// stops working when the compatibility name goes. The new name is carried in <see cref="FixProperties.FixedValue"/>
    /// for the code fix that rewrites the key.
    /// </summary>
    internal sealed class RenamedSettingRule : Rule
    {
        /// <inheritdoc/>
        public override RuleDescriptor Descriptor => RuleCatalog.RenamedSetting;

        /// <inheritdoc/>
        public override IEnumerable<Finding> Check(PlatformModel platform)
        {
            foreach (var c in CheckedSetting.Of(platform))
            {
                if (c.Info.Status != SettingStatus.Renamed || c.Info.Replacement is not { } replacement) continue;
                var message = $"{c.Subject} is an old name: {c.VersionPhrase} reads it as '{replacement}' ({CheckedSetting.Clause(c.Info.Note)}), "
                    + "for compatibility only, and passes the value on unchanged. "
                    + $"Write '{replacement}' (and check the value still means what you intend under that name).";
                yield return Report(c.KeyOrigin, message) with
                {
                    Properties = EquatableArray.Of(new FindingProperty(FixProperties.FixedValue, replacement)),
                };
            }
        }
    }
}
