using System.Collections.Generic;
using System.Globalization;
using MailDsl.Model;
using MailDsl.Targets;
using MailDsl.Topology;

namespace MailDsl.Daemons.MtaSts
{
    /// <summary>
    /// postfix-mta-sts-resolver on a relay that verifies destinations with MTA-STS (<c>.OutboundMtaSts()</c>): mta-sts-daemon
    /// on loopback fetches each destination's policy (RFC 8461) and answers Postfix's socketmap lookup
    /// (<c>smtp_tls_policy_maps = socketmap:inet:127.0.0.1:PORT:postfix</c>) with <c>secure match=...</c> for a policy in
    /// enforce mode. Debian 12 and 13 package it (1.1.2 and 1.4; seen) with the unit <c>postfix-mta-sts-resolver</c>; it has
    /// no configuration checker of its own, so the check loads the file with its own loader.
    /// </summary>
    public sealed class MtaStsResolverModule : DaemonModule
    {
        /// <summary>The module.</summary>
        public static MtaStsResolverModule Instance { get; } = new();

        private MtaStsResolverModule() { }

        // The files beside this one: mta-sts-daemon.yml (its settings, the same on every relay but for the port) and the DANE-first lookup.
        private const string Resources = "MailDsl.Daemons.MtaSts/";

        /// <summary>Where the package's unit and init script read the daemon's configuration.</summary>
        public const string ConfPath = "/etc/mta-sts-daemon.yml";

        /// <inheritdoc/>
        public override Daemon Daemon => Daemon.MtaStsResolver;

        /// <inheritdoc/>
        public override string Name => "postfix-mta-sts-resolver";

        /// <summary>mta-sts-daemon's port on <paramref name="host"/>, or null where the host does not verify with MTA-STS.</summary>
        public static int? PortOn(HostPlan host) => host.Layer<SmtpOutLayer>()?.MtaStsResolverPort;

        /// <summary>The lookup table Postfix names in smtp_tls_policy_maps to ask mta-sts-daemon on <paramref name="port"/>.</summary>
        public static string PolicyMap(int port) => "socketmap:inet:127.0.0.1:" + port.ToString(CultureInfo.InvariantCulture) + ":postfix";

        /// <summary>
        /// Whether the Postfix lookup table <paramref name="table"/> asks a postfix-mta-sts-resolver: a socketmap whose name is
        /// <c>postfix</c>, the name its README and <see cref="PolicyMap"/> give it (the Postfix value grammar refuses a raw one, MAIL3001).
        /// </summary>
        public static bool IsPolicyMap(string table)
            => table.StartsWith("socketmap:", System.StringComparison.OrdinalIgnoreCase) && table.EndsWith(":postfix", System.StringComparison.Ordinal);

        /// <inheritdoc/>
        public override bool RunsOn(HostPlan host) => PortOn(host) is not null;

        /// <summary>Where the DANE-first lookup (<c>maildsl-dane-first.sh</c>) is installed on a relay with DANE and MTA-STS.</summary>
        public const string DaneFirstPath = "/usr/local/lib/maildsl/maildsl-dane-first.sh";

        /// <summary>
        /// The loopback port Postfix's spawn serves the DANE-first lookup on, for <paramref name="relay"/>: the one after
        /// mta-sts-daemon's; null unless the relay verifies with DANE and MTA-STS both.
        /// </summary>
        public static int? DaneFirstPort(SmtpOutLayer relay) => relay is { DaneResolver: not null, MtaStsResolverPort: { } port } ? port + 1 : null;

        /// <summary><see cref="DaneFirstPort"/> of <paramref name="host"/>'s relay layer; null on a host without one.</summary>
        public static int? DaneFirstPortOn(HostPlan host) => host.Layer<SmtpOutLayer>() is { } relay ? DaneFirstPort(relay) : null;

        /// <summary>
        /// smtp_tls_policy_maps on <paramref name="host"/>: the DANE-first lookup, where the host also verifies with DANE (RFC 8461
        /// section 2: DANE wins where a destination has TLSA records), then mta-sts-daemon's socketmap.
        /// </summary>
        public static string PolicyMaps(HostPlan host)
            => (DaneFirstPortOn(host) is { } first ? "tcp:127.0.0.1:" + first.ToString(CultureInfo.InvariantCulture) + ", " : "") + PolicyMap(PortOn(host)!.Value);

        /// <summary>
        /// The master.cf line of the DANE-first lookup on <paramref name="host"/>, or null without one: spawn runs the script
        /// as nobody for each connection from Postfix's tcp_table client, with the validating resolver's address.
        /// </summary>
        public static string? DaneFirstService(HostPlan host)
            => DaneFirstPortOn(host) is { } port
                ? "127.0.0.1:" + port.ToString(CultureInfo.InvariantCulture) + " inet n n n - 0 spawn user=nobody argv=/bin/bash " + DaneFirstPath + " " + host.Layer<SmtpOutLayer>()!.DaneResolver
                : null;

        /// <inheritdoc/>
        public override IEnumerable<Artifact> Render(PlatformTopology topology, HostPlan host)
        {
            yield return new Artifact(host.Name, ConfPath, Artifact.ReadableMode, Text.EmbeddedText.Fill(Resources + "mta-sts-daemon.yml",
                ("HOST", host.Name), ("PORT", PortOn(host)!.Value.ToString(CultureInfo.InvariantCulture))));
            if (DaneFirstPortOn(host) is not null)
                yield return new Artifact(host.Name, DaneFirstPath, Artifact.ExecutableMode, Text.EmbeddedText.Read(Resources + "maildsl-dane-first.sh"));
        }

        /// <inheritdoc/>
        /// <remarks>With DANE too, the DANE-first lookup's dig (Debian's bind9-dnsutils, RHEL's bind-utils).</remarks>
        public override IReadOnlyList<string> Packages(TargetFacts target, HostPlan host)
            => DaneFirstPortOn(host) is null ? new[] { "postfix-mta-sts-resolver" }
                : new[] { "postfix-mta-sts-resolver", target.Family == DistroFamily.Rhel ? "bind-utils" : "bind9-dnsutils" };

        /// <inheritdoc/>
        /// <remarks>Without systemd, the package's own init script (start-stop-daemon with a pid file).</remarks>
        public override ServiceControl Service(TargetFacts target)
            => new("postfix-mta-sts-resolver", "pgrep -x mta-sts-daemon", "/etc/init.d/postfix-mta-sts-resolver start",
                "/etc/init.d/postfix-mta-sts-resolver restart", "/etc/init.d/postfix-mta-sts-resolver stop") { Reloads = false };

        /// <inheritdoc/>
        /// <remarks>The daemon's own loader (postfix_mta_sts_resolver.utils.load_config), which it runs when it starts.</remarks>
        public override IReadOnlyList<string> Checks(TargetFacts target, HostPlan host)
            => new[] { LoadConfig + " " + ConfPath };

        /// <inheritdoc/>
        /// <remarks>Its cache folder, which the package makes for its own user; made again where it is missing.</remarks>
        public override IReadOnlyList<HostChange> Changes(TargetFacts target, HostPlan host) => new[]
        {
            new HostChange("make mta-sts-daemon's cache folder /var/lib/mta-sts", "[[ ! -d /var/lib/mta-sts ]]", "install -d -m 0755 /var/lib/mta-sts", new[] { "/var/lib/mta-sts" }),
        };

        /// <inheritdoc/>
        public override IEnumerable<ServedPort> Ports(HostPlan host) => new[] { new ServedPort("policy", "127.0.0.1", PortOn(host)!.Value) };

        /// <inheritdoc/>
        public override string? Validation(TargetFacts target, HostPlan host, Artifact file)
            => file.Path == ConfPath ? LoadConfig + " %s" : null;

        // The daemon's own configuration loader, run by the distro's python3 (the one the package installs into), on one file.
        private const string LoadConfig = "/usr/bin/python3 -c 'import sys; from postfix_mta_sts_resolver.utils import load_config; load_config(sys.argv[1])'";
    }
}
