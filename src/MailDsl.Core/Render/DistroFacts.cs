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

        /// <summary>The packages that provide Dovecot IMAP and POP3.</summary>
        /// <param name="distro">The target distro.</param>
        public static string[] DovecotPackages(Distro distro) => distro switch
        {
            Distro.Rhel9 => new[] { "dovecot" },
            _ => new[] { "dovecot-core", "dovecot-imapd", "dovecot-pop3d" },
        };
    }
}
