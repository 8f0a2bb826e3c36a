using System.Collections.Generic;
using MailDsl.Layers;
using MailDsl.Model;

namespace MailDsl.Rules.Listeners
{
    /// <summary>
    /// MAIL2001: a listener lets clients send passwords (LOGIN, AUTH PLAIN) but has no TLS at all, like the
    /// guide's <c>imap-nopass</c> listener on port 144: every password crosses the network in the clear.
    /// The finding carries both fixes: turn plaintext logins off, or protect the listener with implicit TLS.
    /// </summary>
    internal sealed class PlaintextAuthWithoutTlsRule : Rule
    {
        /// <inheritdoc/>
        public override RuleDescriptor Descriptor => RuleCatalog.PlaintextAuthWithoutTls;

        /// <inheritdoc/>
        public override IEnumerable<Finding> Check(PlatformModel platform)
        {
            foreach (var layer in PlatformLayers.Of(platform))
            {
                foreach (var listener in layer.Listeners)
                {
                    if (listener is null || !listener.AllowPlaintextAuth || listener.Security != ListenerSecurity.Plain) continue;
                    var message = $"The {LayerDescriptors.Of(layer).DisplayName} listener '{listener.Name}' on port {listener.Port} accepts plaintext logins "
                        + "(allowPlaintextAuth: true) but has no TLS (ListenerSecurity.Plain): every password sent to it crosses the network in the clear. "
                        + "Write allowPlaintextAuth: false, or protect it with ListenerSecurity.ImplicitTls (or StartTls, which refuses logins until TLS is up).";
                    yield return Report(OriginKeys.Of(layer).Listener(listener.Name).Auth, message) with
                    {
                        Properties = EquatableArray.Of(
                            new FindingProperty(FixProperties.ParameterName, "allowPlaintextAuth"),
                            new FindingProperty(FixProperties.ParameterValue, "false"),
                            new FindingProperty(FixProperties.SecurityValue, "ListenerSecurity.ImplicitTls")),
                    };
                }
            }
        }
    }
}
