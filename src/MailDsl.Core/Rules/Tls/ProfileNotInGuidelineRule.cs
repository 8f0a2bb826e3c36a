using System.Collections.Generic;
using MailDsl.Layers;
using MailDsl.Model;
using MailDsl.Tls;

namespace MailDsl.Rules.Tls
{
    /// <summary>MAIL1005: a profile the chosen guideline does not have (old in TLSRef 6.0).</summary>
    internal sealed class ProfileNotInGuidelineRule : Rule
    {
        /// <inheritdoc/>
        public override RuleDescriptor Descriptor => RuleCatalog.ProfileNotInGuideline;

        /// <inheritdoc/>
        public override IEnumerable<Finding> Check(PlatformModel platform)
        {
            if (Missing(platform.Tls) is { } top)
                yield return Report(OriginKeys.Platform.Tls.Profile, Message(top, "the platform"));
            foreach (var layer in PlatformLayers.Of(platform))
                if (layer.Tls is { } own && Missing(platform.Tls.With(own)) is { } policy)
                    yield return Report(OriginKeys.Of(layer).Tls.Profile, Message(policy, $"the {layer.Key} layer"));
        }

        private static TlsPolicy? Missing(TlsPolicy policy)
            => GuidelineProfiles.Find(policy.Guideline ?? GuidelineProfiles.DefaultGuideline, policy.Profile) is null ? policy : null;

        private static string Message(TlsPolicy policy, string who)
        {
            var guideline = GuidelineProfiles.Get(policy.Guideline ?? GuidelineProfiles.DefaultGuideline, TlsProfile.Intermediate);
            var profile = policy.Profile.ToString().ToLowerInvariant();
            return $"{char.ToUpperInvariant(who[0]) + who.Substring(1)} asks for the {profile} profile of {guideline.Publisher} guideline {guideline.GuidelineVersion}, which has none: 6.0 removed it "
                + "(\"Old configuration is not recommended\"). It needs TLS 1.0 and 1.1, CBC, static RSA and 3DES, and OpenSSL security level 0. "
                + $"Use TlsProfile.Intermediate, or, if clients truly need it, pin Mozilla's guideline 5.7, which still has it: .Tls(TlsProfile.{policy.Profile}, TlsGuideline.Mozilla57).";
        }
    }
}
