using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace RecDsl.Training;

/// <summary>
/// <see cref="OptimizerKind.Adam"/> and <see cref="OptimizerKind.AdamW"/>: TorchSharp 0.107's <c>Adam</c> / <c>AdamW</c>
/// operation for operation (bitwise the same results; tested against them), without AMSGrad, but passing no implicit
/// Scalar to TorchSharp: TorchSharp's own step converts eight numbers per parameter into Scalars left to the
/// finalizer, which can free one while the native op reads it (docs/architecture.md, "Backend"). Adam adds
/// <c>decay·w</c> to the gradient (L2), AdamW decays the weight first (decoupled). Checkpoints hold the state in the
/// layout written for TorchSharp's optimizers (kind "adam" / "adamw", step, both moments, no AMSGrad), so earlier
/// checkpoints resume.
/// </summary>
internal sealed class DenseAdam : ParameterOptimizer
{
    private readonly Tensor[] expAvg;
    private readonly Tensor[] expAvgSq;
    private readonly long[] steps;
    private readonly bool decoupled;

    /// <param name="parameters">Every parameter to train, each with its weight decay.</param>
    /// <param name="learningRate">Initial learning rate.</param>
    /// <param name="decoupled">AdamW's decay (true) or Adam's L2 term (false).</param>
    public DenseAdam(IEnumerable<(Parameter Weight, double WeightDecay)> parameters, double learningRate, bool decoupled)
        : base(parameters, learningRate)
    {
        this.decoupled = decoupled;
        expAvg = ZerosLikeWeights();
        expAvgSq = ZerosLikeWeights();
        steps = new long[Weights.Length];
    }

    private string Kind => decoupled ? "adamw" : "adam";

    private string Name => decoupled ? nameof(OptimizerKind.AdamW) : nameof(OptimizerKind.Adam);

    /// <summary>Updates every weight that has a gradient; the others keep their step count.</summary>
    public override void Step()
    {
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        for (int i = 0; i < Weights.Length; i++)
        {
            var gradient = Weights[i].grad;
            if (gradient is null) continue;
            if (gradient.is_sparse)
                throw new NotSupportedException($"{Name} takes dense gradients; the trainer gives embedding tables sparse ones only for LazyAdam.");
            steps[i]++;
            double decay = WeightDecays[i];
            if (!decoupled && decay != 0)
                using (var l2 = decay.ToScalar()) gradient = gradient.add(Weights[i], alpha: l2);
            AdamUpdate.Apply(Weights[i], expAvg[i], expAvgSq[i], gradient, steps[i], LearningRate, decoupled ? decay : 0);
        }
    }

    public override void WriteState(BinaryWriter writer)
    {
        writer.Write(Weights.Length);
        for (int i = 0; i < Weights.Length; i++) OptimizerStates.WriteAdam(writer, Kind, steps[i], expAvg[i], expAvgSq[i]);
    }

    public override void ReadState(BinaryReader reader)
    {
        OptimizerStates.ReadCount(reader, Weights.Length);
        using var _ = no_grad();
        for (int i = 0; i < Weights.Length; i++) steps[i] = OptimizerStates.ReadAdam(reader, Kind, Name, expAvg[i], expAvgSq[i]);
    }

    public override void Dispose()
    {
        foreach (var t in expAvg) t.Dispose();
        foreach (var t in expAvgSq) t.Dispose();
    }
}
