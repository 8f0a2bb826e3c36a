using MailDsl.Daemons.Nginx;
using MailDsl.Daemons.Sogo;
using MailDsl.Model;
using MailDsl.Render;
using MailDsl.Rules;
using MailDsl.Targets;
using Xunit;
using static MailDsl.Core.Tests.Rules.RuleTesting;

namespace MailDsl.Core.Tests.Rules;

/// <summary>
/// MAIL4017 and MAIL4018: the description's nginx locations compared as nginx compares them, with MailDsl's own and
/// with each other; what they refuse or call dead is not written. Render.Tests' NginxLocationCheckerTests hold the same
/// verdicts to the targets' nginx -t.
/// </summary>
public class NginxLocationRuleTests
{
    private static PlatformModel Web(Func<WebmailBuilder, WebmailBuilder> locations, Distro target = Distro.Debian12)
        => Minimal().Target(target).Webmail(w => locations(w.Hosts("web-01.example.org"))).Build();

    private static string Site(PlatformModel model)
        => PlatformRenderer.Render(model).Single(a => a.Path == NginxSiteRenderer.SitePath).Content;

    [Theory]
    [InlineData("^~ /SOGo", "/SOGo")]                     // the guide's own block: the same prefix as MailDsl's /SOGo
    [InlineData("/SOGo", "/SOGo")]
    [InlineData("\"/SOGo\"", "/SOGo")]                   // quotes are taken off before nginx compares
    [InlineData("= /", "/")]
    [InlineData("=/principals/", "/principals/")]
    [InlineData("/SOGo.woa/WebServerResources/", "/SOGo.woa/WebServerResources/")]
    [InlineData("^~ /Microsoft-Server-ActiveSync", "/Microsoft-Server-ActiveSync")]
    public void A_location_on_one_of_MailDsls_own_paths_is_an_error_at_its_match(string match, string path)
    {
        var f = Assert.Single(Findings(Web(w => w.NginxLocation(match, "return 403;")), "MAIL4017"));
        Assert.Equal(Severity.Error, f.Severity);
        Assert.Equal("webmail.location.0.match", f.OriginKey);
        Assert.Contains($"duplicate location \"{path}\"", f.Message);
        Assert.Contains("MailDsl's own 'location ", f.Message);
    }

    [Theory]
    [InlineData("= /SOGo")]                               // exact beside a prefix of the same path: nginx takes both
    [InlineData("/SOGo/")]
    [InlineData("^~ /SOGo/so/")]
    [InlineData("/sogo-static/")]
    [InlineData("~* ^/(sogo|SOGO)(/|$)")]                 // caseless after MailDsl's case-sensitive one: still reached
    [InlineData("@fallback")]
    [InlineData("= /principals")]
    public void A_location_beside_MailDsls_own_that_nginx_takes_is_no_error(string match)
        => Assert.Empty(Findings(Web(w => w.NginxLocation(match, "return 403;")), "MAIL4017"));

    [Fact]
    public void ActiveSync_off_frees_its_paths()
    {
        Assert.Single(Findings(Web(w => w.NginxLocation("/Microsoft-Server-ActiveSync", "return 403;")), "MAIL4017"));
        Assert.Empty(Findings(Web(w => w.ActiveSync(false).NginxLocation("/Microsoft-Server-ActiveSync", "return 403;")), "MAIL4017"));
    }

    [Fact]
    public void Two_extra_locations_of_one_path_are_an_error_at_the_second_naming_the_first()
    {
        var model = Web(w => w.NginxLocation("/x/", "return 403;").NginxLocation("= /y", "return 404;")
            .NginxLocation("^~ /x/", "return 410;").NginxLocation("=/y", "return 410;").NginxLocation("= /x/", "return 410;"));
        var findings = Findings(model, "MAIL4017");
        Assert.Equal(new[] { "webmail.location.2.match", "webmail.location.3.match" }, findings.Select(f => f.OriginKey));
        Assert.Contains("the location '/x/' written before it (.NginxLocation number 1)", findings[0].Message);
        Assert.Contains("the exact path '/y'", findings[1].Message);
    }

    [Fact]
    public void A_regex_after_the_same_regex_is_never_chosen_and_an_error()
    {
        var model = Web(w => w.NginxLocation("~* ^/a/", "return 403;").NginxLocation("~ ^/a/", "return 404;")
            .NginxLocation("~ ^/b/", "return 403;").NginxLocation("~* ^/b/", "return 404;"));
        var f = Assert.Single(Findings(model, "MAIL4017"));
        Assert.Equal("webmail.location.1.match", f.OriginKey);
        Assert.Contains("takes the first that matches", f.Message);
        // MailDsl's own product-resources regex, with other directives, would never be reached either.
        var own = Findings(Web(w => w.NginxLocation("~ ^/SOGo/so/ControlPanel/Products/([^/]*)/Resources/(.*)$", "return 403;")), "MAIL4017");
        Assert.Contains("MailDsl's own 'location ~ ^/SOGo/so/ControlPanel/Products/", Assert.Single(own).Message);
    }

    [Theory]
    [InlineData(Distro.Debian12)]
    [InlineData(Distro.Rhel9)]
    public void The_guides_fixed_block_as_MailDsl_writes_it_is_no_error_and_written_once(Distro target)
    {
        var bundles = SogoModule.Paths(TargetTable.Of(target)).Bundles;
        var model = Web(w => w.NginxLocation("~ ^/SOGo/so/ControlPanel/Products/([^/]*)/Resources/(.*)$", $"alias {bundles}/$1.SOGo/Resources/$2;"), target);
        Assert.DoesNotContain(AllFindings(model), f => f.Severity == Severity.Error);
        Assert.Equal(1, Occurrences(Site(model), "location ~ ^/SOGo/so/ControlPanel/Products/"));
    }

    [Theory]
    [InlineData("^~/SOGo", "Write '^~ /SOGo' (with a space)")]
    [InlineData("SOGo/x", "its prefix 'SOGo/x' does not start with '/'")]
    [InlineData("=", "an exact match for the empty path")]
    [InlineData("= SOGo", "its exact name 'SOGo' does not start with '/'")]
    [InlineData("\\/SOGo", "its prefix '\\/SOGo'")]
    public void A_location_no_request_can_reach_is_an_error_and_not_written(string match, string said)
    {
        var model = Web(w => w.NginxLocation(match, "return 418;").NginxLocation("/kept/", "return 403;"));
        var f = Assert.Single(Findings(model, "MAIL4018"));
        Assert.Equal(Severity.Error, f.Severity);
        Assert.Equal("webmail.location.0.match", f.OriginKey);
        Assert.Contains(said, f.Message);
        Assert.Empty(Findings(model, "MAIL4002"));
        var site = Site(model);
        Assert.DoesNotContain("return 418;", site);
        Assert.Contains("location /kept/ {", site);
    }

    [Theory]
    [InlineData("^/SOGo/so/(.*)$")]
    [InlineData("  ^/x")]
    public void The_guides_caret_location_is_MAIL4002_alone_and_never_reaches_the_site(string match)
    {
        var model = Web(w => w.NginxLocation(match, "return 418;"));
        Assert.Single(Findings(model, "MAIL4002"));
        Assert.Empty(Findings(model, "MAIL4018"));
        Assert.DoesNotContain("return 418;", Site(model));
    }

    [Theory]
    [InlineData("\"\"")]                                  // an empty prefix matches every path
    [InlineData("@named")]
    [InlineData("~ ^/x$")]
    [InlineData("~^/x$")]
    [InlineData("/")]
    public void Locations_a_request_or_a_redirect_reaches_are_no_error(string match)
    {
        var model = Web(w => w.NginxLocation(match, "return 403;"));
        Assert.Empty(Findings(model, "MAIL4018"));
        Assert.Empty(Findings(model, "MAIL4002"));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void The_site_has_exactly_MailDsls_own_locations_then_the_written_extras(bool activeSync)
    {
        var model = Web(w => w.ActiveSync(activeSync).NginxLocation("/a/", "return 403;").NginxLocation("SOGo", "return 403;").NginxLocation("~ ^/b", "return 404;"));
        var webmail = model.Webmail!;
        var own = NginxSiteRenderer.OwnLocations(webmail, SogoModule.Paths(TargetTable.For(model)));
        var written = Site(model).Split('\n').Select(l => l.Trim()).Where(l => l.StartsWith("location ", StringComparison.Ordinal))
            .Select(l => l.Substring("location ".Length, l.Length - "location ".Length - 2)).ToList();
        Assert.Equal(own.Select(o => o.Match).Concat(new[] { "/a/", "~ ^/b" }), written);
        Assert.Equal(activeSync, written.Contains("^~ /Microsoft-Server-ActiveSync"));
    }

    private static int Occurrences(string text, string part)
    {
        var count = 0;
        for (var i = text.IndexOf(part, StringComparison.Ordinal); i >= 0; i = text.IndexOf(part, i + 1, StringComparison.Ordinal)) count++;
        return count;
    }
}
