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
    /// What <c>Run(args)</c> does in every platform project: builds the platform at run time, checks it
    /// with the same rules as the analyzer, and carries out a verb (<c>emit</c>, <c>check</c>, <c>ciphers</c>).
    /// </summary>
    public static class PlatformHost
    {
        /// <summary>Runs a verb against the platform <paramref name="describe"/> builds.</summary>
        /// <param name="args">The command line: <c>emit --out DIR</c>, <c>check</c>, <c>ciphers [--openssl VERSION] STRING</c> or <c>help</c>.</param>
        /// <param name="describe">The platform's <c>Describe()</c> method.</param>
        /// <param name="stdout">Where results go (default: the console).</param>
        /// <param name="stderr">Where errors and findings go (default: the console).</param>
        /// <returns>0 on success, 1 when the platform or input has errors, 2 on a usage error.</returns>
        public static int Run(string[] args, Func<Platform> describe, TextWriter? stdout = null, TextWriter? stderr = null)
            => Run(args, describe, null, stdout, stderr);

        /// <summary>
        /// Runs a verb, writing <paramref name="compileTimeArtifacts"/> (what the generator rendered when it could
        /// evaluate the whole description at compile time) instead of rendering again. The platform is still built
        /// and checked first, so run time never writes what the rules refuse.
        /// </summary>
        /// <param name="args">The command line: <c>emit --out DIR</c>, <c>check</c>, <c>ciphers [--openssl VERSION] STRING</c> or <c>help</c>.</param>
        /// <param name="describe">The platform's <c>Describe()</c> method.</param>
        /// <param name="compileTimeArtifacts">The generator's artifacts, or null to render at run time.</param>
        /// <param name="stdout">Where results go (default: the console).</param>
        /// <param name="stderr">Where errors and findings go (default: the console).</param>
        /// <returns>0 on success, 1 when the platform or input has errors, 2 on a usage error.</returns>
        public static int Run(string[] args, Func<Platform> describe, IReadOnlyList<Artifact>? compileTimeArtifacts, TextWriter? stdout = null, TextWriter? stderr = null)
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
                    return Emit(describe, compileTimeArtifacts, outDir, stdout, stderr);
                case "check":
                    return Check(describe, stdout, stderr, out _);
                case "ciphers":
                    return Ciphers(args, describe, stdout, stderr);
                case "help":
                case "--help":
                case "-h":
                    stdout.WriteLine("usage:");
                    stdout.WriteLine("  emit --out DIR     write every host's files, install scripts and fleet files under DIR");
                    stdout.WriteLine("  check              run the rules and print every finding");
                    stdout.WriteLine("  ciphers [--openssl 3.0|3.2|3.5] STRING");
                    stdout.WriteLine("                     list the suites an OpenSSL cipher string selects, in that OpenSSL's order (default: the target's)");
                    return 0;
                default:
                    stderr.WriteLine($"unknown verb '{verb}': use emit, check, ciphers or help.");
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

        /// <summary>Builds the platform and prints its findings; returns 1 if any is an error.</summary>
        private static int Check(Func<Platform> describe, TextWriter stdout, TextWriter stderr, out PlatformModel? model)
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

        private static int Emit(Func<Platform> describe, IReadOnlyList<Artifact>? compileTimeArtifacts, string outDir, TextWriter stdout, TextWriter stderr)
        {
            var rc = Check(describe, stdout, stderr, out var model);
            if (rc != 0 || model is null) return rc;
            IReadOnlyList<Artifact> artifacts;
            try
            {
                artifacts = compileTimeArtifacts ?? PlatformRenderer.Render(model);
            }
            catch (Exception ex)
            {
                stderr.WriteLine($"error: rendering failed ({ex.GetType().Name}: {ex.Message}); nothing written.");
                return 1;
            }
            try
            {
                ArtifactWriter.Write(outDir, artifacts);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException)
            {
                stderr.WriteLine($"error: could not write '{outDir}': {ex.Message}; it was left as it was.");
                return 1;
            }
            stdout.WriteLine($"wrote {artifacts.Count} files for {artifacts.Select(a => a.Host).Where(h => h.Length > 0).Distinct().Count()} hosts under {outDir}");
            return 0;
        }
    }
}
