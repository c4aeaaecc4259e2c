using TorchSharp;
using static TorchSharp.torch;

namespace RecDsl.Training;

/// <summary>
/// One Adam update in place, in the operation order of TorchSharp 0.107's <c>AdamW</c> (which is PyTorch's), so that
/// results agree with it bit for bit: <c>w *= 1 - lr·decay</c> (decoupled decay), <c>m = b1·m + (1-b1)·g</c>,
/// <c>v = b2·v + (1-b2)·g²</c>, <c>w -= lr/(1-b1^t) · m / (sqrt(v)/sqrt(1-b2^t) + eps)</c>. Shared by
/// <see cref="LazyAdam"/> (on looked-up rows) and <see cref="DenseAdam"/>. Every number goes to TorchSharp as a cached
/// or a disposed Scalar, never an implicit one (docs/architecture.md, "Backend").
/// </summary>
internal static class AdamUpdate
{
    public const double Beta1 = 0.9;
    public const double Beta2 = 0.999;
    public const double Eps = 1e-8;

    // The constants as Scalars once for the process (every parameter of every step passes them); a Scalar is native.
    static AdamUpdate() => Backend.TorchBackend.EnsureLoaded();

    private static readonly Scalar Beta1Scalar = Beta1.ToScalar(), OneMinusBeta1 = (1 - Beta1).ToScalar(),
        Beta2Scalar = Beta2.ToScalar(), OneMinusBeta2 = (1 - Beta2).ToScalar(), EpsScalar = Eps.ToScalar();

    public static void Apply(Tensor w, Tensor m, Tensor v, Tensor g, long step, double learningRate, double decoupledDecay)
    {
        if (decoupledDecay != 0)
            using (var keep = (1 - learningRate * decoupledDecay).ToScalar()) w.mul_(keep);
        double biasCorrection1 = 1 - Math.Pow(Beta1, step);
        double biasCorrection2 = 1 - Math.Pow(Beta2, step);
        using Scalar correction2 = Math.Sqrt(biasCorrection2).ToScalar(), stepSize = (-(learningRate / biasCorrection1)).ToScalar();
        m.mul_(Beta1Scalar).add_(g, alpha: OneMinusBeta1);
        v.mul_(Beta2Scalar).addcmul_(g, g, value: OneMinusBeta2);
        var denom = v.sqrt().div_(correction2).add_(EpsScalar, Backend.Scalars.OneInteger);
        w.addcdiv_(m, denom, value: stepSize);
    }
}
