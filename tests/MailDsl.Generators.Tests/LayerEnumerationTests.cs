extern alias gen;
using MailDsl.Hosting;
using MailDsl.Layers;
using Xunit;

namespace MailDsl.Generators.Tests;

/// <summary>
/// The enumerators of layers outside Core agree with the layer descriptors: the command line's <c>--layer</c>, the
/// generator's evaluator, and the origin keys the DSL records at compile time.
/// </summary>
public sealed class LayerEnumerationTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "maildsl-layers-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_dir)) Directory.Delete(_dir, recursive: true);
    }

    public static TheoryData<string> Keys() => new(LayerDescriptors.All.Select(d => d.Key));

    [Fact]
    public void Layer_takes_the_descriptors_command_line_names_in_platform_order()
        => Assert.Equal(LayerDescriptors.All.Select(d => d.CommandLineName), CommandTree.Layer.AcceptedValues!);

    [Theory]
    [MemberData(nameof(Keys))]
    public void Emit_layer_writes_the_folders_of_that_layers_hosts_only(string key)
    {
        var descriptor = LayerDescriptors.All.Single(d => d.Key == key);
        var stdout = new StringWriter();
        var stderr = new StringWriter();

        var exit = PlatformHost.Run(new[] { "emit", "--out", _dir, "--layer", descriptor.CommandLineName }, Describe, null, stdout, stderr);

        Assert.True(exit == 0, stderr.ToString());
        var written = Directory.EnumerateDirectories(_dir).Select(Path.GetFileName).Order(StringComparer.Ordinal);
        Assert.Equal(descriptor.Of(Describe().Build())!.Hosts.Order(StringComparer.Ordinal), written);
    }

    [Theory]
    [MemberData(nameof(Keys))]
    public void A_layer_described_at_run_time_waits_under_its_descriptors_key(string key)
    {
        // .Mailstore(Configure()), a delegate chosen at run time: the evaluator cannot know it, so that layer (and only it)
        // waits for run time, under the key its descriptor gives it.
        var descriptor = gen::MailDsl.Layers.LayerDescriptors.All.Single(d => d.Key == key);
        var builder = typeof(Platform).GetMethod(descriptor.DslMethod)!.GetParameters().Single().ParameterType.GetGenericArguments().Single();
        var source = Harness.Platform($".{descriptor.DslMethod}(Configure())",
            $"static System.Action<{builder.Name}> Configure() => System.Environment.TickCount > 0 ? b => b.Hosts(\"x.example.org\") : b => b.Hosts(\"y.example.org\");");

        var result = Harness.Evaluate(source);

        Assert.Contains(descriptor.Key, result.RunTimeKeys);
        Assert.DoesNotContain("", result.RunTimeKeys);
        Assert.True(result.WaitsForRunTime(descriptor.Key + ".hosts.0"));
        Assert.All(gen::MailDsl.Layers.LayerDescriptors.All.Where(d => d != descriptor), d => Assert.False(result.WaitsForRunTime(d.Key + ".hosts.0")));
    }

    [Fact]
    public void At_compile_time_each_layer_is_recorded_under_its_descriptors_key_at_its_DSL_method()
    {
        var source = Harness.Source("CorporateCloud.cs");

        var origins = Harness.Evaluate(source).Model!.Origins;

        Assert.All(gen::MailDsl.Layers.LayerDescriptors.All, d =>
        {
            var span = origins.Entries.Single(e => e.Key == d.Key).Span;
            Assert.Equal(d.DslMethod, source.Substring(span.Start, span.Length));
        });
    }

    private static Platform Describe() => Platform.Create("example.org")
        .Certificate("/etc/ssl/certs/mail.crt", "/etc/ssl/private/mail.key")
        .SmtpIn(s => s.Hosts("mx-01.example.org", "mx-02.example.org"))
        .SmtpOut(s => s.Hosts("relay-01.example.org", "relay-02.example.org"))
        .Mailstore(m => m.Hosts("store-01.example.org"))
        .Webmail(w => w.Hosts("web-01.example.org"));
}
