using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace RecDsl.Training;

/// <summary>Creates the optimizer of <see cref="OptimizerKind"/>, reads and sets its learning rate, and saves and
/// restores its per-parameter state (step counts and moment tensors) in <see cref="TensorFormat"/>.</summary>
internal static class Optimizers
{
    /// <summary>The optimizer of <paramref name="kind"/> over <paramref name="parameters"/>, each with its weight decay.
    /// Consecutive parameters with the same decay share a parameter group, so the parameters (and their state in a
    /// checkpoint) keep their order, and one decay for all is one group, as TorchSharp's plain constructor makes.</summary>
    public static optim.Optimizer Create(OptimizerKind kind, IReadOnlyList<(Parameter Weight, double WeightDecay)> parameters, double learningRate)
    {
        var runs = new List<(List<Parameter> Weights, double WeightDecay)>();
        foreach (var (weight, decay) in parameters)
        {
            if (runs.Count == 0 || runs[^1].WeightDecay != decay) runs.Add((new List<Parameter>(), decay));
            runs[^1].Weights.Add(weight);
        }
        return kind switch
        {
            OptimizerKind.Adam => optim.Adam(runs.Select(r => new Adam.ParamGroup(r.Weights, lr: learningRate, weight_decay: r.WeightDecay)), lr: learningRate),
            OptimizerKind.AdamW => optim.AdamW(runs.Select(r => new AdamW.ParamGroup(r.Weights, lr: learningRate, weight_decay: r.WeightDecay)), lr: learningRate),
            OptimizerKind.Adagrad => optim.Adagrad(runs.Select(r => new Adagrad.ParamGroup(r.Weights, lr: learningRate, weight_decay: r.WeightDecay)), lr: learningRate),
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown optimizer."),
        };
    }

    public static void SetLearningRate(optim.Optimizer optimizer, double learningRate)
    {
        foreach (var group in optimizer.ParamGroups) group.LearningRate = learningRate;
    }

    public static void WriteState(BinaryWriter writer, optim.Optimizer optimizer)
    {
        var states = States(optimizer);
        writer.Write(states.Count);
        foreach (var state in states)
        {
            switch (state)
            {
                case Adam.State s: WriteAdamLike(writer, "adam", s.step, s.exp_avg, s.exp_avg_sq, s.max_exp_avg_sq); break;
                case AdamW.State s: WriteAdamLike(writer, "adamw", s.step, s.exp_avg, s.exp_avg_sq, s.max_exp_avg_sq); break;
                case Adagrad.State s:
                    writer.Write("adagrad");
                    writer.Write(s.step);
                    TensorFormat.Write(writer, s.sum);
                    break;
                default: throw new NotSupportedException($"Cannot save optimizer state of type {state.GetType().FullName}.");
            }
        }
    }

    /// <summary>Restores state written by <see cref="WriteState"/> into an optimizer of the same kind over the
    /// same parameters.</summary>
    public static void ReadState(BinaryReader reader, optim.Optimizer optimizer)
    {
        var states = States(optimizer);
        int count = reader.ReadInt32();
        if (count != states.Count)
            throw new CheckpointException($"The checkpoint holds optimizer state for {count} parameters; the network has {states.Count}.");
        using var _ = no_grad();
        foreach (var state in states)
        {
            var kind = reader.ReadString();
            switch (state)
            {
                case Adam.State s when kind == "adam": s.step = ReadAdamLike(reader, s.exp_avg, s.exp_avg_sq, ref s.max_exp_avg_sq); break;
                case AdamW.State s when kind == "adamw": s.step = ReadAdamLike(reader, s.exp_avg, s.exp_avg_sq, ref s.max_exp_avg_sq); break;
                case Adagrad.State s when kind == "adagrad":
                    s.step = reader.ReadInt64();
                    CopyChecked(reader, s.sum);
                    break;
                default: throw new CheckpointException($"The checkpoint holds '{kind}' optimizer state, but the trainer uses {optimizer.GetType().Name}.");
            }
        }
    }

    private static List<OptimizerState> States(optim.Optimizer optimizer) =>
        optimizer is OptimizerHelper helper ? helper.state_dict().State
            : throw new NotSupportedException($"{optimizer.GetType().Name} does not expose its state.");

    private static void WriteAdamLike(BinaryWriter writer, string kind, long step, Tensor expAvg, Tensor expAvgSq, Tensor? maxExpAvgSq)
    {
        writer.Write(kind);
        writer.Write(step);
        TensorFormat.Write(writer, expAvg);
        TensorFormat.Write(writer, expAvgSq);
        writer.Write(maxExpAvgSq is not null);
        if (maxExpAvgSq is not null) TensorFormat.Write(writer, maxExpAvgSq);
    }

    private static long ReadAdamLike(BinaryReader reader, Tensor expAvg, Tensor expAvgSq, ref Tensor? maxExpAvgSq)
    {
        long step = reader.ReadInt64();
        CopyChecked(reader, expAvg);
        CopyChecked(reader, expAvgSq);
        if (reader.ReadBoolean())
        {
            if (maxExpAvgSq is null) throw new CheckpointException("The checkpoint holds AMSGrad state, but the optimizer does not use AMSGrad.");
            CopyChecked(reader, maxExpAvgSq);
        }
        return step;
    }

    // Straight into the optimizer's tensor, a part at a time: a moment tensor is as large as its parameter.
    internal static void CopyChecked(BinaryReader reader, Tensor destination)
    {
        var header = TensorFormat.ReadHeader(reader);
        if (header.Dtype != destination.dtype || !header.Shape.SequenceEqual(destination.shape))
            throw new CheckpointException(
                $"Optimizer state of shape [{string.Join(", ", header.Shape)}] does not fit a parameter of shape [{string.Join(", ", destination.shape)}].");
        TensorFormat.ReadValues(reader, destination, header);
    }
}
