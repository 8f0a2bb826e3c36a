using System.Collections.Generic;
using System.Linq;
using MailDsl.Directories;
using MailDsl.Model;
using MailDsl.Targets;
using MailDsl.Text;
using MailDsl.Tls.Files;
using MailDsl.Topology;

namespace MailDsl.Daemons.Dovecot
{
    /// <summary>
    /// Dovecot: IMAP and POP3 on mailstore hosts, and the SASL server behind Postfix submission wherever submission
    /// is offered. Debian splits it into dovecot-core and one package per protocol; RHEL ships one package.
    /// </summary>
    public sealed class DovecotModule : DaemonModule
    {
        /// <summary>The module.</summary>
        public static DovecotModule Instance { get; } = new();

        private static readonly Rules.Rule[] OwnRules = { new ProxiedSslNotRequiredRule() };

        private DovecotModule() { }

        /// <inheritdoc/>
        public override IReadOnlyList<Rules.Rule> Rules => OwnRules;

        /// <inheritdoc/>
        public override Daemon Daemon => Daemon.Dovecot;

        /// <inheritdoc/>
        public override string Name => "Dovecot";

        /// <inheritdoc/>
        public override bool RunsOn(HostPlan host) => host.RunsDovecot;

        /// <inheritdoc/>
        public override IEnumerable<Settings.RawValueProblem> RawValueProblems(PlatformModel platform) => DovecotRawValues.Of(platform);

        /// <inheritdoc/>
        public override Settings.RawSettingFacts RawSettings { get; } = new(
            "doveconf refuses the file and Dovecot does not start", "doveconf -d", "doveconf answers 'Unknown setting' and Dovecot does not start");

        /// <inheritdoc/>
        public override IEnumerable<Artifact> Render(PlatformTopology topology, HostPlan host)
        {
            yield return new Artifact(host.Name, DovecotConfRenderer.ConfPath, Artifact.ReadableMode, DovecotConfRenderer.Render(topology, host));
            if (topology.Platform.Directory is not null)
                foreach (var file in DovecotDirectory.Files(topology, DovecotSettings.For(topology.Target.Dovecot), host)) yield return file;
            if (MailstoreBackends.On(host))
                foreach (var file in MailstoreBackends.Files(topology, host)) yield return file;
            // Dovecot has no built-in DH group: without the file it silently drops every DHE suite of the string.
            if (host.Layer<MailstoreLayer>() is { } store && topology.NeedsDhParameters(store))
                yield return DhParameters.Artifact(host.Name);
        }

        /// <inheritdoc/>
        public override IReadOnlyList<string> Packages(TargetFacts target, HostPlan host)
        {
            var store = host.Layer<MailstoreLayer>();
            // RHEL's dovecot package has every protocol and LDAP; SQL drivers and Pigeonhole are apart (reasoned from RHEL's package lists).
            if (target.Family == DistroFamily.Rhel)
            {
                var rhel = new List<string> { "dovecot" };
                if (host.Directory?.Sql is { } sql) rhel.Add(sql.Database.Engine == SqlEngine.MariaDb ? "dovecot-mysql" : "dovecot-pgsql");
                if (host.Directory is not null && store is not null) rhel.Add("dovecot-pigeonhole");
                // RHEL's dovecot is built with Lua (reasoned from its spec's --with-lua); nftables is its own package.
                if (MailstoreBackends.On(host)) rhel.Add("nftables");
                return rhel;
            }
            // A mailstore serves IMAP/POP3; elsewhere Dovecot is only the SASL server behind submission.
            var packages = store is null
                ? new List<string> { "dovecot-core" }
                : new List<string> { "dovecot-core", "dovecot-imapd", "dovecot-pop3d" };
            if (host.Directory is { } directory) packages.AddRange(DovecotDirectory.DebianPackages(directory, store is not null));
            if (store?.Listeners.Any(l => l.Protocol == ServiceProtocol.ManageSieve) == true) packages.Add("dovecot-managesieved");
            // The per-user backend's passdb is Lua (and its LMTP port is kept to the mailstore hosts with nftables).
            if (MailstoreBackends.On(host)) packages.AddRange(new[] { "dovecot-auth-lua", "nftables" });
            return packages;
        }

        /// <inheritdoc/>
        /// <remarks>
        /// With a directory, a mailstore host needs its virtual mail user (the same uid and gid on every host) and the storage
        /// root it owns; on NFS the export must already be mounted there, or the host would fill its own disk instead.
        /// </remarks>
        public override IReadOnlyList<string> Prepare(TargetFacts target, HostPlan host)
        {
            if (host.Directory is null || host.Layer<MailstoreLayer>() is not { } store) return new string[0];
            var s = PlatformDirectory.StorageOf(store);
            var uid = s.Uid.ToString(System.Globalization.CultureInfo.InvariantCulture);
            var gid = s.Gid.ToString(System.Globalization.CultureInfo.InvariantCulture);
            // The name and paths are single-quoted and follow '--' wherever a command takes them: whatever they were, no
            // command could read one as an option (the rules also keep them to useradd's portable names and plain paths).
            var user = ShellText.Quote(s.User);
            var root = ShellText.Quote(s.Root);
            var steps = new List<string>
            {
                $"getent group -- {user} >/dev/null || groupadd -g {gid} -- {user}",
                $"getent passwd -- {user} >/dev/null || useradd -u {uid} -g {gid} -d {root} -M -s /usr/sbin/nologin -- {user}",
                $"[[ $(id -u -- {user}):$(id -g -- {user}) == {uid}:{gid} ]] || {{ echo \"install.sh: \"{user}\" is $(id -u -- {user}):$(id -g -- {user}) here, the platform says {uid}:{gid}: every mailstore host must use the same numbers\" >&2; false; }}",
            };
            if (s.Kind == StorageKind.Nfs)
            {
                steps.Add($"mountpoint -q -- {root} || {{ echo \"install.sh: \"{root}\" is not mounted: mount the NFS export there first (mail would otherwise land on this host's own disk)\" >&2; false; }}");
                steps.Add(UnderTheMount(s.Root));
            }
            // With one backend per user, the auth worker reads the hosts' state lines under the root: others may pass through it.
            steps.Add($"install -d -o {uid} -g {gid} -m {(MailstoreBackends.On(host) ? "0771" : "0770")} -- {root}");
            if (MailstoreBackends.On(host)) steps.AddRange(MailstoreBackends.Prepare(store));
            if (s.IndexPath is { } indexes) steps.Add($"install -d -o {uid} -g {gid} -m 0770 -- {ShellText.Quote(indexes)}");
            return steps;
        }

        /// <summary>
        /// The mount point itself, under the export (seen through a non-recursive bind of the file system that holds it, in a
        /// mount namespace of its own, so the host's mounts are untouched): owned by root and not writable by the mail user, so
        /// if the export goes away later, Dovecot cannot create mailboxes on the host's own disk (mkdir fails, the login or
        /// delivery fails temporarily, Postfix retries).
        /// </summary>
        private static string UnderTheMount(string root)
            => "root=" + ShellText.Quote(root) + "; top=$(findmnt -n -o TARGET --target \"$(dirname \"$root\")\") && under=$(mktemp -d) && { "
               + "unshare --mount --propagation private bash -c 'mount --bind \"$1\" \"$2\" && chown root:root \"$2$3\" && chmod 0755 \"$2$3\"' "
               + "_ \"$top\" \"$under\" \"${root#\"${top%/}\"}\"; rc=$?; rmdir \"$under\"; (exit $rc); }";

        /// <inheritdoc/>
        /// <remarks>With one backend per user: the LMTP port for proxied deliveries answers only the mailstore hosts.</remarks>
        public override IReadOnlyList<HostChange> Changes(TargetFacts target, HostPlan host)
            => MailstoreBackends.On(host) ? new[] { MailstoreBackends.LmtpRestriction(host.Layer<MailstoreLayer>()!).Change() } : new HostChange[0];

        /// <inheritdoc/>
        public override ServiceControl Service(TargetFacts target)
            => new("dovecot", "pgrep -x dovecot", "dovecot", "doveadm reload", "doveadm stop");

        /// <inheritdoc/>
        /// <remarks><c>doveconf -n</c> parses the whole configuration as the daemon will; warnings go to standard error.</remarks>
        public override IReadOnlyList<string> Checks(TargetFacts target, HostPlan host) => new[] { "doveconf -n >/dev/null" };

        /// <inheritdoc/>
        public override IEnumerable<ServedPort> Ports(HostPlan host)
            => host.Layers.SelectMany(l => l.Listeners
                .Where(x => x.Protocol is ServiceProtocol.Imap or ServiceProtocol.Pop3)
                .Select(x => new ServedPort(x.Name, ServedPorts.Dial(l.ListenAddress), x.Port)))
                .Concat(PlatformBalancing.ServedProxyPorts(host, ServiceProtocol.Imap, ServiceProtocol.Pop3));

        /// <inheritdoc/>
        /// <remarks>The emitted dovecot.conf is self-contained: <c>doveconf -n -c</c> reads the new file as the daemon will.</remarks>
        public override string? Validation(TargetFacts target, HostPlan host, Artifact file) => file.Path switch
        {
            DovecotConfRenderer.ConfPath => "/bin/sh -c 'out=$(doveconf -n -c \"$1\" 2>&1 >/dev/null) && [ -z \"$out\" ] && exit 0; echo \"$out\" >&2; exit 1' doveconf %s",
            DhParameters.Path => DhParameters.Validation,
            _ => null,
        };
    }
}
