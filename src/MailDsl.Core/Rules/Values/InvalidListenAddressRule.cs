using System.Collections.Generic;
using System.Globalization;
using MailDsl.Layers;
using MailDsl.Model;

namespace MailDsl.Rules.Values
{
    /// <summary>
    /// MAIL3005: a layer's listen address (<c>ListenOn</c>) that is not exactly one IPv4 or IPv6 address. The same
    /// text goes into Postfix's <c>inet_interfaces</c> (which takes a list, and names), Dovecot's <c>listen</c>
    /// (a list), nginx's <c>listen</c> (which takes a port too) and master.cf's service names, so a list, a name, a
    /// port, a zone or brackets would make some daemon bind every address or refuse to start.
    /// </summary>
    internal sealed class InvalidListenAddressRule : Rule
    {
        /// <inheritdoc/>
        public override RuleDescriptor Descriptor => RuleCatalog.InvalidListenAddress;

        /// <inheritdoc/>
        public override IEnumerable<Finding> Check(PlatformModel platform)
        {
            foreach (var layer in PlatformLayers.Of(platform))
            {
                if (layer.ListenAddress is not { } address) continue;
                if (Problem(address) is not { } why) continue;
                yield return Report(OriginKeys.Of(layer).ListenAddress,
                    $"The {LayerDescriptors.Of(layer).DisplayName} listen address '{ValueSafety.Show(address)}' is not one IP address: {why}. "
                    + "Postfix, Dovecot and nginx would each read it differently, and some would bind every address. "
                    + "Write one IPv4 address such as 192.0.2.10 or one IPv6 address such as 2001:db8::10, or leave ListenOn out to bind all addresses.");
            }
            if (platform.SmtpOut?.DaneResolver is { } resolver && Problem(resolver) is { } problem)
                yield return Report(OriginKeys.SmtpOut.OutboundDane.Resolver,
                    $"The DANE resolver address '{ValueSafety.Show(resolver)}' is not one IP address: {problem}. unbound listens on it and resolv.conf names it, "
                    + "and each would read it differently. Write 127.0.0.1 or ::1, or leave the argument out for 127.0.0.1.");
        }

        /// <summary>Why <paramref name="value"/> is not one plain IP address, or null when it is.</summary>
        internal static string? Problem(string value)
        {
            if (value.Length == 0) return "it is empty";
            foreach (var c in value)
            {
                if (c == ',' || c == ' ' || c == '\t') return "it is a list (one address per layer)";
                if (c == '%') return "it has a zone ('%'), which only link-local addresses need and which the daemons do not all read";
                if (c == '[' || c == ']') return "it has brackets; write the bare IPv6 address";
                if (c == '/') return "it is a network, not an address";
            }
            if (value.IndexOf(':') >= 0)
                return System.Net.IPAddress.TryParse(value, out var v6) && v6.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6
                    ? null
                    : (value.IndexOf('.') >= 0 && value.LastIndexOf(':') > value.LastIndexOf('.') ? "it has a port; the layer's listeners say the ports" : "it is not an IPv6 address");
            foreach (var c in value)
                if ((c < '0' || c > '9') && c != '.') return "it is a name or an option, not an address";
            var parts = value.Split('.');
            if (parts.Length != 4) return "an IPv4 address has four numbers separated by dots";
            foreach (var part in parts)
            {
                if (part.Length == 0 || part.Length > 3) return "an IPv4 address has four numbers separated by dots";
                // A leading zero reads as octal to some parsers (inet_aton: 010 is 8) and as decimal to others.
                if (part.Length > 1 && part[0] == '0') return $"'{part}' has a leading zero, which some parsers read as octal";
                if (int.Parse(part, CultureInfo.InvariantCulture) > 255) return $"'{part}' is more than 255";
            }
            return null;
        }
    }
}
