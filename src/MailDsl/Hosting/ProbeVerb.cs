using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using MailDsl.Probing;

namespace MailDsl.Hosting
{
    /// <summary>
    /// <c>probe</c>: every endpoint the description implies (<see cref="ProbePlan"/>), probed in parallel by
    /// <see cref="EndpointProber"/>, compared by <see cref="ProbeComparison"/>, printed as one table (differences first) or
    /// JSON. Exits as <c>check</c> does: 1 when something differs.
    /// </summary>
    internal static class ProbeVerb
    {
        /// <summary>How many endpoints are probed at once; each asks its questions one after another, each question a connection of its own.</summary>
        public const int Parallelism = 32;

        public static int Run(PlatformRun platform, HostConsole console, string[] hosts, string[] layers, bool json, string[] resolve, string? ca, string? timeoutText)
        {
            if (!double.TryParse(timeoutText ?? "5", NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) || seconds <= 0 || seconds > 600)
            {
                console.Error.WriteLine($"probe: '{timeoutText}' is not a timeout; give seconds, e.g. --timeout 5.");
                return CommandLine.Usage;
            }
            var pinned = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            foreach (var r in resolve)
            {
                var eq = r.IndexOf('=');
                if (eq <= 0 || eq == r.Length - 1 || !System.Net.IPAddress.TryParse(r.Substring(eq + 1).Trim('[', ']'), out var address))
                {
                    console.Error.WriteLine($"probe: '{r}' is not NAME=ADDRESS; write e.g. --resolve mx1.example.com=192.0.2.10.");
                    return CommandLine.Usage;
                }
                pinned[r.Substring(0, eq)] = address.ToString();
            }
            if (ca is not null && !File.Exists(ca))
            {
                console.Error.WriteLine($"probe: the CA file '{ca}' does not exist.");
                return CommandLine.Failure;
            }

            var model = platform.Build(console);
            if (model is null) return CommandLine.Failure;
            var all = ProbePlan.Of(model);
            foreach (var name in hosts.Where(h => !all.Any(e => e.Host == h)))
            {
                console.Error.WriteLine($"probe: the platform has no host or VIP '{name}'.{CommandLine.Suggest(name, all.Select(e => e.Host).Distinct().ToList())}");
                return CommandLine.Usage;
            }
            var endpoints = ProbePlan.Of(model, hosts, layers);
            if (endpoints.Count == 0)
            {
                console.Error.WriteLine("probe: nothing to probe: no endpoint of " + (layers.Length > 0 ? string.Join(", ", layers) : "the platform") + ".");
                return CommandLine.Usage;
            }
            ca ??= model.CertificateAuthority is { } described && File.Exists(described) ? described : null;

            EndpointProber prober;
            try
            {
                prober = new EndpointProber(new ProbeSettings(pinned, ca, TimeSpan.FromSeconds(seconds)));
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException or System.Security.Cryptography.CryptographicException)
            {
                console.Error.WriteLine($"probe: the CA file '{ca}' could not be read as PEM certificates: {ex.Message}");
                return CommandLine.Failure;
            }
            var observations = ObserveAll(prober, endpoints).GetAwaiter().GetResult();
            var results = ProbeComparison.Compare(observations, DateTime.UtcNow);
            var differences = results.Count(r => r.Differs);
            var hostCount = endpoints.Select(e => e.Host).Distinct().Count();
            var summary = (differences == 0 ? "no differences" : differences + (differences == 1 ? " difference" : " differences"))
                + $": {endpoints.Count} endpoint{(endpoints.Count == 1 ? "" : "s")} on {hostCount} host{(hostCount == 1 ? "" : "s")} probed with {EndpointProber.Description}";
            if (json) WriteJson(console.Out, model.Domain, results, endpoints.Count, differences);
            else
            {
                WriteTable(console, results);
                console.Out.WriteLine(summary);
            }
            return differences > 0 ? CommandLine.Failure : CommandLine.Success;
        }

        private static async Task<IReadOnlyList<ProbeObservation>> ObserveAll(EndpointProber prober, IReadOnlyList<ProbeEndpoint> endpoints)
        {
            using var gate = new SemaphoreSlim(Parallelism);
            var tasks = endpoints.Select(async e =>
            {
                await gate.WaitAsync().ConfigureAwait(false);
                try
                {
                    return await prober.ObserveAsync(e).ConfigureAwait(false);
                }
                finally
                {
                    gate.Release();
                }
            }).ToList();
            return await Task.WhenAll(tasks).ConfigureAwait(false);
        }

        private static void WriteTable(HostConsole console, IReadOnlyList<ProbeResult> results)
        {
            var whereWidth = Math.Max(5, results.Max(r => r.Endpoint.Where.Length)) + 2;
            var checkWidth = Math.Max(5, results.Max(r => r.Check.Length)) + 2;
            console.Out.WriteLine("STATUS".PadRight(9) + "WHERE".PadRight(whereWidth) + "CHECK".PadRight(checkWidth) + "EXPECTED -> FOUND");
            foreach (var r in results)
            {
                var status = r.Differs ? "differs" : "ok";
                var painted = console.Paint(status, r.Differs ? 31 : 32) + new string(' ', 9 - status.Length);
                var detail = r.Differs ? r.Expected + " -> " + r.Found : r.Found;
                console.Out.WriteLine(painted + r.Endpoint.Where.PadRight(whereWidth) + r.Check.PadRight(checkWidth) + detail);
            }
        }

        private static void WriteJson(TextWriter output, string domain, IReadOnlyList<ProbeResult> results, int endpoints, int differences)
        {
            var s = new StringBuilder();
            s.Append("{\n");
            s.Append("  \"platform\": ").Append(JsonText.String(domain)).Append(",\n");
            s.Append("  \"endpoints\": ").Append(JsonText.Number(endpoints)).Append(",\n");
            s.Append("  \"differences\": ").Append(JsonText.Number(differences)).Append(",\n");
            s.Append("  \"results\": [");
            for (var i = 0; i < results.Count; i++)
            {
                var r = results[i];
                s.Append(i == 0 ? "\n" : ",\n");
                s.Append("    { \"host\": ").Append(JsonText.String(r.Endpoint.Host))
                    .Append(", \"port\": ").Append(JsonText.Number(r.Endpoint.Port))
                    .Append(", \"layer\": ").Append(JsonText.String(r.Endpoint.Layer))
                    .Append(", \"listener\": ").Append(JsonText.String(r.Endpoint.Listener))
                    .Append(", \"vip\": ").Append(r.Endpoint.IsVip ? "true" : "false")
                    .Append(", \"check\": ").Append(JsonText.String(r.Check))
                    .Append(", \"differs\": ").Append(r.Differs ? "true" : "false")
                    .Append(", \"expected\": ").Append(JsonText.String(r.Expected))
                    .Append(", \"found\": ").Append(JsonText.String(r.Found))
                    .Append(" }");
            }
            s.Append(results.Count == 0 ? "]\n" : "\n  ]\n");
            s.Append("}");
            output.WriteLine(s.ToString());
        }
    }
}
