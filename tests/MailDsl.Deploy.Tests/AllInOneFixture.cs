using System.Diagnostics;
using MailDsl.Deploy.Tests.Support;
using MailDsl.Model;
using MailDsl.TestPlatform;

namespace MailDsl.Deploy.Tests;

/// <summary>
/// One host serving every layer, installed once per target by its own emitted install.sh (the real apt-get, each
/// daemon's own control: no stand-ins) and shared by the tests of that target's class, which each leave it as they
/// found it. Started on first use, so skipped tests start nothing.
/// </summary>
public abstract class AllInOneFixture : IDisposable
{
    private readonly Lazy<State> _state;

    /// <summary>Starts nothing yet.</summary>
    protected AllInOneFixture(Distro target)
    {
        Target = target;
        _state = new(Install);
    }

    /// <summary>The target the host runs.</summary>
    public Distro Target { get; }

    /// <summary>The ports the platform's listeners got.</summary>
    public LoopbackPorts Ports => _state.Value.Ports;

    /// <summary>The certificate, emit outputs and hosts' layers.</summary>
    public Deployment Deployment => _state.Value.Deployment;

    /// <summary>The installed host.</summary>
    public InstalledHost Host => _state.Value.Host;

    /// <summary>The platform model as the DSL built it.</summary>
    public PlatformModel Model => _state.Value.Model;

    /// <summary>The emitted folder of the host (the description the host is installed with).</summary>
    public string HostDir => _state.Value.HostDir;

    /// <summary>What the first run of install.sh printed.</summary>
    public CommandResult FirstInstall => _state.Value.First;

    /// <summary>How long the first run took.</summary>
    public TimeSpan FirstInstallTime => _state.Value.FirstTime;

    /// <summary>Emits <paramref name="describe"/> (a variant of the host's description) into a new folder; returns the host's folder there.</summary>
    public string EmitVariant(Func<Platform> describe) => Path.Combine(Deployment.Emit(describe), DeployPlatforms.AllInOne);

    private State Install()
    {
        var deployment = Deployment.Create();
        try
        {
            var ports = LoopbackPorts.PickFree();
            var model = DeployPlatforms.DescribeAllInOne(Target, ports).Build();
            var hostDir = Path.Combine(deployment.Emit(() => DeployPlatforms.DescribeAllInOne(Target, ports)), DeployPlatforms.AllInOne);
            var host = InstalledHost.Prepare(deployment, DeployPlatforms.AllInOne, Target);
            var watch = Stopwatch.StartNew();
            var first = host.Install(hostDir);
            return new State(deployment, ports, model, hostDir, host, first, watch.Elapsed);
        }
        catch
        {
            deployment.Dispose();
            throw;
        }
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        if (!_state.IsValueCreated) return;
        _state.Value.Host.Dispose();
        _state.Value.Deployment.Dispose();
    }

    private sealed record State(Deployment Deployment, LoopbackPorts Ports, PlatformModel Model, string HostDir, InstalledHost Host, CommandResult First, TimeSpan FirstTime);
}

/// <summary>The all-in-one host on Debian 12 (this machine, overlaid).</summary>
public sealed class AllInOneOnDebian12() : AllInOneFixture(Distro.Debian12);

/// <summary>The all-in-one host on Debian 13 (the cached root, overlaid).</summary>
public sealed class AllInOneOnDebian13() : AllInOneFixture(Distro.Debian13);
