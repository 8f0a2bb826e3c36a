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
/// checker given its file's path), so hundreds of cases cost one namespace and a process per check.
/// </summary>
public static class FuzzRun
{
    /// <summary>
    /// Every case's verdicts. A case MailDsl accepts is rendered and checked as emitted. With <paramref name="refusedAsWritten"/>,
    /// a case MailDsl refuses is checked too, its values written as the daemon would get them without MailDsl (raw settings
    /// as rendered, nginx locations inserted as typed): how a regression proves the checker refuses what the rule refuses.
    /// </summary>
    public static IReadOnlyList<FuzzResult> Check(Distro target, IEnumerable<FuzzCase> cases, bool refusedAsWritten = false)
    {
        var root = Directory.CreateTempSubdirectory("maildsl-fuzz-").FullName;
        try
        {
            var certificate = Path.Combine(root, "mail.crt");
            var key = Path.Combine(root, "mail.key");
            var made = Command.Run("openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
                "-keyout", key, "-out", certificate, "-subj", "/CN=fuzz.maildsl.test", "-days", "2");
            if (!made.Succeeded) throw new InvalidOperationException("openssl could not make the fuzz certificate:\n" + made);

            var list = cases.ToList();
            var pending = new List<(int Index, IReadOnlyList<Finding> Errors, string Dir)>();
            var results = new FuzzResult?[list.Count];
            var script = new StringBuilder("cd /\n");
            for (var i = 0; i < list.Count; i++)
            {
                var c = list[i];
                var dir = Path.Combine(root, i.ToString(CultureInfo.InvariantCulture));
                IReadOnlyList<Finding> errors;
                IReadOnlyList<Artifact> files;
                try
                {
                    var model = c.Apply(Platform.Create("fuzz.maildsl.test").Target(target).Certificate(certificate, key)).Build();
                    // Refused: an error, or MailDsl saying it cannot check the value (MAIL4020): neither compiles clean.
                    errors = RuleSet.Check(model).Where(f => f.Severity == Severity.Error || f.RuleId == RuleCatalog.UncheckedValue.Id).ToList();
                    if (errors.Count > 0 && !refusedAsWritten)
                    {
                        results[i] = new FuzzResult(c, errors, null, false);
                        continue;
                    }
                    files = errors.Count > 0 && c.Entry is RawEntry.NginxLocationMatch or RawEntry.NginxLocationBody ? AsTyped(model) : PlatformRenderer.Render(model);
                }
                catch (Exception ex)
                {
                    results[i] = new FuzzResult(c, Array.Empty<Finding>(), $"MailDsl threw {ex.GetType().Name}: {ex.Message}", false);
                    continue;
                }
                foreach (var file in files.Where(f => f.Host == c.Host && f.Path.StartsWith("/etc/", StringComparison.Ordinal)))
                {
                    var path = Path.Combine(dir, file.Path.TrimStart('/'));
                    Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                    // The DH group at its host path is the case's own copy: the sandbox's /etc is the target's.
                    File.WriteAllText(path, file.Content.Replace(DhParameters.Path, Path.Combine(dir, DhParameters.Path.TrimStart('/')), StringComparison.Ordinal));
                }
                File.WriteAllText(Path.Combine(dir, "nginx.conf"),
                    $"pid {dir}/nginx.pid;\nerror_log stderr;\nevents {{ }}\nhttp {{\n    include /etc/nginx/mime.types;\n    access_log off;\n    include {dir}/etc/nginx/conf.d/*.conf;\n}}\n");
                foreach (var checker in c.Checkers)
                {
                    var q = Command.ShellQuote;
                    var command = checker switch
                    {
                        "postconf -n" => $"postconf -c {q(dir + "/etc/postfix")} -n",
                        "postconf -M" => $"postconf -c {q(dir + "/etc/postfix")} -M",
                        "doveconf -n" => $"doveconf -n -c {q(dir + "/etc/dovecot/dovecot.conf")}",
                        "plparse" => $"plparse {q(dir + "/etc/sogo/sogo.conf")}",
                        _ => $"nginx -t -p {q(dir)} -c {q(dir + "/nginx.conf")}",
                    };
                    var output = q(Path.Combine(dir, Slug(checker) + ".out"));
                    script.Append($"{command} > {output} 2>&1; echo $? >> {output}.rc\n");
                }
                pending.Add((i, errors, dir));
            }
            if (pending.Count > 0)
            {
                using var sandbox = SandboxHost.Start("fuzz", Path.Combine(root, ".sandbox"), target, new[] { root });
                var file = Path.Combine(root, "checks.sh");
                File.WriteAllText(file, script.ToString());
                var run = sandbox.Run("bash " + Command.ShellQuote(file), TimeSpan.FromMinutes(10));
                if (run.ExitCode != 0 && pending.All(p => !File.Exists(Path.Combine(p.Dir, Slug(list[p.Index].Checkers[0]) + ".out.rc"))))
                    throw new InvalidOperationException("the fuzz checks did not run:\n" + run);
            }
            foreach (var (index, errors, dir) in pending)
            {
                var c = list[index];
                var failures = new List<string>();
                foreach (var checker in c.Checkers)
                {
                    var output = Path.Combine(dir, Slug(checker) + ".out");
                    var rc = int.Parse(File.ReadAllText(output + ".rc").Trim(), CultureInfo.InvariantCulture);
                    var said = File.ReadAllText(output);
                    if (DaemonChecks.Verdict(checker, new CommandResult(checker, rc, said)) is { } refused) failures.Add($"{checker}: {refused}");
                }
                results[index] = new FuzzResult(c, errors, failures.Count == 0 ? null : string.Join("\n", failures), true);
            }
            return results.Select(r => r!).ToList();
        }
        finally
        {
            try { Directory.Delete(root, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
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
