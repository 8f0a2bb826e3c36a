using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using MailDsl.Model;
using MailDsl.Topology;

namespace MailDsl.Install
{
    /// <summary>
    /// The shell variables install.sh uses itself, read off its own text (the engine, the secret functions, a host's data
    /// lines), and the variables bash itself sets or reads. A secret read from the environment (<c>Secret.Environment</c>)
    /// must be named by none of them: install.sh reads the variable by name (<c>${!name}</c>), so it would read its own value,
    /// or bash's, instead of the environment's, and an exported one would change how install.sh itself runs.
    /// </summary>
    public static class InstallScriptVariables
    {
        /// <summary>
        /// The engine's text: the one place this class reads it, so the engine can move (into a resource file) without
        /// anything here changing but this line.
        /// </summary>
        private static string EngineText => InstallScriptEngine.Text;

        private static readonly Lazy<HashSet<string>> Used = new(() => NamesIn(string.Join("\n", Texts())));

        /// <summary>Every variable name install.sh's text assigns, declares or reads, upper and lower case.</summary>
        public static IReadOnlyCollection<string> Names => Used.Value;

        /// <summary>
        /// The variables bash itself sets, changes or reads in the environment (bash(1), "Shell Variables"): reading one
        /// gives bash's value (<c>RANDOM</c>, <c>SECONDS</c>, <c>LINENO</c>), and setting one changes how the script runs
        /// (<c>BASH_ENV</c>, <c>IFS</c>, <c>PATH</c>). Names under <see cref="BashPrefixes"/> are bash's too.
        /// </summary>
        public static IReadOnlyCollection<string> Bash { get; } = new HashSet<string>(StringComparer.Ordinal)
        {
            "BASH", "BASHOPTS", "BASHPID", "CDPATH", "CHILD_MAX", "COLUMNS", "COPROC", "DIRSTACK", "EMACS", "ENV", "EPOCHREALTIME",
            "EPOCHSECONDS", "EUID", "EXECIGNORE", "FCEDIT", "FIGNORE", "FUNCNAME", "FUNCNEST", "GLOBIGNORE", "GLOBSORT", "GROUPS",
            "HISTCMD", "HISTCONTROL", "HISTFILE", "HISTFILESIZE", "HISTIGNORE", "HISTSIZE", "HISTTIMEFORMAT", "HOME", "HOSTFILE",
            "HOSTNAME", "HOSTTYPE", "IFS", "IGNOREEOF", "INPUTRC", "INSIDE_EMACS", "LANG", "LINENO", "LINES", "MACHTYPE", "MAIL",
            "MAILCHECK", "MAILPATH", "MAPFILE", "OLDPWD", "OPTARG", "OPTERR", "OPTIND", "OSTYPE", "PATH", "PIPESTATUS",
            "POSIXLY_CORRECT", "PPID", "PROMPT_COMMAND", "PROMPT_DIRTRIM", "PS0", "PS1", "PS2", "PS3", "PS4", "PWD", "RANDOM", "REPLY",
            "SECONDS", "SHELL", "SHELLOPTS", "SHLVL", "SRANDOM", "TERM", "TIMEFORMAT", "TMOUT", "TMPDIR", "UID", "_",
        };

        /// <summary>Prefixes of bash's own variable families (<c>BASH_ENV</c>, <c>COMP_WORDS</c>, <c>LC_ALL</c>, <c>READLINE_LINE</c>).</summary>
        public static IReadOnlyList<string> BashPrefixes { get; } = new[] { "BASH_", "COMP_", "LC_", "READLINE_" };

        /// <summary>Whether install.sh's own text uses <paramref name="name"/> as a variable.</summary>
        public static bool UsedByInstallScript(string name) => Used.Value.Contains(name);

        /// <summary>Whether bash itself sets or reads <paramref name="name"/> (<see cref="Bash"/>, <see cref="BashPrefixes"/>).</summary>
        public static bool UsedByBash(string name) => Bash.Contains(name) || BashPrefixes.Any(p => name.StartsWith(p, StringComparison.Ordinal));

        // install.sh is a host's data lines, the secret functions (install-secrets.sh) and the engine (install-engine.sh). The data lines are the same names on every
        // host; they are read off a rendered install.sh of a one-host platform, so they are install.sh's own text.
        private static IEnumerable<string> Texts()
        {
            yield return EngineText;
            yield return InstallScriptEngine.Secrets;
            var platform = new PlatformModel
            {
                Domain = "example.org",
                Target = Distro.Debian12,
                Certificate = new CertificatePaths("/etc/ssl/example.crt", "/etc/ssl/example.key"),
                Mailstore = new MailstoreLayer { Hosts = new[] { "store.example.org" }.ToEquatableArray() },
            };
            var topology = PlatformTopology.Of(platform);
            foreach (var host in topology.Hosts)
                yield return InstallScriptRenderer.Render(topology, host, Render.HostFiles.Of(topology, host));
        }

        private static readonly Regex[] Patterns =
        {
            // $name, ${name...}, ${!name}, ${#name}
            new(@"\$\{?[!#]?([A-Za-z_][A-Za-z0-9_]*)", RegexOptions.CultureInvariant),
            // name=, name+=, name[key]= at the start of a command
            new(@"(?:^|[\s;&|(`])([A-Za-z_][A-Za-z0-9_]*)(?:\[[^\]\n]*\])?\+?=", RegexOptions.CultureInvariant | RegexOptions.Multiline),
            // for name in ...; for ((name = ...
            new(@"\bfor\s+(?:\(\(\s*)?([A-Za-z_][A-Za-z0-9_]*)", RegexOptions.CultureInvariant),
            // printf -v name, read -r a b, mapfile -t name
            new(@"\b(?:printf\s+-v|mapfile(?:\s+-\w+)*|readarray(?:\s+-\w+)*)\s+([A-Za-z_][A-Za-z0-9_]*)", RegexOptions.CultureInvariant),
        };

        // local a b=1 c; declare -A x=(...); read -r a b; export A B
        private static readonly Regex Declarations = new(@"\b(?:local|declare|typeset|readonly|export|read|unset)((?:\s+-[A-Za-z]+)*)((?:\s+[A-Za-z_][A-Za-z0-9_]*(?:=\S*)?)+)",
            RegexOptions.CultureInvariant);

        private static HashSet<string> NamesIn(string text)
        {
            var names = new HashSet<string>(StringComparer.Ordinal);
            foreach (var pattern in Patterns)
                foreach (Match m in pattern.Matches(text))
                    names.Add(m.Groups[1].Value);
            foreach (Match m in Declarations.Matches(text))
                foreach (var word in m.Groups[2].Value.Split(new[] { ' ', '\t' }, StringSplitOptions.RemoveEmptyEntries))
                    names.Add(word.Split('=')[0]);
            return names;
        }
    }
}
