using System;
using System.Collections.Generic;
using System.CommandLine;
using System.CommandLine.Help;
using System.Linq;
using MailDsl.Model;
using MailDsl.Rules;
using MailDsl.Targets;
using MailDsl.Tls;
using MailDsl.Topology;

namespace MailDsl.Hosting
{
    /// <summary>
    /// The verbs of <c>Run(args)</c> on System.CommandLine: their options, help with examples, and usage errors. Building the
    /// command tree costs nothing of the platform's: <c>Describe()</c> runs only inside a verb that needs it, so <c>help</c>
    /// and a mistyped option answer at once whatever the platform's size.
    /// </summary>
    /// <remarks>
    /// Exit codes: 0 success; 1 the platform has errors, OpenSSL refuses the cipher string, a host or file does not exist,
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

        /// <summary>The layer names <c>--layer</c> accepts, as the emitted README and inventory name them.</summary>
        private static readonly string[] LayerNames = { "smtp-in", "smtp-out", "mailstore", "webmail" };

        /// <summary>Parses <paramref name="args"/> and runs the verb.</summary>
        public static int Run(string[] args, PlatformRun platform, HostConsole console)
        {
            var (root, examples) = Build(platform, console);
            ParseResult parsed;
            try
            {
                parsed = root.Parse(args);
            }
            catch (Exception ex) when (ex is ArgumentException or InvalidOperationException)
            {
                console.Error.WriteLine("error: " + ex.Message);
                return Usage;
            }
            if (parsed.Errors.Count > 0) return UsageError(parsed, console);
            var configuration = new InvocationConfiguration { Output = console.Out, Error = console.Error, EnableDefaultExceptionHandler = false };
            var exit = parsed.Invoke(configuration);
            if (parsed.Action is HelpAction) WriteExamples(parsed.CommandResult.Command, examples, console);
            return exit;
        }

        private static (RootCommand Root, Dictionary<Command, string[]> Examples) Build(PlatformRun platform, HostConsole console)
        {
            var examples = new Dictionary<Command, string[]>();
            var root = new RootCommand("Checks and emits this MailDsl mail platform: every host's nginx, Dovecot, Postfix and SOGo files, install scripts and fleet files.");
            foreach (var option in root.Options.OfType<HelpOption>())
                if (option.Action is HelpAction help) help.MaxWidth = console.IsTerminal ? console.Width : 110;

            // emit
            var outDir = new Option<string>("--out", "-o") { Description = "The folder to write: DIR/<host>/<absolute path>, DIR/<host>/install.sh, fleet files in DIR.", HelpName = "DIR", Required = true };
            var hosts = new Option<string[]>("--host") { Description = "Write only this host's folder (repeatable). Fleet files and other hosts' folders are left as they are.", HelpName = "HOST" };
            var layers = new Option<string[]>("--layer") { Description = "Write only the folders of this layer's hosts (repeatable): " + string.Join(", ", LayerNames) + ".", HelpName = "LAYER" };
            layers.AcceptOnlyFromAmong(LayerNames);
            var dryRun = new Option<bool>("--dry-run", "-n") { Description = "Write nothing: list each file emit would create, change or remove in DIR, and count those it would leave." };
            var emit = new Command("emit", "Check the platform, then write only the files that changed under DIR, atomically (a failed run leaves DIR as it was).")
            {
                outDir, hosts, layers, dryRun,
            };
            emit.SetAction(r => Emit(platform, console, r.GetValue(outDir)!, r.GetValue(hosts) ?? new string[0], r.GetValue(layers) ?? new string[0], r.GetValue(dryRun)));
            examples[emit] = new[]
            {
                "emit --out out                                    write everything under out/",
                "emit --out out --dry-run                          list what would change in out/, write nothing",
                "emit --out out --host webmail-01.example.com      rewrite one host's folder only",
                "emit --out out --layer mailstore --layer webmail  the mailstore and webmail hosts' folders",
            };
            root.Add(emit);

            // check
            var format = new Option<string>("--format") { Description = "text: a table, one finding a line; json: one object for CI (id, severity, where, title, message, help).", HelpName = "text|json", DefaultValueFactory = _ => "text" };
            format.AcceptOnlyFromAmong("text", "json");
            var check = new Command("check", "Run MailDsl's rules on the platform and print every finding (ID, severity, where, message); exit 1 if one is an error.")
            {
                format,
            };
            check.SetAction(r => Check(platform, console, r.GetValue(format) == "json"));
            examples[check] = new[]
            {
                "check                                   the findings as a table, or \"no findings: N hosts, M services checked\"",
                "check --format json > findings.json     the same for CI; exit 1 when a finding is an error",
            };
            root.Add(check);

            // show
            var host = new Argument<string>("HOST") { Description = "A host of the platform, or / for the files emit writes in DIR itself." };
            var path = new Argument<string?>("PATH") { Description = "One of the host's files, by its absolute path on the host.", Arity = ArgumentArity.ZeroOrOne };
            var show = new Command("show", "List the files emit writes for HOST (mode, path, size), or print one of them exactly as emit writes it.")
            {
                host, path,
            };
            RefuseOptionLike(show, host, "-");
            RefuseOptionLike(show, path, "-");
            show.SetAction(r => Show(platform, console, r.GetValue(host)!, r.GetValue(path)));
            examples[show] = new[]
            {
                "show webmail-01.example.com                          the host's files",
                "show webmail-01.example.com /etc/nginx/conf.d/sogo.conf",
                "show / README.md                                     the platform's summary",
            };
            root.Add(show);

            // ciphers
            var cipherString = new Argument<string>("STRING") { Description = "An OpenSSL cipher string, e.g. \"HIGH:!aNULL:!MD5\" (quote it for the shell)." };
            var openSsl = new Option<string>("--openssl") { Description = "Read the string as this OpenSSL version (3.0, 3.2, 3.5); default: the platform's target's.", HelpName = "VERSION" };
            var verbose = new Option<bool>("--verbose", "-v") { Description = "Explain each suite: protocol, key exchange, authentication, cipher, MAC, and why it is in or out of the profile." };
            var profile = new Option<string>("--profile") { Description = "The profile -v judges against, of the platform's guideline (TLSRef 6.0 unless it pins Mozilla 5.7); default: the platform's.", HelpName = "modern|intermediate|old" };
            profile.AcceptOnlyFromAmong("modern", "intermediate", "old");
            var ciphers = new Command("ciphers", "List the suites an OpenSSL cipher string selects, one a line, in OpenSSL's order (TLS 1.3 suites first).")
            {
                cipherString, openSsl, verbose, profile,
            };
            // A cipher string may start with one '-' ("-ALL:kRSA"), never with two.
            RefuseOptionLike(ciphers, cipherString, "--");
            ciphers.SetAction(r => Ciphers(platform, console, r.GetValue(cipherString)!, r.GetValue(openSsl), r.GetValue(verbose), r.GetValue(profile)));
            examples[ciphers] = new[]
            {
                "ciphers \"HIGH:!aNULL:!MD5\"                 what the string enables, as the target's OpenSSL lists it",
                "ciphers -v \"ALL:!LOW:!SSLv2:!EXP:!aNULL\"   each suite explained, and why it is in or out of the profile",
                "ciphers --openssl 3.5 \"HIGH\"               as OpenSSL 3.5 reads it",
            };
            root.Add(ciphers);

            // help
            var verb = new Argument<string?>("VERB") { Description = "The verb to explain.", Arity = ArgumentArity.ZeroOrOne };
            var helpVerb = new Command("help", "Show this help, or a verb's (the same as VERB --help).") { verb };
            helpVerb.SetAction(r =>
            {
                var name = r.GetValue(verb);
                return Run(name is null ? new[] { "--help" } : new[] { name, "--help" }, platform, console);
            });
            root.Add(helpVerb);

            root.SetAction(r => Run(new[] { "--help" }, platform, console));
            examples[root] = new[]
            {
                "dotnet run -- emit --out out            write every host's files under out/",
                "dotnet run -- check                     print every finding",
                "dotnet run -- emit --help               a verb's options and examples",
                "",
                "Exit codes: 0 success; 1 the platform has errors, OpenSSL refuses the string, a host or file does not exist,",
                "or DIR could not be written; 2 the command line is wrong (unknown verb or option, a missing or invalid value).",
            };
            return (root, examples);
        }

        /// <summary>
        /// System.CommandLine lets an unknown option fill a free argument slot (<c>show HOST --all</c> would make PATH
        /// "--all"); a value that starts with <paramref name="prefix"/> is refused as the unknown option it is.
        /// </summary>
        private static void RefuseOptionLike<T>(Command command, Argument<T> argument, string prefix)
        {
            argument.Validators.Add(result =>
            {
                foreach (var token in result.Tokens)
                {
                    if (!token.Value.StartsWith(prefix, StringComparison.Ordinal)) continue;
                    var names = command.Options.SelectMany(o => new[] { o.Name }.Concat(o.Aliases)).Distinct().ToList();
                    var suggestion = Suggest(token.Value, names);
                    result.AddError($"unknown option '{token.Value}'.{(suggestion.StartsWith(" Did", StringComparison.Ordinal) ? suggestion : "")}");
                }
            });
        }

        private static void WriteExamples(Command command, Dictionary<Command, string[]> examples, HostConsole console)
        {
            if (!examples.TryGetValue(command, out var lines)) return;
            console.Out.WriteLine("Examples:");
            foreach (var line in lines) console.Out.WriteLine(line.Length == 0 ? "" : line.StartsWith("Exit codes", StringComparison.Ordinal) || line.StartsWith("or DIR", StringComparison.Ordinal) ? line : "  " + line);
            console.Out.WriteLine();
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
                    console.Error.WriteLine($"unknown verb '{token}'.{Suggest(token, command.Subcommands.Select(c => c.Name).ToList())}");
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
            console.Error.WriteLine(verbName.Length == 0 ? "Run 'help' for the verbs and their options." : $"Run '{verbName} --help' for its options and examples.");
            return Usage;
        }

        /// <summary>" Did you mean '--host'?" for the nearest name within two edits (or the one it begins), or "".</summary>
        private static string Suggest(string token, IReadOnlyList<string> names)
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
                    if (plan.Layers.Any(l => layers.Contains(LayerName(l), StringComparer.Ordinal))) chosen.Add(plan.Name);
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

        /// <summary>The name <c>--layer</c> uses for <paramref name="layer"/>.</summary>
        private static string LayerName(Layer layer) => layer switch
        {
            SmtpInLayer => "smtp-in",
            SmtpOutLayer => "smtp-out",
            MailstoreLayer => "mailstore",
            WebmailLayer => "webmail",
            _ => layer.Key,
        };

        private static int Check(PlatformRun platform, HostConsole console, bool json)
        {
            var model = platform.Build(console);
            if (model is null) return Failure;
            var findings = PlatformRun.Check(model);
            var (hostCount, services) = PlatformRun.Size(model);
            if (json)
            {
                FindingsReport.WriteJson(console.Out, model.Domain, findings, hostCount, services);
            }
            else
            {
                if (findings.Count > 0) FindingsReport.WriteTable(console, console.Out, findings);
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
                console.Error.WriteLine($"show: the platform has no host '{host}'.{(suggestion.StartsWith(" Did", StringComparison.Ordinal) ? suggestion : "")} Its hosts: {string.Join(", ", known.Take(10))}{(known.Count > 10 ? $" and {known.Count - 10} more" : "")}.");
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
        /// <c>ciphers [--openssl VERSION] [-v] STRING</c>: reads the string as the given OpenSSL, or as the platform's
        /// target's (the platform is built only to learn it, and its profile for <c>-v</c>).
        /// </summary>
        private static int Ciphers(PlatformRun platform, HostConsole console, string cipherString, string? asked, bool verbose, string? profileName)
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
                return CiphersVerb.Run(cipherString, version, null, verbose, profile, console.Out, console.Error);
            }
            if (model is null)
            {
                console.Error.WriteLine("ciphers: the platform description could not be built, so its target's OpenSSL is unknown; give it, e.g. --openssl 3.0.");
                return Usage;
            }
            var target = TargetTable.For(model);
            return CiphersVerb.Run(cipherString, target.OpenSsl, $"the target's ({target.DisplayName}, OpenSSL {target.OpenSsl})", verbose, profile, console.Out, console.Error);
        }
    }
}
