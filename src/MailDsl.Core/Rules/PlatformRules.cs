using System.Collections.Generic;
using System.Linq;
using MailDsl.Daemons.Settings.Rules;
using MailDsl.Rules.Certificates;
using MailDsl.Rules.Directories;
using MailDsl.Rules.Listeners;
using MailDsl.Rules.Settings;
using MailDsl.Rules.Values;

namespace MailDsl.Rules
{
    /// <summary>The rules about listeners, authentication, values and daemon settings (MAIL2xxx-MAIL5xxx, MAIL1020).</summary>
    internal static class PlatformRules
    {
        public static IReadOnlyList<Rule> All { get; } = new Rule[]
        {
            new MissingCertificateRule(),
            new PlaintextAuthWithoutTlsRule(),
            new PortClashRule(),
            new InvalidPortRule(),
            new UnsafeValueRule(),
            new RelativePathRule(),
            new InvalidHostNameRule(),
            new UnnormalizedPathRule(),
            new InvalidListenAddressRule(),
            new InvalidDistinguishedNameRule(),
            new InvalidMailAddressRule(),
            new DuplicateSettingRule(),
            new WeakenedTlsOptionRule(),
            new Versions.UnknownVersionRule(),
            new UnknownSettingRule(),
            new RenamedSettingRule(),
            new ObsoleteSettingRule(),
            new RefusedOldSettingRule(),
            new RefusedValueRule(),
            new UncheckedValueRule(),
            new PlaintextDirectoryRule(),
            new PlaintextDatabaseRule(),
            new UnverifiedServerRule(),
            new SecretInDescriptionRule(),
            new InvalidSecretSourceRule(),
            new MailboxOnOneHostRule(),
            new IncompleteWebmailRule(),
            new AliasOutsideDomainsRule(),
            new LoginNotInSchemaRule(),
            new NeedsDirectoryRule(),
            new IncompleteDirectoryRule(),
            new ReservedSecretVariableRule(),
            new Hops.UnverifiedHopRule(),
            new SharedState.NoBackendPerUserRule(),
            new SharedState.NfsCacheFlushRule(),
            new SharedState.PerHostCacheRule(),
            new SharedState.PerHostDatabaseRule(),
            new SharedState.DeliveryBypassRule(),
            new PinnedRenewingCertificateRule(),
            new MtaStsUncoveredMxRule(enforce: false),
            new MtaStsMaxAgeRule(),
            new MtaStsUncoveredMxRule(enforce: true),
            new TlsaKeyChangesOnRenewalRule(),
            new DaneResolverNotLocalRule(),
            new RawDaneSettingRule(undone: false),
            new RawDaneSettingRule(undone: true),
            new OutboundTlsUnderDaneRule(),
        }.Concat(Balancers.BalancerRules.All).ToList();
    }
}
