using System;

namespace MailDsl.Daemons.Settings
{
    /// <summary>What a daemon version makes of a setting name, as its catalogue records it.</summary>
    public enum SettingStatus
    {
        /// <summary>Not in the catalogue: the daemon does not know the name (Postfix ignores it as unused, doveconf and nginx refuse it).</summary>
        Unknown,
        /// <summary>A setting of this version.</summary>
        Known,
        /// <summary>An old name the daemon still reads, for a setting now named <see cref="SettingInfo.Replacement"/> (Postfix's compatibility fallbacks, doveconf 2.3's renamed settings).</summary>
        Renamed,
        /// <summary>Renamed to <see cref="SettingInfo.Replacement"/> with the same values, and the old name is refused (Dovecot 2.3 names in 2.4).</summary>
        Moved,
        /// <summary>Replaced by <see cref="SettingInfo.Replacement"/>, whose values differ, and the old name is refused (Dovecot 2.4's auth_allow_cleartext for disable_plaintext_auth).</summary>
        Replaced,
        /// <summary>Still works, but the daemon or its documentation says it goes away; <see cref="SettingInfo.Replacement"/> names what to write instead, when there is one.</summary>
        Deprecated,
        /// <summary>Accepted and without effect in this version (Postfix 3.6+'s smtpd_tls_eecdh_grade).</summary>
        Ignored,
        /// <summary>Accepted with a warning for compatibility, or documented as obsolete (doveconf 2.3's "Obsolete setting").</summary>
        Obsolete,
        /// <summary>Gone in this version: the daemon does not take it (Postfix reports it unused, doveconf refuses it); <see cref="SettingInfo.Note"/> says why.</summary>
        Removed,
        /// <summary>The name of a section, filter or list, not a <c>name = value</c> setting (Dovecot's namespace, 2.4's string lists).</summary>
        Section,
    }

    /// <summary>The nginx contexts a directive is allowed in, as nginx -t answered for each.</summary>
    [Flags]
    public enum NginxContexts
    {
        /// <summary>Not a directive of this build.</summary>
        None = 0,
        /// <summary>The http block.</summary>
        Http = 1,
        /// <summary>A server block.</summary>
        Server = 2,
        /// <summary>A location block.</summary>
        Location = 4,
        /// <summary>A directive, but of none of the three (main, events, upstream, mail, stream...).</summary>
        Other = 8,
    }
}
