using System.Collections.Immutable;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Xunit.Abstractions;

namespace RecDsl.Analyzers.Tests.Robustness;

/// <summary>Valid declarations mutated as a person does mid-typing: the analyzer must never throw (no AD0001) and
/// every generator in RecDsl.Generator must never throw (no CS8785, no exception in its run result).</summary>
public class MidTypingRobustnessTests(ITestOutputHelper output)
{
    private const int Seed = 20261127;
    private const int MutationsPerSample = 70;

    private static readonly string[] Samples =
    {
        """
        public enum Device { Phone, Tablet }
        [DeepFM(EmbeddingDim = 8, Hidden = new[] { 400, 400 }), WideDeep]
        public sealed record AdClick
        {
            [Sparse(Vocab = 100_000), FmField, Deep, Group] public int UserId { get; init; }
            [Sparse(Vocab = 50_000), FmField, Deep, Wide] public int AdId { get; init; }
            [Sparse(HashBuckets = 1 << 18), FmField, Deep] public string? Site { get; init; }
            [Sparse, FmField, Wide] public Device Device { get; init; }
            [Dense(Default = 0), Deep, Wide] public float Price { get; init; }
            [Label] public bool Clicked { get; init; }
        }
        """,
        """
        [Din(AttentionHidden = new[] { 80, 40 }, Activation = Activation.Dice)]
        public sealed record ItemView(
            [Sparse(Vocab = 1000), Deep] int UserId,
            [Sparse(Vocab = 5000, Table = "items"), Deep] long ItemId,
            [Sparse(Vocab = 100), Deep] int CategoryId,
            [Sequence(Target = nameof(ItemId), MaxLen = 50), Deep] long[] ClickedItems,
            [property: Sequence(Target = nameof(ItemView.CategoryId)), Deep] IReadOnlyList<int> ClickedCategories,
            [Label] float Clicked);
        """,
        """
        namespace Shop.Models
        {
            [Esmm(CtrHidden = new[] { 128, 64 }, CvrHidden = new[] { 128, 64 }, Dropout = 0.1)]
            public partial record struct Impression
            {
                [Sparse(Vocab = 1000), Deep] public int UserId { get; init; }
                [Sequence(Vocab = 30, Pooling = Pooling.Sum), Deep] public List<int> Tags { get; init; }
                [Dense, Deep] public double Age { get; init; }
                [ClickLabel] public bool Click { get; init; }
                [ConversionLabel] public bool Buy { get; init; }
            }
        }
        """,
        """
        public static class Outer
        {
            [WideDeep(EmbeddingDim = 4)]
            internal sealed record Nested([Sparse(Vocab = 10), Wide, Deep] int A, [Sparse(Vocab = 10, Table = "A"), Deep] int B, [Label] bool Y)
            {
                [Sequence(Target = "A"), Wide] public int[] History { get; init; } = [];
                [Dense, Deep] public int Count;
            }
        }
        """,
        """
        [WideDeep, DeepFM, Din]
        public class Plain
        {
            [Sparse(Vocab = 10), Wide, Deep, FmField] public int ItemId { get; set; }
            [Sparse(Vocab = 10, EmbeddingDim = 16), Deep, FmField] public int Shop { get; set; }
            [Sequence(Target = nameof(ItemId), EmbeddingDim = 16, Vocab = 10), Deep] public ICollection<int>? Seen { get; set; }
            [Label] public double Score { get; set; }
        }
        """,
        """
        [DeepFM]
        public record Broken<T>([Sparse(Vocab = 0)] double A, [Sequence] int B, [Wide] string C, [Label, Label] string Y);
        """,
    };

    private static readonly ImmutableArray<IIncrementalGenerator> Generators = DiscoverGenerators();

    [Fact]
    public async Task Analyzer_and_generators_survive_mid_typing_edits()
    {
        var random = new Random(Seed);
        var analyzers = ImmutableArray.Create<DiagnosticAnalyzer>(new DeclarationAnalyzer());
        int mutations = 0, reported = 0;
        var failures = new List<string>();

        foreach (var sample in Samples)
        {
            for (int i = 0; i < MutationsPerSample; i++)
            {
                var source = Offline.Usings + MidTypingMutator.Mutate(sample, random);
                mutations++;
                var compilation = TestCompilation.Create(source);

                var (diagnostics, analyzerFailures) = await AnalyzeAsync(compilation, analyzers);
                reported += diagnostics.Count(d => d.Id.StartsWith("RDSL", StringComparison.Ordinal));
                failures.AddRange(analyzerFailures.Select(f => $"analyzer on mutation {mutations}:\n{source}\n{f}"));

                if (Generators.Length > 0)
                {
                    GeneratorDriver driver = CSharpGeneratorDriver.Create(Generators.Select(GeneratorExtensions.AsSourceGenerator), parseOptions: TestCompilation.ParseOptions);
                    driver = driver.RunGeneratorsAndUpdateCompilation(compilation, out _, out var generatorDiagnostics);
                    foreach (var result in driver.GetRunResult().Results.Where(r => r.Exception is not null))
                        failures.Add($"generator on mutation {mutations}:\n{source}\n{result.Exception}");
                    foreach (var d in generatorDiagnostics.Where(d => d.Id is "CS8785" or "RDSL0900"))
                        failures.Add($"generator on mutation {mutations}:\n{source}\n{d}");
                }
            }
        }

        output.WriteLine($"{mutations} mutations, {reported} RecDsl diagnostics, {Generators.Length} generator(s) checked");
        Assert.True(mutations >= 400);
        Assert.True(Generators.Length > 0, "RecDsl.Generator must contribute its generator, or only the analyzers are checked");
        Assert.True(reported > mutations, "the mutations should trip rules, or the test checks nothing");
        Assert.True(failures.Count == 0, string.Join("\n\n", failures.Take(3)));
    }

    [Fact]
    public void Every_sample_compiles_before_mutation_except_the_broken_one()
    {
        foreach (var sample in Samples.Take(Samples.Length - 1))
        {
            var errors = TestCompilation.Create(Offline.Usings + sample).GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error);
            Assert.Empty(errors);
        }
    }

    [Fact]
    public async Task The_harness_catches_a_throwing_analyzer()
    {
        var compilation = TestCompilation.Create(Offline.Usings + Samples[0]);
        var (_, failures) = await AnalyzeAsync(compilation, ImmutableArray.Create<DiagnosticAnalyzer>(new ThrowingAnalyzer()));
        Assert.NotEmpty(failures);
    }

    /// <summary>Runs the analyzers; returns their diagnostics and every exception they threw (AD0001 or callback).</summary>
    private static async Task<(ImmutableArray<Diagnostic> Diagnostics, List<string> Failures)> AnalyzeAsync(
        Compilation compilation, ImmutableArray<DiagnosticAnalyzer> analyzers)
    {
        var exceptions = new List<string>();
        var options = new CompilationWithAnalyzersOptions(
            new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty),
            onAnalyzerException: (exception, _, _) => { lock (exceptions) exceptions.Add(exception.ToString()); },
            concurrentAnalysis: false, logAnalyzerExecutionTime: false);
        var diagnostics = await compilation.WithAnalyzers(analyzers, options).GetAnalyzerDiagnosticsAsync();
        exceptions.AddRange(diagnostics.Where(d => d.Id == "AD0001").Select(d => d.GetMessage()));
        return (diagnostics, exceptions);
    }

    /// <summary>A deliberately broken analyzer: proves the harness would see an analyzer exception.</summary>
    // Test-only, never loaded by a compiler, so it does not carry [DiagnosticAnalyzer] (which would bring the
    // shipping rules RS1036/RS1038/RS1041 that make no sense for a test assembly).
#pragma warning disable RS1001
    private sealed class ThrowingAnalyzer : DiagnosticAnalyzer
    {
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Descriptors.LabelCount);

        public override void Initialize(AnalysisContext context)
        {
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.EnableConcurrentExecution();
            context.RegisterSymbolAction(_ => throw new InvalidOperationException("boom"), SymbolKind.NamedType);
        }
    }
#pragma warning restore RS1001

    /// <summary>Every [Generator] in RecDsl.Generator (the test fails if there is none).</summary>
    private static ImmutableArray<IIncrementalGenerator> DiscoverGenerators()
    {
        var assembly = Assembly.Load("RecDsl.Generator");
        return assembly.GetTypes()
            .Where(t => !t.IsAbstract && typeof(IIncrementalGenerator).IsAssignableFrom(t) && t.GetCustomAttributes<GeneratorAttribute>().Any())
            .Select(t => (IIncrementalGenerator)Activator.CreateInstance(t)!)
            .ToImmutableArray();
    }
}
