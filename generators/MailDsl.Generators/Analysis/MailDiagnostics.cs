using System.Collections.Immutable;
using System.Linq;
using MailDsl.Rules;
using Microsoft.CodeAnalysis;

namespace MailDsl.Generators.Analysis
{
    /// <summary>
    /// Every MAIL diagnostic descriptor, in one class. IDs, categories and severities are written out here (the
    /// release-tracking analyzers read them against AnalyzerReleases.*.md); titles and descriptions come from
    /// Core's <see cref="RuleCatalog"/>, and a test holds the two together.
    /// </summary>
    public static class MailDiagnostics
    {
        /// <summary>Where the diagnostic pages live; a descriptor's help link is this plus <c>docs/diagnostics/ID.md</c>.</summary>
        public const string DocsBaseUrl = "https://github.com/maildsl/maildsl/blob/main/";

        /// <summary>MAIL1001: <see cref="RuleCatalog.BrokenCipher"/>.</summary>
        public static readonly DiagnosticDescriptor BrokenCipher = new(
            "MAIL1001", RuleCatalog.BrokenCipher.Title, "{0}", "Tls", DiagnosticSeverity.Error, isEnabledByDefault: true,
            RuleCatalog.BrokenCipher.Description, DocsBaseUrl + RuleCatalog.BrokenCipher.HelpLink);

        /// <summary>MAIL1002: <see cref="RuleCatalog.CipherOutsideProfile"/>.</summary>
        public static readonly DiagnosticDescriptor CipherOutsideProfile = new(
            "MAIL1002", RuleCatalog.CipherOutsideProfile.Title, "{0}", "Tls", DiagnosticSeverity.Warning, isEnabledByDefault: true,
            RuleCatalog.CipherOutsideProfile.Description, DocsBaseUrl + RuleCatalog.CipherOutsideProfile.HelpLink);

        /// <summary>MAIL1003: <see cref="RuleCatalog.UnknownCipherName"/>.</summary>
        public static readonly DiagnosticDescriptor UnknownCipherName = new(
            "MAIL1003", RuleCatalog.UnknownCipherName.Title, "{0}", "Tls", DiagnosticSeverity.Warning, isEnabledByDefault: true,
            RuleCatalog.UnknownCipherName.Description, DocsBaseUrl + RuleCatalog.UnknownCipherName.HelpLink);

        /// <summary>MAIL1004: <see cref="RuleCatalog.InvalidCipherString"/>.</summary>
        public static readonly DiagnosticDescriptor InvalidCipherString = new(
            "MAIL1004", RuleCatalog.InvalidCipherString.Title, "{0}", "Tls", DiagnosticSeverity.Error, isEnabledByDefault: true,
            RuleCatalog.InvalidCipherString.Description, DocsBaseUrl + RuleCatalog.InvalidCipherString.HelpLink);

        /// <summary>MAIL1005: <see cref="RuleCatalog.ProfileNotInGuideline"/>.</summary>
        public static readonly DiagnosticDescriptor ProfileNotInGuideline = new(
            "MAIL1005", RuleCatalog.ProfileNotInGuideline.Title, "{0}", "Tls", DiagnosticSeverity.Error, isEnabledByDefault: true,
            RuleCatalog.ProfileNotInGuideline.Description, DocsBaseUrl + RuleCatalog.ProfileNotInGuideline.HelpLink);

        /// <summary>MAIL1006: <see cref="RuleCatalog.UnknownGroup"/>.</summary>
        public static readonly DiagnosticDescriptor UnknownGroup = new(
            "MAIL1006", RuleCatalog.UnknownGroup.Title, "{0}", "Tls", DiagnosticSeverity.Error, isEnabledByDefault: true,
            RuleCatalog.UnknownGroup.Description, DocsBaseUrl + RuleCatalog.UnknownGroup.HelpLink);

        /// <summary>MAIL1007: <see cref="RuleCatalog.GroupsWithoutP256"/>.</summary>
        public static readonly DiagnosticDescriptor GroupsWithoutP256 = new(
            "MAIL1007", RuleCatalog.GroupsWithoutP256.Title, "{0}", "Tls", DiagnosticSeverity.Warning, isEnabledByDefault: true,
            RuleCatalog.GroupsWithoutP256.Description, DocsBaseUrl + RuleCatalog.GroupsWithoutP256.HelpLink);

        /// <summary>MAIL1008: <see cref="RuleCatalog.GroupsLeaveKeyExchange"/>.</summary>
        public static readonly DiagnosticDescriptor GroupsLeaveKeyExchange = new(
            "MAIL1008", RuleCatalog.GroupsLeaveKeyExchange.Title, "{0}", "Tls", DiagnosticSeverity.Error, isEnabledByDefault: true,
            RuleCatalog.GroupsLeaveKeyExchange.Description, DocsBaseUrl + RuleCatalog.GroupsLeaveKeyExchange.HelpLink);

        /// <summary>MAIL1009: <see cref="RuleCatalog.SecurityLevelLowered"/>.</summary>
        public static readonly DiagnosticDescriptor SecurityLevelLowered = new(
            "MAIL1009", RuleCatalog.SecurityLevelLowered.Title, "{0}", "Tls", DiagnosticSeverity.Warning, isEnabledByDefault: true,
            RuleCatalog.SecurityLevelLowered.Description, DocsBaseUrl + RuleCatalog.SecurityLevelLowered.HelpLink);

        /// <summary>MAIL1012: <see cref="RuleCatalog.ExclusionUndone"/>.</summary>
        public static readonly DiagnosticDescriptor ExclusionUndone = new(
            "MAIL1012", RuleCatalog.ExclusionUndone.Title, "{0}", "Tls", DiagnosticSeverity.Warning, isEnabledByDefault: true,
            RuleCatalog.ExclusionUndone.Description, DocsBaseUrl + RuleCatalog.ExclusionUndone.HelpLink);

        /// <summary>MAIL1010: <see cref="RuleCatalog.ObsoleteProtocol"/>.</summary>
        public static readonly DiagnosticDescriptor ObsoleteProtocol = new(
            "MAIL1010", RuleCatalog.ObsoleteProtocol.Title, "{0}", "Tls", DiagnosticSeverity.Error, isEnabledByDefault: true,
            RuleCatalog.ObsoleteProtocol.Description, DocsBaseUrl + RuleCatalog.ObsoleteProtocol.HelpLink);

        /// <summary>MAIL1011: <see cref="RuleCatalog.DeprecatedProtocol"/>.</summary>
        public static readonly DiagnosticDescriptor DeprecatedProtocol = new(
            "MAIL1011", RuleCatalog.DeprecatedProtocol.Title, "{0}", "Tls", DiagnosticSeverity.Warning, isEnabledByDefault: true,
            RuleCatalog.DeprecatedProtocol.Description, DocsBaseUrl + RuleCatalog.DeprecatedProtocol.HelpLink);

        /// <summary>MAIL6001: <see cref="RuleCatalog.PinnedRenewingCertificate"/>.</summary>
        public static readonly DiagnosticDescriptor PinnedRenewingCertificate = new(
            "MAIL6001", RuleCatalog.PinnedRenewingCertificate.Title, "{0}", "Dns", DiagnosticSeverity.Error, isEnabledByDefault: true,
            RuleCatalog.PinnedRenewingCertificate.Description, DocsBaseUrl + RuleCatalog.PinnedRenewingCertificate.HelpLink);

        /// <summary>MAIL6002: <see cref="RuleCatalog.MtaStsUncoveredMx"/>.</summary>
        public static readonly DiagnosticDescriptor MtaStsUncoveredMx = new(
            "MAIL6002", RuleCatalog.MtaStsUncoveredMx.Title, "{0}", "Dns", DiagnosticSeverity.Warning, isEnabledByDefault: true,
            RuleCatalog.MtaStsUncoveredMx.Description, DocsBaseUrl + RuleCatalog.MtaStsUncoveredMx.HelpLink);

        /// <summary>MAIL6003: <see cref="RuleCatalog.MtaStsMaxAge"/>.</summary>
        public static readonly DiagnosticDescriptor MtaStsMaxAge = new(
            "MAIL6003", RuleCatalog.MtaStsMaxAge.Title, "{0}", "Dns", DiagnosticSeverity.Error, isEnabledByDefault: true,
            RuleCatalog.MtaStsMaxAge.Description, DocsBaseUrl + RuleCatalog.MtaStsMaxAge.HelpLink);

        /// <summary>MAIL6004: <see cref="RuleCatalog.MtaStsEnforceUncoveredMx"/>.</summary>
        public static readonly DiagnosticDescriptor MtaStsEnforceUncoveredMx = new(
            "MAIL6004", RuleCatalog.MtaStsEnforceUncoveredMx.Title, "{0}", "Dns", DiagnosticSeverity.Error, isEnabledByDefault: true,
            RuleCatalog.MtaStsEnforceUncoveredMx.Description, DocsBaseUrl + RuleCatalog.MtaStsEnforceUncoveredMx.HelpLink);

        /// <summary>MAIL6005: <see cref="RuleCatalog.TlsaKeyChangesOnRenewal"/>.</summary>
        public static readonly DiagnosticDescriptor TlsaKeyChangesOnRenewal = new(
            "MAIL6005", RuleCatalog.TlsaKeyChangesOnRenewal.Title, "{0}", "Dns", DiagnosticSeverity.Warning, isEnabledByDefault: true,
            RuleCatalog.TlsaKeyChangesOnRenewal.Description, DocsBaseUrl + RuleCatalog.TlsaKeyChangesOnRenewal.HelpLink);

        /// <summary>MAIL6006: <see cref="RuleCatalog.DaneResolverNotLocal"/>.</summary>
        public static readonly DiagnosticDescriptor DaneResolverNotLocal = new(
            "MAIL6006", RuleCatalog.DaneResolverNotLocal.Title, "{0}", "Dns", DiagnosticSeverity.Error, isEnabledByDefault: true,
            RuleCatalog.DaneResolverNotLocal.Description, DocsBaseUrl + RuleCatalog.DaneResolverNotLocal.HelpLink);

        /// <summary>MAIL6007: <see cref="RuleCatalog.DaneWithoutResolver"/>.</summary>
        public static readonly DiagnosticDescriptor DaneWithoutResolver = new(
            "MAIL6007", RuleCatalog.DaneWithoutResolver.Title, "{0}", "Dns", DiagnosticSeverity.Error, isEnabledByDefault: true,
            RuleCatalog.DaneWithoutResolver.Description, DocsBaseUrl + RuleCatalog.DaneWithoutResolver.HelpLink);

        /// <summary>MAIL6008: <see cref="RuleCatalog.DaneUndone"/>.</summary>
        public static readonly DiagnosticDescriptor DaneUndone = new(
            "MAIL6008", RuleCatalog.DaneUndone.Title, "{0}", "Dns", DiagnosticSeverity.Error, isEnabledByDefault: true,
            RuleCatalog.DaneUndone.Description, DocsBaseUrl + RuleCatalog.DaneUndone.HelpLink);

        /// <summary>MAIL6010: <see cref="RuleCatalog.OutboundTlsUnderDane"/>.</summary>
        public static readonly DiagnosticDescriptor OutboundTlsUnderDane = new(
            "MAIL6010", RuleCatalog.OutboundTlsUnderDane.Title, "{0}", "Dns", DiagnosticSeverity.Error, isEnabledByDefault: true,
            RuleCatalog.OutboundTlsUnderDane.Description, DocsBaseUrl + RuleCatalog.OutboundTlsUnderDane.HelpLink);

        /// <summary>MAIL1020: <see cref="RuleCatalog.MissingCertificate"/>.</summary>
        public static readonly DiagnosticDescriptor MissingCertificate = new(
            "MAIL1020", RuleCatalog.MissingCertificate.Title, "{0}", "Tls", DiagnosticSeverity.Error, isEnabledByDefault: true,
            RuleCatalog.MissingCertificate.Description, DocsBaseUrl + RuleCatalog.MissingCertificate.HelpLink);

        /// <summary>MAIL1030: <see cref="RuleCatalog.RequiredTlsOnPublicMx"/>.</summary>
        public static readonly DiagnosticDescriptor RequiredTlsOnPublicMx = new(
            "MAIL1030", RuleCatalog.RequiredTlsOnPublicMx.Title, "{0}", "Tls", DiagnosticSeverity.Warning, isEnabledByDefault: true,
            RuleCatalog.RequiredTlsOnPublicMx.Description, DocsBaseUrl + RuleCatalog.RequiredTlsOnPublicMx.HelpLink);

        /// <summary>MAIL1031: <see cref="RuleCatalog.SogoUrlWithoutTls"/>.</summary>
        public static readonly DiagnosticDescriptor SogoUrlWithoutTls = new(
            "MAIL1031", RuleCatalog.SogoUrlWithoutTls.Title, "{0}", "Tls", DiagnosticSeverity.Error, isEnabledByDefault: true,
            RuleCatalog.SogoUrlWithoutTls.Description, DocsBaseUrl + RuleCatalog.SogoUrlWithoutTls.HelpLink);

        /// <summary>MAIL1032: <see cref="RuleCatalog.SogoTlsVerifyNone"/>.</summary>
        public static readonly DiagnosticDescriptor SogoTlsVerifyNone = new(
            "MAIL1032", RuleCatalog.SogoTlsVerifyNone.Title, "{0}", "Tls", DiagnosticSeverity.Error, isEnabledByDefault: true,
            RuleCatalog.SogoTlsVerifyNone.Description, DocsBaseUrl + RuleCatalog.SogoTlsVerifyNone.HelpLink);

        /// <summary>MAIL1033: <see cref="RuleCatalog.SogoAllowInsecureLocalhost"/>.</summary>
        public static readonly DiagnosticDescriptor SogoAllowInsecureLocalhost = new(
            "MAIL1033", RuleCatalog.SogoAllowInsecureLocalhost.Title, "{0}", "Tls", DiagnosticSeverity.Warning, isEnabledByDefault: true,
            RuleCatalog.SogoAllowInsecureLocalhost.Description, DocsBaseUrl + RuleCatalog.SogoAllowInsecureLocalhost.HelpLink);

        /// <summary>MAIL1034: <see cref="RuleCatalog.UnverifiedHop"/>.</summary>
        public static readonly DiagnosticDescriptor UnverifiedHop = new(
            "MAIL1034", RuleCatalog.UnverifiedHop.Title, "{0}", "Tls", DiagnosticSeverity.Error, isEnabledByDefault: true,
            RuleCatalog.UnverifiedHop.Description, DocsBaseUrl + RuleCatalog.UnverifiedHop.HelpLink);

        /// <summary>MAIL2001: <see cref="RuleCatalog.PlaintextAuthWithoutTls"/>.</summary>
        public static readonly DiagnosticDescriptor PlaintextAuthWithoutTls = new(
            "MAIL2001", RuleCatalog.PlaintextAuthWithoutTls.Title, "{0}", "Authentication", DiagnosticSeverity.Error, isEnabledByDefault: true,
            RuleCatalog.PlaintextAuthWithoutTls.Description, DocsBaseUrl + RuleCatalog.PlaintextAuthWithoutTls.HelpLink);

        /// <summary>MAIL2002: <see cref="RuleCatalog.PortClash"/>.</summary>
        public static readonly DiagnosticDescriptor PortClash = new(
            "MAIL2002", RuleCatalog.PortClash.Title, "{0}", "Listeners", DiagnosticSeverity.Error, isEnabledByDefault: true,
            RuleCatalog.PortClash.Description, DocsBaseUrl + RuleCatalog.PortClash.HelpLink);

        /// <summary>MAIL2003: <see cref="RuleCatalog.InvalidPort"/>.</summary>
        public static readonly DiagnosticDescriptor InvalidPort = new(
            "MAIL2003", RuleCatalog.InvalidPort.Title, "{0}", "Listeners", DiagnosticSeverity.Error, isEnabledByDefault: true,
            RuleCatalog.InvalidPort.Description, DocsBaseUrl + RuleCatalog.InvalidPort.HelpLink);

        /// <summary>MAIL3001: <see cref="RuleCatalog.UnsafeValue"/>.</summary>
        public static readonly DiagnosticDescriptor UnsafeValue = new(
            "MAIL3001", RuleCatalog.UnsafeValue.Title, "{0}", "Syntax", DiagnosticSeverity.Error, isEnabledByDefault: true,
            RuleCatalog.UnsafeValue.Description, DocsBaseUrl + RuleCatalog.UnsafeValue.HelpLink);

        /// <summary>MAIL3002: <see cref="RuleCatalog.RelativePath"/>.</summary>
        public static readonly DiagnosticDescriptor RelativePath = new(
            "MAIL3002", RuleCatalog.RelativePath.Title, "{0}", "Syntax", DiagnosticSeverity.Error, isEnabledByDefault: true,
            RuleCatalog.RelativePath.Description, DocsBaseUrl + RuleCatalog.RelativePath.HelpLink);

        /// <summary>MAIL3003: <see cref="RuleCatalog.InvalidHostName"/>.</summary>
        public static readonly DiagnosticDescriptor InvalidHostName = new(
            "MAIL3003", RuleCatalog.InvalidHostName.Title, "{0}", "Syntax", DiagnosticSeverity.Error, isEnabledByDefault: true,
            RuleCatalog.InvalidHostName.Description, DocsBaseUrl + RuleCatalog.InvalidHostName.HelpLink);

        /// <summary>MAIL3004: <see cref="RuleCatalog.UnnormalizedPath"/>.</summary>
        public static readonly DiagnosticDescriptor UnnormalizedPath = new(
            "MAIL3004", RuleCatalog.UnnormalizedPath.Title, "{0}", "Syntax", DiagnosticSeverity.Error, isEnabledByDefault: true,
            RuleCatalog.UnnormalizedPath.Description, DocsBaseUrl + RuleCatalog.UnnormalizedPath.HelpLink);

        /// <summary>MAIL3005: <see cref="RuleCatalog.InvalidListenAddress"/>.</summary>
        public static readonly DiagnosticDescriptor InvalidListenAddress = new(
            "MAIL3005", RuleCatalog.InvalidListenAddress.Title, "{0}", "Syntax", DiagnosticSeverity.Error, isEnabledByDefault: true,
            RuleCatalog.InvalidListenAddress.Description, DocsBaseUrl + RuleCatalog.InvalidListenAddress.HelpLink);

        /// <summary>MAIL4001: <see cref="RuleCatalog.DuplicateSetting"/>.</summary>
        public static readonly DiagnosticDescriptor DuplicateSetting = new(
            "MAIL4001", RuleCatalog.DuplicateSetting.Title, "{0}", "Configuration", DiagnosticSeverity.Warning, isEnabledByDefault: true,
            RuleCatalog.DuplicateSetting.Description, DocsBaseUrl + RuleCatalog.DuplicateSetting.HelpLink);

        /// <summary>MAIL4002: <see cref="RuleCatalog.NginxRegexWithoutTilde"/>.</summary>
        public static readonly DiagnosticDescriptor NginxRegexWithoutTilde = new(
            "MAIL4002", RuleCatalog.NginxRegexWithoutTilde.Title, "{0}", "Nginx", DiagnosticSeverity.Error, isEnabledByDefault: true,
            RuleCatalog.NginxRegexWithoutTilde.Description, DocsBaseUrl + RuleCatalog.NginxRegexWithoutTilde.HelpLink);

        /// <summary>MAIL4003: <see cref="RuleCatalog.WeakenedTlsOption"/>.</summary>
        public static readonly DiagnosticDescriptor WeakenedTlsOption = new(
            "MAIL4003", RuleCatalog.WeakenedTlsOption.Title, "{0}", "Configuration", DiagnosticSeverity.Warning, isEnabledByDefault: true,
            RuleCatalog.WeakenedTlsOption.Description, DocsBaseUrl + RuleCatalog.WeakenedTlsOption.HelpLink);

        /// <summary>MAIL4004: <see cref="RuleCatalog.NginxLocationReach"/>.</summary>
        public static readonly DiagnosticDescriptor NginxLocationReach = new(
            "MAIL4004", RuleCatalog.NginxLocationReach.Title, "{0}", "Nginx", DiagnosticSeverity.Error, isEnabledByDefault: true,
            RuleCatalog.NginxLocationReach.Description, DocsBaseUrl + RuleCatalog.NginxLocationReach.HelpLink);

        /// <summary>MAIL4005: <see cref="RuleCatalog.UnknownVersion"/>.</summary>
        public static readonly DiagnosticDescriptor UnknownVersion = new(
            "MAIL4005", RuleCatalog.UnknownVersion.Title, "{0}", "Configuration", DiagnosticSeverity.Error, isEnabledByDefault: true,
            RuleCatalog.UnknownVersion.Description, DocsBaseUrl + RuleCatalog.UnknownVersion.HelpLink);

        /// <summary>MAIL4010: <see cref="RuleCatalog.UnknownSetting"/>.</summary>
        public static readonly DiagnosticDescriptor UnknownSetting = new(
            "MAIL4010", RuleCatalog.UnknownSetting.Title, "{0}", "Configuration", DiagnosticSeverity.Error, isEnabledByDefault: true,
            RuleCatalog.UnknownSetting.Description, DocsBaseUrl + RuleCatalog.UnknownSetting.HelpLink);

        /// <summary>MAIL4011: <see cref="RuleCatalog.RenamedSetting"/>.</summary>
        public static readonly DiagnosticDescriptor RenamedSetting = new(
            "MAIL4011", RuleCatalog.RenamedSetting.Title, "{0}", "Configuration", DiagnosticSeverity.Warning, isEnabledByDefault: true,
            RuleCatalog.RenamedSetting.Description, DocsBaseUrl + RuleCatalog.RenamedSetting.HelpLink);

        /// <summary>MAIL4012: <see cref="RuleCatalog.ObsoleteSetting"/>.</summary>
        public static readonly DiagnosticDescriptor ObsoleteSetting = new(
            "MAIL4012", RuleCatalog.ObsoleteSetting.Title, "{0}", "Configuration", DiagnosticSeverity.Warning, isEnabledByDefault: true,
            RuleCatalog.ObsoleteSetting.Description, DocsBaseUrl + RuleCatalog.ObsoleteSetting.HelpLink);

        /// <summary>MAIL4013: <see cref="RuleCatalog.IneffectiveSetting"/>.</summary>
        public static readonly DiagnosticDescriptor IneffectiveSetting = new(
            "MAIL4013", RuleCatalog.IneffectiveSetting.Title, "{0}", "Postfix", DiagnosticSeverity.Warning, isEnabledByDefault: true,
            RuleCatalog.IneffectiveSetting.Description, DocsBaseUrl + RuleCatalog.IneffectiveSetting.HelpLink);

        /// <summary>MAIL4014: <see cref="RuleCatalog.NginxUnknownDirective"/>.</summary>
        public static readonly DiagnosticDescriptor NginxUnknownDirective = new(
            "MAIL4014", RuleCatalog.NginxUnknownDirective.Title, "{0}", "Nginx", DiagnosticSeverity.Error, isEnabledByDefault: true,
            RuleCatalog.NginxUnknownDirective.Description, DocsBaseUrl + RuleCatalog.NginxUnknownDirective.HelpLink);

        /// <summary>MAIL4015: <see cref="RuleCatalog.NginxDirectiveNotAllowed"/>.</summary>
        public static readonly DiagnosticDescriptor NginxDirectiveNotAllowed = new(
            "MAIL4015", RuleCatalog.NginxDirectiveNotAllowed.Title, "{0}", "Nginx", DiagnosticSeverity.Error, isEnabledByDefault: true,
            RuleCatalog.NginxDirectiveNotAllowed.Description, DocsBaseUrl + RuleCatalog.NginxDirectiveNotAllowed.HelpLink);

        /// <summary>MAIL4016: <see cref="RuleCatalog.RefusedOldSetting"/>.</summary>
        public static readonly DiagnosticDescriptor RefusedOldSetting = new(
            "MAIL4016", RuleCatalog.RefusedOldSetting.Title, "{0}", "Configuration", DiagnosticSeverity.Error, isEnabledByDefault: true,
            RuleCatalog.RefusedOldSetting.Description, DocsBaseUrl + RuleCatalog.RefusedOldSetting.HelpLink);

        /// <summary>MAIL3006: <see cref="RuleCatalog.InvalidDistinguishedName"/>.</summary>
        public static readonly DiagnosticDescriptor InvalidDistinguishedName = new(
            "MAIL3006", RuleCatalog.InvalidDistinguishedName.Title, "{0}", "Syntax", DiagnosticSeverity.Error, isEnabledByDefault: true,
            RuleCatalog.InvalidDistinguishedName.Description, DocsBaseUrl + RuleCatalog.InvalidDistinguishedName.HelpLink);

        /// <summary>MAIL3007: <see cref="RuleCatalog.InvalidMailAddress"/>.</summary>
        public static readonly DiagnosticDescriptor InvalidMailAddress = new(
            "MAIL3007", RuleCatalog.InvalidMailAddress.Title, "{0}", "Syntax", DiagnosticSeverity.Error, isEnabledByDefault: true,
            RuleCatalog.InvalidMailAddress.Description, DocsBaseUrl + RuleCatalog.InvalidMailAddress.HelpLink);

        /// <summary>MAIL5013: <see cref="RuleCatalog.ReservedSecretVariable"/>.</summary>
        public static readonly DiagnosticDescriptor ReservedSecretVariable = new(
            "MAIL5013", RuleCatalog.ReservedSecretVariable.Title, "{0}", "Directory", DiagnosticSeverity.Error, isEnabledByDefault: true,
            RuleCatalog.ReservedSecretVariable.Description, DocsBaseUrl + RuleCatalog.ReservedSecretVariable.HelpLink);

        /// <summary>MAIL4017: <see cref="RuleCatalog.DuplicateNginxLocation"/>.</summary>
        public static readonly DiagnosticDescriptor DuplicateNginxLocation = new(
            "MAIL4017", RuleCatalog.DuplicateNginxLocation.Title, "{0}", "Nginx", DiagnosticSeverity.Error, isEnabledByDefault: true,
            RuleCatalog.DuplicateNginxLocation.Description, DocsBaseUrl + RuleCatalog.DuplicateNginxLocation.HelpLink);

        /// <summary>MAIL4018: <see cref="RuleCatalog.NginxLocationNeverMatches"/>.</summary>
        public static readonly DiagnosticDescriptor NginxLocationNeverMatches = new(
            "MAIL4018", RuleCatalog.NginxLocationNeverMatches.Title, "{0}", "Nginx", DiagnosticSeverity.Error, isEnabledByDefault: true,
            RuleCatalog.NginxLocationNeverMatches.Description, DocsBaseUrl + RuleCatalog.NginxLocationNeverMatches.HelpLink);

        /// <summary>MAIL4019: <see cref="RuleCatalog.RefusedValue"/>.</summary>
        public static readonly DiagnosticDescriptor RefusedValue = new(
            "MAIL4019", RuleCatalog.RefusedValue.Title, "{0}", "Configuration", DiagnosticSeverity.Error, isEnabledByDefault: true,
            RuleCatalog.RefusedValue.Description, DocsBaseUrl + RuleCatalog.RefusedValue.HelpLink);

        /// <summary>MAIL4020: <see cref="RuleCatalog.UncheckedValue"/>.</summary>
        public static readonly DiagnosticDescriptor UncheckedValue = new(
            "MAIL4020", RuleCatalog.UncheckedValue.Title, "{0}", "Configuration", DiagnosticSeverity.Warning, isEnabledByDefault: true,
            RuleCatalog.UncheckedValue.Description, DocsBaseUrl + RuleCatalog.UncheckedValue.HelpLink);

        /// <summary>MAIL5001: <see cref="RuleCatalog.PlaintextDirectory"/>.</summary>
        public static readonly DiagnosticDescriptor PlaintextDirectory = new(
            "MAIL5001", RuleCatalog.PlaintextDirectory.Title, "{0}", "Directory", DiagnosticSeverity.Error, isEnabledByDefault: true,
            RuleCatalog.PlaintextDirectory.Description, DocsBaseUrl + RuleCatalog.PlaintextDirectory.HelpLink);

        /// <summary>MAIL5002: <see cref="RuleCatalog.PlaintextDatabase"/>.</summary>
        public static readonly DiagnosticDescriptor PlaintextDatabase = new(
            "MAIL5002", RuleCatalog.PlaintextDatabase.Title, "{0}", "Directory", DiagnosticSeverity.Error, isEnabledByDefault: true,
            RuleCatalog.PlaintextDatabase.Description, DocsBaseUrl + RuleCatalog.PlaintextDatabase.HelpLink);

        /// <summary>MAIL5003: <see cref="RuleCatalog.UnverifiedServer"/>.</summary>
        public static readonly DiagnosticDescriptor UnverifiedServer = new(
            "MAIL5003", RuleCatalog.UnverifiedServer.Title, "{0}", "Directory", DiagnosticSeverity.Error, isEnabledByDefault: true,
            RuleCatalog.UnverifiedServer.Description, DocsBaseUrl + RuleCatalog.UnverifiedServer.HelpLink);

        /// <summary>MAIL5004: <see cref="RuleCatalog.SecretInDescription"/>.</summary>
        public static readonly DiagnosticDescriptor SecretInDescription = new(
            "MAIL5004", RuleCatalog.SecretInDescription.Title, "{0}", "Directory", DiagnosticSeverity.Error, isEnabledByDefault: true,
            RuleCatalog.SecretInDescription.Description, DocsBaseUrl + RuleCatalog.SecretInDescription.HelpLink);

        /// <summary>MAIL5005: <see cref="RuleCatalog.InvalidSecretSource"/>.</summary>
        public static readonly DiagnosticDescriptor InvalidSecretSource = new(
            "MAIL5005", RuleCatalog.InvalidSecretSource.Title, "{0}", "Directory", DiagnosticSeverity.Error, isEnabledByDefault: true,
            RuleCatalog.InvalidSecretSource.Description, DocsBaseUrl + RuleCatalog.InvalidSecretSource.HelpLink);

        /// <summary>MAIL5006: <see cref="RuleCatalog.MailboxOnOneHost"/>.</summary>
        public static readonly DiagnosticDescriptor MailboxOnOneHost = new(
            "MAIL5006", RuleCatalog.MailboxOnOneHost.Title, "{0}", "Directory", DiagnosticSeverity.Warning, isEnabledByDefault: true,
            RuleCatalog.MailboxOnOneHost.Description, DocsBaseUrl + RuleCatalog.MailboxOnOneHost.HelpLink);

        /// <summary>MAIL5007: <see cref="RuleCatalog.IncompleteWebmail"/>.</summary>
        public static readonly DiagnosticDescriptor IncompleteWebmail = new(
            "MAIL5007", RuleCatalog.IncompleteWebmail.Title, "{0}", "Directory", DiagnosticSeverity.Warning, isEnabledByDefault: true,
            RuleCatalog.IncompleteWebmail.Description, DocsBaseUrl + RuleCatalog.IncompleteWebmail.HelpLink);

        /// <summary>MAIL5008: <see cref="RuleCatalog.SogoMariaDbWithoutTls"/>.</summary>
        public static readonly DiagnosticDescriptor SogoMariaDbWithoutTls = new(
            "MAIL5008", RuleCatalog.SogoMariaDbWithoutTls.Title, "{0}", "Directory", DiagnosticSeverity.Error, isEnabledByDefault: true,
            RuleCatalog.SogoMariaDbWithoutTls.Description, DocsBaseUrl + RuleCatalog.SogoMariaDbWithoutTls.HelpLink);

        /// <summary>MAIL5009: <see cref="RuleCatalog.AliasOutsideDomains"/>.</summary>
        public static readonly DiagnosticDescriptor AliasOutsideDomains = new(
            "MAIL5009", RuleCatalog.AliasOutsideDomains.Title, "{0}", "Directory", DiagnosticSeverity.Warning, isEnabledByDefault: true,
            RuleCatalog.AliasOutsideDomains.Description, DocsBaseUrl + RuleCatalog.AliasOutsideDomains.HelpLink);

        /// <summary>MAIL5010: <see cref="RuleCatalog.LoginNotInSchema"/>.</summary>
        public static readonly DiagnosticDescriptor LoginNotInSchema = new(
            "MAIL5010", RuleCatalog.LoginNotInSchema.Title, "{0}", "Directory", DiagnosticSeverity.Error, isEnabledByDefault: true,
            RuleCatalog.LoginNotInSchema.Description, DocsBaseUrl + RuleCatalog.LoginNotInSchema.HelpLink);

        /// <summary>MAIL5011: <see cref="RuleCatalog.NeedsDirectory"/>.</summary>
        public static readonly DiagnosticDescriptor NeedsDirectory = new(
            "MAIL5011", RuleCatalog.NeedsDirectory.Title, "{0}", "Directory", DiagnosticSeverity.Error, isEnabledByDefault: true,
            RuleCatalog.NeedsDirectory.Description, DocsBaseUrl + RuleCatalog.NeedsDirectory.HelpLink);

        /// <summary>MAIL5012: <see cref="RuleCatalog.IncompleteDirectory"/>.</summary>
        public static readonly DiagnosticDescriptor IncompleteDirectory = new(
            "MAIL5012", RuleCatalog.IncompleteDirectory.Title, "{0}", "Directory", DiagnosticSeverity.Error, isEnabledByDefault: true,
            RuleCatalog.IncompleteDirectory.Description, DocsBaseUrl + RuleCatalog.IncompleteDirectory.HelpLink);

        /// <summary>MAIL5020: <see cref="RuleCatalog.NoBackendPerUser"/>.</summary>
        public static readonly DiagnosticDescriptor NoBackendPerUser = new(
            "MAIL5020", RuleCatalog.NoBackendPerUser.Title, "{0}", "Directory", DiagnosticSeverity.Error, isEnabledByDefault: true,
            RuleCatalog.NoBackendPerUser.Description, DocsBaseUrl + RuleCatalog.NoBackendPerUser.HelpLink);

        /// <summary>MAIL5021: <see cref="RuleCatalog.NfsCacheFlush"/>.</summary>
        public static readonly DiagnosticDescriptor NfsCacheFlush = new(
            "MAIL5021", RuleCatalog.NfsCacheFlush.Title, "{0}", "Directory", DiagnosticSeverity.Error, isEnabledByDefault: true,
            RuleCatalog.NfsCacheFlush.Description, DocsBaseUrl + RuleCatalog.NfsCacheFlush.HelpLink);

        /// <summary>MAIL5022: <see cref="RuleCatalog.PerHostCache"/>.</summary>
        public static readonly DiagnosticDescriptor PerHostCache = new(
            "MAIL5022", RuleCatalog.PerHostCache.Title, "{0}", "Directory", DiagnosticSeverity.Error, isEnabledByDefault: true,
            RuleCatalog.PerHostCache.Description, DocsBaseUrl + RuleCatalog.PerHostCache.HelpLink);

        /// <summary>MAIL5023: <see cref="RuleCatalog.PerHostDatabase"/>.</summary>
        public static readonly DiagnosticDescriptor PerHostDatabase = new(
            "MAIL5023", RuleCatalog.PerHostDatabase.Title, "{0}", "Directory", DiagnosticSeverity.Error, isEnabledByDefault: true,
            RuleCatalog.PerHostDatabase.Description, DocsBaseUrl + RuleCatalog.PerHostDatabase.HelpLink);

        /// <summary>MAIL5024: <see cref="RuleCatalog.DeliveryBypass"/>.</summary>
        public static readonly DiagnosticDescriptor DeliveryBypass = new(
            "MAIL5024", RuleCatalog.DeliveryBypass.Title, "{0}", "Directory", DiagnosticSeverity.Error, isEnabledByDefault: true,
            RuleCatalog.DeliveryBypass.Description, DocsBaseUrl + RuleCatalog.DeliveryBypass.HelpLink);
        /// <summary>MAIL7001: <see cref="RuleCatalog.BalancerForwardsClearText"/>.</summary>
        public static readonly DiagnosticDescriptor BalancerForwardsClearText = new(
            "MAIL7001", RuleCatalog.BalancerForwardsClearText.Title, "{0}", "Balancing", DiagnosticSeverity.Error, isEnabledByDefault: true,
            RuleCatalog.BalancerForwardsClearText.Description, DocsBaseUrl + RuleCatalog.BalancerForwardsClearText.HelpLink);

        /// <summary>MAIL7002: <see cref="RuleCatalog.ProxyWithoutSender"/>.</summary>
        public static readonly DiagnosticDescriptor ProxyWithoutSender = new(
            "MAIL7002", RuleCatalog.ProxyWithoutSender.Title, "{0}", "Balancing", DiagnosticSeverity.Error, isEnabledByDefault: true,
            RuleCatalog.ProxyWithoutSender.Description, DocsBaseUrl + RuleCatalog.ProxyWithoutSender.HelpLink);

        /// <summary>MAIL7003: <see cref="RuleCatalog.ProxyNotTrusted"/>.</summary>
        public static readonly DiagnosticDescriptor ProxyNotTrusted = new(
            "MAIL7003", RuleCatalog.ProxyNotTrusted.Title, "{0}", "Balancing", DiagnosticSeverity.Error, isEnabledByDefault: true,
            RuleCatalog.ProxyNotTrusted.Description, DocsBaseUrl + RuleCatalog.ProxyNotTrusted.HelpLink);

        /// <summary>MAIL7004: <see cref="RuleCatalog.TrustedNetworkTooWide"/>.</summary>
        public static readonly DiagnosticDescriptor TrustedNetworkTooWide = new(
            "MAIL7004", RuleCatalog.TrustedNetworkTooWide.Title, "{0}", "Balancing", DiagnosticSeverity.Error, isEnabledByDefault: true,
            RuleCatalog.TrustedNetworkTooWide.Description, DocsBaseUrl + RuleCatalog.TrustedNetworkTooWide.HelpLink);

        /// <summary>MAIL7005: <see cref="RuleCatalog.StartTlsTerminated"/>.</summary>
        public static readonly DiagnosticDescriptor StartTlsTerminated = new(
            "MAIL7005", RuleCatalog.StartTlsTerminated.Title, "{0}", "Balancing", DiagnosticSeverity.Error, isEnabledByDefault: true,
            RuleCatalog.StartTlsTerminated.Description, DocsBaseUrl + RuleCatalog.StartTlsTerminated.HelpLink);

        /// <summary>MAIL7006: <see cref="RuleCatalog.HealthCheckGreeting"/>.</summary>
        public static readonly DiagnosticDescriptor HealthCheckGreeting = new(
            "MAIL7006", RuleCatalog.HealthCheckGreeting.Title, "{0}", "Balancing", DiagnosticSeverity.Error, isEnabledByDefault: true,
            RuleCatalog.HealthCheckGreeting.Description, DocsBaseUrl + RuleCatalog.HealthCheckGreeting.HelpLink);

        /// <summary>MAIL7007: <see cref="RuleCatalog.IdleTimeoutTooShort"/>.</summary>
        public static readonly DiagnosticDescriptor IdleTimeoutTooShort = new(
            "MAIL7007", RuleCatalog.IdleTimeoutTooShort.Title, "{0}", "Balancing", DiagnosticSeverity.Warning, isEnabledByDefault: true,
            RuleCatalog.IdleTimeoutTooShort.Description, DocsBaseUrl + RuleCatalog.IdleTimeoutTooShort.HelpLink);

        /// <summary>MAIL7008: <see cref="RuleCatalog.VipWithoutBackend"/>.</summary>
        public static readonly DiagnosticDescriptor VipWithoutBackend = new(
            "MAIL7008", RuleCatalog.VipWithoutBackend.Title, "{0}", "Balancing", DiagnosticSeverity.Error, isEnabledByDefault: true,
            RuleCatalog.VipWithoutBackend.Description, DocsBaseUrl + RuleCatalog.VipWithoutBackend.HelpLink);

        /// <summary>MAIL7009: <see cref="RuleCatalog.LayerHostsDisagree"/>.</summary>
        public static readonly DiagnosticDescriptor LayerHostsDisagree = new(
            "MAIL7009", RuleCatalog.LayerHostsDisagree.Title, "{0}", "Balancing", DiagnosticSeverity.Error, isEnabledByDefault: true,
            RuleCatalog.LayerHostsDisagree.Description, DocsBaseUrl + RuleCatalog.LayerHostsDisagree.HelpLink);

        /// <summary>MAIL7010: <see cref="RuleCatalog.SingleBalancer"/>.</summary>
        public static readonly DiagnosticDescriptor SingleBalancer = new(
            "MAIL7010", RuleCatalog.SingleBalancer.Title, "{0}", "Balancing", DiagnosticSeverity.Warning, isEnabledByDefault: true,
            RuleCatalog.SingleBalancer.Description, DocsBaseUrl + RuleCatalog.SingleBalancer.HelpLink);

        /// <summary>MAIL7011: <see cref="RuleCatalog.BalancerAddress"/>.</summary>
        public static readonly DiagnosticDescriptor BalancerAddress = new(
            "MAIL7011", RuleCatalog.BalancerAddress.Title, "{0}", "Balancing", DiagnosticSeverity.Error, isEnabledByDefault: true,
            RuleCatalog.BalancerAddress.Description, DocsBaseUrl + RuleCatalog.BalancerAddress.HelpLink);

        /// <summary>MAIL7012: <see cref="RuleCatalog.ProxiedSslNotRequired"/>.</summary>
        public static readonly DiagnosticDescriptor ProxiedSslNotRequired = new(
            "MAIL7012", RuleCatalog.ProxiedSslNotRequired.Title, "{0}", "Balancing", DiagnosticSeverity.Error, isEnabledByDefault: true,
            RuleCatalog.ProxiedSslNotRequired.Description, DocsBaseUrl + RuleCatalog.ProxiedSslNotRequired.HelpLink);

        /// <summary>MAIL7013: <see cref="RuleCatalog.ProxyPortOutOfRange"/>.</summary>
        public static readonly DiagnosticDescriptor ProxyPortOutOfRange = new(
            "MAIL7013", RuleCatalog.ProxyPortOutOfRange.Title, "{0}", "Balancing", DiagnosticSeverity.Error, isEnabledByDefault: true,
            RuleCatalog.ProxyPortOutOfRange.Description, DocsBaseUrl + RuleCatalog.ProxyPortOutOfRange.HelpLink);

        /// <summary>MAIL7014: <see cref="RuleCatalog.BalancerValueOutOfRange"/>.</summary>
        public static readonly DiagnosticDescriptor BalancerValueOutOfRange = new(
            "MAIL7014", RuleCatalog.BalancerValueOutOfRange.Title, "{0}", "Balancing", DiagnosticSeverity.Error, isEnabledByDefault: true,
            RuleCatalog.BalancerValueOutOfRange.Description, DocsBaseUrl + RuleCatalog.BalancerValueOutOfRange.HelpLink);

        /// <summary>MAIL7015: <see cref="RuleCatalog.BalancerHostServesLayer"/>.</summary>
        public static readonly DiagnosticDescriptor BalancerHostServesLayer = new(
            "MAIL7015", RuleCatalog.BalancerHostServesLayer.Title, "{0}", "Balancing", DiagnosticSeverity.Error, isEnabledByDefault: true,
            RuleCatalog.BalancerHostServesLayer.Description, DocsBaseUrl + RuleCatalog.BalancerHostServesLayer.HelpLink);

        /// <summary>MAIL7016: <see cref="RuleCatalog.NoBalancerHost"/>.</summary>
        public static readonly DiagnosticDescriptor NoBalancerHost = new(
            "MAIL7016", RuleCatalog.NoBalancerHost.Title, "{0}", "Balancing", DiagnosticSeverity.Error, isEnabledByDefault: true,
            RuleCatalog.NoBalancerHost.Description, DocsBaseUrl + RuleCatalog.NoBalancerHost.HelpLink);

        /// <summary>MAIL7017: <see cref="RuleCatalog.StatsOnClientAddress"/>.</summary>
        public static readonly DiagnosticDescriptor StatsOnClientAddress = new(
            "MAIL7017", RuleCatalog.StatsOnClientAddress.Title, "{0}", "Balancing", DiagnosticSeverity.Error, isEnabledByDefault: true,
            RuleCatalog.StatsOnClientAddress.Description, DocsBaseUrl + RuleCatalog.StatsOnClientAddress.HelpLink);

        /// <summary>MAIL7018: <see cref="RuleCatalog.StatsOnPublicAddress"/>.</summary>
        public static readonly DiagnosticDescriptor StatsOnPublicAddress = new(
            "MAIL7018", RuleCatalog.StatsOnPublicAddress.Title, "{0}", "Balancing", DiagnosticSeverity.Warning, isEnabledByDefault: true,
            RuleCatalog.StatsOnPublicAddress.Description, DocsBaseUrl + RuleCatalog.StatsOnPublicAddress.HelpLink);

        /// <summary>MAIL9001: <see cref="RuleCatalog.NotConstant"/>.</summary>
        public static readonly DiagnosticDescriptor NotConstant = new(
            "MAIL9001", RuleCatalog.NotConstant.Title, "{0}", "Evaluation", DiagnosticSeverity.Warning, isEnabledByDefault: true,
            RuleCatalog.NotConstant.Description, DocsBaseUrl + RuleCatalog.NotConstant.HelpLink);

        /// <summary>MAIL9002: <see cref="RuleCatalog.EvaluationFailed"/>.</summary>
        public static readonly DiagnosticDescriptor EvaluationFailed = new(
            "MAIL9002", RuleCatalog.EvaluationFailed.Title, "{0}", "Evaluation", DiagnosticSeverity.Error, isEnabledByDefault: true,
            RuleCatalog.EvaluationFailed.Description, DocsBaseUrl + RuleCatalog.EvaluationFailed.HelpLink);

        /// <summary>All descriptors, in ID order.</summary>
        public static readonly ImmutableArray<DiagnosticDescriptor> All = ImmutableArray.Create(
            BrokenCipher,
            CipherOutsideProfile,
            UnknownCipherName,
            InvalidCipherString,
            ProfileNotInGuideline,
            UnknownGroup,
            GroupsWithoutP256,
            GroupsLeaveKeyExchange,
            SecurityLevelLowered,
            ObsoleteProtocol,
            DeprecatedProtocol,
            ExclusionUndone,
            MissingCertificate,
            RequiredTlsOnPublicMx,
            SogoUrlWithoutTls,
            SogoTlsVerifyNone,
            SogoAllowInsecureLocalhost,
            UnverifiedHop,
            PlaintextAuthWithoutTls,
            PortClash,
            InvalidPort,
            UnsafeValue,
            RelativePath,
            InvalidHostName,
            UnnormalizedPath,
            InvalidListenAddress,
            InvalidDistinguishedName,
            InvalidMailAddress,
            DuplicateSetting,
            NginxRegexWithoutTilde,
            WeakenedTlsOption,
            NginxLocationReach,
            UnknownVersion,
            UnknownSetting,
            RenamedSetting,
            ObsoleteSetting,
            IneffectiveSetting,
            NginxUnknownDirective,
            NginxDirectiveNotAllowed,
            RefusedOldSetting,
            DuplicateNginxLocation,
            NginxLocationNeverMatches,
            RefusedValue,
            UncheckedValue,
            PlaintextDirectory,
            PlaintextDatabase,
            UnverifiedServer,
            SecretInDescription,
            InvalidSecretSource,
            MailboxOnOneHost,
            IncompleteWebmail,
            SogoMariaDbWithoutTls,
            AliasOutsideDomains,
            LoginNotInSchema,
            NeedsDirectory,
            IncompleteDirectory,
            ReservedSecretVariable,
            NoBackendPerUser,
            NfsCacheFlush,
            PerHostCache,
            PerHostDatabase,
            DeliveryBypass,
            PinnedRenewingCertificate,
            MtaStsUncoveredMx,
            MtaStsMaxAge,
            MtaStsEnforceUncoveredMx,
            TlsaKeyChangesOnRenewal,
            BalancerForwardsClearText,
            ProxyWithoutSender,
            ProxyNotTrusted,
            TrustedNetworkTooWide,
            StartTlsTerminated,
            HealthCheckGreeting,
            IdleTimeoutTooShort,
            VipWithoutBackend,
            LayerHostsDisagree,
            SingleBalancer,
            BalancerAddress,
            ProxiedSslNotRequired,
            ProxyPortOutOfRange,
            BalancerValueOutOfRange,
            BalancerHostServesLayer,
            NoBalancerHost,
            StatsOnClientAddress,
            StatsOnPublicAddress,
            DaneResolverNotLocal,
            DaneWithoutResolver,
            DaneUndone,
            OutboundTlsUnderDane,
            NotConstant,
            EvaluationFailed);

        /// <summary>All descriptors, by ID.</summary>
        public static readonly ImmutableDictionary<string, DiagnosticDescriptor> ById = All.ToImmutableDictionary(d => d.Id);
    }
}
