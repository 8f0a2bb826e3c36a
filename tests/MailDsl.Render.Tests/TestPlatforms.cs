using MailDsl.Model;
using MailDsl.TestPlatform;

namespace MailDsl.Render.Tests;

/// <summary>The platforms whose emitted files the authorities check.</summary>
public static class TestPlatforms
{
    /// <summary>The guide's platform described well (examples/CorporateCloud's description), on <paramref name="distro"/>, with the given certificate paths.</summary>
    public static Platform Guide(Distro distro, string certificate, string key) => GuidePlatform.Describe()
        .Target(distro)
        .Certificate(certificate, key);

    /// <summary>Everything on one loopback host with non-standard ports and STARTTLS ports too, as tests run it.</summary>
    public static Platform AllInOne(Distro distro, string certificate, string key) => Platform.Create("test.maildsl.internal")
        .Target(distro)
        .Certificate(certificate, key)
        .SmtpIn(s => s.Hosts("mx.test.maildsl.internal").ListenOn("127.0.0.1").Smtp(2525))
        .SmtpOut(s => s.Hosts("relay.test.maildsl.internal").ListenOn("127.0.0.1").Smtp(2526).Submission(2587).Submissions(2465))
        .Mailstore(m => m.Hosts("store.test.maildsl.internal").ListenOn("127.0.0.1").Smtp(2527).Imap(2143).Imaps(2993).Pop3s(2995))
        .Webmail(w => w.Hosts("web.test.maildsl.internal").ListenOn("127.0.0.1").Sogo(20000).Https(8443).HttpRedirect(8080).Hsts(31536000));

    /// <summary>
    /// Only an SMTP-out relay with submission: no mailstore, so its Dovecot is the auth-only SASL server behind
    /// Postfix, with a raw Dovecot setting of the layer that must land in that file.
    /// </summary>
    public static Platform RelayOnly(Distro distro, string certificate, string key) => Platform.Create("test.maildsl.internal")
        .Target(distro)
        .Certificate(certificate, key)
        .SmtpOut(s => s.Hosts("relay.test.maildsl.internal").ListenOn("127.0.0.1").Smtp(2526).Submission(2587).Submissions(2465)
            .DovecotSetting("auth_verbose", "yes"));
}
