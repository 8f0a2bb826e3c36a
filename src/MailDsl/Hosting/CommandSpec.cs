namespace MailDsl.Hosting
{
    // Lists are arrays, not IReadOnlyList: a help request runs this code once, at Tier 0, and each interface over a list
    // is generic types to load and interface calls to resolve on the way (measured: a seventh of what help adds to an
    // empty program's start).

    /// <summary>
    /// The root command or one verb of <c>Run(args)</c>, as data: what its help says and what the parser accepts are both
    /// made from it (<see cref="HelpWriter"/>, <see cref="CommandLine"/>), so the two cannot disagree. Nothing here
    /// refers to System.CommandLine: help is written from this alone, without loading it.
    /// </summary>
    internal sealed class CommandSpec
    {
        /// <summary>A verb, or the root when <paramref name="name"/> is empty.</summary>
        public CommandSpec(string name, string description)
        {
            Name = name;
            Description = description;
        }

        /// <summary>The verb as typed (<c>emit</c>); empty for the root.</summary>
        public string Name { get; }

        /// <summary>What it does, one or two sentences (help wraps them).</summary>
        public string Description { get; }

        /// <summary>Its positional arguments, in order.</summary>
        public ArgumentSpec[] Arguments { get; init; } = new ArgumentSpec[0];

        /// <summary>Its own options, in the order help lists them.</summary>
        public OptionSpec[] Options { get; init; } = new OptionSpec[0];

        /// <summary>The verbs under it (the root's only).</summary>
        public CommandSpec[] Verbs { get; init; } = new CommandSpec[0];

        /// <summary>Command lines with what each does (an empty explanation when the line says it all).</summary>
        public (string CommandLine, string Explanation)[] Examples { get; init; } = new (string, string)[0];

        /// <summary>A paragraph help ends with (the root's exit codes), or null.</summary>
        public string? Epilogue { get; init; }
    }

    /// <summary>A positional argument of a verb.</summary>
    internal sealed class ArgumentSpec
    {
        /// <summary>An argument help shows as <c>&lt;NAME&gt;</c>.</summary>
        public ArgumentSpec(string name, string description)
        {
            Name = name;
            Description = description;
        }

        /// <summary>Its name, in capitals (<c>HOST</c>).</summary>
        public string Name { get; }

        /// <summary>What to give.</summary>
        public string Description { get; }

        /// <summary>Whether it may be left out (help shows <c>[&lt;NAME&gt;]</c>).</summary>
        public bool Optional { get; init; }

        /// <summary>
        /// A value beginning with this is refused as an unknown option rather than taken as the argument (a host never
        /// starts with '-'; a cipher string may start with one '-', never two); null takes any value.
        /// </summary>
        public string? RefusedPrefix { get; init; }
    }

    /// <summary>How an option is given.</summary>
    internal enum OptionKind
    {
        /// <summary>On or off, no value (<c>--dry-run</c>).</summary>
        Flag,

        /// <summary>One value (<c>--out DIR</c>).</summary>
        Value,

        /// <summary>A value, and the option may be given again (<c>--host A --host B</c>).</summary>
        RepeatableValue,

        /// <summary>Shows help (on the root, and valid after every verb).</summary>
        Help,

        /// <summary>Shows the program's version (on the root).</summary>
        Version,
    }

    /// <summary>An option of a verb or of the root.</summary>
    internal sealed class OptionSpec
    {
        /// <summary>An option called <paramref name="name"/> (<c>--out</c>).</summary>
        public OptionSpec(string name, OptionKind kind, string description)
        {
            Name = name;
            Kind = kind;
            Description = description;
        }

        /// <summary>Its long name, with its dashes.</summary>
        public string Name { get; }

        /// <summary>How it is given.</summary>
        public OptionKind Kind { get; }

        /// <summary>What it does.</summary>
        public string Description { get; }

        /// <summary>Its other spellings (<c>-o</c>), listed before <see cref="Name"/> in help.</summary>
        public string[] Aliases { get; init; } = new string[0];

        /// <summary>The value's name in help (<c>DIR</c>, <c>text|json</c>); null for a flag.</summary>
        public string? HelpName { get; init; }

        /// <summary>Whether the verb refuses to run without it.</summary>
        public bool Required { get; init; }

        /// <summary>The value when it is not given, or null.</summary>
        public string? Default { get; init; }

        /// <summary>The only values accepted, or empty for any.</summary>
        public string[] AcceptedValues { get; init; } = new string[0];

        /// <summary>Whether <paramref name="token"/> is this option's name or one of its aliases.</summary>
        public bool IsSpelled(string token)
        {
            if (token == Name) return true;
            foreach (var alias in Aliases)
                if (token == alias) return true;
            return false;
        }
    }
}
