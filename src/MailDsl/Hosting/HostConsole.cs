using System;
using System.IO;

namespace MailDsl.Hosting
{
    /// <summary>
    /// Where a verb writes, and whether that is a person's terminal. Colour and wrapping are for terminals only: when
    /// output goes to a file, a pipe or a writer the caller passed, every line is plain text (no escape codes, one finding
    /// a line), so scripts and CI logs read it as it is. <c>NO_COLOR</c> turns colour off on a terminal too.
    /// </summary>
    internal sealed class HostConsole
    {
        private HostConsole(TextWriter output, TextWriter error, bool isTerminal, int width)
        {
            Out = output;
            Error = error;
            IsTerminal = isTerminal;
            Width = width;
        }

        /// <summary>Results: tables, file lists, suites.</summary>
        public TextWriter Out { get; }

        /// <summary>Errors, notes and findings that accompany a result.</summary>
        public TextWriter Error { get; }

        /// <summary>Whether <see cref="Out"/> is a terminal a person reads.</summary>
        public bool IsTerminal { get; }

        /// <summary>Whether severities are coloured (a terminal, and <c>NO_COLOR</c> unset).</summary>
        public bool Colors => IsTerminal && string.IsNullOrEmpty(Environment.GetEnvironmentVariable("NO_COLOR"))
            && Environment.GetEnvironmentVariable("TERM") != "dumb";

        /// <summary>The width to wrap at on a terminal; <see cref="int.MaxValue"/> (no wrapping) elsewhere.</summary>
        public int Width { get; }

        /// <summary>
        /// The console when <paramref name="stdout"/> and <paramref name="stderr"/> are null; otherwise the writers given,
        /// which are never a terminal.
        /// </summary>
        public static HostConsole Create(TextWriter? stdout, TextWriter? stderr)
        {
            var terminal = stdout is null && !Console.IsOutputRedirected;
            var width = int.MaxValue;
            if (terminal)
            {
                try
                {
                    width = Math.Max(60, Console.WindowWidth);
                }
                catch (IOException)
                {
                    width = 100;
                }
            }
            return new HostConsole(stdout ?? Console.Out, stderr ?? Console.Error, terminal, width);
        }

        /// <summary><paramref name="text"/> in an ANSI colour when colours are on, as it is otherwise.</summary>
        public string Paint(string text, int ansiColor) => Colors ? "\u001b[" + ansiColor + "m" + text + "\u001b[0m" : text;
    }
}
