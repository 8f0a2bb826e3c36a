using System.Linq.Expressions;
using MailDsl.Daemons;
using MailDsl.Fleet;
using MailDsl.Layers;
using MailDsl.Model;
using MailDsl.Targets;
using MailDsl.Topology;
using Xunit;

namespace MailDsl.Core.Tests.Layers;

/// <summary>
/// A layer is its descriptor: its names are spelled there and nowhere else in the product, and whatever enumerates layers
/// (the DSL, the daemons on a host, the hops, the inventory, the playbook, the README) agrees with the descriptors.
/// </summary>
public sealed class LayerDescriptorTests
{
    public static TheoryData<string> Keys() => new(LayerDescriptors.All.Select(d => d.Key));

    private static LayerDescriptor Descriptor(string key) => LayerDescriptors.All.Single(d => d.Key == key);

    [Fact]
    public void Each_layer_is_spelled_once_in_the_product_in_its_own_descriptor()
    {
        // A second table of layer names (a switch over layer types, an array of "smtp-in", a "SmtpIn" => "smtpIn" map) is
        // what let the spellings drift; any string literal equal to one of a descriptor's names outside its own file is one.
        var found = new List<string>();
        foreach (var descriptor in LayerDescriptors.All)
        {
            var spellings = Spellings(descriptor);
            var home = descriptor.GetType().Name + ".cs";
            found.AddRange(ProductSource.Literals(file => Path.GetFileName(file) == home)
                .Where(l => spellings.Contains(l.Text))
                .Select(l => $"{l.Where}: \"{l.Text}\" ({descriptor.GetType().Name})"));
        }
        Assert.True(found.Count == 0, "a layer's name spelled outside its descriptor (read it from LayerDescriptors instead):\n" + string.Join("\n", found));
    }

    [Fact]
    public void The_scan_finds_a_second_spelling_table()
    {
        // The scan above must be able to fail: it sees the literals a table would hold.
        var seen = ProductSource.Literals("private static string Name(Layer l) => l switch { SmtpInLayer => \"smtp-in\", _ => \"webmail\" };").ToList();
        Assert.Contains(seen, s => Spellings(LayerDescriptors.SmtpIn).Contains(s));
        Assert.Contains(seen, s => Spellings(LayerDescriptors.Webmail).Contains(s));
    }

    [Fact]
    public void Every_name_of_a_layer_is_its_own()
    {
        // No two layers share a spelling, and the spellings are of the shapes their users need.
        var all = LayerDescriptors.All.SelectMany(d => Spellings(d).Select(s => (Spelling: s, d.Key))).Distinct().ToList();
        Assert.Empty(all.GroupBy(x => x.Spelling).Where(g => g.Select(x => x.Key).Distinct().Count() > 1).Select(g => g.Key));
        Assert.All(LayerDescriptors.All, d =>
        {
            Assert.Matches("^[a-z][A-Za-z]*$", d.Key);
            Assert.Matches("^[a-z]+(-[a-z]+)*$", d.CommandLineName);
            Assert.Matches("^[a-z_]+$", d.InventoryGroup);
            Assert.Matches("^[A-Z][A-Za-z]*$", d.DslMethod);
            Assert.True(typeof(Layer).IsAssignableFrom(d.LayerType) && d.LayerType != typeof(Layer));
        });
        Assert.Equal(LayerDescriptors.All.Count, LayerDescriptors.All.Select(d => d.LayerType).Distinct().Count());
    }

    [Theory]
    [MemberData(nameof(Keys))]
    public void The_DSL_method_describes_the_layer_the_descriptor_reads_and_the_model_record_points_back(string key)
    {
        var descriptor = Descriptor(key);
        var model = Describe(Platform.Create("example.org"), descriptor, "host-01.example.org").Build();

        var layer = descriptor.Of(model);
        Assert.NotNull(layer);
        Assert.IsType(descriptor.LayerType, layer);
        Assert.Same(descriptor, LayerDescriptors.Of(layer!));
        Assert.Equal(descriptor.Key, layer.Key);
        Assert.Equal(new[] { "host-01.example.org" }, layer.Hosts);
        // The other descriptors see nothing, and With puts the layer where Of finds it.
        Assert.All(LayerDescriptors.All.Where(d => d != descriptor), d => Assert.Null(d.Of(model)));
        Assert.Same(layer, descriptor.Of(descriptor.With(new PlatformModel(), layer)));
        Assert.Null(descriptor.Of(descriptor.With(model, null)));
    }

    [Fact]
    public void Every_layer_of_the_model_has_a_descriptor()
    {
        // PlatformModel's layer properties are exactly the descriptors' records: a layer added to the model and not
        // registered would be skipped by every enumerator.
        var layerProperties = typeof(PlatformModel).GetProperties().Where(p => typeof(Layer).IsAssignableFrom(p.PropertyType)).Select(p => p.PropertyType);
        Assert.Equal(layerProperties.OrderBy(t => t.Name), LayerDescriptors.All.Select(d => d.LayerType).OrderBy(t => t.Name));
        var recordTypes = typeof(Layer).Assembly.GetTypes().Where(t => t.IsSubclassOf(typeof(Layer)) && !t.IsAbstract);
        Assert.Equal(recordTypes.OrderBy(t => t.Name), LayerDescriptors.All.Select(d => d.LayerType).OrderBy(t => t.Name));
    }

    [Theory]
    [MemberData(nameof(Keys))]
    public void A_host_runs_the_daemons_its_layers_descriptors_name_and_no_other(string key)
    {
        // Postfix (or any daemon) on a host comes from its layer's descriptor: a layer that does not name it gets none.
        var descriptor = Descriptor(key);
        var host = HostPlan.Of(Describe(RuleCertificate(), descriptor, "host-01.example.org").Build()).Single();

        var running = DaemonModules.On(host).Select(m => m.Daemon).ToList();

        Assert.Equal(descriptor.Daemons.OrderBy(d => d), running.OrderBy(d => d));
        Assert.Equal(descriptor.Runs(Daemon.Postfix), host.RunsPostfix);
    }

    [Fact]
    public void A_relay_with_submission_adds_Dovecot_as_its_SASL_server()
    {
        // The one daemon a module adds beyond the descriptor: Dovecot's auth behind Postfix's submission.
        var host = HostPlan.Of(RuleCertificate().SmtpOut(s => s.Hosts("relay.example.org").Submission()).Build()).Single();

        Assert.Equal(new[] { Daemon.Postfix, Daemon.Dovecot }, DaemonModules.On(host).Select(m => m.Daemon));
    }

    [Fact]
    public void The_ways_in_from_outside_are_the_descriptors_entrances_in_platform_order()
    {
        var model = Full();

        var inbound = PlatformHops.Of(model).Where(h => h.From == HopEnd.Internet || h.From == HopEnd.Users).ToList();

        var expected = LayerDescriptors.All.SelectMany(d => d.Of(model)!.Listeners
                .Select(l => (Listener: l, Entrance: d.Entrances.FirstOrDefault(e => e.Protocol == l.Protocol)))
                .Where(x => x.Entrance is not null)
                .Select(x => (x.Entrance!.From, To: d.Key, ToName: d.DisplayName, x.Entrance.Name, x.Listener.Port, x.Entrance.Purpose)))
            .ToList();
        // Every layer that serves the outside has its ways in (the balancers serve none of their own: they hold the others' VIPs).
        Assert.Equal(LayerDescriptors.All.Where(d => d.Entrances.Count > 0).Select(d => d.Key), expected.Select(e => e.To).Distinct());
        Assert.Equal(expected, inbound.Select(h => (h.From, To: h.To.Key, ToName: h.To.Name, Name: h.Protocol, h.Port, h.Purpose)));
    }

    [Fact]
    public void The_inventory_groups_the_playbook_and_the_README_name_the_layers_as_their_descriptors_do()
    {
        var model = Full();

        var inventory = FleetRenderer.RenderInventory(model).Split('\n');
        var groups = inventory.Where(l => l.StartsWith('[') && !l.Contains(':')).Select(l => l.Trim('[', ']')).ToList();
        Assert.Equal(LayerDescriptors.All.Select(d => d.InventoryGroup), groups);
        foreach (var descriptor in LayerDescriptors.All)
        {
            var at = Array.IndexOf(inventory, "[" + descriptor.InventoryGroup + "]");
            var hosts = inventory.Skip(at + 1).TakeWhile(l => l.Length > 0).Select(l => l.Split(' ')[0]);
            Assert.Equal(descriptor.Of(model)!.Hosts.Order(StringComparer.Ordinal), hosts);
        }

        var playbook = FleetRenderer.RenderPlaybook(model).Split('\n');
        var plays = playbook.Where(l => l.StartsWith("  hosts: ", StringComparison.Ordinal)).Select(l => l.Substring("  hosts: ".Length)).ToList();
        Assert.Equal(LayerDescriptors.InRolloutOrder.Select(d => d.InventoryGroup), plays);
        Assert.Equal(LayerDescriptors.InRolloutOrder.Select(d => "- name: " + d.RolloutTitle), playbook.Where(l => l.StartsWith("- name: ", StringComparison.Ordinal)));
        // Each play comes after the plays of the layers it hands mail to or reads from.
        Assert.All(LayerDescriptors.InRolloutOrder, d => Assert.All(d.RolloutAfter,
            before => Assert.True(plays.IndexOf(before.InventoryGroup) < plays.IndexOf(d.InventoryGroup), $"{before} after {d}")));

        var readme = FleetRenderer.RenderReadme(PlatformTopology.Of(model));
        Assert.All(LayerDescriptors.All, d => Assert.Contains($"  subgraph {d.Key}[\"{d.DisplayName}\"]", readme));
    }

    [Fact]
    public void The_rollout_order_installs_what_each_layer_depends_on_first()
    {
        Assert.Equal(new[] { "mailstore", "smtp_in", "smtp_out", "webmail", "balancers" }, LayerDescriptors.InRolloutOrder.Select(d => d.InventoryGroup));
        Assert.Equal(LayerDescriptors.All.OrderBy(d => d.Key), LayerDescriptors.InRolloutOrder.OrderBy(d => d.Key));
    }

    [Fact]
    public void A_target_knows_the_version_of_every_daemon_it_renders_a_version_for_and_no_other()
    {
        // VersionOf used to answer SOGo's version for memcached; a daemon the table does not track has none.
        foreach (var target in TargetTable.All)
        {
            Assert.Null(target.VersionOf(Daemon.Memcached));
            Assert.Equal(target.Sogo, target.VersionOf(Daemon.Sogo));
            Assert.Equal(target.Nginx, target.VersionOf(Daemon.Nginx));
            Assert.Equal(target.Dovecot, target.VersionOf(Daemon.Dovecot));
            Assert.Equal(target.Postfix, target.VersionOf(Daemon.Postfix));
            Assert.Null(MailDsl.Daemons.Settings.SettingsCatalog.For(target, Daemon.Memcached));
        }
    }

    private static HashSet<string> Spellings(LayerDescriptor d)
        => new(StringComparer.Ordinal) { d.Key, d.DisplayName, d.CommandLineName, d.InventoryGroup, d.DslMethod };

    private static PlatformModel Full() => RuleCertificate()
        .SmtpIn(s => s.Hosts("mx-01.example.org", "mx-02.example.org"))
        .SmtpOut(s => s.Hosts("relay-01.example.org").Submission().Submissions())
        .Mailstore(m => m.Hosts("store-01.example.org").Imap().Imaps().Pop3s().ManageSieve())
        .Webmail(w => w.Hosts("web-01.example.org"))
        .Balancers(b => b.Host("lb-01.example.org", "10.0.0.2").Host("lb-02.example.org", "10.0.0.3"))
        .Build();

    private static Platform RuleCertificate() => Platform.Create("example.org").Certificate("/etc/ssl/certs/mail.crt", "/etc/ssl/private/mail.key");

    /// <summary>
    /// <c>platform.{DslMethod}(b =&gt; b.Hosts(host))</c>, called by the descriptor's method name; a builder without
    /// <c>Hosts</c> (the balancers', whose hosts each need an address) gets <c>b.Host(host, address)</c>.
    /// </summary>
    private static Platform Describe(Platform platform, LayerDescriptor descriptor, string host)
    {
        var method = typeof(Platform).GetMethods().Single(m => m.Name == descriptor.DslMethod);
        var builderType = method.GetParameters().Single().ParameterType.GetGenericArguments().Single();
        var builder = Expression.Parameter(builderType, "b");
        var hosts = builderType.GetMethod("Hosts") is { } many
            ? Expression.Call(builder, many, Expression.Constant(new[] { host }))
            : Expression.Call(builder, builderType.GetMethod("Host", new[] { typeof(string), typeof(string) })!, Expression.Constant(host), Expression.Constant("192.0.2.10"));
        var configure = Expression.Lambda(method.GetParameters()[0].ParameterType, hosts, builder).Compile();
        return (Platform)method.Invoke(platform, new object[] { configure })!;
    }
}
