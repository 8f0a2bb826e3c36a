using MailDsl.Model;

namespace MailDsl.Generators.Parsing
{
    /// <summary>Where the generated half of a <c>[MailPlatform]</c> class goes: its namespace, enclosing types and declaration.</summary>
    /// <param name="Namespace">The class's namespace, or "" for the global namespace.</param>
    /// <param name="ContainingTypes">Enclosing type declarations, outermost first (e.g. <c>static partial class Outer</c>).</param>
    /// <param name="Declaration">The class's own declaration keywords and name, e.g. <c>public static partial class CorporateCloud</c>.</param>
    /// <param name="HintName">A unique, file-name-safe name for the generated source.</param>
    public sealed record PlatformDeclaration(string Namespace, EquatableArray<string> ContainingTypes, string Declaration, string HintName);
}
