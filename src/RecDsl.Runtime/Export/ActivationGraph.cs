using RecDsl.Layers;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace RecDsl.Export;

/// <summary>The hidden-layer activations of <see cref="Activations"/> as graph nodes, in eval mode.</summary>
internal static class ActivationGraph
{
    /// <summary>Applies <paramref name="activation"/> (over the last dimension) to <paramref name="x"/>.</summary>
    public static string Apply(OnnxGraphBuilder g, nn.Module<Tensor, Tensor> activation, string x, string name)
    {
        var hint = name.Replace('.', '_');
        return activation switch
        {
            ReLU => g.Node("Relu", new[] { x }, hint + "_relu"),
            Sigmoid => Logistic(g, x, hint + "_sigmoid"),
            Tanh => g.Node("Tanh", new[] { x }, hint + "_tanh"),
            // ONNX PRelu broadcasts the slope [C] against the last dimension, as RecDsl's PRelu does.
            PRelu prelu => g.Node("PRelu", new[] { x, g.Weight(name + ".slope", prelu.Slope) }, hint + "_prelu"),
            Dice dice => DiceEval(g, dice, x, name, hint),
            _ => throw new NotSupportedException($"{name}: activation {activation.GetType().Name} has no ONNX export."),
        };
    }

    /// <summary>sigmoid(x) written as 1 / (1 + exp(-x)), not as ONNX's Sigmoid. ONNX Runtime's CPU Sigmoid kernel is an
    /// approximation whose relative error grows in the negative tail, where click probabilities live (measured with
    /// ONNX Runtime 1.31.1 against float64: 2e-5 at p = 0.005, 2e-4 at p = 5e-4, 1% at p = 3e-5); its Exp is accurate,
    /// and this form is within 1.3e-7 of float64 from x = -18 to 6, as torch.sigmoid is. exp(-x) overflows to infinity for
    /// x below about -88, which gives 0, and vanishes for large x, which gives 1: the limits torch gives too.</summary>
    public static string Logistic(OnnxGraphBuilder g, string x, string hint)
    {
        var one = g.Scalar(1f);
        var exp = g.Node("Exp", new[] { g.Node("Neg", new[] { x }, hint + "_neg") }, hint + "_exp");
        return g.Node("Div", new[] { one, g.Node("Add", new[] { one, exp }, hint + "_1pexp") }, hint);
    }

    // Eval mode: p = sigmoid((x - running_mean) / sqrt(running_var + eps)), out = x * (p + (1 - p) * alpha).
    private static string DiceEval(OnnxGraphBuilder g, Dice dice, string x, string name, string hint)
    {
        var channels = dice.Channels;
        var variance = TensorData.Floats(dice.RunningVar);
        // Same float32 arithmetic as torch's (var + eps).rsqrt(), done once here instead of per call.
        var invStd = variance.Select(v => (float)(1.0 / Math.Sqrt((float)(v + (float)dice.Eps)))).ToArray();
        var mean = g.Weight(name + ".running_mean", dice.RunningMean);
        var scale = g.Weight(name + ".inv_std", invStd, channels);
        var alpha = g.Weight(name + ".alpha", dice.Alpha);
        var centered = g.Node("Sub", new[] { x, mean }, hint + "_centered");
        var p = Logistic(g, g.Node("Mul", new[] { centered, scale }, hint + "_norm"), hint + "_p");
        var offSide = g.Node("Mul", new[] { g.Node("Sub", new[] { g.Scalar(1f), p }, hint + "_1mp"), alpha }, hint + "_off");
        var gate = g.Node("Add", new[] { p, offSide }, hint + "_gate");
        return g.Node("Mul", new[] { x, gate }, hint + "_dice");
    }
}
