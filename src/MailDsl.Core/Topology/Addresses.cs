using System;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace MailDsl.Topology
{
    /// <summary>
    /// IP addresses as the description writes them, read strictly: an IPv4 address is four decimal numbers 0-255 without
    /// leading zeros (inet_aton would read <c>127.1</c>, <c>0x7f.1</c> or <c>010.0.0.1</c> as other addresses); an IPv6
    /// address is what <see cref="IPAddress"/> parses, without a zone or brackets. Whether a host is the dialling host itself
    /// is decided here, by parsing, never by a prefix of a name: <c>127.evil.example</c> is a name like any other.
    /// </summary>
    public static class Addresses
    {
        /// <summary>The address <paramref name="text"/> is, or null when it is not exactly one IPv4 or IPv6 address.</summary>
        public static IPAddress? Parse(string? text)
        {
            if (string.IsNullOrEmpty(text)) return null;
            var value = text!;
            if (value.IndexOf(':') >= 0)
            {
                // A zone ("fe80::1%eth0") names an interface of one host; brackets belong to URLs, not to the address.
                if (value.IndexOf('%') >= 0 || value.IndexOf('[') >= 0 || value.IndexOf(']') >= 0) return null;
                return IPAddress.TryParse(value, out var v6) && v6.AddressFamily == AddressFamily.InterNetworkV6 ? v6 : null;
            }
            var parts = value.Split('.');
            if (parts.Length != 4) return null;
            var bytes = new byte[4];
            for (var i = 0; i < 4; i++)
            {
                var part = parts[i];
                if (part.Length == 0 || part.Length > 3 || (part.Length > 1 && part[0] == '0')) return null;
                foreach (var c in part)
                    if (c < '0' || c > '9') return null;
                var n = int.Parse(part, CultureInfo.InvariantCulture);
                if (n > 255) return null;
                bytes[i] = (byte)n;
            }
            return new IPAddress(bytes);
        }

        /// <summary>Whether <paramref name="text"/> is an IPv4 or IPv6 address (see <see cref="Parse"/>).</summary>
        public static bool IsAddress(string? text) => Parse(text) is not null;

        /// <summary>Whether <paramref name="text"/> is an IPv6 address, which a URL must bracket.</summary>
        public static bool IsIPv6(string? text) => Parse(text) is { AddressFamily: AddressFamily.InterNetworkV6 };

        /// <summary>
        /// Whether <paramref name="host"/> is the dialling host itself: the name <c>localhost</c> (any case, with or without
        /// the root's dot), an address in 127.0.0.0/8, or ::1 (written bare or in URL brackets). Nothing crosses a network there.
        /// </summary>
        public static bool IsLoopback(string? host)
        {
            var h = (host ?? "").Trim();
            if (h.Length > 1 && h[0] == '[' && h[h.Length - 1] == ']') h = h.Substring(1, h.Length - 2);
            if (h.Equals("localhost", StringComparison.OrdinalIgnoreCase) || h.Equals("localhost.", StringComparison.OrdinalIgnoreCase)) return true;
            return Parse(h) is { } address && IPAddress.IsLoopback(address);
        }

        /// <summary>Whether <paramref name="address"/> (already an address) binds every address of its family: 0.0.0.0 or ::.</summary>
        public static bool IsUnspecified(IPAddress address) => address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any);

        /// <summary>Whether daemons told to listen on <paramref name="listen"/> bind every address: none written, 0.0.0.0 or ::.</summary>
        public static bool BindsEvery(string? listen) => string.IsNullOrEmpty(listen) || Parse(listen) is { } address && IsUnspecified(address);
    }
}
