using RecDsl.Layers;

namespace RecDsl.Export;

/// <summary><see cref="DinAttention"/> in eval mode as graph nodes: scores from the activation unit over
/// <c>[q, k, q - k, q * k]</c>, masked (or a masked softmax), then the weighted sum of the keys.</summary>
internal static class DinAttentionGraph
{
    /// <summary>Interest vector [B, D] of <paramref name="query"/> [B, D] over <paramref name="keys"/> [B, L, D]
    /// at the positions where <paramref name="mask"/> [B, L] is true.</summary>
    public static string Apply(OnnxGraphBuilder g, DinAttention attention, string query, string keys, (string Bool, string Float) mask, string prefix)
    {
        var hint = prefix.Replace('.', '_');
        var q = g.Node("Expand", new[] { g.Node("Unsqueeze", new[] { query, g.Int64s(1) }, hint + "_q1"), g.Node("Shape", new[] { keys }, hint + "_kshape") }, hint + "_q");
        var diff = g.Node("Sub", new[] { q, keys }, hint + "_qmk");
        var product = g.Node("Mul", new[] { q, keys }, hint + "_qk");
        var unitInput = g.Node("Concat", new[] { q, keys, diff, product }, hint + "_unit_in", OnnxGraphBuilder.Int("axis", -1));
        // Eval-mode Dice uses running statistics, so the mask the module passes to it plays no part here.
        var scores3 = MlpGraph.Apply(g, attention.Unit, unitInput, rank3: true, prefix + ".unit.layers");
        var scores = g.Node("Squeeze", new[] { scores3, g.Int64s(-1) }, hint + "_scores");
        string weights;
        if (attention.Softmax)
        {
            // torch: masked_fill(!mask, float.MinValue).softmax(-1) * mask: finite fill, so an empty row stays finite.
            var filled = g.Node("Where", new[] { mask.Bool, scores, g.Scalar(float.MinValue) }, hint + "_filled");
            var soft = g.Node("Softmax", new[] { filled }, hint + "_softmax", OnnxGraphBuilder.Int("axis", -1));
            weights = g.Node("Mul", new[] { soft, mask.Float }, hint + "_weights");
        }
        else
        {
            weights = g.Node("Mul", new[] { scores, mask.Float }, hint + "_weights");
        }
        // [B, 1, L] x [B, L, D] -> [B, 1, D] -> [B, D], as torch's bmm.
        var weighted = g.Node("MatMul", new[] { g.Node("Unsqueeze", new[] { weights, g.Int64s(1) }, hint + "_w1"), keys }, hint + "_bmm");
        return g.Node("Squeeze", new[] { weighted, g.Int64s(1) }, hint + "_interest");
    }
}
