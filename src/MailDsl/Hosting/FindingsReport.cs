using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using MailDsl.Rules;

namespace MailDsl.Hosting
{
    /// <summary>
    /// Findings as <c>check</c> prints them: a table (ID, severity, where, message) for people and logs, or JSON for CI
    /// (<c>--format json</c>). "Where" is the value's key in the model (<c>mailstore.listener.imap-nopass.auth</c>): at
    /// run time there is no source position, and the key names the verb and argument that wrote the value.
    /// </summary>
    internal static class FindingsReport
    {
        private const int IdWidth = 9;
        private const int SeverityWidth = 9;

        /// <summary>Writes <paramref name="findings"/> as a table to <paramref name="output"/>, one finding a line (wrapped on a terminal).</summary>
        public static void WriteTable(HostConsole console, TextWriter output, IReadOnlyList<Finding> findings)
        {
            // On a terminal a long key gets its own line; elsewhere the column is as wide as the longest key, one finding a line.
            var longest = Math.Max(5, findings.Max(f => f.OriginKey.Length));
            var whereWidth = (console.IsTerminal && output == console.Out ? Math.Min(48, longest) : longest) + 2;
            output.WriteLine("ID".PadRight(IdWidth) + "SEVERITY".PadRight(SeverityWidth) + "WHERE".PadRight(whereWidth) + "MESSAGE");
            var indent = IdWidth + SeverityWidth + whereWidth;
            foreach (var f in findings)
            {
                var severity = Name(f.Severity);
                var painted = console.Paint(severity, f.Severity == Severity.Error ? 31 : f.Severity == Severity.Warning ? 33 : 36);
                var where = f.OriginKey.Length + 2 > whereWidth && output == console.Out && console.IsTerminal ? f.OriginKey + "\n" + new string(' ', indent) : f.OriginKey.PadRight(whereWidth);
                var line = f.RuleId.PadRight(IdWidth) + painted + new string(' ', SeverityWidth - severity.Length) + where;
                output.WriteLine(line + Wrap(f.Message, indent, console.IsTerminal ? console.Width : int.MaxValue));
            }
        }

        /// <summary>The closing line: what was checked and how many findings of each severity.</summary>
        public static string Summary(IReadOnlyList<Finding> findings, int hosts, int services)
        {
            var checkedText = $"{hosts} host{(hosts == 1 ? "" : "s")}, {services} service{(services == 1 ? "" : "s")} checked";
            if (findings.Count == 0) return "no findings: " + checkedText;
            var parts = new[] { Severity.Error, Severity.Warning, Severity.Info }
                .Select(s => (Severity: s, Count: findings.Count(f => f.Severity == s)))
                .Where(p => p.Count > 0)
                .Select(p => $"{p.Count} {Name(p.Severity)}{(p.Count == 1 ? "" : "s")}");
            return $"{findings.Count} finding{(findings.Count == 1 ? "" : "s")} ({string.Join(", ", parts)}): {checkedText}";
        }

        /// <summary>
        /// Writes the findings and counts as one JSON object (the format is documented in docs/cli.md), and for a described
        /// LBaaS what it must be set to (<c>lbaas</c>).
        /// </summary>
        public static void WriteJson(TextWriter output, string domain, IReadOnlyList<Finding> findings, int hosts, int services, Topology.LbaasRequirements? lbaas = null)
        {
            var titles = RuleCatalog.All.ToDictionary(d => d.Id, StringComparer.Ordinal);
            var s = new StringBuilder();
            s.Append("{\n");
            s.Append("  \"platform\": ").Append(JsonText.String(domain)).Append(",\n");
            s.Append("  \"hosts\": ").Append(JsonText.Number(hosts)).Append(",\n");
            s.Append("  \"services\": ").Append(JsonText.Number(services)).Append(",\n");
            s.Append("  \"errors\": ").Append(JsonText.Number(findings.Count(f => f.Severity == Severity.Error))).Append(",\n");
            s.Append("  \"warnings\": ").Append(JsonText.Number(findings.Count(f => f.Severity == Severity.Warning))).Append(",\n");
            s.Append("  \"findings\": [");
            for (var i = 0; i < findings.Count; i++)
            {
                var f = findings[i];
                titles.TryGetValue(f.RuleId, out var descriptor);
                s.Append(i == 0 ? "\n" : ",\n");
                s.Append("    { \"id\": ").Append(JsonText.String(f.RuleId))
                    .Append(", \"severity\": ").Append(JsonText.String(Name(f.Severity)))
                    .Append(", \"where\": ").Append(JsonText.String(f.OriginKey))
                    .Append(", \"title\": ").Append(JsonText.String(descriptor?.Title))
                    .Append(", \"message\": ").Append(JsonText.String(f.Message))
                    .Append(", \"help\": ").Append(JsonText.String(descriptor?.HelpLink))
                    .Append(" }");
            }
            s.Append(findings.Count == 0 ? "]" : "\n  ]");
            if (lbaas is not null) Lbaas(s, lbaas);
            s.Append("\n}");
            output.WriteLine(s.ToString());
        }

        // "lbaas": the behaviour, sources and timeouts, and one object per VIP port with its backends and health check.
        private static void Lbaas(StringBuilder s, Topology.LbaasRequirements lbaas)
        {
            s.Append(",\n  \"lbaas\": {\n");
            s.Append("    \"behaviour\": ").Append(JsonText.String(lbaas.Lbaas.Behaviour.ToString())).Append(",\n");
            s.Append("    \"sources\": [").Append(string.Join(", ", lbaas.Sources.Select(JsonText.String))).Append("],\n");
            s.Append("    \"idleTimeoutMinutes\": ").Append(JsonText.Number(lbaas.Plan.IdleTimeoutMinutes)).Append(",\n");
            s.Append("    \"connectTimeoutSeconds\": ").Append(JsonText.Number(Topology.BalancerPlan.ConnectTimeoutSeconds)).Append(",\n");
            s.Append("    \"checkIntervalSeconds\": ").Append(JsonText.Number(Topology.BalancerPlan.CheckIntervalSeconds)).Append(",\n");
            s.Append("    \"checkTimeoutSeconds\": ").Append(JsonText.Number(Topology.BalancerPlan.CheckTimeoutSeconds)).Append(",\n");
            s.Append("    \"fall\": ").Append(JsonText.Number(Topology.BalancerPlan.Fall)).Append(", \"rise\": ").Append(JsonText.Number(Topology.BalancerPlan.Rise)).Append(",\n");
            s.Append("    \"listeners\": [");
            var listeners = lbaas.Plan.Listeners;
            for (var i = 0; i < listeners.Count; i++)
            {
                var l = listeners[i];
                s.Append(i == 0 ? "\n" : ",\n");
                s.Append("      { \"vip\": ").Append(JsonText.String(l.Layer.Vip))
                    .Append(", \"vipAddress\": ").Append(JsonText.String(l.Layer.VipAddress))
                    .Append(", \"port\": ").Append(JsonText.Number(l.Listener.Port))
                    .Append(", \"listener\": ").Append(JsonText.String(l.Listener.Name))
                    .Append(", \"mode\": ").Append(JsonText.String(l.Mode))
                    .Append(", \"balancing\": ").Append(JsonText.String(Topology.LbaasRequirements.Balance(l)))
                    .Append(", \"proxyV2\": ").Append(l.Port.Proxy ? "true" : "false")
                    .Append(", \"backends\": [").Append(string.Join(", ", l.Backends.Select(b => JsonText.String(b.Endpoint)))).Append(']')
                    .Append(", \"healthCheck\": ").Append(JsonText.String(l.Check.Describe()))
                    .Append(" }");
            }
            s.Append(listeners.Count == 0 ? "]" : "\n    ]").Append("\n  }");
        }

        private static string Name(Severity severity) => severity.ToString().ToLowerInvariant();

        /// <summary>Wraps <paramref name="text"/> at word boundaries to <paramref name="width"/>, continuation lines indented.</summary>
        private static string Wrap(string text, int indent, int width)
        {
            var room = width - indent;
            if (width == int.MaxValue || room < 30 || text.Length <= room) return text;
            var s = new StringBuilder();
            var line = 0;
            foreach (var word in text.Split(' '))
            {
                if (line > 0 && line + 1 + word.Length > room)
                {
                    s.Append('\n').Append(' ', indent);
                    line = 0;
                }
                else if (line > 0)
                {
                    s.Append(' ');
                    line++;
                }
                s.Append(word);
                line += word.Length;
            }
            return s.ToString();
        }
    }
}
