namespace MailDsl.Rules.Values
{
    /// <summary>Where a value stops being safe to write, and why.</summary>
    /// <param name="Index">Offset of the offending character in the value (the value's length when something is missing at its end).</param>
    /// <param name="Length">How many characters are at fault (0 when something is missing).</param>
    /// <param name="What">What is wrong, as the predicate of a sentence about the value, e.g. <c>contains ';' at character 4</c>.</param>
    /// <param name="Why">What the daemon would do with it.</param>
    internal sealed record UnsafeSpot(int Index, int Length, string What, string Why);
}
