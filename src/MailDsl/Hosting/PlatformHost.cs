using System;
using System.IO;
using MailDsl.Model;

namespace MailDsl.Hosting
{
    /// <summary>
    /// What <c>Run(args)</c> does in every platform project: parses the command line (<c>emit</c>, <c>check</c>, <c>probe</c>,
    /// <c>show</c>, <c>ciphers</c>, <c>help</c>; <c>VERB --help</c> for each), builds the platform at run time only when
    /// the verb needs it, checks it with the same rules as the analyzer, renders it with Core's renderers, and carries out
    /// the verb.
    /// </summary>
    /// <remarks>
    /// Exit codes: 0 success; 1 the platform has errors, probe finds a difference, OpenSSL refuses the cipher string, a host or file does not exist,
    /// or DIR could not be written; 2 the command line is wrong (an unknown verb or option, named with the nearest valid
    /// one; a missing or invalid value). Output is plain text when it does not go to a terminal. A plain help request
    /// (none, <c>help</c>, <c>--help</c>, <c>help VERB</c>, <c>VERB --help</c>) is answered without loading
    /// System.CommandLine, so it costs little more than the process's start.
    /// </remarks>
    public static class PlatformHost
    {
        /// <summary>Runs a verb against the platform <paramref name="describe"/> builds.</summary>
        /// <param name="args">The command line, e.g. <c>emit --out DIR</c>, <c>check --format json</c>, <c>show HOST [PATH]</c>, <c>ciphers -v STRING</c>, <c>help</c>.</param>
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
        /// <param name="args">The command line, e.g. <c>emit --out DIR</c>, <c>check --format json</c>, <c>show HOST [PATH]</c>, <c>ciphers -v STRING</c>, <c>help</c>.</param>
        /// <param name="describe">The platform's <c>Describe()</c> method.</param>
        /// <param name="compileTimeFingerprint">The generator's <c>CompileTimeFingerprint</c>, or null when it had none.</param>
        /// <param name="stdout">Where results go (default: the console).</param>
        /// <param name="stderr">Where errors and findings go (default: the console).</param>
        /// <returns>0 on success, 1 when the platform or input has errors, 2 on a usage error.</returns>
        public static int Run(string[] args, Func<Platform> describe, string? compileTimeFingerprint, TextWriter? stdout = null, TextWriter? stderr = null)
        {
            var console = HostConsole.Create(stdout, stderr);
            args ??= new string[0];
            // A plain help request is answered from the command tree alone: no parser, so System.CommandLine is not even
            // loaded (its JIT was most of help's time). This method names none of its types, so the JIT loads it only
            // when CommandLine.Run runs.
            if (HelpWriter.Requested(args) is { } command)
            {
                HelpWriter.Write(command, console);
                return 0;
            }
            return CommandLine.Run(args, new PlatformRun(describe, compileTimeFingerprint), console);
        }
    }
}
