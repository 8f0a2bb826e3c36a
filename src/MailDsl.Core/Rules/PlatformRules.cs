using System.Collections.Generic;

namespace MailDsl.Rules
{
    /// <summary>The rules about listeners, authentication, values and daemon settings (MAIL2xxx-MAIL4xxx, MAIL1020).</summary>
    internal static class PlatformRules
    {
        public static IReadOnlyList<Rule> All { get; } = new Rule[]
        {
        };
    }
}
