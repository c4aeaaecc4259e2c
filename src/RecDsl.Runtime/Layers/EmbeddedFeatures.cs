using RecDsl.Schema;
using static TorchSharp.torch;

namespace RecDsl.Layers;

/// <summary>The embeddings of one batch, as looked up by <see cref="FeatureEmbedder.Lookup"/>: one block per
/// dimension group, and views of it per feature. The tensors belong to the dispose scope of the caller.</summary>
public sealed class EmbeddedFeatures
{
    private readonly FeatureEmbedder embedder;

    internal EmbeddedFeatures(FeatureEmbedder embedder, IReadOnlyList<Tensor> blocks)
    {
        this.embedder = embedder;
        Blocks = blocks;
    }

    /// <summary>Per dimension group, [B, columns, D]: sparse features then sequences (see <see cref="FeatureEmbedder"/>).</summary>
    public IReadOnlyList<Tensor> Blocks { get; }

    /// <summary>The embedding of sparse <paramref name="feature"/>, [B, D].</summary>
    public Tensor Sparse(FeatureInfo feature)
    {
        var p = embedder.PositionOf(feature);
        return Blocks[p.Group].select(1, p.Column);
    }

    /// <summary>The item embeddings of sequence <paramref name="feature"/>, [B, MaxLen, D]; padded positions hold
    /// the padding row and must be masked by the consumer.</summary>
    public Tensor Sequence(FeatureInfo feature)
    {
        var p = embedder.PositionOf(feature);
        return Blocks[p.Group].narrow(1, p.Column, p.Length);
    }

    /// <summary>The embeddings of the selected fields, [B, F, D], with one op at most.</summary>
    public Tensor Fields(FieldSelection selection) => selection.Columns.Apply(Blocks[selection.Group], 1);
}
