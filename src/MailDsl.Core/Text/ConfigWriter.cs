using System.Text;

namespace MailDsl.Text
{
    /// <summary>
    /// Builds a config file's text: LF line endings, a fixed indent per level, blocks opened and closed in
    /// pairs. Every renderer writes through it so all output is indented and terminated the same way.
    /// </summary>
    public sealed class ConfigWriter
    {
        private readonly StringBuilder _text = new();
        private readonly string _indentUnit;
        private int _depth;

        /// <summary>Creates a writer that indents each level by <paramref name="indentUnit"/>.</summary>
        /// <param name="indentUnit">The text of one indent level (four spaces by default).</param>
        public ConfigWriter(string indentUnit = "    ") => _indentUnit = indentUnit;

        /// <summary>Writes one line at the current depth (an empty line stays empty).</summary>
        /// <param name="line">The line, without its line break.</param>
        public ConfigWriter Line(string line = "")
        {
            if (line.Length > 0)
                for (var i = 0; i < _depth; i++) _text.Append(_indentUnit);
            _text.Append(line).Append('\n');
            return this;
        }

        /// <summary>Writes <paramref name="opening"/> and indents what follows until <see cref="Close"/>.</summary>
        /// <param name="opening">The block's first line, e.g. <c>server {</c>.</param>
        public ConfigWriter Open(string opening)
        {
            Line(opening);
            _depth++;
            return this;
        }

        /// <summary>Ends the innermost block with <paramref name="closing"/>.</summary>
        /// <param name="closing">The block's last line, e.g. <c>}</c>.</param>
        public ConfigWriter Close(string closing = "}")
        {
            if (_depth > 0) _depth--;
            return Line(closing);
        }

        /// <summary>
        /// Ends the innermost block's part and opens the next at the same depth with <paramref name="line"/>, e.g. a
        /// shell <c>else</c> or <c>} else {</c>: the line sits at the block's own depth, what follows is indented.
        /// </summary>
        /// <param name="line">The line between the two parts.</param>
        public ConfigWriter Continue(string line)
        {
            if (_depth > 0) _depth--;
            return Open(line);
        }

        /// <inheritdoc/>
        public override string ToString() => _text.ToString();
    }
}
