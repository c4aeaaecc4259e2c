using System.IO.Compression;
using System.Reflection;
using System.Xml.Linq;

namespace RecDsl.Package.Tests;

/// <summary>Packs src/RecDsl.Runtime once for all tests of the collection, into a temporary folder feed, under a
/// version no earlier run used (so NuGet's global packages folder never serves a stale copy); removes the feed, the
/// consumer folders and that version's copy in the global packages folder afterwards.</summary>
public sealed class PackedPackage : IDisposable
{
    public PackedPackage()
    {
        RepoRoot = Metadata("RecDslRoot");
        var configuration = Metadata("Configuration");
        VersionPrefix = XDocument.Load(Path.Combine(RepoRoot, "Directory.Build.props")).Descendants("VersionPrefix").Single().Value;
        // Numeric identifiers without leading zeros (SemVer 2): UTC time, then the process id.
        Version = $"{VersionPrefix}-pkgtest.{DateTime.UtcNow:yyyyMMddHHmmss}.{Environment.ProcessId}";
        TempRoot = Path.Combine(Path.GetTempPath(), "recdsl-package-tests-" + Guid.NewGuid().ToString("N"));
        Feed = Path.Combine(TempRoot, "feed");
        Directory.CreateDirectory(Feed);

        var pack = Dotnet.Run(RepoRoot, TimeSpan.FromMinutes(5), null,
            "pack", "src/RecDsl.Runtime/RecDsl.Runtime.csproj", "-c", configuration, "-o", Feed,
            $"-p:PackageVersion={Version}", "-nodeReuse:false");
        PackOutput = pack.Output;
        NupkgPath = Path.Combine(Feed, $"RecDsl.{Version}.nupkg");
        if (pack.ExitCode != 0 || !File.Exists(NupkgPath))
        {
            Dispose();
            throw new InvalidOperationException($"dotnet pack failed or made no {NupkgPath}: {pack}");
        }
    }

    public string RepoRoot { get; }
    public string VersionPrefix { get; }
    public string Version { get; }
    public string TempRoot { get; }
    public string Feed { get; }
    public string NupkgPath { get; }
    public string PackOutput { get; }

    private static string Metadata(string key) =>
        typeof(PackedPackage).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == key).Value!;

    /// <summary>A fresh, empty folder under the temporary root.</summary>
    public string NewFolder(string name)
    {
        var path = Path.Combine(TempRoot, name);
        Directory.CreateDirectory(path);
        return path;
    }

    public ZipArchive OpenPackage() => ZipFile.OpenRead(NupkgPath);

    /// <summary>The bytes of one entry of the .nupkg.</summary>
    public byte[] ReadEntry(string entryPath)
    {
        using var zip = OpenPackage();
        var entry = zip.GetEntry(entryPath) ?? throw new FileNotFoundException($"{entryPath} is not in the package");
        using var stream = entry.Open();
        using var memory = new MemoryStream();
        stream.CopyTo(memory);
        return memory.ToArray();
    }

    /// <summary>The version of a package in Directory.Packages.props, the repository's one list of versions.</summary>
    public string CentralVersion(string id) =>
        (string)XDocument.Load(Path.Combine(RepoRoot, "Directory.Packages.props")).Descendants("PackageVersion")
            .Single(p => (string?)p.Attribute("Include") == id).Attribute("Version")!;

    public XDocument Nuspec()
    {
        using var stream = new MemoryStream(ReadEntry("RecDsl.nuspec"));
        return XDocument.Load(stream);
    }

    /// <summary>NuGet's global packages folder (where restore extracts packages).</summary>
    public static string GlobalPackagesFolder() =>
        Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } configured
            ? configured
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");

    public void Dispose()
    {
        TryDelete(TempRoot);
        var cached = Path.Combine(GlobalPackagesFolder(), "recdsl");
        TryDelete(Path.Combine(cached, Version.ToLowerInvariant()));
        if (Directory.Exists(cached) && !Directory.EnumerateFileSystemEntries(cached).Any()) TryDelete(cached);
    }

    private static void TryDelete(string path)
    {
        try
        {
            if (Directory.Exists(path)) Directory.Delete(path, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a leftover temporary folder must not fail the run.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}

[CollectionDefinition(Name)]
public sealed class PackageCollection : ICollectionFixture<PackedPackage>
{
    public const string Name = "packed RecDsl package";
}
