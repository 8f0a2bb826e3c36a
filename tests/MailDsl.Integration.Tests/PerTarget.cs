using Xunit;

namespace MailDsl.Integration.Tests;

// Every over-the-wire test class once per target: the same tests against Debian 12's daemons (this machine) and
// against Debian 13's (the cached root), each in its target's collection, with the target in the test's name.

/// <summary><see cref="MailFlowTests"/> on Debian 12's daemons.</summary>
[Collection(Debian12Collection.Name)]
public sealed class MailFlowTestsOnDebian12(Debian12Platform platform) : MailFlowTests(platform);

/// <summary><see cref="MailFlowTests"/> on Debian 13's daemons.</summary>
[Collection(Debian13Collection.Name)]
public sealed class MailFlowTestsOnDebian13(Debian13Platform platform) : MailFlowTests(platform);

/// <summary><see cref="MailboxTests"/> on Debian 12's daemons.</summary>
[Collection(Debian12Collection.Name)]
public sealed class MailboxTestsOnDebian12(Debian12Platform platform) : MailboxTests(platform);

/// <summary><see cref="MailboxTests"/> on Debian 13's daemons.</summary>
[Collection(Debian13Collection.Name)]
public sealed class MailboxTestsOnDebian13(Debian13Platform platform) : MailboxTests(platform);

/// <summary><see cref="SmtpTests"/> on Debian 12's daemons.</summary>
[Collection(Debian12Collection.Name)]
public sealed class SmtpTestsOnDebian12(Debian12Platform platform) : SmtpTests(platform);

/// <summary><see cref="SmtpTests"/> on Debian 13's daemons.</summary>
[Collection(Debian13Collection.Name)]
public sealed class SmtpTestsOnDebian13(Debian13Platform platform) : SmtpTests(platform);

/// <summary><see cref="TestsslTests"/> on Debian 12's daemons.</summary>
[Collection(Debian12Collection.Name)]
public sealed class TestsslTestsOnDebian12(Debian12Platform platform) : TestsslTests(platform);

/// <summary><see cref="TestsslTests"/> on Debian 13's daemons.</summary>
[Collection(Debian13Collection.Name)]
public sealed class TestsslTestsOnDebian13(Debian13Platform platform) : TestsslTests(platform);

/// <summary><see cref="TlsPolicyTests"/> on Debian 12's daemons.</summary>
[Collection(Debian12Collection.Name)]
public sealed class TlsPolicyTestsOnDebian12(Debian12Platform platform) : TlsPolicyTests(platform);

/// <summary><see cref="TlsPolicyTests"/> on Debian 13's daemons.</summary>
[Collection(Debian13Collection.Name)]
public sealed class TlsPolicyTestsOnDebian13(Debian13Platform platform) : TlsPolicyTests(platform);

/// <summary><see cref="WebmailTests"/> on Debian 12's daemons.</summary>
[Collection(Debian12Collection.Name)]
public sealed class WebmailTestsOnDebian12(Debian12Platform platform) : WebmailTests(platform);

/// <summary><see cref="WebmailTests"/> on Debian 13's daemons.</summary>
[Collection(Debian13Collection.Name)]
public sealed class WebmailTestsOnDebian13(Debian13Platform platform) : WebmailTests(platform);

/// <summary><see cref="WebmailBrowserTests"/> on Debian 12's SOGo, in Debian 12's Chromium.</summary>
[Collection(Debian12Collection.Name)]
public sealed class WebmailBrowserTestsOnDebian12(Debian12Platform platform, Xunit.Abstractions.ITestOutputHelper output) : WebmailBrowserTests(platform, output);

/// <summary><see cref="WebmailBrowserTests"/> on Debian 13's SOGo, in Debian 12's Chromium (this machine's, as a client).</summary>
[Collection(Debian13Collection.Name)]
public sealed class WebmailBrowserTestsOnDebian13(Debian13Platform platform, Xunit.Abstractions.ITestOutputHelper output) : WebmailBrowserTests(platform, output);

/// <summary><see cref="StartupFailureTests"/> on Debian 12's daemons.</summary>
[Collection(Debian12Collection.Name)]
public sealed class StartupFailureTestsOnDebian12(Debian12Platform platform) : StartupFailureTests(platform);

/// <summary><see cref="StartupFailureTests"/> on Debian 13's daemons.</summary>
[Collection(Debian13Collection.Name)]
public sealed class StartupFailureTestsOnDebian13(Debian13Platform platform) : StartupFailureTests(platform);

/// <summary><see cref="DirectoryTests"/> on Debian 12's daemons.</summary>
[Collection(Debian12Collection.Name)]
public sealed class DirectoryTestsOnDebian12(Debian12Platform platform) : DirectoryTests(platform);

/// <summary><see cref="DirectoryTests"/> on Debian 13's daemons.</summary>
[Collection(Debian13Collection.Name)]
public sealed class DirectoryTestsOnDebian13(Debian13Platform platform) : DirectoryTests(platform);

/// <summary><see cref="GroupTests"/> on Debian 12's daemons.</summary>
[Collection(Debian12Collection.Name)]
public sealed class GroupTestsOnDebian12(Debian12Platform platform) : GroupTests(platform);

/// <summary><see cref="GroupTests"/> on Debian 13's daemons.</summary>
[Collection(Debian13Collection.Name)]
public sealed class GroupTestsOnDebian13(Debian13Platform platform) : GroupTests(platform);

/// <summary><see cref="HopVerificationTests"/> on Debian 12's daemons.</summary>
[Collection(Debian12Collection.Name)]
public sealed class HopVerificationTestsOnDebian12(Debian12Platform platform) : HopVerificationTests(platform);

/// <summary><see cref="HopVerificationTests"/> on Debian 13's daemons.</summary>
[Collection(Debian13Collection.Name)]
public sealed class HopVerificationTestsOnDebian13(Debian13Platform platform) : HopVerificationTests(platform);

/// <summary><see cref="SslscanTests"/> on Debian 12's daemons.</summary>
[Collection(Debian12Collection.Name)]
public sealed class SslscanTestsOnDebian12(Debian12Platform platform) : SslscanTests(platform);

/// <summary><see cref="SslscanTests"/> on Debian 13's daemons.</summary>
[Collection(Debian13Collection.Name)]
public sealed class SslscanTestsOnDebian13(Debian13Platform platform) : SslscanTests(platform);

/// <summary><see cref="HostAddressTests"/> on Debian 12's daemons.</summary>
[Collection(Debian12Collection.Name)]
public sealed class HostAddressTestsOnDebian12(Debian12Platform platform) : HostAddressTests(platform);

/// <summary><see cref="HostAddressTests"/> on Debian 13's daemons.</summary>
[Collection(Debian13Collection.Name)]
public sealed class HostAddressTestsOnDebian13(Debian13Platform platform) : HostAddressTests(platform);

/// <summary><see cref="ClientAddressTests"/> on Debian 12's daemons.</summary>
[Collection(Debian12Collection.Name)]
public sealed class ClientAddressTestsOnDebian12(Debian12Platform platform) : ClientAddressTests(platform);

/// <summary><see cref="ClientAddressTests"/> on Debian 13's daemons.</summary>
[Collection(Debian13Collection.Name)]
public sealed class ClientAddressTestsOnDebian13(Debian13Platform platform) : ClientAddressTests(platform);

/// <summary><see cref="FailoverTests"/> on Debian 12's daemons.</summary>
[Collection(Debian12Collection.Name)]
public sealed class FailoverTestsOnDebian12(Debian12Platform platform) : FailoverTests(platform);

/// <summary><see cref="FailoverTests"/> on Debian 13's daemons.</summary>
[Collection(Debian13Collection.Name)]
public sealed class FailoverTestsOnDebian13(Debian13Platform platform) : FailoverTests(platform);

/// <summary><see cref="PlatformProbeTests"/> on Debian 12's daemons.</summary>
[Collection(Debian12Collection.Name)]
public sealed class PlatformProbeTestsOnDebian12(Debian12Platform platform, Xunit.Abstractions.ITestOutputHelper output) : PlatformProbeTests(platform, output);

/// <summary><see cref="PlatformProbeTests"/> on Debian 13's daemons.</summary>
[Collection(Debian13Collection.Name)]
public sealed class PlatformProbeTestsOnDebian13(Debian13Platform platform, Xunit.Abstractions.ITestOutputHelper output) : PlatformProbeTests(platform, output);
