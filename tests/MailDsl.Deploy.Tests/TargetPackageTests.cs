using MailDsl.Daemons;
using MailDsl.Daemons.Nginx;
using MailDsl.Daemons.Sogo;
using MailDsl.Deploy.Tests.Support;
using MailDsl.Install;
using MailDsl.Model;
using MailDsl.Render;
using MailDsl.TestPlatform;
using MailDsl.Targets;
using MailDsl.Topology;
using Xunit;

namespace MailDsl.Deploy.Tests;

/// <summary>
/// The service names, packages and paths install.sh and the Ansible role use come from the daemon modules for the
/// target; here they are held to the packages installed on each target that runs here (Debian 12 on this machine,
/// Debian 13 in its root), read from that system's own dpkg database and files.
/// </summary>
public abstract class TargetPackageTests
{
    private Distro Target => DeployFactDiscoverer.TargetOf(GetType());

    private TargetFacts Facts => TargetTable.Of(Target);

    /// <summary>Every daemon on one host, and a relay whose Dovecot is only the SASL server (another package set).</summary>
    private IEnumerable<HostPlan> Hosts()
    {
        var ports = LoopbackPorts.PickFree();
        yield return PlatformTopology.Of(DeployPlatforms.DescribeAllInOne(Target, ports).Build()).Hosts.Single();
        yield return PlatformTopology.Of(DeployPlatforms.DescribeLayers(Target, ports).Build()).Hosts.Single(h => h.Name == DeployPlatforms.Relay);
    }

    /// <summary>The same two hosts with a directory: LDAP, or a table in MariaDB or PostgreSQL (each its own drivers), with the description's topology.</summary>
    private IEnumerable<(string Directory, PlatformTopology Topology, HostPlan Host)> HostsWithDirectories()
    {
        var ports = LoopbackPorts.PickFree();
        var described = new (string, Platform, string)[]
        {
            ("LDAP", DeployPlatforms.DescribeAllInOneWithSecrets(Target, ports), DeployPlatforms.AllInOne),
            ("MariaDB", DeployPlatforms.DescribeSqlDirectory(Target, ports, SqlEngine.MariaDb, oneHostPerLayer: false), DeployPlatforms.AllInOne),
            ("MariaDB", DeployPlatforms.DescribeSqlDirectory(Target, ports, SqlEngine.MariaDb, oneHostPerLayer: true), DeployPlatforms.Relay),
            ("PostgreSQL", DeployPlatforms.DescribeSqlDirectory(Target, ports, SqlEngine.PostgreSql, oneHostPerLayer: false), DeployPlatforms.AllInOne),
            ("PostgreSQL", DeployPlatforms.DescribeSqlDirectory(Target, ports, SqlEngine.PostgreSql, oneHostPerLayer: true), DeployPlatforms.Relay),
        };
        foreach (var (directory, platform, host) in described)
        {
            var model = platform.Build();
            var errors = MailDsl.Rules.RuleSet.Check(model).Where(f => f.Severity == MailDsl.Rules.Severity.Error).ToList();
            Assert.True(errors.Count == 0, $"the {directory} description is refused: " + string.Join("; ", errors.Select(f => f.RuleId + " " + f.Message)));
            var topology = PlatformTopology.Of(model);
            yield return (directory, topology, topology.Hosts.Single(h => h.Name == host));
        }
    }

    [DeployFact]
    public void Every_package_a_host_with_a_directory_installs_is_the_targets_own_and_installed_there()
    {
        foreach (var (directory, _, host) in HostsWithDirectories())
            foreach (var module in DaemonModules.On(host))
                foreach (var package in module.Packages(Facts, host))
                {
                    var status = Dpkg("-W", "-f=${Status}", package);
                    Assert.True(status.Output == "install ok installed",
                        $"{module.Name} on {host.Name} ({directory} directory) on {Facts.DisplayName}: package {package}: {status} (scripts/install-deps.sh and scripts/debian13-root.sh install what the tests need)");
                }
    }

    /// <summary>
    /// Postfix and Dovecot open a SQL table through a driver of their own for its engine (mysql for MariaDB, pgsql for
    /// PostgreSQL): the target's shared object of each (Postfix's dynamically loaded table, Dovecot's auth driver), as its
    /// dpkg database knows them, is shipped by a package the host installs.
    /// </summary>
    [DeployFact]
    public void The_SQL_drivers_the_files_name_are_shipped_by_packages_the_host_installs()
    {
        foreach (var (directory, topology, host) in HostsWithDirectories().Where(h => h.Directory != "LDAP"))
        {
            var driver = directory == "MariaDB" ? "mysql" : "pgsql";
            var files = DaemonModules.On(host).SelectMany(m => m.Render(topology, host)).ToList();
            Assert.Contains(files, f => f.Path == "/etc/postfix/main.cf" && f.Content.Contains("proxy:" + driver + ":", StringComparison.Ordinal));
            Assert.Contains(files, f => f.Path.StartsWith("/etc/dovecot/", StringComparison.Ordinal) && f.Content.Contains(driver, StringComparison.Ordinal));
            foreach (var (daemon, library) in new[] { (Daemon.Postfix, "/usr/lib/postfix/postfix-" + driver + ".so"), (Daemon.Dovecot, "/usr/lib/dovecot/modules/auth/libdriver_" + driver + ".so") })
            {
                var owner = Dpkg("-S", library);
                Assert.True(owner.Succeeded, $"{directory} on {Facts.DisplayName}: no package of the target ships {library} (scripts/install-deps.sh and scripts/debian13-root.sh install what the tests need):\n{owner}");
                var package = owner.Output.Split(':')[0].Trim();
                var module = DaemonModules.On(host).Single(m => m.Daemon == daemon);
                Assert.True(module.Packages(Facts, host).Contains(package),
                    $"{host.Name} ({directory} directory) on {Facts.DisplayName}: {library} comes from {package}, which {module.Name}'s packages for the host leave out: {string.Join(", ", module.Packages(Facts, host))}");
            }
        }
    }

    [DeployFact]
    public void Every_package_a_host_installs_is_the_targets_own_and_installed_there()
    {
        foreach (var host in Hosts())
            foreach (var module in DaemonModules.On(host))
                foreach (var package in module.Packages(Facts, host))
                {
                    var status = Dpkg("-W", "-f=${Status}", package);
                    Assert.True(status.Output == "install ok installed", $"{module.Name} on {Facts.DisplayName}: package {package}: {status}");
                }
    }

    [DeployFact]
    public void Every_unit_is_shipped_by_the_daemons_packages_and_reloads_as_the_module_says()
    {
        var host = Hosts().First();
        foreach (var module in DaemonModules.On(host))
        {
            var service = module.Service(Facts);
            // Shipped by one of the module's packages or a package they depend on (Debian's nginx.service is nginx-common's).
            var packages = module.Packages(Facts, host).ToList();
            var installed = packages.Concat(packages.SelectMany(p => Dpkg("-W", "-f=${Depends}", p).Output.Split(',')
                .Select(d => d.Trim().Split(' ')[0]))).ToHashSet();
            var owners = Dpkg("-S", "*/systemd/system/" + service.Unit + ".service");
            var shipped = owners.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries)
                .Select(l => l.Split(": ", 2)).Where(p => p.Length == 2 && p[1].EndsWith("/systemd/system/" + service.Unit + ".service", StringComparison.Ordinal)
                    && p[0].Split(", ").Any(installed.Contains))
                .Select(p => p[1]).Distinct().ToList();
            Assert.True(shipped.Count == 1, $"{module.Name} on {Facts.DisplayName}: {service.Unit}.service is not shipped by {string.Join(", ", installed)}:\n{owners}");
            var unit = File.ReadAllText(OnTarget(shipped[0]));
            // systemctl reload works only on a unit with ExecReload; install.sh restarts the others.
            Assert.True(service.Reloads == unit.Contains("\nExecReload=", StringComparison.Ordinal),
                $"{service.Unit}.service on {Facts.DisplayName}: Reloads is {service.Reloads}, the unit {(service.Reloads ? "has no" : "has an")} ExecReload:\n{unit}");
        }
    }

    // The controls install.sh uses without systemd (start, reload, restart, stop) are run for real on both targets by
    // AllInOneTests; here, the checks and the programs they run.
    [DeployFact]
    public void Every_check_runs_a_program_of_the_target_and_every_daemon_log_is_in_a_folder_there()
    {
        var host = Hosts().First();
        foreach (var module in DaemonModules.On(host))
        {
            var service = module.Service(Facts);
            foreach (var command in module.Checks(Facts, host).Concat(service.RestartWhen is { } r ? new[] { r } : Array.Empty<string>()))
            {
                var program = command.Split(' ')[0];
                Assert.True(TargetSystems.Locate(Target, program) is not null, $"{module.Name} on {Facts.DisplayName}: '{command}' runs {program}, which is not there");
            }
            if (service.Log is { } log)
                Assert.True(Directory.Exists(OnTarget(Path.GetDirectoryName(log)!)), $"{module.Name}: the folder of its log {log} is not on {Facts.DisplayName}");
        }
    }

    [DeployFact]
    public void Every_emitted_file_goes_to_a_folder_the_targets_packages_ship_with_a_group_that_exists()
    {
        var topology = PlatformTopology.Of(DeployPlatforms.DescribeAllInOne(Target, LoopbackPorts.PickFree()).Build());
        var groups = File.ReadAllLines(OnTarget("/etc/group")).Select(l => l.Split(':')[0]).ToHashSet();
        foreach (var file in HostFiles.Of(topology, topology.Hosts.Single()))
        {
            var folder = Path.GetDirectoryName(file.Path)!;
            // install.sh makes MailDsl's own folder (the DH group's); every other is the daemon's, from its package.
            if (folder != "/etc/ssl/maildsl")
                Assert.True(Dpkg("-S", folder).Succeeded, $"{file.Path} on {Facts.DisplayName}: no package ships {folder}");
            Assert.Contains(file.Artifact.Group, groups);
        }
        // Where nginx serves SOGo's resources from is in the sogo package of the target.
        var sogo = SogoModule.Paths(Facts);
        foreach (var path in new[] { sogo.Bundles, sogo.WebServerResources })
        {
            var owner = Dpkg("-S", path);
            Assert.True(owner.Succeeded && owner.Output.StartsWith("sogo", StringComparison.Ordinal), $"{path} on {Facts.DisplayName}: {owner}");
        }
        // The default site install.sh disables is there on a fresh system of the target.
        Assert.True(File.Exists(OnTarget(NginxModule.DefaultSite)) || new FileInfo(OnTarget(NginxModule.DefaultSite)).LinkTarget is not null,
            $"{NginxModule.DefaultSite} is not on a fresh {Facts.DisplayName}");
    }

    // The path as this machine sees the target's file.
    private string OnTarget(string path) => (TargetSystems.RootOf(Target) ?? "") + path;

    // dpkg-query on the target's own package database.
    private CommandResult Dpkg(params string[] args)
    {
        var root = TargetSystems.RootOf(Target);
        return Command.Run("dpkg-query", root is null ? args : args.Prepend("--admindir=" + root + "/var/lib/dpkg").ToArray());
    }
}

/// <summary><see cref="TargetPackageTests"/> on Debian 12.</summary>
[OnTarget(Distro.Debian12)]
public sealed class TargetPackageTestsOnDebian12 : TargetPackageTests;

/// <summary><see cref="TargetPackageTests"/> on Debian 13.</summary>
[OnTarget(Distro.Debian13)]
public sealed class TargetPackageTestsOnDebian13 : TargetPackageTests;
