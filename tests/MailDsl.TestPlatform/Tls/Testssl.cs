using System.Text.Json;
using System.Text.RegularExpressions;
using MailDsl.TestPlatform.Sandbox;

namespace MailDsl.TestPlatform.Tls;

/// <summary>One finding of testssl.sh, from its JSON output.</summary>
/// <param name="Id">testssl.sh's id for the check (e.g. <c>cipher_order</c>).</param>
/// <param name="Severity">OK, INFO, LOW, MEDIUM, HIGH, CRITICAL (or WARN/DEBUG for the scan itself).</param>
/// <param name="Finding">What it found.</param>
public sealed record TestsslFinding(string Id, string Severity, string Finding)
{
    /// <inheritdoc/>
    public override string ToString() => $"{Severity}: {Id}: {Finding}";
}

/// <summary>What testssl.sh said of one endpoint.</summary>
/// <param name="Endpoint">The endpoint scanned.</param>
/// <param name="Findings">Every finding in its JSON file.</param>
/// <param name="Marked">The lines of its report it marks NOT ok or VULNERABLE.</param>
/// <param name="Run">The run itself, for failure messages.</param>
public sealed record TestsslReport(TlsEndpoint Endpoint, IReadOnlyList<TestsslFinding> Findings, IReadOnlyList<string> Marked, CommandResult Run)
{
    /// <summary>Everything a clean scan must not have: lines marked NOT ok or VULNERABLE, findings of MEDIUM or worse, scan problems.</summary>
    public IEnumerable<string> Flagged => Marked
        .Concat(Findings.Where(f => f.Severity is "MEDIUM" or "HIGH" or "CRITICAL" || f.Id == "scanProblem").Select(f => f.ToString()));

    /// <summary>How many findings of <paramref name="severity"/>.</summary>
    public int Count(string severity) => Findings.Count(f => f.Severity == severity);
}

/// <summary>Runs testssl.sh (Debian package testssl.sh), the scanner whose verdict the platform must pass, against endpoints.</summary>
public static partial class Testssl
{
    /// <summary>
    /// Scans <paramref name="endpoint"/>, trusting <paramref name="caFile"/> as a CA so that the chain is judged as a
    /// real CA's would be; testssl.sh's log and JSON go to <paramref name="workDir"/>.
    /// </summary>
    public static TestsslReport Scan(TlsEndpoint endpoint, string caFile, string workDir)
    {
        Directory.CreateDirectory(workDir);
        var name = endpoint.Host.Split('.')[0] + "-" + endpoint.Listener;
        var json = Path.Combine(workDir, name + ".json");
        var log = Path.Combine(workDir, name + ".log");
        File.Delete(json);
        File.Delete(log);
        var args = new List<string> { "--quiet", "--color", "0", "--warnings", "off", "--nodns", "none", "--add-ca", caFile, "--jsonfile", json, "--logfile", log };
        args.AddRange(Sections);
        if (endpoint.OpenSslStartTls is { } starttls) args.AddRange(new[] { "--starttls", starttls });
        args.Add(endpoint.Target);
        // A scan takes about a minute; the limit is for a machine shared with much else, and for a hung handshake.
        // Both targets' platforms scan at once in one test run: the gate keeps the whole process at two scans.
        CommandResult run;
        Gate.Wait();
        try
        {
            run = Command.Run("testssl", args, timeout: TimeSpan.FromMinutes(15));
        }
        finally
        {
            Gate.Release();
        }
        var findings = Findings(json, run);
        var marked = File.Exists(log)
            ? File.ReadAllLines(log).Where(l => Marked().IsMatch(l) && !l.Contains("not vulnerable", StringComparison.OrdinalIgnoreCase))
                .Select(l => Regex.Replace(l, @"\s+", " ").Trim()).ToList()
            : new List<string>();
        return new TestsslReport(endpoint, findings, marked, run);
    }

    /// <summary>
    /// The sections of testssl.sh's default run that can judge: protocols (-p), the standard cipher categories (-s),
    /// forward secrecy (-f), server preferences (-P), server defaults and the certificate (-S), HTTP headers (-h, HTTP
    /// only) and every vulnerability (-U). Left out are the two that only list, and take half the time: every suite
    /// offered (-e) and the simulated clients (-c); testssl.sh 3.0 writes each of their findings as INFO, so they can
    /// never mark a port NOT ok, VULNERABLE or MEDIUM and worse. (Which suites are offered is judged by -s, -f and the
    /// openssl probes of the TLS policy tests.)
    /// </summary>
    public static readonly IReadOnlyList<string> Sections = new[] { "-p", "-s", "-f", "-P", "-S", "-h", "-U" };

    // testssl.sh runs openssl hundreds of times a scan: more than two at once on two cores only makes each one slower.
    private static readonly SemaphoreSlim Gate = new(2);

    /// <summary>Scans every endpoint, two at a time (testssl.sh mostly waits on handshakes; the machine has two cores).</summary>
    public static IReadOnlyList<TestsslReport> ScanAll(IReadOnlyList<TlsEndpoint> endpoints, string caFile, string workDir)
    {
        // Only what testssl.sh can speak to (not ManageSieve's STARTTLS).
        endpoints = endpoints.Where(e => e.TestsslCanScan).ToList();
        var reports = new TestsslReport[endpoints.Count];
        Parallel.For(0, endpoints.Count, new ParallelOptions { MaxDegreeOfParallelism = 2 },
            i => reports[i] = Scan(endpoints[i], caFile, workDir));
        return reports;
    }

    /// <summary>A table, one row per endpoint: counts by severity and every flagged line.</summary>
    public static string Summary(IReadOnlyList<TestsslReport> reports)
    {
        var w = new StringWriter();
        w.WriteLine($"{"port",-28} {"OK",4} {"INFO",4} {"LOW",4} {"MED",4} {"HIGH",4} {"CRIT",4}  flagged");
        foreach (var r in reports)
        {
            var flagged = r.Flagged.ToList();
            w.WriteLine($"{r.Endpoint,-28} {r.Count("OK"),4} {r.Count("INFO"),4} {r.Count("LOW"),4} {r.Count("MEDIUM"),4} {r.Count("HIGH"),4} {r.Count("CRITICAL"),4}  {(flagged.Count == 0 ? "none" : flagged.Count.ToString(System.Globalization.CultureInfo.InvariantCulture))}");
            foreach (var line in flagged) w.WriteLine("    " + line);
        }
        var bad = reports.Count(r => r.Flagged.Any());
        w.WriteLine($"{reports.Count} ports scanned, {bad} with a finding marked NOT ok or VULNERABLE, of MEDIUM severity or worse, or a scan problem");
        return w.ToString();
    }

    /// <summary>The findings in testssl.sh's JSON file, or one scan problem saying why there are none (no file, or one cut short).</summary>
    private static List<TestsslFinding> Findings(string json, CommandResult run)
    {
        if (!File.Exists(json)) return new() { new("scanProblem", "CRITICAL", $"testssl.sh wrote no JSON (exit {run.ExitCode})") };
        try
        {
            return JsonSerializer.Deserialize<List<JsonElement>>(File.ReadAllText(json))!
                .Select(f => new TestsslFinding(Text(f, "id"), Text(f, "severity"), Text(f, "finding"))).ToList();
        }
        catch (JsonException ex)
        {
            return new() { new("scanProblem", "CRITICAL", $"testssl.sh's JSON is incomplete (exit {run.ExitCode}{(run.ExitCode == -1 ? ", killed at the time limit" : "")}): {ex.Message}") };
        }
    }

    private static string Text(JsonElement e, string name) => e.TryGetProperty(name, out var v) ? v.ToString() : "";

    [GeneratedRegex(@"NOT ok|VULNERABLE")]
    private static partial Regex Marked();
}
