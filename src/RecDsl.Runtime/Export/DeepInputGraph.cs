using RecDsl.Models;

namespace RecDsl.Export;

/// <summary>The MLP input of a network's [Deep] features (<see cref="DeepInput"/>): sparse embeddings per
/// dimension group, pooled sequences, dense values, in the module's order; returns the parts [B, *] to concatenate.</summary>
internal static class DeepInputGraph
{
    public static List<string> Parts(OnnxGraphBuilder g, GraphInputs inputs, EmbeddingGraph embeddings, DeepInput layout)
    {
        var parts = new List<string>();
        foreach (var group in layout.FieldGroups)
            parts.AddRange(group.Features.Select(embeddings.Sparse));
        foreach (var s in layout.Sequences)
            parts.Add(PoolingGraph.Pool(g, embeddings.Sequence(s), inputs.Mask(s), s.Pooling, "deep_" + s.Name));
        if (layout.DenseSlots.Count > 0) parts.Add(inputs.DenseColumns(layout.DenseSlots));
        return parts;
    }

    /// <summary>Concatenates <paramref name="parts"/> along the feature axis.</summary>
    public static string Concat(OnnxGraphBuilder g, IReadOnlyList<string> parts, string hint) =>
        parts.Count == 1 ? parts[0] : g.Node("Concat", parts.ToArray(), hint, OnnxGraphBuilder.Int("axis", 1));
}
