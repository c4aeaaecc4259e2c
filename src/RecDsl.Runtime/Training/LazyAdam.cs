using RecDsl.Backend;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace RecDsl.Training;

/// <summary>
/// <see cref="OptimizerKind.LazyAdam"/>: Adam that updates a parameter with a sparse gradient (an embedding table in
/// sparse-gradient mode) row-wise ("lazily"), reading, updating and writing back only the rows the batch looked up,
/// and every other parameter with dense Adam. TorchSharp 0.107 has no SparseAdam and its Adam rejects sparse
/// gradients, while dense Adam over a 2M-row table costs several full-table passes per step.
/// </summary>
/// <remarks>
/// <para>On a touched row the update is dense Adam's, operation for operation (TorchSharp's <c>Adam</c>/<c>AdamW</c>,
/// which are PyTorch's): <c>m = b1·m + (1-b1)·g</c>, <c>v = b2·v + (1-b2)·g²</c>,
/// <c>w -= lr/(1-b1^t) · m / (sqrt(v)/sqrt(1-b2^t) + eps)</c>, where <c>g</c> is the row of the dense gradient
/// (duplicate ids in a batch summed) and <c>t</c> counts every step in which the weight had a gradient (the global
/// step, as PyTorch's SparseAdam). So when every row is touched in every step this is dense Adam exactly. PyTorch's
/// SparseAdam differs slightly: it adds eps to <c>sqrt(v)</c> before the bias correction, i.e. its effective eps is
/// <c>eps·sqrt(1-b2^t)</c>; we keep dense Adam's placement so that the two paths agree.</para>
/// <para>Untouched rows differ from dense Adam by design: dense Adam sees a zero gradient there, decays m and v and
/// still moves the row by the remaining momentum; here the row, its m and its v stay exactly as they are until the
/// row is looked up again (then its moments resume from their stored values, not decayed for the skipped steps).
/// This is the semantics of PyTorch's SparseAdam and TensorFlow's LazyAdam.</para>
/// <para>Weight decay is decoupled (AdamW): a touched row is multiplied by <c>1 - lr·decay</c> before its update;
/// untouched rows are not decayed. A dense gradient (every parameter but the tables, or a table in dense-gradient
/// mode) is "every row touched": that is TorchSharp's AdamW, operation for operation, and with decay 0 its Adam.</para>
/// </remarks>
internal sealed class LazyAdam : ParameterOptimizer
{
    public const double Beta1 = AdamUpdate.Beta1;
    public const double Beta2 = AdamUpdate.Beta2;
    public const double Eps = AdamUpdate.Eps;

    private readonly Tensor[] expAvg;
    private readonly Tensor[] expAvgSq;
    private readonly long[] steps;

    /// <param name="parameters">Every parameter to train.</param>
    /// <param name="learningRate">Initial learning rate.</param>
    /// <param name="weightDecay">Decoupled decay of touched rows and dense parameters (0: none).</param>
    public LazyAdam(IEnumerable<Parameter> parameters, double learningRate, double weightDecay)
        : this(parameters.Select(p => (p, weightDecay)), learningRate)
    {
    }

    /// <param name="parameters">Every parameter to train, each with its decoupled decay (0: none).</param>
    /// <param name="learningRate">Initial learning rate.</param>
    public LazyAdam(IEnumerable<(Parameter Weight, double WeightDecay)> parameters, double learningRate)
        : base(parameters, learningRate)
    {
        expAvg = ZerosLikeWeights();
        expAvgSq = ZerosLikeWeights();
        steps = new long[Weights.Length];
    }

    /// <summary>Per parameter: the number of steps in which it had a gradient (its bias-correction step).</summary>
    public IReadOnlyList<long> Steps => steps;

    /// <summary>Per parameter: the first moment (m), same shape as the parameter.</summary>
    public IReadOnlyList<Tensor> ExpAvg => expAvg;

    /// <summary>Per parameter: the second moment (v), same shape as the parameter.</summary>
    public IReadOnlyList<Tensor> ExpAvgSq => expAvgSq;

    /// <summary>Drops the gradients (sparse gradients are replaced, never zeroed in place: a zeroed COO tensor would
    /// keep growing as later backward passes append to it).</summary>
    public override void ZeroGrad()
    {
        foreach (var w in Weights) w.grad = null;
    }

    /// <summary>Updates the rows each weight's gradient touches; weights without a gradient are skipped.</summary>
    public override void Step()
    {
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        for (int i = 0; i < Weights.Length; i++)
        {
            var gradient = Weights[i].grad;
            if (gradient is null) continue;
            steps[i]++;
            if (gradient.is_sparse)
            {
                var (rows, g) = SparseRowGradient.SumDuplicates(gradient);
                var m = expAvg[i].index_select(0, rows);
                var v = expAvgSq[i].index_select(0, rows);
                var w = Weights[i].index_select(0, rows);
                AdamUpdate.Apply(w, m, v, g, steps[i], LearningRate, WeightDecays[i]);
                expAvg[i].index_copy_(0, rows, m);
                expAvgSq[i].index_copy_(0, rows, v);
                Weights[i].index_copy_(0, rows, w);
            }
            else
            {
                AdamUpdate.Apply(Weights[i], expAvg[i], expAvgSq[i], gradient, steps[i], LearningRate, WeightDecays[i]);
            }
        }
    }

    /// <summary>Writes, per parameter, its step count and both moments.</summary>
    public override void WriteState(BinaryWriter writer)
    {
        writer.Write(Weights.Length);
        for (int i = 0; i < Weights.Length; i++)
        {
            writer.Write(StateKind);
            writer.Write(steps[i]);
            TensorFormat.Write(writer, expAvg[i]);
            TensorFormat.Write(writer, expAvgSq[i]);
        }
    }

    /// <summary>Restores state written by <see cref="WriteState"/> for the same parameters.</summary>
    public override void ReadState(BinaryReader reader)
    {
        OptimizerStates.ReadCount(reader, Weights.Length);
        using var _ = no_grad();
        for (int i = 0; i < Weights.Length; i++)
        {
            OptimizerStates.ReadKind(reader, StateKind, nameof(OptimizerKind.LazyAdam));
            steps[i] = reader.ReadInt64();
            OptimizerStates.CopyChecked(reader, expAvg[i]);
            OptimizerStates.CopyChecked(reader, expAvgSq[i]);
        }
    }

    public override void Dispose()
    {
        foreach (var t in expAvg) t.Dispose();
        foreach (var t in expAvgSq) t.Dispose();
    }

    private const string StateKind = "lazyadam";
}
