using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using MailDsl.Model;
using MailDsl.Render;
using MailDsl.Rules;
using MailDsl.TestPlatform.Sandbox;
using MailDsl.TestPlatform.Surface;
using Microsoft.CodeAnalysis;

namespace MailDsl.Generators.Tests.Security;

/// <summary>What MailDsl and the real tools made of one hostile value at one entry point.</summary>
/// <param name="Case">The entry point and the value.</param>
/// <param name="CompileTime">The error diagnostics the analyzer reported (Debian 12's description), e.g. <c>MAIL3001</c>, sorted.</param>
/// <param name="RunTime">The error findings the rules reported on the platform built at run time for Debian 12, sorted.</param>
/// <param name="Problems">What is wrong: a crash, a diagnostic away from the argument, disagreement, a file read differently from its twin's, a marker file.</param>
/// <param name="Readers">For an accepted value, the tools that read the files holding it, per target, e.g. <c>doveconf, postmap (Debian 12)</c>.</param>
public sealed record HostileVerdict(HostileCase Case, IReadOnlyList<string> CompileTime, IReadOnlyList<string> RunTime, IReadOnlyList<string> Problems, string Readers)
{
    /// <summary>Where it entered.</summary>
    public DslEntryPoint Entry => Case.Entry;

    /// <summary>The value.</summary>
    public string Value => Case.Value;

    /// <summary>Whether the value was refused on Debian 12 (no file written).</summary>
    public bool Refused => RunTime.Count > 0;
}

/// <summary>
/// Tries every case of <see cref="HostileCorpus"/>: at compile time (the analyzer on the description with the value as a
/// literal; every error must point inside that literal) and at run time (the same calls made by <see cref="DslChain.Run"/>,
/// then the rules), which must agree; then, for each target whose rules accept it (Debian 12 and 13), every file the value
/// reaches is read by that target's own tool, in a sandbox of that target, and must read as its benign twin's file with the
/// value in the twin's place: <c>doveconf -n</c>, <c>postconf -n</c>/<c>-M</c>, <c>postmap -v</c> (the lookup table's own
/// parameter reader, without network), <c>postmap -s</c>, <c>pldes</c> (GNUstep's property-list reader), <c>nginx -t</c>,
/// bash (<c>bash -n</c>, <c>declare -f</c> of install.sh as a function, and install.sh's data lines run in an empty folder),
/// the zone fragments by <c>nsd-checkzone</c> and <c>ldns-read-zone</c> with the structure of their TXT and CAA records, the
/// MTA-STS policy by postfix-mta-sts-resolver's own parser and checks, and the files a shell sources sourced by bash in an empty folder; no command a value names may run (a marker file in that
/// folder or /tmp fails). Files no tool reads alone (Dovecot 2.3's args files, fleet files) are compared as text. Computed
/// once, shared by the tests and the docs table.
/// </summary>
public static class HostileVerdicts
{
    private static readonly Lazy<IReadOnlyList<HostileVerdict>> Computed = new(Compute);

    /// <summary>Every verdict, in corpus order.</summary>
    public static IReadOnlyList<HostileVerdict> All => Computed.Value;

    private static readonly Distro[] Targets = { Distro.Debian12, Distro.Debian13 };

    private const string Placeholder = "\u0001VALUE\u0001";

    private sealed class Outcome
    {
        public List<string> Problems { get; } = new();
        public IReadOnlyList<string> CompileTime { get; set; } = Array.Empty<string>();
        public IReadOnlyList<string> RunTime { get; set; } = Array.Empty<string>();
        public Dictionary<Distro, IReadOnlyList<Artifact>> Files { get; } = new();
        public SortedSet<string> Readers { get; } = new(StringComparer.Ordinal);
    }

    private static IReadOnlyList<HostileVerdict> Compute()
    {
        var root = Directory.CreateTempSubdirectory("maildsl-hostile-").FullName;
        try
        {
            var (certificate, key) = MakeCertificate(root);
            var cases = HostileCorpus.All().ToList();
            var outcomes = cases.Select(_ => new Outcome()).ToArray();
            // Run time on both targets, and the files of every value a target accepts.
            Parallel.For(0, cases.Count, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, i => RunTime(cases[i], outcomes[i]));
            // Compile time: one compilation per entry point, every value a class of its own.
            var byEntry = Enumerable.Range(0, cases.Count).GroupBy(i => cases[i].Entry).ToList();
            Parallel.ForEach(byEntry, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, group => CompileTime(group.Select(i => (cases[i], outcomes[i])).ToList()));
            foreach (var (c, o) in cases.Zip(outcomes))
                if (!o.CompileTime.SequenceEqual(o.RunTime))
                    o.Problems.Add($"compile time said [{string.Join(", ", o.CompileTime)}] but run time said [{string.Join(", ", o.RunTime)}]");
            // The real tools of each target on every file an accepted value reaches, against its twin's.
            foreach (var target in Targets) ReadBack(target, cases, outcomes, root, certificate, key);
            return cases.Zip(outcomes, (c, o) => new HostileVerdict(c, o.CompileTime, o.RunTime, o.Problems, string.Join("; ", o.Readers))).ToList();
        }
        finally
        {
            try { Directory.Delete(root, recursive: true); } catch (IOException) { }
        }
    }

    private static (string Certificate, string Key) MakeCertificate(string root)
    {
        var certificate = Path.Combine(root, "mail.crt");
        var key = Path.Combine(root, "mail.key");
        var made = Command.Run("openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
            "-keyout", key, "-out", certificate, "-subj", "/CN=example.org", "-days", "2");
        if (!made.Succeeded) throw new InvalidOperationException("openssl could not make the test certificate:\n" + made);
        return (certificate, key);
    }

    private static void RunTime(HostileCase c, Outcome o)
    {
        foreach (var target in Targets)
        {
            try
            {
                var (chain, _) = c.Entry.Describe(c.Value, target);
                var model = chain.Run() switch { Platform p => p.Build(), PlatformModel m => m, var other => throw new InvalidOperationException("the chain built " + other) };
                var errors = MailDsl.Rules.RuleSet.Check(model).Where(f => f.Severity == Severity.Error).Select(f => f.RuleId).Distinct().Order(StringComparer.Ordinal).ToList();
                if (target == Distro.Debian12) o.RunTime = errors;
                if (errors.Count == 0) o.Files[target] = PlatformRenderer.Render(model);
                else if (c.IsTwin && !(TakesSecret(c.Entry) && errors.SequenceEqual(new[] { "MAIL5004" })))
                    o.Problems.Add($"the benign twin is refused on {TargetSystems.DisplayName(target)}: {string.Join(", ", errors)}");
            }
            catch (Exception ex)
            {
                o.Problems.Add($"the DSL, the rules or the renderers threw on {TargetSystems.DisplayName(target)}: {ex.GetType().Name}: {ex.Message}");
            }
        }
    }

    private static void CompileTime(IReadOnlyList<(HostileCase Case, Outcome Outcome)> group)
    {
        var sources = group.Select((g, i) => g.Case.Entry.Describe(g.Case.Value) is var (chain, argument) ? (Source: chain.SourceFile("HostilePlatform" + i.ToString(CultureInfo.InvariantCulture)), Argument: argument) : default)
            .ToList();
        var compilation = Harness.Compile(sources.Select(s => s.Source.Text).ToArray());
        var diagnostics = Harness.DiagnosticsAsync(compilation).GetAwaiter().GetResult();
        var (result, _) = Harness.Generate(compilation);
        foreach (var generator in result.Results.Where(r => r.Exception is not null))
            foreach (var (_, o) in group) o.Problems.Add($"the generator threw: {generator.Exception!.Message}");
        for (var i = 0; i < group.Count; i++)
        {
            var o = group[i].Outcome;
            var path = "Platform" + i.ToString(CultureInfo.InvariantCulture) + ".cs";
            var mine = diagnostics.Where(d => d.Location.SourceTree?.FilePath == path).ToList();
            foreach (var d in mine.Where(d => d.Id is "AD0001" or "CS8785"))
                o.Problems.Add($"the analyzer or generator crashed: {d.GetMessage(CultureInfo.InvariantCulture)}");
            var errors = mine.Where(d => d.Id.StartsWith("MAIL", StringComparison.Ordinal) && d.Severity == DiagnosticSeverity.Error).ToList();
            var source = sources[i].Source;
            // A refused value gets an error inside the argument it was written as (the literal, or a part of it). Others may point
            // at the whole call (groups that leave a key exchange, a host in two layers whose ports clash), or, where the method
            // takes the password itself, at that argument (MAIL5004, whatever the value).
            if (source.Spans.TryGetValue(sources[i].Argument, out var span) && errors.Count > 0
                && !errors.Any(e => e.Location.SourceSpan.Start >= span.Start && e.Location.SourceSpan.End <= span.Start + span.Length)
                && !(TakesSecret(group[i].Case.Entry) && errors.All(e => e.Id == "MAIL5004")))
                o.Problems.Add("no error points at the value's argument: " + string.Join(", ", errors.Select(e => $"{e.Id} at '{source.Text.Substring(e.Location.SourceSpan.Start, e.Location.SourceSpan.Length)}'")));
            o.CompileTime = errors.Select(e => e.Id).Distinct().Order(StringComparer.Ordinal).ToList();
        }
    }

    /// <summary>Whether the entry point's method takes the secret itself as a string (always MAIL5004, by design).</summary>
    internal static bool TakesSecret(DslEntryPoint entry) => entry.Parameter.Method.StringParameters.Any(p => p.Kind == ValueKind.Secret);

    /// <summary>
    /// The forms a value takes in the files (raw, each encoding a renderer writes it in, an IPv6 address in brackets) and in the
    /// tools' output (doveconf quotes a value holding '#'), longest first.
    /// </summary>
    private static IReadOnlyList<string> Forms(string value, ValueKind kind, bool bracketed = false)
    {
        var forms = new List<string> { value };
        if (kind == ValueKind.DistinguishedName)
        {
            var escaped = Directories.DistinguishedNames.Escape(value);
            forms.Add(escaped);
            forms.Add(escaped.Replace("\\", "\\\\", StringComparison.Ordinal));
        }
        if (kind is ValueKind.SqlIdentifier or ValueKind.DirectoryField) forms.Add(value.ToLowerInvariant());
        // Dovecot 2.4 has the driver and the path of a mail location as two settings.
        if (kind == ValueKind.MailLocation) forms.Add(Daemons.Dovecot.DovecotSettings.SplitMailLocation(value).Path);
        if (kind is ValueKind.DatabaseName or ValueKind.Path or ValueKind.SqlIdentifier or ValueKind.DirectoryField)
        {
            forms.Add(Text.UriText.Component(value));
            forms.Add(Text.UriText.Component(value, keepSlash: true));
        }
        // An IPv6 address is bracketed where a name is not (URLs), and a name bracketed where an address is too (Postfix's
        // [host]:port): with an IPv6 value, both sides read a bracketed form as the value.
        if (bracketed || Topology.Addresses.IsIPv6(value)) forms.Add("[" + value + "]");
        // Quoted as doveconf prints a value holding '#', and as sogo.conf's and Dovecot's quoted strings write it (\ and " escaped).
        forms.AddRange(forms.ToList().SelectMany(f => new[] { "\"" + f + "\"", "\"" + f.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"" }));
        return forms.Where(f => f.Length > 0).Distinct(StringComparer.Ordinal).OrderByDescending(f => f.Length).ToList();
    }

    private static string Neutral(string text, IReadOnlyList<string> forms)
    {
        foreach (var form in forms) text = text.Replace(form, Placeholder, StringComparison.Ordinal);
        return text;
    }

    /// <summary>
    /// Whether a value of <paramref name="kind"/> may change what is written beyond itself, by design: a version (another
    /// syntax), a listen address (0.0.0.0 is Postfix's "all", ::1 turns IPv6 on), key-exchange groups and cipher strings (a DH
    /// group file where DHE suites are on), and a server named on this host rather than another (TLS to it, or not). Such a
    /// value is checked by each target's tools accepting every file it reaches without a warning, not by its twin's reading. A
    /// URL SOGo dials is the user's own URL syntax (its host and query are what URL syntax says), checked the same way.
    /// </summary>
    private static bool ChangesStructure(HostileCase c)
        => c.Entry.Kind is ValueKind.Version or ValueKind.ListenAddress or ValueKind.TlsGroup or ValueKind.CipherString or ValueKind.Url
               // An address of a host, VIP or balancer, or an LBaaS network, changes what is trusted, bound and let in (IPv6 turns on
               // other families' lines); a layer key and a health check's greeting choose another check or listener's lines.
               or ValueKind.IpAddress or ValueKind.Network or ValueKind.LayerKey or ValueKind.Greeting
           || (c.Entry.Kind == ValueKind.HostName && Topology.Addresses.IsLoopback(c.Value) != Topology.Addresses.IsLoopback(c.Entry.Benign));

    /// <summary>A job for a target's tools: one file of one case (or of its entry point's twin), and what to set up before reading it.</summary>
    private sealed record Job(int Id, string Reader, string HostDir, string File, string Setup);

    /// <summary>When every file a tool reads was last written (any time well before the reading).</summary>
    private static readonly DateTime Settled = new(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    private static void ReadBack(Distro target, IReadOnlyList<HostileCase> cases, Outcome[] outcomes, string root, string certificate, string key)
    {
        var twins = new Dictionary<DslEntryPoint, int>();
        for (var i = 0; i < cases.Count; i++)
            if (cases[i].IsTwin) twins[cases[i].Entry] = i;
        var scratch = Path.Combine(root, target.ToString());
        var jobs = new List<Job>();
        var sameJob = new Dictionary<string, int>(StringComparer.Ordinal);
        var compared = new List<(int Case, int Twin, string Key, int Job, int TwinJob, bool Structure)>();
        var placed = new HashSet<(int, string)>();
        var q = Command.ShellQuote;

        // Where a case's certificate and key are: the sites open them, so the sandbox has them at the case's paths.
        string Setup(int index)
        {
            var c = cases[index];
            if (c.Entry.Parameter.Method.Method.Name is not ("Certificate" or "Alternative") || !c.Value.StartsWith("/etc/", StringComparison.Ordinal)) return "";
            var file = c.Entry.Parameter.Info.Name == "keyFile" ? key : certificate;
            return $"install -D -m 0600 {q(file)} {q(c.Value)} 2>/dev/null; ";
        }

        int Place(int index, Artifact file)
        {
            var hostDir = Path.Combine(scratch, "c" + index.ToString(CultureInfo.InvariantCulture), Safe(file.Host));
            var path = Path.Combine(hostDir, file.Path.TrimStart('/'));
            // Every file of the host, once, so a tool reading one (dovecot.conf's include, main.cf beside a table) finds the others.
            if (placed.Add((index, file.Host)))
                foreach (var sibling in outcomes[index].Files[target].Where(f => f.Host == file.Host))
                {
                    var p = Path.Combine(hostDir, sibling.Path.TrimStart('/'));
                    Directory.CreateDirectory(Path.GetDirectoryName(p)!);
                    File.WriteAllText(p, sibling.Content);
                    // Written long ago, as a host's files are when a tool reads them: Postfix reads a main.cf changed within the
                    // last second again until it "cools down", and Postfix 3.10's postconf -n then leaves out the config_directory
                    // line it prints after a single read, so a reading would depend on how soon its job ran after this write.
                    File.SetLastWriteTimeUtc(p, Settled);
                }
            var reader = ReaderOf(file, target);
            var setup = Setup(index);
            // A tool reads the same text the same way: one job per reader and text (and what it opens beside it).
            var sameKey = reader + "\u0000" + setup + "\u0000" + file.Content + (reader == "doveconf -n"
                ? "\u0000" + outcomes[index].Files[target].FirstOrDefault(f => f.Host == file.Host && f.Path == Daemons.Dovecot.DovecotDirectory.SecretsPath)?.Content
                : "");
            if (sameJob.TryGetValue(sameKey, out var id)) return id;
            var job = new Job(jobs.Count, reader, hostDir, path, setup);
            jobs.Add(job);
            return sameJob[sameKey] = job.Id;
        }

        for (var i = 0; i < cases.Count; i++)
        {
            var c = cases[i];
            if (c.IsTwin || !outcomes[i].Files.TryGetValue(target, out var files)) continue;
            if (!twins.TryGetValue(c.Entry, out var t) || !outcomes[t].Files.TryGetValue(target, out var twinFiles)) continue;
            var structure = !ChangesStructure(c);
            var bracketed = Topology.Addresses.IsIPv6(c.Value);
            var forms = Forms(c.Value, c.Entry.Kind);
            var twinForms = Forms(c.Entry.Benign, c.Entry.Kind, bracketed);
            var twinByKey = twinFiles.ToDictionary(f => Neutral(f.Host, twinForms) + "\n" + f.Path, f => f, StringComparer.Ordinal);
            foreach (var file in files)
            {
                var fileKey = Neutral(file.Host, forms) + "\n" + file.Path;
                twinByKey.TryGetValue(fileKey, out var twinFile);
                if (twinFile is null && structure)
                {
                    outcomes[i].Problems.Add($"{TargetSystems.DisplayName(target)}: {file.Host}{file.Path} has no twin file: the value made a file of its own");
                    continue;
                }
                var holds = forms.Any(f => file.Content.Contains(f, StringComparison.Ordinal)) || file.Host != twinFile?.Host || twinFile.Content != file.Content;
                if (!holds) continue;
                if (ReaderOf(file, target) == "controller") continue;
                if (ReaderOf(file, target) == "text")
                {
                    if (structure && Lines(Neutral(file.Content, forms)) != Lines(Neutral(twinFile!.Content, twinForms)))
                        outcomes[i].Problems.Add($"{TargetSystems.DisplayName(target)}: {file.Path} differs from its twin's beyond the value:\n"
                            + Diff(Lines(Neutral(twinFile.Content, twinForms)), Lines(Neutral(file.Content, forms))));
                    continue;
                }
                // A version override renders another version's syntax than the target's own daemons read: only bash checks its install.sh.
                if (c.Entry.Kind == ValueKind.Version && ReaderOf(file, target) != "bash") continue;
                var job = Place(i, file);
                compared.Add((i, t, fileKey, job, twinFile is null ? -1 : Place(t, twinFile), structure));
            }
        }
        if (jobs.Count == 0) return;

        var said = RunReaders(target, scratch, jobs, certificate, key, outcomes);
        foreach (var (i, t, fileKey, job, twinJob, structure) in compared)
        {
            var reader = jobs[job].Reader;
            outcomes[i].Readers.Add(reader + " (" + TargetSystems.DisplayName(target) + ")");
            var mine = Normalize(said[job], jobs[job]);
            if (!structure || twinJob < 0)
            {
                // Accepted where it changes what is written: the target's tool must read the file without a complaint.
                var complaints = mine.Split('\n').Where(l => Complains(reader, l)).ToList();
                if (complaints.Count > 0)
                    outcomes[i].Problems.Add($"{TargetSystems.DisplayName(target)}: {reader} complains about {fileKey.Replace('\n', ' ')}:\n" + string.Join("\n", complaints.Take(3)));
                continue;
            }
            var forms = Forms(cases[i].Value, cases[i].Entry.Kind);
            var twinForms = Forms(cases[t].Value, cases[t].Entry.Kind, Topology.Addresses.IsIPv6(cases[i].Value));
            var twinSaid = Normalize(said[twinJob], jobs[twinJob]);
            if (!Read(reader, twinSaid))
            {
                outcomes[i].Problems.Add($"{TargetSystems.DisplayName(target)}: {reader} could not read the twin's {fileKey.Replace('\n', ' ')}, so the comparison proves nothing:\n{twinSaid}");
                continue;
            }
            var a = Compared(reader, cases[i], Neutral(mine, forms));
            var b = Compared(reader, cases[t], Neutral(Normalize(said[twinJob], jobs[twinJob]), twinForms));
            if (a != b)
                outcomes[i].Problems.Add($"{TargetSystems.DisplayName(target)}: {reader} reads {fileKey.Replace('\n', ' ')} differently from its twin's:\n" + Diff(b, a));
        }
    }

    /// <summary>Whether <paramref name="output"/> shows the tool read the file (what each prints when it did), so an empty or failed run never compares equal.</summary>
    private static bool Read(string reader, string output) => reader switch
    {
        "postmap -v ldap" or "postmap -v pgsql" => output.Contains("cfg_get_str: ", StringComparison.Ordinal),
        "pldes" => output.Contains("a dictionary", StringComparison.Ordinal),
        "nginx -t" => output.Contains("test is successful", StringComparison.Ordinal),
        "bash" => output.Contains("bash -n: ok", StringComparison.Ordinal) && output.Contains("data lines exit 0", StringComparison.Ordinal) && output.Contains("maildsl_script ()", StringComparison.Ordinal),
        "bash sources" => output.Contains("left behind: ", StringComparison.Ordinal) && output.Contains('=', StringComparison.Ordinal),
        "yaml" => output.TrimStart().StartsWith('{') || output.TrimStart().StartsWith('['),
        "zone" => output.Contains(" is ok", StringComparison.Ordinal) && output.Contains("\tIN\tSOA\t", StringComparison.Ordinal),
        "mta-sts policy" => output.Split('\n').Any(l => l.Trim() == "valid"),
        "postmap -s" => output.Contains('\t', StringComparison.Ordinal),
        "haproxy -c" => output.Contains("haproxy: Configuration file is valid", StringComparison.Ordinal),
        "keepalived -t" => output.Split('\n').Any(l => l.Trim() == "keepalived -t exit 0"),
        _ => output.Trim().Length > 0,
    } && !output.Split('\n').Any(l => Complains(reader, l));

    /// <summary>Whether <paramref name="line"/> of a tool's output is the tool complaining, in its own words.</summary>
    private static bool Complains(string reader, string line) => reader switch
    {
        "doveconf -n" => line.StartsWith("doveconf: ", StringComparison.Ordinal),
        "postconf -n" or "postconf -M" or "postmap -s" => line.Contains(": warning: ", StringComparison.Ordinal) || line.Contains(": fatal: ", StringComparison.Ordinal),
        "pldes" => line.Contains("bad char", StringComparison.Ordinal) || (line.StartsWith("Parsing ", StringComparison.Ordinal) && !line.Contains("a dictionary", StringComparison.Ordinal)),
        "nginx -t" => line.Contains("[emerg]", StringComparison.Ordinal) || line.Contains("[warn]", StringComparison.Ordinal) || line.Contains("[alert]", StringComparison.Ordinal) || line.Contains("[crit]", StringComparison.Ordinal),
        "bash" => line.Contains("syntax error", StringComparison.Ordinal) || (line.StartsWith("data lines exit ", StringComparison.Ordinal) && line != "data lines exit 0"),
        "bash sources" => line.StartsWith("bash: ", StringComparison.Ordinal) || (line.StartsWith("left behind: ", StringComparison.Ordinal) && line.Trim() != "left behind:"),
        "yaml" => line.StartsWith("Traceback", StringComparison.Ordinal) || line.Contains("Error:", StringComparison.Ordinal),
        "zone" => line.Contains("error", StringComparison.OrdinalIgnoreCase) || line.StartsWith("Traceback", StringComparison.Ordinal),
        "mta-sts policy" => line.Trim() == "invalid" || line.StartsWith("Traceback", StringComparison.Ordinal),
        "haproxy -c" => line.StartsWith("haproxy: ", StringComparison.Ordinal) && (line.Contains("[WARNING]", StringComparison.Ordinal) || line.Contains("[ALERT]", StringComparison.Ordinal)),
        // keepalived -t prints nothing when it accepts a file: any line of its own is a complaint.
        "keepalived -t" => line.StartsWith("keepalived: ", StringComparison.Ordinal) || (line.StartsWith("keepalived -t exit ", StringComparison.Ordinal) && line.Trim() != "keepalived -t exit 0"),
        _ => false,
    };

    /// <summary>
    /// A tool's output as it is compared: in order where order is structure (doveconf, bash, nginx), as a sorted list where the
    /// tool's order follows names (postconf sorts by parameter, postmap -s by hash, pldes by key). A raw SOGo value is sogo.conf
    /// syntax the user writes (quotes, escapes), so for it only the keys pldes reads are compared: no value adds or removes one.
    /// </summary>
    private static string Compared(string reader, HostileCase c, string output)
    {
        // The _mta-sts record's id is the policy's hash (RFC 8461 section 3.1): it changes with any mx pattern, by design.
        if (reader == "zone") output = System.Text.RegularExpressions.Regex.Replace(output, "id=[0-9a-f]{20}", "id=<POLICY-ID>");
        if (reader == "pldes" && c.Entry.Kind == ValueKind.SogoValue)
            return Lines(string.Join("\n", output.Split('\n').Select(l => l.Contains(" = ", StringComparison.Ordinal) ? l.Substring(0, l.IndexOf(" = ", StringComparison.Ordinal)) : l.Trim())));
        return reader is "postconf -n" or "postconf -n (table)" or "postmap -s" or "pldes" or "yaml" ? Lines(output) : output;
    }

    private static string Lines(string text) => string.Join("\n", text.Split('\n').Select(l => l.TrimEnd('\r')).Order(StringComparer.Ordinal));

    // What reads a file as its daemon (or its controller) does ("text" when no tool reads it alone: its lines are compared).
    private static string ReaderOf(Artifact file, Distro target) => file.Path switch
    {
        "/etc/dovecot/dovecot.conf" => "doveconf -n",
        "/etc/postfix/main.cf" => "postconf -n",
        "/etc/postfix/master.cf" => "postconf -M",
        Daemons.Postfix.PostfixDirectory.RecipientsPath => file.Content.Contains("server_host = ", StringComparison.Ordinal) ? "postmap -v ldap"
            : file.Content.Contains("hosts = postgresql:", StringComparison.Ordinal) ? "postmap -v pgsql" : "postconf -n (table)",
        Daemons.Postfix.PostfixDirectory.AliasesPath => "postmap -s",
        "/etc/sogo/sogo.conf" => "pldes",
        "/etc/default/sogo" or "/etc/sysconfig/sogo" => "bash sources",
        "/etc/nginx/conf.d/sogo.conf" => "nginx -t",
        Daemons.Haproxy.HaproxyConfigRenderer.ConfigPath => "haproxy -c",
        "/etc/keepalived/keepalived.conf" => "keepalived -t",
        "/install.sh" => "bash",
        Daemons.Nginx.NginxSiteRenderer.MtaStsPolicyPath => "mta-sts policy",
        // The zone fragments are read by the DNS servers the operator runs, not by the hosts: once, with Debian 12's emission.
        _ when file.Path.StartsWith(Dns.DnsRecords.Folder, StringComparison.Ordinal) && file.Path.EndsWith(".zone", StringComparison.Ordinal) => target == Distro.Debian12 ? "zone" : "controller",
        // The fleet files are read on the Ansible controller (this machine), by PyYAML, Ansible's own YAML library: once, with
        // Debian 12's emission (the controller is not the target).
        _ when file.Path.EndsWith(".yml", StringComparison.Ordinal) || file.Path.EndsWith(".yaml", StringComparison.Ordinal) => target == Distro.Debian12 ? "yaml" : "controller",
        _ => "text",
    };

    private static string Safe(string host) => host.Length == 0 ? "_fleet" : Convert.ToHexString(Encoding.UTF8.GetBytes(host)).ToLowerInvariant();

    // Each reader as a shell function of $1 (the host folder) and $2 (the file); its output is compared with the twin's.
    private const string Readers = """
        read_doveconf() { doveconf -n -c "$2" 2>&1; }
        # main.cf names its tables at /etc/postfix, where this case's are not: postconf's warning that it cannot open them is left out.
        read_postconf() { postconf -c "$1/etc/postfix" -n 2>&1 | grep -v -E ': warning: open "[a-z]+" configuration "/etc/postfix/'; }
        read_master() { postconf -c "$1/etc/postfix" -M 2>&1 | grep -v -E ': warning: open "[a-z]+" configuration "/etc/postfix/'; }
        read_postmap_v() {
          timeout 20 unshare -n bash -c 'ip link set lo up && exec postmap -c "$1" -v -q probe@example.org "$2"' _ "$1/etc/postfix" "$3:$2" 2>&1 \
            | grep -E ': cfg_get_(str|int|bool): ' | sed 's/^[^:]*: //'
        }
        read_postmap_v_ldap() { read_postmap_v "$1" "$2" ldap; }
        read_postmap_v_pgsql() { read_postmap_v "$1" "$2" pgsql; }
        # A table's parameters are not main.cf's: postconf reads its name = value lines as Postfix reads every such file and names
        # each one it does not know ("unused parameter: name=value", Postfix 3.7 and 3.10 alike): that list is the reading.
        # (cp -p: a copy as old as the file, which postconf reads once; see Settled.)
        read_table() { local d; d=$(mktemp -d); cp -p "$2" "$d/main.cf"; : > "$d/master.cf"; postconf -c "$d" -n 2>&1 >/dev/null | sed -n 's/^.*: unused parameter: //p'; rm -rf "$d"; }
        read_aliases() { postmap -c "$1/etc/postfix" -s "texthash:$2" 2>&1; }
        read_pldes() { plparse "$2" 2>&1; pldes "$2" 2>&1; }
        read_sourced() {
          local d; d=$(mktemp -d)
          (cd "$d" && env -i PATH=/usr/bin:/bin bash -c 'set -a; . "$1"; set +a; env' _ "$2" 2>&1 | grep -v -E '^(PWD|SHLVL|_|OLDPWD)=' | LC_ALL=C sort)
          echo "left behind: $(ls -A "$d")"; rm -rf "$d"
        }
        read_nginx() {
          local d; d=$(mktemp -d)
          printf 'pid %s/nginx.pid;\nerror_log stderr;\nevents { }\nhttp {\n  access_log off;\n  include %s;\n}\n' "$d" "$2" > "$d/nginx.conf"
          nginx -t -p "$d" -c "$d/nginx.conf" 2>&1 | sed -e "s#$d#<NGINX>#g" -e 's/^[0-9/]* [0-9:]* //' -e 's/#[0-9]*#[0-9]*/#PID/'; rm -rf "$d"
        }
        read_bash() {
          bash -n "$2" 2>&1 && echo "bash -n: ok"
          bash -c 'eval "maildsl_script() {
        $(cat "$1")
        }" && declare -f maildsl_script' _ "$2" 2>&1
          local d; d=$(mktemp -d)
          sed -n '1,/^# What follows is the same on every host/p' "$2" > "$d/.data"
          (cd "$d" && env -i PATH=/usr/bin:/bin bash .data >/dev/null 2>&1; echo "data lines exit $?")
          rm -f "$d/.data"; echo "left behind: $(ls -A "$d")"; rm -rf "$d"
        }
        read_yaml() {
          /usr/bin/python3 -c 'import json, sys, yaml
        class Loader(yaml.SafeLoader): pass
        Loader.add_constructor("!unsafe", lambda loader, node: loader.construct_scalar(node))
        print(json.dumps(yaml.load(open(sys.argv[1]), Loader=Loader), indent=0, sort_keys=True))' "$2" 2>&1
        }
        # A zone fragment as an authoritative server loads it (nsd-checkzone) and as ldns reads it, under a SOA and NS of its
        # own; then the structure of the TXT records MailDsl writes values into: TLS-RPT's fields and rua URIs (RFC 8460
        # section 3: ';' and ','), MTA-STS's fields, and every CAA's tag and value count.
        read_zone() {
          local d origin; d=$(mktemp -d); origin=$(basename "$2" .zone)
          { printf '$TTL 3600\n%s. IN SOA ns.%s. hostmaster.%s. 1 3600 900 604800 300\n%s. IN NS ns.%s.\n' "$origin" "$origin" "$origin" "$origin" "$origin"; cat "$2"; } > "$d/zone"
          nsd-checkzone "$origin" "$d/zone" 2>&1 | sed -e "s#$d#<D>#g"
          ldns-read-zone -z "$d/zone" > "$d/read" 2>&1; cat "$d/read"
          /usr/bin/python3 -c 'import sys
        for line in open(sys.argv[1]):
            parts = line.rstrip("\n").split("\t")
            if len(parts) < 5: continue
            name, rtype, data = parts[0], parts[3], parts[4]
            if rtype == "TXT":
                strings = data.split(chr(34))[1::2]
                fields = [f.strip() for f in "".join(strings).split(";") if f.strip()]
                rua = [f for f in fields if f.startswith("rua=")]
                uris = rua[0][4:].split(",") if rua else []
                print("TXT %s: %d strings, fields %s, %d rua URIs" % (name, len(strings), [f.split("=")[0] for f in fields], len(uris)))
            if rtype == "CAA":
                print("CAA %s: %d words, tag %s" % (name, len(data.split(" ")), data.split(" ")[1]))' "$d/read" 2>&1
          rm -rf "$d"
        }
        # The MTA-STS policy file as postfix-mta-sts-resolver parses a fetched one, and its checks of it (resolver.py).
        read_policy() {
          /usr/bin/python3 -c 'import json, sys
        from postfix_mta_sts_resolver.utils import parse_mta_sts_policy
        p = parse_mta_sts_policy(open(sys.argv[1]).read())
        print(json.dumps(p, indent=0, sort_keys=True))
        ok = p.get("version") == "STSv1" and p.get("mode") in ("none", "testing", "enforce") and len(p["mx"]) > 0 and 0 <= int(p.get("max_age", "-1")) <= 31557600
        print("valid" if ok else "invalid")' "$2" 2>&1
        }
        # HAProxy's own check of the file (-dW: a warning fails it; -V: 3.0 says 'Configuration file is valid' only when asked;
        # its notices name its pid and version, not the file), then
        # the file's lines without comments: neither HAProxy nor keepalived prints what it read, so their acceptance and the
        # text beside the twin's are the reading.
        # HAProxy opens the CA files and certificates a file names: the test certificate stands in where none is.
        read_haproxy() {
          local f
          for f in $(awk '{ for (i = 1; i < NF; i++) if ($i == "ca-file" || $i == "crt") print $(i + 1) }' "$2" | sort -u); do
            [ "$f" = @system-ca ] || [ -e "$f" ] || { install -D -m 0644 /etc/ssl/maildsl/allservers.crt "$f" && install -m 0600 /etc/ssl/maildsl/allservers.key "$f.key"; } 2>/dev/null
          done
          # A backend named, not addressed, is resolved when HAProxy loads the file: the sandbox's /etc/hosts names it.
          awk '$1 == "server" { split($3, a, ":"); if (a[1] !~ /^[0-9.]+$/ && $3 !~ /^\[/) print "192.0.2.1 " a[1] }' "$2" | sort -u >> /etc/hosts
          haproxy -c -V -dW -f "$2" 2>&1 | grep -v -F '[NOTICE]' | sed -e "s#$2#<CFG>#g" -e 's/^\[\([A-Z]*\)\] *([0-9]*)/[\1]/' -e 's/^/haproxy: /'
          grep -v -E '^[[:space:]]*(#|$)' "$2"
        }
        # keepalived -t checks that each interface the file names exists, and its track script: in a network namespace of its
        # own with an interface of each name (a veth: they exist on the balancers), the script as /usr/bin/true (it is MailDsl's).
        read_keepalived() {
          local d; d=$(mktemp -d)
          sed -e 's#"/etc/keepalived/maildsl-haproxy-check"#"/usr/bin/true"#' "$2" > "$d/keepalived.conf"
          timeout 20 unshare -n bash -c 'n=0; for i in $(awk '"'"'$1 == "interface" { print $2 }'"'"' "$1" | sort -u); do n=$((n + 1)); ip link add "$i" type veth peer name "maildsl$n" || exit 9; done; keepalived -t -f "$1"' _ "$d/keepalived.conf" > "$d/said" 2>&1
          echo "keepalived -t exit $?"
          sed -e "s#$d#<D>#g" -e 's/^/keepalived: /' "$d/said"
          grep -v -E '^[[:space:]]*(#|$)' "$2"
          rm -rf "$d"
        }
        # Each job in a mount namespace of its own, its /etc an overlay whose upper layer is the job's own folder: what its setup
        # installs there (a certificate at the path a value names) no other job sees. A job that cannot have it leaves no output.
        run_job() {
          local id=$1
          mkdir -p "$jobs/$id/upper" "$jobs/$id/work"
          unshare --mount --propagation private bash -c '. ./readers.sh; run_job_alone "$@"' _ "$@"
        }
        run_job_alone() {
          local id=$1 reader=$2 host=$3 file=$4 setup=$5
          mount -t overlay overlay -o "lowerdir=/etc,upperdir=$jobs/$id/upper,workdir=$jobs/$id/work" /etc || { echo "job $id: no /etc of its own" >&2; return 1; }
          { eval "$setup"; "$reader" "$host" "$file"; } > "$out/$id" 2>&1
        }
        """;

    private static string Call(Job job) => job.Reader switch
    {
        "doveconf -n" => "read_doveconf",
        "postconf -n" => "read_postconf",
        "postconf -M" => "read_master",
        "postmap -v ldap" => "read_postmap_v_ldap",
        "postmap -v pgsql" => "read_postmap_v_pgsql",
        "postconf -n (table)" => "read_table",
        "postmap -s" => "read_aliases",
        "pldes" => "read_pldes",
        "bash sources" => "read_sourced",
        "nginx -t" => "read_nginx",
        "bash" => "read_bash",
        "yaml" => "read_yaml",
        "zone" => "read_zone",
        "mta-sts policy" => "read_policy",
        "haproxy -c" => "read_haproxy",
        "keepalived -t" => "read_keepalived",
        _ => throw new InvalidOperationException(job.Reader),
    };

    /// <summary>
    /// Runs every job in one sandbox of <paramref name="target"/>, a few at a time, each with an /etc of its own (no network for
    /// the table readers), then looks for marker files.
    /// </summary>
    private static string[] RunReaders(Distro target, string scratch, IReadOnlyList<Job> jobs, string certificate, string key, Outcome[] outcomes)
    {
        var q = Command.ShellQuote;
        var output = Path.Combine(scratch, "out");
        Directory.CreateDirectory(output);
        File.WriteAllText(Path.Combine(scratch, "readers.sh"), Readers + "\nout=" + q(output) + "\njobs=" + q(Path.Combine(scratch, "jobs")) + "\n");
        var dh = Path.Combine(scratch, "ffdhe2048.pem");
        File.WriteAllText(dh, Tls.Files.DhParameters.Artifact("x").Content);
        var list = new StringBuilder();
        foreach (var job in jobs)
            list.Append(string.Join("\t", job.Id.ToString(CultureInfo.InvariantCulture), Call(job), job.HostDir, job.File, job.Setup)).Append('\n');
        // The certificate, key and DH group the sites name, where they name them (in the sandbox's own /etc).
        var script = string.Join("\n",
            $"install -D -m 0600 {q(certificate)} /etc/ssl/maildsl/allservers.crt",
            $"install -D -m 0600 {q(key)} /etc/ssl/maildsl/allservers.key",
            $"install -D -m 0644 {q(dh)} {q(Tls.Files.DhParameters.Path)}",
            $"install -D -m 0600 {q(certificate)} /etc/ssl/maildsl/allservers-ecdsa.crt",
            $"install -D -m 0600 {q(key)} /etc/ssl/maildsl/allservers-ecdsa.key",
            $"rm -f /tmp/{HostileCorpus.Marker}",
            $"cd {q(scratch)}",
            $"tr '\\t' '\\0' < jobs.tsv | xargs -0 -n 5 -P {Math.Max(2, Environment.ProcessorCount)} bash -c '. ./readers.sh; run_job \"$@\"' _",
            "echo markers:",
            $"ls -d /tmp/{HostileCorpus.Marker} 2>/dev/null; find {q(scratch)} -name {HostileCorpus.Marker}",
            "");
        // xargs reads the five fields of each job as NUL-separated words; a job's line break ends its last field.
        File.WriteAllText(Path.Combine(scratch, "jobs.tsv"), list.ToString().Replace("\n", "\t", StringComparison.Ordinal));
        using var sandbox = SandboxHost.Start("hostile-" + target, Path.Combine(scratch, "..", "sandbox-" + target), target, new[] { scratch, Path.GetDirectoryName(certificate)! });
        var result = sandbox.Run(script, TimeSpan.FromMinutes(30));
        var markers = result.Output.Substring(result.Output.IndexOf("markers:", StringComparison.Ordinal) + "markers:".Length).Trim();
        if (!result.Output.Contains("markers:", StringComparison.Ordinal))
            throw new InvalidOperationException($"{TargetSystems.DisplayName(target)}'s readers did not finish:\n{result}");
        if (markers.Length > 0)
            foreach (var o in outcomes) o.Problems.Add($"{TargetSystems.DisplayName(target)}: a marker file appeared: {markers}");
        var said = new string[jobs.Count];
        for (var i = 0; i < jobs.Count; i++)
        {
            var file = Path.Combine(output, i.ToString(CultureInfo.InvariantCulture));
            said[i] = File.Exists(file) ? File.ReadAllText(file) : throw new InvalidOperationException($"{TargetSystems.DisplayName(target)}: job {i} ({jobs[i].Reader} {jobs[i].File}) left no output:\n{result}");
        }
        return said;
    }

    // The output with the job's own folders named alike, so two cases compare.
    private static string Normalize(string output, Job job)
        => output.Replace(job.File, "<FILE>", StringComparison.Ordinal).Replace(job.HostDir, "<HOST>", StringComparison.Ordinal);

    private static string Diff(string a, string b)
    {
        var x = a.Split('\n');
        var y = b.Split('\n');
        var i = 0;
        while (i < x.Length && i < y.Length && x[i] == y[i]) i++;
        return $"line {i + 1}: twin '{Show(i < x.Length ? x[i] : "")}' vs '{Show(i < y.Length ? y[i] : "")}'";
    }

    private static string Show(string s) => DocsTable.Printable(s.Replace(Placeholder, "{V}", StringComparison.Ordinal));
}
