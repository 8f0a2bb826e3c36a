using MailDsl.Model;

namespace MailDsl.Generators.Parsing
{
    /// <summary>
    /// Everything the emitter needs for one <c>[MailPlatform]</c> class, as equatable values only (no symbols, no
    /// syntax, no locations), so an edit that changes none of it re-emits nothing. Origins are deliberately
    /// absent: moving the description in its file changes diagnostics (the analyzer's business), not the output.
    /// </summary>
    /// <param name="Namespace">The class's namespace, or "" for the global namespace.</param>
    /// <param name="ContainingTypes">Enclosing type declarations, outermost first (e.g. <c>static partial class Outer</c>).</param>
    /// <param name="Declaration">The class's own declaration keywords and name, e.g. <c>public static partial class CorporateCloud</c>.</param>
    /// <param name="HintName">A unique, file-name-safe name for the generated source.</param>
    /// <param name="ArtifactsKnown">Whether the whole platform was known at compile time and passed the rules.</param>
    /// <param name="Artifacts">The rendered files when <paramref name="ArtifactsKnown"/>.</param>
    public sealed record PlatformSpec(
        string Namespace,
        EquatableArray<string> ContainingTypes,
        string Declaration,
        string HintName,
        bool ArtifactsKnown,
        EquatableArray<Artifact> Artifacts);
}
