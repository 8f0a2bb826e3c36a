using System.Net;
using System.Security.Cryptography.X509Certificates;
using MailDsl.Integration.Tests.Clients;
using MailDsl.Model;
using MailDsl.TestPlatform;
using MailDsl.TestPlatform.Directories;
using MailDsl.TestPlatform.Network;
using Xunit;

namespace MailDsl.Integration.Tests;

/// <summary>
/// Issue 22: two webmail hosts on a lab network, each on an address of its own, on each target's SOGo (5.8 on Debian 12,
/// 5.12 on Debian 13) with one database (PostgreSQL on the directory's host, TLS verified) and one cache (every host's
/// memcached in one SOGoMemcachedHost list, reachable from the webmail hosts only). A user logs in through host A and the
/// same session cookie works through host B, where a preference changed through A reads back; wrong passwords counted on
/// A count on B, so SOGoMaximumFailedLoginCount is reached across hosts; and memcached refuses a connection from an
/// address that is not a webmail host's.
/// </summary>
public sealed class SharedWebmailTests
{
    private const string Web1 = "web1." + IntegrationPlatform.Domain;
    private const string Web2 = "web2." + IntegrationPlatform.Domain;

    // A preference alice changes through one host (one of the time formats SOGo's preferences offer; its default is %H:%M).
    private const string TimeFormatKey = "SOGoTimeFormat";
    private const string TimeFormat = "%I:%M %p";

    [LabFact]
    public Task Two_webmail_hosts_share_sessions_and_failed_login_counts_on_debian12() => SharedState(Distro.Debian12);

    [LabFact]
    public Task Two_webmail_hosts_share_sessions_and_failed_login_counts_on_debian13() => SharedState(Distro.Debian13);

    private static async Task SharedState(Distro target)
    {
        using var lab = LabPlatform.Start(target, _ => Describe(target), LabPlatformOptions.WithTestDirectory(sogoDatabase: true));
        SogoClient Client(string host) => new($"https://{lab.AddressOf(host)}", lab.IsLabCertificate);

        // Logged in through web1, alice changes a preference there (SOGo keeps it in the database and the cache); the same
        // cookie through web2 is alice's session there and reads the changed preference.
        using var a = Client(Web1);
        using (var login = await a.LogInAsync(TestDirectory.Alice.Uid, TestDirectory.Alice.Password))
            Assert.True(login.StatusCode == HttpStatusCode.OK, $"SOGo on {Web1} refused alice ({(int)login.StatusCode}): {await login.Content.ReadAsStringAsync()}\n{lab.Logs(Web1)}");
        Assert.NotNull(a.Cookies[SogoClient.SessionCookie]);
        using (var save = await a.SaveDefaultsAsync(TestDirectory.Alice.Uid, new Dictionary<string, object> { [TimeFormatKey] = TimeFormat }))
            Assert.True(save.StatusCode == HttpStatusCode.OK, $"SOGo on {Web1} did not save alice's preference ({(int)save.StatusCode}): {await save.Content.ReadAsStringAsync()}\n{lab.Logs(Web1)}");
        using var b = Client(Web2);
        // The near miss: without the cookie, web2 answers its login page, not alice's preferences.
        var (beforeStatus, beforeDefaults) = await b.DefaultsAsync(TestDirectory.Alice.Uid);
        Assert.True(beforeDefaults is null, $"{Web2} answered preferences without a session ({(int)beforeStatus})");
        b.UseCookiesOf(a);
        var (afterStatus, afterDefaults) = await b.DefaultsAsync(TestDirectory.Alice.Uid);
        Assert.True(afterDefaults is not null, $"{Web2} did not take the session made on {Web1} ({(int)afterStatus})\n{lab.Logs(Web2)}");
        Assert.Equal(TimeFormat, afterDefaults![TimeFormatKey]?.GetValue<string>());

        // SOGoMaximumFailedLoginCount = 3: two wrong passwords through web1 and one through web2 block bob everywhere.
        using var c1 = Client(Web1);
        using var c2 = Client(Web2);
        foreach (var client in new[] { c1, c1, c2 })
            using (var wrong = await client.LogInAsync(TestDirectory.Bob.Uid, "not-" + TestDirectory.Bob.Password))
                Assert.NotEqual(HttpStatusCode.OK, wrong.StatusCode);
        using (var blocked = await c2.LogInAsync(TestDirectory.Bob.Uid, TestDirectory.Bob.Password))
            Assert.True(blocked.StatusCode != HttpStatusCode.OK,
                $"{Web2} let bob in after three wrong passwords, two of them through {Web1}: the failed-login count is not shared\n{lab.Logs(Web2)}");
        // The near miss: carol, with no failures, logs in through web2 at the same time.
        using var c3 = Client(Web2);
        using (var carol = await c3.LogInAsync(TestDirectory.Carol.Uid, TestDirectory.Carol.Password))
            Assert.Equal(HttpStatusCode.OK, carol.StatusCode);

        // memcached answers the webmail hosts and nobody else: the test process (the lab's gateway) is refused.
        var fromWeb2 = lab.Host(Web2).Run($"exec 3<>/dev/tcp/{Web1}/11211 && printf 'version\\r\\n' >&3 && timeout 5 head -n 1 <&3");
        Assert.True(fromWeb2.Succeeded && fromWeb2.Output.StartsWith("VERSION", StringComparison.Ordinal), $"{Web2} cannot reach {Web1}'s memcached:\n{fromWeb2}");
        using var outsider = new System.Net.Sockets.TcpClient();
        var connect = outsider.ConnectAsync(lab.AddressOf(Web1), 11211);
        var finished = await Task.WhenAny(connect, Task.Delay(3000));
        Assert.True(finished != connect || connect.IsFaulted, "memcached on " + Web1 + " accepted a connection from the lab's gateway, which is no webmail host");
    }

    private static Platform Describe(Distro target) => LabPlatform.Describe(target, "MailDsl shared webmail test")
        .Webmail(w => w.Hosts(Web1, Web2)
            .Database(db => db.PostgreSql(TestDirectory.DbHost).Name(TestDirectory.SogoDbName)
                .Login(TestDirectory.SogoDbUser, Secret.File(TestDirectory.SogoSecretPath)))
            .SogoSetting("SOGoMaximumFailedLoginCount", "3")
            .SogoSetting("SOGoMaximumFailedLoginInterval", "600")
            .SogoSetting("SOGoFailedLoginBlockInterval", "600"));
}
