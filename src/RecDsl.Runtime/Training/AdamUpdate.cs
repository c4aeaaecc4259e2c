using TorchSharp;
using static TorchSharp.torch;

namespace RecDsl.Training;

/// <summary>
/// One Adam update in place, in the operation order of TorchSharp 0.107's <c>AdamW</c> (which is PyTorch's), so that
/// results agree with it bit for bit: <c>w *= 1 - lr·decay</c> (decoupled decay), <c>m = b1·m + (1-b1)·g</c>,
/// <c>v = b2·v + (1-b2)·g²</c>, <c>w -= lr/(1-b1^t) · m / (sqrt(v)/sqrt(1-b2^t) + eps)</c>. Shared by
/// <see cref="LazyAdam"/> (on looked-up rows) and <see cref="DenseAdam"/>. Every number goes to TorchSharp as a Scalar
/// disposed after the update, never an implicit one (docs/architecture.md, "Backend").
/// </summary>
internal static class AdamUpdate
{
    public const double Beta1 = 0.9;
    public const double Beta2 = 0.999;
    public const double Eps = 1e-8;

    public static void Apply(Tensor w, Tensor m, Tensor v, Tensor g, long step, double learningRate, double decoupledDecay)
    {
        if (decoupledDecay != 0)
            using (var keep = (1 - learningRate * decoupledDecay).ToScalar()) w.mul_(keep);
        double biasCorrection1 = 1 - Math.Pow(Beta1, step);
        double biasCorrection2 = 1 - Math.Pow(Beta2, step);
        using Scalar beta1 = Beta1.ToScalar(), oneMinusBeta1 = (1 - Beta1).ToScalar(), beta2 = Beta2.ToScalar(), oneMinusBeta2 = (1 - Beta2).ToScalar(),
            correction2 = Math.Sqrt(biasCorrection2).ToScalar(), eps = Eps.ToScalar(), stepSize = (-(learningRate / biasCorrection1)).ToScalar();
        m.mul_(beta1).add_(g, alpha: oneMinusBeta1);
        v.mul_(beta2).addcmul_(g, g, value: oneMinusBeta2);
        var denom = v.sqrt().div_(correction2).add_(eps);
        w.addcdiv_(m, denom, value: stepSize);
    }
}
