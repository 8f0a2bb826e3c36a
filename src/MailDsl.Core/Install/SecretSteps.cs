using System.Collections.Generic;
using System.Linq;
using MailDsl.Model;
using MailDsl.Secrets;
using MailDsl.Text;

namespace MailDsl.Install
{
    /// <summary>
    /// The part of install.sh that handles secrets, for a host whose files hold secret placeholders. It reads each secret
    /// on the host (from its file or environment variable), refuses one that is missing, empty, multi-line or holds a
    /// character the syntax it is written into cannot hold, all before anything is changed; then writes each secret over its
    /// placeholders in the staged copy of each file (private to root; compared with the host's file and placed from there),
    /// encoded for that syntax. It is pure
    /// bash: a secret is never an argument of another program (where <c>ps</c> would show it), never printed, never traced.
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
        /// Writes the functions install.sh's engine calls: <c>load_secrets</c> (before anything is staged or changed: every
        /// secret read and tried in every syntax it is written in) and <c>fill_staged_secrets</c> (writes them over their
        /// placeholders in the staged copies, which are compared with the host's files and placed from there). A host
        /// without secrets gets both as no-ops.
        /// </summary>
        public static void WriteFunctions(ConfigWriter w, PlatformModel platform, IReadOnlyList<(Artifact File, IReadOnlyList<SecretPlaceholder> Placeholders)> uses)
        {
            if (uses.Count == 0)
            {
                w.Line("# No secrets on this host.");
                w.Line("load_secrets() { :; }");
                w.Line("fill_staged_secrets() { :; }");
                return;
            }
            var secrets = Written(platform, uses);
            var syntaxes = uses.SelectMany(u => u.Placeholders.Select(p => p.Syntax)).Distinct().OrderBy(s => s).ToList();
            WriteFunctions(w, syntaxes);
            w.Open("load_secrets() {");
            foreach (var secret in secrets)
            {
                var kind = secret.Source.Source == SecretSource.Environment ? "env" : "file";
                w.Line("maildsl_load_secret " + ShellWord(secret.Id) + " " + kind + " " + ShellWord(secret.Source.Name) + " " + ShellWord(secret.Purpose) + " || exit 1");
            }
            // Every (secret, syntax) pair this host writes is tried now, so a refusal comes before any file changes.
            foreach (var (id, syntax, file) in uses.SelectMany(u => u.Placeholders.Select(p => (p.SecretId, p.Syntax, u.File.Path))).Distinct())
                w.Line(PlatformSecrets.EncoderFunction(syntax) + " \"${maildsl_secret[" + id + "]}\" " + ShellWord(file) + " >/dev/null || exit 1");
            w.Close();
            w.Open("fill_staged_secrets() {");
            foreach (var (file, placeholders) in uses)
                w.Line("fill_secrets \"$stage\"" + ShellWord(file.Path) + " "
                    + string.Join(" ", placeholders.Select(p => ShellWord(p.Text) + " " + ShellWord(p.SecretId) + " " + PlatformSecrets.EncoderFunction(p.Syntax)))
                    + " || exit 1");
            w.Close();
        }

        /// <summary>The shell functions alone (loading, one encoder per syntax, filling), as install.sh defines them.</summary>
        /// <param name="syntaxes">The syntaxes to define encoders for.</param>
        public static string Functions(IEnumerable<SecretSyntax> syntaxes)
        {
            var w = new ConfigWriter("  ");
            WriteFunctions(w, syntaxes.Distinct().OrderBy(s => s).ToList());
            return w.ToString();
        }

        private static void WriteFunctions(ConfigWriter w, IReadOnlyList<SecretSyntax> syntaxes)
        {
            w.Line("# Secrets: read on this host, never printed, checked against every syntax they are written in before anything");
            w.Line("# changes, then written over their placeholders in the installed files (fill_secrets, below).");
            w.Line("set +x");
            w.Line("shopt -u patsub_replacement 2>/dev/null || true");
            w.Line("declare -A maildsl_secret=()");
            w.Open("maildsl_load_secret() {");
            w.Line("local id=$1 kind=$2 source=$3 what=$4 value");
            w.Open("if [[ $kind == file ]]; then");
            w.Line("[[ -f $source && -r $source ]] || { echo \"install.sh: $what is read from the file $source, which is missing on this host: put it there (one line, mode 0600)\" >&2; return 1; }");
            w.Line("[[ $(tr -d '\\000' <\"$source\" | wc -c) -eq $(wc -c <\"$source\") ]] || { echo \"install.sh: $what in $source holds a NUL byte: no configuration file can hold it\" >&2; return 1; }");
            w.Line("value=$(<\"$source\")");
            w.Continue("else");
            w.Line("[[ -n ${!source+set} ]] || { echo \"install.sh: $what is read from the environment variable $source, which is not set: run install.sh with it\" >&2; return 1; }");
            w.Line("value=${!source}");
            w.Close("fi");
            w.Line("[[ -n $value ]] || { echo \"install.sh: $what ($kind $source) is empty\" >&2; return 1; }");
            w.Line("[[ $value != *$'\\n'* && $value != *$'\\r'* ]] || { echo \"install.sh: $what ($kind $source) holds a line break: a secret is one line\" >&2; return 1; }");
            w.Line("[[ $(LC_ALL=C; [[ $value == *[[:cntrl:]]* ]] && echo x) != x ]] || { echo \"install.sh: $what ($kind $source) holds a control character, which no configuration file here can hold\" >&2; return 1; }");
            w.Line("maildsl_secret[$id]=$value");
            w.Close();
            foreach (var syntax in syntaxes) WriteEncoder(w, syntax);
            w.Line("# Writes each secret over its placeholders in an installed file, keeping the file's owner and mode.");
            w.Open("fill_secrets() {");
            w.Line("local file=$1 text encoded placeholder id encoder");
            w.Line("shift");
            w.Line("text=$(cat -- \"$file\"; printf x)");
            w.Line("text=${text%x}");
            w.Open("while (($# >= 3)); do");
            w.Line("placeholder=$1 id=$2 encoder=$3");
            w.Line("shift 3");
            w.Line("encoded=$(\"$encoder\" \"${maildsl_secret[$id]}\" \"$file\") || return 1");
            w.Line("text=${text//\"$placeholder\"/\"$encoded\"}");
            w.Close("done");
            w.Line("rm -f -- \"$file.maildsl-secret\"");
            w.Line("(umask 077 && : >\"$file.maildsl-secret\")");
            w.Line("chown --reference=\"$file\" -- \"$file.maildsl-secret\"");
            w.Line("chmod --reference=\"$file\" -- \"$file.maildsl-secret\"");
            w.Line("printf '%s' \"$text\" >\"$file.maildsl-secret\"");
            w.Line("mv -f -- \"$file.maildsl-secret\" \"$file\"");
            w.Close();
        }

        // Each encoder prints the encoded secret, or says why the syntax cannot hold it (naming the file, never the secret).
        private static void WriteEncoder(ConfigWriter w, SecretSyntax syntax)
        {
            var name = PlatformSecrets.EncoderFunction(syntax);
            w.Open(name + "() {");
            switch (syntax)
            {
                case SecretSyntax.PostfixTable:
                    w.Line("# Postfix's table files strip a value's leading and trailing whitespace and have no quoting.");
                    w.Line("[[ $1 != [[:space:]]* && $1 != *[[:space:]] ]] || { echo \"install.sh: a secret for $2 starts or ends with whitespace, which Postfix's table files strip (they have no quoting): choose another\" >&2; return 1; }");
                    w.Line("printf '%s' \"$1\"");
                    break;
                case SecretSyntax.Dovecot23:
                case SecretSyntax.Plist:
                    if (syntax == SecretSyntax.Plist)
                    {
                        w.Line("# sogo.conf is read in GNUstep's C-string encoding: only ASCII is sure to reach SOGo unchanged.");
                        w.Line("[[ $(LC_ALL=C; [[ $1 == *[^[:print:]]* ]] && echo x) != x ]] || { echo \"install.sh: a secret for $2 holds a non-ASCII character, which SOGo's property list may read differently: choose an ASCII one\" >&2; return 1; }");
                    }
                    w.Line("local bs='\\' q='\"' v=$1");
                    w.Line("v=${v//\"$bs\"/\"$bs$bs\"}");
                    w.Line("v=${v//\"$q\"/\"$bs$q\"}");
                    w.Line("printf '%s' \"$v\"");
                    break;
                case SecretSyntax.Dovecot24:
                    w.Line("local bs='\\' q='\"' v=$1");
                    w.Line("v=${v//\"$bs\"/\"$bs$bs\"}");
                    w.Line("v=${v//\"$q\"/\"$bs$q\"}");
                    w.Line("# Dovecot 2.4 expands %{...} in every string setting; its lexer reads %%{ as a literal %{.");
                    w.Line("v=${v//'%{'/'%%{'}");
                    w.Line("printf '%s' \"$v\"");
                    break;
                case SecretSyntax.UrlUserinfo:
                    w.Line("local LC_ALL=C s=$1 out='' c i n");
                    w.Open("for ((i = 0; i < ${#s}; i++)); do");
                    w.Line("c=${s:i:1}");
                    w.Open("case $c in");
                    w.Line("[A-Za-z0-9._~-]) out+=$c ;;");
                    w.Line("*) printf -v n '%d' \"'$c\"; ((n < 0)) && ((n += 256)); printf -v c '%%%02X' \"$n\"; out+=$c ;;");
                    w.Close("esac");
                    w.Close("done");
                    w.Line("printf '%s' \"$out\"");
                    break;
                case SecretSyntax.PgConninfoInDovecot23:
                    w.Line("local bs='\\' q='\"' sq=\"'\" v=$1");
                    w.Line("v=${v//\"$bs\"/\"$bs$bs\"}");
                    w.Line("v=${v//\"$sq\"/\"$bs$sq\"}");
                    w.Line("v=${v//\"$bs\"/\"$bs$bs\"}");
                    w.Line("v=${v//\"$q\"/\"$bs$q\"}");
                    w.Line("printf '%s' \"$v\"");
                    break;
                case SecretSyntax.MysqlInDovecot23:
                    w.Line("[[ $1 != *[[:space:]]* ]] || { echo \"install.sh: a secret for $2 holds whitespace, which Dovecot 2.3's mysql connect string splits at (it has no quoting): choose another\" >&2; return 1; }");
                    w.Line("local bs='\\' q='\"' v=$1");
                    w.Line("v=${v//\"$bs\"/\"$bs$bs\"}");
                    w.Line("v=${v//\"$q\"/\"$bs$q\"}");
                    w.Line("printf '%s' \"$v\"");
                    break;
            }
            w.Close();
        }

        private static string ShellWord(string value) => ShellText.Quote(value);
    }
}
