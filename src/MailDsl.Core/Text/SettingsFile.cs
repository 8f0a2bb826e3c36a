using System;
using System.Collections.Generic;
using System.Text;

namespace MailDsl.Text
{
    /// <summary>
    /// A flat <c>key = value</c> file (Postfix main.cf, Dovecot's top level) where each key appears once: setting a
    /// key again replaces its value in place, so a user's raw setting overrides a generated one without a duplicate.
    /// </summary>
    public sealed class SettingsFile
    {
        private readonly List<(string? Key, string Text)> _lines = new();
        private readonly Dictionary<string, int> _index = new(StringComparer.Ordinal);

        /// <summary>Sets <paramref name="key"/> to <paramref name="value"/>, replacing an earlier value in place.</summary>
        /// <param name="key">The parameter name.</param>
        /// <param name="value">Its value; empty writes <c>key =</c>.</param>
        public SettingsFile Set(string key, string value)
        {
            var text = value.Length == 0 ? key + " =" : key + " = " + value;
            if (_index.TryGetValue(key, out var at)) _lines[at] = (key, text);
            else
            {
                _index[key] = _lines.Count;
                _lines.Add((key, text));
            }
            return this;
        }

        /// <summary>Writes a comment line (with its leading <c>#</c>).</summary>
        /// <param name="comment">The comment.</param>
        public SettingsFile Comment(string comment)
        {
            _lines.Add((null, comment));
            return this;
        }

        /// <summary>Writes an empty line.</summary>
        public SettingsFile Blank() => Comment("");

        /// <inheritdoc/>
        public override string ToString()
        {
            var text = new StringBuilder();
            foreach (var (_, line) in _lines) text.Append(line).Append('\n');
            return text.ToString();
        }
    }
}
