using System.Collections.Generic;
using MailDsl.Model;
using MailDsl.Rules;

namespace MailDsl.Daemons.Settings.Rules
{
    /// <summary>
    /// MAIL4019: a raw value the target's daemon refuses for what it is, as its own checker would (doveconf's types, postconf's
    /// checked parameters, nginx's argument counts, flags and regular expressions): the description compiles, and then
    /// <c>doveconf -n</c>, <c>postconf</c> or <c>nginx -t</c> refuses the emitted file. Each daemon's module says which
    /// (<see cref="DaemonModule.RawValueProblems"/>).
    /// </summary>
    internal sealed class RefusedValueRule : Rule
    {
        /// <inheritdoc/>
        public override RuleDescriptor Descriptor => RuleCatalog.RefusedValue;

        /// <inheritdoc/>
        public override IEnumerable<Finding> Check(PlatformModel platform)
        {
            foreach (var module in DaemonModules.All)
                foreach (var problem in module.RawValueProblems(platform))
                    if (problem.Refused) yield return Report(problem.OriginKey, problem.Message, problem.SubStart, problem.SubLength);
        }
    }

    /// <summary>
    /// MAIL4020: a raw value the daemon checks in a way MailDsl does not repeat (Dovecot's checks of one setting against
    /// another or against the host, nginx directives with grammars of their own): MailDsl cannot promise the daemon takes it,
    /// so it says so; install.sh's check of the daemon runs before anything is reloaded.
    /// </summary>
    internal sealed class UncheckedValueRule : Rule
    {
        /// <inheritdoc/>
        public override RuleDescriptor Descriptor => RuleCatalog.UncheckedValue;

        /// <inheritdoc/>
        public override IEnumerable<Finding> Check(PlatformModel platform)
        {
            foreach (var module in DaemonModules.All)
                foreach (var problem in module.RawValueProblems(platform))
                    if (!problem.Refused) yield return Report(problem.OriginKey, problem.Message, problem.SubStart, problem.SubLength);
        }
    }
}
