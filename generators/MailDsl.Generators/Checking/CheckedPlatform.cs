using MailDsl.Generators.Parsing;
using MailDsl.Model;

namespace MailDsl.Generators.Checking
{
    /// <summary>A platform after the rules: whether it passed, and the fingerprint run time compares its own model with.</summary>
    /// <param name="Declaration">Where the generated code goes.</param>
    /// <param name="Model">The model without origins, or null when it is only known at run time.</param>
    /// <param name="Fingerprint"><see cref="ModelFingerprint.Of"/> of the model, or null without one.</param>
    /// <param name="Passed">Whether the model is known and no rule reported an error.</param>
    public sealed record CheckedPlatform(PlatformDeclaration Declaration, PlatformModel? Model, string? Fingerprint, bool Passed);
}
