using System.Globalization;
using MailDsl.Daemons;
using MailDsl.Daemons.Settings;
using MailDsl.Model;
using MailDsl.Targets;

namespace MailDsl.Render.Tests.Fuzz;

/// <summary>A raw entry point of the DSL and the checker of the target that reads what it writes.</summary>
public enum RawEntry
{
    /// <summary><c>.PostfixSetting(name, value)</c> on an MX: <c>postconf -n</c>, <c>postconf -M</c> and <c>postfix check</c>.</summary>
    PostfixSetting,
    /// <summary><c>.DovecotSetting(name, value)</c> on a mailstore: <c>doveconf -n</c>.</summary>
    DovecotSetting,
    /// <summary><c>.SogoSetting(name, value)</c> on a webmail host: <c>plparse</c>.</summary>
    SogoSetting,
    /// <summary><c>.NginxLocation(match, body)</c> on a webmail host, the matches fuzzed: <c>nginx -t</c>.</summary>
    NginxLocationMatch,
    /// <summary><c>.NginxLocation(match, body)</c>, the body's directives fuzzed: <c>nginx -t</c>.</summary>
    NginxLocationBody,
}

/// <summary>One fuzzed description: where the values go, and the platform calls that put them there.</summary>
/// <param name="Entry">The entry point.</param>
/// <param name="Calls">The calls as source text, to reproduce it (<c>.DovecotSetting("auth_verbose", "maybe")</c>).</param>
/// <param name="Apply">The same calls on a platform.</param>
/// <remarks>
/// The calls add values to the entry's layer only; its host comes from <see cref="Layer"/>, so cases of one entry point
/// compose into one description (<see cref="FuzzRun"/> checks them in batches).
/// </remarks>
public sealed record FuzzCase(RawEntry Entry, string Calls, Func<Platform, Platform> Apply)
{
    /// <summary>What a batch may hold once: the setting's name, or the location's match; null for no limit.</summary>
    public string? Key { get; init; }

    /// <summary>The entry's layer with its one host, the platform the calls add to.</summary>
    public Platform Layer(Platform platform) => Entry switch
    {
        RawEntry.PostfixSetting => platform.SmtpIn(s => s.Hosts(RawValueFuzz.Mx)),
        RawEntry.DovecotSetting => platform.Mailstore(m => m.Hosts(RawValueFuzz.Store)),
        _ => platform.Webmail(w => w.Hosts(RawValueFuzz.Web)),
    };

    /// <summary>The host whose files hold the values.</summary>
    public string Host => Entry switch
    {
        RawEntry.PostfixSetting => RawValueFuzz.Mx,
        RawEntry.DovecotSetting => RawValueFuzz.Store,
        _ => RawValueFuzz.Web,
    };

    /// <summary>The checkers (as <see cref="Support.DaemonChecks"/> names them) that read the host's file.</summary>
    public IReadOnlyList<string> Checkers => Entry switch
    {
        RawEntry.PostfixSetting => new[] { "postconf -n", "postconf -M", "postfix check" },
        RawEntry.DovecotSetting => new[] { "doveconf -n" },
        RawEntry.SogoSetting => new[] { "plparse" },
        _ => new[] { "nginx -t" },
    };

    /// <inheritdoc/>
    public override string ToString() => $"{Entry}: {Calls}";
}

/// <summary>
/// Seeded descriptions that write raw values where a daemon's own parser reads them: names the target's catalogues know
/// (so the name rules pass and the value is what is tried), values built from the pieces each daemon's syntax and value
/// types react to (numbers, sizes, times, booleans, quotes, braces, separators, escapes, regex syntax). Deterministic: the
/// same seed and count give the same cases on every machine.
/// </summary>
public static class RawValueFuzz
{
    /// <summary>The hosts the values land on.</summary>
    public const string Mx = "mx.fuzz.maildsl.test", Store = "store.fuzz.maildsl.test", Web = "web.fuzz.maildsl.test";

    /// <summary>The seed CI runs with.</summary>
    public const int Seed = 20261206;

    private static readonly string[] ValuePieces =
    {
        "", " ", "x", "yes", "no", "0", "1", "10", "65536", "-1", "100M", "10k", "2 G", "30s", "10 secs", "1h", "5 mins", "1 weeks", "on", "off",
        "max", "/var/lib/x", "a b", "a,b", "a, b", "%u", "%{user}", "*", "\\", "\"", "'", "#", "$x", "{", "}", ";", "=", ":", "@", "\u00e9",
        "\t", "required", "TLSv1.2", "ANY", "0x10", "1.5", "()", "<", ">", "!", "&", "|",
        "YES", "No", "y", "n", "4294967296", "1g", "1ms", "10m", "@1h", "modified", "always", "all", "10.0.0.0/8", "10.0.0.1/8",
        "::1/128", "$host", "$foo", "http://a", "301", "1000", "epoch", "(a, b)", "\"q\"", "<0fa1>", "unlimited", "1h30m",
    };

    private static readonly string[] PathPieces =
    {
        "a", "b", "SOGo", "x1", ".", "..", "*", "+", "?", "(", ")", "[", "]", "{2}", "{", "}", "|", "^", "$", "\\.", "\\d", "\\i", "\\/",
        "-", "_", "%20", "(?:a)", "(?i)", "[^/]*", "(.*)", "a{2,1}", "[z-a]", "\\1", "(?<n>a)", "\"", "'", "#", ";", " ", "~", "=", "@",
        "\\\\", "\\\"", "[[:alpha:]]", "(?P<n>a)", "\\Q.\\E", "a++", "(?=a)", "(?<=a)", "\\b", "\\w+",
    };

    private static readonly string[] OwnPaths =
    {
        "/", "/SOGo", "/SOGo/", "/principals/", "/SOGo.woa/WebServerResources/", "/SOGo/WebServerResources/", "/Microsoft-Server-ActiveSync",
        "/SOGo/Microsoft-Server-ActiveSync", "^/(sogo|SOGO)(/|$)", "^/SOGo/so/ControlPanel/Products/([^/]*)/Resources/(.*)$",
    };

    private static readonly string[] Modifiers = { "", "= ", "=", "^~ ", "^~", "~ ", "~", "~* ", "~*", "@" };

    private static readonly string[] Bodies = { "return 403;", "return 404;", "expires max;", "add_header X-Fuzz \"1\" always;", "deny all;" };

    // The directives whose grammars MailDsl reads itself, tried more often than the catalogue's share would.
    private static readonly string[] Modeled = { "return", "expires", "allow", "deny", "add_header", "add_trailer" };

    /// <summary><paramref name="perEntry"/> cases for each entry point on <paramref name="target"/>.</summary>
    public static IEnumerable<FuzzCase> Cases(Distro target, int perEntry, int seed = Seed)
    {
        var facts = TargetTable.Of(target);
        var rnd = new Random(seed);
        var postfix = SettingsCatalog.For(facts, Daemon.Postfix)!.KnownNames;
        var dovecot = SettingsCatalog.For(facts, Daemon.Dovecot)!.KnownNames;
        var sogo = SettingsCatalog.For(facts, Daemon.Sogo)!.KnownNames;
        var nginx = SettingsCatalog.For(facts, Daemon.Nginx)!;
        var directives = nginx.KnownNames.Where(n => (nginx.ContextsOf(n) & NginxContexts.Location) != 0).ToList();
        for (var i = 0; i < perEntry; i++)
        {
            yield return Setting(RawEntry.PostfixSetting, postfix[rnd.Next(postfix.Count)], Value(rnd));
            yield return Setting(RawEntry.DovecotSetting, dovecot[rnd.Next(dovecot.Count)], Value(rnd));
            yield return Setting(RawEntry.SogoSetting, sogo[rnd.Next(sogo.Count)], Value(rnd));
            yield return Locations(rnd);
            yield return Body(rnd, directives, i);
        }
    }

    /// <summary>A case from a reproduction: one raw setting.</summary>
    public static FuzzCase Setting(RawEntry entry, string name, string value) => (entry switch
    {
        RawEntry.PostfixSetting => new FuzzCase(entry, $".PostfixSetting({Lit(name)}, {Lit(value)})", p => p.SmtpIn(s => s.PostfixSetting(name, value))),
        RawEntry.DovecotSetting => new FuzzCase(entry, $".DovecotSetting({Lit(name)}, {Lit(value)})", p => p.Mailstore(m => m.DovecotSetting(name, value))),
        RawEntry.SogoSetting => new FuzzCase(entry, $".SogoSetting({Lit(name)}, {Lit(value)})", p => p.Webmail(w => w.SogoSetting(name, value))),
        _ => throw new ArgumentOutOfRangeException(nameof(entry)),
    }) with { Key = name };

    /// <summary>A case from a reproduction: nginx locations, each a match and its directives.</summary>
    public static FuzzCase Locations(RawEntry entry, params (string Match, string[] Body)[] locations)
        => new(entry, string.Concat(locations.Select(l => $".NginxLocation({string.Join(", ", l.Body.Prepend(l.Match).Select(Lit))})")),
            p => p.Webmail(w =>
            {
                foreach (var (match, body) in locations) w.NginxLocation(match, body);
            }));

    private static string Value(Random rnd)
        => string.Concat(Enumerable.Range(0, 1 + rnd.Next(3)).Select(_ => ValuePieces[rnd.Next(ValuePieces.Length)]));

    // One to three locations; a later one often repeats an earlier one's path under another modifier.
    private static FuzzCase Locations(Random rnd)
    {
        var count = 1 + rnd.Next(3);
        var matches = new List<(string, string[])>();
        string? last = null;
        for (var i = 0; i < count; i++)
        {
            var name = last is not null && rnd.Next(3) == 0 ? last
                : rnd.Next(3) == 0 ? OwnPaths[rnd.Next(OwnPaths.Length)]
                : "/" + string.Concat(Enumerable.Range(0, 1 + rnd.Next(4)).Select(_ => PathPieces[rnd.Next(PathPieces.Length)]));
            last = name;
            var quoted = rnd.Next(6) == 0 ? "\"" + name.Replace("\"", "\\\"") + "\"" : name;
            matches.Add((Modifiers[rnd.Next(Modifiers.Length)] + quoted, new[] { Bodies[rnd.Next(Bodies.Length)] }));
        }
        return Locations(RawEntry.NginxLocationMatch, matches.ToArray());
    }

    // A directive nginx allows in a location, with zero to three arguments from the value pieces, in a location of its own.
    private static FuzzCase Body(Random rnd, IReadOnlyList<string> directives, int index)
    {
        var name = rnd.Next(4) == 0 ? Modeled[rnd.Next(Modeled.Length)] : directives[rnd.Next(directives.Count)];
        var args = Enumerable.Range(0, rnd.Next(4)).Select(_ => ValuePieces[rnd.Next(ValuePieces.Length)]).Where(a => a.Length > 0).ToList();
        var directive = string.Join(" ", args.Prepend(name)) + ";";
        return Locations(RawEntry.NginxLocationBody, ($"/fuzz/{index}/", new[] { directive }));
    }

    // A C# literal of the value, for the reproduction.
    private static string Lit(string s)
        => "\"" + string.Concat(s.Select(c => c switch
        {
            '"' => "\\\"",
            '\\' => "\\\\",
            '\t' => "\\t",
            _ when char.IsControl(c) || c > '~' => "\\u" + ((int)c).ToString("x4", CultureInfo.InvariantCulture),
            _ => c.ToString(),
        })) + "\"";

    /// <summary>How many cases per entry point a run tries: MAILDSL_FUZZ_CASES, else <paramref name="fallback"/>.</summary>
    public static int Count(int fallback)
        => int.TryParse(Environment.GetEnvironmentVariable("MAILDSL_FUZZ_CASES"), NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0 ? n : fallback;
}
