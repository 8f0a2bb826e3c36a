using System;
using System.Collections.Generic;
using MailDsl.Model;
using MailDsl.Rules;

namespace MailDsl.Daemons.Settings.Rules
{
    /// <summary>
    /// MAIL4016: a raw setting under a name the target's version renamed or replaced and no longer reads, like
    /// <c>ssl_cert</c> on Dovecot 2.4 (renamed to ssl_server_cert_file; doveconf 2.4 answers "Unknown setting" and
    /// Dovecot does not start). An error, because the daemon refuses the file. For a rename (same values) the new
    /// name is carried in <see cref="FixProperties.FixedValue"/> for the code fix; a replacement whose values differ
    /// (disable_plaintext_auth -> auth_allow_cleartext) gets no automatic fix.
    /// </summary>
    internal sealed class RefusedOldSettingRule : Rule
    {
        /// <inheritdoc/>
        public override RuleDescriptor Descriptor => RuleCatalog.RefusedOldSetting;

        /// <inheritdoc/>
        public override IEnumerable<Finding> Check(PlatformModel platform)
        {
            foreach (var c in CheckedSetting.Of(platform))
            {
                if (c.Info.Status is not (SettingStatus.Moved or SettingStatus.Replaced) || c.Info.Replacement is not { } replacement) continue;
                var daemon = SettingsCatalog.DaemonName(c.Setting.Daemon);
                var refusal = c.Facts.RefusedOldName;
                if (c.Info.Status == SettingStatus.Moved)
                {
                    var message = $"{c.Subject} was renamed to '{replacement}' ({CheckedSetting.Clause(c.Info.Note)}), and {c.VersionPhrase} no longer reads the old name: "
                        + $"{refusal}. Write '{replacement}'";
                    // 2.3 read the file behind '<'; 2.4's *_file settings take the path itself.
                    if (replacement.EndsWith("_file", StringComparison.Ordinal) && (c.Setting.Value ?? "").TrimStart().StartsWith("<", StringComparison.Ordinal))
                        message += ", with the path alone: drop the '<' (the new setting names the file, and " + daemon + " reads it itself)";
                    yield return Report(c.KeyOrigin, message + ".") with
                    {
                        Properties = EquatableArray.Of(new FindingProperty(FixProperties.FixedValue, replacement)),
                    };
                }
                else
                {
                    yield return Report(c.KeyOrigin,
                        $"{c.Subject} was replaced by '{replacement}' ({CheckedSetting.Clause(c.Info.Note)}), and {c.VersionPhrase} no longer reads the old name: "
                        + $"{refusal}. Write '{replacement}' with a value from its documentation: the old value does not carry over as it is.");
                }
            }
        }
    }
}
