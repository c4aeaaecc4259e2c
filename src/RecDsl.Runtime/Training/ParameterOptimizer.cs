using TorchSharp.Modules;
using static TorchSharp.torch;

namespace RecDsl.Training;

/// <summary>What RecDsl's optimizers (<see cref="DenseAdam"/>, <see cref="DenseAdagrad"/>, <see cref="LazyAdam"/>)
/// share: the parameters with their weight decay, the learning rate, zero state tensors, and TorchSharp's
/// <c>zero_grad</c> (each existing gradient zeroed in place; LazyAdam drops them instead).</summary>
internal abstract class ParameterOptimizer : TrainingOptimizer
{
    protected ParameterOptimizer(IEnumerable<(Parameter Weight, double WeightDecay)> parameters, double learningRate)
    {
        var list = parameters.ToArray();
        Weights = list.Select(p => p.Weight).ToArray();
        WeightDecays = list.Select(p => p.WeightDecay).ToArray();
        LearningRate = learningRate;
    }

    protected Parameter[] Weights { get; }

    protected double[] WeightDecays { get; }

    public double LearningRate { get; private set; }

    public override void SetLearningRate(double learningRate) => LearningRate = learningRate;

    public override void ZeroGrad()
    {
        using var scope = NewDisposeScope();
        foreach (var w in Weights)
        {
            var gradient = w.grad; // a new wrapper per access; the scope disposes it
            if (gradient is not null) gradient.zero_();
        }
    }

    /// <summary>A zero state tensor per parameter, outside any dispose scope (the optimizer disposes it).</summary>
    protected Tensor[] ZerosLikeWeights()
    {
        using var _ = no_grad();
        return Weights.Select(w => zeros_like(w).DetachFromDisposeScope()).ToArray();
    }
}
