namespace MailDsl.Daemons.Settings
{
    /// <summary>One answer of a <see cref="SettingsCatalog"/>: what its daemon version makes of a name.</summary>
    /// <param name="Name">The name asked about.</param>
    /// <param name="Status">What the daemon makes of it.</param>
    /// <param name="Replacement">The name to write instead (renamed, moved, replaced, deprecated, obsolete, removed), or null.</param>
    /// <param name="Note">Where the catalogue's fact comes from and why, in a phrase (e.g. <c>postconf 3.10.13 warns: support will be removed</c>), or null.</param>
    /// <param name="Contexts">For nginx directives, where nginx allows them; <see cref="NginxContexts.None"/> for the other daemons.</param>
    /// <param name="Pattern">The catalogue pattern that matched (e.g. <c>*_destination_concurrency_limit</c>, a per-service Postfix parameter), or null for an exact name.</param>
    /// <param name="Values">
    /// What values the daemon takes, as its catalogue says (the fifth column of Dovecot's: <c>bool</c>, <c>uint</c>, <c>size</c>,
    /// <c>time</c>, <c>port</c>, <c>enum:a|b</c>, <c>checked:WHY</c>; the third of nginx's: its arguments), or null for any text.
    /// </param>
    public sealed record SettingInfo(string Name, SettingStatus Status, string? Replacement, string? Note, NginxContexts Contexts = NginxContexts.None, string? Pattern = null,
        string? Values = null)
    {
        /// <summary>Whether the daemon takes the name at all (known, or read with a warning or without effect).</summary>
        public bool Accepted => Status is SettingStatus.Known or SettingStatus.Renamed or SettingStatus.Deprecated or SettingStatus.Ignored or SettingStatus.Obsolete;
    }
}
