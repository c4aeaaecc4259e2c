using BenchmarkDotNet.Attributes;
using RecDsl.Backend;
using RecDsl.Benchmarks.Shapes;
using RecDsl.Layers;
using RecDsl.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace RecDsl.Benchmarks.Micro;

/// <summary>
/// One training update of the Criteo-sized fused embedding table alone (2,069,348 x 16): zero the gradients, look up
/// a batch of 4096 x 26 ids, backward a sum, optimizer step. Dense gradient + Adam (the trainer's, TorchSharp's formula) versus sparse gradient
/// + LazyAdam: the part of a DeepFM step that the optimizer choice changes.
/// </summary>
[Config(typeof(MicroConfig))]
public class EmbeddingUpdateBenchmarks
{
    private EmbeddingTable table = null!;
    private TrainingOptimizer optimizer = null!;
    private Tensor rows = null!;

    [Params(OptimizerKind.Adam, OptimizerKind.LazyAdam)]
    public OptimizerKind Optimizer { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        TorchBackend.EnsureLoaded();
        table = new EmbeddingTable(CriteoShape.Cardinalities.Sum() + 26 * Schema.EmbeddingRows.Reserved, 16,
            sparseGradients: Optimizer == OptimizerKind.LazyAdam);
        optimizer = TrainingOptimizer.Create(Optimizer, table.parameters().Select(p => (p, 0.0)).ToList(), 1e-3);
        using var batch = CriteoShape.Batch(4096, seed: 5);
        // Offsets of the fused layout: each field's rows follow the previous fields' tables.
        var offsets = CriteoShape.Cardinalities.Select(c => c + Schema.EmbeddingRows.Reserved).Prepend(0L).SkipLast(1).ToArray();
        for (int i = 1; i < offsets.Length; i++) offsets[i] += offsets[i - 1];
        rows = (batch.SparseRows + tensor(offsets)).DetachFromDisposeScope();
    }

    [Benchmark]
    public void LookupBackwardStep()
    {
        using var scope = NewDisposeScope();
        optimizer.ZeroGrad();
        table.call(rows).sum().backward();
        optimizer.Step();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        optimizer.Dispose();
        table.Dispose();
        rows.Dispose();
    }
}
