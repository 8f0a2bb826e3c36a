extern alias gen;
using System.Collections;
using System.Reflection;
using gen::MailDsl.Generators;
using MailDsl.Model;
using MailDsl.Render;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;

namespace MailDsl.Generators.Tests;

/// <summary>What the generator emits, that it agrees with run time, and that it never throws (caching: <see cref="CachingTests"/>).</summary>
public sealed class GeneratorTests
{
    [Fact]
    public void The_generated_source_compiles_and_matches_its_baseline()
    {
        var (result, output) = Harness.Generate(Harness.Compile(Harness.Source("CorporateCloud.cs")));

        Assert.Null(result.Results.Single().Exception);
        var errors = output.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        Assert.True(errors.Count == 0, string.Join("\n", errors));
        var generated = Assert.Single(result.Results.Single().GeneratedSources);
        Assert.Equal("Examples.CorporateCloud.MailPlatform.g.cs", generated.HintName);
        Baseline.AssertMatches("CorporateCloud.generated.txt", generated.SourceText.ToString());
    }

    [Fact]
    public void The_example_builds_at_run_time_the_model_the_compiler_fingerprinted()
    {
        // The generator's fingerprint (Core compiled into the generator, inside the compiler) against run time's
        // (Core's own assembly, on the model Describe() builds here).
        var compileTime = Examples.CorporateCloud.CompileTimeFingerprint;
        Assert.NotNull(compileTime);
        Assert.Equal(ModelFingerprint.Of(DescribeExample().Build()), compileTime);
    }

    [Fact]
    public void The_files_the_generated_code_lists_are_the_files_run_time_renders()
    {
        // A host in two layers, hosts in every layer, mailstores sharing NFS (one group of two hosts, which get a per-user
        // backend's files only because there are several): each group's paths against Core's renderer at run time.
        var source = Harness.Platform("""
            .CertificateAuthority("/etc/pki/tls/certs/ca.crt")
                .Directory(d => d.Ldap(LdapSchema.ActiveDirectory).Server("dc01.example.org", LdapSecurity.Ldaps).BaseDn("dc=example,dc=org")
                    .BindAs("cn=mail,dc=example,dc=org", Secret.File("/etc/maildsl/secrets/ldap-bind")))
                .SmtpIn(s => s.Hosts("mx-01.example.org", "mx-02.example.org"))
                .SmtpOut(s => s.Hosts("relay-01.example.org", "relay-02.example.org").Submission(587))
                .Mailstore(m => m.Hosts("store-01.example.org", "store-02.example.org").Imaps(993).Pop3s(995).Storage(s => s.Nfs("/srv/vmail")))
                .Webmail(w => w.Hosts("web-01.example.org", "mx-02.example.org").Https(443).HttpRedirect(80)
                    .Database(db => db.PostgreSql("db01.example.org").Name("sogo").Login("sogo", Secret.File("/etc/maildsl/secrets/sogo-db"))))
            """);
        var driver = Harness.Driver().RunGenerators(Harness.Compile(source));
        var layout = (gen::MailDsl.Generators.Layout.PlatformLayout)Assert.Single(driver.GetRunResult().Results.Single().TrackedSteps[TrackingNames.Layouts]).Outputs.Single().Value;

        var platform = Platform.Create("example.org").Certificate("/etc/pki/tls/certs/mail.crt", "/etc/pki/tls/private/mail.key")
            .CertificateAuthority("/etc/pki/tls/certs/ca.crt")
            .Directory(d => d.Ldap(LdapSchema.ActiveDirectory).Server("dc01.example.org", LdapSecurity.Ldaps).BaseDn("dc=example,dc=org")
                .BindAs("cn=mail,dc=example,dc=org", Secret.File("/etc/maildsl/secrets/ldap-bind")))
            .SmtpIn(s => s.Hosts("mx-01.example.org", "mx-02.example.org"))
            .SmtpOut(s => s.Hosts("relay-01.example.org", "relay-02.example.org").Submission(587))
            .Mailstore(m => m.Hosts("store-01.example.org", "store-02.example.org").Imaps(993).Pop3s(995).Storage(s => s.Nfs("/srv/vmail")))
            .Webmail(w => w.Hosts("web-01.example.org", "mx-02.example.org").Https(443).HttpRedirect(80)
                .Database(db => db.PostgreSql("db01.example.org").Name("sogo").Login("sogo", Secret.File("/etc/maildsl/secrets/sogo-db"))))
            .Build();
        Assert.True(layout.Passed, string.Join("\n", MailDsl.Rules.RuleSet.Check(platform).Where(f => f.Severity == MailDsl.Rules.Severity.Error).Select(f => f.Message)));
        Assert.Equal(ModelFingerprint.Of(platform), layout.Fingerprint);
        var rendered = PlatformRenderer.Render(platform).ToLookup(a => a.Host, a => a.Path);
        var listed = layout.Groups.SelectMany(g => g.Hosts.Select(h => (Host: h, Files: g.Files))).ToList();
        Assert.Equal(rendered.Select(g => g.Key).Where(h => h.Length > 0).OrderBy(h => h, StringComparer.Ordinal), listed.Select(l => l.Host).OrderBy(h => h, StringComparer.Ordinal));
        foreach (var (host, files) in listed)
            Assert.Equal(rendered[host].OrderBy(p => p, StringComparer.Ordinal), files);
        Assert.Equal(rendered[""].OrderBy(p => p, StringComparer.Ordinal), layout.FleetFiles);
        Assert.Contains(layout.Groups, g => g.Layers.SequenceEqual(new[] { "smtpIn", "webmail" }) && g.Hosts.SequenceEqual(new[] { "mx-02.example.org" }));
        Assert.Contains(rendered["store-01.example.org"], p => p == "/etc/dovecot/maildsl-backends.lua");
    }

    [Theory]
    [InlineData(100)]
    [InlineData(10000)]
    public void The_generated_source_grows_with_the_description_not_the_hosts(int hosts)
    {
        var (result, _) = Harness.Generate(Harness.Compile(SyntheticPlatform.Source(hosts)));
        var generated = Assert.Single(result.Results.Single().GeneratedSources).SourceText.ToString();
        // Four groups of hosts, four names shown each: the same few lines at 100 hosts and at 10,000.
        Assert.InRange(generated.Length, 2000, 5000);
        Assert.Contains("and " + (hosts / 4 - 4) + " more", generated);
    }

    private static Platform DescribeExample() => MailDsl.TestPlatform.GuidePlatform.Describe();

    [Fact]
    public void A_platform_with_a_run_time_value_renders_at_run_time()
    {
        var source = Harness.Platform(""".Mailstore(m => m.Hosts(System.Environment.MachineName).Imaps(993))""");
        var (result, output) = Harness.Generate(Harness.Compile(source));

        var generated = Assert.Single(result.Results.Single().GeneratedSources).SourceText.ToString();
        Assert.Contains("public const string? CompileTimeFingerprint = null;", generated);
        GeneratedCodeIsClean(output);
    }

    [Fact]
    public void Generated_code_compiles_without_warnings()
    {
        var (_, output) = Harness.Generate(Harness.Compile(Harness.Source("CorporateCloud.cs")));
        GeneratedCodeIsClean(output);
    }

    private static void GeneratedCodeIsClean(Compilation output)
    {
        var generatedTrees = output.SyntaxTrees.Where(t => t.FilePath.EndsWith(".g.cs", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(generatedTrees);
        var problems = output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning && d.Location.SourceTree is { } tree && generatedTrees.Contains(tree)).ToList();
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public void A_platform_with_errors_emits_no_files_but_still_a_Run()
    {
        var source = Harness.Platform(""".Mailstore(m => m.Hosts("store.example.org").Listener("imap-nopass", ServiceProtocol.Imap, 144, ListenerSecurity.Plain, true))""");
        var (result, _) = Harness.Generate(Harness.Compile(source));

        var generated = Assert.Single(result.Results.Single().GeneratedSources).SourceText.ToString();
        // The model is known, so it has a fingerprint; it failed the rules, so no files are listed.
        Assert.Contains("public const string? CompileTimeFingerprint = \"v1:", generated);
        Assert.DoesNotContain("What <c>emit</c> writes", generated);
        Assert.Contains("public static int Run(string[] args)", generated);
    }

    public static TheoryData<string> Malformed() => new()
    {
        "[MailDsl.MailPlatform] public static partial class A { static MailDsl.Platform Describe() => null!; }",
        "[MailDsl.MailPlatform] public static partial class B { static MailDsl.Platform Describe() { var p = MailDsl.Platform.Create(\"x.org\"); return p; } }",
        "[MailDsl.MailPlatform] public static partial class C { static MailDsl.Platform Describe() => MailDsl.Platform.Create(",
        "[MailDsl.MailPlatform] public static partial class D { static MailDsl.Platform Describe() => MailDsl.Platform.Create(\"x.org\").Mailstore(null!); }",
        "[MailDsl.MailPlatform] public static partial class E { static MailDsl.Platform Describe() => MailDsl.Platform.Create(\"x.org\").Mailstore(m => { if (true) m.Imaps(1); }); }",
        "[MailDsl.MailPlatform] public static partial class F { static MailDsl.Platform Describe() => MailDsl.Platform.Create(\"x.org\").Mailstore(Configure); static void Configure(MailDsl.MailstoreBuilder m) { } }",
        "[MailDsl.MailPlatform] public static partial class G { static MailDsl.Platform Describe() => MailDsl.Platform.Create(\"x.org\").Mailstore(m => m.Hosts(new string[0]).Imaps(-1).Hosts(\"\\n\")); }",
        "[MailDsl.MailPlatform] public static partial class H<T> { static MailDsl.Platform Describe() => MailDsl.Platform.Create(\"x.org\").Ciphers(\"\\0:!@#\"); }",
    };

    [Theory]
    [MemberData(nameof(Malformed))]
    public async Task Neither_generator_nor_analyzer_ever_throws(string source)
    {
        var compilation = Harness.Compile(source);
        var (result, _) = Harness.Generate(compilation);
        Assert.Null(result.Results.Single().Exception);

        var diagnostics = await Harness.DiagnosticsAsync(compilation);
        // An analyzer that throws shows up as AD0001.
        Assert.DoesNotContain(diagnostics, d => d.Id == "AD0001");
    }
}

/// <summary>Walks an object graph and fails on any Roslyn object that would pin a compilation in the cache.</summary>
internal static class Forbidden
{
    private static readonly Type[] Types = { typeof(ISymbol), typeof(SyntaxNode), typeof(Location), typeof(Compilation), typeof(SemanticModel), typeof(SyntaxTree) };

    public static void AssertNone(object? root, string step)
    {
        var seen = new HashSet<object>(ReferenceEqualityComparer.Instance);
        var pending = new Stack<(object Value, string Path)>();
        if (root is not null) pending.Push((root, step));
        while (pending.Count > 0)
        {
            var (value, path) = pending.Pop();
            var type = value.GetType();
            if (type.IsPrimitive || value is string || type.IsEnum || !seen.Add(value)) continue;
            Assert.False(Types.Any(t => t.IsInstanceOfType(value)), $"{path} is a {type.Name}: pipeline outputs must be plain equatable values");
            if (value is IEnumerable items and not string)
            {
                var i = 0;
                foreach (var item in items) if (item is not null) pending.Push((item, $"{path}[{i++}]"));
            }
            foreach (var field in type.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic))
                if (field.GetValue(value) is { } child) pending.Push((child, $"{path}.{field.Name}"));
        }
    }
}
