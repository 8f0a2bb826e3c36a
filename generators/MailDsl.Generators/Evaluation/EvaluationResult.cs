using System.Collections.Generic;
using MailDsl.Model;

namespace MailDsl.Generators.Evaluation
{
    /// <summary>A problem evaluating the description itself (not a rule finding): where, which diagnostic, and why.</summary>
    /// <param name="RuleId">MAIL9001 (not a compile-time constant) or MAIL9002 (evaluation failed).</param>
    /// <param name="Message">What went wrong and what to do.</param>
    /// <param name="Span">Where, in the source.</param>
    internal sealed record EvaluationProblem(string RuleId, string Message, SourceSpan Span);

    /// <summary>What evaluating one <c>Describe()</c> gave: the model (null if it could not be built) and the problems.</summary>
    /// <param name="Model">The platform model, with origins; null when evaluation could not produce one.</param>
    /// <param name="Problems">Problems with the description; any makes the evaluation incomplete.</param>
    /// <param name="RunTimeKeys">
    /// The origin keys whose values are known only at run time (a placeholder stands in for them in <paramref name="Model"/>),
    /// and the keys of parts of the platform that wait for run time as a whole ("" for all of it). The analyzer holds back
    /// every finding on such a key, on a key beneath it, or on a key it lies beneath: those are checked at run time.
    /// </param>
    internal sealed record EvaluationResult(PlatformModel? Model, IReadOnlyList<EvaluationProblem> Problems, IReadOnlyList<string> RunTimeKeys)
    {
        /// <summary>Whether a finding on <paramref name="originKey"/> must wait for run time.</summary>
        public bool WaitsForRunTime(string originKey)
        {
            foreach (var key in RunTimeKeys)
            {
                if (key.Length == 0 || key == originKey) return true;
                if (originKey.StartsWith(key + ".", System.StringComparison.Ordinal) || key.StartsWith(originKey + ".", System.StringComparison.Ordinal)) return true;
            }
            return false;
        }

        /// <summary>Whether every value was known at compile time, so the model is the one run time will build.</summary>
        public bool IsComplete => Model is not null && Problems.Count == 0;
    }
}
