using System.Collections.Generic;
using System.Linq;
using MailDsl.Layers;
using MailDsl.Model;
using MailDsl.Topology;

namespace MailDsl.Rules.Hops
{
    /// <summary>
    /// MAIL1034: mail between two layers (the MX to the mailstore, the relay to the MX) leaves MailDsl's verifying transport,
    /// because a raw Postfix setting replaces the <c>relay_transport</c> or the <c>transport_maps</c> that point at it. The hop
    /// then runs at main.cf's Internet level (<c>may</c> or <c>encrypt</c>), which encrypts without checking the certificate
    /// (or not at all): whoever answers in the next layer's place receives the platform's mail. Read from
    /// <see cref="PlatformHops"/>, the same facts the emitted README draws. SOGo's hops have their own rules (MAIL1031-1033).
    /// </summary>
    internal sealed class UnverifiedHopRule : Rule
    {
        /// <inheritdoc/>
        public override RuleDescriptor Descriptor => RuleCatalog.UnverifiedHop;

        /// <inheritdoc/>
        public override IEnumerable<Finding> Check(PlatformModel platform)
        {
            // Hops whose client is Postfix: from a layer whose hosts run it, as its descriptor says.
            var postfixLayers = PlatformLayers.Of(platform).Where(l => LayerDescriptors.Of(l).Runs(Daemon.Postfix)).Select(l => l.Key).ToList();
            foreach (var hop in PlatformHops.Of(platform))
            {
                if (!hop.BetweenLayers || hop.Origin is null || !postfixLayers.Contains(hop.From.Key)) continue;
                if (hop.Verification is not (HopVerification.NotVerified or HopVerification.NoTls)) continue;
                var how = hop.Verification == HopVerification.NoTls ? "without TLS" : "with " + hop.TlsText + " and no certificate check";
                yield return Report(hop.Origin,
                    $"{hop.From.Name} hands mail to {hop.To.Name} ({hop.Dials}:{hop.Port}, {hop.Purpose}) {how}: this raw Postfix setting takes "
                    + $"the hop off MailDsl's '{Daemons.Postfix.PostfixRenderer.InternalTransport}' transport, which requires TLS and verifies the "
                    + "certificate against the platform's CA and the name dialled. Whoever answers in the next layer's place receives the mail. "
                    + "Remove the setting (MailDsl routes the platform's own domains itself), or point it at "
                    + $"{Daemons.Postfix.PostfixRenderer.InternalTransport}:[{hop.Dials}]:{hop.Port}.");
            }
        }
    }
}
