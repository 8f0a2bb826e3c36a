using System.Collections.Generic;
using System.Linq;
using MailDsl.Layers;
using MailDsl.Model;
using MailDsl.Text;

namespace MailDsl.Rules.Certificates
{
    /// <summary>
    /// MAIL1020: a listener uses TLS (STARTTLS or implicit TLS) but the platform names no certificate, or an
    /// empty path for the certificate or the key. No daemon can offer TLS without both.
    /// </summary>
    internal sealed class MissingCertificateRule : Rule
    {
        private const string Example = ".Certificate(\"/etc/pki/tls/certs/mail.crt\", \"/etc/pki/tls/private/mail.key\")";

        /// <inheritdoc/>
        public override RuleDescriptor Descriptor => RuleCatalog.MissingCertificate;

        /// <inheritdoc/>
        public override IEnumerable<Finding> Check(PlatformModel platform)
        {
            // A layer with its own certificate needs none from the platform.
            var tlsListeners = PlatformLayers.Of(platform).Where(layer => layer.Certificate is null)
                .SelectMany(layer => layer.Listeners.Where(l => l is not null && l.Security != ListenerSecurity.Plain)
                    .Select(l => $"{LayerDescriptors.Of(layer).DisplayName} '{l.Name}' ({l.Port})"))
                .ToList();
            if (tlsListeners.Count == 0) yield break;

            var uses = "these listeners use TLS: " + Listing.Abbreviate(tlsListeners, 6);
            if (platform.Certificate is not { } cert)
            {
                yield return Report(OriginKeys.Platform, $"The platform names no certificate, but {uses}. Without a certificate and its key "
                    + $"the daemons cannot start TLS and refuse to start. Add {Example} with the paths on the hosts.");
                yield break;
            }
            if (string.IsNullOrWhiteSpace(cert.CertificateFile))
                yield return Report(OriginKeys.Platform.Certificate.File, $"The certificate path is empty, but {uses}. The daemons cannot start TLS without it. "
                    + "Write the absolute path of the PEM certificate chain, e.g. /etc/pki/tls/certs/mail.crt.");
            if (string.IsNullOrWhiteSpace(cert.KeyFile))
                yield return Report(OriginKeys.Platform.Certificate.Key, $"The private key path is empty, but {uses}. The daemons cannot start TLS without it. "
                    + "Write the absolute path of the PEM private key, e.g. /etc/pki/tls/private/mail.key.");
        }
    }
}
