using TorchSharp.Modules;

namespace RecDsl.Training;

/// <summary>What the trainer needs from an optimizer: <see cref="DenseAdam"/> (Adam, AdamW), <see cref="DenseAdagrad"/>
/// or <see cref="LazyAdam"/>. All three are RecDsl's: the first two compute exactly what TorchSharp's optimizers do,
/// without the implicit Scalars that TorchSharp's step leaves to the finalizer (docs/architecture.md, "Backend").</summary>
internal abstract class TrainingOptimizer : IDisposable
{
    /// <summary>Creates the optimizer of <paramref name="kind"/> over <paramref name="parameters"/>, each with its
    /// weight decay (applied as <see cref="OptimizerKind"/> describes for the kind).</summary>
    public static TrainingOptimizer Create(OptimizerKind kind, IReadOnlyList<(Parameter Weight, double WeightDecay)> parameters, double learningRate) => kind switch
    {
        OptimizerKind.LazyAdam => new LazyAdam(parameters, learningRate),
        OptimizerKind.Adam => new DenseAdam(parameters, learningRate, decoupled: false),
        OptimizerKind.AdamW => new DenseAdam(parameters, learningRate, decoupled: true),
        OptimizerKind.Adagrad => new DenseAdagrad(parameters, learningRate),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown optimizer."),
    };

    /// <summary>Clears the gradients before a backward pass.</summary>
    public abstract void ZeroGrad();

    /// <summary>Applies one update from the current gradients.</summary>
    public abstract void Step();

    /// <summary>Sets the learning rate of every parameter.</summary>
    public abstract void SetLearningRate(double learningRate);

    /// <summary>Writes the per-parameter state (steps, moments) for a checkpoint.</summary>
    public abstract void WriteState(BinaryWriter writer);

    /// <summary>Restores state written by <see cref="WriteState"/> into an optimizer of the same kind over the same
    /// parameters.</summary>
    public abstract void ReadState(BinaryReader reader);

    /// <summary>Frees the state tensors.</summary>
    public abstract void Dispose();
}
