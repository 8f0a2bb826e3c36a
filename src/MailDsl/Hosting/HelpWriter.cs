using System;
using System.Collections.Generic;
using System.IO;
using System.Text;

namespace MailDsl.Hosting
{
    /// <summary>
    /// Help for the root or a verb, written from <see cref="CommandTree"/>: Description, Usage, Arguments, Options,
    /// Commands, Examples and the exit codes, wrapped at the terminal's width (110 columns when output is not a terminal),
    /// with no trailing spaces. It never touches System.CommandLine, so a plain help request (<see cref="Requested"/>) is
    /// answered without loading it: its JIT was most of help's time.
    /// </summary>
    internal static class HelpWriter
    {
        /// <summary>The width help wraps at when it does not go to a terminal.</summary>
        public const int PlainWidth = 110;

        private const string Indent = "  ";

        /// <summary>
        /// The command whose help <paramref name="args"/> asks for and nothing else: none, <c>help</c>, <c>--help</c>
        /// (<c>-h</c>, <c>-?</c>), <c>help VERB</c> or <c>VERB --help</c> for a known verb; null for any other command line
        /// (the parser then answers it, a usage error included).
        /// </summary>
        public static CommandSpec? Requested(string[] args)
        {
            var root = CommandTree.Root;
            switch (args.Length)
            {
                case 0:
                    return root;
                case 1:
                    return args[0] == CommandTree.Help.Name || CommandTree.HelpOption.IsSpelled(args[0]) ? root : null;
                case 2:
                    if (CommandTree.HelpOption.IsSpelled(args[1])) return CommandTree.Verb(args[0]);
                    return args[0] == CommandTree.Help.Name ? CommandTree.Verb(args[1]) : null;
                default:
                    return null;
            }
        }

        /// <summary>Writes <paramref name="command"/>'s help to <paramref name="console"/>'s output, as wide as it is.</summary>
        public static void Write(CommandSpec command, HostConsole console)
            => Write(command, console.Out, console.IsTerminal ? console.Width : PlainWidth, ProgramName());

        /// <summary>Writes <paramref name="command"/>'s help to <paramref name="output"/>, no line wider than <paramref name="width"/> where words allow.</summary>
        public static void Write(CommandSpec command, TextWriter output, int width, string program)
        {
            var text = new StringBuilder(4096);
            var root = CommandTree.Root;

            text.Append("Description:\n");
            foreach (var line in Wrap(command.Description, width - Indent.Length)) text.Append(Indent).Append(line).Append('\n');
            text.Append('\n');

            text.Append("Usage:\n").Append(Indent).Append(program);
            if (command != root) text.Append(' ').Append(command.Name);
            if (command.Arguments.Length > 0) text.Append(' ').Append(ArgumentsUsage(command));
            if (command.Verbs.Length > 0) text.Append(" [command]");
            text.Append(" [options]\n\n");

            if (command.Arguments.Length > 0)
            {
                var rows = new List<(string, string)>();
                foreach (var argument in command.Arguments) rows.Add(("<" + argument.Name + ">", argument.Description));
                Section(text, "Arguments:", rows, width);
            }

            var options = new List<(string, string)>();
            foreach (var option in command.Options) options.Add(OptionRow(option));
            // The help option is valid after every verb, and listed there too.
            if (command != root) options.Add(OptionRow(CommandTree.HelpOption));
            Section(text, "Options:", options, width);

            if (command.Verbs.Length > 0)
            {
                var rows = new List<(string, string)>();
                foreach (var verb in command.Verbs)
                    rows.Add((verb.Arguments.Length > 0 ? verb.Name + " " + ArgumentsUsage(verb) : verb.Name, verb.Description));
                Section(text, "Commands:", rows, width);
            }

            if (command.Examples.Length > 0)
            {
                var rows = new List<(string, string)>();
                foreach (var example in command.Examples) rows.Add((example.CommandLine, example.Explanation));
                Section(text, "Examples:", rows, width);
            }

            if (command.Epilogue is { } epilogue)
            {
                foreach (var line in Wrap(epilogue, width)) text.Append(line).Append('\n');
                text.Append('\n');
            }

            // One write, with the writer's own line ending.
            output.Write(output.NewLine == "\n" ? text.ToString() : text.Replace("\n", output.NewLine).ToString());
        }

        /// <summary>The program's name in Usage: the running executable's file name, as System.CommandLine names it.</summary>
        public static string ProgramName()
        {
            var args = Environment.GetCommandLineArgs();
            var name = args.Length > 0 ? Path.GetFileNameWithoutExtension(args[0]).Replace(" ", "") : "";
            return name.Length > 0 ? name : "app";
        }

        /// <summary><c>&lt;HOST&gt; [&lt;PATH&gt;]</c>.</summary>
        private static string ArgumentsUsage(CommandSpec command)
        {
            var usage = new StringBuilder();
            foreach (var argument in command.Arguments)
            {
                if (usage.Length > 0) usage.Append(' ');
                usage.Append(argument.Optional ? "[<" + argument.Name + ">]" : "<" + argument.Name + ">");
            }
            return usage.ToString();
        }

        /// <summary><c>-o, --out &lt;DIR&gt; (REQUIRED)</c> and its description, with its default.</summary>
        private static (string, string) OptionRow(OptionSpec option)
        {
            var label = new StringBuilder();
            foreach (var alias in option.Aliases) label.Append(alias).Append(", ");
            label.Append(option.Name);
            if (option.Kind is OptionKind.Value or OptionKind.RepeatableValue)
                label.Append(" <").Append(option.HelpName ?? option.Name.TrimStart('-').ToUpperInvariant()).Append('>');
            if (option.Required) label.Append(" (REQUIRED)");
            return (label.ToString(), option.Default is null ? option.Description : option.Description + " [default: " + option.Default + "]");
        }

        /// <summary>
        /// A heading and two columns: the first as wide as its widest entry (up to half the width), the second wrapped in
        /// what is left. A first column wider than that, or a row without a second column, stands on a line of its own.
        /// </summary>
        private static void Section(StringBuilder text, string heading, List<(string First, string Second)> rows, int width)
        {
            var limit = Math.Max(10, width / 2 - Indent.Length);
            var column = 0;
            foreach (var row in rows)
                if (row.Second.Length > 0 && row.First.Length <= limit) column = Math.Max(column, row.First.Length);
            var secondStart = Indent.Length + column + Indent.Length;
            var secondWidth = Math.Max(20, width - secondStart);

            text.Append(heading).Append('\n');
            foreach (var (first, second) in rows)
            {
                text.Append(Indent).Append(first);
                var lines = Wrap(second, secondWidth);
                var onItsOwnLine = first.Length > column;
                for (var i = 0; i < lines.Count; i++)
                {
                    if (i == 0 && !onItsOwnLine)
                    {
                        Pad(text, secondStart - Indent.Length - first.Length);
                    }
                    else
                    {
                        Pad(text.Append('\n'), secondStart);
                    }
                    text.Append(lines[i]);
                }
                text.Append('\n');
            }
            text.Append('\n');
        }

        /// <summary>
        /// <paramref name="count"/> spaces, one at a time: <c>Append(' ', count)</c> is a vectorised fill the JIT would
        /// compile for this one call, a tenth of help's time over an empty program's.
        /// </summary>
        private static void Pad(StringBuilder text, int count)
        {
            for (var i = 0; i < count; i++) text.Append(' ');
        }

        /// <summary>
        /// <paramref name="text"/> in lines of at most <paramref name="width"/> characters, broken between words (a word
        /// longer than that stands alone on its line, whole), none ending in a space.
        /// </summary>
        public static List<string> Wrap(string text, int width)
        {
            var lines = new List<string>();
            var line = new StringBuilder();
            foreach (var word in text.Split(new[] { ' ' }, StringSplitOptions.RemoveEmptyEntries))
            {
                if (line.Length > 0 && line.Length + 1 + word.Length > width)
                {
                    lines.Add(line.ToString());
                    line.Clear();
                }
                if (line.Length > 0) line.Append(' ');
                line.Append(word);
            }
            if (line.Length > 0) lines.Add(line.ToString());
            return lines;
        }
    }
}
