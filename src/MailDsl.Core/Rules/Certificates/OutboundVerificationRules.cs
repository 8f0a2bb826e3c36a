using System;
using System.Collections.Generic;
using System.Linq;
using MailDsl.Layers;
using MailDsl.Model;
using MailDsl.Rules.Values;
using MailDsl.Topology;

namespace MailDsl.Rules.Certificates
{
    /// <summary>
    /// MAIL6006: DANE with a resolver that is not on the relay. Postfix does not validate DNSSEC itself: it trusts the AD bit
    /// of the resolver resolv.conf names (postconf(5), smtp_dns_support_level), so an answer from a resolver across a network
    /// could be forged on the way, TLSA records and all.
    /// </summary>
    internal sealed class DaneResolverNotLocalRule : Rule
    {
        /// <inheritdoc/>
        public override RuleDescriptor Descriptor => RuleCatalog.DaneResolverNotLocal;

        /// <inheritdoc/>
        public override IEnumerable<Finding> Check(PlatformModel platform)
        {
            // A value that is no address at all is MAIL3xxx's (InvalidListenAddressRule): one mistake, one error.
            if (platform.SmtpOut?.DaneResolver is not { } resolver || InvalidListenAddressRule.Problem(resolver) is not null) yield break;
            if (Addresses.IsLoopback(resolver)) yield break;
            yield return Report(OriginKeys.SmtpOut.OutboundDane.Resolver, "The DANE resolver '" + ValueSafety.Show(resolver) + "' is not a loopback address: "
                + "Postfix trusts its resolver's AD bit (it does not check DNSSEC signatures itself), so answers crossing a network to it could be forged, TLSA records included, "
                + "and unbound would answer other hosts. Write 127.0.0.1 or ::1 (the default): MailDsl installs the validating unbound on each relay host.");
        }
    }

    /// <summary>
    /// MAIL6007 and MAIL6008: raw Postfix settings about outbound DANE that contradict the description. A raw
    /// <c>smtp_tls_security_level = dane</c> (or <c>dane-only</c>) on a host without <c>.OutboundDane()</c> has no validating
    /// resolver: Postfix's DNSSEC lookups then come back unauthenticated and DANE silently degrades to opportunistic TLS
    /// (MAIL6007). With <c>.OutboundDane()</c>, a raw <c>smtp_dns_support_level</c> other than <c>dnssec</c>, a raw
    /// <c>smtp_tls_security_level</c> other than <c>dane</c>/<c>dane-only</c>, or a raw <c>smtp_host_lookup</c> without
    /// <c>dns</c> turns DANE off where the description asks for it (MAIL6008).
    /// </summary>
    internal sealed class RawDaneSettingRule : Rule
    {
        private readonly bool _undone;

        public RawDaneSettingRule(bool undone) => _undone = undone;

        /// <inheritdoc/>
        public override RuleDescriptor Descriptor => _undone ? RuleCatalog.DaneUndone : RuleCatalog.DaneWithoutResolver;

        /// <inheritdoc/>
        public override IEnumerable<Finding> Check(PlatformModel platform)
        {
            foreach (var (layer, setting, key, hosts) in RawPostfixSettings.Of(platform, "smtp_tls_security_level", "smtp_dns_support_level", "smtp_host_lookup"))
            {
                var value = (setting.Value ?? "").Trim().ToLowerInvariant();
                var withDane = hosts.Any(h => h.Layer<SmtpOutLayer>()?.DaneResolver is not null) || (layer is SmtpOutLayer { DaneResolver: not null });
                var where = LayerDescriptors.Of(layer).DisplayName;
                if (!_undone && !withDane && setting.Key == "smtp_tls_security_level" && value is "dane" or "dane-only")
                    yield return Report(key, $"The {where} Postfix setting 'smtp_tls_security_level = {ValueSafety.Show(setting.Value ?? "")}' asks for DANE on a host with no DNSSEC-validating resolver: "
                        + "Postfix trusts its resolver's AD bit, and without a validating resolver on the host every TLSA lookup comes back unauthenticated, so DANE silently falls back to opportunistic TLS. "
                        + "Remove the raw setting and write .OutboundDane() on the SMTP-out layer: MailDsl installs unbound and writes the DANE settings.");
                if (_undone && withDane && Undoes(setting.Key, value) is { } why)
                    yield return Report(key, $"The {where} Postfix setting '{setting.Key} = {ValueSafety.Show(setting.Value ?? "")}' undoes .OutboundDane(): {why}. "
                        + "Remove the raw setting: .OutboundDane() writes smtp_dns_support_level = dnssec, smtp_host_lookup = dns and smtp_tls_security_level = dane.");
            }
        }

        private static string? Undoes(string key, string value) => key switch
        {
            "smtp_dns_support_level" when value != "dnssec" => "DANE needs smtp_dns_support_level = dnssec (postconf(5)); with any other level Postfix asks for no DNSSEC, finds no secure TLSA records and never verifies",
            "smtp_tls_security_level" when value is not ("dane" or "dane-only") => "at level " + value + " Postfix ignores TLSA records",
            "smtp_host_lookup" when !value.Split(new[] { ',', ' ', '\t' }, StringSplitOptions.RemoveEmptyEntries).Contains("dns") => "without dns lookups (native is the system resolver's gethostbyname) Postfix has no DNSSEC status for the MX addresses and does no DANE",
            _ => null,
        };
    }

    /// <summary>
    /// MAIL6010: <c>.OutboundTls(level)</c> beside <c>.OutboundDane()</c>. Postfix has one <c>smtp_tls_security_level</c>, and
    /// DANE needs it to be <c>dane</c>, which MailDsl writes; postconf(5) on that level: "When DNSSEC-validated TLSA records are
    /// not found the effective tls security level is may". So <c>encrypt</c> written beside DANE would not be mandatory for
    /// most of the Internet (the promise it makes is broken, hence an error), and <c>none</c> would not turn TLS off.
    /// <c>may</c> is what dane falls back to, so it changes nothing and is not reported (the model cannot tell it from the default).
    /// </summary>
    internal sealed class OutboundTlsUnderDaneRule : Rule
    {
        /// <inheritdoc/>
        public override RuleDescriptor Descriptor => RuleCatalog.OutboundTlsUnderDane;

        /// <inheritdoc/>
        public override IEnumerable<Finding> Check(PlatformModel platform)
        {
            if (platform.SmtpOut is not { DaneResolver: not null } relay || relay.OutboundTls == TlsLevel.May) yield break;
            const string Dane = "Postfix has one smtp_tls_security_level, and .OutboundDane() sets it to dane";
            yield return Report(OriginKeys.SmtpOut.OutboundTls, relay.OutboundTls == TlsLevel.Encrypt
                ? "OutboundTls(TlsLevel.Encrypt) is not what Postfix does beside .OutboundDane(): " + Dane + ", and at that level \"when DNSSEC-validated TLSA records are not found "
                    + "the effective tls security level is may\" (postconf(5), smtp_tls_security_level), so mail to every destination without TLSA records may still go in plaintext, "
                    + "not with the mandatory TLS written here. Remove .OutboundTls(TlsLevel.Encrypt) to keep DANE (verified where TLSA records are published, opportunistic elsewhere), "
                    + "or remove .OutboundDane() where every destination must be encrypted (postconf(5) calls encrypt no appropriate default for mail to the Internet)."
                : "OutboundTls(TlsLevel." + relay.OutboundTls + ") is not what Postfix does beside .OutboundDane(): " + Dane + ", which uses TLS wherever a server offers it "
                    + "and requires a matching certificate where TLSA records are published (postconf(5), smtp_tls_security_level), so TLS is not turned off as written here. "
                    + "Remove .OutboundTls(TlsLevel." + relay.OutboundTls + ") to keep DANE, or remove .OutboundDane().");
        }
    }

    /// <summary>The raw Postfix settings the outbound-verification rules read, each with its origin key and the hosts of its layer.</summary>
    internal static class RawPostfixSettings
    {
        /// <summary>Every raw Postfix setting named one of <paramref name="names"/>, in description order; the topology is built only when one is there.</summary>
        public static IEnumerable<(Layer Layer, RawSetting Setting, string Key, IReadOnlyList<HostPlan> Hosts)> Of(PlatformModel platform, params string[] names)
        {
            IReadOnlyList<HostPlan>? all = null;
            foreach (var layer in PlatformLayers.Of(platform))
                foreach (var (setting, n) in PlatformLayers.NumberedSettings(layer))
                {
                    if (setting.Daemon != Daemon.Postfix || Array.IndexOf(names, setting.Key) < 0) continue;
                    all ??= PlatformTopology.Of(platform).Hosts;
                    yield return (layer, setting, OriginKeys.Of(layer).Setting(setting.Daemon, setting.Key, n).Value, all.Where(h => h.Layers.Contains(layer)).ToList());
                }
        }
    }
}
