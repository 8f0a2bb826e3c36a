using MailDsl.Model;
using Xunit;

namespace MailDsl.Core.Tests.Rules;

public class RobustnessTests
{
    [Fact]
    public void Rules_never_throw_on_a_model_full_of_nulls_and_still_report_what_they_can()
    {
        // A platform built at run time may carry nulls the nullable annotations do not stop.
        var model = new PlatformModel
        {
            Domain = null!,
            Tls = null!,
            Certificate = new CertificatePaths(null!, null!),
            SmtpIn = new SmtpInLayer
            {
                Hosts = EquatableArray.Of<string>(null!, "mx-01.example.org"),
                Listeners = EquatableArray.Of<Listener>(null!, new Listener(null!, ServiceProtocol.Smtp, 25, ListenerSecurity.StartTls, false)),
                RawSettings = EquatableArray.Of<RawSetting>(null!, new RawSetting(Daemon.Postfix, null!, null!), new RawSetting(Daemon.Postfix, null!, "x")),
            },
            Webmail = new WebmailLayer
            {
                ExtraLocations = EquatableArray.Of<NginxLocation>(null!, new NginxLocation(null!, new[] { (string)null! }.ToEquatableArray())),
            },
        };

        var findings = RuleTesting.AllFindings(model);

        Assert.Contains(findings, f => f.RuleId == "MAIL3003" && f.OriginKey == "platform.domain");
        Assert.Contains(findings, f => f.RuleId == "MAIL1020" && f.OriginKey == "platform.certificate.file");
        Assert.Contains(findings, f => f.RuleId == "MAIL4001");
    }

    [Fact]
    public void Rules_never_throw_on_random_text_values()
    {
        var random = new Random(20261125);
        const string alphabet = "abcXYZ019-._/~^$#;{}\"'\\` \t\r\n\0:é<>!=*()[]";
        string Text() => new(Enumerable.Range(0, random.Next(0, 12)).Select(_ => alphabet[random.Next(alphabet.Length)]).ToArray());

        for (var i = 0; i < 300; i++)
        {
            var model = Platform.Create(Text()).Banner(Text()).Certificate(Text(), Text()).Ciphers(Text())
                .SmtpIn(s => s.Hosts(Text(), Text()).Vip(Text()).ListenOn(Text()).PostfixSetting(Text(), Text()).PostfixSetting(Text(), Text()))
                .Mailstore(m => m.Hosts(Text()).MailLocation(Text()).DovecotSetting(Text(), Text())
                    .Listener(Text(), ServiceProtocol.Imap, random.Next(-5, 70000), (ListenerSecurity)random.Next(3), random.Next(2) == 0))
                .Webmail(w => w.Hosts(Text()).Imap(Text()).Smtp(Text()).NginxLocation(Text(), Text(), Text()))
                .Build();

            var findings = RuleTesting.AllFindings(model);

            Assert.All(findings, f => Assert.False(string.IsNullOrWhiteSpace(f.Message)));
        }
    }
}
