extern alias gen;
using System.Diagnostics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using MailDsl.TestPlatform.Surface;
using Xunit;

namespace MailDsl.Generators.Tests.Security;

/// <summary>
/// The generator and the analyzer on 1,000 seeded mutations of the example and of descriptions calling every DSL method:
/// hostile strings in its literals, tokens
/// deleted, repeated, swapped, stray characters. Whatever the source, the compiler must get diagnostics, never an
/// exception from MailDsl (CS8785 from the generator, AD0001 from the analyzer), and never wait on a hang.
/// </summary>
public sealed class GeneratorFuzzTests
{
    private const int Mutations = 1000;
    private const int Seed = 20261202;

    private static readonly string[] Payloads =
    {
        "", ";", "\n", "{", "}", "#", "$ssl_key", "</etc/shadow", "..", "../../../etc/shadow", "\0", "\"", "\\", "`id`", "%{env:HOME}",
        "\u202e", "\ud800", new string('x', 5000), "HIGH:@SECLEVEL=0", "127.0.0.1, 0.0.0.0", "fe80::1%eth0", "imap://a:143",
        "try_files $uri\\;", "include /etc/passwd;", "2.2", "-1", "~ ^(a+)+$",
    };

    /// <summary>
    /// What the mutations start from: the example, and two descriptions that call every public DSL method (DslSurface), with
    /// an LDAP and with a SQL directory, so that mutated literals reach every entry point.
    /// </summary>
    private static IReadOnlyList<SyntaxTree> Originals() => new[]
    {
        Harness.Source("CorporateCloud.cs"),
        DslDescriptions.Everything(DirectoryShape.Ldap).SourceFile("EverythingLdap").Text,
        DslDescriptions.Everything(DirectoryShape.Sql).SourceFile("EverythingSql").Text,
    }.Select(s => CSharpSyntaxTree.ParseText(s, new CSharpParseOptions(LanguageVersion.Latest), path: "Platform0.cs")).ToList();

    [Fact]
    public async Task A_thousand_mutations_of_the_example_and_of_every_dsl_call_give_diagnostics_never_an_exception_or_a_hang()
    {
        var originals = Originals();
        var compilations = originals.Select(o => Harness.Compile(o.ToString())).ToList();
        var random = new Random(Seed);
        var failures = new List<string>();
        var slowest = TimeSpan.Zero;
        for (var i = 0; i < Mutations; i++)
        {
            var original = originals[i % originals.Count];
            var baseCompilation = compilations[i % originals.Count];
            var (text, what) = Mutate(original, random);
            var tree = CSharpSyntaxTree.ParseText(text, new CSharpParseOptions(LanguageVersion.Latest, DocumentationMode.Diagnose), path: "Platform0.cs");
            var compilation = baseCompilation.ReplaceSyntaxTree(baseCompilation.SyntaxTrees[0], tree);
            var clock = Stopwatch.StartNew();
            using var hang = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            try
            {
                var driver = Harness.Driver().RunGenerators(compilation, hang.Token);
                foreach (var result in driver.GetRunResult().Results.Where(r => r.Exception is not null))
                    failures.Add($"#{i} ({what}): the generator threw {result.Exception!.GetType().Name}: {result.Exception.Message}");
                var diagnostics = await compilation.WithAnalyzers(System.Collections.Immutable.ImmutableArray.Create<DiagnosticAnalyzer>(
                    new gen::MailDsl.Generators.Analysis.MailPlatformAnalyzer())).GetAnalyzerDiagnosticsAsync(hang.Token);
                foreach (var d in diagnostics.Where(d => d.Id is "AD0001" or "CS8785"))
                    failures.Add($"#{i} ({what}): {d.Id} {d.GetMessage(System.Globalization.CultureInfo.InvariantCulture)}");
            }
            catch (OperationCanceledException)
            {
                failures.Add($"#{i} ({what}): no answer in 30 s");
            }
            if (clock.Elapsed > slowest) slowest = clock.Elapsed;
        }
        Assert.True(failures.Count == 0, $"{failures.Count} of {Mutations} mutations (seed {Seed}) broke MailDsl:\n" + string.Join("\n", failures.Take(20)));
    }

    /// <summary>One mutation of <paramref name="tree"/>, and what it was (for the failure message).</summary>
    private static (string Text, string What) Mutate(SyntaxTree tree, Random random)
    {
        var text = tree.ToString();
        var root = tree.GetRoot();
        var literals = root.DescendantTokens().Where(t => t.IsKind(SyntaxKind.StringLiteralToken)).ToList();
        var tokens = root.DescendantTokens().Where(t => t.Span.Length > 0).ToList();
        switch (random.Next(5))
        {
            case 0:
            {
                var literal = literals[random.Next(literals.Count)];
                var payload = Payloads[random.Next(Payloads.Length)];
                var value = random.Next(2) == 0 ? payload : literal.ValueText.Insert(random.Next(literal.ValueText.Length + 1), payload);
                return (Replace(text, literal.Span, SymbolDisplay.FormatLiteral(value, quote: true)), $"literal '{literal.ValueText}' -> payload {Array.IndexOf(Payloads, payload)}");
            }
            case 1:
            {
                var token = tokens[random.Next(tokens.Count)];
                return (Replace(text, token.Span, ""), $"deleted '{token.Text}' at {token.SpanStart}");
            }
            case 2:
            {
                var token = tokens[random.Next(tokens.Count)];
                return (text.Insert(token.Span.End, " " + token.Text), $"repeated '{token.Text}' at {token.SpanStart}");
            }
            case 3:
            {
                var a = tokens[random.Next(tokens.Count)];
                var b = tokens[random.Next(tokens.Count)];
                if (a.SpanStart > b.SpanStart) (a, b) = (b, a);
                if (a.Span.End > b.SpanStart) return (text, "nothing");
                var swapped = text.Substring(0, a.SpanStart) + b.Text + text.Substring(a.Span.End, b.SpanStart - a.Span.End) + a.Text + text.Substring(b.Span.End);
                return (swapped, $"swapped '{a.Text}' and '{b.Text}'");
            }
            default:
            {
                const string stray = "(){};,.\"'@$#<>=!?:0aZ\\";
                var at = random.Next(text.Length + 1);
                var c = stray[random.Next(stray.Length)];
                return (text.Insert(at, c.ToString()), $"inserted '{c}' at {at}");
            }
        }
    }

    private static string Replace(string text, Microsoft.CodeAnalysis.Text.TextSpan span, string with)
        => text.Substring(0, span.Start) + with + text.Substring(span.End);
}
