using System.Diagnostics;
using System.Text.Json;
using MailDsl.Hosting;
using MailDsl.Model;
using MailDsl.Render;
using Xunit;

namespace MailDsl.Generators.Tests.Hosting;

/// <summary>
/// The command line of <c>Run(args)</c>: usage errors exit 2 naming the token and the nearest valid one, <c>emit --dry-run</c>
/// lists exactly the files that differ and touches nothing, <c>--host</c>/<c>--layer</c> write only their folders, <c>check</c>
/// prints a table or JSON, every verb has help with examples that never builds the platform, output to a writer is plain.
/// </summary>
public sealed class CommandLineTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "maildsl-cli-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_dir)) Directory.Delete(_dir, recursive: true);
    }

    private static Platform Describe(string banner = "Example Mail") => Platform.Create("example.org")
        .Banner(banner)
        .Certificate("/etc/ssl/certs/mail.crt", "/etc/ssl/private/mail.key")
        .Directory(d => d.Ldap(LdapSchema.InetOrgPerson).Server("ldap.example.org", LdapSecurity.Ldaps)
            .BaseDn("ou=people,dc=example,dc=org").BindAs("cn=mail,dc=example,dc=org", Secret.File("/etc/maildsl/secrets/ldap-bind")))
        .SmtpIn(s => s.Hosts("mx-01.example.org", "mx-02.example.org"))
        .Mailstore(m => m.Hosts("store-01.example.org").Imaps(993))
        .Webmail(w => w.Hosts("web-01.example.org").Https(443)
            .Database(db => db.PostgreSql("db.example.org").Name("sogo").Login("sogo", Secret.File("/etc/maildsl/secrets/sogo-db"))));

    private static (int Exit, string Out, string Err) Run(Func<Platform> describe, params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var exit = PlatformHost.Run(args, describe, null, stdout, stderr);
        return (exit, stdout.ToString(), stderr.ToString());
    }

    private static (int Exit, string Out, string Err) Run(params string[] args) => Run(() => Describe(), args);

    private static Func<Platform> NeverBuilt => () => throw new InvalidOperationException("the platform was built");

    private Dictionary<string, (DateTime Stamp, string Text)> Snapshot()
        => Directory.EnumerateFiles(_dir, "*", SearchOption.AllDirectories)
            .ToDictionary(f => Path.GetRelativePath(_dir, f), f => (File.GetLastWriteTimeUtc(f), File.ReadAllText(f)));

    [Theory]
    [InlineData(new[] { "emit", "--out", "x", "--hots", "mx-01.example.org" }, "emit: unknown option '--hots'. Did you mean '--host'?")]
    [InlineData(new[] { "emit", "--out", "x", "--dryrun" }, "emit: unknown option '--dryrun'. Did you mean '--dry-run'?")]
    [InlineData(new[] { "check", "--fromat", "json" }, "check: unknown option '--fromat'. Did you mean '--format'?")]
    [InlineData(new[] { "ciphers", "--opensll", "3.0", "HIGH" }, "ciphers: unknown option '--opensll'. Did you mean '--openssl'?")]
    [InlineData(new[] { "show", "web-01.example.org", "--all" }, "show: unknown option '--all'.")]
    [InlineData(new[] { "show", "--hots", "web-01.example.org" }, "show: unknown option '--hots'.")]
    [InlineData(new[] { "ciphers", "--verbos", "HIGH" }, "ciphers: unknown option '--verbos'. Did you mean '--verbose'?")]
    [InlineData(new[] { "emti", "--out", "x" }, "unknown verb 'emti'. Did you mean 'emit'?")]
    [InlineData(new[] { "emit" }, "emit: Option '--out' is required.")]
    [InlineData(new[] { "check", "--format", "xml" }, "check: Argument 'xml' not recognized.")]
    [InlineData(new[] { "show", "a", "b", "c" }, "show: unexpected argument 'c'.")]
    [InlineData(new[] { "help", "emti" }, "unknown verb 'emti'. Did you mean 'emit'?")]
    [InlineData(new[] { "help", "deploy" }, "unknown verb 'deploy'. Known: check, ciphers, emit, help, probe, show.")]
    [InlineData(new[] { "emti", "--help" }, "unknown verb 'emti'. Did you mean 'emit'?")]
    public void A_wrong_command_line_exits_2_naming_what_is_wrong_without_building_the_platform(string[] args, string said)
    {
        var (exit, stdout, stderr) = Run(NeverBuilt, args);
        Assert.Equal(2, exit);
        Assert.Equal("", stdout);
        Assert.Contains(said, stderr);
        Assert.Contains("--help", stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries).Last().Replace("'help'", "--help"));
    }

    /// <summary>
    /// Every verb takes its free arguments and option values literally: one that starts with '@' is never read as a
    /// response file (System.CommandLine's default), one that starts with '-' is an unknown option unless it follows a
    /// '--' (or the verb takes it as a value, as a cipher string's '-ALL'), and what follows '--' is an argument whatever it
    /// looks like. Each row's message names the value exactly as typed.
    /// </summary>
    [Theory]
    [InlineData(new[] { "ciphers", "--openssl", "3.0", "@SECLEVEL=3:HIGH" }, 0, "ECDHE-RSA-AES256-GCM-SHA384")]
    [InlineData(new[] { "ciphers", "--openssl", "3.0", "@STRENGTH" }, 1, "OpenSSL 3.0 refuses \"@STRENGTH\"")]
    [InlineData(new[] { "ciphers", "--openssl", "3.0", "-ALL:kRSA" }, 0, "AES256-GCM-SHA384")]
    [InlineData(new[] { "ciphers", "--openssl", "3.0", "--", "--x" }, 1, "OpenSSL 3.0 refuses \"--x\"")]
    [InlineData(new[] { "ciphers", "--openssl", "3.0", "--x" }, 2, "ciphers: unknown option '--x'.")]
    [InlineData(new[] { "ciphers", "--openssl", "@3.0", "HIGH" }, 2, "'@3.0' is not an OpenSSL version")]
    [InlineData(new[] { "show", "@web-01.example.org" }, 1, "no host '@web-01.example.org'")]
    [InlineData(new[] { "show", "web-01.example.org", "@/etc/sogo/sogo.conf" }, 1, "gets no file '@/etc/sogo/sogo.conf'")]
    [InlineData(new[] { "show", "--", "-web-01.example.org" }, 1, "no host '-web-01.example.org'")]
    [InlineData(new[] { "show", "web-01.example.org", "--", "--all" }, 1, "gets no file '--all'")]
    [InlineData(new[] { "show", "-web-01.example.org" }, 2, "show: unknown option '-web-01.example.org'.")]
    [InlineData(new[] { "check", "--format", "@json" }, 2, "Argument '@json' not recognized")]
    [InlineData(new[] { "emit", "--out", "x", "--host", "@mx-01.example.org" }, 2, "no host '@mx-01.example.org'")]
    [InlineData(new[] { "emit", "--out", "x", "--layer", "@mailstore" }, 2, "Argument '@mailstore' not recognized")]
    [InlineData(new[] { "emit", "--out", "@maildsl-literal-out", "--dry-run" }, 0, "under @maildsl-literal-out; nothing was written")]
    [InlineData(new[] { "emit", "--out=-maildsl-literal-out", "--dry-run" }, 0, "under -maildsl-literal-out; nothing was written")]
    [InlineData(new[] { "probe", "--host", "@mx-01.example.org" }, 2, "no host or VIP '@mx-01.example.org'")]
    [InlineData(new[] { "probe", "--resolve", "@mx-01.example.org" }, 2, "'@mx-01.example.org' is not NAME=ADDRESS")]
    [InlineData(new[] { "help", "@emit" }, 2, "unknown verb '@emit'. Did you mean 'emit'?")]
    [InlineData(new[] { "help", "--", "-x" }, 2, "unknown verb '-x'.")]
    public void Every_verbs_arguments_are_taken_literally_never_as_a_response_file(string[] args, int exit, string said)
    {
        var (code, stdout, stderr) = Run(args);
        Assert.True(exit == code, $"{string.Join(" ", args)}: exit {code}\n{stdout}\n{stderr}");
        Assert.Contains(said, stdout + stderr);
        Assert.DoesNotContain("Response file", stdout + stderr);
        Assert.False(Directory.Exists("@maildsl-literal-out") || Directory.Exists("-maildsl-literal-out"), "a dry run created its folder");
    }

    [Fact]
    public void Probe_refuses_a_ca_file_without_a_certificate_before_it_dials_anything()
    {
        // A CA file that holds no certificate would verify nothing; probe says so, naming the file, and exits 1.
        Directory.CreateDirectory(_dir);
        var ca = Path.Combine(_dir, "ca.pem");
        File.WriteAllText(ca, "not a certificate\n");
        var (code, stdout, stderr) = Run("probe", "--ca", ca, "--timeout", "1");
        Assert.True(code == 1, $"exit {code}\n{stdout}\n{stderr}");
        Assert.Contains($"probe: the CA file '{ca}' could not be read as PEM certificates: it holds no PEM certificate", stderr);
        Assert.Equal("", stdout);
    }

    [Fact]
    public void Every_verb_with_a_free_argument_is_tried_with_one_that_starts_with_at()
    {
        // The rows above cover each verb; this keeps a verb added later from going untried.
        var rows = typeof(CommandLineTests).GetMethod(nameof(Every_verbs_arguments_are_taken_literally_never_as_a_response_file))!
            .GetCustomAttributes(typeof(InlineDataAttribute), false).Cast<InlineDataAttribute>()
            .Select(a => (string[])a.GetData(null!).Single()[0]).ToList();
        foreach (var verb in CommandTree.Root.Verbs)
            Assert.True(rows.Any(r => r[0] == verb.Name && r.Skip(1).Any(a => a.StartsWith('@') || a.StartsWith("--out=@", StringComparison.Ordinal))),
                $"no row tries '{verb.Name}' with an argument that starts with '@'");
    }

    [Theory]
    [InlineData("emit")]
    [InlineData("check")]
    [InlineData("show")]
    [InlineData("ciphers")]
    public void Every_verb_has_help_with_examples_and_it_never_builds_the_platform(string verb)
    {
        foreach (var args in new[] { new[] { verb, "--help" }, new[] { verb, "-h" }, new[] { "help", verb } })
        {
            var (exit, stdout, stderr) = Run(NeverBuilt, args);
            Assert.True(exit == 0, stderr);
            Assert.Contains("Usage:", stdout);
            Assert.Contains(" " + verb + " ", stdout);
            var examples = stdout.Substring(stdout.IndexOf("Examples:", StringComparison.Ordinal));
            Assert.Contains("  " + verb + " ", examples);
        }
    }

    [Fact]
    public void Help_lists_the_verbs_and_the_exit_codes()
    {
        foreach (var args in new[] { Array.Empty<string>(), new[] { "help" }, new[] { "--help" } })
        {
            var (exit, stdout, _) = Run(NeverBuilt, args);
            Assert.Equal(0, exit);
            foreach (var verb in new[] { "emit", "check", "show <HOST> [<PATH>]", "ciphers <STRING>", "help [<VERB>]" }) Assert.Contains("  " + verb + "  ", stdout);
            Assert.Contains("Exit codes: 0 success; 1 the platform has errors", stdout);
            Assert.False(stdout.Contains('\u001b'), "an escape code in output that is not a terminal");
        }
    }

    public static TheoryData<string> Verbs() => new(CommandTree.Root.Verbs.Select(v => v.Name));

    /// <summary>
    /// Help after a verb's other arguments: System.CommandLine parses these, and its help option's action writes help.
    /// The plain forms (<c>VERB --help</c>, <c>help VERB</c>) never reach it; both must give the same text.
    /// </summary>
    private static readonly Dictionary<string, string[]> ThroughTheParser = new()
    {
        ["emit"] = new[] { "emit", "--out", "x", "--help" },
        ["check"] = new[] { "check", "--format", "json", "-h" },
        ["probe"] = new[] { "probe", "--layer", "mailstore", "--format", "json", "-h" },
        ["show"] = new[] { "show", "web-01.example.org", "-?" },
        ["ciphers"] = new[] { "ciphers", "-v", "--help" },
        ["help"] = new[] { "help", "emit", "--help" },
    };

    [Theory]
    [MemberData(nameof(Verbs))]
    public void Every_way_of_asking_for_a_verbs_help_gives_the_same_text_and_never_builds_the_platform(string verb)
    {
        var slow = ThroughTheParser[verb];
        Assert.Null(HelpWriter.Requested(slow));
        var forms = new[] { new[] { verb, "--help" }, new[] { verb, "-h" }, new[] { verb, "-?" }, new[] { "help", verb }, slow };
        var texts = forms.Select(args =>
        {
            var (exit, stdout, stderr) = Run(NeverBuilt, args);
            Assert.True(exit == 0, string.Join(" ", args) + ": " + stderr);
            Assert.Equal("", stderr);
            return stdout;
        }).ToList();
        Assert.All(texts, text => Assert.Equal(texts[0], text));
        Assert.StartsWith("Description:", texts[0]);
        Assert.Contains($" {verb} ", texts[0].Split('\n').Single(l => l.EndsWith("[options]", StringComparison.Ordinal)));
    }

    [Fact]
    public void Every_way_of_asking_for_the_verbs_list_gives_the_same_text()
    {
        var forms = new[] { Array.Empty<string>(), new[] { "help" }, new[] { "--help" }, new[] { "-h" }, new[] { "-?" } };
        var texts = forms.Select(args => Run(NeverBuilt, args)).ToList();
        Assert.All(texts, r => Assert.Equal((0, texts[0].Out, ""), r));
        Assert.Contains("Commands:", texts[0].Out);
    }

    [Fact]
    public void Help_has_no_trailing_space_fits_the_width_and_keeps_every_word()
    {
        foreach (var command in CommandTree.Root.Verbs.Prepend(CommandTree.Root))
        {
            string Help(int width)
            {
                var writer = new StringWriter { NewLine = "\n" };
                HelpWriter.Write(command, writer, width, "Corp");
                return writer.ToString();
            }
            var words = Help(1000).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            // 60: the narrowest terminal HostConsole wraps at; 110: output that is not a terminal.
            foreach (var width in new[] { 60, 80, HelpWriter.PlainWidth })
            {
                var text = Help(width);
                foreach (var line in text.Split('\n'))
                {
                    Assert.True(line.Length <= width, $"{line.Length} > {width}: '{line}'");
                    Assert.True(line == line.TrimEnd(), $"a trailing space at width {width}: '{line}'");
                }
                Assert.Equal(words, text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
            }
        }
    }

    [Fact]
    public void The_parser_takes_every_argument_and_option_help_lists_and_nothing_it_does_not()
    {
        var root = CommandLine.Build(new PlatformRun(NeverBuilt, null), HostConsole.Create(new StringWriter(), new StringWriter()));
        Assert.Equal(CommandTree.Root.Verbs.Select(v => v.Name), root.Subcommands.Select(c => c.Name));
        foreach (var verb in CommandTree.Root.Verbs)
        {
            var command = root.Subcommands.Single(c => c.Name == verb.Name);
            string Value(OptionSpec o) => o.AcceptedValues.FirstOrDefault() ?? "x";
            // What the verb needs to parse at all: its required arguments, and its required options but one.
            List<string> Needed(OptionSpec? but = null)
            {
                var args = new List<string> { verb.Name };
                args.AddRange(verb.Arguments.Where(a => !a.Optional).Select(_ => "a"));
                foreach (var option in verb.Options.Where(o => o.Required && o != but)) args.AddRange(new[] { option.Name, Value(option) });
                return args;
            }
            var needed = Needed();
            Assert.Empty(CommandLine.Parse(root, needed).Errors);

            foreach (var option in verb.Options)
            {
                foreach (var spelling in option.Aliases.Append(option.Name))
                {
                    var args = Needed(but: option).Concat(option.Kind == OptionKind.Flag ? new[] { spelling } : new[] { spelling, Value(option) }).ToList();
                    var parsed = CommandLine.Parse(root, args);
                    Assert.True(parsed.Errors.Count == 0, string.Join(" ", args) + ": " + string.Join("; ", parsed.Errors.Select(e => e.Message)));
                    Assert.Same(command, parsed.CommandResult.Command);
                }
                if (option.AcceptedValues.Length > 0)
                    Assert.NotEmpty(CommandLine.Parse(root, needed.Concat(new[] { option.Name, "nonsense" }).ToList()).Errors);
                if (option.Required)
                    Assert.Contains(CommandLine.Parse(root, new[] { verb.Name }).Errors, e => e.Message.Contains(option.Name, StringComparison.Ordinal));
            }
            Assert.NotEmpty(CommandLine.Parse(root, needed.Append("--no-such-option").ToList()).Errors);
        }
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public void Dry_run_against_an_existing_folder_lists_exactly_the_files_that_differ_and_writes_nothing()
    {
        Assert.Equal(0, Run("emit", "--out", _dir).Exit);
        // Four kinds of difference, made by hand: content, a missing file, a stray file, a mode.
        var changed = Path.Combine("mx-01.example.org", "etc", "postfix", "main.cf");
        var missing = Path.Combine("web-01.example.org", "etc", "sogo", "sogo.conf");
        var stray = Path.Combine("store-01.example.org", "etc", "dovecot", "old.conf");
        var moded = Path.Combine("mx-02.example.org", "install.sh");
        File.AppendAllText(Path.Combine(_dir, changed), "smtpd_tls_security_level = none\n");
        File.Delete(Path.Combine(_dir, missing));
        File.WriteAllText(Path.Combine(_dir, stray), "leftover\n");
        File.SetUnixFileMode(Path.Combine(_dir, moded), UnixFileMode.UserRead | UnixFileMode.UserWrite);
        var before = Snapshot();
        var total = PlatformRenderer.Render(Describe().Build()).Count;

        var (exit, stdout, stderr) = Run("emit", "--out", _dir, "--dry-run");

        Assert.True(exit == 0, stderr);
        var lines = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var listed = lines.Where(l => !l.StartsWith("dry run:", StringComparison.Ordinal)).ToList();
        Assert.Equal(new[]
        {
            "changed " + changed,
            "mode    " + moded + " (mode becomes 0755)",
            "removed " + stray,
            "new     " + missing,
        }.OrderBy(l => l.Substring(8), StringComparer.Ordinal), listed);
        Assert.Equal($"dry run: 3 would be written, {total - 3} unchanged, 1 would be removed for 4 hosts under {_dir}; nothing was written", lines.Last());
        Assert.Equal(before, Snapshot());

        // The real emit then changes exactly those.
        var written = Run("emit", "--out", _dir);
        Assert.Contains($"3 written, {total - 3} unchanged, 1 removed", written.Out);
        Assert.Equal("0 would be written", Run("emit", "--out", _dir, "-n").Out.Split(':')[1].Split(',')[0].Trim());
    }

    [Fact]
    public void Dry_run_into_a_folder_that_does_not_exist_lists_every_file_and_creates_nothing()
    {
        var (exit, stdout, _) = Run("emit", "--out", _dir, "--dry-run");
        Assert.Equal(0, exit);
        var rendered = PlatformRenderer.Render(Describe().Build()).Select(a => ArtifactWriter.TargetPath(_dir, a)).Select(p => Path.GetRelativePath(_dir, p)).OrderBy(p => p, StringComparer.Ordinal);
        Assert.Equal(rendered.Select(p => "new     " + p), stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).SkipLast(1));
        Assert.False(Directory.Exists(_dir));
    }

    [Fact]
    public void Host_and_layer_write_only_their_folders_and_leave_the_rest_alone()
    {
        Assert.Equal(0, Run("emit", "--out", _dir).Exit);
        var strayElsewhere = Path.Combine(_dir, "mx-01.example.org", "notes.txt");
        File.WriteAllText(strayElsewhere, "mine\n");
        File.AppendAllText(Path.Combine(_dir, "README.md"), "edited\n");
        var before = Snapshot();
        Thread.Sleep(20);

        var (exit, stdout, stderr) = Run(() => Describe("Other Banner"), "emit", "--out", _dir, "--host", "mx-02.example.org", "--layer", "mailstore");

        Assert.True(exit == 0, stderr);
        Assert.Contains("for 2 hosts under", stdout);
        var after = Snapshot();
        foreach (var (path, was) in before)
        {
            var inScope = path.StartsWith("mx-02.example.org", StringComparison.Ordinal) || path.StartsWith("store-01.example.org", StringComparison.Ordinal);
            if (!inScope) Assert.Equal(was, after[path]);
        }
        Assert.True(File.Exists(strayElsewhere));
        Assert.Contains("Other Banner", File.ReadAllText(Path.Combine(_dir, "mx-02.example.org", "etc", "postfix", "main.cf")));
        Assert.DoesNotContain("Other Banner", File.ReadAllText(Path.Combine(_dir, "mx-01.example.org", "etc", "postfix", "main.cf")));

        var unknown = Run("emit", "--out", _dir, "--host", "mx-03.example.org");
        Assert.Equal(2, unknown.Exit);
        Assert.Contains("no host 'mx-03.example.org'. Did you mean 'mx-01.example.org'?", unknown.Err);
    }

    [Fact]
    public void Check_on_a_clean_platform_says_what_it_checked()
    {
        var (exit, stdout, stderr) = Run("check");
        Assert.True(exit == 0, stderr);
        // 4 hosts; services are listeners on hosts: 2 MX x smtp, the store's smtp and imaps, web's https, http and sogo.
        Assert.Equal("no findings: 4 hosts, 7 services checked", stdout.Trim());
    }

    [Fact]
    public void Check_prints_every_finding_as_a_table_and_as_json_for_CI()
    {
        Platform Broken() => Describe()
            .SmtpIn(s => s.PostfixSetting("smtpd_tls_auth_only", "no"))
            .Mailstore(m => m.Listener("imap-nopass", ServiceProtocol.Imap, 144, ListenerSecurity.Plain, allowPlaintextAuth: true));
        var findings = MailDsl.Rules.RuleSet.Check(Broken().Build());
        Assert.Contains(findings, f => f.Severity == MailDsl.Rules.Severity.Error);

        var table = Run(Broken, "check");
        Assert.Equal(1, table.Exit);
        var lines = table.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(new[] { "ID", "SEVERITY", "WHERE", "MESSAGE" }, lines[0].Split(' ', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal(findings.Count, lines.Length - 2);
        for (var i = 0; i < findings.Count; i++)
        {
            var cells = lines[i + 1].Split(' ', 4, StringSplitOptions.RemoveEmptyEntries);
            Assert.Equal(findings[i].RuleId, cells[0]);
            Assert.Equal(findings[i].Severity.ToString().ToLowerInvariant(), cells[1]);
            Assert.Equal(findings[i].OriginKey, cells[2]);
            Assert.Equal(findings[i].Message, cells[3].Trim());
        }
        Assert.StartsWith($"{findings.Count} findings (", lines.Last());
        Assert.False(table.Out.Contains('\u001b'), "an escape code in output that is not a terminal");

        var json = Run(Broken, "check", "--format", "json");
        Assert.Equal(1, json.Exit);
        using var document = JsonDocument.Parse(json.Out);
        var root = document.RootElement;
        Assert.Equal(4, root.GetProperty("hosts").GetInt32());
        Assert.Equal(findings.Count(f => f.Severity == MailDsl.Rules.Severity.Error), root.GetProperty("errors").GetInt32());
        var items = root.GetProperty("findings").EnumerateArray().ToList();
        Assert.Equal(findings.Select(f => (f.RuleId, f.OriginKey, f.Message)),
            items.Select(e => (e.GetProperty("id").GetString()!, e.GetProperty("where").GetString()!, e.GetProperty("message").GetString()!)));
        Assert.All(items, e => Assert.StartsWith("docs/diagnostics/MAIL", e.GetProperty("help").GetString()));
    }

    [Fact]
    public void Check_says_what_a_described_lbaas_must_be_set_to_as_the_emitted_readme_does()
    {
        Platform Behind() => Describe()
            .SmtpIn(s => s.Vip("mx.example.org", "10.0.0.100"))
            .Mailstore(m => m.Vip("imap.example.org", "10.0.0.101"))
            .Balancers(b => b.Lbaas(LbaasBehaviour.PassThroughProxy).From("10.0.9.0/29"));
        var told = MailDsl.Topology.LbaasRequirements.Of(Behind().Build())!;
        var expected = told.Markdown().ToList();

        var table = Run(Behind, "check");
        Assert.True(table.Exit == 0, table.Out + table.Err);
        var lines = table.Out.TrimEnd('\n').Split('\n');
        // The requirements, then the summary line last, as scripts read it.
        Assert.Equal(expected, lines.Take(expected.Count));
        Assert.StartsWith("no findings: ", lines[^1]);
        Assert.Contains("| 993 | imaps | TCP | least connections | store-01.example.org:10993 | on, health check too |", table.Out);

        // The emitted README says the same lines.
        Assert.Equal(0, Run(Behind, "emit", "--out", _dir).Exit);
        Assert.Contains(string.Join("\n", expected), File.ReadAllText(Path.Combine(_dir, "README.md")));

        var json = Run(Behind, "check", "--format", "json");
        Assert.Equal(0, json.Exit);
        using var document = JsonDocument.Parse(json.Out);
        var lbaas = document.RootElement.GetProperty("lbaas");
        Assert.Equal("PassThroughProxy", lbaas.GetProperty("behaviour").GetString());
        Assert.Equal(new[] { "10.0.9.0/29" }, lbaas.GetProperty("sources").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(31, lbaas.GetProperty("idleTimeoutMinutes").GetInt32());
        var listeners = lbaas.GetProperty("listeners").EnumerateArray().ToList();
        Assert.Equal(told.Plan.Listeners.Select(l => (l.Layer.Vip, l.Listener.Port, l.Port.Proxy, l.Check.Describe())),
            listeners.Select(e => (e.GetProperty("vip").GetString(), e.GetProperty("port").GetInt32(), e.GetProperty("proxyV2").GetBoolean(), e.GetProperty("healthCheck").GetString()!)));
        Assert.Equal(new[] { "store-01.example.org:10993" }, listeners.Single(e => e.GetProperty("port").GetInt32() == 993).GetProperty("backends").EnumerateArray().Select(e => e.GetString()));

        // Without an LBaaS, check prints no such section and JSON has no such member.
        Assert.DoesNotContain("LBaaS", Run("check").Out);
        using var plain = JsonDocument.Parse(Run("check", "--format", "json").Out);
        Assert.False(plain.RootElement.TryGetProperty("lbaas", out _));
    }

    [Fact]
    public void Ciphers_verbose_names_each_suites_parts_as_openssl_does_and_says_why_it_is_in_or_out()
    {
        if (Which("openssl") is null)
        {
            Assert.True(Environment.GetEnvironmentVariable("MAILDSL_REQUIRE_DAEMONS") != "1", "openssl is required (Debian package: openssl)");
            return;
        }
        const string cipherString = "ALL:!LOW:!SSLv2:!EXP:!aNULL";
        var plain = Run("ciphers", "--openssl", "3.0", cipherString);
        var verbose = Run("ciphers", "--openssl", "3.0", "-v", cipherString);
        Assert.Equal(0, verbose.Exit);
        var rows = verbose.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1).ToList();
        // The same suites in the same order as without -v.
        Assert.Equal(plain.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries), rows.Select(r => r.Split(' ')[0]));

        // openssl ciphers -v: "NAME PROTOCOL Kx=.. Au=.. Enc=.. Mac=..": the authority for each suite's parts.
        var openssl = Process.Start(new ProcessStartInfo("openssl") { ArgumentList = { "ciphers", "-v", "--", cipherString }, RedirectStandardOutput = true })!;
        var reference = openssl.StandardOutput.ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries)).ToDictionary(p => p[0], p => p.Skip(1).ToArray());
        openssl.WaitForExit();
        var kx = new Dictionary<string, string> { ["ECDH"] = "ECDHE", ["DH"] = "DHE", ["RSA"] = "RSA", ["RSAPSK"] = "RSA-PSK", ["DHEPSK"] = "DHE-PSK", ["ECDHEPSK"] = "ECDHE-PSK", ["PSK"] = "PSK", ["SRP"] = "SRP", ["any"] = "any" };
        var au = new Dictionary<string, string> { ["RSA"] = "RSA certificate", ["ECDSA"] = "ECDSA certificate", ["DSS"] = "DSA certificate", ["PSK"] = "pre-shared key", ["SRP"] = "SRP password", ["any"] = "any (certificate)" };
        var mac = new Dictionary<string, string> { ["AEAD"] = "AEAD", ["SHA1"] = "HMAC-SHA1", ["SHA256"] = "HMAC-SHA256", ["SHA384"] = "HMAC-SHA384" };
        foreach (var row in rows)
        {
            var name = row.Split(' ')[0];
            var parts = reference[name].ToDictionary(p => p.Split('=')[0], p => p.Contains('=') ? p.Split('=')[1] : p);
            Assert.Contains("  " + kx[parts["Kx"]], row);
            Assert.Contains("  " + au[parts["Au"]], row);
            Assert.Contains("  " + mac[parts["Mac"]] + " ", row);
            var cbc = parts["Mac"] != "AEAD" && !parts["Enc"].StartsWith("CHACHA", StringComparison.Ordinal);
            // A suite is in Mozilla's intermediate profile only when forward secret, AEAD, and not DSA; the reason says which.
            if (row.Contains("  in: listed by", StringComparison.Ordinal)) Assert.False(cbc || parts["Kx"] == "RSA" || parts["Au"] == "DSS", row);
            if (cbc) Assert.Contains("out of the intermediate profile: ", row);
            if (cbc) Assert.Contains("CBC mode", row);
            if (parts["Kx"] == "RSA") Assert.Contains("no forward secrecy", row);
        }
    }

    private static string? Which(string exe) => (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':')
        .Select(d => Path.Combine(d, exe)).FirstOrDefault(File.Exists);
}
