extern alias gen;
using gen::MailDsl.Generators.Evaluation;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Xunit;

namespace MailDsl.Generators.Tests;

/// <summary>
/// The generator's two evaluators agree: the syntactic fast path (no binding, used on every compilation change) gives
/// exactly the model the semantic evaluator (the fallback) gives, or gives up; with origins (the analyzer's fast path),
/// every value recorded at the same span.
/// </summary>
public sealed class EvaluationTests
{
    /// <summary>Descriptions in plain DSL: the fast path must read them, and agree.</summary>
    public static TheoryData<string> PlainDsl() => new()
    {
        Harness.Source("CorporateCloud.cs"),
        Harness.Source("SeedAsWritten.cs"),
        SyntheticPlatform.Source(100),
        Harness.Platform(""".Target(Distro.Debian12, t => t.WithDovecot("2.4.1").WithOpenSsl("3.5")).Protocols(TlsVersion.Tls12, TlsVersion.Tls13)"""),
        Harness.Platform(""".Target(MailDsl.Model.Distro.Debian13).Tls(global::MailDsl.Model.TlsProfile.Modern).Ciphers(@"HIGH:!aNULL")"""),
        Harness.Platform(""".Mailstore(m => { m.Hosts("a.example.org", "b.example.org"); m.Imaps(); return; }).Webmail((w) => w.Hosts("w.example.org").Sogo(port: 20001).Smtp("smtp://relay.example.org:587/?tls=YES").Imap("imaps://imap.example.org:993"))"""),
        Harness.Platform(""".Webmail(w => w.Hosts("w.example.org").NginxLocation("~ ^/x$", "return 404;", "access_log off;").NginxLocation("/y").ActiveSync(false).Hsts(0))"""),
        Harness.Platform(""".Mailstore(m => m.Hosts("s.example.org").Listener("imap-nopass", ServiceProtocol.Imap, 144, ListenerSecurity.Plain, true).Listener(name: "pop", protocol: ServiceProtocol.Pop3, port: 110, security: ListenerSecurity.StartTls).Imaps(-1))"""),
        Harness.Platform(""".SmtpIn(s => s.Hosts("mx.example.org").StartTls(TlsLevel.Encrypt).Smtp(2525).PostfixSetting("a", "1").PostfixSetting("a", "2")).SmtpOut(s => s.Hosts("o.example.org").OutboundTls(TlsLevel.May).Submission())"""),
        Harness.Platform(""".Mailstore(m => m.Hosts().Hosts("x.example.org").MailLocation("mdbox:~/mdbox").DovecotSetting("ssl", "yes").ListenOn("127.0.0.1").Vip("imap.example.org"))"""),
    };

    /// <summary>Descriptions the syntax alone cannot read: the fast path gives up, the semantic evaluator decides.</summary>
    public static TheoryData<string> NeedsTheSemanticModel() => new()
    {
        Harness.Platform(""".Banner(Name)""", """const string Name = "Example";"""),
        Harness.Platform(""".Mailstore(m => m.Hosts(System.Environment.MachineName))"""),
        Harness.Platform(""".Banner("a" + "b")"""),
        Harness.Platform(""".Mailstore(m => { if (true) m.Imaps(1); })"""),
        Harness.Platform(""".Mailstore(Configure)""", "static void Configure(MailstoreBuilder m) { m.Hosts(\"x.example.org\"); }"),
        Harness.Platform(""".Mailstore(m => m.Hosts(new[] { "x.example.org" }))"""),
        Harness.Platform(""".Mailstore(m => m.Hosts("x.example.org").Imaps(3000000000))"""),
        Harness.Platform(""".Mailstore(m => m.Hosts("x.example.org").Unknown())"""),
        Harness.Platform(""".Webmail(w => w.Hosts("w.example.org").Imap(993 == 993 ? "imaps://x" : "y"))"""),
    };

    [Theory]
    [MemberData(nameof(PlainDsl))]
    public void The_fast_path_reads_plain_DSL_and_agrees_with_the_semantic_evaluator(string source)
    {
        var (syntactic, semantic) = Both(source);
        Assert.NotNull(syntactic);
        Assert.True(semantic.IsComplete, string.Join("\n", semantic.Problems.Select(p => p.Message)));
        Assert.Equal(semantic.Model! with { Origins = gen::MailDsl.Model.SourceMap.Empty }, syntactic);
        Assert.Equal(gen::MailDsl.Model.ModelFingerprint.Of(semantic.Model!), gen::MailDsl.Model.ModelFingerprint.Of(syntactic!));
    }

    [Theory]
    [MemberData(nameof(PlainDsl))]
    public void With_origins_the_fast_path_records_every_value_where_the_semantic_evaluator_does(string source)
    {
        // The analyzer's fast path: its findings land where the semantic evaluator would have put them, only if each
        // origin key maps to the same span (argument, params element, named argument, string content offset).
        var (syntactic, semantic) = Both(source, recordOrigins: true);
        Assert.NotNull(syntactic);
        Assert.NotEmpty(semantic.Model!.Origins.Entries);
        Assert.Equal(semantic.Model!.Origins.Entries.Select(e => e.ToString()), syntactic!.Origins.Entries.Select(e => e.ToString()));
        Assert.Equal(semantic.Model, syntactic);
    }

    [Theory]
    [MemberData(nameof(NeedsTheSemanticModel))]
    public void The_fast_path_gives_up_on_anything_else(string source)
    {
        var (syntactic, semantic) = Both(source);
        Assert.Null(syntactic);
        // Where the semantic evaluator can read it, the generator still gets the model (and its fingerprint).
        if (semantic.IsComplete) Assert.NotNull(semantic.Model);
    }

    /// <summary>
    /// Types of the user's own named like the DSL's (a <c>Secret</c> whose <c>File</c> returns the text, a <c>TlsLevel</c>
    /// whose <c>Encrypt</c> is the DSL's <c>May</c>, a nested <c>Platform</c> whose <c>Create</c> sets a banner): the fast path
    /// reads the names as the compiler binds them, so it gives up instead of taking the DSL's meaning, and the semantic
    /// evaluator gives the user's. Each control, the same description with the DSL's own type, the fast path reads.
    /// </summary>
    [Fact]
    public async Task A_type_of_the_users_own_named_like_a_DSL_type_is_not_taken_for_the_DSLs()
    {
        const string bind = """.Directory(d => d.Ldap(LdapSchema.ActiveDirectory).Server("dc.example.org", LdapSecurity.Ldaps).BaseDn("dc=example,dc=org").BindAs("cn=mail,dc=example,dc=org", Secret.File("/etc/maildsl/secrets/ldap-bind")))""";
        var usersSecret = Harness.Platform(bind) + "\npublic static class Secret { public static string File(string path) => path; }\n";
        Assert.Null(Both(usersSecret).Syntactic);
        // BindAs(string, string): the password written in the description, as the compiler reads the call.
        Assert.Contains(await Harness.AnalyzeAsync(usersSecret), s => s.Id == "MAIL5004");
        Assert.NotNull(Both(Harness.Platform(bind)).Syntactic);
        Assert.DoesNotContain(await Harness.AnalyzeAsync(Harness.Platform(bind)), s => s.Id == "MAIL5004");

        const string startTls = """.SmtpIn(s => s.Hosts("mx.example.org").StartTls(TlsLevel.Encrypt))""";
        var usersLevel = Harness.Platform(startTls) + "\npublic static class TlsLevel { public const MailDsl.Model.TlsLevel Encrypt = MailDsl.Model.TlsLevel.May; }\n";
        var (fast, semantic) = Both(usersLevel);
        Assert.Null(fast);
        Assert.Equal(gen::MailDsl.Model.TlsLevel.May, semantic.Model!.SmtpIn!.StartTls);
        Assert.Equal(gen::MailDsl.Model.TlsLevel.Encrypt, Both(Harness.Platform(startTls)).Syntactic!.SmtpIn!.StartTls);

        var usersPlatform = Harness.Platform("", "static class Platform { public static MailDsl.Platform Create(string domain) => MailDsl.Platform.Create(domain).Banner(\"Mine\"); }")
            .Replace("static Platform Describe()", "static MailDsl.Platform Describe()");
        (fast, semantic) = Both(usersPlatform);
        Assert.Null(fast);
        Assert.True(semantic.IsComplete, string.Join("\n", semantic.Problems.Select(p => p.Message)));
        Assert.Equal("Mine", semantic.Model!.Banner);
        Assert.Null(Both(Harness.Platform("")).Syntactic!.Banner);
    }

    private static (gen::MailDsl.Model.PlatformModel? Syntactic, EvaluationResult Semantic) Both(string source, bool recordOrigins = false)
    {
        var compilation = Harness.Compile(source);
        var tree = compilation.SyntaxTrees.Single();
        var type = tree.GetRoot().DescendantNodes().OfType<ClassDeclarationSyntax>().First(c => c.AttributeLists.Count > 0);
        var describe = DescribeMethod.Find(type, null);
        var syntactic = describe is null ? null : SyntacticEvaluator.TryEvaluate(describe, compilation.GetSemanticModel(tree), default, recordOrigins);
        var semantic = DslEvaluator.Evaluate(type, compilation.GetSemanticModel(tree), default);
        return (syntactic, semantic);
    }
}
