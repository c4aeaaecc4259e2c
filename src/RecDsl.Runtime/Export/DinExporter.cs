using RecDsl.Models;

namespace RecDsl.Export;

/// <summary>DIN: top MLP over the [Deep] inputs and one interest vector per attention group.</summary>
internal static class DinExporter
{
    public static string Logit(OnnxGraphBuilder g, GraphInputs inputs, DinNetwork network)
    {
        var embeddings = new EmbeddingGraph(g, inputs, network.Embeddings, "embeddings");
        var parts = DeepInputGraph.Parts(g, inputs, embeddings, network.Input);
        for (int i = 0; i < network.AttentionGroups.Count; i++)
            parts.Add(Interest(g, inputs, embeddings, network.AttentionGroups[i], network.Attentions[i], $"attentions.{i}"));
        var x = DeepInputGraph.Concat(g, parts, "mlp_input");
        return g.Node("Squeeze", new[] { MlpGraph.Apply(g, network.Mlp, x, rank3: false, "mlp.layers"), g.Int64s(1) }, "logit");
    }

    private static string Interest(OnnxGraphBuilder g, GraphInputs inputs, EmbeddingGraph embeddings, AttentionGroup group,
        RecDsl.Layers.DinAttention attention, string prefix)
    {
        if (group.Sequences.Count == 1)
        {
            var s = group.Sequences[0];
            return DinAttentionGraph.Apply(g, attention, embeddings.Sparse(group.Targets[0]), embeddings.Sequence(s), inputs.Mask(s), prefix);
        }
        // Joint group: mask = any member real; query and keys concatenated; each member's keys times its own mask,
        // so its padding row stays out where another member is real.
        var masks = group.Sequences.Select(inputs.Mask).ToArray();
        var any = masks.Skip(1).Aggregate(masks[0].Bool, (a, m) => g.Node("Or", new[] { a, m.Bool }, prefix.Replace('.', '_') + "_mask"));
        var anyFloat = g.Node("Cast", new[] { any }, prefix.Replace('.', '_') + "_mask_f", OnnxGraphBuilder.Int("to", (long)Onnx.TensorProto.Types.DataType.Float));
        var query = g.Node("Concat", group.Targets.Select(embeddings.Sparse).ToArray(), prefix.Replace('.', '_') + "_query", OnnxGraphBuilder.Int("axis", -1));
        var keys = g.Node("Concat", group.Sequences.Select((s, i) =>
            g.Node("Mul", new[] { embeddings.Sequence(s), g.Node("Unsqueeze", new[] { masks[i].Float, g.Int64s(-1) }, s.Name + "_mask3f") }, s.Name + "_keys")).ToArray(),
            prefix.Replace('.', '_') + "_keys", OnnxGraphBuilder.Int("axis", -1));
        return DinAttentionGraph.Apply(g, attention, query, keys, (any, anyFloat), prefix);
    }
}
