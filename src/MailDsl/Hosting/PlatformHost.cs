using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using MailDsl.Model;
using MailDsl.Render;
using MailDsl.Rules;

namespace MailDsl.Hosting
{
    /// <summary>
    /// What <c>Run(args)</c> does in every platform project: builds the platform at run time, checks it with the same
    /// rules as the analyzer, renders it with Core's renderers, and carries out a verb (<c>emit</c>, <c>check</c>,
    /// <c>show</c>, <c>ciphers</c>).
    /// </summary>
    public static class PlatformHost
    {
        /// <summary>Runs a verb against the platform <paramref name="describe"/> builds.</summary>
        /// <param name="args">The command line: <c>emit --out DIR</c>, <c>check</c>, <c>show HOST [PATH]</c>, <c>ciphers [--openssl VERSION] STRING</c> or <c>help</c>.</param>
        /// <param name="describe">The platform's <c>Describe()</c> method.</param>
        /// <param name="stdout">Where results go (default: the console).</param>
        /// <param name="stderr">Where errors and findings go (default: the console).</param>
        /// <returns>0 on success, 1 when the platform or input has errors, 2 on a usage error.</returns>
        public static int Run(string[] args, Func<Platform> describe, TextWriter? stdout = null, TextWriter? stderr = null)
            => Run(args, describe, (string?)null, stdout, stderr);

        /// <summary>
        /// Runs a verb, comparing the platform <paramref name="describe"/> builds with the one the generator evaluated
        /// and checked at compile time (<paramref name="compileTimeFingerprint"/>, see <see cref="ModelFingerprint"/>).
        /// The platform is always built and checked before anything is written, so run time never writes what the rules
        /// refuse; a different fingerprint (a value only known at run time, or a generator and library of different
        /// versions) is said on <paramref name="stderr"/>.
        /// </summary>
        /// <param name="args">The command line: <c>emit --out DIR</c>, <c>check</c>, <c>show HOST [PATH]</c>, <c>ciphers [--openssl VERSION] STRING</c> or <c>help</c>.</param>
        /// <param name="describe">The platform's <c>Describe()</c> method.</param>
        /// <param name="compileTimeFingerprint">The generator's <c>CompileTimeFingerprint</c>, or null when it had none.</param>
        /// <param name="stdout">Where results go (default: the console).</param>
        /// <param name="stderr">Where errors and findings go (default: the console).</param>
        /// <returns>0 on success, 1 when the platform or input has errors, 2 on a usage error.</returns>
        public static int Run(string[] args, Func<Platform> describe, string? compileTimeFingerprint, TextWriter? stdout = null, TextWriter? stderr = null)
        {
            stdout ??= Console.Out;
            stderr ??= Console.Error;
            var verb = args.Length == 0 ? "help" : args[0];
            switch (verb)
            {
                case "emit":
                    var outDir = Option(args, "--out");
                    if (outDir is null)
                    {
                        stderr.WriteLine("emit: say where to write, e.g. `emit --out out`.");
                        return 2;
                    }
                    return Emit(describe, compileTimeFingerprint, outDir, stdout, stderr);
                case "check":
                    return Check(describe, compileTimeFingerprint, stdout, stderr, out _);
                case "show":
                    if (args.Length is < 2 or > 3)
                    {
                        stderr.WriteLine("show: name a host, and optionally one of its files, e.g. `show webmail-01.example.com /etc/nginx/conf.d/sogo.conf` (`show / PATH` for the files under DIR itself).");
                        return 2;
                    }
                    return Show(describe, compileTimeFingerprint, args[1], args.Length == 3 ? args[2] : null, stdout, stderr);
                case "ciphers":
                    return Ciphers(args, describe, stdout, stderr);
                case "help":
                case "--help":
                case "-h":
                    // Help never builds the platform: it costs the same whatever the platform's size.
                    stdout.WriteLine("usage:");
                    stdout.WriteLine("  emit --out DIR     write every host's files, install scripts and fleet files under DIR (only what changed)");
                    stdout.WriteLine("  check              run the rules and print every finding");
                    stdout.WriteLine("  show HOST [PATH]   list the files emit writes for HOST (/ for DIR itself), or print one of them");
                    stdout.WriteLine("  ciphers [--openssl 3.0|3.2|3.5] STRING");
                    stdout.WriteLine("                     list the suites an OpenSSL cipher string selects, in that OpenSSL's order (default: the target's)");
                    return 0;
                default:
                    stderr.WriteLine($"unknown verb '{verb}': use emit, check, show, ciphers or help.");
                    return 2;
            }
        }

        /// <summary>
        /// <c>ciphers [--openssl VERSION] STRING</c>: reads the string as the given OpenSSL, or as the platform's target's
        /// (the platform is built only to learn it).
        /// </summary>
        private static int Ciphers(string[] args, Func<Platform> describe, TextWriter stdout, TextWriter stderr)
        {
            const string usage = "ciphers: give one cipher string, and optionally the OpenSSL to read it as, e.g. ciphers --openssl 3.5 \"HIGH:!aNULL:!MD5\".";
            var rest = args.Skip(1).ToList();
            string? asked = null;
            var at = rest.IndexOf("--openssl");
            if (at >= 0)
            {
                if (at + 1 >= rest.Count) { stderr.WriteLine(usage); return 2; }
                asked = rest[at + 1];
                rest.RemoveRange(at, 2);
            }
            if (rest.Count != 1) { stderr.WriteLine(usage); return 2; }
            if (asked is not null)
            {
                if (Targets.SoftwareVersion.TryParse(asked) is not { } version || !version.AtLeast(3, 0))
                {
                    stderr.WriteLine($"ciphers: '{asked}' is not an OpenSSL version MailDsl reads cipher strings as; write 3.0, 3.2 or 3.5.");
                    return 2;
                }
                return CiphersVerb.Run(rest[0], version, null, stdout, stderr);
            }
            Targets.TargetFacts target;
            try
            {
                target = Targets.TargetTable.For(describe().Build());
            }
            catch (Exception ex)
            {
                stderr.WriteLine($"ciphers: the platform description threw {ex.GetType().Name} ({ex.Message}), so its target's OpenSSL is unknown; give it, e.g. --openssl 3.5.");
                return 2;
            }
            return CiphersVerb.Run(rest[0], target.OpenSsl, $"the target's ({target.DisplayName}, OpenSSL {target.OpenSsl})", stdout, stderr);
        }

        private static string? Option(string[] args, string name)
        {
            for (var i = 1; i < args.Length - 1; i++)
                if (args[i] == name) return args[i + 1];
            return null;
        }

        /// <summary>Builds the platform and prints its findings (warnings on <paramref name="stdout"/>); returns 1 if any is an error.</summary>
        private static int Check(Func<Platform> describe, string? compileTimeFingerprint, TextWriter stdout, TextWriter stderr, out PlatformModel? model)
        {
            model = null;
            try
            {
                model = describe().Build();
            }
            catch (Exception ex)
            {
                stderr.WriteLine($"error: the platform description threw {ex.GetType().Name}: {ex.Message}");
                return 1;
            }
            if (compileTimeFingerprint is not null && ModelFingerprint.Of(model) is var fingerprint && fingerprint != compileTimeFingerprint)
                stderr.WriteLine($"note: the platform built now differs from the one the compiler checked ({fingerprint} here, {compileTimeFingerprint} at compile time): "
                    + "a value known only at run time, or MailDsl's generator and library from different versions. It is checked again now.");
            var findings = RuleSet.Check(model);
            foreach (var f in findings)
                (f.Severity == Severity.Error ? stderr : stdout).WriteLine($"{f.Severity.ToString().ToLowerInvariant()} {f.RuleId}: {f.Message} [{f.OriginKey}]");
            if (findings.Any(f => f.Severity == Severity.Error))
            {
                stderr.WriteLine("nothing written: fix the errors above first.");
                return 1;
            }
            return 0;
        }

        /// <summary>Builds, checks and renders: the artifacts, or null after printing why not.</summary>
        private static IReadOnlyList<Artifact>? Render(Func<Platform> describe, string? compileTimeFingerprint, TextWriter findings, TextWriter stderr)
        {
            if (Check(describe, compileTimeFingerprint, findings, stderr, out var model) != 0 || model is null) return null;
            try
            {
                return PlatformRenderer.Render(model);
            }
            catch (Exception ex)
            {
                stderr.WriteLine($"error: rendering failed ({ex.GetType().Name}: {ex.Message}); nothing written.");
                return null;
            }
        }

        private static int Emit(Func<Platform> describe, string? compileTimeFingerprint, string outDir, TextWriter stdout, TextWriter stderr)
        {
            var artifacts = Render(describe, compileTimeFingerprint, stdout, stderr);
            if (artifacts is null) return 1;
            WriteSummary summary;
            try
            {
                summary = ArtifactWriter.Write(outDir, artifacts);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException)
            {
                stderr.WriteLine($"error: could not write '{outDir}': {ex.Message}; it was left as it was.");
                return 1;
            }
            var hosts = artifacts.Select(a => a.Host).Where(h => h.Length > 0).Distinct().Count();
            stdout.WriteLine($"{summary} for {hosts} hosts under {outDir}");
            return 0;
        }

        /// <summary>The <c>show</c> verb: a host's files (mode, size, path), or one file's text exactly as emit writes it.</summary>
        private static int Show(Func<Platform> describe, string? compileTimeFingerprint, string host, string? path, TextWriter stdout, TextWriter stderr)
        {
            // Findings go to stderr, so stdout is the file's text and nothing else.
            var artifacts = Render(describe, compileTimeFingerprint, stderr, stderr);
            if (artifacts is null) return 1;
            var key = host == "/" ? "" : host;
            var files = artifacts.Where(a => a.Host == key).ToList();
            if (files.Count == 0)
            {
                var known = artifacts.Select(a => a.Host).Where(h => h.Length > 0).Distinct().ToList();
                stderr.WriteLine($"show: the platform has no host '{host}'; its hosts: {string.Join(", ", known.Take(10))}{(known.Count > 10 ? $" and {known.Count - 10} more" : "")}.");
                return 1;
            }
            if (path is null)
            {
                foreach (var file in files)
                    stdout.WriteLine($"{file.ModeText} {file.Path} ({System.Text.Encoding.UTF8.GetByteCount(file.Content)} bytes)");
                return 0;
            }
            var match = files.FirstOrDefault(a => a.Path == path || a.Path == "/" + path);
            if (match is null)
            {
                stderr.WriteLine($"show: {host} gets no file '{path}'; its files: {string.Join(", ", files.Select(a => a.Path))}.");
                return 1;
            }
            stdout.Write(match.Content);
            return 0;
        }
    }
}
