using MailDsl.Model;

namespace MailDsl.Generators.Parsing
{
    /// <summary>
    /// A <c>[MailPlatform]</c> class as the pipeline carries it after evaluation: equatable values only (no symbols,
    /// syntax, locations or compilation). The model has no origins, so a comment or a move inside the file gives an
    /// equal value and everything after this step is served from the cache.
    /// </summary>
    /// <param name="Declaration">Where the generated code goes.</param>
    /// <param name="Model">The platform model without origins; null when a value is only known at run time or evaluation failed.</param>
    public sealed record EvaluatedPlatform(PlatformDeclaration Declaration, PlatformModel? Model);
}
