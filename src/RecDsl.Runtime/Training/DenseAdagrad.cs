using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace RecDsl.Training;

/// <summary>
/// <see cref="OptimizerKind.Adagrad"/>: TorchSharp 0.107's <c>Adagrad</c> with its defaults (no learning-rate decay,
/// accumulator starting at 0, eps 1e-10) operation for operation, passing no implicit Scalar to TorchSharp (see
/// <see cref="DenseAdam"/>): <c>g += decay·w</c> (L2), <c>sum += g²</c>, <c>w -= lr · g / (sqrt(sum) + eps)</c>.
/// Checkpoints hold the state as written for TorchSharp's Adagrad (kind "adagrad", step, sum).
/// </summary>
internal sealed class DenseAdagrad : ParameterOptimizer
{
    public const double Eps = 1e-10;

    private readonly Tensor[] sums;
    private readonly long[] steps;

    public DenseAdagrad(IEnumerable<(Parameter Weight, double WeightDecay)> parameters, double learningRate)
        : base(parameters, learningRate)
    {
        sums = ZerosLikeWeights();
        steps = new long[Weights.Length];
    }

    public override void Step()
    {
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        using Scalar eps = Eps.ToScalar(), stepSize = (-LearningRate).ToScalar();
        for (int i = 0; i < Weights.Length; i++)
        {
            var gradient = Weights[i].grad;
            if (gradient is null) continue;
            if (gradient.is_sparse)
                throw new NotSupportedException("Adagrad takes dense gradients; the trainer gives embedding tables sparse ones only for LazyAdam.");
            steps[i]++;
            if (WeightDecays[i] != 0)
                using (var l2 = WeightDecays[i].ToScalar()) gradient = gradient.add(Weights[i], alpha: l2);
            sums[i].addcmul_(gradient, gradient, value: Backend.Scalars.One);
            var std = sums[i].sqrt().add_(eps, Backend.Scalars.OneInteger);
            Weights[i].addcdiv_(gradient, std, value: stepSize);
        }
    }

    public override void WriteState(BinaryWriter writer)
    {
        writer.Write(Weights.Length);
        for (int i = 0; i < Weights.Length; i++)
        {
            writer.Write(OptimizerStates.AdagradKind);
            writer.Write(steps[i]);
            TensorFormat.Write(writer, sums[i]);
        }
    }

    public override void ReadState(BinaryReader reader)
    {
        OptimizerStates.ReadCount(reader, Weights.Length);
        using var _ = no_grad();
        for (int i = 0; i < Weights.Length; i++)
        {
            OptimizerStates.ReadKind(reader, OptimizerStates.AdagradKind, nameof(OptimizerKind.Adagrad));
            steps[i] = reader.ReadInt64();
            OptimizerStates.CopyChecked(reader, sums[i]);
        }
    }

    public override void Dispose()
    {
        foreach (var t in sums) t.Dispose();
    }
}
