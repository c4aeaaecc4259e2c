using RecDsl.Layers;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace RecDsl.Export;

/// <summary>
/// An <see cref="Mlp"/> in eval mode as graph nodes: each Linear with the BatchNorm1d that follows it folded in
/// (<c>s = gamma / sqrt(running_var + eps)</c>, <c>W' = s·W</c>, <c>b' = s·(b - running_mean) + beta</c>, computed in
/// float64), the activations (Dice with its running statistics), Dropout left out (identity in eval).
/// </summary>
internal static class MlpGraph
{
    /// <summary>Applies <paramref name="mlp"/> to <paramref name="x"/>, [B, C] or (<paramref name="rank3"/>) [B, L, C];
    /// weights are named <c>{prefix}.{layer index}.weight</c> after <paramref name="prefix"/>, e.g. <c>deep.layers</c>.</summary>
    public static string Apply(OnnxGraphBuilder g, Mlp mlp, string x, bool rank3, string prefix)
    {
        var layers = mlp.Layers;
        for (int i = 0; i < layers.Count; i++)
        {
            switch (layers[i])
            {
                case Linear linear:
                {
                    var norm = i + 1 < layers.Count ? layers[i + 1] as BatchNorm1d : null;
                    x = LinearLayer(g, linear, norm, x, rank3, $"{prefix}.{i}");
                    if (norm is not null) i++;
                    break;
                }
                case BatchNorm1d:
                    throw new NotSupportedException($"{prefix}: a BatchNorm1d that does not follow a Linear layer cannot be folded.");
                case Dropout:
                    break;
                default:
                    x = ActivationGraph.Apply(g, layers[i], x, $"{prefix}.{i}");
                    break;
            }
        }
        return x;
    }

    private static string LinearLayer(OnnxGraphBuilder g, Linear linear, BatchNorm1d? norm, string x, bool rank3, string name)
    {
        var w = TensorData.Doubles(linear.weight ?? throw new InvalidOperationException($"{name} has no weight."));
        var outputs = (int)linear.weight.shape[0];
        var inputs = (int)linear.weight.shape[1];
        var b = linear.bias is null ? new double[outputs] : TensorData.Doubles(linear.bias);
        if (norm is not null) Fold(norm, w, b, outputs, inputs);

        if (!rank3)
        {
            // Gemm: x [B, in] · W^T [in, out] + b, with W kept in torch's [out, in] layout.
            var weight = g.Weight(name + ".weight", ToFloat(w), outputs, inputs);
            var bias = g.Weight(name + ".bias", ToFloat(b), outputs);
            return g.Node("Gemm", new[] { x, weight, bias }, name.Replace('.', '_'), OnnxGraphBuilder.Int("transB", 1));
        }
        // Gemm is 2-D only; [B, L, in] uses MatMul with W^T [in, out], then the bias.
        var transposed = new float[inputs * outputs];
        for (int o = 0; o < outputs; o++)
            for (int k = 0; k < inputs; k++)
                transposed[k * outputs + o] = (float)w[o * inputs + k];
        var wt = g.Weight(name + ".weight_t", transposed, inputs, outputs);
        var bias3 = g.Weight(name + ".bias", ToFloat(b), outputs);
        var product = g.Node("MatMul", new[] { x, wt }, name.Replace('.', '_') + "_mm");
        return g.Node("Add", new[] { product, bias3 }, name.Replace('.', '_'));
    }

    // Eval-mode BatchNorm: y = gamma * (z - mean) / sqrt(var + eps) + beta, with z = W x + b.
    private static void Fold(BatchNorm1d norm, double[] w, double[] b, int outputs, int inputs)
    {
        var mean = TensorData.Doubles(norm.running_mean ?? throw new InvalidOperationException("BatchNorm1d has no running mean."));
        var variance = TensorData.Doubles(norm.running_var ?? throw new InvalidOperationException("BatchNorm1d has no running variance."));
        var gamma = norm.weight is null ? Enumerable.Repeat(1.0, outputs).ToArray() : TensorData.Doubles(norm.weight);
        var beta = norm.bias is null ? new double[outputs] : TensorData.Doubles(norm.bias);
        for (int o = 0; o < outputs; o++)
        {
            var scale = gamma[o] / Math.Sqrt(variance[o] + norm.eps);
            for (int k = 0; k < inputs; k++) w[o * inputs + k] *= scale;
            b[o] = (b[o] - mean[o]) * scale + beta[o];
        }
    }

    private static float[] ToFloat(double[] values) => values.Select(v => (float)v).ToArray();
}
