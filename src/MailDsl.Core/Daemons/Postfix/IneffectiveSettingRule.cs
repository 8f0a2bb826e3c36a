using System;
using System.Collections.Generic;
using System.Linq;
using MailDsl.Layers;
using MailDsl.Model;
using MailDsl.Rules;
using MailDsl.Topology;

namespace MailDsl.Daemons.Postfix
{
    /// <summary>
    /// MAIL4013: a raw Postfix setting that changes nothing where it is written: the <c>smtpd_tls_mandatory_*</c> family
    /// (ciphers, protocols, exclude_ciphers) while every smtpd on the layer's hosts runs at security level <c>may</c> or
    /// <c>none</c>, and the <c>smtp_tls_mandatory_*</c> family while the SMTP client does. postconf(5): the mandatory
    /// settings apply only to mandatory TLS (encrypt and stronger); under may Postfix uses smtpd_tls_ciphers,
    /// smtpd_tls_protocols and smtpd_tls_exclude_ciphers. The level is the one MailDsl writes (StartTls on SMTP-in,
    /// OutboundTls on SMTP-out, may elsewhere), or a raw *_tls_security_level on the host; a submission listener
    /// (master.cf <c>-o smtpd_tls_security_level=encrypt</c>) or per-destination client policy
    /// (smtp_tls_policy_maps) makes the family count, and the rule stays silent.
    /// </summary>
    internal sealed class IneffectiveSettingRule : Rule
    {
        private static readonly string[] Suffixes = { "ciphers", "protocols", "exclude_ciphers" };

        /// <inheritdoc/>
        public override RuleDescriptor Descriptor => RuleCatalog.IneffectiveSetting;

        /// <inheritdoc/>
        public override IEnumerable<Finding> Check(PlatformModel platform)
        {
            IReadOnlyList<HostPlan>? hosts = null;
            foreach (var layer in PlatformLayers.Of(platform))
            {
                foreach (var (setting, n) in PlatformLayers.NumberedSettings(layer))
                {
                    if (setting.Daemon != Daemon.Postfix || Family(setting.Key) is not { } family) continue;
                    hosts ??= PlatformTopology.Of(platform).Hosts;
                    var sets = hosts.Where(h => h.Layers.Contains(layer)).Select(h => h.Layers).ToList();
                    if (sets.Count == 0) sets.Add(new Layer[] { layer });
                    var levels = sets.Select(set => family.Server ? ServerLevel(set) : ClientLevel(set)).ToList();
                    if (levels.Any(l => l.Mandatory)) continue;
                    var level = levels[0];
                    var plain = (family.Server ? "smtpd_tls_" : "smtp_tls_") + family.Suffix;
                    var side = family.Server ? "SMTP server (smtpd)" : "SMTP client (smtp)";
                    var raise = family.Server
                        ? "or make TLS mandatory with .StartTls(TlsLevel.Encrypt) (not on a public MX: RFC 3207 forbids it there)"
                        : "or make TLS mandatory with .OutboundTls(TlsLevel.Encrypt) (only where every destination speaks TLS)";
                    var message = $"The {LayerDescriptors.Of(layer).DisplayName} Postfix setting '{setting.Key}' has no effect: postconf(5) applies the "
                        + $"{(family.Server ? "smtpd" : "smtp")}_tls_mandatory_* settings only where TLS is mandatory (security level encrypt or stronger), "
                        + $"and this layer's {side} runs at level {level.Name} ({level.Source}), where Postfix uses {plain} instead. "
                        + $"Write '{plain}' to change what level {level.Name} offers, {raise}.";
                    yield return Report(OriginKeys.Of(layer).Setting(setting.Daemon, setting.Key, n).Key, message);
                }
            }
        }

        private sealed record FamilyMember(bool Server, string Suffix);

        private sealed record Level(string Name, string Source, bool Mandatory);

        private static FamilyMember? Family(string? key)
        {
            foreach (var suffix in Suffixes)
            {
                if (key == "smtpd_tls_mandatory_" + suffix) return new FamilyMember(true, suffix);
                if (key == "smtp_tls_mandatory_" + suffix) return new FamilyMember(false, suffix);
            }
            return null;
        }

        // The smtpd level of main.cf on a host with these layers, and whether any smtpd there runs mandatory TLS.
        private static Level ServerLevel(IReadOnlyList<Layer> layers)
        {
            var submission = layers.SelectMany(l => l.Listeners).Any(l => l?.Protocol == ServiceProtocol.Submission);
            if (LastRaw(layers, "smtpd_tls_security_level") is { } raw)
                return new Level(raw, "a raw smtpd_tls_security_level", submission || raw == "encrypt");
            var smtpIn = layers.OfType<SmtpInLayer>().FirstOrDefault();
            var level = smtpIn?.StartTls ?? TlsLevel.May;
            return new Level(Name(level), smtpIn is null ? "MailDsl writes may on a host without an SMTP-in layer" : $"StartTls(TlsLevel.{level})",
                submission || level == TlsLevel.Encrypt);
        }

        // The smtp (client) level of main.cf on a host with these layers, and whether any delivery runs mandatory TLS.
        private static Level ClientLevel(IReadOnlyList<Layer> layers)
        {
            var perDestination = LastRaw(layers, "smtp_tls_policy_maps") is { Length: > 0 } || LastRaw(layers, "smtp_tls_per_site") is { Length: > 0 };
            if (LastRaw(layers, "smtp_tls_security_level") is { } raw)
                return new Level(raw, "a raw smtp_tls_security_level", perDestination || (raw != "may" && raw != "none"));
            var smtpOut = layers.OfType<SmtpOutLayer>().FirstOrDefault();
            // .OutboundDane() writes dane whatever OutboundTls says (MAIL6010), and postconf(5): "For purposes of protocol and
            // cipher selection, the "dane" security level is treated like a "mandatory" TLS security level".
            if (smtpOut?.DaneResolver is not null) return new Level("dane", ".OutboundDane()", true);
            var level = smtpOut?.OutboundTls ?? TlsLevel.May;
            return new Level(Name(level), smtpOut is null ? "MailDsl writes may on a host without an SMTP-out layer" : $"OutboundTls(TlsLevel.{level})",
                perDestination || level == TlsLevel.Encrypt);
        }

        // The value Postfix ends up with: the host's raw settings replace the generated line, the last one winning.
        private static string? LastRaw(IEnumerable<Layer> layers, string key)
            => layers.SelectMany(l => l.RawSettings).LastOrDefault(s => s?.Daemon == Daemon.Postfix && s.Key == key)?.Value?.Trim().ToLowerInvariant();

        private static string Name(TlsLevel level) => level.ToString().ToLowerInvariant();
    }
}
