using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using System.Xml.Linq;

namespace RecDsl.Package.Tests;

/// <summary>The .nupkg opened as a zip: what is in it, where, and what it declares.</summary>
[Collection(PackageCollection.Name)]
public sealed class PackageLayoutTests(PackedPackage package)
{
    [Fact]
    public void Package_holds_exactly_the_runtime_the_analyzers_the_native_fix_and_the_readme()
    {
        using var zip = package.OpenPackage();
        var files = zip.Entries.Select(e => e.FullName)
            // OPC bookkeeping that every .nupkg has.
            .Where(n => n != "[Content_Types].xml" && !n.StartsWith("_rels/", StringComparison.Ordinal) && !n.StartsWith("package/", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .ToArray();
        Assert.Equal(
            new[]
            {
                "README.md",
                "RecDsl.nuspec",
                "analyzers/dotnet/cs/RecDsl.Analyzers.dll",
                "analyzers/dotnet/cs/RecDsl.CodeFixes.dll",
                "analyzers/dotnet/cs/RecDsl.Generator.dll",
                "buildTransitive/GlibcxxWeakVersionPatch.cs",
                "buildTransitive/RecDsl.targets",
                "lib/net10.0/RecDsl.Runtime.dll",
                "lib/net10.0/RecDsl.Runtime.xml",
            },
            files);
    }

    [Fact]
    public void Packed_build_logic_and_readme_are_the_repository_files()
    {
        foreach (var (entry, source) in new[]
                 {
                     ("buildTransitive/RecDsl.targets", "src/RecDsl.Runtime/build/RecDsl.targets"),
                     ("buildTransitive/GlibcxxWeakVersionPatch.cs", "src/RecDsl.Runtime/build/GlibcxxWeakVersionPatch.cs"),
                     ("README.md", "README.md"),
                 })
            Assert.True(File.ReadAllBytes(Path.Combine(package.RepoRoot, source)).AsSpan().SequenceEqual(package.ReadEntry(entry)), $"{entry} differs from {source}");
    }

    [Fact]
    public void Runtime_has_the_one_version_and_its_xml_documentation()
    {
        var reader = new PEReader(new MemoryStream(package.ReadEntry("lib/net10.0/RecDsl.Runtime.dll"))).GetMetadataReader();
        var definition = reader.GetAssemblyDefinition();
        Assert.Equal("RecDsl.Runtime", reader.GetString(definition.Name));
        Assert.Equal(new Version(package.VersionPrefix + ".0"), definition.Version);

        var docs = XDocument.Load(new MemoryStream(package.ReadEntry("lib/net10.0/RecDsl.Runtime.xml")));
        var members = docs.Descendants("member").Select(m => (string?)m.Attribute("name")).ToHashSet();
        Assert.Contains("T:RecDsl.Backend.TorchBackend", members);
        Assert.Contains("T:RecDsl.Models.DeepFmNetwork", members);
    }

    [Fact]
    public void Nuspec_has_the_metadata()
    {
        var nuspec = package.Nuspec();
        XNamespace ns = nuspec.Root!.Name.Namespace;
        var metadata = nuspec.Root.Element(ns + "metadata")!;
        string Value(string name) => metadata.Element(ns + name)?.Value ?? "";

        Assert.Equal("RecDsl", Value("id"));
        Assert.Equal(package.Version, Value("version"));
        Assert.Contains("source generator", Value("description"), StringComparison.Ordinal);
        Assert.Equal("MIT", Value("license"));
        Assert.Equal("expression", (string?)metadata.Element(ns + "license")!.Attribute("type"));
        Assert.Equal("README.md", Value("readme"));
        Assert.StartsWith("https://", (string?)metadata.Element(ns + "repository")?.Attribute("url"));
        Assert.Equal("git", (string?)metadata.Element(ns + "repository")?.Attribute("type"));
        var tags = Value("tags").Split(' ');
        Assert.Contains("torchsharp", tags);
        Assert.Contains("source-generator", tags);
    }

    [Fact]
    public void Dependencies_are_the_deliberate_ones_at_the_central_versions_and_nothing_of_Roslyn()
    {
        var nuspec = package.Nuspec();
        XNamespace ns = nuspec.Root!.Name.Namespace;
        var groups = nuspec.Descendants(ns + "group").ToArray();

        var group = Assert.Single(groups);
        Assert.Equal("net10.0", (string?)group.Attribute("targetFramework"));
        var dependencies = group.Elements(ns + "dependency")
            .Select(d => ((string)d.Attribute("id")!, (string)d.Attribute("version")!))
            .Order()
            .ToArray();
        // Any new dependency is a decision for every user: add it here deliberately.
        // Sep: the CSV parser of the generated readers (RecDsl.Data), chosen by measurement (docs/data.md).
        // Parquet.Net: the Parquet path of the same readers, fully managed (docs/data.md, "Parquet").
        // OnnxSharp, TorchSharp.PyBridge: ONNX and safetensors export (RecDsl.Export, docs/serving.md).
        var expected = new[] { "OnnxSharp", "Parquet.Net", "Sep", "System.IO.Hashing", "TorchSharp", "TorchSharp.PyBridge", "libtorch-cpu-linux-x64" }
            .Select(id => (id, package.CentralVersion(id)))
            .Order()
            .ToArray();
        Assert.Equal(expected, dependencies);
    }
}
