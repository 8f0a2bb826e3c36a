using System;
using System.Linq;
using System.Threading;
using MailDsl.Generators.Parsing;
using MailDsl.Model;
using MailDsl.Rules;

namespace MailDsl.Generators.Checking
{
    /// <summary>
    /// The check step: runs Core's rules on a changed model (the analyzer reports the findings; here they only decide
    /// whether the files can be laid out) and fingerprints it. Runs only when the model compared unequal.
    /// </summary>
    internal static class PlatformChecker
    {
        /// <summary>Checks <paramref name="platform"/>. Never throws (except on cancellation).</summary>
        public static CheckedPlatform Check(EvaluatedPlatform platform, CancellationToken cancellation)
        {
            if (platform.Model is not { } model) return new CheckedPlatform(platform.Declaration, null, null, false);
            try
            {
                cancellation.ThrowIfCancellationRequested();
                var fingerprint = ModelFingerprint.Of(model);
                cancellation.ThrowIfCancellationRequested();
                var passed = !RuleSet.Check(model).Any(f => f.Severity == Severity.Error);
                return new CheckedPlatform(platform.Declaration, model, fingerprint, passed);
            }
            catch (OperationCanceledException)
            {
                throw;
            }
            catch (Exception)
            {
                // The analyzer reports a rule that failed (MAIL9002); run time checks again before writing.
                return new CheckedPlatform(platform.Declaration, model, null, false);
            }
        }
    }
}
