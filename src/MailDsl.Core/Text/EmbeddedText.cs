using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace MailDsl.Text
{
    /// <summary>
    /// Programs in their own language kept as files of the repository and embedded in this assembly: install.sh's engine
    /// (<c>Install/*.sh</c>) and the Ansible role (<c>Fleet/Ansible/</c>). MailDsl.Core.csproj and the generator's project
    /// embed the same files under the same names, so both read them alike.
    /// </summary>
    internal static class EmbeddedText
    {
        /// <summary>The names of the embedded files that start with <paramref name="prefix"/>, '/' separating folders, ordered (ordinal).</summary>
        public static IReadOnlyList<string> Names(string prefix)
            => typeof(EmbeddedText).Assembly.GetManifestResourceNames()
                .Select(n => n.Replace('\\', '/'))
                .Where(n => n.StartsWith(prefix, StringComparison.Ordinal))
                .OrderBy(n => n, StringComparer.Ordinal)
                .ToList();

        /// <summary>The text of the embedded file <paramref name="name"/> (as <see cref="Names"/> gives it), with LF line endings.</summary>
        /// <exception cref="InvalidOperationException">The file is not embedded: the project that compiles Core misses it.</exception>
        public static string Read(string name)
        {
            var assembly = typeof(EmbeddedText).Assembly;
            var resource = assembly.GetManifestResourceNames().FirstOrDefault(n => n.Replace('\\', '/') == name)
                ?? throw new InvalidOperationException(name + " is not embedded in " + assembly.GetName().Name + ": its project must embed it as MailDsl.Core.csproj does");
            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var reader = new StreamReader(stream);
            return reader.ReadToEnd().Replace("\r\n", "\n");
        }
    }
}
