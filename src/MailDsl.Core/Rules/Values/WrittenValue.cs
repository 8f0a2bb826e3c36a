using MailDsl.Model;

namespace MailDsl.Rules.Values
{
    /// <summary>One text value of a platform that ends up in a generated file.</summary>
    /// <param name="OriginKey">Where the builders recorded it.</param>
    /// <param name="Label">How a message names it, e.g. <c>The SMTP-in host name</c>.</param>
    /// <param name="Value">The text as written.</param>
    /// <param name="Kind">What it is, which decides the characters it may hold.</param>
    internal sealed record WrittenValue(string OriginKey, string Label, string? Value, ValueKind Kind)
    {
        /// <summary>For a <see cref="Model.ValueKind.Path"/>: what it names and who opens it (a file a daemon opens unless said otherwise).</summary>
        public PathRole Role { get; init; } = PathRole.File;
    }
}
