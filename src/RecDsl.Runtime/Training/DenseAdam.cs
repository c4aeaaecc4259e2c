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
internal sealed class DenseAdam : TrainingOptimizer
{
    private readonly Parameter[] weights;
    private readonly double[] weightDecays;
    private readonly Tensor[] expAvg;
    private readonly Tensor[] expAvgSq;
    private readonly long[] steps;
    private readonly bool decoupled;

    /// <param name="parameters">Every parameter to train, each with its weight decay.</param>
    /// <param name="learningRate">Initial learning rate.</param>
    /// <param name="decoupled">AdamW's decay (true) or Adam's L2 term (false).</param>
    public DenseAdam(IEnumerable<(Parameter Weight, double WeightDecay)> parameters, double learningRate, bool decoupled)
    {
        var list = parameters.ToArray();
        weights = list.Select(p => p.Weight).ToArray();
        weightDecays = list.Select(p => p.WeightDecay).ToArray();
        LearningRate = learningRate;
        this.decoupled = decoupled;
        using var _ = no_grad();
        expAvg = weights.Select(w => zeros_like(w).DetachFromDisposeScope()).ToArray();
        expAvgSq = weights.Select(w => zeros_like(w).DetachFromDisposeScope()).ToArray();
        steps = new long[weights.Length];
    }

    public double LearningRate { get; private set; }

    private string Kind => decoupled ? "adamw" : "adam";

    private string Name => decoupled ? nameof(OptimizerKind.AdamW) : nameof(OptimizerKind.Adam);

    public override void SetLearningRate(double learningRate) => LearningRate = learningRate;

    public override void ZeroGrad()
    {
        using var scope = NewDisposeScope();
        foreach (var w in weights)
        {
            var gradient = w.grad; // a new wrapper per access; the scope disposes it
            if (gradient is not null) gradient.zero_();
        }
    }

    /// <summary>Updates every weight that has a gradient; the others keep their step count.</summary>
    public override void Step()
    {
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        for (int i = 0; i < weights.Length; i++)
        {
            var gradient = weights[i].grad;
            if (gradient is null) continue;
            if (gradient.is_sparse)
                throw new NotSupportedException($"{Name} takes dense gradients; the trainer gives embedding tables sparse ones only for LazyAdam.");
            steps[i]++;
            double decay = weightDecays[i];
            if (!decoupled && decay != 0)
                using (var l2 = decay.ToScalar()) gradient = gradient.add(weights[i], alpha: l2);
            AdamUpdate.Apply(weights[i], expAvg[i], expAvgSq[i], gradient, steps[i], LearningRate, decoupled ? decay : 0);
        }
    }

    public override void WriteState(BinaryWriter writer)
    {
        writer.Write(weights.Length);
        for (int i = 0; i < weights.Length; i++) OptimizerStates.WriteAdam(writer, Kind, steps[i], expAvg[i], expAvgSq[i]);
    }

    public override void ReadState(BinaryReader reader)
    {
        OptimizerStates.ReadCount(reader, weights.Length);
        using var _ = no_grad();
        for (int i = 0; i < weights.Length; i++) steps[i] = OptimizerStates.ReadAdam(reader, Kind, Name, expAvg[i], expAvgSq[i]);
    }

    public override void Dispose()
    {
        foreach (var t in expAvg) t.Dispose();
        foreach (var t in expAvgSq) t.Dispose();
    }
}
