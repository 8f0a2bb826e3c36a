namespace MailDsl.Rules.Values
{
    /// <summary>One path the renderers write: a value of kind <see cref="Model.ValueKind.Path"/>, or the path inside a raw setting.</summary>
    /// <param name="OriginKey">Where the builders recorded the value.</param>
    /// <param name="Label">How a message names it, e.g. <c>The mail storage path</c>.</param>
    /// <param name="Value">The value as written (for a raw setting, the whole value).</param>
    /// <param name="Start">Where the path starts in <paramref name="Value"/> (after a raw Dovecot setting's '&lt;', for instance).</param>
    /// <param name="Role">What it names and who opens it.</param>
    internal sealed record WrittenPath(string OriginKey, string Label, string? Value, int Start, PathRole Role);
}
