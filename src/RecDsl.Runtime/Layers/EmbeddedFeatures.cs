using RecDsl.Schema;
using static TorchSharp.torch;

namespace RecDsl.Layers;

/// <summary>The embeddings of one batch, as looked up by <see cref="FeatureEmbedder.Lookup"/>: one block per
/// dimension group, and views of it per feature. The tensors belong to the dispose scope of the caller.</summary>
public sealed class EmbeddedFeatures
{
    private readonly FeatureEmbedder embedder;
    private readonly Tensor?[] sparseParts;
    private readonly Tensor[][] sequenceParts;

    internal EmbeddedFeatures(FeatureEmbedder embedder, IReadOnlyList<Tensor> blocks, Tensor?[] sparseParts, Tensor[][] sequenceParts)
    {
        this.embedder = embedder;
        Blocks = blocks;
        this.sparseParts = sparseParts;
        this.sequenceParts = sequenceParts;
    }

    /// <summary>Per dimension group, [B, columns, D]: sparse features then sequences (see <see cref="FeatureEmbedder"/>).
    /// The per-feature accessors read split parts of these blocks; read features through them, not through views of
    /// a block, or the backward pass pays a full-block gradient per view.</summary>
    public IReadOnlyList<Tensor> Blocks { get; }

    /// <summary>The embedding of sparse <paramref name="feature"/>, [B, D].</summary>
    public Tensor Sparse(FeatureInfo feature)
    {
        var p = embedder.PositionOf(feature);
        return sparseParts[p.Group]!.select(1, p.Column);
    }

    /// <summary>The item embeddings of sequence <paramref name="feature"/>, [B, MaxLen, D]; padded positions hold
    /// the padding row and must be masked by the consumer.</summary>
    public Tensor Sequence(FeatureInfo feature)
    {
        var p = embedder.PositionOf(feature);
        return sequenceParts[p.Group][embedder.SequencePartOf(feature)];
    }

    /// <summary>The embeddings of the selected fields, [B, F, D], with one op at most.</summary>
    public Tensor Fields(FieldSelection selection) => selection.Columns.Apply(sparseParts[selection.Group]!, 1);
}
