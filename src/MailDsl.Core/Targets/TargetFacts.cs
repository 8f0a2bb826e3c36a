using MailDsl.Model;

namespace MailDsl.Targets
{
    /// <summary>How a distro family installs software and lays out its files.</summary>
    public enum DistroFamily
    {
        /// <summary>Debian and Ubuntu: apt, /etc/ssl, Debian's split daemon packages and service names.</summary>
        Debian,
        /// <summary>RHEL and its rebuilds: dnf, /etc/pki, SELinux, firewalld.</summary>
        Rhel,
    }

    /// <summary>Whether a fact was read off the real system or reasoned from upstream sources.</summary>
    public enum Provenance
    {
        /// <summary>Read off the distro's own packages on this project's machines (Debian 12, and Debian 13 in a debootstrap root).</summary>
        Seen,
        /// <summary>Reasoned from the distro's published package lists and release notes; not run here.</summary>
        Reasoned,
    }

    /// <summary>
    /// One target generation as data: the versions of every daemon and of OpenSSL it ships, and how it installs
    /// software. Daemon modules read these (never the <see cref="Distro"/> value alone) to decide what to render.
    /// </summary>
    /// <param name="Distro">Which target.</param>
    /// <param name="DisplayName">How messages name it, e.g. <c>Debian 13</c>.</param>
    /// <param name="Family">Its family: package tool, paths.</param>
    /// <param name="OpenSsl">The OpenSSL the daemons link against.</param>
    /// <param name="Nginx">nginx's version.</param>
    /// <param name="Dovecot">Dovecot's version.</param>
    /// <param name="Postfix">Postfix's version.</param>
    /// <param name="Sogo">SOGo's version.</param>
    /// <param name="Provenance">Whether these facts were seen on the target's own packages or reasoned.</param>
    /// <param name="Source">Where the facts come from, in a sentence.</param>
    public sealed record TargetFacts(
        Distro Distro,
        string DisplayName,
        DistroFamily Family,
        SoftwareVersion OpenSsl,
        SoftwareVersion Nginx,
        SoftwareVersion Dovecot,
        SoftwareVersion Postfix,
        SoftwareVersion Sogo,
        Provenance Provenance,
        string Source)
    {
        /// <summary>
        /// The version of <paramref name="daemon"/> on this target, or null for a daemon whose version the target table does
        /// not track (memcached: nothing MailDsl writes depends on it).
        /// </summary>
        public SoftwareVersion? VersionOf(Daemon daemon) => daemon switch
        {
            Daemon.Nginx => Nginx,
            Daemon.Dovecot => Dovecot,
            Daemon.Postfix => Postfix,
            Daemon.Sogo => Sogo,
            _ => null,
        };
    }
}
