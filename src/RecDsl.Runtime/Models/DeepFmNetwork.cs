using RecDsl.Batching;
using RecDsl.Layers;
using RecDsl.Schema;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace RecDsl.Models;

/// <summary>
/// DeepFM (Guo et al. 2017). The FM fields are the <c>[FmField]</c> features: a sparse feature is its embedding,
/// a sequence its pooled embedding, a dense feature its value times a learned vector. Logit = first order
/// (<see cref="LinearTerm"/>: per-id scalar weights, weight x value for dense, bias) + FM second order + MLP over
/// the <c>[Deep]</c> features. A feature that is both a field and [Deep] uses one embedding in both parts, as in the
/// paper (torch-rechub's first order is a linear layer over the flattened embeddings, and its Criteo example keeps
/// the sparse embeddings out of the MLP).
/// </summary>
public class DeepFmNetwork : SingleTaskNetwork
{
    private readonly FeatureEmbedder embeddings;
    private readonly LinearTerm first;
    private readonly Mlp deep;
    private readonly Parameter? denseVectors;
    private readonly FieldSelection? sparseFields;
    private readonly FeatureInfo[] sequenceFields;
    private readonly ColumnSelection? denseFields;
    private readonly DeepInput deepInput;

    /// <summary>Creates the network for <paramref name="schema"/>.</summary>
    /// <exception cref="ArgumentException">No [FmField] or no [Deep] feature, or FM fields of different dimensions.</exception>
    public DeepFmNetwork(FeatureSchema schema, DeepFmOptions? options = null) : base(nameof(DeepFmNetwork), schema)
    {
        Options = options ?? new DeepFmOptions();
        var fmFeatures = schema.RequireRole(FeatureRoles.FmField, "DeepFM");
        var deepFeatures = schema.RequireRole(FeatureRoles.Deep, "DeepFM");
        var dims = fmFeatures.Where(f => f.Kind != FeatureKind.Dense).Select(f => f.EmbeddingDim).Distinct().ToArray();
        if (dims.Length > 1)
            throw new ArgumentException($"The [FmField] features of '{schema.RecordName}' have different embedding dimensions ({string.Join(", ", dims)}); FM needs one.", nameof(schema));
        // Dense-only FM fields have no declared dimension: they take the largest one of the record.
        FieldDim = dims.Length == 1 ? dims[0] : schema.Features.Select(f => f.EmbeddingDim).DefaultIfEmpty(0).Max();
        if (FieldDim <= 0) throw new ArgumentException($"'{schema.RecordName}' has only dense features; an FM field needs an embedding dimension.", nameof(schema));

        embeddings = new FeatureEmbedder(schema, fmFeatures.Concat(deepFeatures), Options.SparseGradients, Options.EmbeddingInitStd, name: "embeddings");
        var sparse = fmFeatures.Where(f => f.Kind == FeatureKind.Sparse).OrderBy(f => f.Slot).ToArray();
        if (sparse.Length > 0) sparseFields = embeddings.SelectFields(sparse);
        sequenceFields = fmFeatures.Where(f => f.Kind == FeatureKind.Sequence).OrderBy(f => f.Slot).ToArray();
        var dense = fmFeatures.Where(f => f.Kind == FeatureKind.Dense).OrderBy(f => f.Slot).ToArray();
        if (dense.Length > 0)
        {
            denseFields = new ColumnSelection(dense.Select(f => (long)f.Slot).ToArray(), schema.Dense.Count);
            denseVectors = nn.Parameter(torch.empty(dense.Length, FieldDim));
            using (torch.no_grad()) denseVectors.normal_(0, Options.EmbeddingInitStd);
        }
        FieldCount = fmFeatures.Length;
        first = new LinearTerm(schema, fmFeatures, Options.SparseGradients, "first");
        deepInput = new DeepInput(schema, embeddings, deepFeatures);
        deep = new Mlp(deepInput.Size, Options.Hidden, Options.Activation, Options.Dropout, Options.BatchNorm, 1, "deep");
        RegisterComponents();
    }

    /// <summary>The hyperparameters.</summary>
    public DeepFmOptions Options { get; }

    /// <summary>Embedding dimension of the FM fields.</summary>
    public int FieldDim { get; }

    /// <summary>Number of FM fields.</summary>
    public int FieldCount { get; }

    /// <summary>Embeddings shared by the FM fields and the deep part.</summary>
    public FeatureEmbedder Embeddings => embeddings;

    /// <summary>The first-order term.</summary>
    public LinearTerm FirstOrder => first;

    /// <summary>Learned vectors of the dense FM fields, [dense fields, FieldDim], if any.</summary>
    public Parameter? DenseVectors => denseVectors;

    /// <summary>The deep MLP.</summary>
    public Mlp Deep => deep;

    /// <summary>The MLP input layout (read by the exporters).</summary>
    internal DeepInput Input => deepInput;

    /// <summary>The sparse FM fields in field order (read by the exporters).</summary>
    internal IReadOnlyList<FeatureInfo> SparseFields => sparseFields?.Features ?? Array.Empty<FeatureInfo>();

    /// <summary>The sequence FM fields (pooled) in field order.</summary>
    internal IReadOnlyList<FeatureInfo> SequenceFields => sequenceFields;

    /// <summary>The dense slots of the dense FM fields, in field order (rows of <see cref="DenseVectors"/>).</summary>
    internal IReadOnlyList<long> DenseFieldSlots => denseFields?.Columns ?? Array.Empty<long>();

    /// <summary>Logits, [B].</summary>
    public override Tensor forward(FeatureBatch batch)
    {
        using var scope = torch.NewDisposeScope();
        var embedded = embeddings.Lookup(batch);
        var logit = first.call(batch)
            + FactorizationMachine.SecondOrder(Fields(embedded, batch))
            + deep.call(torch.cat(deepInput.Parts(embedded, batch), 1)).squeeze(-1);
        return logit.MoveToOuterDisposeScope();
    }

    /// <summary>The FM fields of a batch, [B, FieldCount, FieldDim]: sparse fields, pooled sequences, dense vectors.</summary>
    private Tensor Fields(EmbeddedFeatures embedded, FeatureBatch batch)
    {
        var parts = new List<Tensor>(2 + sequenceFields.Length);
        if (sparseFields is not null) parts.Add(embedded.Fields(sparseFields));
        foreach (var s in sequenceFields)
            parts.Add(MaskedPooling.Pool(embedded.Sequence(s), batch.SequenceMask(s.Slot), s.Pooling).unsqueeze(1));
        if (denseFields is not null && denseVectors is not null)
            parts.Add(denseFields.Apply(batch.Dense, 1).unsqueeze(-1) * denseVectors);
        return parts.Count == 1 ? parts[0] : torch.cat(parts, 1);
    }

    /// <inheritdoc/>
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            deepInput.Dispose();
            denseFields?.Dispose();
        }
        base.Dispose(disposing);
    }
}
