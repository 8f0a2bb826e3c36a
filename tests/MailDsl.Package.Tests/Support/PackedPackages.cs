using System.Globalization;
using Xunit;

namespace MailDsl.Package.Tests.Support;

/// <summary>
/// The MailDsl package and template, packed once per test run into a local folder with a version of this run's own
/// (so no NuGet cache can hand a test an older build), and a NuGet.config that restores from that folder plus the normal
/// feed. Restores go to a packages folder of the run's own; the user's global packages folder is a read-only fallback, so
/// System.CommandLine and the SDK's packages are not downloaded again.
/// </summary>
public sealed class PackedPackages : IDisposable
{
    public PackedPackages()
    {
        Root = Path.Combine(Path.GetTempPath(), "maildsl-package-" + Guid.NewGuid().ToString("N"));
        Feed = Path.Combine(Root, "feed");
        Directory.CreateDirectory(Feed);
        Version = "0.1.0-test." + DateTime.UtcNow.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture);
        foreach (var project in new[] { "src/MailDsl/MailDsl.csproj", "templates/MailDsl.Templates/MailDsl.Templates.csproj" })
        {
            var packed = Tools.Dotnet(Tools.RepoRoot, "pack", project, "-c", Configuration, "--no-build", "-o", Feed, "-p:Version=" + Version);
            PackTime += packed.Took;
            if (packed.ExitCode != 0) throw new InvalidOperationException("dotnet pack " + project + " failed:\n" + packed);
        }
        var userPackages = Environment.GetEnvironmentVariable("NUGET_PACKAGES")
            ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        File.WriteAllText(Path.Combine(Root, "NuGet.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <config><add key="globalPackagesFolder" value="{Path.Combine(Root, "packages")}" /></config>
              <packageSources><add key="maildsl-local" value="{Feed}" /></packageSources>
              <fallbackPackageFolders><add key="user" value="{userPackages}" /></fallbackPackageFolders>
            </configuration>
            """);
    }

    /// <summary>The configuration the tests' build used (the packs reuse its output).</summary>
    public static string Configuration =>
#if DEBUG
        "Debug";
#else
        "Release";
#endif

    /// <summary>The run's folder: NuGet.config here applies to every project created below it.</summary>
    public string Root { get; }

    /// <summary>The local package source.</summary>
    public string Feed { get; }

    /// <summary>This run's version of both packages.</summary>
    public string Version { get; }

    /// <summary>How long packing took.</summary>
    public TimeSpan PackTime { get; }

    /// <summary>The MailDsl package file.</summary>
    public string MailDslPackage => Path.Combine(Feed, $"MailDsl.{Version}.nupkg");

    /// <summary>The template package file.</summary>
    public string TemplatePackage => Path.Combine(Feed, $"MailDsl.Templates.{Version}.nupkg");

    /// <summary>A new empty folder under <see cref="Root"/>.</summary>
    public string NewFolder(string name)
    {
        var dir = Path.Combine(Root, name + "-" + Guid.NewGuid().ToString("N").Substring(0, 8));
        Directory.CreateDirectory(dir);
        return dir;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}

[CollectionDefinition(Name)]
public sealed class PackedPackagesCollection : ICollectionFixture<PackedPackages>
{
    public const string Name = "packed packages";
}
