using MailDsl.TestPlatform.Directories;

namespace MailDsl.TestPlatform;

/// <summary>The ports the loopback platform's listeners get: free ports, picked when it starts.</summary>
public sealed record LoopbackPorts(
    int MxSmtp, int RelaySmtp, int Submission, int Submissions, int StoreSmtp,
    int Imap, int Imaps, int Pop3s, int Https, int Http, int Sogo)
{
    /// <summary>ManageSieve on the mailstore (STARTTLS).</summary>
    public int Sieve { get; init; }

    /// <summary>The directory's and database's ports.</summary>
    public DirectoryPorts Directory { get; init; } = new(0, 0, 0);

    /// <summary>The second mailstore host's SMTP port (it shares the first one's mail storage).</summary>
    public int Store2Smtp { get; init; }

    /// <summary>The second mailstore host's IMAPS port.</summary>
    public int Store2Imaps { get; init; }

    /// <summary>memcached's port on the webmail host (SOGo's cache; platforms running side by side share loopback).</summary>
    public int Memcached { get; init; }

    /// <summary>
    /// Eighteen free ports on 127.0.0.1, each held by this test process until it exits (see <see cref="PortReservations"/>):
    /// platforms start side by side, in this process and in the other test projects'.
    /// </summary>
    public static LoopbackPorts PickFree()
    {
        var p = PortReservations.Take(18);
        return new LoopbackPorts(p[0], p[1], p[2], p[3], p[4], p[5], p[6], p[7], p[8], p[9], p[10])
        {
            Sieve = p[11],
            Directory = new DirectoryPorts(p[12], p[13], p[14]),
            Store2Smtp = p[15],
            Store2Imaps = p[16],
            Memcached = p[17],
        };
    }
}
