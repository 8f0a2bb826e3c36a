using MailDsl.Daemons;
using MailDsl.Daemons.Settings;
using MailDsl.Model;
using MailDsl.Render.Tests.Support;
using MailDsl.Rules;
using MailDsl.Targets;
using Xunit;

namespace MailDsl.Render.Tests.Fuzz;

/// <summary>
/// The Postfix value kinds of the catalogue's value column (bool, int, long, time, path), checked value by value against
/// the target's own <c>postfix check</c>: for every value MailDsl's grammar lets through, MailDsl refuses it (MAIL4019) exactly
/// when postfix check refuses it as written. The values are the edges of each kind as C's strtol and Postfix's conv_time
/// read them (signs, blanks, a unit letter followed by text, the largest int, a bound of the parameter's own).
/// </summary>
public sealed class PostfixValueKindTests
{
    public static TheoryData<Distro> Runnable => TargetData.Runnable();

    // A parameter of each kind postfix check converts, on both targets (their kinds are read off the catalogue below).
    private static readonly (string Name, string[] Values)[] Corpus =
    {
        ("soft_bounce", new[] { "yes", "YES", "No", "y", "1", "on", "yes no", "offall|" }),
        ("hash_queue_depth", new[] { "1", "0", "-1", "+5", "2147483647", "2147483648", "1e3", "0x10", "5x", "1 000" }),
        ("delay_logging_resolution_limit", new[] { "6", "7", "-3", "max\"-1", "+0" }),
        ("message_size_limit", new[] { "2147483648", "9223372036854775807", "9223372036854775808", "-1", "10M" }),
        ("daemon_timeout", new[] { "10s", "10sfoo", "hello", "s", "10 s", "5S", "-1", "+5s", "0", "2147483647", "2147483647s", "35791393m", "35791394m", "1h30m", "10x", "1w" }),
        ("in_flow_delay", new[] { "10", "11", "1s", "10s", "11s" }),
        ("sendmail_path", new[] { ";", "/usr/sbin/sendmail", "sendmail", "./sendmail" }),
        ("html_directory", new[] { "no", "/usr/share/doc/postfix/html", "html", "No" }),
    };

    [TargetTheory("postconf"), MemberData(nameof(Runnable))]
    public void MailDsl_refuses_a_Postfix_value_exactly_when_postfix_check_does(Distro target)
    {
        var catalog = SettingsCatalog.For(TargetTable.Of(target), Daemon.Postfix)!;
        foreach (var (name, _) in Corpus)
            Assert.True(catalog.Lookup(name).Values is { Length: > 0 }, $"{name} has no value kind in {catalog.DisplayName}'s catalogue: the corpus no longer tries a kind");

        var cases = Corpus.SelectMany(p => p.Values.Select(v => RawValueFuzz.Setting(RawEntry.PostfixSetting, p.Name, v))).ToList();
        var results = FuzzRun.Check(target, cases, refusedAsWritten: true);
        var wrong = new List<string>();
        var compared = 0;
        foreach (var r in results)
        {
            // A value MailDsl's grammar refuses for its syntax is not a kind's business.
            if (r.Errors.Any(e => e.RuleId != RuleCatalog.RefusedValue.Id)) continue;
            compared++;
            var mailDsl = r.Errors.Count > 0;
            var postfix = r.Failure is not null;
            if (!r.Checked) wrong.Add($"{r.Case}: no checker read it");
            else if (mailDsl != postfix)
                wrong.Add($"{r.Case}: MailDsl {(mailDsl ? "refuses" : "accepts")} it, postfix check {(postfix ? "refuses it: " + r.Failure : "takes it")}");
        }
        Assert.True(wrong.Count == 0, $"{wrong.Count} of {compared} values judged otherwise than {TargetSystems.DisplayName(target)}'s postfix check:\n" + string.Join("\n", wrong));
        Assert.True(compared >= cases.Count * 3 / 4, $"only {compared} of {cases.Count} values reached the comparison");
        Assert.Contains(results, r => r.Errors.Count > 0);
        Assert.Contains(results, r => r.Errors.Count == 0 && r.Checked);
    }
}
