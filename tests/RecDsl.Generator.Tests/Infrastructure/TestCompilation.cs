using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace RecDsl.Generator.Tests.Infrastructure;

/// <summary>Compilations of user code against .NET 10 reference assemblies, the RecDsl runtime and TorchSharp,
/// with nullable on, warnings as errors and documentation comments checked.</summary>
internal static class TestCompilation
{
    public static readonly CSharpParseOptions ParseOptions =
        new(LanguageVersion.Latest, DocumentationMode.Diagnose);

    private static readonly MetadataReference[] References = Basic.Reference.Assemblies.Net100.References.All
        .Concat(new[]
        {
            MetadataReference.CreateFromFile(typeof(RecDsl.Batching.FeatureBatch).Assembly.Location),
            MetadataReference.CreateFromFile(typeof(TorchSharp.torch).Assembly.Location),
        })
        .ToArray();

    public static CSharpCompilation Create(params string[] sources) =>
        CSharpCompilation.Create("UserAssembly",
            sources.Select((s, i) => CSharpSyntaxTree.ParseText(s, ParseOptions, path: $"User{i}.cs")),
            References,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary,
                nullableContextOptions: NullableContextOptions.Enable,
                generalDiagnosticOption: ReportDiagnostic.Error,
                // The SDK's defaults: TorchSharp is built against System.Runtime 8.0 (unification notices).
                specificDiagnosticOptions: new Dictionary<string, ReportDiagnostic>
                {
                    ["CS1701"] = ReportDiagnostic.Suppress,
                    ["CS1702"] = ReportDiagnostic.Suppress,
                }));

    /// <summary>Diagnostics that matter: every error and warning, except missing XML docs in the user's own source
    /// (test samples carry none; generated files must).</summary>
    public static IReadOnlyList<Diagnostic> Problems(Compilation compilation) =>
        compilation.GetDiagnostics()
            .Where(d => d.Severity >= DiagnosticSeverity.Warning || d.IsWarningAsError)
            .Where(d => !(d.Id == "CS1591" && d.Location.SourceTree?.FilePath.StartsWith("User", StringComparison.Ordinal) == true))
            .ToList();

    public static string Describe(IEnumerable<Diagnostic> diagnostics) =>
        string.Join("\n", diagnostics.Select(d => $"{d.Location.SourceTree?.FilePath}{d.Location.GetLineSpan().StartLinePosition}: {d.Id} {d.GetMessage()}"));
}
