using System.Collections.Generic;

namespace MailDsl.Rules.Tls
{
    /// <summary>The rules about ciphers and protocols (MAIL10xx).</summary>
    internal static class TlsRules
    {
        public static IReadOnlyList<Rule> All { get; } = new Rule[]
        {
            new BrokenCipherRule(),
            new CipherOutsideProfileRule(),
            new UnknownCipherNameRule(),
            new InvalidCipherStringRule(),
            new ObsoleteProtocolRule(),
            new DeprecatedProtocolRule(),
            new ProfileNotInGuidelineRule(),
            new UnknownGroupRule(),
            new GroupsWithoutP256Rule(),
            new GroupsLeaveKeyExchangeRule(),
            new SecurityLevelLoweredRule(),
            new ExclusionUndoneRule(),
        };
    }
}
