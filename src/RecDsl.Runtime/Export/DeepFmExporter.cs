using RecDsl.Models;

namespace RecDsl.Export;

/// <summary>DeepFM: logit = first order (linear term) + FM second order over the fields + deep MLP.</summary>
internal static class DeepFmExporter
{
    public static string Logit(OnnxGraphBuilder g, GraphInputs inputs, DeepFmNetwork network)
    {
        var embeddings = new EmbeddingGraph(g, inputs, network.Embeddings, "embeddings");
        var first = LinearTermGraph.Apply(g, inputs, network.FirstOrder, "first");
        var second = SecondOrder(g, Fields(g, inputs, embeddings, network));
        var x = DeepInputGraph.Concat(g, DeepInputGraph.Parts(g, inputs, embeddings, network.Input), "deep_input");
        var deep = g.Node("Squeeze", new[] { MlpGraph.Apply(g, network.Deep, x, rank3: false, "deep.layers"), g.Int64s(1) }, "deep_logit");
        return g.Node("Add", new[] { g.Node("Add", new[] { first, second }, "fm_logit"), deep }, "logit");
    }

    // [B, F, D]: sparse field embeddings, pooled sequences, dense value x learned vector, in the module's order.
    private static string Fields(OnnxGraphBuilder g, GraphInputs inputs, EmbeddingGraph embeddings, DeepFmNetwork network)
    {
        var parts = new List<string>();
        foreach (var f in network.SparseFields)
            parts.Add(g.Node("Unsqueeze", new[] { embeddings.Sparse(f), g.Int64s(1) }, f.Name + "_field"));
        foreach (var s in network.SequenceFields)
        {
            var pooled = PoolingGraph.Pool(g, embeddings.Sequence(s), inputs.Mask(s), s.Pooling, "fm_" + s.Name);
            parts.Add(g.Node("Unsqueeze", new[] { pooled, g.Int64s(1) }, s.Name + "_field"));
        }
        if (network.DenseVectors is not null)
        {
            var vectors = g.Weight("dense_vectors", network.DenseVectors);
            var values = g.Node("Unsqueeze", new[] { inputs.DenseColumns(network.DenseFieldSlots), g.Int64s(-1) }, "fm_dense_values");
            parts.Add(g.Node("Mul", new[] { values, vectors }, "fm_dense_fields"));
        }
        return parts.Count == 1 ? parts[0] : g.Node("Concat", parts.ToArray(), "fm_fields", OnnxGraphBuilder.Int("axis", 1));
    }

    // 0.5 * sum_d[(sum_f e)^2 - sum_f e^2] -> [B].
    private static string SecondOrder(OnnxGraphBuilder g, string fields)
    {
        var sum = g.Node("ReduceSum", new[] { fields, g.Int64s(1) }, "fm_sum", OnnxGraphBuilder.Int("keepdims", 0));
        var squareOfSum = g.Node("Mul", new[] { sum, sum }, "fm_square_of_sum");
        var squares = g.Node("Mul", new[] { fields, fields }, "fm_squares");
        var sumOfSquares = g.Node("ReduceSum", new[] { squares, g.Int64s(1) }, "fm_sum_of_squares", OnnxGraphBuilder.Int("keepdims", 0));
        var difference = g.Node("Sub", new[] { squareOfSum, sumOfSquares }, "fm_difference");
        var half = g.Node("Mul", new[] { g.Scalar(0.5f), difference }, "fm_half");
        return g.Node("ReduceSum", new[] { half, g.Int64s(1) }, "fm_second_order", OnnxGraphBuilder.Int("keepdims", 0));
    }
}
