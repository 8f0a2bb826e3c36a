using MailDsl.Model;

namespace MailDsl.Targets
{
    /// <summary>
    /// Every target MailDsl renders for, as data. Debian 12 and Debian 13 are seen: the versions are those of the
    /// packages the test suite installs and runs (Debian 12 on the machine, Debian 13 in a debootstrap root). The
    /// others are reasoned from the distros' published package lists, because their packages cannot be installed
    /// here; where a minor release moved a version, the older (more conservative) one is listed and a platform can
    /// override it.
    /// </summary>
    public static class TargetTable
    {
        /// <summary>Debian 12 (bookworm), seen.</summary>
        public static readonly TargetFacts Debian12 = new(
            Distro.Debian12, "Debian 12", DistroFamily.Debian,
            OpenSsl: new(3, 0, 19), Nginx: new(1, 22, 1), Dovecot: new(2, 3, 19), Postfix: new(3, 7, 11), Sogo: new(5, 8, 0),
            Provenance.Seen, "Debian 12 packages: openssl 3.0.19, nginx 1.22.1, dovecot 2.3.19.1, postfix 3.7.11, sogo 5.8.0");

        /// <summary>Debian 13 (trixie), seen in a debootstrap root.</summary>
        public static readonly TargetFacts Debian13 = new(
            Distro.Debian13, "Debian 13", DistroFamily.Debian,
            OpenSsl: new(3, 5, 9), Nginx: new(1, 26, 3), Dovecot: new(2, 4, 1), Postfix: new(3, 10, 13), Sogo: new(5, 12, 1),
            Provenance.Seen, "Debian 13 packages in a debootstrap root: openssl 3.5.9, nginx 1.26.3, dovecot 2.4.1, postfix 3.10.13, sogo 5.12.1");

        /// <summary>RHEL 9, reasoned.</summary>
        public static readonly TargetFacts Rhel9 = new(
            Distro.Rhel9, "RHEL 9", DistroFamily.Rhel,
            // RHEL 9.0-9.4 shipped OpenSSL 3.0.7 and 9.5 rebased to 3.2.2; 3.2 is listed as the oldest still supported minor's.
            OpenSsl: new(3, 2, 2), Nginx: new(1, 20, 1), Dovecot: new(2, 3, 16), Postfix: new(3, 5, 9), Sogo: new(5, 12, 0),
            Provenance.Reasoned, "RHEL 9 AppStream package lists (openssl 3.2.2 from 9.5, nginx 1.20.1 default stream, dovecot 2.3.16, postfix 3.5.9); SOGo from Alinto's repository");

        /// <summary>RHEL 10, reasoned.</summary>
        public static readonly TargetFacts Rhel10 = new(
            Distro.Rhel10, "RHEL 10", DistroFamily.Rhel,
            // RHEL 10.0 shipped OpenSSL 3.2.2 (openssl-3.2.2-16.el10_0 in the 10.0 BaseOS, as AlmaLinux 10.0 rebuilds it) and took
            // post-quantum groups from the oqsprovider package; 10.1 rebased to 3.5 (Red Hat, "Interoperability of RHEL 10
            // post-quantum cryptography", https://access.redhat.com/articles/7119430). 10.0's is listed, the older one, as for RHEL 9.
            OpenSsl: new(3, 2, 2), Nginx: new(1, 26, 3), Dovecot: new(2, 3, 21), Postfix: new(3, 8, 5), Sogo: new(5, 12, 0),
            Provenance.Reasoned, "RHEL 10.0 package lists (openssl 3.2.2, nginx 1.26.3, dovecot 2.3.21, postfix 3.8.5); SOGo from Alinto's repository");

        /// <summary>Ubuntu 24.04 LTS, reasoned.</summary>
        public static readonly TargetFacts Ubuntu2404 = new(
            Distro.Ubuntu2404, "Ubuntu 24.04", DistroFamily.Debian,
            OpenSsl: new(3, 0, 13), Nginx: new(1, 24, 0), Dovecot: new(2, 3, 21), Postfix: new(3, 8, 6), Sogo: new(5, 10, 0),
            Provenance.Reasoned, "Ubuntu 24.04 (noble) package lists: openssl 3.0.13, nginx 1.24.0, dovecot 2.3.21, postfix 3.8.6, sogo 5.10.0");

        /// <summary>Every target, in the order of <see cref="Distro"/>.</summary>
        public static readonly TargetFacts[] All = { Rhel9, Debian12, Debian13, Rhel10, Ubuntu2404 };

        /// <summary>
        /// The facts a platform renders with: its target's, with the versions it overrides (an override that is not a
        /// version is ignored here; a rule reports it).
        /// </summary>
        public static TargetFacts For(PlatformModel platform)
        {
            var facts = Of(platform.Target);
            var v = platform.Versions;
            if (v is null) return facts;
            if (SoftwareVersion.TryParse(v.OpenSsl) is { } openSsl) facts = facts with { OpenSsl = openSsl };
            if (SoftwareVersion.TryParse(v.Nginx) is { } nginx) facts = facts with { Nginx = nginx };
            if (SoftwareVersion.TryParse(v.Dovecot) is { } dovecot) facts = facts with { Dovecot = dovecot };
            if (SoftwareVersion.TryParse(v.Postfix) is { } postfix) facts = facts with { Postfix = postfix };
            if (SoftwareVersion.TryParse(v.Sogo) is { } sogo) facts = facts with { Sogo = sogo };
            return facts;
        }

        /// <summary>The facts of <paramref name="distro"/> (Debian 12's for a value this table does not know).</summary>
        public static TargetFacts Of(Distro distro) => distro switch
        {
            Distro.Rhel9 => Rhel9,
            Distro.Debian13 => Debian13,
            Distro.Rhel10 => Rhel10,
            Distro.Ubuntu2404 => Ubuntu2404,
            _ => Debian12,
        };
    }
}
