namespace MailDsl.Generators.Emitting
{
    /// <summary>One generated file: its hint name and text (equatable, so an equal text adds nothing new).</summary>
    /// <param name="HintName">The file's hint name.</param>
    /// <param name="Text">The C# source, or null when emitting failed (nothing is added; the analyzer reports the platform).</param>
    public sealed record GeneratedSource(string HintName, string? Text);
}
