using System;
using System.Collections.Generic;
using System.Linq;
using MailDsl.Model;
using MailDsl.Render;
using MailDsl.Rules;
using MailDsl.Topology;

namespace MailDsl.Hosting
{
    /// <summary>
    /// The platform behind one run of a verb: built from <c>Describe()</c> only when a verb needs it (so <c>help</c> and
    /// usage errors cost nothing), compared with the compile-time fingerprint, checked by the same rules as the analyzer.
    /// </summary>
    internal sealed class PlatformRun
    {
        private readonly Func<Platform> _describe;
        private readonly string? _compileTimeFingerprint;

        public PlatformRun(Func<Platform> describe, string? compileTimeFingerprint)
        {
            _describe = describe;
            _compileTimeFingerprint = compileTimeFingerprint;
        }

        /// <summary>Builds the model; null after saying why on <paramref name="console"/>'s error writer.</summary>
        public PlatformModel? Build(HostConsole console)
        {
            PlatformModel model;
            try
            {
                model = _describe().Build();
            }
            catch (Exception ex)
            {
                console.Error.WriteLine($"error: the platform description threw {ex.GetType().Name}: {ex.Message}");
                return null;
            }
            if (_compileTimeFingerprint is not null && ModelFingerprint.Of(model) is var fingerprint && fingerprint != _compileTimeFingerprint)
                console.Error.WriteLine($"note: the platform built now differs from the one the compiler checked ({fingerprint} here, {_compileTimeFingerprint} at compile time): "
                    + "a value known only at run time, or MailDsl's generator and library from different versions. It is checked again now.");
            return model;
        }

        /// <summary>The model only, without the fingerprint note: for verbs that read a fact of it (the target's OpenSSL).</summary>
        public PlatformModel? TryBuildQuietly()
        {
            try
            {
                return _describe().Build();
            }
            catch (Exception)
            {
                return null;
            }
        }

        /// <summary>Every finding of the rules on <paramref name="model"/>.</summary>
        public static IReadOnlyList<Finding> Check(PlatformModel model) => RuleSet.Check(model);

        /// <summary>
        /// Builds, checks and renders: the model and its artifacts, or null after printing the findings (on the error
        /// writer: they accompany the result) and why nothing can be written.
        /// </summary>
        public (PlatformModel Model, IReadOnlyList<Artifact> Artifacts)? Render(HostConsole console)
        {
            var model = Build(console);
            if (model is null) return null;
            var findings = Check(model);
            if (findings.Count > 0) FindingsReport.WriteTable(console, console.Error, findings);
            if (findings.Any(f => f.Severity == Severity.Error))
            {
                console.Error.WriteLine("nothing written: fix the errors above first.");
                return null;
            }
            try
            {
                // The DNS records' TLSA values come from the certificate files where they are readable here.
                return (model, PlatformRenderer.Render(model, ReadableFile));
            }
            catch (Exception ex)
            {
                console.Error.WriteLine($"error: rendering failed ({ex.GetType().Name}: {ex.Message}); nothing written.");
                return null;
            }
        }

        private static string? ReadableFile(string path)
        {
            try
            {
                return System.IO.File.Exists(path) ? System.IO.File.ReadAllText(path) : null;
            }
            catch (Exception ex) when (ex is System.IO.IOException or UnauthorizedAccessException)
            {
                return null;
            }
        }

        /// <summary>How many hosts and services (a listener on a host) <paramref name="model"/> has: what <c>check</c> checked.</summary>
        public static (int Hosts, int Services) Size(PlatformModel model)
        {
            var hosts = HostPlan.Of(model);
            return (hosts.Count, hosts.Sum(h => h.Listeners.Count()));
        }
    }
}
