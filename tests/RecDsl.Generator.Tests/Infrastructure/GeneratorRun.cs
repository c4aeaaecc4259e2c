using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace RecDsl.Generator.Tests.Infrastructure;

/// <summary>Runs <see cref="RecModelGenerator"/> in a CSharpGeneratorDriver with step tracking on.</summary>
internal static class GeneratorRun
{
    public static GeneratorDriver CreateDriver() =>
        CSharpGeneratorDriver.Create(
            new[] { new RecModelGenerator().AsSourceGenerator() },
            parseOptions: TestCompilation.ParseOptions,
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));

    /// <summary>Runs the generator on <paramref name="sources"/>; returns the run result and the output compilation.</summary>
    public static (GeneratorDriverRunResult Result, Compilation Output, GeneratorDriver Driver) Run(params string[] sources)
    {
        var compilation = TestCompilation.Create(sources);
        var driver = CreateDriver().RunGeneratorsAndUpdateCompilation(compilation, out var output, out _);
        return (driver.GetRunResult(), output, driver);
    }

    public static IEnumerable<(string HintName, string Text)> Files(GeneratorDriverRunResult result) =>
        result.Results.SelectMany(r => r.GeneratedSources).Select(s => (s.HintName, s.SourceText.ToString()));
}
