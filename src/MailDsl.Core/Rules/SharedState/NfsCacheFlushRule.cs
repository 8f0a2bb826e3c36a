using System;
using System.Collections.Generic;
using MailDsl.Layers;
using MailDsl.Model;
using MailDsl.Rules.Values;

namespace MailDsl.Rules.SharedState
{
    /// <summary>
    /// MAIL5021: <c>mail_nfs_storage</c> or <c>mail_nfs_index</c> set on the mailstore. Dovecot's NFS guide: with users
    /// assigned to backends, "Do not set mail_nfs_index or mail_nfs_storage (keep them as no)": they only flush NFS caches
    /// for a second host reading the same mailbox, which must not happen, and they cost an NFS round trip on every access.
    /// </summary>
    internal sealed class NfsCacheFlushRule : Rule
    {
        /// <inheritdoc/>
        public override RuleDescriptor Descriptor => RuleCatalog.NfsCacheFlush;

        /// <inheritdoc/>
        public override IEnumerable<Finding> Check(PlatformModel platform)
        {
            if (platform.Mailstore is not { } store) yield break;
            foreach (var (setting, n) in PlatformLayers.NumberedSettings(store))
            {
                if (setting.Daemon != Daemon.Dovecot || setting.Key is not ("mail_nfs_storage" or "mail_nfs_index")) continue;
                if (!IsYes(setting.Value)) continue;
                yield return Report(OriginKeys.Of(store).Setting(setting.Daemon, setting.Key, n).Value,
                    $"The mailstore's Dovecot setting '{setting.Key} = {ValueSafety.Show(setting.Value)}' flushes NFS caches so that a second host can read a "
                    + "mailbox another host is writing. Dovecot's NFS guide says to keep it no (\"Do not set mail_nfs_index or mail_nfs_storage\"): "
                    + "every user has one backend at a time, so no second host reads the mailbox, and the flushes cost an NFS round trip on "
                    + "every access without making concurrent access safe. Remove the setting: MailDsl leaves both at no.");
            }
        }

        private static bool IsYes(string? value) => value?.Trim().Trim('"') is { } v && (v.Equals("yes", StringComparison.OrdinalIgnoreCase) || v == "1" || v.Equals("true", StringComparison.OrdinalIgnoreCase));
    }
}
