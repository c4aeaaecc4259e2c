using System.Diagnostics;
using RecDsl.Generator.Tests.Infrastructure;
using Xunit.Abstractions;

namespace RecDsl.Generator.Tests.Driver;

/// <summary>Many records in one compilation: every record gets its files, all distinct, and the result compiles. The
/// time is printed for information only (benchmarks, not unit tests, hold performance claims).</summary>
public class ScaleTests(ITestOutputHelper output)
{
    [Fact]
    public void Two_hundred_records_each_get_their_files_and_compile()
    {
        var sources = Enumerable.Range(0, 200).Select(i => $$"""
            using RecDsl;
            namespace Scale.N{{i % 10}}
            {
                [DeepFM, WideDeep]
                public sealed record Row{{i}}
                {
                    [Sparse(Vocab = 100), FmField, Deep, Wide] public int A { get; init; }
                    [Sparse(HashBuckets = 64), FmField, Deep] public string? B { get; init; }
                    [Sequence(Target = nameof(A), MaxLen = 5), Deep] public int[] C { get; init; } = new int[0];
                    [Dense, Deep, Wide] public float D { get; init; }
                    [Label] public bool Y { get; init; }
                }
            }
            """).ToArray();
        var clock = Stopwatch.StartNew();
        GeneratorRun.Run(sources);
        output.WriteLine($"generator on 200 records, cold: {clock.ElapsedMilliseconds} ms (includes JIT and binding)");
        var compilationOnly = TestCompilation.Create(sources);
        clock.Restart();
        _ = compilationOnly.GetDiagnostics();
        output.WriteLine($"binding the 200 records without the generator: {clock.ElapsedMilliseconds} ms");
        clock.Restart();
        var (result, compilation, _) = GeneratorRun.Run(sources);
        output.WriteLine($"generator on 200 records, warm fresh driver: {clock.ElapsedMilliseconds} ms");
        Assert.Empty(result.Diagnostics);
        var hints = GeneratorRun.Files(result).Select(f => f.HintName).ToList();
        Assert.Equal(200 * 6, hints.Count); // Schema, Batch, Collator, CsvReader, WideDeep, DeepFM (no vocabulary)
        Assert.Equal(hints.Count, hints.Distinct().Count());
        var problems = TestCompilation.Problems(compilation);
        Assert.True(problems.Count == 0, TestCompilation.Describe(problems.Take(10)));
    }
}
