using MailDsl.Daemons.Nginx;
using MailDsl.Model;
using MailDsl.Render.Tests.Support;
using Xunit;

namespace MailDsl.Render.Tests.Fuzz;

/// <summary>
/// What fuzzing the raw entry points found (descriptions that compiled clean while the target's checker refused the
/// emitted files), kept as regressions: each is now refused by MailDsl at its argument (or said to be unchecked, MAIL4020),
/// and the target's checker refuses it when written as typed, so the rule is no guess; what an encoding closed passes the
/// checker as MailDsl writes it.
/// </summary>
public sealed class FoundHolesTests
{
    public static TheoryData<Distro> Runnable => TargetData.Runnable();

    private static FuzzCase Dovecot(string name, string value) => RawValueFuzz.Setting(RawEntry.DovecotSetting, name, value);
    private static FuzzCase Postfix(string name, string value) => RawValueFuzz.Setting(RawEntry.PostfixSetting, name, value);
    private static FuzzCase Sogo(string name, string value) => RawValueFuzz.Setting(RawEntry.SogoSetting, name, value);
    private static FuzzCase Match(params string[] matches) => RawValueFuzz.Locations(RawEntry.NginxLocationMatch, matches.Select(m => (m, new[] { "return 403;" })).ToArray());
    // Each directive in a location of its own, so cases MailDsl accepts are checked together (FuzzRun's batches).
    private static int _bodies;
    private static FuzzCase Body(string directive)
        => RawValueFuzz.Locations(RawEntry.NginxLocationBody, ($"/fuzz/{Interlocked.Increment(ref _bodies)}/", new[] { directive }));

    /// <summary>The holes, each with the targets whose checker refuses it (Postfix 3.7 keeps a '#' word as text; 3.10 warns).</summary>
    public static IEnumerable<(FuzzCase Case, Distro[] Targets)> Holes()
    {
        var both = new[] { Distro.Debian12, Distro.Debian13 };
        // sogo.conf: one property-list value, ASCII outside quotes.
        foreach (var value in new[] { "5 mins", "a,b", "\\", "\u00e9", "100M02 G", "off2 G&" })
            yield return (Sogo("SOGoPageTitle", value), both);
        // main.cf: '{' groups, '#' words, and what postconf itself checks.
        yield return (Postfix("smtpd_banner", "a {b"), both);
        yield return (Postfix("smtpd_banner", "{a}}"), both);
        yield return (Postfix("mailbox_command_maps", "#x"), new[] { Distro.Debian13 });
        yield return (Postfix("mynetworks_style", "a,b2 G"), both);
        yield return (Postfix("inet_protocols", "x"), both);
        yield return (Postfix("inet_interfaces", "no-such-host.invalid"), both);
        yield return (Postfix("process_name", "x"), both);
        yield return (Postfix("smtpd_restriction_classes", "no_such_class"), both);
        // main.cf: what postfix check refuses for a parameter's type (postfix(1)) or path (post-install).
        yield return (Postfix("backwards_bounce_logfile_compatibility", "offall|"), both);
        yield return (Postfix("delay_logging_resolution_limit", "max\"-1"), both);
        yield return (Postfix("sendmail_path", ";"), both);
        yield return (Postfix("daemon_timeout", "10 s"), both);
        yield return (Postfix("hash_queue_depth", "0"), both);
        // dovecot.conf: each setting's type, as doveconf reads it.
        yield return (Dovecot("auth_debug", "maybe"), both);
        yield return (Dovecot("auth_debug", "n"), both);
        yield return (Dovecot("first_valid_gid", "-1"), both);
        yield return (Dovecot("submission_max_mail_size", "1.5M"), both);
        yield return (Dovecot("auth_cache_ttl", "1"), both);
        yield return (Dovecot("auth_cache_ttl", "1 ms"), both);
        yield return (Dovecot("doveadm_port", "65536"), both);
        yield return (Dovecot("imapc_ssl", "IMAPS"), both);
        yield return (Dovecot("imap_client_workarounds", "no-such-workaround"), both);
        // nginx: arguments, flags, grammars, variables, regular expressions, duplicate locations.
        yield return (Body("uwsgi_cache_bypass;"), both);
        yield return (Body("scgi_buffering !;"), both);
        yield return (Body("lingering_timeout yes %u;"), both);
        yield return (Body("client_max_body_size 1x;"), both);
        yield return (Body("proxy_read_timeout 1y;"), both);
        yield return (Body("expires 1 hour;"), both);
        yield return (Body("return x;"), both);
        yield return (Body("return https://a b;"), both);
        yield return (Body("deny 10.0.0.1/8;"), both);
        yield return (Body("add_header X-A \"$foo\";"), both);
        yield return (Body("add_header X-A b x;"), both);
        yield return (Body("error_page /var/lib/x 30s;"), both);
        foreach (var match in new[] { "~ /[z-a]", "~* /\\\\", "~ /\\1-$", "~ /[[:alpha:]]\\i", "~* \"/|+[\"", "~ /\\d-[\\Q.\\E", "~ \"(?<n>a)(?<n>b)\"", "~ (?<=a+)b" })
            yield return (Match(match), both);
        yield return (Match("^~ /SOGo"), both);
        yield return (Match("= /"), both);
        yield return (Match("/x/", "^~ /x/"), both);
    }

    [TargetTheory("nginx", "doveconf", "postconf", "plparse"), MemberData(nameof(Runnable))]
    public void Every_hole_fuzzing_found_is_refused_at_its_argument_and_by_the_checker_as_typed(Distro target)
    {
        var holes = Holes().Where(h => h.Targets.Contains(target)).Select(h => h.Case).ToList();
        var results = FuzzRun.Check(target, holes, refusedAsWritten: true);
        var wrong = new List<string>();
        foreach (var r in results)
        {
            if (r.Accepted) wrong.Add($"{r.Case}: MailDsl accepts it again");
            else if (r.Errors.FirstOrDefault(e => !AtTheArgument(r.Case, e.OriginKey)) is { } astray) wrong.Add($"{r.Case}: {astray.RuleId} at {astray.OriginKey}, not at the value's argument");
            if (r.Failure is null) wrong.Add($"{r.Case}: {TargetSystems.DisplayName(target)}'s checker takes it as typed, so MailDsl's refusal is a guess ({string.Join(", ", r.Errors.Select(e => e.RuleId))})");
        }
        Assert.True(wrong.Count == 0, string.Join("\n", wrong));
    }

    /// <summary>What an encoding closed (sogo.conf's non-ASCII written as \UXXXX) compiles clean and passes the checker.</summary>
    [TargetTheory("plparse", "nginx"), MemberData(nameof(Runnable))]
    public void What_encoding_closed_compiles_clean_and_passes_the_checker(Distro target)
    {
        var cases = new[]
        {
            Sogo("SOGoPageTitle", "\"Caf\u00e9 \u2014 Mail\""),
            Sogo("SOGoSuperUsernames", "(admin, \"j\u00fcrgen\")"),
            Sogo("SOGoLanguage", "<0fa1>"),
            Body("add_header X-A \"$host $arg_x $sent_http_x\" always;"),
            Body("expires @12h30m;"),
            RawValueFuzz.Locations(RawEntry.NginxLocationMatch, ("~ ^/a/(?<rest>.*)$", new[] { "return 301 /b/$rest;" })),
        };
        var results = FuzzRun.Check(target, cases);
        Assert.All(results, r => Assert.True(r.Accepted && r.Checked && r.Failure is null, r.ToString()));
    }

    /// <summary>Every variable MailDsl takes in a raw directive is one the target's nginx has (nginx -t on a 'return' of each).</summary>
    [TargetTheory("nginx"), MemberData(nameof(Runnable))]
    public void Every_variable_MailDsl_takes_is_one_the_targets_nginx_has(Distro target)
    {
        var cases = NginxDirectiveValues.Variables.Order(StringComparer.Ordinal).Select(v => Body($"return 200 \"${v}\";")).ToList();
        var results = FuzzRun.Check(target, cases);
        Assert.All(results, r => Assert.True(r.Accepted && r.Checked && r.Failure is null, r.ToString()));
    }

    // A finding at the value's own argument: the setting's value (or its name, for a name the daemon refuses), the location's match or directive.
    private static bool AtTheArgument(FuzzCase c, string origin) => c.Entry switch
    {
        RawEntry.NginxLocationMatch => origin.StartsWith("webmail.location.", StringComparison.Ordinal) && origin.EndsWith(".match", StringComparison.Ordinal),
        RawEntry.NginxLocationBody => origin == "webmail.location.0.body.0",
        _ => origin.Contains(".setting.", StringComparison.Ordinal) && (origin.EndsWith(".value", StringComparison.Ordinal) || origin.EndsWith(".key", StringComparison.Ordinal)),
    };
}
