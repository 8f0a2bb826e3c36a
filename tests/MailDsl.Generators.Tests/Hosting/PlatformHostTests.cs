using System.Linq.Expressions;
using System.Reflection;
using System.Runtime.Loader;
using MailDsl.Hosting;
using MailDsl.Model;
using MailDsl.Render;
using Xunit;

namespace MailDsl.Generators.Tests.Hosting;

/// <summary>
/// The run-time half behind the generated <c>Run(args)</c>: emit writes only what changed and keeps DIR whole on failure,
/// show prints what emit writes, help never builds the platform, and a model that differs from the compile-time one is said.
/// </summary>
public sealed class PlatformHostTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "maildsl-host-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_dir)) Directory.Delete(_dir, recursive: true);
    }

    private static Platform Describe(string banner = "Example Mail", bool webmail = true)
    {
        var platform = Platform.Create("example.org")
            .Banner(banner)
            .Certificate("/etc/ssl/certs/mail.crt", "/etc/ssl/private/mail.key")
            .SmtpIn(s => s.Hosts("mx-01.example.org", "mx-02.example.org"))
            .Mailstore(m => m.Hosts("store-01.example.org").Imaps(993));
        return webmail ? platform.Webmail(w => w.Hosts("web-01.example.org").Https(443)) : platform;
    }

    private (int Exit, string Out, string Err) Run(Func<Platform> describe, string? fingerprint, params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var exit = PlatformHost.Run(args, describe, fingerprint, stdout, stderr);
        return (exit, stdout.ToString(), stderr.ToString());
    }

    private Dictionary<string, DateTime> Stamps()
        => Directory.EnumerateFiles(_dir, "*", SearchOption.AllDirectories).ToDictionary(f => f, File.GetLastWriteTimeUtc);

    [Fact]
    public void A_second_emit_with_no_change_writes_nothing()
    {
        var first = Run(() => Describe(), null, "emit", "--out", _dir);
        Assert.Equal(0, first.Exit);
        var files = PlatformRenderer.Render(Describe().Build()).Count;
        Assert.Contains($"{files} written, 0 unchanged, 0 removed for 4 hosts under {_dir}", first.Out);
        var before = Stamps();
        Thread.Sleep(20);

        var second = Run(() => Describe(), null, "emit", "--out", _dir);

        Assert.Equal(0, second.Exit);
        Assert.Contains($"0 written, {files} unchanged, 0 removed", second.Out);
        Assert.Equal(before, Stamps());
    }

    [Fact]
    public void A_change_rewrites_only_the_files_it_changes_and_removes_what_is_no_longer_emitted()
    {
        Assert.Equal(0, Run(() => Describe(), null, "emit", "--out", _dir).Exit);
        var before = Stamps();
        var old = PlatformRenderer.Render(Describe().Build()).ToDictionary(a => ArtifactWriter.TargetPath(_dir, a), a => a.Content);
        var now = PlatformRenderer.Render(Describe("Other Mail", webmail: false).Build()).ToDictionary(a => ArtifactWriter.TargetPath(_dir, a), a => a.Content);
        var differing = now.Count(p => !old.TryGetValue(p.Key, out var text) || text != p.Value);
        var gone = old.Keys.Count(k => !now.ContainsKey(k));
        Assert.InRange(differing, 1, now.Count - 1);
        Assert.True(gone > 0);
        Thread.Sleep(20);

        var result = Run(() => Describe("Other Mail", webmail: false), null, "emit", "--out", _dir);

        Assert.Equal(0, result.Exit);
        Assert.Contains($"{differing} written, {now.Count - differing} unchanged, {gone} removed", result.Out);
        var after = Stamps();
        Assert.Equal(now.Keys.OrderBy(k => k, StringComparer.Ordinal), after.Keys.OrderBy(k => k, StringComparer.Ordinal));
        foreach (var (path, text) in now)
        {
            Assert.Equal(text, File.ReadAllText(path));
            if (old.TryGetValue(path, out var was) && was == text) Assert.Equal(before[path], after[path]);
        }
        Assert.False(Directory.Exists(Path.Combine(_dir, "web-01.example.org")), "the removed host's folder is left behind");
        Assert.Empty(Directory.EnumerateDirectories(_dir, ".maildsl-*"));
    }

    [Fact]
    public void A_file_edited_by_hand_or_given_another_mode_is_put_back()
    {
        Assert.Equal(0, Run(() => Describe(), null, "emit", "--out", _dir).Exit);
        var mainCf = Path.Combine(_dir, "mx-01.example.org", "etc", "postfix", "main.cf");
        var script = Path.Combine(_dir, "mx-01.example.org", "install.sh");
        var text = File.ReadAllText(mainCf);
        File.AppendAllText(mainCf, "smtpd_tls_security_level = none\n");
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(script, UnixFileMode.UserRead | UnixFileMode.UserWrite);

        var result = Run(() => Describe(), null, "emit", "--out", _dir);

        Assert.Equal(0, result.Exit);
        Assert.Equal(text, File.ReadAllText(mainCf));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Contains("2 written", result.Out);
            Assert.Equal((UnixFileMode)Artifact.ExecutableMode, File.GetUnixFileMode(script));
        }
    }

    [Fact]
    public void A_failed_write_leaves_the_folder_as_it_was()
    {
        var artifacts = PlatformRenderer.Render(Describe().Build());
        ArtifactWriter.Write(_dir, artifacts);
        var before = Directory.EnumerateFiles(_dir, "*", SearchOption.AllDirectories).ToDictionary(f => f, File.ReadAllText);

        // A file and a file beneath it: the second cannot be staged, after other changed files already were.
        var broken = artifacts.Select(a => a.Path == "/etc/postfix/main.cf" ? a with { Content = a.Content + "# changed\n" } : a)
            .Append(new Artifact("mx-01.example.org", "/etc/postfix/main.cf/oops", Artifact.ReadableMode, "x"))
            .ToList();
        Assert.ThrowsAny<IOException>(() => ArtifactWriter.Write(_dir, broken));

        var after = Directory.EnumerateFiles(_dir, "*", SearchOption.AllDirectories).ToDictionary(f => f, File.ReadAllText);
        Assert.Equal(before, after);
        Assert.Empty(Directory.EnumerateDirectories(_dir, ".maildsl-*"));
    }

    [Fact]
    public void A_path_that_leaves_the_folder_writes_nothing()
    {
        var result = Assert.Throws<ArgumentException>(() => ArtifactWriter.Write(_dir, new[]
        {
            new Artifact("a.example.org", "/etc/ok.conf", Artifact.ReadableMode, "ok"),
            new Artifact("a.example.org", "/../../escape.conf", Artifact.ReadableMode, "no"),
        }));
        Assert.Contains("leaves the output folder", result.Message);
        Assert.False(Directory.Exists(_dir));
    }

    [Fact]
    public void Show_lists_a_hosts_files_and_prints_one_as_emit_writes_it()
    {
        Assert.Equal(0, Run(() => Describe(), null, "emit", "--out", _dir).Exit);

        var list = Run(() => Describe(), null, "show", "web-01.example.org");
        Assert.Equal(0, list.Exit);
        var paths = list.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split(' ')[1]).ToList();
        Assert.Equal(Directory.EnumerateFiles(Path.Combine(_dir, "web-01.example.org"), "*", SearchOption.AllDirectories)
            .Select(f => f.Substring(Path.Combine(_dir, "web-01.example.org").Length)).OrderBy(p => p, StringComparer.Ordinal), paths);
        Assert.Contains("0755 /install.sh", list.Out);

        var file = Run(() => Describe(), null, "show", "web-01.example.org", "/etc/sogo/sogo.conf");
        Assert.Equal(0, file.Exit);
        Assert.Equal(File.ReadAllText(Path.Combine(_dir, "web-01.example.org", "etc", "sogo", "sogo.conf")), file.Out);
        var fleet = Run(() => Describe(), null, "show", "/", "inventory.ini");
        Assert.Equal(File.ReadAllText(Path.Combine(_dir, "inventory.ini")), fleet.Out);

        var missing = Run(() => Describe(), null, "show", "web-09.example.org");
        Assert.Equal(1, missing.Exit);
        Assert.Contains("no host 'web-09.example.org'", missing.Err);
        Assert.Contains("web-01.example.org", missing.Err);
    }

    [Fact]
    public void Help_never_builds_the_platform()
    {
        var built = 0;
        var result = Run(() => { built++; throw new InvalidOperationException("built"); }, "v1:whatever", "help");
        Assert.Equal(0, result.Exit);
        Assert.Contains("show <HOST> [<PATH>]", result.Out);
        Assert.Equal(0, built);
    }

    /// <summary>
    /// MailDsl loaded a second time, in a context of its own that records every assembly its code asks for: the test host
    /// has System.CommandLine loaded already, so only a fresh context shows whether help needs it.
    /// </summary>
    private sealed class RecordingContext : AssemblyLoadContext
    {
        public RecordingContext() : base("help without System.CommandLine", isCollectible: true)
        {
        }

        public List<string> Requested { get; } = new();

        protected override Assembly? Load(AssemblyName name)
        {
            Requested.Add(name.Name!);
            var path = Path.Combine(AppContext.BaseDirectory, name.Name + ".dll");
            return File.Exists(path) ? LoadFromAssemblyPath(path) : null;
        }
    }

    [Fact]
    public void A_plain_help_request_is_answered_without_loading_System_CommandLine()
    {
        var context = new RecordingContext();
        try
        {
            var library = context.LoadFromAssemblyPath(Path.Combine(AppContext.BaseDirectory, "MailDsl.dll"));
            var run = library.GetType("MailDsl.Hosting.PlatformHost", throwOnError: true)!.GetMethods()
                .Single(m => m.Name == nameof(PlatformHost.Run) && m.GetParameters().Length == 5);
            // Func<Platform> of that context's Platform, throwing: help never builds the platform.
            var describeType = run.GetParameters()[1].ParameterType;
            var describe = Expression.Lambda(describeType,
                Expression.Throw(Expression.New(typeof(InvalidOperationException)), describeType.GetGenericArguments()[0])).Compile();
            string Help(params string[] args)
            {
                var stdout = new StringWriter();
                var stderr = new StringWriter();
                var exit = (int)run.Invoke(null, new object?[] { args, describe, "v1:whatever", stdout, stderr })!;
                Assert.True(exit == 0, stderr.ToString());
                return stdout.ToString();
            }

            var plain = new List<string>
            {
                Help(), Help("help"), Help("--help"), Help("-h"), Help("-?"),
                Help("emit", "--help"), Help("help", "emit"), Help("show", "-h"), Help("help", "ciphers"), Help("check", "-?"), Help("help", "help"),
            };
            Assert.All(plain, text => Assert.StartsWith("Description:", text));
            Assert.DoesNotContain("System.CommandLine", context.Requested);

            // The control: the same context loads it as soon as the parser is needed, and help through it reads the same.
            Assert.Equal(plain[5], Help("emit", "--out", "x", "--help"));
            Assert.Contains("System.CommandLine", context.Requested);
        }
        finally
        {
            context.Unload();
        }
    }

    [Fact]
    public void A_model_other_than_the_compile_time_one_is_said_and_checked_again()
    {
        var fingerprint = ModelFingerprint.Of(Describe().Build());
        var same = Run(() => Describe(), fingerprint, "check");
        Assert.Equal(0, same.Exit);
        Assert.Equal("", same.Err);

        var other = Run(() => Describe("Changed at run time"), fingerprint, "check");
        Assert.Equal(0, other.Exit);
        Assert.Contains("differs from the one the compiler checked", other.Err);
        Assert.Contains(fingerprint, other.Err);
    }
}
