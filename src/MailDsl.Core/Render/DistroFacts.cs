using MailDsl.Model;

namespace MailDsl.Render
{
    /// <summary>What differs between the distro families a platform can target: package tool and paths.</summary>
    public static class DistroFacts
    {
        /// <summary>Where the SOGo package puts its GNUstep bundle (WebServerResources, product resources).</summary>
        /// <param name="distro">The target distro.</param>
        public static string GnustepSogoDirectory(Distro distro) => distro switch
        {
            // RHEL's sogo package (Inverse/Alinto repository) installs into lib64; Debian's into lib.
            Distro.Rhel9 => "/usr/lib64/GNUstep/SOGo",
            _ => "/usr/lib/GNUstep/SOGo",
        };

        /// <summary>The command line that installs packages non-interactively.</summary>
        /// <param name="distro">The target distro.</param>
        public static string PackageInstallCommand(Distro distro) => distro switch
        {
            Distro.Rhel9 => "dnf install -y",
            _ => "DEBIAN_FRONTEND=noninteractive apt-get install -y",
        };

        /// <summary>The package with Dovecot's master, auth and config (all an auth-only Dovecot behind Postfix needs).</summary>
        /// <param name="distro">The target distro.</param>
        public static string DovecotCorePackage(Distro distro) => distro switch
        {
            Distro.Rhel9 => "dovecot",
            _ => "dovecot-core",
        };

        /// <summary>The packages that provide Dovecot IMAP and POP3.</summary>
        /// <param name="distro">The target distro.</param>
        public static string[] DovecotPackages(Distro distro) => distro switch
        {
            // RHEL's one dovecot package has every protocol; Debian splits them out of dovecot-core.
            Distro.Rhel9 => new[] { DovecotCorePackage(distro) },
            _ => new[] { DovecotCorePackage(distro), "dovecot-imapd", "dovecot-pop3d" },
        };

        /// <summary>
        /// The distro's Postfix's current <c>compatibility_level</c>: the level its <c>postfix</c> command asks for
        /// ("To disable backwards compatibility use postconf compatibility_level=N"), so it runs with today's
        /// defaults and logs no "backwards-compatible default settings" warning at every start.
        /// </summary>
        /// <param name="distro">The target distro.</param>
        public static string PostfixCompatibilityLevel(Distro distro) => distro switch
        {
            // RHEL 9 ships Postfix 3.5.9, whose current level is the integer 2 (the "major.minor" levels came with
            // 3.6; 3.5 before 3.5.11 stops on "3.5": "bad numerical configuration"). Postfix 3.5's stock main.cf says 2.
            Distro.Rhel9 => "2",
            // Debian 12 ships Postfix 3.7, whose last incompatible change is 3.6 (Debian's own main.cf says 3.6).
            _ => "3.6",
        };
    }
}
