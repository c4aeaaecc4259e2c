using RecDsl.Batching;
using RecDsl.Layers;
using RecDsl.Models;
using RecDsl.Schema;
using TorchSharp;
using static TorchSharp.torch;

namespace RecDsl.Tests.Models;

/// <summary>Random rows for a schema, kept on the host so that tests can derive labels from them, and the
/// training/inspection helpers the network tests share.</summary>
internal sealed class Synthetic
{
    public Synthetic(FeatureSchema schema, int count, int seed, double oovRate = 0.05)
    {
        Schema = schema;
        Count = count;
        var rng = new Random(seed);
        Ids = new long[count, schema.Sparse.Count];
        Sparse = new long[count * schema.Sparse.Count];
        for (int b = 0; b < count; b++)
            foreach (var f in schema.Sparse)
            {
                var id = rng.NextInt64(f.Cardinality);
                Ids[b, f.Slot] = id;
                Sparse[b * schema.Sparse.Count + f.Slot] = rng.NextDouble() < oovRate ? EmbeddingRows.Oov : EmbeddingRows.RowOf(id, f.Cardinality);
            }
        Histories = schema.Sequences.Select(f =>
        {
            var rows = new long[count, f.MaxLen];
            for (int b = 0; b < count; b++)
            {
                var length = rng.Next(f.MaxLen + 1); // includes empty histories
                for (int l = 0; l < length; l++) rows[b, l] = EmbeddingRows.RowOf(rng.NextInt64(f.Cardinality), f.Cardinality);
            }
            return rows;
        }).ToArray();
        Dense = new float[count * schema.Dense.Count];
        for (int i = 0; i < Dense.Length; i++) Dense[i] = (float)(rng.NextDouble() * 2 - 1);
    }

    public FeatureSchema Schema { get; }

    public int Count { get; }

    /// <summary>Raw ids [row, sparse slot] (before the OOV draw).</summary>
    public long[,] Ids { get; }

    /// <summary>Table rows, row-major [B, S].</summary>
    public long[] Sparse { get; }

    /// <summary>Per sequence slot, table rows [B, MaxLen], padded with 0.</summary>
    public long[][,] Histories { get; }

    /// <summary>Dense values, row-major [B, D], in [-1, 1].</summary>
    public float[] Dense { get; }

    public float DenseValue(int row, int slot) => Dense[row * Schema.Dense.Count + slot];

    public FeatureBatch Batch(float[]? label = null, float[]? click = null, float[]? conversion = null) => new(Count,
        torch.tensor(Sparse, Count, Schema.Sparse.Count),
        torch.tensor(Dense, Count, Schema.Dense.Count),
        Histories.Select(h => torch.tensor(h)).ToArray(),
        label is null ? null : torch.tensor(label),
        click is null ? null : torch.tensor(click),
        conversion is null ? null : torch.tensor(conversion));

    /// <summary>Trains on one fixed batch; returns the loss of the first and of the last step.</summary>
    public static (double First, double Last) Train(RecNetwork network, FeatureBatch batch, int steps, double lr, bool sgd = false)
    {
        network.train();
        using var optimizer = sgd ? (optim.Optimizer)optim.SGD(network.parameters(), lr) : optim.Adam(network.parameters(), lr);
        double first = double.NaN, last = double.NaN;
        for (int step = 0; step < steps; step++)
        {
            using var scope = torch.NewDisposeScope();
            optimizer.zero_grad();
            var loss = network.Loss(network.call(batch), batch);
            loss.backward();
            optimizer.step();
            var value = loss.item<float>();
            if (step == 0) first = value;
            last = value;
        }
        return (first, last);
    }

    /// <summary>Runs forward and backward once and checks that every parameter got a finite gradient.</summary>
    public static void BackwardReachesEveryParameter(RecNetwork network, FeatureBatch batch)
    {
        using var scope = torch.NewDisposeScope();
        network.train();
        network.zero_grad();
        network.Loss(network.call(batch), batch).backward();
        foreach (var (name, parameter) in network.named_parameters())
        {
            var grad = parameter.grad;
            Assert.True(grad is not null, $"{name} has no gradient");
            Numeric.Finite(grad.is_sparse ? grad.to_dense() : grad);
        }
    }

    /// <summary>Every fused embedding table inside <paramref name="network"/> (embeddings and per-id weights).</summary>
    public static IEnumerable<FusedEmbedding> FusedTables(nn.Module network) => network.modules().OfType<FusedEmbedding>();

    /// <summary>Overwrites the padding row of every table inside <paramref name="network"/>.</summary>
    public static void FillPaddingRows(nn.Module network, double value)
    {
        using var noGrad = torch.no_grad();
        foreach (var fused in FusedTables(network))
            foreach (var table in fused.Tables)
                fused.Weight[fused.RowOffset(table.Name) + EmbeddingRows.Padding].fill_(value);
    }
}
