using RecDsl.Layers;
using RecDsl.Schema;
using TorchSharp;

namespace RecDsl.Export;

/// <summary>
/// Embedding lookups of one <see cref="FeatureEmbedder"/> as Gather nodes. The fused weight of each dimension is
/// split back into one initializer per table (named <c>{prefix}.{table}</c>), so the graph needs no row offsets and
/// a row beyond a table fails in Gather instead of silently reading the next table of the fused weight.
/// </summary>
internal sealed class EmbeddingGraph
{
    private readonly OnnxGraphBuilder g;
    private readonly GraphInputs inputs;
    private readonly FeatureEmbedder embedder;
    private readonly string prefix;
    private readonly Dictionary<string, string> tables = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> lookups = new(StringComparer.Ordinal);

    public EmbeddingGraph(OnnxGraphBuilder builder, GraphInputs inputs, FeatureEmbedder embedder, string prefix)
    {
        g = builder;
        this.inputs = inputs;
        this.embedder = embedder;
        this.prefix = prefix;
    }

    /// <summary>Embedding of sparse <paramref name="feature"/>, [B, D].</summary>
    public string Sparse(FeatureInfo feature) => Lookup(feature);

    /// <summary>Item embeddings of sequence <paramref name="feature"/>, [B, L, D] (padding rows included: mask them).</summary>
    public string Sequence(FeatureInfo feature) => Lookup(feature);

    private string Lookup(FeatureInfo feature)
    {
        if (lookups.TryGetValue(feature.Name, out var value)) return value;
        return lookups[feature.Name] = g.Node("Gather", new[] { Table(feature), inputs.Of(feature) }, feature.Name + "_emb",
            OnnxGraphBuilder.Int("axis", 0));
    }

    private string Table(FeatureInfo feature)
    {
        if (tables.TryGetValue(feature.Table, out var name)) return name;
        var fused = embedder.GroupOf(feature);
        var info = fused.Tables.Single(t => t.Name == feature.Table);
        // Only this table's rows come to the host (copying the whole fused weight per table cost a Criteo-shaped
        // model 26 copies of it, 4 GB of arrays); the scope frees the handle that Weight makes on every call.
        using (torch.NewDisposeScope())
            return tables[feature.Table] = g.Weight($"{prefix}.{feature.Table}", fused.Weight.narrow(0, fused.RowOffset(feature.Table), info.Rows));
    }
}
