using System.Globalization;
using System.Text;
using MailDsl.Daemons.Nginx;
using MailDsl.Model;
using MailDsl.Render.Tests.Support;
using MailDsl.Rules;
using MailDsl.Tls.Files;

namespace MailDsl.Render.Tests.Fuzz;

/// <summary>What MailDsl and the target's checker made of one fuzzed description.</summary>
/// <param name="Case">The description.</param>
/// <param name="Errors">MailDsl's error findings on it and its MAIL4020 (value not checked), empty when it compiles clean.</param>
/// <param name="Failure">What the checker refused or warned about, in its own words; null when it accepted the files or none ran.</param>
/// <param name="Checked">Whether a checker read the files.</param>
public sealed record FuzzResult(FuzzCase Case, IReadOnlyList<Finding> Errors, string? Failure, bool Checked)
{
    /// <summary>Whether MailDsl accepts the description (no error).</summary>
    public bool Accepted => Errors.Count == 0;

    /// <inheritdoc/>
    public override string ToString()
        => $"{Case} -> {(Accepted ? "accepted" : string.Join(", ", Errors.Select(e => e.RuleId).Distinct()))}{(Failure is null ? "" : ": " + Failure)}";
}

/// <summary>
/// Runs fuzzed descriptions through MailDsl's rules and, for the files MailDsl would write, through the target's own
/// checkers, all in one sandbox of the target (<see cref="SandboxHost"/>, the files under a shared scratch folder, each
/// checker given its file's path). The cases MailDsl accepts are checked in batches: the cases of one entry point that
/// compose into one description MailDsl still accepts (each setting's name once, at most <see cref="BatchSize"/>) are
/// rendered and checked together, one checker run per batch; a batch a checker refuses is checked again case by case, so
/// every refusal is pinned on its value.
/// </summary>
public static class FuzzRun
{
    /// <summary>The most cases one batch holds.</summary>
    public const int BatchSize = 40;

    /// <summary>
    /// Every case's verdicts. A case MailDsl accepts is rendered and checked as emitted. With <paramref name="refusedAsWritten"/>,
    /// a case MailDsl refuses is checked too, its values written as the daemon would get them without MailDsl (raw settings
    /// as rendered, nginx locations inserted as typed): how a regression proves the checker refuses what the rule refuses.
    /// With <paramref name="refusedAsEmitted"/>, a case MailDsl refuses is checked as MailDsl renders it all the same (what
    /// emit writes where the error's severity is lowered in .editorconfig): what a rule leaves out is not written.
    /// </summary>
    public static IReadOnlyList<FuzzResult> Check(Distro target, IEnumerable<FuzzCase> cases, bool refusedAsWritten = false, bool refusedAsEmitted = false)
        => Check(target, cases, out _, refusedAsWritten, refusedAsEmitted);

    /// <summary><see cref="Check(Distro, IEnumerable{FuzzCase}, bool)"/>, saying how many checker runs it took.</summary>
    public static IReadOnlyList<FuzzResult> Check(Distro target, IEnumerable<FuzzCase> cases, out int checkerRuns, bool refusedAsWritten = false, bool refusedAsEmitted = false)
    {
        var root = Directory.CreateTempSubdirectory("maildsl-fuzz-").FullName;
        checkerRuns = 0;
        try
        {
            var certificate = Path.Combine(root, "mail.crt");
            var key = Path.Combine(root, "mail.key");
            var made = Command.Run("openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
                "-keyout", key, "-out", certificate, "-subj", "/CN=fuzz.maildsl.test", "-days", "2");
            if (!made.Succeeded) throw new InvalidOperationException("openssl could not make the fuzz certificate:\n" + made);
            Platform Describe(IReadOnlyList<FuzzCase> batch)
                => batch.Aggregate(batch[0].Layer(Platform.Create("fuzz.maildsl.test").Target(target).Certificate(certificate, key)), (p, c) => c.Apply(p));

            var list = cases.ToList();
            var results = new FuzzResult?[list.Count];
            var errorsOf = new IReadOnlyList<Finding>[list.Count];
            var units = new List<Unit>();
            var accepted = new List<int>();
            for (var i = 0; i < list.Count; i++)
            {
                var c = list[i];
                try
                {
                    var model = Describe(new[] { c }).Build();
                    errorsOf[i] = Errors(model);
                    if (errorsOf[i].Count == 0) accepted.Add(i);
                    else if (!refusedAsWritten && !refusedAsEmitted) results[i] = new FuzzResult(c, errorsOf[i], null, false);
                    else units.Add(new Unit(new[] { i }, !refusedAsEmitted && c.Entry is RawEntry.NginxLocationMatch or RawEntry.NginxLocationBody ? AsTyped(model) : PlatformRenderer.Render(model)));
                }
                catch (Exception ex)
                {
                    results[i] = new FuzzResult(c, Array.Empty<Finding>(), $"MailDsl threw {ex.GetType().Name}: {ex.Message}", false);
                }
            }
            // The accepted cases of each entry point in batches that MailDsl still accepts together.
            foreach (var entry in accepted.GroupBy(i => list[i].Entry))
            {
                var batch = new List<int>();
                PlatformModel? batchModel = null;
                foreach (var i in entry)
                {
                    var together = batch.Append(i).ToList();
                    PlatformModel? model = null;
                    if (batch.Count < BatchSize && batch.All(b => list[b].Key is null || list[b].Key != list[i].Key))
                    {
                        try
                        {
                            model = Describe(together.Select(b => list[b]).ToList()).Build();
                            if (Errors(model).Count > 0) model = null;
                        }
                        catch (Exception) { model = null; } // composing is the test's business: the case alone did not throw
                    }
                    if (model is null && batch.Count > 0)
                    {
                        units.Add(new Unit(batch, PlatformRenderer.Render(batchModel!)));
                        batch = new List<int> { i };
                        batchModel = Describe(new[] { list[i] }).Build();
                    }
                    else
                    {
                        batch = together;
                        batchModel = model ?? Describe(new[] { list[i] }).Build();
                    }
                }
                if (batch.Count > 0) units.Add(new Unit(batch, PlatformRenderer.Render(batchModel!)));
            }
            if (units.Count == 0) return results.Select(r => r!).ToList();

            using var sandbox = SandboxHost.Start("fuzz", Path.Combine(root, ".sandbox"), target, new[] { root });
            var round = 0;
            while (units.Count > 0)
            {
                var dirs = Write(root, round++, units, list);
                checkerRuns += units.Sum(u => list[u.Cases[0]].Checkers.Count);
                RunChecks(sandbox, root, round, units, dirs, list);
                var again = new List<Unit>();
                var verdicts = units.Select((unit, u) => Verdicts(dirs[u], list[unit.Cases[0]])).ToList();
                for (var u = 0; u < units.Count; u++)
                {
                    var unit = units[u];
                    var failure = verdicts[u];
                    if (failure is not null && unit.Cases.Count > 1)
                    {
                        // Refused together: each case again alone, to say whose value it was.
                        foreach (var i in unit.Cases) again.Add(new Unit(new[] { i }, PlatformRenderer.Render(Describe(new[] { list[i] }).Build())) { Batch = unit.Cases });
                        continue;
                    }
                    // A case of a refused batch that passes alone passes if another of the batch is refused alone; if none is,
                    // the values are refused only together, and each is reported with the others.
                    if (failure is null && unit.Batch is { } batch
                        && !units.Select((other, o) => (other, o)).Any(x => x.other.Batch == batch && verdicts[x.o] is not null))
                        failure = "refused only together with " + string.Join(", ", batch.Where(b => b != unit.Cases[0]).Select(b => list[b].Calls));
                    foreach (var i in unit.Cases) results[i] = new FuzzResult(list[i], errorsOf[i], failure, true);
                }
                units = again;
            }
            return results.Select(r => r!).ToList();
        }
        finally
        {
            try { Directory.Delete(root, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }

    /// <summary>The cases checked together and the files MailDsl writes for them; <see cref="Batch"/> when a case is checked again alone.</summary>
    private sealed record Unit(IReadOnlyList<int> Cases, IReadOnlyList<Artifact> Files)
    {
        public IReadOnlyList<int>? Batch { get; init; }
    }

    // Refused: an error, or MailDsl saying it cannot check the value (MAIL4020): neither compiles clean.
    private static IReadOnlyList<Finding> Errors(PlatformModel model)
        => RuleSet.Check(model).Where(f => f.Severity == Severity.Error || f.RuleId == RuleCatalog.UncheckedValue.Id).ToList();

    // Each unit's host files under a folder of its own, with an nginx.conf that includes its site.
    private static List<string> Write(string root, int round, IReadOnlyList<Unit> units, IReadOnlyList<FuzzCase> list)
    {
        var dirs = new List<string>();
        for (var u = 0; u < units.Count; u++)
        {
            var c = list[units[u].Cases[0]];
            var dir = Path.Combine(root, round.ToString(CultureInfo.InvariantCulture), u.ToString(CultureInfo.InvariantCulture));
            foreach (var file in units[u].Files.Where(f => f.Host == c.Host && f.Path.StartsWith("/etc/", StringComparison.Ordinal)))
            {
                var path = Path.Combine(dir, file.Path.TrimStart('/'));
                Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                // The DH group at its host path is the case's own copy: the sandbox's /etc is the target's.
                File.WriteAllText(path, file.Content.Replace(DhParameters.Path, Path.Combine(dir, DhParameters.Path.TrimStart('/')), StringComparison.Ordinal));
            }
            Directory.CreateDirectory(dir);
            File.WriteAllText(Path.Combine(dir, "nginx.conf"),
                $"pid {dir}/nginx.pid;\nerror_log stderr;\nevents {{ }}\nhttp {{\n    include /etc/nginx/mime.types;\n    access_log off;\n    include {dir}/etc/nginx/conf.d/*.conf;\n}}\n");
            dirs.Add(dir);
        }
        return dirs;
    }

    // One script for the round: every unit's checkers, each output beside its files.
    private static void RunChecks(SandboxHost sandbox, string root, int round, IReadOnlyList<Unit> units, IReadOnlyList<string> dirs, IReadOnlyList<FuzzCase> list)
    {
        var q = Command.ShellQuote;
        var script = new StringBuilder("cd /\n");
        for (var u = 0; u < units.Count; u++)
        {
            var dir = dirs[u];
            foreach (var checker in list[units[u].Cases[0]].Checkers)
            {
                var command = checker switch
                {
                    "postconf -n" => $"postconf -c {q(dir + "/etc/postfix")} -n",
                    "postconf -M" => $"postconf -c {q(dir + "/etc/postfix")} -M",
                    // postfix(1) says what it refuses on a terminal only (else to syslog), hence script(1).
                    "postfix check" => $"script -qec {q("postfix -c " + q(dir + "/etc/postfix") + " check")} /dev/null",
                    "doveconf -n" => $"doveconf -n -c {q(dir + "/etc/dovecot/dovecot.conf")}",
                    "plparse" => $"plparse {q(dir + "/etc/sogo/sogo.conf")}",
                    _ => $"nginx -t -p {q(dir)} -c {q(dir + "/nginx.conf")}",
                };
                var output = q(Path.Combine(dir, Slug(checker) + ".out"));
                script.Append($"{command} > {output} 2>&1; echo $? >> {output}.rc\n");
            }
        }
        var file = Path.Combine(root, $"checks-{round}.sh");
        File.WriteAllText(file, script.ToString());
        var run = sandbox.Run("bash " + q(file), TimeSpan.FromMinutes(10));
        if (run.ExitCode != 0 && Enumerable.Range(0, units.Count).All(u => !File.Exists(Path.Combine(dirs[u], Slug(list[units[u].Cases[0]].Checkers[0]) + ".out.rc"))))
            throw new InvalidOperationException("the fuzz checks did not run:\n" + run);
    }

    // What the case's checkers said of the files in dir, in their own words; null when they all accepted them.
    private static string? Verdicts(string dir, FuzzCase c)
    {
        var failures = new List<string>();
        foreach (var checker in c.Checkers)
        {
            var output = Path.Combine(dir, Slug(checker) + ".out");
            var rc = int.Parse(File.ReadAllText(output + ".rc").Trim(), CultureInfo.InvariantCulture);
            var said = File.ReadAllText(output);
            if (DaemonChecks.Verdict(checker, new CommandResult(checker, rc, said)) is { } refused) failures.Add($"{checker}: {refused}");
        }
        return failures.Count == 0 ? null : string.Join("\n", failures);
    }

    // The webmail files with the description's locations written into the site as typed, after MailDsl's own, whatever
    // the rules say: what nginx would get if MailDsl wrote them.
    private static IReadOnlyList<Artifact> AsTyped(PlatformModel model)
    {
        var webmail = model.Webmail!;
        var bare = model with { Webmail = webmail with { ExtraLocations = EquatableArray<NginxLocation>.Empty } };
        return PlatformRenderer.Render(bare).Select(a =>
        {
            if (a.Path != NginxSiteRenderer.SitePath) return a;
            var blocks = string.Concat(webmail.ExtraLocations.Select(l => "    location " + l.Match + " {\n" + string.Concat(l.Body.Select(d => "        " + d + "\n")) + "    }\n"));
            var end = a.Content.TrimEnd().LastIndexOf('}');
            return a with { Content = a.Content.Substring(0, end) + blocks + a.Content.Substring(end) };
        }).ToList();
    }

    private static string Slug(string checker) => checker.Replace(' ', '-').Replace("-", "", StringComparison.Ordinal);
}
