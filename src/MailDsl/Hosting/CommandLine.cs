using System;
using System.Collections.Generic;
using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;
using System.Linq;
using MailDsl.Layers;
using MailDsl.Model;
using MailDsl.Rules;
using MailDsl.Targets;
using MailDsl.Tls;
using MailDsl.Topology;

namespace MailDsl.Hosting
{
    /// <summary>
    /// The verbs of <c>Run(args)</c> on System.CommandLine: the parser is built from <see cref="CommandTree"/>, each verb
    /// runs its action, usage errors name the nearest valid verb or option, and help (<c>VERB --help</c> anywhere on a
    /// command line, the <c>help</c> verb) is <see cref="HelpWriter"/>'s, the same text <see cref="PlatformHost"/> writes
    /// for a plain help request without loading System.CommandLine. Building the tree costs nothing of the platform's:
    /// <c>Describe()</c> runs only inside a verb that needs it.
    /// </summary>
    /// <remarks>
    /// Exit codes: 0 success; 1 the platform has errors, probe finds a difference, OpenSSL refuses the cipher string, a host or file does not exist,
    /// or DIR could not be written; 2 the command line is wrong (unknown verb or option, a missing or invalid value).
    /// </remarks>
    internal static class CommandLine
    {
        /// <summary>The success exit code.</summary>
        public const int Success = 0;

        /// <summary>The exit code when the platform, the input or the disk refuses.</summary>
        public const int Failure = 1;

        /// <summary>The exit code for a wrong command line.</summary>
        public const int Usage = 2;

        /// <summary>Parses <paramref name="args"/> and runs the verb.</summary>
        public static int Run(string[] args, PlatformRun platform, HostConsole console)
        {
            var root = Build(platform, console, args);
            ParseResult parsed;
            try
            {
                parsed = Parse(root, args);
            }
            catch (Exception ex) when (ex is ArgumentException or InvalidOperationException)
            {
                console.Error.WriteLine("error: " + ex.Message);
                return Usage;
            }
            if (parsed.Errors.Count > 0) return UsageError(parsed, console);
            var configuration = new InvocationConfiguration { Output = console.Out, Error = console.Error, EnableDefaultExceptionHandler = false };
            return parsed.Invoke(configuration);
        }

        /// <summary>
        /// How the command line is read: every token literally. System.CommandLine would read a token that starts with '@' as
        /// a response file to splice in, so <c>ciphers "@SECLEVEL=2:HIGH"</c> (OpenSSL's own syntax) failed with "Response
        /// file not found", and <c>show @host</c> or <c>emit --out @dir</c> would read a file the user never named.
        /// </summary>
        internal static ParserConfiguration Configuration => new() { ResponseFileTokenReplacer = null };

        /// <summary>Parses <paramref name="args"/> with <paramref name="root"/> as <see cref="Run"/> does (<see cref="Configuration"/>).</summary>
        internal static ParseResult Parse(RootCommand root, IReadOnlyList<string> args) => root.Parse(args, Configuration);

        /// <summary>
        /// The System.CommandLine tree of <see cref="CommandTree.Root"/>: every verb, argument and option as the tree
        /// describes it, each verb's action reading its values by the tree's names, help written by <see cref="HelpWriter"/>.
        /// <paramref name="args"/> are the command line it will parse: what follows a <c>--</c> there is taken as an argument
        /// whatever it looks like (<c>show -- -odd-name</c>, <c>ciphers -- --x</c>).
        /// </summary>
        internal static RootCommand Build(PlatformRun platform, HostConsole console, IReadOnlyList<string>? args = null)
        {
            var literal = Literal(args ?? new string[0]);
            var actions = new Dictionary<CommandSpec, Func<ParseResult, int>>
            {
                [CommandTree.Emit] = r => Emit(platform, console, r.GetValue<string>(CommandTree.Out.Name)!,
                    r.GetValue<string[]>(CommandTree.Host.Name) ?? new string[0], r.GetValue<string[]>(CommandTree.Layer.Name) ?? new string[0],
                    r.GetValue<bool>(CommandTree.DryRun.Name)),
                [CommandTree.Check] = r => r.GetValue<bool>(CommandTree.Certs.Name)
                    ? CertificateFiles.Check(platform, console, r.GetValue<string>(CommandTree.CertsRoot.Name), r.GetValue<string[]>(CommandTree.CertsHost.Name) ?? new string[0])
                    : Check(platform, console, r.GetValue<string>(CommandTree.Format.Name) == CommandTree.Json),
                [CommandTree.Probe] = r => ProbeVerb.Run(platform, console, r.GetValue<string[]>(CommandTree.ProbeHost.Name) ?? new string[0],
                    r.GetValue<string[]>(CommandTree.ProbeLayer.Name) ?? new string[0], r.GetValue<string>(CommandTree.ProbeFormat.Name) == CommandTree.Json,
                    r.GetValue<string[]>(CommandTree.Resolve.Name) ?? new string[0], r.GetValue<string>(CommandTree.Ca.Name), r.GetValue<string>(CommandTree.ProbeTimeout.Name)),
                [CommandTree.Show] = r => Show(platform, console, r.GetValue<string>(CommandTree.ShowHost.Name)!, r.GetValue<string>(CommandTree.ShowPath.Name)),
                [CommandTree.Ciphers] = r => Ciphers(platform, console, r.GetValue<string>(CommandTree.CipherString.Name)!, r.GetValue<string>(CommandTree.OpenSsl.Name),
                    r.GetValue<bool>(CommandTree.Supported.Name), r.GetValue<bool>(CommandTree.Verbose.Name), r.GetValue<string>(CommandTree.Profile.Name)),
                [CommandTree.Help] = r => HelpVerb(r.GetValue<string>(CommandTree.HelpVerb.Name), console),
                [CommandTree.Root] = _ => HelpVerb(null, console),
            };
            var specs = new Dictionary<Command, CommandSpec>();
            var help = new WriteHelp(specs, console);

            var root = new RootCommand(CommandTree.Root.Description);
            // Its own --help and --version are replaced by the tree's.
            root.Options.Clear();
            Fill(root, CommandTree.Root, actions, specs, help, literal);
            foreach (var verb in CommandTree.Root.Verbs)
            {
                var command = new Command(verb.Name, verb.Description);
                Fill(command, verb, actions, specs, help, literal);
                root.Add(command);
            }
            return root;
        }

        /// <summary>
        /// The tokens after the first <c>--</c> that do not also appear before it: each is an argument as written, never an
        /// option (a token on both sides is refused where it stands before the <c>--</c>, as the unknown option it is there).
        /// </summary>
        private static HashSet<string> Literal(IReadOnlyList<string> args)
        {
            var literal = new HashSet<string>(StringComparer.Ordinal);
            var separator = -1;
            for (var i = 0; i < args.Count && separator < 0; i++)
                if (args[i] == "--") separator = i;
            if (separator < 0) return literal;
            for (var i = separator + 1; i < args.Count; i++) literal.Add(args[i]);
            for (var i = 0; i < separator; i++) literal.Remove(args[i]);
            return literal;
        }

        private static void Fill(Command command, CommandSpec spec, Dictionary<CommandSpec, Func<ParseResult, int>> actions, Dictionary<Command, CommandSpec> specs, WriteHelp help,
            HashSet<string> literal)
        {
            specs[command] = spec;
            foreach (var argumentSpec in spec.Arguments)
            {
                var argument = new Argument<string>(argumentSpec.Name)
                {
                    Description = argumentSpec.Description,
                    Arity = argumentSpec.Optional ? ArgumentArity.ZeroOrOne : ArgumentArity.ExactlyOne,
                };
                if (argumentSpec.RefusedPrefix is { } prefix) RefuseOptionLike(command, argument, prefix, literal);
                command.Add(argument);
            }
            foreach (var option in spec.Options) command.Add(Option(option, help));
            command.SetAction(actions[spec]);
        }

        private static Option Option(OptionSpec spec, WriteHelp help)
        {
            var aliases = spec.Aliases;
            switch (spec.Kind)
            {
                case OptionKind.Help:
                    return new HelpOption(spec.Name, aliases) { Description = spec.Description, Action = help };
                case OptionKind.Version:
                    return new VersionOption(spec.Name, aliases) { Description = spec.Description };
                case OptionKind.Flag:
                    return new Option<bool>(spec.Name, aliases) { Description = spec.Description };
                case OptionKind.RepeatableValue:
                    var many = new Option<string[]>(spec.Name, aliases) { Description = spec.Description, HelpName = spec.HelpName, Required = spec.Required };
                    if (spec.AcceptedValues.Length > 0) many.AcceptOnlyFromAmong(spec.AcceptedValues);
                    return many;
                default:
                    var one = new Option<string>(spec.Name, aliases) { Description = spec.Description, HelpName = spec.HelpName, Required = spec.Required };
                    if (spec.Default is { } value) one.DefaultValueFactory = _ => value;
                    if (spec.AcceptedValues.Length > 0) one.AcceptOnlyFromAmong(spec.AcceptedValues);
                    return one;
            }
        }

        /// <summary>The help option's action: <see cref="HelpWriter"/>'s help for the verb it follows.</summary>
        private sealed class WriteHelp : SynchronousCommandLineAction
        {
            private readonly Dictionary<Command, CommandSpec> _specs;
            private readonly HostConsole _console;

            public WriteHelp(Dictionary<Command, CommandSpec> specs, HostConsole console)
            {
                _specs = specs;
                _console = console;
            }

            /// <summary>Help asked for is not an error, whatever else the command line lacks (<c>emit --help</c> has no <c>--out</c>).</summary>
            public override bool ClearsParseErrors => true;

            public override int Invoke(ParseResult parseResult)
            {
                // Except a verb or option it does not know: "emti --help" is the typo, said as such, not the verbs' list.
                if (parseResult.UnmatchedTokens.Count > 0) return UsageError(parseResult, _console);
                HelpWriter.Write(_specs[parseResult.CommandResult.Command], _console);
                return Success;
            }
        }

        /// <summary><c>help [VERB]</c>: the root's help or the verb's; an unknown verb is a usage error naming the nearest.</summary>
        private static int HelpVerb(string? name, HostConsole console)
        {
            var command = name is null ? CommandTree.Root : CommandTree.Verb(name);
            if (command is null)
            {
                console.Error.WriteLine(UnknownVerb(name!));
                console.Error.WriteLine(RootHint);
                return Usage;
            }
            HelpWriter.Write(command, console);
            return Success;
        }

        /// <summary>
        /// System.CommandLine lets an unknown option fill a free argument slot (<c>show HOST --all</c> would make PATH
        /// "--all"); a value that starts with <paramref name="prefix"/> is refused as the unknown option it is, unless it
        /// follows a <c>--</c> (<paramref name="literal"/>), which says it is an argument.
        /// </summary>
        private static void RefuseOptionLike<T>(Command command, Argument<T> argument, string prefix, HashSet<string> literal)
        {
            argument.Validators.Add(result =>
            {
                foreach (var token in result.Tokens)
                {
                    if (!token.Value.StartsWith(prefix, StringComparison.Ordinal) || literal.Contains(token.Value)) continue;
                    var names = command.Options.SelectMany(o => new[] { o.Name }.Concat(o.Aliases)).Distinct().ToList();
                    var suggestion = Suggest(token.Value, names);
                    result.AddError($"unknown option '{token.Value}'.{(suggestion.StartsWith(" Did", StringComparison.Ordinal) ? suggestion : "")}");
                }
            });
        }

        /// <summary>Says what is wrong with the command line, names each unknown token with the nearest valid one, and returns 2.</summary>
        private static int UsageError(ParseResult parsed, HostConsole console)
        {
            var command = parsed.CommandResult.Command;
            var verbName = command is RootCommand ? "" : command.Name;
            var prefix = verbName.Length == 0 ? "" : verbName + ": ";
            var unmatched = parsed.UnmatchedTokens.ToList();
            foreach (var token in unmatched)
            {
                if (token.StartsWith("-", StringComparison.Ordinal))
                {
                    var names = command.Options.Concat(parsed.RootCommandResult.Command.Options.Where(o => o.Recursive))
                        .SelectMany(o => new[] { o.Name }.Concat(o.Aliases)).Distinct().ToList();
                    console.Error.WriteLine($"{prefix}unknown option '{token}'.{Suggest(token, names)}");
                }
                else if (command is RootCommand)
                {
                    console.Error.WriteLine(UnknownVerb(token));
                }
                else
                {
                    console.Error.WriteLine($"{prefix}unexpected argument '{token}'.");
                }
            }
            foreach (var error in parsed.Errors)
            {
                if (unmatched.Any(t => error.Message.IndexOf("'" + t + "'", StringComparison.Ordinal) >= 0)) continue;
                console.Error.WriteLine(prefix + error.Message);
            }
            console.Error.WriteLine(verbName.Length == 0 ? RootHint : $"Run '{verbName} --help' for its options and examples.");
            return Usage;
        }

        /// <summary>The last line of a usage error at the root.</summary>
        private const string RootHint = "Run 'help' for the verbs and their options.";

        /// <summary>"unknown verb 'emti'. Did you mean 'emit'?", for the parser's errors and for <c>help VERB</c> alike.</summary>
        private static string UnknownVerb(string token) => $"unknown verb '{token}'.{Suggest(token, CommandTree.Root.Verbs.Select(v => v.Name).ToList())}";

        /// <summary>" Did you mean '--host'?" for the nearest name within two edits (or the one it begins), or "".</summary>
        internal static string Suggest(string token, IReadOnlyList<string> names)
        {
            var bare = token.Split('=')[0];
            var best = names
                .Select(n => (Name: n, Distance: n.StartsWith(bare, StringComparison.Ordinal) && bare.TrimStart('-').Length >= 2 ? 0 : Distance(bare, n)))
                .Where(p => p.Distance <= Math.Max(1, Math.Min(2, p.Name.Length / 3)))
                .OrderBy(p => p.Distance).ThenBy(p => p.Name, StringComparer.Ordinal)
                .ToList();
            var known = " Known: " + string.Join(", ", names.OrderBy(n => n, StringComparer.Ordinal)) + ".";
            return best.Count == 0 ? known : $" Did you mean '{best[0].Name}'?";
        }

        /// <summary>Optimal string alignment distance (a swap of two neighbours is one edit: --hots, --host).</summary>
        private static int Distance(string a, string b)
        {
            var d = new int[a.Length + 1, b.Length + 1];
            for (var i = 0; i <= a.Length; i++) d[i, 0] = i;
            for (var j = 0; j <= b.Length; j++) d[0, j] = j;
            for (var i = 1; i <= a.Length; i++)
            {
                for (var j = 1; j <= b.Length; j++)
                {
                    var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                    d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                    if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
                }
            }
            return d[a.Length, b.Length];
        }

        private static int Emit(PlatformRun platform, HostConsole console, string outDir, string[] hosts, string[] layers, bool dryRun)
        {
            var rendered = platform.Render(console);
            if (rendered is not { } result) return Failure;
            var (model, artifacts) = result;
            Func<string, bool>? scope = null;
            var selected = artifacts;
            if (hosts.Length > 0 || layers.Length > 0)
            {
                var plans = HostPlan.Of(model);
                var known = plans.Select(p => p.Name).ToList();
                foreach (var name in hosts.Where(h => !known.Contains(h, StringComparer.Ordinal)))
                {
                    console.Error.WriteLine($"emit: the platform has no host '{name}'.{Suggest(name, known)}");
                    return Usage;
                }
                var chosen = new HashSet<string>(hosts, StringComparer.Ordinal);
                foreach (var plan in plans)
                    if (plan.Layers.Any(l => layers.Contains(LayerDescriptors.Of(l).CommandLineName, StringComparer.Ordinal))) chosen.Add(plan.Name);
                if (chosen.Count == 0)
                {
                    console.Error.WriteLine($"emit: the platform has no host in {string.Join(", ", layers)}: nothing to write.");
                    return Usage;
                }
                scope = name => chosen.Contains(name);
                selected = artifacts.Where(a => chosen.Contains(a.Host)).ToList();
            }
            var hostCount = selected.Select(a => a.Host).Where(h => h.Length > 0).Distinct().Count();
            if (dryRun)
            {
                WritePlan plan;
                try
                {
                    plan = ArtifactWriter.Plan(outDir, selected, scope);
                }
                catch (Exception ex) when (ex is System.IO.IOException or UnauthorizedAccessException or ArgumentException)
                {
                    console.Error.WriteLine($"error: could not read '{outDir}': {ex.Message}");
                    return Failure;
                }
                foreach (var change in plan.Changes)
                {
                    var (word, color) = change.Change switch
                    {
                        FileChange.Created => ("new", 32),
                        FileChange.Changed => ("changed", 33),
                        FileChange.ModeChanged => ("mode", 33),
                        _ => ("removed", 31),
                    };
                    var mode = change.Change == FileChange.ModeChanged && change.Mode is { } m ? " (mode becomes " + Convert.ToString(m, 8).PadLeft(4, '0') + ")" : "";
                    console.Out.WriteLine(console.Paint(word.PadRight(8), color) + change.Path + mode);
                }
                var s = plan.Summary;
                console.Out.WriteLine($"dry run: {s.Written} would be written, {s.Unchanged} unchanged, {s.Removed} would be removed for {Hosts(hostCount)} under {outDir}; nothing was written");
                return Success;
            }
            WriteSummary summary;
            try
            {
                summary = ArtifactWriter.Write(outDir, selected, scope);
            }
            catch (Exception ex) when (ex is System.IO.IOException or UnauthorizedAccessException or ArgumentException)
            {
                console.Error.WriteLine($"error: could not write '{outDir}': {ex.Message}; it was left as it was.");
                return Failure;
            }
            console.Out.WriteLine($"{summary} for {Hosts(hostCount)} under {outDir}");
            return Success;
        }

        private static string Hosts(int count) => count == 1 ? "1 host" : count + " hosts";

        private static int Check(PlatformRun platform, HostConsole console, bool json)
        {
            var model = platform.Build(console);
            if (model is null) return Failure;
            var findings = PlatformRun.Check(model);
            var (hostCount, services) = PlatformRun.Size(model);
            // A described LBaaS is set up by hand: check says what it must be set to, as the emitted README does.
            var lbaas = MailDsl.Topology.LbaasRequirements.Of(model);
            if (json)
            {
                FindingsReport.WriteJson(console.Out, model.Domain, findings, hostCount, services, lbaas);
            }
            else
            {
                if (findings.Count > 0) FindingsReport.WriteTable(console, console.Out, findings);
                if (lbaas is not null)
                {
                    if (findings.Count > 0) console.Out.WriteLine();
                    foreach (var line in lbaas.Markdown()) console.Out.WriteLine(line);
                    console.Out.WriteLine();
                }
                console.Out.WriteLine(FindingsReport.Summary(findings, hostCount, services));
            }
            return findings.Any(f => f.Severity == Severity.Error) ? Failure : Success;
        }

        /// <summary>The <c>show</c> verb: a host's files (mode, size, path), or one file's text exactly as emit writes it.</summary>
        private static int Show(PlatformRun platform, HostConsole console, string host, string? path)
        {
            // Findings go to stderr, so stdout is the file's text and nothing else.
            var rendered = platform.Render(console);
            if (rendered is not { } result) return Failure;
            var artifacts = result.Artifacts;
            var key = host == "/" ? "" : host;
            var files = artifacts.Where(a => a.Host == key).ToList();
            if (files.Count == 0)
            {
                var known = artifacts.Select(a => a.Host).Where(h => h.Length > 0).Distinct().ToList();
                var suggestion = Suggest(host, known);
                console.Error.WriteLine($"show: the platform has no host '{host}'.{(suggestion.StartsWith(" Did", StringComparison.Ordinal) ? suggestion : "")} Its hosts: {MailDsl.Text.Listing.Abbreviate(known, 10)}.");
                return Failure;
            }
            if (path is null)
            {
                foreach (var file in files)
                    console.Out.WriteLine($"{file.ModeText} {file.Path} ({System.Text.Encoding.UTF8.GetByteCount(file.Content)} bytes)");
                return Success;
            }
            var match = files.FirstOrDefault(a => a.Path == path || a.Path == "/" + path);
            if (match is null)
            {
                console.Error.WriteLine($"show: {host} gets no file '{path}'; its files: {string.Join(", ", files.Select(a => a.Path))}.");
                return Failure;
            }
            console.Out.Write(match.Content);
            return Success;
        }

        /// <summary>
        /// <c>ciphers [--openssl VERSION] [-s] [-v] STRING</c>: reads the string as the given OpenSSL, or as the platform's
        /// target's (the platform is built only to learn it, and its profile for <c>-v</c>).
        /// </summary>
        private static int Ciphers(PlatformRun platform, HostConsole console, string cipherString, string? asked, bool supported, bool verbose, string? profileName)
        {
            var model = asked is null || (verbose && profileName is null) ? platform.TryBuildQuietly() : null;
            var profile = GuidelineProfiles.Get(model?.Tls.Guideline ?? GuidelineProfiles.DefaultGuideline, profileName is not null
                ? (TlsProfile)Enum.Parse(typeof(TlsProfile), profileName, ignoreCase: true)
                : model?.Tls.Profile ?? TlsProfile.Intermediate);
            if (asked is not null)
            {
                if (SoftwareVersion.TryParse(asked) is not { } version || !version.AtLeast(3, 0))
                {
                    console.Error.WriteLine($"ciphers: '{asked}' is not an OpenSSL version MailDsl reads cipher strings as; write 3.0, 3.2 or 3.5.");
                    return Usage;
                }
                return CiphersVerb.Run(cipherString, version, null, supported, verbose, profile, console.Out, console.Error);
            }
            if (model is null)
            {
                console.Error.WriteLine("ciphers: the platform description could not be built, so its target's OpenSSL is unknown; give it, e.g. --openssl 3.0.");
                return Usage;
            }
            var target = TargetTable.For(model);
            return CiphersVerb.Run(cipherString, target.OpenSsl, $"the target's ({target.DisplayName}, OpenSSL {target.OpenSsl})", supported, verbose, profile, console.Out, console.Error);
        }
    }
}
