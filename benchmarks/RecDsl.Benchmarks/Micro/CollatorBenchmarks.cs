using BenchmarkDotNet.Attributes;
using RecDsl.Backend;
using RecDsl.Benchmarks.Collators;

namespace RecDsl.Benchmarks.Micro;

/// <summary>Collating one batch of 4096 Criteo rows into host tensors. The generated collator joins as a second
/// benchmark (baseline = reflection) once the project references the generator (branch gen).</summary>
[Config(typeof(MicroConfig))]
[MemoryDiagnoser]
public class CollatorBenchmarks
{
    private CriteoRow[] rows = null!;
    private ReflectionCollator<CriteoRow> reflection = null!;

    [GlobalSetup]
    public void Setup()
    {
        TorchBackend.EnsureLoaded();
        rows = CriteoRow.Random(4096, seed: 7);
        reflection = new ReflectionCollator<CriteoRow>();
    }

    [Benchmark(Baseline = true)]
    public void Reflection() => reflection.Collate(rows).Dispose();
}
