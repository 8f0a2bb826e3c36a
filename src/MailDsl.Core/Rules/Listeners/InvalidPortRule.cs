using System.Collections.Generic;
using MailDsl.Layers;
using MailDsl.Model;

namespace MailDsl.Rules.Listeners
{
    /// <summary>MAIL2003: a listener's port is outside 1..65535, so no daemon can bind it.</summary>
    internal sealed class InvalidPortRule : Rule
    {
        /// <summary>The highest TCP port.</summary>
        public const int MaxPort = 65535;

        /// <inheritdoc/>
        public override RuleDescriptor Descriptor => RuleCatalog.InvalidPort;

        /// <inheritdoc/>
        public override IEnumerable<Finding> Check(PlatformModel platform)
        {
            foreach (var layer in PlatformLayers.Of(platform))
            {
                foreach (var listener in PlatformLayers.BoundPorts(layer))
                {
                    if (IsValid(listener.Port)) continue;
                    var message = $"The {LayerDescriptors.Of(layer).DisplayName} {listener.Described} has port {listener.Port}, "
                        + $"but a TCP port is a number from 1 to {MaxPort}: the daemon would refuse the configuration and not start. "
                        + (listener.Advice ?? "Write a port in that range, e.g. the protocol's standard one.");
                    yield return Report(listener.KeyIn(layer), message);
                }
            }
        }

        /// <summary>Whether <paramref name="port"/> is a TCP port a daemon can bind.</summary>
        public static bool IsValid(int port) => port >= 1 && port <= MaxPort;
    }
}
