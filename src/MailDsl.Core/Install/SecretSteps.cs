using System.Collections.Generic;
using System.Linq;
using MailDsl.Model;
using MailDsl.Secrets;
using MailDsl.Text;

namespace MailDsl.Install
{
    /// <summary>
    /// The secrets of a host whose files hold secret placeholders, as install.sh's data. install-secrets.sh (see
    /// <see cref="InstallScriptEngine"/>) reads each secret on the host (from its file or environment variable), refuses
    /// one that is missing, empty, multi-line or holds a character the syntax it is written into cannot hold, all before
    /// anything is changed; then writes each secret over its placeholders in the staged copy of each file (private to
    /// root; compared with the host's file and placed from there), encoded for that syntax. It is pure bash: a secret is
    /// never an argument of another program (where <c>ps</c> would show it), never printed, never traced.
    /// </summary>
    public static class SecretSteps
    {
        /// <summary>The placeholders in <paramref name="files"/>, by file, that name a secret of the platform.</summary>
        public static IReadOnlyList<(Artifact File, IReadOnlyList<SecretPlaceholder> Placeholders)> Uses(PlatformModel platform, IReadOnlyList<Artifact> files)
        {
            var known = new HashSet<string>(PlatformSecrets.Of(platform).Select(s => s.Id));
            return files
                .Select(f => (File: f, Placeholders: (IReadOnlyList<SecretPlaceholder>)PlatformSecrets.In(f.Content).Where(p => known.Contains(p.SecretId)).ToList()))
                .Where(u => u.Placeholders.Count > 0)
                .ToList();
        }

        /// <summary>The platform's secrets that <paramref name="uses"/> write, in the platform's order.</summary>
        public static IReadOnlyList<PlatformSecret> Written(PlatformModel platform, IReadOnlyList<(Artifact File, IReadOnlyList<SecretPlaceholder> Placeholders)> uses)
            => PlatformSecrets.Of(platform).Where(s => uses.Any(u => u.Placeholders.Any(p => p.SecretId == s.Id))).ToList();

        /// <summary>
        /// Writes the host's secrets as install.sh's data, for install-secrets.sh's <c>load_secrets</c> (before anything is
        /// staged or changed: every secret read and tried in every syntax it is written in) and <c>fill_staged_secrets</c>
        /// (writes them over their placeholders in the staged copies, which are compared with the host's files and placed
        /// from there): each secret's id, where it is read and what it is; each placeholder's file, text, secret and
        /// encoder. A host without secrets gets empty lists.
        /// </summary>
        public static void WriteData(ConfigWriter w, PlatformModel platform, IReadOnlyList<(Artifact File, IReadOnlyList<SecretPlaceholder> Placeholders)> uses)
        {
            var secrets = Written(platform, uses);
            w.Line("# The secrets: each one's id, where it is read on this host (a file or an environment variable) and what it is;");
            w.Line("# each of their placeholders in the files, with the encoder for that file's syntax.");
            w.Line("secret_id=(" + Words(secrets.Select(s => s.Id)) + ")");
            w.Line("secret_kind=(" + Words(secrets.Select(s => s.Source.Source == SecretSource.Environment ? "env" : "file")) + ")");
            w.Line("secret_source=(" + Words(secrets.Select(s => s.Source.Name)) + ")");
            w.Line("secret_what=(" + Words(secrets.Select(s => s.Purpose)) + ")");
            var placeholders = uses.SelectMany(u => u.Placeholders.Select(p => (u.File.Path, Placeholder: p))).ToList();
            w.Line("placeholder_file=(" + Words(placeholders.Select(p => p.Path)) + ")");
            w.Line("placeholder_text=(" + Words(placeholders.Select(p => p.Placeholder.Text)) + ")");
            w.Line("placeholder_secret=(" + Words(placeholders.Select(p => p.Placeholder.SecretId)) + ")");
            w.Line("placeholder_encoder=(" + Words(placeholders.Select(p => PlatformSecrets.EncoderFunction(p.Placeholder.Syntax))) + ")");
        }

        /// <summary>
        /// install-secrets.sh as it is in the repository: the functions install.sh defines for secrets (loading, one encoder
        /// per syntax, filling), with the host's data empty, so that bash can source it alone.
        /// </summary>
        public static string Functions => InstallScriptEngine.Source(InstallScriptEngine.SecretsFile);

        private static string Words(IEnumerable<string> values) => InstallScriptRenderer.Words(values);
    }
}
