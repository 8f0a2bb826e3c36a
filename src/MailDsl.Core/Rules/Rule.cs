using System.Collections.Generic;
using MailDsl.Model;

namespace MailDsl.Rules
{
    /// <summary>What a diagnostic is: its ID, title, default severity and area. Listed once, in <see cref="RuleCatalog"/>.</summary>
    /// <param name="Id">The stable ID (<c>MAIL</c> + four digits, never reused).</param>
    /// <param name="Title">A short title.</param>
    /// <param name="DefaultSeverity">The severity unless .editorconfig says otherwise.</param>
    /// <param name="Category">The area: Tls, Authentication, Listeners, Syntax, Nginx, Postfix, Dovecot, Sogo, Evaluation.</param>
    /// <param name="Description">A longer explanation shown in the IDE.</param>
    public sealed record RuleDescriptor(string Id, string Title, Severity DefaultSeverity, string Category, string Description)
    {
        /// <summary>The documentation page, built from the ID.</summary>
        public string HelpLink => "docs/diagnostics/" + Id + ".md";
    }

    /// <summary>An ID no rule reports any more (<see cref="RuleCatalog.Retired"/>): never reused, its page kept and marked retired.</summary>
    /// <param name="Id">The retired ID.</param>
    /// <param name="Title">The title it had.</param>
    /// <param name="ReportedBy">The ID that reports the same mistake now.</param>
    public sealed record RetiredRule(string Id, string Title, string ReportedBy)
    {
        /// <summary>The documentation page, which says the ID is retired and what reports its mistake now.</summary>
        public string HelpLink => "docs/diagnostics/" + Id + ".md";
    }

    /// <summary>
    /// One check over a platform: one diagnostic, one rule class. Rules are pure functions of the model,
    /// run by the analyzer at compile time and by the runtime before anything is written.
    /// </summary>
    public abstract class Rule
    {
        /// <summary>The diagnostic this rule reports.</summary>
        public abstract RuleDescriptor Descriptor { get; }

        /// <summary>The findings for <paramref name="platform"/>; never throws.</summary>
        public abstract IEnumerable<Finding> Check(PlatformModel platform);

        /// <summary>A finding of this rule's diagnostic at its default severity.</summary>
        protected Finding Report(string originKey, string message, int subStart = -1, int subLength = 0)
            => new(Descriptor.Id, Descriptor.DefaultSeverity, message, originKey, subStart, subLength);
    }
}
