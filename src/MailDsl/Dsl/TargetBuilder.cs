using MailDsl.Model;

namespace MailDsl
{
    /// <summary>
    /// Versions a platform runs instead of its target distro's own packages, e.g. Dovecot 2.4 from Dovecot's
    /// repository on Debian 12, or OpenSSL 3.5 on RHEL 9.7. Each one changes what is rendered and checked.
    /// </summary>
    public sealed class TargetBuilder
    {
        private readonly OriginRecorder _origins;

        internal TargetBuilder(OriginRecorder origins) => _origins = origins;

        internal VersionOverrides Versions { get; private set; } = new();

        /// <summary>Runs OpenSSL <paramref name="version"/> (e.g. <c>3.5</c>) instead of the distro's.</summary>
        /// <param name="version">A version such as <c>3.5</c> or <c>3.5.1</c>.</param>
        public TargetBuilder WithOpenSsl([ValueGrammar(ValueKind.Version)] string version) => Set(OriginKeys.Platform.Target.OpenSsl, version, Versions with { OpenSsl = version });

        /// <summary>Runs nginx <paramref name="version"/> instead of the distro's.</summary>
        /// <param name="version">A version such as <c>1.26</c>.</param>
        public TargetBuilder WithNginx([ValueGrammar(ValueKind.Version)] string version) => Set(OriginKeys.Platform.Target.Nginx, version, Versions with { Nginx = version });

        /// <summary>Runs Dovecot <paramref name="version"/> (e.g. <c>2.4.1</c>) instead of the distro's.</summary>
        /// <param name="version">A version such as <c>2.4.1</c>.</param>
        public TargetBuilder WithDovecot([ValueGrammar(ValueKind.Version)] string version) => Set(OriginKeys.Platform.Target.Dovecot, version, Versions with { Dovecot = version });

        /// <summary>Runs Postfix <paramref name="version"/> instead of the distro's.</summary>
        /// <param name="version">A version such as <c>3.10</c>.</param>
        public TargetBuilder WithPostfix([ValueGrammar(ValueKind.Version)] string version) => Set(OriginKeys.Platform.Target.Postfix, version, Versions with { Postfix = version });

        /// <summary>Runs SOGo <paramref name="version"/> instead of the distro's.</summary>
        /// <param name="version">A version such as <c>5.12.1</c>.</param>
        public TargetBuilder WithSogo([ValueGrammar(ValueKind.Version)] string version) => Set(OriginKeys.Platform.Target.Sogo, version, Versions with { Sogo = version });

        private TargetBuilder Set(string originKey, string version, VersionOverrides versions)
        {
            _origins.Argument(originKey, 0);
            Versions = versions;
            return this;
        }
    }
}
