using System.Globalization;
using Xunit.Abstractions;

namespace RecDsl.Package.Tests;

/// <summary>A brand-new project that references only the RecDsl package (through a folder feed plus nuget.org) builds,
/// gets the generated types, reports an invalid declaration's RDSL error, gets the Debian 12 native fix through
/// buildTransitive, and trains a tiny model for one step.</summary>
[Collection(PackageCollection.Name)]
public sealed class ConsumerProjectTests(PackedPackage package, ITestOutputHelper log)
{
    private static readonly TimeSpan StepTimeout = TimeSpan.FromMinutes(4);

    [Fact]
    public void New_project_builds_reports_invalid_declarations_and_trains_one_step()
    {
        var root = package.NewFolder("consumer-root");
        // Empty files stop MSBuild's upward search, so nothing above the temporary folder (a stray
        // Directory.Build.props in /tmp) changes the project: it is exactly what a user writes.
        foreach (var name in new[] { "Directory.Build.props", "Directory.Build.targets", "Directory.Packages.props" })
            File.WriteAllText(Path.Combine(root, name), "<Project />\n");
        var project = Path.Combine(root, "Consumer");
        CopyTemplate(project);

        // 1. Restore and build. The generated types are used by Program.cs, so a build that succeeds has them.
        var build = Run(project, "build", "-nodeReuse:false");
        Assert.True(build.ExitCode == 0, $"the consumer build failed: {build}");
        Assert.DoesNotContain("CS9057", build.Output, StringComparison.Ordinal); // generator built for a newer compiler
        Assert.DoesNotContain("CS8032", build.Output, StringComparison.Ordinal); // an analyzer could not be created
        Assert.DoesNotContain("warning RDSL", build.Output, StringComparison.Ordinal);

        var generated = Directory.GetFiles(Path.Combine(project, "obj"), "*.g.cs", SearchOption.AllDirectories)
            .Where(f => f.Contains(Path.Combine("generated", "RecDsl.Generator"), StringComparison.Ordinal))
            .Select(File.ReadAllText)
            .ToArray();
        Assert.Contains(generated, text => text.Contains("class ClickDeepFM ", StringComparison.Ordinal));
        Assert.Contains(generated, text => text.Contains("class ClickCollator ", StringComparison.Ordinal));

        // 2. The native fix arrived through buildTransitive: restore imports the package's targets, and the build
        //    already fixed the copy of libLibTorchSharp.so in the output (checked at run time below).
        var nugetTargets = File.ReadAllText(Path.Combine(project, "obj", "Consumer.csproj.nuget.g.targets"));
        Assert.Contains($"recdsl/{package.Version.ToLowerInvariant()}/buildTransitive/RecDsl.targets", nugetTargets.Replace('\\', '/'), StringComparison.OrdinalIgnoreCase);

        // 3. Run: one Adam step prints a finite loss. The runtime's load trace says what its first-load fallback found
        //    for each copy of the native library: "AlreadyFine" (the build fixed it) or "NotNeeded" (a libstdc++ new
        //    enough); "Patched" would mean the build step did not run.
        var app = Path.Combine(project, "bin", "Debug", "net10.0", "Consumer.dll");
        var run = Run(project, new Dictionary<string, string> { ["RECDSL_NUM_THREADS"] = "1" }, "exec", app);
        Assert.True(run.ExitCode == 0, $"the consumer app failed: {run}");
        var lines = run.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var trace = lines.Where(l => l.StartsWith("trace: ", StringComparison.Ordinal)).ToArray();
        Assert.Contains(trace, l => l.Contains("libLibTorchSharp.so: ", StringComparison.Ordinal));
        Assert.All(trace, l => Assert.True(l.EndsWith(": AlreadyFine", StringComparison.Ordinal) || l.EndsWith(": NotNeeded", StringComparison.Ordinal), l));
        var lossText = Assert.Single(lines, l => l.StartsWith("loss: ", StringComparison.Ordinal))["loss: ".Length..];
        var loss = double.Parse(lossText, CultureInfo.InvariantCulture);
        Assert.True(double.IsFinite(loss) && loss > 0, $"loss {loss}");

        // 4. An invalid declaration (a [DeepFM] record without a [Label]) fails the build with its RDSL error.
        var invalid = Run(project, "build", "--no-restore", "-nodeReuse:false", "-p:WithInvalidDeclaration=true");
        Assert.NotEqual(0, invalid.ExitCode);
        Assert.Contains("Broken.cs", invalid.Output, StringComparison.Ordinal);
        Assert.Contains("error RDSL0001", invalid.Output, StringComparison.Ordinal);

        // 5. The README's CUDA recipe starts by excluding the CPU libtorch: its native libraries leave the output,
        //    TorchSharp's and RecDsl's assemblies stay (into a separate folder, the first build's output is kept).
        var cudaOut = Path.Combine(root, "cuda-out") + Path.DirectorySeparatorChar;
        var excluded = Run(project, "build", "-nodeReuse:false", "-p:ExcludeCpuLibtorch=true", $"-p:OutDir={cudaOut}");
        Assert.True(excluded.ExitCode == 0, $"the build without the CPU libtorch failed: {excluded}");
        var output = Directory.GetFiles(cudaOut, "*", SearchOption.AllDirectories).Select(Path.GetFileName).ToArray();
        Assert.Contains("RecDsl.Runtime.dll", output);
        Assert.Contains("TorchSharp.dll", output);
        Assert.Contains("libLibTorchSharp.so", output);
        Assert.DoesNotContain("libtorch_cpu.so", output);
        Assert.DoesNotContain("libtorch.so", output);
        Assert.DoesNotContain("libtorch-cpu-linux-x64", File.ReadAllText(Path.Combine(project, "obj", "Consumer.csproj.nuget.g.props")), StringComparison.Ordinal);
    }

    private Dotnet.Result Run(string directory, params string[] args) => Run(directory, null, args);

    private Dotnet.Result Run(string directory, IReadOnlyDictionary<string, string>? environment, params string[] args)
    {
        var started = DateTime.UtcNow;
        var result = Dotnet.Run(directory, StepTimeout, environment, args);
        log.WriteLine($"dotnet {string.Join(' ', args)}: exit {result.ExitCode} in {(DateTime.UtcNow - started).TotalSeconds:F1} s");
        log.WriteLine(result.Output);
        return result;
    }

    // The consumer files next to this test, with the package version and the feed filled in.
    private void CopyTemplate(string project)
    {
        var source = Path.Combine(AppContext.BaseDirectory, "Consumer");
        foreach (var file in Directory.GetFiles(source, "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(source, file);
            var target = Path.Combine(project, relative.EndsWith(".template", StringComparison.Ordinal) ? relative[..^".template".Length] : relative);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.WriteAllText(target, File.ReadAllText(file)
                .Replace("{{RecDslVersion}}", package.Version, StringComparison.Ordinal)
                .Replace("{{Feed}}", package.Feed, StringComparison.Ordinal)
                .Replace("{{LibtorchVersion}}", package.CentralVersion("libtorch-cpu-linux-x64"), StringComparison.Ordinal));
        }
    }
}
