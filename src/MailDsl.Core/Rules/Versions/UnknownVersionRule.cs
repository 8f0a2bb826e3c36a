using System;
using System.Collections.Generic;
using MailDsl.Model;
using MailDsl.Targets;

namespace MailDsl.Rules.Versions
{
    /// <summary>
    /// MAIL4005: a version override (<c>.Target(distro, t =&gt; t.WithDovecot("..."))</c>) that is not a version, or not
    /// one MailDsl knows how to render for. An override that were silently ignored would render the distro's own
    /// version's files for a daemon that reads another syntax (Dovecot 2.3's names for a 2.4, say).
    /// </summary>
    internal sealed class UnknownVersionRule : Rule
    {
        // What the daemon modules render for, oldest first, and the first version they do not know (exclusive).
        private static readonly (Func<VersionOverrides, string?> Written, string Origin, string Name, SoftwareVersion From, SoftwareVersion Before, string Known)[] Supported =
        {
            (v => v.OpenSsl, OriginKeys.Platform.Target.OpenSsl, "OpenSSL", new(3, 0), new(4, 0), "3.0 to 3.x"),
            (v => v.Nginx, OriginKeys.Platform.Target.Nginx, "nginx", new(1, 18), new(2, 0), "1.18 to 1.x"),
            (v => v.Dovecot, OriginKeys.Platform.Target.Dovecot, "Dovecot", new(2, 3), new(2, 5), "2.3 and 2.4"),
            (v => v.Postfix, OriginKeys.Platform.Target.Postfix, "Postfix", new(3, 5), new(4, 0), "3.5 to 3.x"),
            (v => v.Sogo, OriginKeys.Platform.Target.Sogo, "SOGo", new(5, 0), new(6, 0), "5.x"),
        };

        /// <inheritdoc/>
        public override RuleDescriptor Descriptor => RuleCatalog.UnknownVersion;

        /// <inheritdoc/>
        public override IEnumerable<Finding> Check(PlatformModel platform)
        {
            var v = platform.Versions;
            if (v is null) yield break;
            foreach (var (writtenOf, origin, name, from, before, known) in Supported)
            {
                var written = writtenOf(v);
                if (written is null) continue;
                var parsed = SoftwareVersion.TryParse(written);
                if (parsed is null)
                    yield return Report(origin, $"The {name} version '{Values.ValueSafety.Show(written)}' is not a version: write major.minor or major.minor.patch, e.g. {from.MajorMinor}. "
                        + "MailDsl would otherwise render the distro's own version's files for a daemon that may read another syntax.");
                else if (parsed.Value < from || parsed.Value >= before)
                    yield return Report(origin, $"MailDsl renders for {name} {known}, not {written}: its settings and syntax are unknown here, so the files could not be checked for it. "
                        + $"Target a {name} version in that range, or leave the override out to use {TargetTable.Of(platform.Target).DisplayName}'s.");
            }
        }
    }
}
