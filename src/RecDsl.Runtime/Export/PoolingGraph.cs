namespace RecDsl.Export;

/// <summary><see cref="Layers.MaskedPooling"/> as graph nodes: sum, mean and max over the real positions only;
/// an empty history gives zeros.</summary>
internal static class PoolingGraph
{
    /// <summary>Pools <paramref name="embeddings"/> [B, L, D] with masks [B, L]; returns [B, D].</summary>
    public static string Pool(OnnxGraphBuilder g, string embeddings, (string Bool, string Float) mask, Pooling pooling, string hint)
    {
        switch (pooling)
        {
            case Pooling.Sum:
                return Sum(g, embeddings, mask.Float, hint);
            case Pooling.Mean:
            {
                // torch: sum / clamp_min(count, 1), so an empty row is 0 / 1 = 0.
                var count = g.Node("ReduceSum", new[] { mask.Float, g.Int64s(1) }, hint + "_count", OnnxGraphBuilder.Int("keepdims", 1));
                var safe = g.Node("Max", new[] { count, g.Scalar(1f) }, hint + "_count1");
                return g.Node("Div", new[] { Sum(g, embeddings, mask.Float, hint), safe }, hint + "_mean");
            }
            case Pooling.Max:
            {
                // Padded positions become -inf so they never win; an all-padding row is then replaced by 0.
                var real = g.Node("Unsqueeze", new[] { mask.Bool, g.Int64s(-1) }, hint + "_mask3");
                var filled = g.Node("Where", new[] { real, embeddings, g.Scalar(float.NegativeInfinity) }, hint + "_filled");
                var max = g.Node("ReduceMax", new[] { filled }, hint + "_max", OnnxGraphBuilder.Ints("axes", 1), OnnxGraphBuilder.Int("keepdims", 0));
                var count = g.Node("ReduceSum", new[] { mask.Float, g.Int64s(1) }, hint + "_count", OnnxGraphBuilder.Int("keepdims", 1));
                var any = g.Node("Greater", new[] { count, g.Scalar(0f) }, hint + "_any");
                return g.Node("Where", new[] { any, max, g.Scalar(0f) }, hint + "_maxpool");
            }
            default:
                throw new ArgumentOutOfRangeException(nameof(pooling), pooling, "Unknown pooling.");
        }
    }

    private static string Sum(OnnxGraphBuilder g, string embeddings, string maskFloat, string hint)
    {
        var weight = g.Node("Unsqueeze", new[] { maskFloat, g.Int64s(-1) }, hint + "_mask3f");
        var masked = g.Node("Mul", new[] { embeddings, weight }, hint + "_masked");
        return g.Node("ReduceSum", new[] { masked, g.Int64s(1) }, hint + "_sum", OnnxGraphBuilder.Int("keepdims", 0));
    }
}
