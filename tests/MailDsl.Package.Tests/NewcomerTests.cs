using System.IO.Compression;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using MailDsl.Package.Tests.Support;
using Xunit;
using Xunit.Abstractions;

namespace MailDsl.Package.Tests;

/// <summary>
/// A newcomer's day with the packed package, as they would live it: a fresh project in an empty folder gets MailDsl from a
/// NuGet source (no project reference), a mistake shows as a MAIL diagnostic at its argument in <c>dotnet build</c>, the fix
/// builds clean, and <c>dotnet run -- emit</c> writes the files; the same from <c>dotnet new maildsl</c>.
/// </summary>
[Collection(PackedPackagesCollection.Name)]
public sealed class NewcomerTests
{
    private readonly PackedPackages _packages;
    private readonly ITestOutputHelper _log;

    public NewcomerTests(PackedPackages packages, ITestOutputHelper log)
    {
        _packages = packages;
        _log = log;
        _log.WriteLine($"packed {packages.Version} in {packages.PackTime.TotalSeconds:F1} s");
    }

    private const string Mistake = """.Listener("imap-nopass", ServiceProtocol.Imap, 144, ListenerSecurity.Plain, allowPlaintextAuth: true)""";

    private static string Platform(string className, bool withMistake) => $$"""
        using MailDsl;
        using MailDsl.Model;

        [MailPlatform]
        public static partial class {{className}}
        {
            static Platform Describe() => Platform.Create("corp.example")
                .Target(Distro.Debian12)
                .Certificate("/etc/ssl/certs/mail.crt", "/etc/ssl/private/mail.key")
                .SmtpIn(s => s.Hosts("mx-01.corp.example").Vip("mx.corp.example"))
                .Mailstore(m => m.Hosts("store-01.corp.example").Vip("imap.corp.example").Imaps(){{(withMistake ? Mistake : "")}});
        }
        """;

    [Fact]
    public void A_fresh_project_gets_the_package_sees_the_mistake_at_the_argument_then_builds_clean_and_emits()
    {
        var dir = _packages.NewFolder("Corp");
        Step(Tools.Dotnet(dir, "new", "console", "-n", "Corp", "-o", ".", "--no-restore"), "dotnet new console");
        Step(Tools.Dotnet(dir, "add", "package", "MailDsl", "--version", _packages.Version), "dotnet add package");
        var project = XDocument.Load(Path.Combine(dir, "Corp.csproj"));
        Assert.Equal(_packages.Version, project.Descendants("PackageReference").Single(e => (string?)e.Attribute("Include") == "MailDsl").Attribute("Version")!.Value);
        Assert.Empty(project.Descendants("ProjectReference"));
        File.WriteAllText(Path.Combine(dir, "Program.cs"), "return Corp.Run(args);\n");

        var source = Platform("Corp", withMistake: true);
        File.WriteAllText(Path.Combine(dir, "Corp.cs"), source);
        var broken = Tools.Dotnet(dir, "build");
        _log.WriteLine($"build with the mistake: {broken.Took.TotalSeconds:F1} s");
        Assert.NotEqual(0, broken.ExitCode);
        var (line, column) = Position(source, source.IndexOf("true)", StringComparison.Ordinal));
        Assert.Matches(new Regex($@"Corp\.cs\({line},{column}\): error MAIL2001: .*'imap-nopass'"), broken.Output);

        File.WriteAllText(Path.Combine(dir, "Corp.cs"), Platform("Corp", withMistake: false));
        var clean = Step(Tools.Dotnet(dir, "build"), "dotnet build after the fix");
        Assert.Contains(" 0 Warning(s)", clean.Stdout);
        Assert.DoesNotContain("MAIL", clean.Stdout);

        var emit = Step(Tools.Dotnet(dir, "run", "--no-build", "--", "emit", "--out", "out"), "emit");
        Assert.Contains("for 2 hosts under out", emit.Stdout);
        foreach (var file in new[] { "mx-01.corp.example/etc/postfix/main.cf", "mx-01.corp.example/install.sh", "store-01.corp.example/etc/dovecot/dovecot.conf", "inventory.ini", "site.yml", "README.md" })
            Assert.True(File.Exists(Path.Combine(dir, "out", file)), file + " was not emitted");
        Assert.Contains("```mermaid", File.ReadAllText(Path.Combine(dir, "out", "README.md")));

        // The same program refuses an unknown option with exit 2, naming it.
        var wrong = Tools.Dotnet(dir, "run", "--no-build", "--", "emit", "--out", "out", "--hots", "mx-01.corp.example");
        Assert.Equal(2, wrong.ExitCode);
        Assert.Contains("emit: unknown option '--hots'. Did you mean '--host'?", wrong.Stderr);
    }

    [Fact]
    public void The_template_creates_a_project_that_builds_clean_emits_and_reports_a_mistake_at_its_argument()
    {
        var hive = Path.Combine(_packages.Root, "template-hive");
        Step(Tools.Dotnet(_packages.Root, "new", "install", _packages.TemplatePackage, "--debug:custom-hive", hive), "dotnet new install");
        var parent = _packages.NewFolder("templated");
        Step(Tools.Dotnet(parent, "new", "maildsl", "-n", "Acme", "--domain", "acme.example", "--target", "Debian13", "--debug:custom-hive", hive), "dotnet new maildsl");
        var dir = Path.Combine(parent, "Acme");
        var project = XDocument.Load(Path.Combine(dir, "Acme.csproj"));
        Assert.Equal(_packages.Version, project.Descendants("PackageReference").Single().Attribute("Version")!.Value);
        var platform = File.ReadAllText(Path.Combine(dir, "Platform.cs"));
        Assert.Contains("public static partial class Acme", platform);
        Assert.Contains("Distro.Debian13", platform);
        // The directory's base DN follows the domain.
        Assert.Contains("\"dc=acme,dc=example\"", platform);

        var clean = Step(Tools.Dotnet(dir, "build"), "dotnet build of the new project");
        _log.WriteLine($"template build: {clean.Took.TotalSeconds:F1} s");
        Assert.Contains(" 0 Warning(s)", clean.Stdout);
        var check = Step(Tools.Dotnet(dir, "run", "--no-build", "--", "check"), "check");
        Assert.Matches(new Regex(@"^no findings: 5 hosts, \d+ services checked$"), check.Stdout.Trim());
        var emit = Step(Tools.Dotnet(dir, "run", "--no-build", "--", "emit", "--out", "out"), "emit");
        Assert.Contains("for 5 hosts under out", emit.Stdout);
        Assert.True(File.Exists(Path.Combine(dir, "out", "webmail-01.acme.example", "etc", "nginx", "conf.d", "sogo.conf")));

        var mistaken = platform.Replace(".Imaps().Pop3s()", ".Imaps().Pop3s().Ciphers(\"HIGH:aNULL\")");
        Assert.NotEqual(platform, mistaken);
        File.WriteAllText(Path.Combine(dir, "Platform.cs"), mistaken);
        var broken = Tools.Dotnet(dir, "build");
        Assert.NotEqual(0, broken.ExitCode);
        var (line, column) = Position(mistaken, mistaken.IndexOf("aNULL", StringComparison.Ordinal));
        Assert.Matches(new Regex($@"Platform\.cs\({line},{column}\): error MAIL1001: "), broken.Output);
        File.WriteAllText(Path.Combine(dir, "Platform.cs"), platform);
        Assert.Contains(" 0 Warning(s)", Step(Tools.Dotnet(dir, "build"), "dotnet build after the fix").Stdout);
    }

    /// <summary>
    /// The template's balancer choices: two emitted balancer hosts, whose haproxy.cfg and keepalived.conf the target's own
    /// <c>haproxy -c</c> and <c>keepalived -t</c> accept (in a sandbox of that target with the host's etc/ installed, as the
    /// render tests' checkers run), or a described LBaaS, which <c>check</c> and the README tell what to be set to. Each
    /// builds with no diagnostic, checks clean and emits. (The default, none, is the test above.)
    /// </summary>
    [Theory]
    [InlineData("emitted", "Debian12")]
    [InlineData("emitted", "Debian13")]
    [InlineData("lbaas", "Debian13")]
    public void The_templates_balancer_choices_build_clean_check_and_emit_what_their_checkers_accept(string balancers, string target)
    {
        var hive = Path.Combine(_packages.Root, "template-hive-" + balancers + "-" + target);
        Step(Tools.Dotnet(_packages.Root, "new", "install", _packages.TemplatePackage, "--debug:custom-hive", hive), "dotnet new install");
        var parent = _packages.NewFolder("balanced");
        Step(Tools.Dotnet(parent, "new", "maildsl", "-n", "Acme", "--domain", "acme.example", "--target", target, "--balancers", balancers, "--debug:custom-hive", hive), "dotnet new maildsl --balancers " + balancers);
        var dir = Path.Combine(parent, "Acme");
        var platform = File.ReadAllText(Path.Combine(dir, "Platform.cs"));
        Assert.DoesNotContain("#if", platform);
        Assert.Contains(balancers == "lbaas" ? ".Lbaas(LbaasBehaviour.PassThroughProxy)" : ".Host(\"lb-01.acme.example\"", platform);

        var clean = Step(Tools.Dotnet(dir, "build"), "dotnet build");
        Assert.Contains(" 0 Warning(s)", clean.Stdout);
        Assert.DoesNotContain("MAIL", clean.Stdout);
        var check = Step(Tools.Dotnet(dir, "run", "--no-build", "--", "check"), "check");
        var hosts = balancers == "emitted" ? 7 : 5;
        Assert.Matches(new Regex($@"(^|\n)no findings: {hosts} hosts, \d+ services checked$"), check.Stdout.Trim());
        var emit = Step(Tools.Dotnet(dir, "run", "--no-build", "--", "emit", "--out", "out"), "emit");
        Assert.Contains($"for {hosts} hosts under out", emit.Stdout);
        var readme = File.ReadAllText(Path.Combine(dir, "out", "README.md"));
        Assert.Contains("| through the balancers | client's address at the host |", readme);

        if (balancers == "lbaas")
        {
            // check and the README tell the LBaaS the same: every VIP, each with its backends' PROXY ports.
            Assert.Contains("## What the LBaaS must be set to", check.Stdout);
            foreach (var vip in new[] { "mx", "relay", "imap", "webmail" })
                Assert.Contains($"### VIP {vip}.acme.example (", check.Stdout);
            Assert.Contains("| 993 | imaps | TCP | least connections | store-01.acme.example 10.0.0.31:10993 | on, health check too |", check.Stdout);
            var told = check.Stdout[check.Stdout.IndexOf("## What the LBaaS", StringComparison.Ordinal)..check.Stdout.LastIndexOf("no findings", StringComparison.Ordinal)].Trim();
            Assert.Contains(told, readme);
            Assert.False(Directory.Exists(Path.Combine(dir, "out", "lb-01.acme.example")));
            return;
        }
        var distro = Enum.Parse<MailDsl.Model.Distro>(target);
        foreach (var lb in new[] { "lb-01.acme.example", "lb-02.acme.example" })
        {
            var hostDir = Path.Combine(dir, "out", lb);
            using var sandbox = MailDsl.TestPlatform.Sandbox.SandboxHost.Start(lb, Path.Combine(parent, "sandbox-" + lb), distro, new[] { hostDir });
            var q = MailDsl.TestPlatform.Sandbox.Command.ShellQuote;
            // -dW makes a warning fatal; keepalived -t refuses an unknown keyword, a bad value or a missing script.
            var checkers = sandbox.Run($"set -e; cp -r {q(hostDir)}/etc/. /etc/; haproxy -c -dW -f /etc/haproxy/haproxy.cfg; keepalived -t -f /etc/keepalived/keepalived.conf; echo CHECKED");
            _log.WriteLine($"{lb} on {target}: {checkers.Output}");
            Assert.True(checkers.Succeeded && checkers.Output.Contains("CHECKED", StringComparison.Ordinal), checkers.ToString());
            Assert.DoesNotContain("[WARNING]", checkers.Output);
            Assert.DoesNotContain("[ALERT]", checkers.Output);
        }
    }

    [Fact]
    public void The_package_holds_the_library_core_analyzers_docs_readme_icon_and_source_link()
    {
        using var zip = ZipFile.OpenRead(_packages.MailDslPackage);
        var entries = zip.Entries.Select(e => e.FullName).ToHashSet();
        foreach (var expected in new[]
        {
            "lib/netstandard2.0/MailDsl.dll", "lib/netstandard2.0/MailDsl.xml", "lib/netstandard2.0/MailDsl.Core.dll", "lib/netstandard2.0/MailDsl.Core.xml",
            "analyzers/dotnet/cs/MailDsl.Generators.dll", "analyzers/dotnet/cs/MailDsl.CodeFixes.dll", "README.md", "icon.png",
        })
            Assert.Contains(expected, entries);
        Assert.DoesNotContain(entries, e => e.StartsWith("lib/", StringComparison.Ordinal) && e.Contains("Generators", StringComparison.Ordinal));

        var nuspec = XDocument.Load(zip.Entries.Single(e => e.FullName.EndsWith(".nuspec", StringComparison.Ordinal)).Open());
        XNamespace ns = nuspec.Root!.Name.Namespace;
        var metadata = nuspec.Root.Element(ns + "metadata")!;
        Assert.Equal("MailDsl", metadata.Element(ns + "id")!.Value);
        Assert.Equal(_packages.Version, metadata.Element(ns + "version")!.Value);
        Assert.Equal("README.md", metadata.Element(ns + "readme")!.Value);
        Assert.Equal("icon.png", metadata.Element(ns + "icon")!.Value);
        var commit = metadata.Element(ns + "repository")!.Attribute("commit")!.Value;
        Assert.Matches("^[0-9a-f]{40}$", commit);
        // One package: its only dependency is the command-line library, never MailDsl.Core or the generator.
        Assert.Equal(new[] { "System.CommandLine" }, metadata.Descendants(ns + "dependency").Select(d => d.Attribute("id")!.Value).Distinct());

        // Source Link, read from the PDB embedded in each library: every source maps to this commit's sources.
        foreach (var dll in new[] { "lib/netstandard2.0/MailDsl.dll", "lib/netstandard2.0/MailDsl.Core.dll" })
        {
            using var stream = new MemoryStream();
            zip.GetEntry(dll)!.Open().CopyTo(stream);
            stream.Position = 0;
            using var pe = new PEReader(stream);
            var embedded = pe.ReadDebugDirectory().Single(d => d.Type == DebugDirectoryEntryType.EmbeddedPortablePdb);
            using var pdbProvider = pe.ReadEmbeddedPortablePdbDebugDirectoryData(embedded);
            var pdb = pdbProvider.GetMetadataReader();
            var sourceLinkKind = new Guid("CC110556-A091-4D38-9FEC-25AB9A351A6A");
            var sourceLink = pdb.CustomDebugInformation.Select(pdb.GetCustomDebugInformation)
                .Where(c => pdb.GetGuid(c.Kind) == sourceLinkKind)
                .Select(c => System.Text.Encoding.UTF8.GetString(pdb.GetBlobBytes(c.Value)))
                .Single();
            Assert.Contains($"https://raw.githubusercontent.com/maildsl/maildsl/{commit}/*", sourceLink);
        }
    }

    private Ran Step(Ran ran, string what)
    {
        _log.WriteLine($"{what}: {ran.Took.TotalSeconds:F1} s");
        Assert.True(ran.ExitCode == 0, what + " failed: " + ran);
        return ran;
    }

    /// <summary>The compiler's 1-based line and column of <paramref name="offset"/> in <paramref name="text"/>.</summary>
    private static (int Line, int Column) Position(string text, int offset)
    {
        Assert.True(offset >= 0);
        var before = text.Substring(0, offset);
        var line = before.Count(c => c == '\n') + 1;
        var column = offset - (before.LastIndexOf('\n') + 1) + 1;
        return (line, column);
    }
}
