using System.Net;

namespace MailDsl.TestPlatform.Network;

/// <summary>
/// Names the addresses a description running on a lab network uses: each name (a host, a VIP, the directory) gets an
/// address of the lab the first time it is asked for, and keeps it.
/// </summary>
public sealed class LabAddresses
{
    private readonly Func<IPAddress> _allocate;
    private readonly Dictionary<string, IPAddress> _byName = new(StringComparer.OrdinalIgnoreCase);

    internal LabAddresses(LabNetwork network) => _allocate = network.Allocate;

    private LabAddresses(Func<IPAddress> allocate) => _allocate = allocate;

    /// <summary>
    /// Addresses on no network, allocated as a lab network would allocate them (198.18.0.10 up): for describing a lab
    /// platform where nothing runs (a test's theory data, a model read by a test), never for traffic.
    /// </summary>
    public static LabAddresses Planned()
    {
        var next = 9;
        return new LabAddresses(() => new IPAddress(new byte[] { 198, 18, 0, (byte)Interlocked.Increment(ref next) }));
    }

    /// <summary>The address of <paramref name="name"/> on the lab, given now if it has none yet.</summary>
    public IPAddress this[string name]
    {
        get
        {
            lock (_byName)
            {
                if (!_byName.TryGetValue(name, out var address)) _byName[name] = address = _allocate();
                return address;
            }
        }
    }

    /// <summary>Whether <paramref name="name"/> has an address yet.</summary>
    public bool Has(string name)
    {
        lock (_byName) return _byName.ContainsKey(name);
    }

    /// <summary>Every name given an address, with it.</summary>
    public IReadOnlyList<KeyValuePair<string, IPAddress>> All
    {
        get
        {
            lock (_byName) return _byName.ToList();
        }
    }
}
