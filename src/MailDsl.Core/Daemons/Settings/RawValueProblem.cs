namespace MailDsl.Daemons.Settings
{
    /// <summary>
    /// A raw value (a setting's, a location's match or directive) that the daemon's own checker refuses, or that it checks in a
    /// way MailDsl does not repeat, found by the daemon's module (<see cref="DaemonModule.RawValueProblems"/>).
    /// </summary>
    /// <param name="OriginKey">Where the value was written (the argument's origin key).</param>
    /// <param name="Message">What is wrong or unknown, why, and what to write instead.</param>
    /// <param name="Refused">True when the checker refuses the value (MAIL4019); false when MailDsl cannot tell (MAIL4020).</param>
    /// <param name="SubStart">Offset of the part at fault within the argument, or -1 for the whole argument.</param>
    /// <param name="SubLength">Its length.</param>
    public sealed record RawValueProblem(string OriginKey, string Message, bool Refused, int SubStart = -1, int SubLength = 0);
}
