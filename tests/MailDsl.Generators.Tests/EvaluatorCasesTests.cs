extern alias gen;
using System.Reflection;
using gen::MailDsl.Generators.Evaluation;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Xunit;

namespace MailDsl.Generators.Tests;

/// <summary>
/// Descriptions written as people write code: <c>Describe()</c> in another part of the partial class, the user's own helper
/// and extension methods, loops over arrays of constants, collection expressions, values known only at run time. Each gets
/// the diagnostics a literal chain would get, at the argument, and no false error; where everything is known, the model the
/// evaluator builds at compile time is the one <c>Describe()</c> builds when the program runs.
/// </summary>
public sealed class EvaluatorCasesTests
{
    private const string Usings = "using System; using System.Collections.Generic; using MailDsl; using MailDsl.Model;\n";
    private const string Certificate = """.Certificate("/etc/pki/tls/certs/mail.crt", "/etc/pki/tls/private/mail.key")""";

    /// <summary>The platform's attribute in one file, its Describe() in another: clean, and a mistake there is seen there.</summary>
    [Fact]
    public async Task Describe_in_another_part_of_the_partial_class_is_evaluated_where_it_is()
    {
        var attributed = Usings + "[MailPlatform] public static partial class Split { }";
        var clean = Usings + "public static partial class Split { static Platform Describe() => Platform.Create(\"example.org\")" + Certificate
            + ".Mailstore(m => m.Hosts(\"store.example.org\")); }";
        Assert.Empty(await Harness.AnalyzeAsync(attributed, clean));
        AssertSameModelAtRunTime("Split", attributed, clean);

        var mistaken = clean.Replace("m.Hosts(\"store.example.org\")", "m.Hosts(\"store.example.org\").Ciphers(\"HIGH:!aNUL\")");
        var diagnostics = await Harness.DiagnosticsAsync(Harness.Compile(attributed, mistaken));
        Assert.Contains(diagnostics, d => d.Id == "MAIL1003" && d.Location.SourceTree!.FilePath == "Platform1.cs");
        Assert.DoesNotContain(diagnostics, d => d.Id == "MAIL9002");
        // The generator emits Run(args) with the compile-time fingerprint for it too.
        var (result, _) = Harness.Generate(Harness.Compile(attributed, clean));
        Assert.Contains("CompileTimeFingerprint = \"v1:", Assert.Single(result.GeneratedTrees).ToString());
    }

    /// <summary>Helpers: a method that starts the platform, a method group for a layer; a mistake inside the helper is seen at its argument.</summary>
    [Fact]
    public async Task The_users_own_helper_methods_are_followed_into()
    {
        var source = Usings + """
            [MailPlatform]
            public static partial class Helped
            {
                static Platform Describe() => Base("example.org").Mailstore(Store).SmtpIn(s => Mx(s, 2));
                static Platform Base(string domain) => Platform.Create(domain)
                    .Certificate("/etc/pki/tls/certs/mail.crt", "/etc/pki/tls/private/mail.key");
                static void Store(MailstoreBuilder m) { m.Hosts("store.example.org"); m.Ciphers("ECDHE+AESGCM:aNULL"); }
                static SmtpInBuilder Mx(SmtpInBuilder s, int count)
                {
                    for (var i = 1; i <= count; i++) s.Hosts($"mx-{i:00}.example.org");
                    return s;
                }
            }
            """;
        Assert.Equal(new[] { new Seen("MAIL1001", "aNULL") }, await Harness.AnalyzeAsync(source));
        AssertSameModelAtRunTime("Helped", source.Replace(":aNULL", ""));
        var model = Evaluate(source.Replace(":aNULL", "")).Model!;
        Assert.Equal(new[] { "mx-01.example.org", "mx-02.example.org" }, model.SmtpIn!.Hosts);
    }

    /// <summary>An extension method on a builder, in its own static class: what it writes is checked where it writes it.</summary>
    [Fact]
    public async Task Extension_methods_on_the_builders_are_followed_into()
    {
        var source = Usings + """
            [MailPlatform]
            public static partial class Extended
            {
                static Platform Describe() => Platform.Create("example.org")
                    .Certificate("/etc/pki/tls/certs/mail.crt", "/etc/pki/tls/private/mail.key")
                    .SmtpIn(s => s.Hosts("mx.example.org").Hardened());
            }
            public static class Hardening
            {
                public static SmtpInBuilder Hardened(this SmtpInBuilder s) => s.Protocols(TlsVersion.Tls11, TlsVersion.Tls12).StartTls(TlsLevel.May);
            }
            """;
        Assert.Equal(new[] { new Seen("MAIL1011", "TlsVersion.Tls11") }, await Harness.AnalyzeAsync(source));
        AssertSameModelAtRunTime("Extended", source.Replace("TlsVersion.Tls11, ", ""));
    }

    /// <summary>Loops over arrays of constants (a static readonly field, a local, a const-sized for): each host is checked.</summary>
    [Fact]
    public async Task Loops_over_arrays_of_constants_are_evaluated()
    {
        var source = Usings + """
            [MailPlatform]
            public static partial class Looped
            {
                static readonly string[] Stores = { "store-01.example.org", "store_02.example.org" };
                static Platform Describe()
                {
                    var platform = Platform.Create("example.org")
                        .Certificate("/etc/pki/tls/certs/mail.crt", "/etc/pki/tls/private/mail.key");
                    string[] webs = new[] { "web-01.example.org", "web-02.example.org" };
                    return platform
                        .Mailstore(m => { foreach (var store in Stores) m.Hosts(store); })
                        .Webmail(w => { foreach (var web in webs) { if (web.Length > 100) break; w.Hosts(web); } });
                }
            }
            """;
        // The bad name is reported at the argument inside the loop, naming the value it had (the warnings are about the
        // platform's shape: two mailstore hosts without shared storage, SOGo without users).
        var diagnostics = await Harness.DiagnosticsAsync(Harness.Compile(source));
        var d = Assert.Single(diagnostics, x => x.Severity == DiagnosticSeverity.Error);
        Assert.Equal("MAIL3003", d.Id);
        Assert.Equal("store", d.Location.SourceTree!.GetText().ToString(d.Location.SourceSpan));
        Assert.Contains("store_02.example.org", d.GetMessage());
        var fixedSource = source.Replace("store_02", "store-02");
        // Only the shape warnings stay: two mailstore hosts without shared storage, SOGo without users.
        Assert.Equal(new[] { "MAIL5006", "MAIL5007" }, (await Harness.AnalyzeAsync(fixedSource)).Select(x => x.Id).Order());
        AssertSameModelAtRunTime("Looped", fixedSource);
        Assert.Equal(2, Evaluate(fixedSource).Model!.Webmail!.Hosts.Count);
    }

    /// <summary>Collection expressions for params and locals; each element is its own origin.</summary>
    [Fact]
    public async Task Collection_expressions_are_evaluated_with_an_origin_per_element()
    {
        var source = Usings + """
            [MailPlatform]
            public static partial class Collected
            {
                static Platform Describe()
                {
                    string[] more = ["mx-03.example.org"];
                    return Platform.Create("example.org")
                        .Certificate("/etc/pki/tls/certs/mail.crt", "/etc/pki/tls/private/mail.key")
                        .SmtpIn(s => s.Hosts(["mx-01.example.org", "mx 02.example.org", .. more]).Protocols([TlsVersion.Tls12, TlsVersion.Tls13]));
                }
            }
            """;
        var seen = await Harness.AnalyzeAsync(source);
        Assert.Contains(seen, s => s.Id == "MAIL3001" || s.Id == "MAIL3003");
        Assert.All(seen, s => Assert.Contains(s.Text, new[] { " ", "\"mx 02.example.org\"", "mx 02.example.org" }));
        var fixedSource = source.Replace("mx 02", "mx-02");
        Assert.Empty(await Harness.AnalyzeAsync(fixedSource));
        AssertSameModelAtRunTime("Collected", fixedSource);
        Assert.Equal(3, Evaluate(fixedSource).Model!.SmtpIn!.Hosts.Count);
    }

    /// <summary>
    /// A certificate path from an environment variable: MAIL9001 says it is checked at run time, and no rule reports the
    /// certificate missing (MAIL1020) or judges its placeholder; the rest of the platform is still checked.
    /// </summary>
    [Fact]
    public async Task A_certificate_path_from_the_environment_waits_for_run_time_instead_of_MAIL1020()
    {
        var source = Usings + """
            [MailPlatform]
            public static partial class FromEnvironment
            {
                static Platform Describe() => Platform.Create("example.org")
                    .Certificate(Environment.GetEnvironmentVariable("MAIL_CERT") ?? "/etc/ssl/mail.crt", "/etc/ssl/private/mail.key")
                    .Mailstore(m => m.Hosts("store.example.org").Ciphers("ECDHE+AESGCM:!aNUL"));
            }
            """;
        var seen = await Harness.AnalyzeAsync(source);
        Assert.Equal(new[] { "MAIL9001", "MAIL1003" }, seen.Select(s => s.Id));
        Assert.Equal("Environment.GetEnvironmentVariable(\"MAIL_CERT\")", seen[0].Text);
        Assert.Contains(seen[1].Text, new[] { "!aNUL", "aNUL" });
        Assert.DoesNotContain(seen, s => s.Id == "MAIL1020");

        // The same platform without any certificate still gets MAIL1020: the near miss.
        var missing = source.Replace(""".Certificate(Environment.GetEnvironmentVariable("MAIL_CERT") ?? "/etc/ssl/mail.crt", "/etc/ssl/private/mail.key")""", "");
        Assert.Contains(await Harness.AnalyzeAsync(missing), s => s.Id == "MAIL1020");

        // The generator leaves the check to run time: no compile-time fingerprint.
        var (result, _) = Harness.Generate(Harness.Compile(source));
        Assert.Contains("CompileTimeFingerprint = null", Assert.Single(result.GeneratedTrees).ToString());
    }

    /// <summary>A condition known only at run time makes its layer wait; the other layers are still checked.</summary>
    [Fact]
    public async Task A_condition_known_only_at_run_time_makes_its_layer_wait()
    {
        var source = Usings + """
            [MailPlatform]
            public static partial class Conditional
            {
                static Platform Describe() => Platform.Create("example.org")
                    .Certificate("/etc/pki/tls/certs/mail.crt", "/etc/pki/tls/private/mail.key")
                    .Mailstore(m => { m.Hosts("store.example.org").Ciphers("ALL"); if (Environment.GetEnvironmentVariable("POP") == "1") m.Pop3(110); })
                    .SmtpIn(s => s.Hosts("mx.example.org").Ciphers("ECDHE+AESGCM:aNULL"));
            }
            """;
        var seen = await Harness.AnalyzeAsync(source);
        Assert.Contains(new Seen("MAIL9001", "Environment.GetEnvironmentVariable(\"POP\") == \"1\""), seen);
        Assert.Contains(new Seen("MAIL1001", "aNULL"), seen);
        // "ALL" in the mailstore would be MAIL1001 too; the mailstore waits for run time.
        Assert.DoesNotContain(seen, s => s.Text == "\"ALL\"" || s.Text == "ALL");
    }

    /// <summary>A description the evaluator can read whole gives the model run time builds; a fingerprint of the same.</summary>
    private static void AssertSameModelAtRunTime(string className, params string[] sources)
    {
        var compilation = Harness.Compile(sources);
        using var stream = new MemoryStream();
        var emitted = compilation.Emit(stream);
        Assert.True(emitted.Success, string.Join("\n", emitted.Diagnostics));
        var assembly = Assembly.Load(stream.ToArray());
        var describe = assembly.GetType(className)!.GetMethod("Describe", BindingFlags.Static | BindingFlags.NonPublic | BindingFlags.Public)!;
        var runTime = ((MailDsl.Platform)describe.Invoke(null, null)!).Build();

        var result = Evaluate(sources);
        Assert.True(result.IsComplete, string.Join("\n", result.Problems.Select(p => p.Message)));
        Assert.Equal(MailDsl.Model.ModelFingerprint.Canonical(runTime), gen::MailDsl.Model.ModelFingerprint.Canonical(result.Model!));
    }

    private static EvaluationResult Evaluate(params string[] sources)
    {
        var compilation = Harness.Compile(sources);
        foreach (var tree in compilation.SyntaxTrees)
        {
            var type = tree.GetRoot().DescendantNodes().OfType<ClassDeclarationSyntax>().FirstOrDefault(c => c.AttributeLists.Count > 0);
            if (type is not null) return DslEvaluator.Evaluate(type, compilation.GetSemanticModel(tree), default);
        }
        throw new InvalidOperationException("no [MailPlatform] class");
    }
}
