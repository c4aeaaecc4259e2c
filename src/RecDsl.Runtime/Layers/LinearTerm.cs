using RecDsl.Batching;
using RecDsl.Schema;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace RecDsl.Layers;

/// <summary>
/// A linear model over features: one learned scalar per id of each sparse feature (a 1-dimensional embedding,
/// i.e. one-hot logistic regression), the pooled scalars of each sequence's real items (the sequence's
/// <see cref="FeatureInfo.Pooling"/>, Mean by default), one weight per dense value, and a bias. This is
/// WideDeep's wide part and DeepFM's first-order term. Every weight starts at zero (the problem is convex).
/// </summary>
public sealed class LinearTerm : nn.Module<FeatureBatch, Tensor>
{
    private readonly FeatureEmbedder? weights;
    private readonly Parameter? denseWeight;
    private readonly Parameter bias;
    private readonly FieldSelection? sparseFields;
    private readonly FeatureInfo[] sequences;
    private readonly ColumnSelection? denseColumns;

    /// <summary>Creates the linear term over <paramref name="features"/>.</summary>
    /// <param name="schema">The declaration.</param>
    /// <param name="features">Sparse, sequence and dense features the term sees.</param>
    /// <param name="sparseGradients">Give the per-id weights sparse gradients.</param>
    /// <param name="name">Module name.</param>
    public LinearTerm(FeatureSchema schema, IEnumerable<FeatureInfo> features, bool sparseGradients = false,
        string name = nameof(LinearTerm)) : base(BackendFirst.Name(name))
    {
        Features = features.DistinctBy(f => f.Name).ToArray();
        var sparse = Features.Where(f => f.Kind == FeatureKind.Sparse).OrderBy(f => f.Slot).ToArray();
        sequences = Features.Where(f => f.Kind == FeatureKind.Sequence).OrderBy(f => f.Slot).ToArray();
        var dense = Features.Where(f => f.Kind == FeatureKind.Dense).OrderBy(f => f.Slot).ToArray();
        if (sparse.Length + sequences.Length > 0)
        {
            weights = new FeatureEmbedder(schema, sparse.Concat(sequences), sparseGradients, initStd: 0, dim: 1, name: "weights");
            if (sparse.Length > 0) sparseFields = weights.SelectFields(sparse);
        }
        if (dense.Length > 0)
        {
            denseWeight = nn.Parameter(torch.zeros(dense.Length));
            denseColumns = new ColumnSelection(dense.Select(f => (long)f.Slot).ToArray(), schema.Dense.Count);
        }
        bias = nn.Parameter(torch.zeros(1));
        RegisterComponents();
    }

    /// <summary>The features the term sees.</summary>
    public IReadOnlyList<FeatureInfo> Features { get; }

    /// <summary>The per-id scalar weights (one fused table of dimension 1), if any sparse or sequence feature.</summary>
    public FeatureEmbedder? IdWeights => weights;

    /// <summary>Weights of the dense values in slot order, if any dense feature.</summary>
    public Parameter? DenseWeight => denseWeight;

    /// <summary>The bias, [1].</summary>
    public Parameter Bias => bias;

    /// <summary>The sparse features in summation order (read by the exporters).</summary>
    internal IReadOnlyList<FeatureInfo> SparseFeatures => sparseFields?.Features ?? Array.Empty<FeatureInfo>();

    /// <summary>The sequences in summation order.</summary>
    internal IReadOnlyList<FeatureInfo> SequenceFeatures => sequences;

    /// <summary>The dense slots, in the order of <see cref="DenseWeight"/>.</summary>
    internal IReadOnlyList<long> DenseSlots => denseColumns?.Columns ?? Array.Empty<long>();

    /// <summary>The linear score of every row, [B].</summary>
    public override Tensor forward(FeatureBatch batch)
    {
        using var scope = torch.NewDisposeScope();
        var score = bias.expand(batch.SparseRows.shape[0]);
        if (weights is not null)
        {
            var looked = weights.Lookup(batch);
            if (sparseFields is not null) score = score + looked.Fields(sparseFields).sum(new long[] { 1, 2 });
            foreach (var s in sequences)
                score = score + MaskedPooling.Pool(looked.Sequence(s), batch.SequenceMask(s.Slot), s.Pooling).squeeze(1);
        }
        if (denseWeight is not null && denseColumns is not null)
            score = score + denseColumns.Apply(batch.Dense, 1).matmul(denseWeight);
        return score.MoveToOuterDisposeScope();
    }

    /// <inheritdoc/>
    protected override void Dispose(bool disposing)
    {
        if (disposing) denseColumns?.Dispose();
        base.Dispose(disposing);
    }
}
