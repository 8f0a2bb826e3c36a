using MailDsl.Hosting;
using MailDsl.Model;
using Xunit;

namespace MailDsl.Core.Tests.Rules;

/// <summary>A platform built at run time meets the same rules before anything is written.</summary>
public class RuntimeCheckTests
{
    [Fact]
    public void Emit_refuses_a_host_name_with_a_directive_in_it_and_writes_nothing()
    {
        var outDir = Path.Combine(Path.GetTempPath(), "maildsl-rules-emit-" + Guid.NewGuid().ToString("N"));
        var stdout = new StringWriter();
        var stderr = new StringWriter();

        var code = PlatformHost.Run(new[] { "emit", "--out", outDir },
            () => RuleTesting.Minimal().SmtpIn(s => s.Hosts("mx-01.example.org;\nssl off")), stdout, stderr);

        Assert.Equal(1, code);
        // The findings accompany emit's result, so they go to stderr, as check's table: ID, severity, where, message.
        Assert.Contains(Row(stderr, "MAIL3001"), r => r.Contains(" error ") && r.Contains("smtpIn.hosts.0"));
        Assert.Contains(@"'mx-01.example.org;\nssl off'", stderr.ToString());
        Assert.Contains("nothing written", stderr.ToString());
        Assert.False(Directory.Exists(outDir), "emit created the output folder although the platform has errors");
    }

    [Fact]
    public void Check_prints_warnings_but_passes_when_there_is_no_error()
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();

        var code = PlatformHost.Run(new[] { "check" }, () => RuleTesting.Minimal().SmtpIn(s => s.Hosts("mx-01.example.org")
            .PostfixSetting("tls_disable_workarounds", "0xFFFFFFFF").PostfixSetting("tls_disable_workarounds", "CVE-2010-4180")), stdout, stderr);

        Assert.Equal(0, code);
        var row = Assert.Single(Row(stdout, "MAIL4001"));
        Assert.Contains(" warning ", row);
        Assert.Contains(" smtpIn.setting.postfix.tls_disable_workarounds.1.key ", row);
        Assert.EndsWith("1 finding (1 warning): 1 host, 1 service checked", stdout.ToString().TrimEnd());
    }

    [Fact]
    public void Check_fails_on_the_guides_imap_nopass_listener()
    {
        var stdout = new StringWriter();

        var code = PlatformHost.Run(new[] { "check" }, () => RuleTesting.Minimal().Mailstore(m => m.Hosts("store-01.example.org")
            .Listener("imap-nopass", ServiceProtocol.Imap, 144, ListenerSecurity.Plain, allowPlaintextAuth: true)), stdout, new StringWriter());

        Assert.Equal(1, code);
        var row = Assert.Single(Row(stdout, "MAIL2001"));
        Assert.Contains(" error ", row);
        Assert.Contains("'imap-nopass'", row);
    }

    /// <summary>The table rows of one rule: lines that start with its ID.</summary>
    private static List<string> Row(StringWriter output, string id)
        => output.ToString().Split('\n').Where(l => l.StartsWith(id + " ", StringComparison.Ordinal)).ToList();
}
