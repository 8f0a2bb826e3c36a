using MailDsl.Model;

namespace MailDsl.Rules
{
    /// <summary>How serious a finding is by default (the analyzer maps it to a Roslyn severity).</summary>
    public enum Severity
    {
        /// <summary>Worth knowing.</summary>
        Info,
        /// <summary>Works, but weaker or riskier than it should be.</summary>
        Warning,
        /// <summary>Broken or unsafe: nothing is emitted while it stands.</summary>
        Error,
    }

    /// <summary>A name/value pair carried to code fixes through <c>Diagnostic.Properties</c>.</summary>
    public sealed record FindingProperty(string Name, string Value);

    /// <summary>
    /// One problem a rule found in a platform.
    /// </summary>
    /// <param name="RuleId">The diagnostic ID, e.g. <c>MAIL1001</c>.</param>
    /// <param name="Severity">Its default severity.</param>
    /// <param name="Message">What is wrong, why it matters and what to write instead, naming the value.</param>
    /// <param name="OriginKey">The <see cref="SourceMap"/> key of the value at fault.</param>
    /// <param name="SubStart">Offset inside the value's text of the part at fault (e.g. one cipher-string token), or -1 for the whole value.</param>
    /// <param name="SubLength">Length of that part.</param>
    public sealed record Finding(string RuleId, Severity Severity, string Message, string OriginKey, int SubStart = -1, int SubLength = 0)
    {
        /// <summary>Extra facts for code fixes (e.g. the replacement value).</summary>
        public EquatableArray<FindingProperty> Properties { get; init; } = EquatableArray<FindingProperty>.Empty;

        /// <inheritdoc/>
        public override string ToString() => $"{RuleId} [{OriginKey}] {Message}";
    }
}
