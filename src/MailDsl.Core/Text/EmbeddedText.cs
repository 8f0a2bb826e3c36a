using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;

namespace MailDsl.Text
{
    /// <summary>
    /// Programs in their own language kept as files of the repository and embedded in this assembly: install.sh's engine
    /// (<c>Install/*.sh</c>), the Ansible role (<c>Fleet/Ansible/</c>), and daemons' static settings files where only a
    /// few values vary (<see cref="Fill"/>). MailDsl.Core.csproj and the generator's project embed the same files under
    /// the same names, so both read them alike.
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

        /// <summary>
        /// The text of the embedded file <paramref name="name"/> with each <c>${NAME}</c> in it replaced by the value given for
        /// that name: the file holds the settings that are the same on every host, C# only what varies. <c>${NAME}</c> leaves
        /// a YAML template valid YAML (a plain scalar) and means nothing to unbound's parser, and every name is checked both
        /// ways, so a template and its caller cannot drift apart unnoticed. Values are put in as they are, in one pass.
        /// </summary>
        /// <exception cref="InvalidOperationException">The file names a placeholder no value is given for, or a value's name is not in the file.</exception>
        public static string Fill(string name, params (string Name, string Value)[] values)
        {
            var text = Read(name);
            var given = values.ToDictionary(v => v.Name, v => v.Value, StringComparer.Ordinal);
            var named = new HashSet<string>(Placeholder.Matches(text).Cast<Match>().Select(m => m.Groups[1].Value), StringComparer.Ordinal);
            if (named.FirstOrDefault(n => !given.ContainsKey(n)) is { } missing)
                throw new InvalidOperationException(name + " has the placeholder ${" + missing + "}, which its renderer does not fill");
            if (given.Keys.FirstOrDefault(n => !named.Contains(n)) is { } unused)
                throw new InvalidOperationException(name + " has no placeholder ${" + unused + "}, which its renderer fills");
            return Placeholder.Replace(text, m => given[m.Groups[1].Value]);
        }

        private static readonly Regex Placeholder = new(@"\$\{([A-Z0-9_]+)\}", RegexOptions.CultureInvariant);
    }
}
