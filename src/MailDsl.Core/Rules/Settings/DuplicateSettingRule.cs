using System;
using System.Collections.Generic;
using MailDsl.Layers;
using MailDsl.Model;
using MailDsl.Rules.Values;

namespace MailDsl.Rules.Settings
{
    /// <summary>
    /// MAIL4001: one raw setting written twice in a layer, like the guide's two <c>tls_disable_workarounds</c>
    /// lines. Postfix and Dovecot keep only the last value, so the first is dead text that misleads whoever
    /// reads the file. The finding points at the second (and every later) occurrence.
    /// </summary>
    internal sealed class DuplicateSettingRule : Rule
    {
        /// <inheritdoc/>
        public override RuleDescriptor Descriptor => RuleCatalog.DuplicateSetting;

        /// <inheritdoc/>
        public override IEnumerable<Finding> Check(PlatformModel platform)
        {
            foreach (var layer in PlatformLayers.Of(platform))
            {
                var first = new Dictionary<(Daemon, string), RawSetting>();
                foreach (var (setting, n) in PlatformLayers.NumberedSettings(layer))
                {
                    var id = (setting.Daemon, setting.Key ?? "");
                    if (!first.TryGetValue(id, out var original))
                    {
                        first[id] = setting;
                        continue;
                    }
                    var same = string.Equals((original.Value ?? "").Trim(), (setting.Value ?? "").Trim(), StringComparison.Ordinal);
                    var message = $"The {LayerDescriptors.Of(layer).DisplayName} {setting.Daemon} setting '{setting.Key}' is written again "
                        + (same
                            ? $"with the same value '{ValueSafety.Show(setting.Value)}': the second line changes nothing. Remove it."
                            : $"('{ValueSafety.Show(original.Value)}' first, now '{ValueSafety.Show(setting.Value)}'): only the last value takes effect "
                              + "(MailDsl writes the setting once, with it), so the first one is dead and misleads whoever reads the description. "
                              + "Keep the one value you mean and remove the other.");
                    yield return Report(OriginKeys.Of(layer).Setting(setting.Daemon, setting.Key, n).Key, message);
                }
            }
        }
    }
}
