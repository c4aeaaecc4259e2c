using RecDsl.Layers;
using RecDsl.Schema;
using TorchSharp;

namespace RecDsl.Export;

/// <summary>
/// Embedding lookups of one <see cref="FeatureEmbedder"/> as Gather nodes. The fused weight of each dimension is
/// split back into one initializer per table (named <c>{prefix}.{table}</c>), so the graph needs no row offsets and
/// a row beyond a table fails in Gather instead of silently reading the next table of the fused weight.
/// A table stored compactly (<see cref="OnnxGraphBuilder.Embeddings"/>) is looked up as stored and only the rows
/// gathered are turned back into Float32: <c>Cast</c> for Float16; for Int8 <c>Cast</c> times the row's scale
/// (gathered from <c>{prefix}.{table}.scale</c> with the same rows), so the graph computes on exactly the values
/// <see cref="EmbeddingQuantization"/> describes.
/// </summary>
internal sealed class EmbeddingGraph
{
    private readonly OnnxGraphBuilder g;
    private readonly GraphInputs inputs;
    private readonly FeatureEmbedder embedder;
    private readonly string prefix;
    private readonly Dictionary<string, StoredTable> tables = new(StringComparer.Ordinal);
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
        var table = Table(feature);
        var rows = inputs.Of(feature);
        var axis = OnnxGraphBuilder.Int("axis", 0);
        var toFloat = OnnxGraphBuilder.Int("to", (long)Onnx.TensorProto.Types.DataType.Float);
        var gathered = g.Node("Gather", new[] { table.Values, rows }, feature.Name + (table.Stored == EmbeddingStorage.Float32 ? "_emb" : "_stored"), axis);
        return lookups[feature.Name] = table.Stored switch
        {
            EmbeddingStorage.Float32 => gathered,
            EmbeddingStorage.Float16 => g.Node("Cast", new[] { gathered }, feature.Name + "_emb", toFloat),
            // [B(, L), D] x [B(, L), 1]: each row by its own scale.
            _ => g.Node("Mul", new[]
            {
                g.Node("Cast", new[] { gathered }, feature.Name + "_int", toFloat),
                g.Node("Gather", new[] { table.Scales!, rows }, feature.Name + "_scale", axis),
            }, feature.Name + "_emb"),
        };
    }

    private StoredTable Table(FeatureInfo feature)
    {
        if (tables.TryGetValue(feature.Table, out var stored)) return stored;
        var fused = embedder.GroupOf(feature);
        var info = fused.Tables.Single(t => t.Name == feature.Table);
        var name = $"{prefix}.{feature.Table}";
        // Only this table's rows come to the host (copying the whole fused weight per table cost a Criteo-shaped
        // model 26 copies of it, 4 GB of arrays); the scope frees the handle that Weight makes on every call.
        using (torch.NewDisposeScope())
        {
            var rows = fused.Weight.narrow(0, fused.RowOffset(feature.Table), info.Rows);
            // A scale per row of a dimension-1 table would take as many bytes as its Float32 values.
            var storage = g.Embeddings == EmbeddingStorage.Int8 && fused.Dim == 1 ? EmbeddingStorage.Float32 : g.Embeddings;
            switch (storage)
            {
                case EmbeddingStorage.Float16:
                    using (var half = EmbeddingQuantization.Float16(rows, feature.Table))
                        stored = new(storage, g.Weight(name, half, torch.ScalarType.Float16), null);
                    break;
                case EmbeddingStorage.Int8:
                    var (values, scales) = EmbeddingQuantization.Int8(rows, feature.Table);
                    using (values)
                    using (scales)
                        stored = new(storage, g.Weight(name, values, torch.ScalarType.Int8), g.Weight(name + ".scale", scales));
                    break;
                default:
                    stored = new(storage, g.Weight(name, rows), null);
                    break;
            }
        }
        return tables[feature.Table] = stored;
    }

    /// <summary>A table's initializer(s) in the graph and how its values are stored.</summary>
    private sealed record StoredTable(EmbeddingStorage Stored, string Values, string? Scales);
}
