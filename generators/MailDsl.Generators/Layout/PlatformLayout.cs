using MailDsl.Generators.Parsing;
using MailDsl.Model;

namespace MailDsl.Generators.Layout
{
    /// <summary>Hosts that serve the same layers, and so get the same files (paths, not text).</summary>
    /// <param name="Layers">The layers' keys, in platform order (e.g. <c>smtpIn</c>, <c>smtpOut</c>).</param>
    /// <param name="Hosts">The hosts, ordered by name (ordinal).</param>
    /// <param name="Files">The absolute paths each of them gets, ordered (ordinal), <c>/install.sh</c> included.</param>
    public sealed record HostGroup(EquatableArray<string> Layers, EquatableArray<string> Hosts, EquatableArray<string> Files);

    /// <summary>What the generated code shows of a platform: its fingerprint and, when it passed the rules, its hosts' files.</summary>
    /// <param name="Declaration">Where the generated code goes.</param>
    /// <param name="Fingerprint">The compile-time model's fingerprint, or null when the model is only known at run time.</param>
    /// <param name="Passed">Whether the model is known and passed the rules.</param>
    /// <param name="Groups">The host groups when <paramref name="Passed"/>; empty otherwise.</param>
    /// <param name="FleetFiles">The platform-wide files (under the output folder itself) when <paramref name="Passed"/>.</param>
    public sealed record PlatformLayout(PlatformDeclaration Declaration, string? Fingerprint, bool Passed, EquatableArray<HostGroup> Groups, EquatableArray<string> FleetFiles);
}
