using System.Collections.Concurrent;
using MailDsl.Render;
using MailDsl.Rules;
using MailDsl.TestPlatform.Sandbox;
using Microsoft.CodeAnalysis;

namespace MailDsl.Generators.Tests.Security;

/// <summary>What MailDsl and the real tools made of one hostile value at one entry point.</summary>
/// <param name="Entry">Where it entered.</param>
/// <param name="Value">The value.</param>
/// <param name="CompileTime">The error diagnostics the analyzer reported, e.g. <c>MAIL3001</c>, sorted.</param>
/// <param name="RunTime">The error findings the rules reported on the platform built at run time, sorted.</param>
/// <param name="Problems">What is wrong: a crash, a diagnostic away from the argument, disagreement, or a tool reading the value differently.</param>
/// <param name="ToolVerdict">For an accepted value, what the real tool said (e.g. <c>postconf read it back unchanged</c>).</param>
public sealed record HostileVerdict(EntryPoint Entry, string Value, IReadOnlyList<string> CompileTime, IReadOnlyList<string> RunTime,
    IReadOnlyList<string> Problems, string ToolVerdict)
{
    /// <summary>Whether the value was refused (no file written).</summary>
    public bool Refused => RunTime.Count > 0;
}

/// <summary>
/// Tries every value of <see cref="HostileCorpus"/> at its entry point, at compile time (the analyzer on a source with
/// the value as a literal) and at run time (the DSL called with it, then the rules), and, where MailDsl accepts it,
/// has the real tool read the emitted file back: postconf and doveconf with expansion (<c>-x</c>), nginx -t, and
/// bash's own parse of install.sh compared with a benign twin's. Computed once, shared by the tests and the docs table.
/// </summary>
public static class HostileVerdicts
{
    private static readonly Lazy<IReadOnlyList<HostileVerdict>> Computed = new(Compute);

    /// <summary>Every verdict, in corpus order.</summary>
    public static IReadOnlyList<HostileVerdict> All => Computed.Value;

    private static IReadOnlyList<HostileVerdict> Compute()
    {
        var root = Directory.CreateTempSubdirectory("maildsl-hostile-").FullName;
        try
        {
            var (certificate, key) = MakeCertificate(root);
            var cases = HostileCorpus.All().ToList();
            var twins = new ConcurrentDictionary<string, string>();
            var results = new HostileVerdict[cases.Count];
            Parallel.For(0, cases.Count, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, i =>
                results[i] = Judge(cases[i].Entry, cases[i].Value, certificate, key, Path.Combine(root, i.ToString(System.Globalization.CultureInfo.InvariantCulture)), twins));
            return results;
        }
        finally
        {
            try { Directory.Delete(root, recursive: true); } catch (IOException) { }
        }
    }

    private static (string Certificate, string Key) MakeCertificate(string root)
    {
        // Real files at the platform's paths: doveconf -x and nginx -t read them.
        var certificate = Path.Combine(root, "mail.crt");
        var key = Path.Combine(root, "mail.key");
        var made = Command.Run("openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
            "-keyout", key, "-out", certificate, "-subj", "/CN=example.org", "-days", "2");
        if (!made.Succeeded) throw new InvalidOperationException("openssl could not make the test certificate:\n" + made);
        return (certificate, key);
    }

    private static HostileVerdict Judge(EntryPoint entry, string value, string certificate, string key, string scratch,
        ConcurrentDictionary<string, string> twins)
    {
        var problems = new List<string>();
        var compileTime = CompileTime(entry, value, certificate, key, problems);
        IReadOnlyList<string> runTime;
        Model.PlatformModel model;
        try
        {
            model = entry.Build(value, certificate, key).Build();
            runTime = MailDsl.Rules.RuleSet.Check(model).Where(f => f.Severity == Severity.Error).Select(f => f.RuleId).Distinct().Order(StringComparer.Ordinal).ToList();
        }
        catch (Exception ex)
        {
            problems.Add($"the DSL or the rules threw at run time: {ex.GetType().Name}: {ex.Message}");
            return new HostileVerdict(entry, value, compileTime, Array.Empty<string>(), problems, "");
        }
        if (!compileTime.SequenceEqual(runTime))
            problems.Add($"compile time said [{string.Join(", ", compileTime)}] but run time said [{string.Join(", ", runTime)}]");
        if (runTime.Count > 0) return new HostileVerdict(entry, value, compileTime, runTime, problems, "");

        var tool = "";
        try
        {
            var files = PlatformRenderer.Render(model);
            Directory.CreateDirectory(scratch);
            tool = ReadBackWithTool(entry, value, files, scratch, certificate, key, twins, problems);
        }
        catch (Exception ex)
        {
            problems.Add($"rendering or the tool check threw: {ex.GetType().Name}: {ex.Message}");
        }
        return new HostileVerdict(entry, value, compileTime, runTime, problems, tool);
    }

    private static IReadOnlyList<string> CompileTime(EntryPoint entry, string value, string certificate, string key, List<string> problems)
    {
        var source = HostileCorpus.Source(entry, value, certificate, key);
        var compilation = Harness.Compile(source);
        var diagnostics = Harness.DiagnosticsAsync(compilation).GetAwaiter().GetResult();
        foreach (var d in diagnostics.Where(d => d.Id is "AD0001" or "CS8785"))
            problems.Add($"the analyzer or generator crashed: {d.GetMessage(System.Globalization.CultureInfo.InvariantCulture)}");
        var (result, _) = Harness.Generate(compilation);
        foreach (var generator in result.Results.Where(r => r.Exception is not null))
            problems.Add($"the generator threw: {generator.Exception!.Message}");
        var errors = diagnostics.Where(d => d.Id.StartsWith("MAIL", StringComparison.Ordinal) && d.Severity == DiagnosticSeverity.Error).ToList();
        // Each error lands on the argument the value was written as (the literal, or a part of it).
        var literal = Microsoft.CodeAnalysis.CSharp.SymbolDisplay.FormatLiteral(value, quote: true);
        var at = source.IndexOf(literal, StringComparison.Ordinal);
        foreach (var error in errors)
        {
            var span = error.Location.SourceSpan;
            if (at < 0 || span.Start < at || span.End > at + literal.Length)
                problems.Add($"{error.Id} points at '{source.Substring(span.Start, span.Length)}', not at the value's argument");
        }
        return errors.Select(e => e.Id).Distinct().Order(StringComparer.Ordinal).ToList();
    }

    private static string ReadBackWithTool(EntryPoint entry, string value, IReadOnlyList<Model.Artifact> files, string scratch,
        string certificate, string key, ConcurrentDictionary<string, string> twins, List<string> problems)
    {
        var hostFiles = files.Where(f => f.Host == entry.Host || (entry.Name == "Hosts" && f.Host == value)).ToList();
        // The host's files under the scratch folder; the DH group file, which daemons open at its host path, named there.
        var dh = MailDsl.Tls.Files.DhParameters.Path;
        foreach (var file in hostFiles)
        {
            var path = Path.Combine(scratch, file.Path.TrimStart('/'));
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, file.Content.Replace(dh, Path.Combine(scratch, dh.TrimStart('/'))));
        }
        var expected = value.Trim(' ', '\t');
        switch (entry.ReadBack)
        {
            case ReadBack.Postfix:
            {
                var dir = Path.Combine(scratch, "etc/postfix");
                File.SetLastWriteTimeUtc(Path.Combine(dir, "main.cf"), DateTime.UtcNow.AddMinutes(-1)); // postconf waits on a fresh main.cf
                var parameter = entry.Parameter ?? value;
                var read = Command.Run("postconf", "-c", dir, "-x", "-h", parameter);
                var want = entry.Name switch
                {
                    "Banner" => HostileCorpus.Mx + " ESMTP " + expected,
                    "PostfixSetting key" => "300s",
                    // Postfix has no interface called 0.0.0.0 or ::; MailDsl writes "all" for them (with the family in inet_protocols).
                    "ListenOn" when expected is "0.0.0.0" or "::" => "all",
                    _ => expected,
                };
                if (!read.Succeeded || read.Output.TrimEnd('\n') != want)
                    problems.Add($"postconf read {parameter} back as '{read.Output.TrimEnd('\n')}', not '{want}':\n{read}");
                return $"postconf -x read {parameter} back unchanged";
            }
            case ReadBack.Dovecot:
            {
                var conf = Path.Combine(scratch, "etc/dovecot/dovecot.conf");
                if (entry.Parameter is null)
                {
                    var all = Command.Run("doveconf", "-c", conf, "-x", "-n");
                    var seen = entry.Name == "Listener name" ? $"inet_listener {value} {{" : $"{value} = yes";
                    if (!all.Succeeded || !all.Output.Contains(seen, StringComparison.Ordinal))
                        problems.Add($"doveconf -n did not show '{seen}':\n{all}");
                    return "doveconf -x -n shows it as written";
                }
                var read = Command.Run("doveconf", "-c", conf, "-x", "-h", entry.Parameter);
                if (!read.Succeeded || read.Output.TrimEnd('\n') != expected)
                    problems.Add($"doveconf read {entry.Parameter} back as '{read.Output.TrimEnd('\n')}', not '{expected}':\n{read}");
                return $"doveconf -x read {entry.Parameter} back unchanged";
            }
            case ReadBack.Nginx:
            {
                var conf = Path.Combine(scratch, "nginx.conf");
                File.WriteAllText(conf, $"pid {scratch}/nginx.pid;\nerror_log stderr;\nevents {{ }}\nhttp {{\n    access_log off;\n    include {scratch}/etc/nginx/conf.d/*.conf;\n}}\n");
                var test = Command.Run("nginx", "-t", "-p", scratch, "-c", conf);
                if (!test.Succeeded) problems.Add("nginx -t refused the site:\n" + test);
                return "nginx -t accepts the site";
            }
            default:
            {
                var script = files.Single(f => f.Host == hostFiles.First().Host && f.Path == "/install.sh").Content;
                var parsed = BashParse(script, value);
                var twinKey = entry.Name;
                var twin = twins.GetOrAdd(twinKey, _ =>
                {
                    var benign = entry.Build(entry.Benign, certificate, key).Build();
                    var benignFiles = PlatformRenderer.Render(benign);
                    var benignHost = entry.Name == "Hosts" ? entry.Benign : entry.Host;
                    return BashParse(benignFiles.Single(f => f.Host == benignHost && f.Path == "/install.sh").Content, entry.Benign);
                });
                if (parsed != twin)
                    problems.Add("bash parses install.sh differently from its benign twin's:\n" + Diff(twin, parsed));
                return "bash parses install.sh as its benign twin's";
            }
        }
    }

    /// <summary>
    /// bash's own reading of a script: the script as a function body, printed back by <c>declare -f</c> (bash's parse,
    /// comments dropped), with the value replaced by a placeholder, so two scripts that differ only in the value compare
    /// equal exactly when bash reads them the same way.
    /// </summary>
    private static string BashParse(string script, string value)
    {
        var file = Path.GetTempFileName();
        try
        {
            File.WriteAllText(file, script);
            var result = Command.Run("bash", "-c", "eval \"maildsl_script() {\n$(cat \"$1\")\n}\" && declare -f maildsl_script", "_", file);
            if (!result.Succeeded) return "bash could not parse it: " + result.Output;
            return value.Length == 0 ? result.Output : result.Output.Replace(value, "\u0001VALUE\u0001", StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(file);
        }
    }

    private static string Diff(string a, string b)
    {
        var x = a.Split('\n');
        var y = b.Split('\n');
        var i = 0;
        while (i < x.Length && i < y.Length && x[i] == y[i]) i++;
        return $"line {i + 1}: twin '{(i < x.Length ? x[i] : "")}' vs '{(i < y.Length ? y[i] : "")}'";
    }
}
