using System.Reflection;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using System.Text.Json;
using Microsoft.CodeAnalysis;

namespace RecDsl.Package.Tests;

/// <summary>
/// The analyzers/ DLLs of the package must load in the compiler of the oldest SDK we support. A generator built against
/// a newer Microsoft.CodeAnalysis than the host compiler is silently not loaded (only warning CS9057 shows), and a
/// dependency the compiler does not carry fails to load. So: every Roslyn reference is exactly the oldest supported
/// compiler's version, and every other reference is one that compiler itself references, at a version no newer.
/// </summary>
[Collection(PackageCollection.Name)]
public sealed class RoslynPinTests(PackedPackage package)
{
    /// <summary>The oldest SDK we support (README, global.json); it ships Roslyn 5.0.0. This test project compiles
    /// against exactly that Roslyn (VersionOverride="5.0.0" in its csproj), so its assemblies stand in for that
    /// compiler here.</summary>
    private const string OldestSupportedSdk = "10.0.100";

    private static readonly Version OldestSupportedCompiler = new(5, 0, 0, 0);

    private static readonly Assembly[] CompilerLayer =
    {
        typeof(Compilation).Assembly,                                  // Microsoft.CodeAnalysis
        typeof(Microsoft.CodeAnalysis.CSharp.CSharpCompilation).Assembly, // Microsoft.CodeAnalysis.CSharp
    };

    // Code fixes run in the IDE, which adds the Workspaces layer; the command-line compiler never loads them.
    private static readonly Assembly[] WorkspacesLayer =
    {
        typeof(Microsoft.CodeAnalysis.Workspace).Assembly,             // Microsoft.CodeAnalysis.Workspaces
        typeof(Microsoft.CodeAnalysis.CSharp.Formatting.CSharpFormattingOptions).Assembly, // Microsoft.CodeAnalysis.CSharp.Workspaces
    };

    [Fact]
    public void The_stand_in_is_the_oldest_supported_sdks_compiler_and_global_json_names_that_sdk()
    {
        Assert.All(CompilerLayer.Concat(WorkspacesLayer), a => Assert.Equal(OldestSupportedCompiler, a.GetName().Version));
        using var globalJson = JsonDocument.Parse(File.ReadAllText(Path.Combine(package.RepoRoot, "global.json")));
        Assert.Equal(OldestSupportedSdk, globalJson.RootElement.GetProperty("sdk").GetProperty("version").GetString());
    }

    [Theory]
    [InlineData("RecDsl.Generator.dll", false)]
    [InlineData("RecDsl.Analyzers.dll", false)]
    [InlineData("RecDsl.CodeFixes.dll", true)]
    public void Packed_analyzer_references_load_in_the_oldest_supported_compiler(string dll, bool runsInTheIde)
    {
        var references = References(package.ReadEntry("analyzers/dotnet/cs/" + dll));
        var host = runsInTheIde ? CompilerLayer.Concat(WorkspacesLayer).ToArray() : CompilerLayer;
        var hostNames = host.Select(a => a.GetName().Name!).ToHashSet();
        // What the host's Roslyn assemblies reference, the host provides (at that version or newer).
        var provided = host.SelectMany(a => a.GetReferencedAssemblies())
            .Where(r => !hostNames.Contains(r.Name!))
            .GroupBy(r => r.Name!)
            .ToDictionary(g => g.Key, g => g.Max(r => r.Version)!);

        Assert.Contains(references, r => r.Name == "Microsoft.CodeAnalysis");
        foreach (var (name, version) in references)
        {
            if (name.StartsWith("Microsoft.CodeAnalysis", StringComparison.Ordinal))
            {
                Assert.True(hostNames.Contains(name), $"{dll} references {name}, which the {(runsInTheIde ? "IDE" : "compiler")} host does not provide");
                Assert.True(version == OldestSupportedCompiler,
                    $"{dll} references {name} {version}; the pin is Roslyn {OldestSupportedCompiler} (the .NET SDK {OldestSupportedSdk} compiler). " +
                    "A newer reference makes the generator silently not load there (CS9057): check RecDslRoslynVersion in Directory.Packages.props.");
            }
            else if (name == "netstandard")
            {
                // The surface every analyzer host (.NET Framework in Visual Studio, .NET in the SDK) provides.
                Assert.True(version <= new Version(2, 0, 0, 0), $"{dll} targets netstandard {version}; analyzers must target netstandard2.0");
            }
            else
            {
                Assert.True(provided.TryGetValue(name, out var available) && version <= available,
                    $"{dll} references {name} {version}, which Roslyn {OldestSupportedCompiler} does not bring (it brings {(available is null ? "nothing of that name" : available.ToString())})");
            }
        }
    }

    private static List<(string Name, Version Version)> References(byte[] image)
    {
        using var pe = new PEReader(new MemoryStream(image));
        var reader = pe.GetMetadataReader();
        return reader.AssemblyReferences
            .Select(h => reader.GetAssemblyReference(h))
            .Select(r => (reader.GetString(r.Name), r.Version))
            .ToList();
    }
}
