using MailDsl.Daemons.Nginx;
using MailDsl.Model;
using MailDsl.Render.Tests.Fuzz;
using MailDsl.Render.Tests.Support;
using MailDsl.Rules;
using Xunit;

namespace MailDsl.Render.Tests;

/// <summary>
/// MAIL4017, MAIL4018 and MAIL4002 held to each target's <c>nginx -t</c>: a location they refuse is an error at its match
/// and is left out of the site MailDsl writes (as emit writes it where the error's severity is lowered), and nginx -t
/// accepts that site; the duplicate, written as typed, is what nginx -t refuses (FoundHolesTests), while the dead location
/// as typed passes nginx -t and would silently serve nothing: only MailDsl's rule catches it.
/// </summary>
public sealed class NginxLocationCheckerTests
{
    public static TheoryData<Distro> Runnable => TargetData.Runnable();

    private const string Dead = "^/SOGo/so/ControlPanel/Products/([^/]*)/Resources/(.*)$";

    // The location refused, then one MailDsl writes, so the site holds a description's location beside MailDsl's own.
    private static FuzzCase Case(string match)
        => RawValueFuzz.Locations(RawEntry.NginxLocationMatch, (match, new[] { "return 418;" }), ("/kept/", new[] { "return 403;" }));

    public static TheoryData<Distro, string, string> Refused()
    {
        var data = new TheoryData<Distro, string, string>();
        foreach (var target in TargetData.Runnable())
            foreach (var (match, rule) in new[] { (Dead, "MAIL4002"), ("= SOGo", "MAIL4018"), ("^~/SOGo", "MAIL4018"), ("^~ /SOGo", "MAIL4017") })
                data.Add(target, match, rule);
        return data;
    }

    [TargetTheory("nginx"), MemberData(nameof(Refused))]
    public void A_refused_location_is_an_error_at_its_match_and_the_site_written_without_it_passes_nginx(Distro target, string match, string rule)
    {
        var c = Case(match);
        var model = c.Apply(c.Layer(Platform.Create("fuzz.maildsl.test").Target(target).Certificate("/etc/ssl/fuzz.crt", "/etc/ssl/fuzz.key"))).Build();
        var finding = Assert.Single(RuleSet.Check(model), f => f.Severity == Severity.Error);
        Assert.Equal(rule, finding.RuleId);
        Assert.Equal("webmail.location.0.match", finding.OriginKey);

        var site = PlatformRenderer.Render(model).Single(a => a.Path == NginxSiteRenderer.SitePath).Content;
        Assert.DoesNotContain("return 418;", site);
        Assert.Contains("location /kept/ {", site);

        var result = Assert.Single(FuzzRun.Check(target, new[] { c }, refusedAsEmitted: true));
        Assert.True(result.Checked && result.Failure is null, $"{TargetSystems.DisplayName(target)}'s nginx -t refused the site MailDsl writes: {result}");
    }

    /// <summary>The dead location as typed: nginx -t takes it (no request ever reaches it), so nginx cannot be what catches it.</summary>
    [TargetTheory("nginx"), MemberData(nameof(Runnable))]
    public void The_dead_location_as_typed_passes_nginx_so_only_the_rule_catches_it(Distro target)
    {
        var result = Assert.Single(FuzzRun.Check(target, new[] { Case(Dead) }, refusedAsWritten: true));
        Assert.Contains(result.Errors, f => f.RuleId == RuleCatalog.NginxRegexWithoutTilde.Id);
        Assert.True(result.Checked && result.Failure is null, result.ToString());
    }
}
