using System.Linq;

namespace MailDsl.Hosting
{
    /// <summary>
    /// The verbs of <c>Run(args)</c>, their arguments, options and examples: the one place they are written. Help is
    /// written from it (<see cref="HelpWriter"/>), the parser is built from it (<see cref="CommandLine"/>), and the verbs
    /// read their values by these names.
    /// </summary>
    internal static class CommandTree
    {
        /// <summary>The layer names <c>--layer</c> accepts: each layer's <see cref="Layers.LayerDescriptor.CommandLineName"/>, in platform order.</summary>
        public static readonly string[] LayerNames = Layers.LayerDescriptors.All.Select(d => d.CommandLineName).ToArray();

        /// <summary><c>-h</c>: help for the root and, after a verb, for the verb.</summary>
        public static readonly OptionSpec HelpOption = new("--help", OptionKind.Help, "Show help and usage information")
        {
            Aliases = new[] { "-?", "-h" },
        };

        /// <summary><c>--version</c>: the program's version.</summary>
        public static readonly OptionSpec VersionOption = new("--version", OptionKind.Version, "Show version information");

        /// <summary><c>emit --out DIR</c>.</summary>
        public static readonly OptionSpec Out = new("--out", OptionKind.Value, "The folder to write: DIR/<host>/<absolute path>, DIR/<host>/install.sh, fleet files in DIR.")
        {
            Aliases = new[] { "-o" },
            HelpName = "DIR",
            Required = true,
        };

        /// <summary><c>emit --host HOST</c>.</summary>
        public static readonly OptionSpec Host = new("--host", OptionKind.RepeatableValue, "Write only this host's folder (repeatable). Fleet files and other hosts' folders are left as they are.")
        {
            HelpName = "HOST",
        };

        /// <summary><c>emit --layer LAYER</c>.</summary>
        public static readonly OptionSpec Layer = new("--layer", OptionKind.RepeatableValue, "Write only the folders of this layer's hosts (repeatable): " + string.Join(", ", LayerNames) + ".")
        {
            HelpName = "LAYER",
            AcceptedValues = LayerNames,
        };

        /// <summary><c>emit --dry-run</c>.</summary>
        public static readonly OptionSpec DryRun = new("--dry-run", OptionKind.Flag, "Write nothing: list each file emit would create, change or remove in DIR, and count those it would leave.")
        {
            Aliases = new[] { "-n" },
        };

        /// <summary>The <c>emit</c> verb.</summary>
        public static readonly CommandSpec Emit = new("emit", "Check the platform, then write only the files that changed under DIR, atomically (a failed run leaves DIR as it was).")
        {
            Options = new[] { Out, Host, Layer, DryRun },
            Examples = new[]
            {
                ("emit --out out", "write everything under out/"),
                ("emit --out out --dry-run", "list what would change in out/, write nothing"),
                ("emit --out out --host webmail-01.example.com", "rewrite one host's folder only"),
                ("emit --out out --layer mailstore --layer webmail", "the mailstore and webmail hosts' folders"),
            },
        };

        /// <summary>The value of <c>check --format</c> that asks for JSON.</summary>
        public const string Json = "json";

        /// <summary><c>check --format text|json</c>.</summary>
        public static readonly OptionSpec Format = new("--format", OptionKind.Value, "text: a table, one finding a line; json: one object for CI (id, severity, where, title, message, help).")
        {
            HelpName = "text|" + Json,
            Default = "text",
            AcceptedValues = new[] { "text", Json },
        };

        /// <summary><c>check --certs</c>.</summary>
        public static readonly OptionSpec Certs = new("--certs", OptionKind.Flag, "Check the real certificate files instead: names covered, key matching, chain complete and in order, key type, days left (the checks install.sh runs first).");

        /// <summary><c>check --certs --root DIR</c>.</summary>
        public static readonly OptionSpec CertsRoot = new("--root", OptionKind.Value, "With --certs: read every host's files under DIR (a copy or mount of the hosts' files) instead of /.")
        {
            HelpName = "DIR",
        };

        /// <summary><c>check --certs --host HOST</c>.</summary>
        public static readonly OptionSpec CertsHost = new("--host", OptionKind.RepeatableValue, "With --certs: check only this host's certificates (repeatable); every host's when none is named.")
        {
            HelpName = "HOST",
        };

        /// <summary>The <c>check</c> verb.</summary>
        public static readonly CommandSpec Check = new("check", "Run MailDsl's rules on the platform and print every finding (ID, severity, where, message); exit 1 if one is an error.")
        {
            Options = new[] { Format, Certs, CertsRoot, CertsHost },
            Examples = new[]
            {
                ("check", "the findings as a table, or \"no findings: N hosts, M services checked\""),
                ("check --format json > findings.json", "the same for CI; exit 1 when a finding is an error"),
                ("check --certs --host mx-01.example.com", "on mx-01: its certificate files, each finding naming the file and the name"),
            },
        };

        /// <summary><c>probe --host HOST</c>.</summary>
        public static readonly OptionSpec ProbeHost = new("--host", OptionKind.RepeatableValue, "Probe only this host's ports, or this VIP's (repeatable).")
        {
            HelpName = "HOST",
        };

        /// <summary><c>probe --layer LAYER</c>.</summary>
        public static readonly OptionSpec ProbeLayer = new("--layer", OptionKind.RepeatableValue, "Probe only the ports of this layer's hosts and VIP (repeatable): " + string.Join(", ", LayerNames) + ".")
        {
            HelpName = "LAYER",
            AcceptedValues = LayerNames,
        };

        /// <summary><c>probe --format text|json</c>.</summary>
        public static readonly OptionSpec ProbeFormat = new("--format", OptionKind.Value, "text: one table, the differences first; json: one object for CI (host, port, check, differs, expected, found).")
        {
            HelpName = "text|" + Json,
            Default = "text",
            AcceptedValues = new[] { "text", Json },
        };

        /// <summary><c>probe --resolve NAME=ADDRESS</c>.</summary>
        public static readonly OptionSpec Resolve = new("--resolve", OptionKind.RepeatableValue, "Dial NAME at ADDRESS instead of what the resolver says (repeatable), e.g. before DNS points at new hosts.")
        {
            HelpName = "NAME=ADDRESS",
        };

        /// <summary><c>probe --ca FILE</c>.</summary>
        public static readonly OptionSpec Ca = new("--ca", OptionKind.Value, "Verify certificate chains against these CA certificates (PEM); default: the description's CA file when it exists here, else the system's store.")
        {
            HelpName = "FILE",
        };

        /// <summary><c>probe --timeout SECONDS</c>.</summary>
        public static readonly OptionSpec ProbeTimeout = new("--timeout", OptionKind.Value, "How long one connection or handshake may take, in seconds.")
        {
            HelpName = "SECONDS",
            Default = "5",
        };

        /// <summary>The <c>probe</c> verb.</summary>
        public static readonly CommandSpec Probe = new("probe", "Connect to every endpoint the platform describes (each host's ports and each VIP's) and compare what answers with what the description implies; exit 1 on a difference.")
        {
            Options = new[] { ProbeHost, ProbeLayer, ProbeFormat, Resolve, Ca, ProbeTimeout },
            Examples = new[]
            {
                ("probe", "one table, the differences first, then \"no differences: N endpoints on M hosts probed\""),
                ("probe --layer mailstore --format json > probe.json", "the mailstore's ports, for CI; exit 1 on a difference"),
                ("probe --resolve mx1.example.com=192.0.2.10 --ca ca.pem", "a host DNS does not name yet, verified against the platform's CA"),
            },
        };

        /// <summary><c>show HOST</c>.</summary>
        public static readonly ArgumentSpec ShowHost = new("HOST", "A host of the platform, or / for the files emit writes in DIR itself.")
        {
            RefusedPrefix = "-",
        };

        /// <summary><c>show HOST [PATH]</c>.</summary>
        public static readonly ArgumentSpec ShowPath = new("PATH", "One of the host's files, by its absolute path on the host.")
        {
            Optional = true,
            RefusedPrefix = "-",
        };

        /// <summary>The <c>show</c> verb.</summary>
        public static readonly CommandSpec Show = new("show", "List the files emit writes for HOST (mode, path, size), or print one of them exactly as emit writes it.")
        {
            Arguments = new[] { ShowHost, ShowPath },
            Examples = new[]
            {
                ("show webmail-01.example.com", "the host's files"),
                ("show webmail-01.example.com /etc/nginx/conf.d/sogo.conf", ""),
                ("show / README.md", "the platform's summary"),
            },
        };

        /// <summary><c>ciphers STRING</c>.</summary>
        public static readonly ArgumentSpec CipherString = new("STRING", "An OpenSSL cipher string, e.g. \"HIGH:!aNULL:!MD5\" (quote it for the shell).")
        {
            // A cipher string may start with one '-' ("-ALL:kRSA"), never with two.
            RefusedPrefix = "--",
        };

        /// <summary><c>ciphers --openssl VERSION</c>.</summary>
        public static readonly OptionSpec OpenSsl = new("--openssl", OptionKind.Value, "Read the string as this OpenSSL version (3.0, 3.2, 3.5); default: the platform's target's.")
        {
            HelpName = "VERSION",
        };

        /// <summary><c>ciphers -v</c>.</summary>
        public static readonly OptionSpec Verbose = new("--verbose", OptionKind.Flag, "Explain each suite: protocol, key exchange, authentication, cipher, MAC, and why it is in or out of the profile.")
        {
            Aliases = new[] { "-v" },
        };

        /// <summary><c>ciphers -s</c>.</summary>
        public static readonly OptionSpec Supported = new("--supported", OptionKind.Flag, "Only the suites a server can negotiate, as openssl ciphers -s lists them: those the security level allows (the string's @SECLEVEL, else 2), and no PSK or SRP suite.")
        {
            Aliases = new[] { "-s" },
        };

        /// <summary><c>ciphers --profile modern|intermediate|old</c>.</summary>
        public static readonly OptionSpec Profile = new("--profile", OptionKind.Value, "The profile -v judges against, of the platform's guideline (TLSRef 6.0 unless it pins Mozilla 5.7); default: the platform's.")
        {
            HelpName = "modern|intermediate|old",
            AcceptedValues = new[] { "modern", "intermediate", "old" },
        };

        /// <summary>The <c>ciphers</c> verb.</summary>
        public static readonly CommandSpec Ciphers = new("ciphers", "List the suites an OpenSSL cipher string selects, one a line, in OpenSSL's order (TLS 1.3 suites first).")
        {
            Arguments = new[] { CipherString },
            Options = new[] { OpenSsl, Supported, Verbose, Profile },
            Examples = new[]
            {
                ("ciphers \"HIGH:!aNULL:!MD5\"", "what the string enables, as the target's OpenSSL lists it"),
                ("ciphers -v \"ALL:!LOW:!SSLv2:!EXP:!aNULL\"", "each suite explained, and why it is in or out of the profile"),
                ("ciphers --openssl 3.5 \"HIGH\"", "as OpenSSL 3.5 reads it"),
                ("ciphers -s \"@SECLEVEL=3:HIGH\"", "what a server offers of it at security level 3"),
            },
        };

        /// <summary><c>help [VERB]</c>.</summary>
        public static readonly ArgumentSpec HelpVerb = new("VERB", "The verb to explain.")
        {
            Optional = true,
            RefusedPrefix = "-",
        };

        /// <summary>The <c>help</c> verb.</summary>
        public static readonly CommandSpec Help = new("help", "Show this help, or a verb's (the same as VERB --help).")
        {
            Arguments = new[] { HelpVerb },
            Examples = new[]
            {
                ("help emit", "emit's options and examples, as emit --help shows them"),
            },
        };

        /// <summary>The program itself: its verbs, <c>--help</c> and <c>--version</c>, and the exit codes.</summary>
        public static readonly CommandSpec Root = new("", "Checks and emits this MailDsl mail platform: every host's nginx, Dovecot, Postfix and SOGo files, install scripts and fleet files.")
        {
            Options = new[] { HelpOption, VersionOption },
            Verbs = new[] { Emit, Check, Probe, Show, Ciphers, Help },
            Examples = new[]
            {
                ("dotnet run -- emit --out out", "write every host's files under out/"),
                ("dotnet run -- check", "print every finding"),
                ("dotnet run -- emit --help", "a verb's options and examples"),
            },
            Epilogue = "Exit codes: 0 success; 1 the platform has errors, probe finds a difference, OpenSSL refuses the string, a host or file does not exist, "
                + "or DIR could not be written; 2 the command line is wrong (unknown verb or option, a missing or invalid value).",
        };

        /// <summary>The verb called <paramref name="name"/>, or null.</summary>
        public static CommandSpec? Verb(string name)
        {
            foreach (var verb in Root.Verbs)
                if (verb.Name == name) return verb;
            return null;
        }
    }
}
