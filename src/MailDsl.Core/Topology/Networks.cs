using System.Net;

namespace MailDsl.Topology
{
    /// <summary>
    /// Networks as the daemons' trusted-network settings write them (<c>mynetworks</c>, <c>login_trusted_networks</c>,
    /// <c>haproxy_trusted_networks</c>, nginx's <c>set_real_ip_from</c>): one address, or an address and a prefix length
    /// (<c>10.0.0.0/24</c>, <c>2001:db8::/32</c>), read strictly (<see cref="Addresses.Parse"/>).
    /// </summary>
    public static class Networks
    {
        /// <summary>The network <paramref name="text"/> is (an address alone is a network of one), or null when it is neither.</summary>
        public static (IPAddress Address, int Prefix)? Parse(string? text)
        {
            var value = (text ?? "").Trim();
            var slash = value.IndexOf('/');
            var address = Addresses.Parse(slash < 0 ? value : value.Substring(0, slash));
            if (address is null) return null;
            var bits = address.GetAddressBytes().Length * 8;
            if (slash < 0) return (address, bits);
            var prefixText = value.Substring(slash + 1);
            if (prefixText.Length == 0 || prefixText.Length > 3) return null;
            foreach (var c in prefixText)
                if (c < '0' || c > '9') return null;
            var prefix = int.Parse(prefixText, System.Globalization.CultureInfo.InvariantCulture);
            return prefix > bits ? null : (address, prefix);
        }

        /// <summary>Whether the network <paramref name="network"/> contains the address <paramref name="address"/> (same family only).</summary>
        public static bool Contains((IPAddress Address, int Prefix) network, IPAddress address)
        {
            var a = network.Address.GetAddressBytes();
            var b = address.GetAddressBytes();
            if (a.Length != b.Length) return false;
            for (var bit = 0; bit < network.Prefix; bit++)
            {
                var mask = 0x80 >> (bit % 8);
                if ((a[bit / 8] & mask) != (b[bit / 8] & mask)) return false;
            }
            return true;
        }

        /// <summary>How many addresses the network holds beyond one (0 for a single address): whether it is wider than one host.</summary>
        public static bool IsSingleAddress((IPAddress Address, int Prefix) network) => network.Prefix == network.Address.GetAddressBytes().Length * 8;
    }
}
