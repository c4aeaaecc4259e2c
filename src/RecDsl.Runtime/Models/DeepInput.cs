using RecDsl.Batching;
using RecDsl.Layers;
using RecDsl.Schema;
using static TorchSharp.torch;

namespace RecDsl.Models;

/// <summary>
/// The MLP input of a network's <c>[Deep]</c> features, as a list of [B, *] parts to concatenate, in this order:
/// sparse embeddings (per embedding dimension, in group order, fields in slot order), pooled sequences (slot
/// order), raw dense values (slot order). Sparse embeddings come from the shared <see cref="FeatureEmbedder"/>.
/// </summary>
internal sealed class DeepInput : IDisposable
{
    private readonly IReadOnlyList<FieldSelection> fields;
    private readonly FeatureInfo[] sequences;
    private readonly ColumnSelection? dense;

    public DeepInput(FeatureSchema schema, FeatureEmbedder embedder, IEnumerable<FeatureInfo> features)
    {
        var list = features.DistinctBy(f => f.Name).ToArray();
        fields = embedder.SelectFieldsByDim(list);
        sequences = list.Where(f => f.Kind == FeatureKind.Sequence).OrderBy(f => f.Slot).ToArray();
        var denseSlots = list.Where(f => f.Kind == FeatureKind.Dense).OrderBy(f => f.Slot).Select(f => (long)f.Slot).ToArray();
        if (denseSlots.Length > 0) dense = new ColumnSelection(denseSlots, schema.Dense.Count);
        Size = fields.Sum(s => (long)s.Count * s.Dim) + sequences.Sum(s => (long)s.EmbeddingDim) + denseSlots.Length;
    }

    /// <summary>The sparse fields, one selection per dimension group, in input order (read by the exporters).</summary>
    public IReadOnlyList<FieldSelection> FieldGroups => fields;

    /// <summary>The pooled sequences in input order.</summary>
    public IReadOnlyList<FeatureInfo> Sequences => sequences;

    /// <summary>The dense slots in input order.</summary>
    public IReadOnlyList<long> DenseSlots => dense?.Columns ?? Array.Empty<long>();

    /// <summary>Width of the concatenated parts.</summary>
    public long Size { get; }

    /// <summary>The parts for one batch (in the caller's dispose scope).</summary>
    public List<Tensor> Parts(EmbeddedFeatures embedded, FeatureBatch batch)
    {
        var parts = new List<Tensor>(fields.Count + sequences.Length + 2);
        foreach (var selection in fields) parts.Add(embedded.Fields(selection).flatten(1));
        foreach (var s in sequences) parts.Add(MaskedPooling.Pool(embedded.Sequence(s), batch.SequenceMask(s.Slot), s.Pooling));
        if (dense is not null) parts.Add(dense.Apply(batch.Dense, 1));
        return parts;
    }

    public void Dispose() => dense?.Dispose();
}
