using MailDsl.Model;
using MailDsl.Render.Tests.Support;
using Xunit;

namespace MailDsl.Render.Tests.Fuzz;

/// <summary>
/// The raw entry points (<c>.PostfixSetting</c>, <c>.DovecotSetting</c>, <c>.SogoSetting</c>, <c>.NginxLocation</c>)
/// fuzzed against each target's own checkers: a description MailDsl compiles clean must give files the target's
/// <c>postconf</c>, <c>postfix check</c>, <c>doveconf</c>, <c>plparse</c> and <c>nginx -t</c> accept without a warning. Seeded and bounded (a few
/// checker run per batch of values, some seconds a target in CI; MAILDSL_FUZZ_CASES runs more). What a run found is kept in <see cref="FoundHoles"/>, each
/// refused by MailDsl at its argument and by the checker when written as typed.
/// </summary>
public sealed class RawValueFuzzTests
{
    public static TheoryData<Distro> Runnable => TargetData.Runnable();

    [TargetTheory("nginx", "doveconf", "postconf", "plparse"), MemberData(nameof(Runnable))]
    public void Every_raw_value_MailDsl_accepts_passes_the_targets_own_checkers(Distro target)
    {
        var results = FuzzRun.Check(target, RawValueFuzz.Cases(target, RawValueFuzz.Count(40)), out var checkerRuns);
        var holes = results.Where(r => r.Failure is not null).ToList();
        // MAILDSL_FUZZ_REPORT=DIR keeps every verdict of a long exploratory run (MAILDSL_FUZZ_CASES) to read at leisure.
        if (Environment.GetEnvironmentVariable("MAILDSL_FUZZ_REPORT") is { Length: > 0 } report)
            File.WriteAllLines(Path.Combine(report, $"fuzz-{target}.txt"), results.Select(r => r.ToString().Replace("\n", " | ", StringComparison.Ordinal)));
        Assert.True(holes.Count == 0, $"{holes.Count} of {results.Count} fuzzed descriptions (seed {RawValueFuzz.Seed}) compile clean but {TargetSystems.DisplayName(target)}'s checker refuses them:\n"
            + string.Join("\n", holes.Take(30)));
        // Checked in batches: far fewer checker runs than values checked (one a case would be one a value).
        var checkedCases = results.Count(r => r.Checked);
        Assert.True(checkerRuns * 3 < checkedCases, $"{checkerRuns} checker runs for {checkedCases} checked values: the batches hold too little");
        // Each entry point had values accepted and checked, so the run proves something there.
        foreach (var entry in Enum.GetValues<RawEntry>())
            Assert.True(results.Any(r => r.Case.Entry == entry && r.Checked), $"no {entry} value was accepted and checked: the fuzz tried nothing there");
    }
}
