extern alias gen;
using MailDsl.Model;
using Xunit;

namespace MailDsl.Generators.Tests;

/// <summary>The model fingerprint run time compares with the compiler's: every value counts, where it was written does not.</summary>
public sealed class FingerprintTests
{
    private static PlatformModel Model() => Platform.Create("example.org")
        .Banner("Example")
        .Certificate("/etc/ssl/certs/mail.crt", "/etc/ssl/private/mail.key")
        .SmtpIn(s => s.Hosts("mx-01.example.org", "mx-02.example.org").PostfixSetting("smtpd_starttls_timeout", "300s"))
        .Mailstore(m => m.Hosts("store-01.example.org").Imaps(993).Ciphers("ECDHE+AESGCM"))
        .Build();

    public static TheoryData<string> Changes() => new()
    {
        "banner", "banner-null", "domain", "host-order", "host-added", "cipher", "port", "setting", "version", "profile", "layer-removed",
    };

    [Theory]
    [MemberData(nameof(Changes))]
    public void Every_value_of_the_model_changes_the_fingerprint(string change)
    {
        var model = Model();
        var changed = change switch
        {
            "banner" => model with { Banner = "Example " },
            "banner-null" => model with { Banner = null },
            "domain" => model with { Domain = "example.com" },
            "host-order" => model with { SmtpIn = model.SmtpIn! with { Hosts = EquatableArray.Of("mx-02.example.org", "mx-01.example.org") } },
            "host-added" => model with { SmtpIn = model.SmtpIn! with { Hosts = EquatableArray.Of("mx-01.example.org", "mx-02.example.org", "mx-03.example.org") } },
            "cipher" => model with { Mailstore = model.Mailstore! with { Tls = model.Mailstore.Tls! with { Ciphers = "ECDHE+AESGCM:!SHA1" } } },
            "port" => model with { Mailstore = model.Mailstore! with { Listeners = model.Mailstore.Listeners.Select(l => l with { Port = l.Port + 1 }).ToEquatableArray() } },
            "setting" => model with { SmtpIn = model.SmtpIn! with { RawSettings = EquatableArray.Of(new RawSetting(Daemon.Postfix, "smtpd_starttls_timeout", "301s")) } },
            "version" => model with { Versions = new VersionOverrides { Dovecot = "2.4.1" } },
            "profile" => model with { Tls = model.Tls with { Profile = TlsProfile.Modern } },
            "layer-removed" => model with { SmtpIn = null },
            _ => throw new ArgumentOutOfRangeException(nameof(change)),
        };
        Assert.NotEqual(model, changed);
        Assert.NotEqual(ModelFingerprint.Of(model), ModelFingerprint.Of(changed));
    }

    [Fact]
    public void Origins_do_not_count_and_equal_models_give_equal_fingerprints()
    {
        var model = Model();
        var placed = model with { Origins = new SourceMap(EquatableArray.Of(new OriginEntry("platform.banner", new SourceSpan("A.cs", 10, 9, 1)))) };
        Assert.Equal(ModelFingerprint.Of(model), ModelFingerprint.Of(placed));
        Assert.Equal(ModelFingerprint.Of(model), ModelFingerprint.Of(Model()));
        Assert.StartsWith(ModelFingerprint.Version + ":", ModelFingerprint.Of(model));
    }

    [Fact]
    public void The_compilers_copy_of_Core_and_run_times_give_the_same_text()
    {
        // The generator compiles Core in: its fingerprint of the same description must be byte for byte run time's.
        var runTime = ModelFingerprint.Canonical(Model());
        var compileTime = gen::MailDsl.Model.ModelFingerprint.Canonical(gen::MailDsl.Platform.Create("example.org")
            .Banner("Example")
            .Certificate("/etc/ssl/certs/mail.crt", "/etc/ssl/private/mail.key")
            .SmtpIn(s => s.Hosts("mx-01.example.org", "mx-02.example.org").PostfixSetting("smtpd_starttls_timeout", "300s"))
            .Mailstore(m => m.Hosts("store-01.example.org").Imaps(993).Ciphers("ECDHE+AESGCM"))
            .Build());
        Assert.Equal(runTime, compileTime);
        Assert.Contains("Value=\"4:300s", runTime);
    }
}
