using RecDsl.Batching;
using RecDsl.Benchmarks.Shapes;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace RecDsl.Benchmarks.Baselines;

/// <summary>
/// DeepFM written by hand in the layout of torch-rechub and DeepCTR-Torch: one <c>nn.Embedding</c> per field (and
/// one 1-dimensional <c>nn.Embedding</c> per field for the first-order weights), looked up field by field, trained
/// with dense Adam. It computes the same function as <see cref="Models.DeepFmNetwork"/> on the Criteo schema
/// (first order = per-id weights + bias, FM over the 26 sparse fields, MLP over their embeddings and the raw dense
/// values), so the comparison measures the layout and the optimizer, not the model.
/// </summary>
/// <remarks>torch-rechub's own DeepFM takes its first order as a Linear over the flattened embeddings instead of
/// per-id weights; that saves the 26 one-dimensional tables (1/16 of the embedding rows' size), nothing else.</remarks>
public sealed class PerFieldDeepFm : nn.Module<FeatureBatch, Tensor>
{
    private readonly ModuleList<Embedding> embeddings = new();
    private readonly ModuleList<Embedding> firstOrder = new();
    private readonly Parameter bias;
    private readonly Sequential mlp;

    public PerFieldDeepFm(IReadOnlyList<long> cardinalities, int dim, int denseFields, IReadOnlyList<int> hidden, bool batchNorm)
        : base(nameof(PerFieldDeepFm))
    {
        foreach (var cardinality in cardinalities)
        {
            var rows = cardinality + Schema.EmbeddingRows.Reserved;
            var embedding = nn.Embedding(rows, dim);
            var weight = nn.Embedding(rows, 1);
            using (no_grad())
            {
                embedding.weight!.normal_(0, 0.01);
                weight.weight!.zero_();
            }
            embeddings.Add(embedding);
            firstOrder.Add(weight);
        }
        bias = nn.Parameter(zeros(1));
        var layers = new List<(string, nn.Module<Tensor, Tensor>)>();
        long input = cardinalities.Count * dim + denseFields;
        for (int i = 0; i < hidden.Count; i++)
        {
            layers.Add(($"linear{i}", nn.Linear(input, hidden[i])));
            if (batchNorm) layers.Add(($"bn{i}", nn.BatchNorm1d(hidden[i])));
            layers.Add(($"relu{i}", nn.ReLU()));
            input = hidden[i];
        }
        layers.Add(("out", nn.Linear(input, 1)));
        mlp = nn.Sequential(layers);
        RegisterComponents();
    }

    /// <summary>One table per field, in field order.</summary>
    public ModuleList<Embedding> Embeddings => embeddings;

    /// <summary>One first-order weight table per field, in field order.</summary>
    public ModuleList<Embedding> FirstOrder => firstOrder;

    public Parameter Bias => bias;

    /// <summary>Linear, BatchNorm1d, ReLU per hidden size, then the output Linear.</summary>
    public Sequential Mlp => mlp;

    public static PerFieldDeepFm Criteo(IReadOnlyList<int> hidden, bool batchNorm) =>
        new(CriteoShape.Cardinalities, CriteoShape.EmbeddingDim, CriteoShape.DenseFields, hidden, batchNorm);

    /// <summary>Logits [B].</summary>
    public override Tensor forward(FeatureBatch batch)
    {
        using var scope = NewDisposeScope();
        var fields = new Tensor[embeddings.Count];
        var weights = new Tensor[embeddings.Count];
        for (int f = 0; f < embeddings.Count; f++)
        {
            var ids = batch.SparseRows.select(1, f);
            fields[f] = embeddings[f].call(ids);
            weights[f] = firstOrder[f].call(ids);
        }
        var e = stack(fields, 1);                                       // [B, F, D]
        var first = cat(weights, 1).sum(1) + bias;                      // [B]
        var sum = e.sum(1);
        var second = 0.5 * (sum * sum - (e * e).sum(1)).sum(1);         // [B]
        var deep = mlp.call(cat([e.flatten(1), batch.Dense], 1)).squeeze(-1);
        return (first + second + deep).MoveToOuterDisposeScope();
    }
}
