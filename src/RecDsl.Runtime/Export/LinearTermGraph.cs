using RecDsl.Layers;

namespace RecDsl.Export;

/// <summary><see cref="LinearTerm"/> as graph nodes: bias + per-id scalar weights of the sparse features + pooled
/// per-id weights of each sequence + dense values · weights, [B]. The same summation order as the module.</summary>
internal static class LinearTermGraph
{
    /// <summary>The term's score [B]; <paramref name="prefix"/> is its name in the network (<c>wide</c>, <c>first</c>),
    /// and its weights are named <c>{prefix}.*</c>.</summary>
    public static string Apply(OnnxGraphBuilder g, GraphInputs inputs, LinearTerm term, string prefix)
    {
        var bias = g.Weight(prefix + ".bias", term.Bias);
        // [1] + [B] broadcasts to [B], as torch's bias.expand(B).
        string? score = null;
        string Add(string value) => score = score is null
            ? g.Node("Add", new[] { bias, value }, prefix + "_score")
            : g.Node("Add", new[] { score, value }, prefix + "_score");

        if (term.IdWeights is not null)
        {
            var weights = new EmbeddingGraph(g, inputs, term.IdWeights, prefix + ".weights");
            if (term.SparseFeatures.Count > 0)
            {
                // [B, 1] per feature -> [B, F] -> sum over fields.
                var columns = term.SparseFeatures.Select(weights.Sparse).ToArray();
                var block = columns.Length == 1 ? columns[0] : g.Node("Concat", columns, prefix + "_ids", OnnxGraphBuilder.Int("axis", 1));
                Add(g.Node("ReduceSum", new[] { block, g.Int64s(1) }, prefix + "_id_sum", OnnxGraphBuilder.Int("keepdims", 0)));
            }
            foreach (var s in term.SequenceFeatures)
            {
                var pooled = PoolingGraph.Pool(g, weights.Sequence(s), inputs.Mask(s), s.Pooling, $"{prefix}_{s.Name}");
                Add(g.Node("Squeeze", new[] { pooled, g.Int64s(1) }, $"{prefix}_{s.Name}_scalar"));
            }
        }
        if (term.DenseWeight is not null)
        {
            var dense = inputs.DenseColumns(term.DenseSlots);
            var weight = g.Weight(prefix + ".dense_weight", term.DenseWeight);
            // [B, n] · [n] -> [B].
            Add(g.Node("MatMul", new[] { dense, weight }, prefix + "_dense"));
        }
        return score ?? g.Node("Expand", new[] { bias, g.Node("Shape", new[] { inputs.Of(inputs.Schema.Features[0]) }, prefix + "_batch") }, prefix + "_score");
    }
}
