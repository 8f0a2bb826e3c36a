namespace MailDsl.Daemons.Settings
{
    /// <summary>
    /// How a daemon takes the raw settings its settings catalogues check (<see cref="DaemonModule.RawSettings"/>), in the
    /// words the MAIL4010-MAIL4016 messages use.
    /// </summary>
    /// <param name="UnknownReaction">What the daemon does with a name it does not know, as a clause: <c>doveconf refuses the file and Dovecot does not start</c>.</param>
    /// <param name="NamesListedBy">What lists the names it knows: <c>postconf -d</c>.</param>
    /// <param name="RefusedOldName">What it does with an old name it no longer reads, as a clause.</param>
    public sealed record RawSettingFacts(string UnknownReaction, string NamesListedBy, string RefusedOldName);
}
