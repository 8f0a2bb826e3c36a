using System;
using System.Linq;
using MailDsl.Targets;
using MailDsl.Text;
using MailDsl.Topology;

namespace MailDsl.Install
{
    /// <summary>
    /// The part of install.sh that is the same on every host, kept as bash files beside this one and embedded in the
    /// assembly: <c>install-secrets.sh</c> (reads the host's secrets and writes them into the staged files) and
    /// <c>install-engine.sh</c> (the install, the dry run, the checks, the reloads and the restore). install.sh holds each
    /// from the line after its <see cref="Mark"/> on; above the mark, each file gives the host data it reads empty values,
    /// so that shellcheck and the tests (which source it) read it alone.
    /// </summary>
    internal static class InstallScriptEngine
    {
        /// <summary>The prefix of the files' names in the assembly (MailDsl.Core.csproj embeds <c>Install/*.sh</c> under it).</summary>
        public const string ResourcePrefix = "MailDsl.Install/";

        /// <summary>The engine's file.</summary>
        public const string EngineFile = "install-engine.sh";

        /// <summary>The secret steps' file.</summary>
        public const string SecretsFile = "install-secrets.sh";

        /// <summary>The certificate checks' file (install.sh, the renewal hooks and <c>check --certs</c>).</summary>
        public const string CertificatesFile = "install-certificates.sh";

        /// <summary>The renewal hooks' own part (after the host data, the certificate checks and the engine).</summary>
        public const string RenewHookFile = "renew-hook.sh";

        /// <summary>The line each file's emitted part starts after.</summary>
        public const string Mark = "# --- install.sh holds this file from the next line on ---\n";

        /// <summary>The engine as install.sh holds it: LF line endings, ending with a line break.</summary>
        public static string Text => Engine.Value;

        /// <summary>The certificate checks as install.sh holds them.</summary>
        public static string Certificates => CertificateFunctions.Value;

        /// <summary>The renewal hook's own part as a hook holds it.</summary>
        public static string RenewHook => RenewHookPart.Value;

        /// <summary>The secret steps as install.sh holds them.</summary>
        public static string Secrets => SecretFunctions.Value;

        /// <summary>
        /// The lines of the host data every script of the engine's starts with (install.sh and the renewal hooks): the host, its
        /// layers, its target and the target's family, and where the daemons' start-up output and each run's backups go.
        /// </summary>
        public static void WriteHost(ConfigWriter w, TargetFacts target, HostPlan host)
        {
            w.Line("host=" + ShellText.Quote(host.Name));
            w.Line("layers=" + ShellText.Quote(string.Join(", ", host.Layers.Select(l => l.Key))));
            w.Line("target=" + ShellText.Quote(target.DisplayName));
            w.Line("family=" + (target.Family == DistroFamily.Rhel ? "rhel" : "debian"));
            w.Line("# Where the daemons' start-up output goes without systemd, and where each run keeps what it replaced.");
            w.Line("log=" + ShellText.Quote(InstallScriptRenderer.StartLog));
            w.Line("backup_root=" + ShellText.Quote(InstallScriptRenderer.BackupRoot));
        }

        /// <summary>A script of the engine's: <paramref name="hostData"/>, then each of <paramref name="parts"/> (e.g. <see cref="Text"/>) after a line break.</summary>
        public static string Script(ConfigWriter hostData, params string[] parts) => hostData + string.Join("\n", parts);

        /// <summary>The whole text of <paramref name="file"/>, as in the repository (LF line endings).</summary>
        public static string Source(string file) => EmbeddedText.Read(ResourcePrefix + file);

        private static readonly Lazy<string> Engine = new(() => Emitted(EngineFile));
        private static readonly Lazy<string> SecretFunctions = new(() => Emitted(SecretsFile));
        private static readonly Lazy<string> RenewHookPart = new(() => Emitted(RenewHookFile));
        private static readonly Lazy<string> CertificateFunctions = new(() => Emitted(CertificatesFile));

        private static string Emitted(string file)
        {
            var text = Source(file);
            var at = text.IndexOf(Mark, StringComparison.Ordinal);
            if (at < 0) throw new InvalidOperationException(file + " has no line '" + Mark.TrimEnd('\n') + "': install.sh holds the file from the line after it");
            return text.Substring(at + Mark.Length);
        }
    }
}
