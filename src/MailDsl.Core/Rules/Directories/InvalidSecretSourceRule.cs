using System.Collections.Generic;
using MailDsl.Model;
using MailDsl.Rules.Values;

namespace MailDsl.Rules.Directories
{
    /// <summary>
    /// MAIL5005: a secret's source install.sh cannot read: an empty or relative file path (install.sh runs from the emitted
    /// folder, so a relative path names a file there, or none), or an empty environment variable name or one starting with a
    /// digit. A value that looks like the password itself is MAIL5004's.
    /// </summary>
    internal sealed class InvalidSecretSourceRule : Rule
    {
        /// <inheritdoc/>
        public override RuleDescriptor Descriptor => RuleCatalog.InvalidSecretSource;

        /// <inheritdoc/>
        public override IEnumerable<Finding> Check(PlatformModel platform)
        {
            foreach (var s in DescribedSecrets.Of(platform))
            {
                var name = s.Reference.Name ?? "";
                if (s.Reference.Source == SecretSource.File)
                {
                    if (name.Length == 0)
                        yield return Report(s.Key.Value, $"{s.What} is read from an empty path. Write the absolute path of the file on the hosts, e.g. Secret.File(\"{s.Example}\").");
                    else if (name.IndexOf('/') >= 0 && name[0] != '/')
                        yield return Report(s.Key.Value, $"{s.What} is read from the relative path '{ValueSafety.Show(name)}': install.sh runs from the emitted "
                            + $"folder, so it would look for the file there, or find none. Write the absolute path on the hosts, e.g. Secret.File(\"{s.Example}\").");
                }
                else if (s.Reference.Source == SecretSource.Environment && DescribedSecrets.HasOnlyNameCharacters(name) && !DescribedSecrets.IsVariableName(name))
                {
                    yield return Report(s.Key.Value, name.Length == 0
                        ? $"{s.What} is read from an environment variable with no name. Write its name, e.g. Secret.Environment(\"{s.Variable}\")."
                        : $"{s.What} is read from the environment variable '{name}', which starts with a digit: no shell can set such a variable. "
                            + $"Write a name of letters, digits and '_' that starts with a letter, e.g. Secret.Environment(\"{s.Variable}\").");
                }
            }
        }
    }
}
