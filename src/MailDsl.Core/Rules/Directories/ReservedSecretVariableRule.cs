using System.Collections.Generic;
using MailDsl.Install;
using MailDsl.Model;

namespace MailDsl.Rules.Directories
{
    /// <summary>
    /// MAIL5013: a secret read from an environment variable (<c>Secret.Environment</c>) whose name install.sh or bash uses
    /// itself, or that is not upper case. install.sh reads the variable by name; a name it assigns itself (its variables are
    /// read off its own text, <see cref="InstallScriptVariables"/>) or bash's own (<c>PATH</c>, <c>RANDOM</c>, <c>BASH_ENV</c>)
    /// gives install.sh's or bash's value instead of the environment's, and setting it would change how install.sh runs.
    /// Environment names are upper case (POSIX leaves lower case to applications, and install.sh's own are lower case).
    /// An empty name or one starting with a digit is MAIL5005's; one holding other characters looks like the password itself (MAIL5004).
    /// </summary>
    internal sealed class ReservedSecretVariableRule : Rule
    {
        /// <inheritdoc/>
        public override RuleDescriptor Descriptor => RuleCatalog.ReservedSecretVariable;

        /// <inheritdoc/>
        public override IEnumerable<Finding> Check(PlatformModel platform)
        {
            foreach (var s in DescribedSecrets.Of(platform))
            {
                var name = s.Reference.Name ?? "";
                if (s.Reference.Source != SecretSource.Environment || !DescribedSecrets.IsVariableName(name)) continue;
                string? why = null;
                for (var i = 0; i < name.Length && why is null; i++)
                    if (name[i] >= 'a' && name[i] <= 'z')
                        why = $"it holds the lower-case letter '{name[i]}': install.sh's own variables are lower case (and POSIX leaves lower-case names to "
                            + "programs), so a lower-case name may be one of them now or later";
                if (why is null && InstallScriptVariables.UsedByInstallScript(name))
                    why = "install.sh uses a variable of that name itself, so it would read its own value (or change how it runs) instead of the secret";
                if (why is null && InstallScriptVariables.UsedByBash(name))
                    why = "bash uses a variable of that name itself, so install.sh would read bash's value (or run differently) instead of the secret";
                if (why is null) continue;
                yield return Report(s.Key.Value,
                    $"{s.What} is read from the environment variable '{name}', which install.sh cannot read as the environment's: {why}. "
                    + $"Write an upper-case name of your own, e.g. Secret.Environment(\"{s.Variable}\").");
            }
        }
    }
}
